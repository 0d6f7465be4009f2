"""Documents and their append-only versions, paragraphs, facts, and the links between
documents (a draft "adopted-as" a resolution, a renewal that "renews" the last one)."""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class DocumentKind(str, enum.Enum):
    RESOLUTION = "resolution"
    DRAFT = "draft"
    MEETING_RECORD = "meeting_record"
    PRESS_RELEASE = "press_release"
    STATEMENT = "statement"
    REPORT = "report"
    NEWS = "news"


class LinkKind(str, enum.Enum):
    DRAFT_OF = "draft-of"
    REVISES = "revises"
    RENEWS = "renews"
    ADOPTED_AS = "adopted-as"
    REPORTS_ON = "reports-on"
    MEETING_OF = "meeting-of"


class Source(Base):
    """Where documents come from: one row per spider ("un_press", "dhl_meetings") or
    "local" for files ingested by hand."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(String(200))
    base_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Document(Base):
    """A document's identity. `key` is the canonical symbol ("S/RES/2759 (2024)") where
    it has one, else "<source>:<canonical URL>"."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(600), unique=True)
    symbol: Mapped[str | None] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(String(100))  # issuing body: "Security Council"
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    canonical_url: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    source: Mapped[Source | None] = relationship()
    versions: Mapped[list["Version"]] = relationship(
        back_populates="document", order_by="Version.number", viewonly=True
    )

    @property
    def public_key(self) -> str:
        """The name shown to the public: the symbol, else the key unless it holds a local
        file's path ("local:file:///home/…"), which never leaves the server."""
        if self.symbol:
            return self.symbol
        if "file:" in self.key.split("://", 1)[0] or self.key.startswith("local:"):
            return self.title or f"d/{self.id}"
        return self.key

    def __repr__(self) -> str:
        return f"<Document {self.key!r}>"


class Blob(Base):
    """Raw captured bytes, content-addressed by SHA-256 and stored once."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Version(Base):
    """Version n of a document: immutable once written (an update or delete raises)."""

    __tablename__ = "version"
    __table_args__ = (
        UniqueConstraint("document_id", "number"),
        UniqueConstraint("document_id", "text_sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    number: Mapped[int] = mapped_column(Integer)
    text_sha256: Mapped[str] = mapped_column(String(64))
    raw_sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    media_type: Mapped[str] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(String(2000))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    http_headers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    title: Mapped[str | None] = mapped_column(Text)
    adopted_on: Mapped[date | None] = mapped_column(Date)
    meeting: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="versions")
    blob: Mapped[Blob] = relationship()
    paragraphs: Mapped[list["Paragraph"]] = relationship(
        back_populates="version", order_by="Paragraph.position", viewonly=True
    )
    facts: Mapped[list["Fact"]] = relationship(back_populates="version", order_by="Fact.id", viewonly=True)

    def __repr__(self) -> str:
        return f"<Version {self.document_id}@{self.number}>"


class Paragraph(Base):
    """A paragraph of a version in reading order; sub-paragraphs point at their parent."""

    __tablename__ = "paragraph"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id"))
    position: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[str | None] = mapped_column(String(32))
    anchor: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)

    version: Mapped[Version] = relationship(back_populates="paragraphs")
    parent: Mapped["Paragraph | None"] = relationship(remote_side=[id])


class Fact(Base):
    """A fact read from a version, with the exact words it came from."""

    __tablename__ = "fact"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    value: Mapped[Any] = mapped_column(JSON)
    entity: Mapped[str | None] = mapped_column(String(200))
    paragraph: Mapped[str | None] = mapped_column(String(64))
    evidence: Mapped[str] = mapped_column(Text)
    reported: Mapped[bool] = mapped_column(Boolean, default=False)

    version: Mapped[Version] = relationship(back_populates="facts")


class Link(Base):
    """A typed edge between documents: `from` draft-of / revises / renews … `to`."""

    __tablename__ = "link"
    __table_args__ = (UniqueConstraint("from_id", "to_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    to_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    from_document: Mapped[Document] = relationship(foreign_keys=[from_id])
    to_document: Mapped[Document] = relationship(foreign_keys=[to_id])


Index("ix_paragraph_version_anchor", Paragraph.version_id, Paragraph.anchor)
