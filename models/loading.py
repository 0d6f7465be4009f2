"""The loading record of a bundled archive: one row per archive (keyed by its SHA-256),
updated as the background load goes ("loading", then "complete" or "failed"), so that
pages can say what is still loading and a second `councilwatch start` knows, by reading
only, that there is nothing left to load.

This row is bookkeeping about the load, not part of the record: it changes in place.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, UTCDateTime, utcnow

LOADING, COMPLETE, FAILED = "loading", "complete", "failed"


class BundleLoad(Base):
    """One archive's load into this database: how far it got, and what it is doing."""

    __tablename__ = "bundle_load"

    id: Mapped[int] = mapped_column(primary_key=True)
    archive_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    archive: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default=LOADING)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    phase: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class LoadState:
    """What a page banner needs: is something loading, what, and how far along."""

    archive: str
    status: str
    total: int
    done: int
    phase: str | None
    started_at: datetime
    message: str | None

    @property
    def loading(self) -> bool:
        return self.status == LOADING

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done / self.total)) if self.total else 0


def load_of(session: Session, archive_sha256: str) -> BundleLoad | None:
    return session.scalar(select(BundleLoad).where(BundleLoad.archive_sha256 == archive_sha256))


def is_loaded(session: Session, archive_sha256: str) -> bool:
    """True when this archive's load into this database completed (a read, nothing else)."""
    return session.scalar(select(BundleLoad.status).where(BundleLoad.archive_sha256 == archive_sha256)) == COMPLETE


def latest_state(session: Session) -> LoadState | None:
    """The most recently started load, for the banner."""
    row = session.scalar(select(BundleLoad).order_by(BundleLoad.started_at.desc(), BundleLoad.id.desc()).limit(1))
    if row is None:
        return None
    return LoadState(row.archive, row.status, row.total, row.done, row.phase, row.started_at, row.message)


def begin(session: Session, archive_sha256: str, archive: str, total: int) -> int:
    """Start (or restart, after an interrupted or failed load) this archive's load."""
    row = load_of(session, archive_sha256)
    now = utcnow()
    if row is None:
        row = BundleLoad(archive_sha256=archive_sha256, archive=archive)
        session.add(row)
    row.status, row.total, row.done, row.phase, row.message = LOADING, total, 0, None, None
    row.started_at, row.updated_at, row.finished_at = now, now, None
    session.flush()
    return row.id


def advance(session: Session, load_id: int, done: int | None = None, phase: str | None = None,
            add: int = 0) -> None:
    """Record progress: an absolute count, or `add` more records done; the current phase."""
    values: dict = {"updated_at": utcnow()}
    if done is not None:
        values["done"] = done
    elif add:
        values["done"] = BundleLoad.done + add
    if phase is not None:
        values["phase"] = phase
    session.execute(update(BundleLoad).where(BundleLoad.id == load_id).values(**values))


def finish(session: Session, load_id: int, ok: bool, message: str) -> None:
    now = utcnow()
    values = {"status": COMPLETE if ok else FAILED, "message": message, "updated_at": now, "finished_at": now,
              "phase": None}
    if ok:
        values["done"] = BundleLoad.total
    session.execute(update(BundleLoad).where(BundleLoad.id == load_id).values(**values))


def archive_digest(path: str | Path) -> str:
    """SHA-256 of what one load reads: the archive file, and the data files the loaders run
    after it read from beside it (`council/`, when present), names and bytes."""
    path = Path(path)
    sha = hashlib.sha256()
    extra = sorted(p for p in (path.parent / "council").rglob("*") if p.is_file()) if (path.parent / "council").is_dir() else []
    for item in [path, *extra]:
        sha.update(str(item.relative_to(path.parent)).encode("utf-8") + b"\0")
        with item.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                sha.update(chunk)
    return sha.hexdigest()
