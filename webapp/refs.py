"""How documents, versions and comparisons are named in URLs.

Symbols are spelled as undocs.org spells them, `/S/RES/2759(2024)`; version n of a
document is `/S/RES/2759(2024)@1`; a document without a symbol (a news page) is
`/d/<id>`. A comparison names two versions as `SYMBOL@N`:
`/compare?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.documents import Document, Version
from models.text.symbols import SymbolError, normalise_symbol, url_form

_SAFE = "/()@.,:;!$'*+=~-_"
_QUERY_SAFE = "/()@.,:;!$'*~-_"
_BY_ID = re.compile(r"^d/([0-9]{1,9})$", re.ASCII)
_REF = re.compile(r"^(?P<doc>.+?)(?:@(?P<number>[0-9]{1,9}))?$")


class RefError(ValueError):
    """A string that names no document or version."""


@dataclass(frozen=True)
class DocRef:
    """A parsed document name: a canonical symbol, or a numeric id for symbol-less documents."""

    symbol: str | None = None
    document_id: int | None = None

    @property
    def slug(self) -> str:
        return url_form(self.symbol) if self.symbol else f"d/{self.document_id}"


def parse_document(raw: str) -> DocRef:
    """`s/res/2759 (2024)` → DocRef("S/RES/2759 (2024)"); `d/12` → DocRef(document_id=12)."""
    raw = raw.strip().strip("/")
    match = _BY_ID.match(raw)
    if match:
        return DocRef(document_id=int(match.group(1)))
    try:
        return DocRef(symbol=normalise_symbol(raw))
    except SymbolError as error:
        raise RefError(str(error)) from None


def parse_version_ref(raw: str) -> tuple[DocRef, int | None]:
    """`S/RES/2149(2014)@1` → (DocRef, 1); without `@N` the number is None (latest)."""
    match = _REF.match((raw or "").strip())
    if not match:
        raise RefError(f"not a version reference: {raw!r}")
    number = match.group("number")
    return parse_document(match.group("doc")), int(number) if number else None


def find_document(session: Session, ref: DocRef) -> Document | None:
    if ref.document_id is not None:
        return session.get(Document, ref.document_id)
    return session.scalar(select(Document).where(Document.symbol == ref.symbol))


def find_version(session: Session, document: Document, number: int | None) -> Version | None:
    """Version `number` of a document, or its latest when number is None."""
    query = select(Version).where(Version.document_id == document.id)
    if number is None:
        return session.scalar(query.order_by(Version.number.desc()).limit(1))
    return session.scalar(query.where(Version.number == number))


def slug(document: Document) -> str:
    return url_form(document.symbol) if document.symbol else f"d/{document.id}"


def _q(text: str) -> str:
    return quote(text, safe=_SAFE)


def document_path(document: Document) -> str:
    return "/" + _q(slug(document))


def version_ref(document: Document, number: int) -> str:
    return f"{slug(document)}@{number}"


def version_path(document: Document, number: int) -> str:
    return "/" + _q(version_ref(document, number))


def compare_query(old: str, new: str) -> str:
    return f"old={quote(old, safe=_QUERY_SAFE)}&new={quote(new, safe=_QUERY_SAFE)}"


def compare_path(old_doc: Document, old_number: int, new_doc: Document, new_number: int) -> str:
    """`/compare?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1`, the comparison permalink."""
    return "/compare?" + compare_query(version_ref(old_doc, old_number), version_ref(new_doc, new_number))


def mandate_path(entity: str) -> str:
    return "/mandates/" + quote(entity, safe="")
