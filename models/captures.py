"""Which sources saw a document, and when each saw it first: "first seen in un_press at
…". A document named by several sources (a draft in What's in Blue, then the press
release, then the library's table) is one document with one capture per spider; the
row is written once, when that spider first reports the document, and never changed."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, UTCDateTime


class DocumentCapture(Base):
    """The first time one spider reported one document: the page it read, the page that
    led to it (listing or feed), and whether that page was the document's own text."""

    __tablename__ = "document_capture"
    __table_args__ = (UniqueConstraint("document_id", "spider"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    spider: Mapped[str] = mapped_column(String(64))
    page_url: Mapped[str] = mapped_column(Text)
    found_on: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The version this page gave the document (its own text), or None (only named it).
    version_id: Mapped[int | None] = mapped_column(ForeignKey("version.id"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    role: Mapped[str] = mapped_column(String(16), default="named")  # "text" or "named"


def record_captures(session: Session, document_ids: Iterable[int], *, spider: str, page_url: str,
                    found_on: str | None, seen_at: datetime, run_id: int | None,
                    own: tuple[int, int | None] | None = None) -> int:
    """Add a capture for each document this spider has not reported before (one query
    for the existing ones); `own` is (document id, version id) of the page's own
    document. Returns how many were added: 0 when the spider has seen them all."""
    wanted = set(document_ids)
    if own is not None:
        wanted.add(own[0])
    if not wanted:
        return 0
    known: set[int] = set()
    ids = sorted(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        known.update(session.scalars(select(DocumentCapture.document_id).where(
            DocumentCapture.spider == spider, DocumentCapture.document_id.in_(chunk))))
    rows = []
    for document_id in ids:
        if document_id in known:
            continue
        is_own = own is not None and own[0] == document_id
        rows.append({"document_id": document_id, "spider": spider, "page_url": page_url, "found_on": found_on,
                     "first_seen_at": seen_at, "run_id": run_id, "role": "text" if is_own else "named",
                     "version_id": own[1] if is_own else None})
    if rows:
        session.flush()  # the documents and version referred to exist before the bulk insert
        session.execute(insert(DocumentCapture), rows)
    return len(rows)


def captures_of(session: Session, document_id: int) -> list[DocumentCapture]:
    """Every source's first sighting of a document, earliest first."""
    return list(session.scalars(select(DocumentCapture).where(DocumentCapture.document_id == document_id)
                                .order_by(DocumentCapture.first_seen_at, DocumentCapture.id)))
