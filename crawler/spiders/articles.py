"""Listing page → article pages, the shape every news-like source shares (UN press,
What's in Blue, the missions' statements). Each site's module names its URL patterns
and selectors; the article's text is read from its content element only, so page
chrome (menus, "page generated" stamps, share links) never makes a new version."""
from __future__ import annotations

import re
from typing import Iterator

from scrapy.http import Response

from models.rawtext import to_text
from models.text.symbols import symbol_kind, symbols_in

from ..items import DocRef, DocumentItem, LinkRef, capture
from ..prose import iso_date
from .base import CouncilSpider, ParseError


class ArticleSpider(CouncilSpider):
    listing_pattern: str = r"$^"
    article_pattern: str = r"$^"
    kind = "statement"
    body_selectors: tuple[str, ...] = ("article", "main", '[role="main"]')
    title_selectors: tuple[str, ...] = ('meta[property="og:title"]::attr(content)', "h1 *::text", "h1::text", "title::text")
    date_selectors: tuple[str, ...] = ("time::attr(datetime)", 'meta[property="article:published_time"]::attr(content)')
    title_suffixes: tuple[str, ...] = ()
    #: Listing pages followed per crawl (the first is the newest).
    max_listing_pages = 1
    next_selector = 'a[rel="next"]::attr(href), li.pager__item--next a::attr(href)'

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._routes = [(re.compile(self.article_pattern), "parse_article"),
                        (re.compile(self.listing_pattern), "parse_listing")]

    def parse_listing(self, response: Response) -> Iterator:
        links = [href for href in response.css("a::attr(href)").getall()
                 if self.route(response.urljoin(href)) == self.parse_article]
        if not links:
            raise ParseError(f"{response.url}: no article links on the listing page")
        for href in dict.fromkeys(links):
            request = self.follow_page(response, href, self.parse_article)
            if request is not None:
                yield request
        depth = response.meta.get("listing_page", 1)
        following = response.css(self.next_selector).get()
        if following and depth < self.max_listing_pages:
            request = self.follow_page(response, following, self.parse_listing, meta={"listing_page": depth + 1})
            if request is not None:
                yield request

    def parse_article(self, response: Response) -> Iterator[DocumentItem]:
        item = capture(response, kind=self.kind, keyed_by_url=True)
        item.text = self._parse_body(response)
        item.title = self._parse_title(response)
        published = self._parse_date(response, item.text)
        if published:
            item.extra["published"] = published
        for symbol in self._parse_mentions(item.text):
            item.documents.append(DocRef(symbol, kind=symbol_kind(symbol)))
            item.links.append(LinkRef("reports-on", target=symbol))
        self.enrich(item, response)
        yield item

    def enrich(self, item: DocumentItem, response: Response) -> None:
        """Site-specific fields (votes, penholders …); the default adds nothing."""

    def _parse_body(self, response: Response) -> str:
        for selector in self.body_selectors:
            fragment = response.css(selector).get()
            if fragment:
                text = to_text(fragment.encode("utf-8"), "article.html", "text/html")
                if text.strip():
                    return text
        raise ParseError(f"{response.url}: no article body ({', '.join(self.body_selectors)})")

    def _parse_title(self, response: Response) -> str | None:
        for selector in self.title_selectors:
            found = " ".join("".join(response.css(selector).getall()).split())
            if found:
                for suffix in self.title_suffixes:
                    found = found.removesuffix(suffix).strip()
                return found
        return None

    def _parse_date(self, response: Response, text: str) -> str | None:
        for selector in self.date_selectors:
            value = response.css(selector).get()
            if value:
                found = value.strip()[:10]
                if len(found) == 10 and found[4] == "-":
                    return found
                parsed = iso_date(value)
                if parsed:
                    return parsed
        return iso_date(text[:600])

    def _parse_mentions(self, text: str) -> list[str]:
        """Drafts and resolutions the article names ("S/2023/773", "resolution 2712 (2023)")."""
        return [s for s in symbols_in(text) if symbol_kind(s) in ("draft", "resolution")]
