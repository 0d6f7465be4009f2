"""Quarantine: a complete capture that would delete most of a document is held here,
not published and not alerted, until the operator releases it (it then becomes the
next version, with its alert) or rejects it (it never does; the same text seen again
stays rejected). Its own table, because its state changes; versions never do.
"""
from __future__ import annotations

import enum
import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow
from .documents import Document, Source


class HoldState(str, enum.Enum):
    HELD = "held"
    RELEASED = "released"
    REJECTED = "rejected"


class QuarantinedVersion(Base):
    """A candidate version held for review, with everything needed to store it later."""

    __tablename__ = "quarantined_version"
    __table_args__ = (UniqueConstraint("document_id", "text_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    previous_number: Mapped[int | None] = mapped_column(Integer)
    text_sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default=HoldState.HELD.value, index=True)
    reason: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    media_type: Mapped[str] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(String(2000))
    kind: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    http_headers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    held_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_number: Mapped[int | None] = mapped_column(Integer)  # set on release

    document: Mapped[Document] = relationship()


class QuarantineError(ValueError):
    """No such held capture, or it was already decided."""


def hold(session: Session, *, document: Document, previous_number: int | None, reason: str, text: str,
         text_sha256: str, raw: bytes, media_type: str, url: str | None, kind: str | None, title: str | None,
         source: Source | None, fetched_at: datetime, etag: str | None = None, last_modified: str | None = None,
         headers: dict[str, Any] | None = None) -> tuple[QuarantinedVersion, bool]:
    """Hold a candidate (once per document and text); returns (row, newly held)."""
    found = session.scalar(select(QuarantinedVersion).where(
        QuarantinedVersion.document_id == document.id, QuarantinedVersion.text_sha256 == text_sha256))
    if found is not None:
        return found, False
    row = QuarantinedVersion(
        document_id=document.id, previous_number=previous_number, text_sha256=text_sha256, reason=reason,
        text=text, raw=raw, media_type=media_type, url=url, kind=kind, title=title,
        source_id=source.id if source else None, fetched_at=fetched_at, etag=etag, last_modified=last_modified,
        http_headers=dict(headers) if headers else None, state=HoldState.HELD.value, held_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row, True


def held(session: Session, state: str | None = HoldState.HELD.value) -> list[QuarantinedVersion]:
    query = select(QuarantinedVersion).order_by(QuarantinedVersion.id)
    if state:
        query = query.where(QuarantinedVersion.state == state)
    return list(session.scalars(query))


def _pending(session: Session, hold_id: int) -> QuarantinedVersion:
    row = session.get(QuarantinedVersion, hold_id)
    if row is None:
        raise QuarantineError(f"no held capture {hold_id}")
    if row.state != HoldState.HELD.value:
        raise QuarantineError(f"held capture {hold_id} was already {row.state}")
    return row


def release(session: Session, hold_id: int):
    """Store the held capture as the document's next version (alert included)."""
    from .store import record_version

    row = _pending(session, hold_id)
    source = session.get(Source, row.source_id) if row.source_id else None
    recorded = record_version(
        session, text=row.text, raw=row.raw, media_type=row.media_type, symbol=row.document.symbol,
        source=source, url=row.url, kind=row.kind, title=row.title, fetched_at=row.fetched_at, etag=row.etag,
        last_modified=row.last_modified, headers=row.http_headers,
    )
    row.state, row.decided_at, row.version_number = HoldState.RELEASED.value, utcnow(), recorded.version.number
    return recorded


def reject(session: Session, hold_id: int) -> QuarantinedVersion:
    """Never store the held capture; the same text seen again stays rejected."""
    row = _pending(session, hold_id)
    row.state, row.decided_at = HoldState.REJECTED.value, utcnow()
    return row


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
