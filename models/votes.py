"""Votes at Council meetings: counts, outcome, and each member's vote."""
from __future__ import annotations

import enum
from datetime import date

from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .documents import Document

PERMANENT_MEMBERS = frozenset({"China", "France", "Russian Federation", "United Kingdom", "United States"})


class Outcome(str, enum.Enum):
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"  # failed to obtain the required votes
    VETOED = "vetoed"  # "not adopted owing to the negative vote of a permanent member"


class Vote(Base):
    """"adopted by 13 votes to none, with 2 abstentions" at S/PV.10046 on one draft."""

    __tablename__ = "vote"
    __table_args__ = (UniqueConstraint("meeting", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting: Mapped[str | None] = mapped_column(String(60), index=True)  # "S/PV.10046"; None: not known
    date: Mapped[date | None] = mapped_column(Date, index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)  # draft or resolution
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    yes: Mapped[int | None] = mapped_column(Integer)
    no: Mapped[int | None] = mapped_column(Integer)
    abstain: Mapped[int | None] = mapped_column(Integer)
    non_voting: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    #: Materialised by models.reconcile whenever a source's figures are recorded: the
    #: sources that gave figures, and every disagreement or failed check, values and all.
    sources: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))
    conflicts: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))

    document: Mapped[Document] = relationship(foreign_keys=[document_id])
    resolution: Mapped[Document | None] = relationship(foreign_keys=[resolution_id])
    members: Mapped[list["MemberVote"]] = relationship(
        back_populates="vote", order_by="MemberVote.member", cascade="all, delete-orphan"
    )

    @property
    def tally(self) -> str:
        """"13-0-2": yes-no-abstain, as the UN library tables print it ("?" where unknown)."""
        return "-".join("?" if n is None else str(n) for n in (self.yes, self.no, self.abstain))


class MemberVote(Base):
    """One member's vote: `choice` Y, N, A (abstain) or X (did not vote)."""

    __tablename__ = "member_vote"
    __table_args__ = (UniqueConstraint("vote_id", "member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id"))
    member: Mapped[str] = mapped_column(String(100))
    choice: Mapped[str] = mapped_column(String(1))
    permanent: Mapped[bool] = mapped_column(Boolean, default=False)

    vote: Mapped[Vote] = relationship(back_populates="members")
