"""The Council's own entities: agenda items, meetings, drafts, Council acts (resolutions
and presidential statements with their adoption), and what each source says of a vote.

These rows change as sources are read (a meeting's agenda item learnt later, a vote's
figures reconciled again), unlike versions, paragraphs and facts, which never change.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow
from .documents import Document


class AgendaItem(Base):
    """"The situation in the Middle East, including the Palestinian question"."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500), unique=True)
    category: Mapped[str | None] = mapped_column(String(100))  # "Country/Region-specific", "Thematic"
    region: Mapped[str | None] = mapped_column(String(100))


class Meeting(Base):
    """A meeting of the Council: S/PV.9048 on 26 May 2022 under an agenda item."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    symbol: Mapped[str] = mapped_column(String(60), unique=True)  # "S/PV.9048"
    number: Mapped[int | None] = mapped_column(Integer, index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    topic: Mapped[str | None] = mapped_column(Text)  # as the library's table prints it
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), unique=True)  # its record
    outcome: Mapped[str | None] = mapped_column(Text)  # materialised: "S/RES/2803 (2025) adopted 13-0-2"

    agenda_item: Mapped[AgendaItem | None] = relationship()
    document: Mapped[Document | None] = relationship()


class Draft(Base):
    """A draft put to the vote (S/2025/748): its sponsors, penholder where known, and
    the resolution it became (None when it failed)."""

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), unique=True)
    sponsors: Mapped[list[str] | None] = mapped_column(JSON)
    penholder: Mapped[str | None] = mapped_column(String(200))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    document: Mapped[Document] = relationship(foreign_keys=[document_id])
    resolution: Mapped[Document | None] = relationship(foreign_keys=[resolution_id])
    agenda_item: Mapped[AgendaItem | None] = relationship()


class CouncilAct(Base):
    """A resolution or presidential statement as an act of the Council: when and where
    it was adopted, under which agenda item, whether or not its text is held."""

    __tablename__ = "council_act"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # resolution | presidential_statement
    number: Mapped[int | None] = mapped_column(Integer, index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    adopted_on: Mapped[date | None] = mapped_column(Date, index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {"adopted_on": [source, ...], ...}

    document: Mapped[Document] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()


class VoteObservation(Base):
    """What one source says of one vote, kept as read: the voting data's row, the
    library table's cell, the veto list's line, a MARC record, a meeting record."""

    __tablename__ = "vote_observation"
    __table_args__ = (UniqueConstraint("vote_id", "source", "locator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id"), index=True)
    source: Mapped[str] = mapped_column(String(64))  # "sc-voting-data", "dhl_meetings", "veto-list", "undl"…
    locator: Mapped[str] = mapped_column(String(600))  # file#row or URL
    meeting: Mapped[str | None] = mapped_column(String(60))
    date: Mapped[date | None] = mapped_column(Date)
    draft: Mapped[str | None] = mapped_column(String(100))
    resolution: Mapped[str | None] = mapped_column(String(100))
    outcome: Mapped[str | None] = mapped_column(String(20))
    yes: Mapped[int | None] = mapped_column(Integer)
    no: Mapped[int | None] = mapped_column(Integer)
    abstain: Mapped[int | None] = mapped_column(Integer)
    non_voting: Mapped[int | None] = mapped_column(Integer)
    members: Mapped[dict[str, str] | None] = mapped_column(JSON)  # member → Y/N/A/X
    members_complete: Mapped[bool] = mapped_column(default=False)  # every member, or only some named
    notes: Mapped[list[str] | None] = mapped_column(JSON)  # source quirks met while reading it
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CouncilLoad(Base):
    """A bundled data set loaded into this database, by content hash: loading the same
    files again writes nothing."""

    __tablename__ = "council_load"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
