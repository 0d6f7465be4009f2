"""The one way documents enter the database: `record_version` appends version n+1 of
a document only when its normalised text changed, in the caller's transaction."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import immutability  # noqa: F401  (installs the append-only guards)
from . import outbox
from .base import utcnow
from .mandates.lineage import materialise as materialise_mandates
from .documents import Blob, Document, DocumentKind, Fact, Link, Paragraph, Source, Version
from .text import parse
from .text.structure import ParsedText
from .text.symbols import normalise_symbol, symbol_kind
from .textclean import strip_controls

MAX_ATTEMPTS = 8
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})
_SPACE = re.compile(r"[ \t\f\v]+")


class StoreError(ValueError):
    """A document that cannot be stored as given (no identity, empty text)."""


@dataclass(frozen=True)
class Recorded:
    version: Version
    created: bool


def text_hash(parsed: ParsedText, text: str) -> str:
    """SHA-256 of what a version is keyed on: the paragraphs, or the bare text of a
    page without paragraphs, with quote styles and spacing folded away."""
    canonical = parsed.canonical_text() or text
    folded = unicodedata.normalize("NFKC", canonical).translate(_QUOTES)
    lines = (_SPACE.sub(" ", line).strip() for line in folded.splitlines())
    return hashlib.sha256("\n".join(line for line in lines if line).encode("utf-8")).hexdigest()


def document_key(symbol: str | None, source_name: str | None, url: str | None) -> str:
    """"S/RES/2759 (2024)", else "<source>:<url>"."""
    if symbol:
        return normalise_symbol(symbol)
    if source_name and url:
        return f"{source_name}:{url}"
    raise StoreError("a document needs a symbol, or a source and a URL")


def get_or_create_source(session: Session, name: str, title: str | None = None, base_url: str | None = None) -> Source:
    found = session.scalar(select(Source).where(Source.name == name))
    if found:
        return found

    def create() -> Source:
        source = Source(name=name, title=title, base_url=base_url)
        session.add(source)
        return source

    return _insert_or_reload(session, create, lambda: session.scalar(select(Source).where(Source.name == name)))


def get_document(session: Session, symbol_or_key: str) -> Document | None:
    try:
        key = normalise_symbol(symbol_or_key)
    except ValueError:
        key = symbol_or_key
    return session.scalar(select(Document).where(Document.key == key))


def get_or_create_document(
    session: Session,
    *,
    symbol: str | None = None,
    source: Source | None = None,
    url: str | None = None,
    kind: str | None = None,
    title: str | None = None,
) -> Document:
    """The document for a symbol (or source + URL), created on first sight."""
    title = strip_controls(title)
    symbol = normalise_symbol(symbol) if symbol else None
    key = document_key(symbol, source.name if source else None, url)
    found = session.scalar(select(Document).where(Document.key == key))
    if found:
        if title and not found.title:
            found.title = title
        return found
    kind = kind or (symbol_kind(symbol) if symbol else DocumentKind.NEWS.value)

    def create() -> Document:
        doc = Document(
            key=key, symbol=symbol, kind=str(kind), title=title, canonical_url=url,
            source_id=source.id if source else None, body="Security Council" if symbol else None,
        )
        session.add(doc)
        return doc

    return _insert_or_reload(session, create, lambda: session.scalar(select(Document).where(Document.key == key)))


def record_version(
    session: Session,
    *,
    text: str,
    raw: bytes,
    media_type: str,
    symbol: str | None = None,
    source: Source | None = None,
    url: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    fetched_at: datetime | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    headers: Mapping[str, Any] | None = None,
    parsed: ParsedText | None = None,
    text_sha256: str | None = None,
) -> Recorded:
    """Append a version when the normalised text is new for this document; otherwise
    return the version that already holds it and write nothing.

    Runs in the caller's transaction. Concurrent writers are resolved by the unique
    constraints on (document, number) and (document, text hash) and a retry.
    `text_sha256`: `text_hash(parsed, text)` when the caller computed it already.
    """
    cleaned = strip_controls(text)
    stripped = cleaned != text
    if stripped:
        text, parsed = cleaned, None  # parse what is stored, not what came in
    title = strip_controls(title)
    if not text.strip():
        raise StoreError("empty text: nothing to store")
    parsed = parsed or parse(text)
    symbol = symbol or parsed.symbol
    title = strip_controls(title or parsed.title)
    digest = (text_sha256 if text_sha256 and not stripped else None) or text_hash(parsed, text)
    document = get_or_create_document(session, symbol=symbol, source=source, url=url, kind=kind, title=title)

    for _ in range(MAX_ATTEMPTS):
        existing = session.scalar(
            select(Version).where(Version.document_id == document.id, Version.text_sha256 == digest)
        )
        if existing:
            return Recorded(existing, created=False)
        number = (session.scalar(select(func.max(Version.number)).where(Version.document_id == document.id)) or 0) + 1
        try:
            with session.begin_nested():
                blob = _store_blob(session, raw)
                version = Version(
                    document_id=document.id, number=number, text_sha256=digest, raw_sha256=blob.sha256,
                    media_type=media_type, url=url, fetched_at=fetched_at or utcnow(), etag=etag,
                    last_modified=last_modified, http_headers=dict(headers) if headers else None,
                    title=title, text=text, meeting=parsed.meeting,
                    adopted_on=date.fromisoformat(parsed.adopted_on) if parsed.adopted_on else None,
                )
                session.add(version)
                session.flush()
                _store_structure(session, version, parsed)
                materialise_mandates(session, document, version, parsed)  # lineages, same transaction
        except IntegrityError:
            continue  # another writer took this number or this text: look again
        outbox.version_recorded(session, document, version)  # the alert event, same transaction
        return Recorded(version, created=True)
    raise StoreError(f"could not record a version of {document.key} after {MAX_ATTEMPTS} attempts")


def add_link(session: Session, from_doc: Document, to_doc: Document, kind: str, source: Source | None = None) -> Link:
    """Link two documents once ("S/2025/748" adopted-as "S/RES/2803 (2025)")."""
    query = select(Link).where(Link.from_id == from_doc.id, Link.to_id == to_doc.id, Link.kind == kind)
    found = session.scalar(query)
    if found:
        return found

    def create() -> Link:
        link = Link(from_id=from_doc.id, to_id=to_doc.id, kind=kind, source_id=source.id if source else None)
        session.add(link)
        return link

    return _insert_or_reload(session, create, lambda: session.scalar(query))


def latest_version(session: Session, document: Document) -> Version | None:
    return session.scalar(
        select(Version).where(Version.document_id == document.id).order_by(Version.number.desc()).limit(1)
    )


def get_version(session: Session, symbol_or_key: str, number: int) -> Version | None:
    document = get_document(session, symbol_or_key)
    if document is None:
        return None
    return session.scalar(select(Version).where(Version.document_id == document.id, Version.number == number))


def _store_blob(session: Session, raw: bytes) -> Blob:
    sha = hashlib.sha256(raw).hexdigest()
    blob = session.get(Blob, sha)
    if blob is None:
        blob = Blob(sha256=sha, size=len(raw), data=raw)
        with session.begin_nested():
            session.add(blob)
    return blob


def _store_structure(session: Session, version: Version, parsed: ParsedText) -> None:
    """The version's paragraphs (reading order; sub-paragraphs point at their parent) and
    facts, inserted in bulk: one statement per nesting depth, one for the facts."""
    flat: list[tuple[int, int | None, int, Any]] = []  # position, parent's position, depth, paragraph

    def walk(paragraph, parent: int | None, depth: int) -> None:
        position = len(flat)
        flat.append((position, parent, depth, paragraph))
        for child in paragraph.children:
            walk(child, position, depth + 1)

    for top in parsed.paragraphs:
        walk(top, None, 0)
    ids: dict[int, int] = {}
    table = Paragraph.__table__
    for depth in range(max((row[2] for row in flat), default=-1) + 1):
        rows = [{"version_id": version.id, "position": position, "parent_id": ids[parent] if parent is not None else None,
                 "kind": paragraph.kind, "number": paragraph.number, "anchor": paragraph.anchor or f"p-{position}",
                 "text": paragraph.text} for position, parent, level, paragraph in flat if level == depth]
        inserted = session.execute(insert(table).returning(table.c.id, table.c.position), rows)
        ids.update({position: row_id for row_id, position in inserted})
    if parsed.facts:
        session.execute(insert(Fact.__table__), [
            {"version_id": version.id, "kind": fact.kind, "value": fact.value, "entity": fact.entity,
             "paragraph": fact.paragraph, "evidence": fact.evidence, "reported": fact.reported}
            for fact in parsed.facts])


def _insert_or_reload(session: Session, create, reload):
    try:
        with session.begin_nested():
            obj = create()
            session.flush()
        return obj
    except IntegrityError:
        found = reload()
        if found is None:
            raise
        return found
