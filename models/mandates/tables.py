"""Materialised mandate lineages: one step per (entity, resolution), one state per entity.

Derived data, rewritten in the transaction that records a resolution's version (not
append-only: a new version of a resolution replaces its steps)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, UTCDateTime, utcnow
from ..documents import Document, Version


class MandateStep(Base):
    """What one resolution decided for one entity: "Decides to extend the mandate of
    MINUSCA until 15 November 2024" → action renew, mandate_end 2024-11-15."""

    __tablename__ = "mandate_step"
    __table_args__ = (UniqueConstraint("entity_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id"))
    symbol: Mapped[str] = mapped_column(String(100))
    resolution_number: Mapped[int | None] = mapped_column(Integer)
    adopted_on: Mapped[date | None] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(16))  # establish | renew | adjust | end
    mandate_end: Mapped[date | None] = mapped_column(Date)
    period_months: Mapped[int | None] = mapped_column(Integer)
    troop_ceiling: Mapped[int | None] = mapped_column(Integer)
    police_ceiling: Mapped[int | None] = mapped_column(Integer)
    paragraphs: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # fact kind → paragraph anchor

    document: Mapped[Document] = relationship()
    version: Mapped[Version] = relationship()

    @property
    def approximate_date(self) -> date:
        """Adoption date; else 1 July of the symbol's year (for charts)."""
        if self.adopted_on:
            return self.adopted_on
        year = self.symbol.rsplit("(", 1)[-1].rstrip(")")
        return date(int(year), 7, 1) if year.isdigit() else self.version.fetched_at.date()


class MandateState(Base):
    """An entity's lineage summary: last known end, gaps (known resolutions not in the
    archive), whether it ended. Status against today is read from it per request."""

    __tablename__ = "mandate_state"

    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    steps: Mapped[int] = mapped_column(Integer)
    last_symbol: Mapped[str | None] = mapped_column(String(100))
    last_adopted_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    ends_by: Mapped[str | None] = mapped_column(String(100))  # the resolution that set ends_on
    ended: Mapped[bool] = mapped_column(Boolean, default=False)
    later_known: Mapped[int] = mapped_column(Integer, default=0)  # known resolutions after the last held step
    gaps: Mapped[list[Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
