"""Crawl bookkeeping: one row per crawl run (its health), the fetch state of each page a
spider watches (validators for conditional requests, digest of the last text seen), and
the WARC record that holds the raw response behind each stored version."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, UTCDateTime, utcnow


class CrawlRun(Base):
    """One crawl of one source: what it saw, and whether the source looked healthy."""

    __tablename__ = "crawl_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    spider: Mapped[str] = mapped_column(String(64), index=True)
    mode: Mapped[str] = mapped_column(String(16), default="live")  # "live" or "replay"
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pages_seen: Mapped[int] = mapped_column(Integer, default=0)
    pages_new: Mapped[int] = mapped_column(Integer, default=0)
    pages_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    pages_failed: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running, ok, unhealthy
    healthy: Mapped[bool | None] = mapped_column(Boolean)
    message: Mapped[str | None] = mapped_column(Text)
    warc_file: Mapped[str | None] = mapped_column(String(1000))


class CrawlPage(Base):
    """The last fetch of one URL by one spider: validators for the next conditional
    request and a digest of the extracted text (an unchanged page writes nothing)."""

    __tablename__ = "crawl_page"
    __table_args__ = (UniqueConstraint("spider", "url_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    spider: Mapped[str] = mapped_column(String(64))
    url_sha256: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("version.id"))
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CrawlCapture(Base):
    """Where the raw HTTP response behind a stored version lives: a WARC file, the
    record's offset in it, and its WARC-Record-ID."""

    __tablename__ = "crawl_capture"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id"), unique=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    warc_file: Mapped[str] = mapped_column(String(1000))
    warc_offset: Mapped[int] = mapped_column(BigInteger)
    warc_record_id: Mapped[str] = mapped_column(String(100))


def source_health(session: Session) -> list[CrawlRun]:
    """The latest finished-or-running crawl of every spider, sorted by spider name."""
    latest = (
        select(CrawlRun.spider, CrawlRun.id)
        .order_by(CrawlRun.spider, CrawlRun.id.desc())
    )
    seen: dict[str, int] = {}
    for spider, run_id in session.execute(latest):
        seen.setdefault(spider, run_id)
    if not seen:
        return []
    runs = session.scalars(select(CrawlRun).where(CrawlRun.id.in_(seen.values()))).all()
    return sorted(runs, key=lambda run: run.spider)


def capture_of(session: Session, version_id: int) -> CrawlCapture | None:
    """The WARC record that holds the raw response of a stored version, if crawled."""
    return session.scalar(select(CrawlCapture).where(CrawlCapture.version_id == version_id))
