"""UN Official Document System: the text of every symbol the other sources mention.

`https://undocs.org/en/S/RES/2759(2024)` resolves a symbol; it redirects to the
document (a PDF on documents.un.org), or to a page that links or embeds it. The
spider asks the database which mentioned symbols have no text yet (resolutions,
drafts, presidential statements first), fetches each, and hands the PDF bytes to
the pipeline, which reads their text layer in a bounded subprocess.
"""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote, urlsplit

from scrapy.http import Response
from sqlalchemy import exists, select

from models.db import Database
from models.documents import Document, Version
from models.text.symbols import SymbolError, normalise_symbol, symbol_kind, undocs_url

from ..items import DocumentItem, capture
from .base import CouncilSpider, ParseError

_KIND_ORDER = ("resolution", "draft", "statement", "report", "meeting_record")


def symbol_from_url(url: str) -> str | None:
    """`https://undocs.org/en/S/RES/2759(2024)` → `S/RES/2759 (2024)`."""
    path = unquote(urlsplit(url).path).lstrip("/")
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
        (r"documents\.un\.org/|docs\.un\.org/|\.pdf$", "parse_document"),
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
            url = undocs_url(symbol)
            yield self.page(url, self.parse_document, meta={"symbol": normalise_symbol(symbol)})

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
        kind = _parse_kind(response)
        if kind in ("pdf", "txt"):
            media = "application/pdf" if kind == "pdf" else "text/plain"
            yield capture(response, symbol=symbol, kind=symbol_kind(symbol), media_type=media)
            return
        target = _parse_document_link(response)
        if target is None:
            raise ParseError(f"{response.url}: no document behind the resolver page for {symbol}")
        request = self.follow_page(response, target, self.parse_document, meta={"symbol": symbol})
        if request is not None:
            yield request


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
