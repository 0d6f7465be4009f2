"""UN Official Document System: the text of every symbol the other sources mention.

Discovery: the spider asks the database which mentioned symbols have no text yet
(resolutions, drafts, presidential statements first). Endpoints, direct PDF first:
1. `https://docs.un.org/en/<symbol>?direct=true` — the docs.un.org viewer's direct
   answer, the PDF itself (the form the UN Journal's own agenda links use:
   "docs.un.org/en/S/2025/748?direct");
2. `https://documents.un.org/api/symbol/access?s=<symbol>&l=en&t=pdf` — the ODS access
   API (the link the viewer embeds);
3. `https://undocs.org/en/<symbol>` — the resolver, which now fronts the docs.un.org
   viewer: a page that embeds or links the PDF (iframe/embed/object, meta refresh or a
   .pdf / t=pdf link), followed once.
A `200` with an empty body is how ODS answers a symbol whose document is not yet
published: counted as "not yet published" (`councilwatch/not_yet_published`), never
a failure; the next endpoint is tried first. Parsing: a PDF (by Content-Type or the
`%PDF-` signature) is handed to the pipeline, whose PDF-layer reader
(models.rawtext) extracts its text in a bounded subprocess; plain text as is.
Identity: the symbol (from the request, else the URL: path or `s=` parameter).
"""
from __future__ import annotations

import logging
import re
from typing import Iterator
from urllib.parse import parse_qs, quote, unquote, urlsplit

from scrapy.http import Response
from sqlalchemy import exists, select

from models.db import Database
from models.documents import Document, Version
from models.text.symbols import SymbolError, normalise_symbol, symbol_kind, undocs_url, url_form

from ..items import DocumentItem, capture
from .base import CouncilSpider, ParseError, has_meta

_KIND_ORDER = ("resolution", "draft", "statement", "report", "meeting_record")
logger = logging.getLogger(__name__)


def endpoints(symbol: str) -> list[str]:
    """Where a symbol's English document is asked for, direct PDF first."""
    spelled = quote(url_form(symbol), safe="/()")
    return [f"https://docs.un.org/en/{spelled}?direct=true",
            f"https://documents.un.org/api/symbol/access?s={spelled}&l=en&t=pdf",
            undocs_url(symbol)]


def symbol_from_url(url: str) -> str | None:
    """`https://undocs.org/en/S/RES/2759(2024)` → `S/RES/2759 (2024)`; also the
    docs.un.org viewer path and the access API's `s=` parameter."""
    parts = urlsplit(url)
    given = parse_qs(parts.query).get("s")
    if given:
        try:
            return normalise_symbol(given[0])
        except SymbolError:
            return None
    path = unquote(parts.path).lstrip("/")
    path = re.sub(r"^(?:[a-z]{2}/)", "", path)
    try:
        return normalise_symbol(path)
    except SymbolError:
        return None


class OdsSpider(CouncilSpider):
    name = "ods"
    source_title = "UN Official Document System (undocs.org)"
    source_url = "https://undocs.org/"
    replay_order = 30
    routes = (
        (r"undocs\.org/(?:[a-z]{2}/)?(?:S|SC)/", "parse_document"),
        (r"documents\.un\.org/|docs\.un\.org/(?:[a-z]{2}/)?(?:S|SC)/|\.pdf$", "parse_document"),
        (r"^https?://[^/]+/[a-z]{2}/(?:S|SC)/[^?]+(?:\?direct=true)?$", "parse_document"),
    )

    def __init__(self, *args, symbols: str | None = None, limit: str | int = 200, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.symbols = [s for s in re.split(r"[,\n]+", symbols or "") if s.strip()]
        self.limit = int(limit)

    async def start(self):
        if self.replaying or self.start_urls:
            async for request in super().start():
                yield request
            return
        for symbol in self.symbols or self._wanted_symbols():
            first, *rest = endpoints(symbol)
            yield self.page(first, self.parse_document, meta={"symbol": normalise_symbol(symbol), "fallbacks": rest})

    def _wanted_symbols(self) -> list[str]:
        """Symbols stored without any version, most useful kinds first."""
        database = Database(self.settings.get("COUNCILWATCH_DATABASE_URL") or None)
        try:
            with database.reader() as session:
                rows = session.execute(
                    select(Document.symbol, Document.kind).where(
                        Document.symbol.is_not(None), Document.kind.in_(_KIND_ORDER),
                        ~exists().where(Version.document_id == Document.id),
                    ).order_by(Document.id.desc())
                ).all()
        finally:
            database.dispose()
        rows.sort(key=lambda row: _KIND_ORDER.index(row.kind))
        return [row.symbol for row in rows[: self.limit]]

    def parse_document(self, response: Response) -> Iterator[DocumentItem]:
        symbol = response.meta.get("symbol") or symbol_from_url(response.url)
        if symbol is None:
            raise ParseError(f"{response.url}: no document symbol in the URL")
        fallbacks = list(response.meta.get("fallbacks") or []) if has_meta(response) else []
        if not response.body.strip():
            if fallbacks:
                yield from self._next(response, symbol, fallbacks)
                return
            self.count("councilwatch/not_yet_published")
            logger.info("%s: not yet published (empty answer from %s)", symbol, response.url)
            return
        kind = _parse_kind(response)
        if kind in ("pdf", "txt"):
            media = "application/pdf" if kind == "pdf" else "text/plain"
            yield capture(response, symbol=symbol, kind=symbol_kind(symbol), media_type=media)
            return
        target = _parse_document_link(response)
        if target is None:
            if fallbacks:
                yield from self._next(response, symbol, fallbacks)
                return
            raise ParseError(f"{response.url}: no document behind the viewer page for {symbol}")
        request = self.follow_page(response, target, self.parse_document, meta={"symbol": symbol})
        if request is not None:
            yield request

    def _next(self, response: Response, symbol: str, fallbacks: list[str]):
        """The next endpoint for this symbol (on replay the archive holds what was fetched)."""
        following, *rest = fallbacks
        if not self.replaying:
            yield self.page(following, self.parse_document, meta={"symbol": symbol, "fallbacks": rest})



def _parse_kind(response: Response) -> str:
    media = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    if "pdf" in media or response.body[:5] == b"%PDF-":
        return "pdf"
    if media.startswith("text/plain"):
        return "txt"
    return "html"


def _parse_document_link(response: Response) -> str | None:
    """The PDF a resolver page points at: meta refresh, iframe/embed/object, or a .pdf link."""
    refresh = response.css('meta[http-equiv="refresh" i]::attr(content)').get()
    if refresh and "url=" in refresh.lower():
        return refresh.split("=", 1)[1].strip(" '\"")
    for selector in ("iframe::attr(src)", "embed::attr(src)", "object::attr(data)"):
        found = response.css(selector).get()
        if found:
            return found
    for href in response.css("a::attr(href)").getall():
        if href.lower().split("?")[0].endswith(".pdf") or "t=pdf" in href.lower():
            return href
    return None
