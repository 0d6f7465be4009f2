"""Frozen readings: what an immutable URL (a version page, a comparison, their JSON)
returned the first time, kept forever, byte for byte.

A reading is made by an *engine*: the reader, the comparison code and the renderer that
turn stored versions into a body. When the engine changes, an old URL still returns its
frozen body; the new engine's reading of the same URL is frozen under
`URL?reading=<engine>`, and the old response names it (`Link: …; rel="successor-version"`).
Rows are append-only (ORM listeners here, triggers in the migration).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, Text, UniqueConstraint, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, UTCDateTime, utcnow


class FrozenResponse(Base):
    """One immutable URL's body as one engine produced it."""

    __tablename__ = "frozen_response"
    __table_args__ = (UniqueConstraint("path_sha256", "engine"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    path_sha256: Mapped[str] = mapped_column(String(64), index=True)
    engine: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(100))
    headers: Mapped[str] = mapped_column(Text, default="{}")
    body: Mapped[bytes] = mapped_column(LargeBinary)
    body_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def _refuse(_mapper, _connection, target) -> None:
    raise RuntimeError("frozen_response rows are append-only")


event.listen(FrozenResponse, "before_update", _refuse)
event.listen(FrozenResponse, "before_delete", _refuse)


@dataclass(frozen=True)
class Reading:
    """A frozen body and what it takes to serve it again."""

    path: str
    engine: str
    body: bytes
    media_type: str
    headers: dict[str, str]
    etag: str  # SHA-256 of the body: it covers every input to the body

    @classmethod
    def of(cls, row: FrozenResponse) -> "Reading":
        return cls(row.path, row.engine, row.body, row.media_type, json.loads(row.headers or "{}"), row.body_sha256[:40])


def _digest(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8")).hexdigest()


def find(session: Session, path: str, engine: str | None = None) -> Reading | None:
    """The reading of `path` by `engine`, or (engine None) the first one ever frozen."""
    query = select(FrozenResponse).where(FrozenResponse.path_sha256 == _digest(path))
    if engine is not None:
        query = query.where(FrozenResponse.engine == engine)
    row = session.scalar(query.order_by(FrozenResponse.id).limit(1))
    return Reading.of(row) if row is not None else None


def freeze(session: Session, path: str, engine: str, body: bytes, media_type: str,
           headers: dict[str, str] | None = None) -> Reading:
    """Keep `body` as `engine`'s reading of `path`, unless one is kept already: then that
    one (the first writer wins) is returned. Commits in its own savepoint."""
    row = FrozenResponse(path=path, path_sha256=_digest(path), engine=engine, media_type=media_type,
                         headers=json.dumps(headers or {}, sort_keys=True), body=body,
                         body_sha256=hashlib.sha256(body).hexdigest(), created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        existing = find(session, path, engine)
        if existing is None:
            raise
        return existing
    return Reading.of(row)
