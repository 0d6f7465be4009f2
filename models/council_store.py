"""Writing the Council's entities: a source's figures for a vote (`observe`), and what a
recorded vote makes true elsewhere (`materialise_vote`: the vote reconciled, its member
votes, its meeting, its draft, the resolution's adoption), all in the caller's
transaction so pages read stored rows instead of recomputing them.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .council import AgendaItem, CouncilAct, Draft, Meeting, VoteObservation
from .documents import Document
from .reconcile import VETO_SEATS, Observed, reconcile
from .votes import MemberVote, Vote

_FIGURES = ("meeting", "date", "draft", "resolution", "outcome", "yes", "no", "abstain", "non_voting",
            "members", "members_complete", "notes")
_RES_NUMBER = re.compile(r"^S/RES/(\d+) \((\d{4})\)$")
_PV_NUMBER = re.compile(r"^S/PV\.(\d+)")


def observe(session: Session, vote: Vote, *, source: str, locator: str, on: date | None = None,
            **figures: Any) -> bool:
    """Store (or bring up to date) what `source` says at `locator` of this vote; True
    when anything changed."""
    figures["date"] = on
    row = session.scalar(select(VoteObservation).where(
        VoteObservation.vote_id == vote.id, VoteObservation.source == source, VoteObservation.locator == locator[:600]))
    if row is None:
        row = VoteObservation(vote_id=vote.id, source=source, locator=locator[:600],
                              **{k: figures.get(k) for k in _FIGURES if k != "members_complete"},
                              members_complete=bool(figures.get("members_complete")))
        session.add(row)
        session.flush()
        return True
    changed = False
    for name in _FIGURES:
        value = figures.get(name)
        if name == "members_complete":
            value = bool(value)
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        session.flush()
    return changed


def observations(session: Session, vote: Vote) -> list[Observed]:
    rows = session.scalars(select(VoteObservation).where(VoteObservation.vote_id == vote.id).order_by(VoteObservation.id))
    return [Observed(source=r.source, locator=r.locator, meeting=r.meeting, date=r.date, draft=r.draft,
                     resolution=r.resolution, outcome=r.outcome, yes=r.yes, no=r.no, abstain=r.abstain,
                     non_voting=r.non_voting, members=r.members, members_complete=r.members_complete)
            for r in rows]


def materialise_vote(session: Session, vote: Vote, agenda_item: str | None = None) -> None:
    """Reconcile the vote from its observations and bring its member votes, meeting,
    draft and adopted resolution up to date."""
    result = reconcile(observations(session, vote))
    values = result.values
    if values["meeting"] and vote.meeting != values["meeting"]:
        clash = session.scalar(select(Vote.id).where(Vote.meeting == values["meeting"],
                                                     Vote.document_id == vote.document_id, Vote.id != vote.id))
        if clash is None:
            vote.meeting = values["meeting"]
    for name in ("date", "yes", "no", "abstain", "non_voting"):
        setattr(vote, name, values[name])
    vote.outcome = values["outcome"] or vote.outcome
    vote.sources, vote.conflicts = result.sources, result.conflicts or None
    _member_votes(session, vote, result.members)
    if agenda_item:
        vote.agenda_item_id = agenda_item_id(session, agenda_item)
    meeting = get_or_create_meeting(session, vote.meeting, vote.date) if vote.meeting else None
    vote.meeting_id = meeting.id if meeting else None
    if meeting is not None and vote.agenda_item_id and meeting.agenda_item_id is None:
        meeting.agenda_item_id = vote.agenda_item_id
    session.flush()
    if vote.resolution_id:
        _record_act(session, vote, meeting)
    document = session.get(Document, vote.document_id)
    if document is not None and document.kind == "draft":
        draft = draft_for(session, document)
        draft.resolution_id = vote.resolution_id or draft.resolution_id
        draft.agenda_item_id = draft.agenda_item_id or vote.agenda_item_id
    if meeting is not None:
        refresh_meeting_outcome(session, meeting)
    session.flush()


def _member_votes(session: Session, vote: Vote, members: dict[str, str]) -> None:
    present = {m.member: m for m in session.scalars(select(MemberVote).where(MemberVote.vote_id == vote.id))}
    for name, row in present.items():
        if name not in members:
            session.delete(row)
        elif row.choice != members[name]:
            row.choice = members[name]
    for name, choice in members.items():
        if name not in present:
            session.add(MemberVote(vote_id=vote.id, member=name, choice=choice, permanent=name in VETO_SEATS))


def _record_act(session: Session, vote: Vote, meeting: Meeting | None) -> None:
    resolution = session.get(Document, vote.resolution_id)
    act = act_for(session, resolution)
    act.adopted_on = vote.date or act.adopted_on
    act.meeting_id = meeting.id if meeting else act.meeting_id
    act.agenda_item_id = vote.agenda_item_id or act.agenda_item_id
    sources = dict(act.sources or {})
    sources["vote"] = [s["label"] for s in vote.sources or []]
    act.sources = sources


def act_for(session: Session, document: Document) -> CouncilAct:
    """The Council act of a resolution or presidential statement, created on first sight."""
    act = session.scalar(select(CouncilAct).where(CouncilAct.document_id == document.id))
    if act is None:
        match = _RES_NUMBER.match(document.symbol or "")
        act = CouncilAct(document_id=document.id,
                         kind="resolution" if document.kind == "resolution" else "presidential_statement",
                         number=int(match.group(1)) if match else None, year=int(match.group(2)) if match else None)
        session.add(act)
        session.flush()
    return act


def draft_for(session: Session, document: Document) -> Draft:
    draft = session.scalar(select(Draft).where(Draft.document_id == document.id))
    if draft is None:
        draft = Draft(document_id=document.id)
        session.add(draft)
        session.flush()
    return draft


def agenda_item_id(session: Session, title: str, category: str | None = None, region: str | None = None) -> int:
    """The agenda item with this title (spacing folded), created on first sight."""
    title = " ".join(title.split())[:500]
    found = session.scalar(select(AgendaItem).where(AgendaItem.title == title))
    if found is None:
        found = AgendaItem(title=title, category=category, region=region)
        session.add(found)
        session.flush()
    else:
        found.category = found.category or category
        found.region = found.region or region
    return found.id


def get_or_create_meeting(session: Session, symbol: str, on: date | None = None, topic: str | None = None) -> Meeting:
    """The meeting S/PV.N, its record's document linked when one exists."""
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
    if meeting is None:
        match = _PV_NUMBER.match(symbol)
        record = session.scalar(select(Document).where(Document.key == symbol))
        taken = record is not None and session.scalar(select(Meeting.id).where(Meeting.document_id == record.id))
        meeting = Meeting(symbol=symbol, number=int(match.group(1)) if match else None, date=on, topic=topic,
                          document_id=record.id if record is not None and not taken else None)
        session.add(meeting)
        session.flush()
    else:
        if on and meeting.date is None:
            meeting.date = on
        if topic and not meeting.topic:
            meeting.topic = topic
    return meeting


def refresh_meeting_outcome(session: Session, meeting: Meeting) -> None:
    """"S/RES/2803 (2025) adopted 13-0-2; S/2025/xxx vetoed 10-4-1": the meeting's
    votes in one line, kept on the meeting row."""
    votes = session.scalars(select(Vote).where(Vote.meeting_id == meeting.id).order_by(Vote.id)).all()
    parts = []
    for vote in votes:
        shown = session.get(Document, vote.resolution_id or vote.document_id)
        label = shown.symbol if shown is not None else "?"
        parts.append(f"{label} {vote.outcome.replace('_', ' ')} {vote.tally}")
    meeting.outcome = "; ".join(parts) or meeting.outcome

