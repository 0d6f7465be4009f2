"""News and press items reporting a draft's content (like the Press TV report, reprinted
by GlobalSecurity.org, on the United States draft for a Gaza stabilization force),
stored as kind `news` and linked (`reports-on`) to the draft they report on.

The items come from a watch list (crawler/news_watchlist.tsv, or the
COUNCILWATCH_NEWS_WATCHLIST file: URL, tab, the symbol reported on); any symbol the
text itself names ("draft resolution S/2025/748") is linked as well.

Discovery: only the watch list's URLs (no crawling beyond them). Parsing: `<article>`,
else `<main>`, else the whole text (plain-text reprints). Identity: keyed by URL.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from scrapy.http import Response

from models.rawtext import to_text
from models.text.symbols import SymbolError, normalise_symbol, symbol_kind, symbols_in

from ..items import DocRef, DocumentItem, LinkRef, capture
from ..urls import canonical_url
from .base import CouncilSpider, ParseError

WATCHLIST = Path(__file__).resolve().parent.parent / "news_watchlist.tsv"
_REPORTED_KINDS = ("draft", "resolution")


def read_watchlist(path: Path) -> dict[str, str | None]:
    """{canonical URL: symbol reported on, or None} from a tab-separated watch list."""
    entries: dict[str, str | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        url, _, symbol = line.partition("\t")
        entries[canonical_url(url.strip())] = symbol.strip() or None
    return entries


class NewsSpider(CouncilSpider):
    name = "news"
    source_title = "News and press items on Council drafts"
    replay_order = 40

    def __init__(self, *args, watchlist: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        path = Path(watchlist or os.environ.get("COUNCILWATCH_NEWS_WATCHLIST") or WATCHLIST)
        self.watchlist = read_watchlist(path) if path.is_file() else {}
        if not self.start_urls:
            self.start_urls = list(self.watchlist)

    def route(self, url: str):
        if canonical_url(url) in self.watchlist or canonical_url(url) in map(canonical_url, self.start_urls):
            return self.parse_article
        return None

    def parse_article(self, response: Response) -> Iterator[DocumentItem]:
        item = capture(response, kind="news", keyed_by_url=True)
        item.text = _parse_text(response)
        item.title = _parse_title(response, item.text)
        reported = self.watchlist.get(canonical_url(response.url))
        for symbol in _parse_reported_symbols(item.text, reported):
            item.documents.append(DocRef(symbol, kind=symbol_kind(symbol)))
            item.links.append(LinkRef("reports-on", target=symbol))
        yield item


def _parse_text(response: Response) -> str:
    """The article's words: the `<article>` (or `<main>`) element when there is one."""
    media = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    if "html" in media or response.body.lstrip()[:1] == b"<":
        for selector in ("article", "main", '[role="main"]'):
            fragment = response.css(selector).get()
            if fragment:
                return to_text(fragment.encode("utf-8"), "article.html", "text/html")
    text = to_text(response.body, "article", media or None)
    if not text.strip():
        raise ParseError(f"{response.url}: no text")
    return text


def _parse_title(response: Response, text: str) -> str | None:
    """`og:title`, `<h1>`, `<title>`, or for plain text the headline line (the first
    line of more than four words that is not a banner)."""
    if response.body.lstrip()[:1] == b"<":
        for selector in ('meta[property="og:title"]::attr(content)', "h1::text", "title::text"):
            found = response.css(selector).get()
            if found and found.strip():
                return " ".join(found.split())
    for line in text.splitlines():
        words = line.split()
        if 4 < len(words) < 30 and not line.isupper() and "donation" not in line.lower():
            return line.strip()
    return None


def _parse_reported_symbols(text: str, reported: str | None) -> list[str]:
    found = [s for s in symbols_in(text) if symbol_kind(s) in _REPORTED_KINDS]
    if reported:
        try:
            found.insert(0, normalise_symbol(reported))
        except SymbolError:
            pass
    return list(dict.fromkeys(found))
