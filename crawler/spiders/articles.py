"""Feed (or listing page) → article pages, the shape every news-like source shares (UN
press, What's in Blue, the missions' statements). Each site's module names its feeds,
its listing and article URL patterns and its selectors.

Discovery: the site's feed or API first (`feed_urls`: RSS, Atom, GOV.UK search JSON),
fetched conditionally (ETag / Last-Modified remembered, so an unchanged feed costs a
304); the listing page (`default_start_urls`) only when the feed cannot be fetched or
read. Parsing: the article's text is read from its content element only, so page
chrome (menus, "page generated" stamps, share links) never makes a new version.
Relevance: a spider with `council_only` stores an article only when it concerns the
Security Council (crawler.relevance); the others are counted as off-topic, and a run
that is mostly off-topic makes the source unhealthy. Navigation pages
(`navigation_pattern`) are never read as articles."""
from __future__ import annotations

import logging
import re
from typing import Iterator

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from models.rawtext import to_text
from models.text.symbols import symbol_kind, symbols_in

from ..blocking import BlockedBySite
from ..conditional import REMEMBER_VALIDATORS, NotModified
from ..feeds import FeedError, read_feed
from ..items import DocRef, DocumentItem, LinkRef, capture
from ..prose import iso_date
from ..relevance import concerns_the_council
from .base import CouncilSpider, ParseError, has_meta

logger = logging.getLogger(__name__)


class ArticleSpider(CouncilSpider):
    #: Feeds and APIs read first; the listing pages (`default_start_urls`) are the fallback.
    feed_urls: tuple[str, ...] = ()
    feed_pattern: str = r"$^"
    listing_pattern: str = r"$^"
    article_pattern: str = r"$^"
    #: Pages that match `article_pattern` but are site navigation ("/Contact-us").
    navigation_pattern: str = r"$^"
    #: Store only articles that concern the Security Council.
    council_only = False
    kind = "statement"
    body_selectors: tuple[str, ...] = ("article", "main", '[role="main"]')
    title_selectors: tuple[str, ...] = ('meta[property="og:title"]::attr(content)', "h1 *::text", "h1::text", "title::text")
    date_selectors: tuple[str, ...] = ("time::attr(datetime)", 'meta[property="article:published_time"]::attr(content)')
    title_suffixes: tuple[str, ...] = ()
    #: Listing pages followed per crawl (the first is the newest).
    max_listing_pages = 1
    next_selector = 'a[rel="next"]::attr(href), li.pager__item--next a::attr(href)'
    #: Where the listing's article links are (None: any link that routes to an article).
    listing_link_selector: str | None = None

    def __init__(self, *args, **kwargs) -> None:
        explicit = kwargs.get("start_urls")
        super().__init__(*args, **kwargs)
        if not explicit and self.feed_urls:
            self.start_urls = list(self.feed_urls)
        self._navigation = re.compile(self.navigation_pattern)
        self._routes = [(re.compile(self.feed_pattern), "parse_feed"),
                        (re.compile(self.article_pattern), "parse_article"),
                        (re.compile(self.listing_pattern), "parse_listing")]

    def route(self, url: str):
        if self._navigation.search(url):
            return None
        return super().route(url)

    def page(self, url: str, callback, **kwargs) -> Request:
        if callback == self.parse_feed:
            meta = {REMEMBER_VALIDATORS: True, **kwargs.pop("meta", {})}
            return Request(url, callback=callback, errback=self.feed_failed, meta=meta, **kwargs)
        return super().page(url, callback, **kwargs)

    def parse_feed(self, response: Response) -> Iterator:
        """The feed's entries that are articles of this site; the listing if the feed is unreadable."""
        try:
            entries = read_feed(response.body, response.url)
        except FeedError as error:
            logger.warning("%s: feed unreadable (%s): falling back to the listing", response.url, error)
            yield from self.fallback()
            return
        if not entries:
            logger.warning("%s: empty feed: falling back to the listing", response.url)
            yield from self.fallback()
            return
        self.count("councilwatch/feed_entries", len(entries))
        for entry in entries:
            if self.route(entry.url) != self.parse_article:
                continue
            request = self.follow_page(response, entry.url, self.parse_article,
                                       meta={"feed_title": entry.title, "feed_published": entry.published})
            if request is not None:
                yield request

    def feed_failed(self, failure: Failure) -> Iterator:
        """An unchanged feed (304) means nothing new; a failed one, the listing instead."""
        if failure.check(NotModified, BlockedBySite):
            return
        self.fetch_failed(failure)
        yield from self.fallback()

    def fallback(self) -> Iterator[Request]:
        if self.replaying:
            return
        self.count("councilwatch/feed_fallback")
        for url in self.default_start_urls:
            yield self.page(url, self.route(url) or self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator:
        links = [href for href in response.css(self.listing_link_selector or "a::attr(href)").getall()
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
        meta = response.meta if has_meta(response) else {}
        item.title = self._parse_title(response) or meta.get("feed_title")
        if self.council_only and not concerns_the_council(item.title, item.text):
            self.count("councilwatch/off_topic")
            logger.info("not about the Security Council, not stored: %s (%s)", response.url, item.title)
            return
        published = self._parse_date(response, item.text) or meta.get("feed_published")
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
        """The text of the first content element that has any."""
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
