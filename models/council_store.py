"""Writing the Council's entities: a source's figures for a vote (`observe`), and what a
recorded vote makes true elsewhere (`materialise_vote`: the vote reconciled, its member
votes, its meeting, its draft, the resolution's adoption), all in the caller's
transaction so pages read stored rows instead of recomputing them.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .council import AgendaItem, CouncilAct, Draft, Meeting, VoteObservation
from .documents import Document
from .reconcile import VETO_SEATS, Observed, reconcile
from .votes import MemberVote, Vote

_FIGURES = ("meeting", "date", "draft", "resolution", "outcome", "yes", "no", "abstain", "non_voting",
            "members", "members_complete", "notes")
_RES_NUMBER = re.compile(r"^S/RES/(\d+) \((\d{4})\)$")
_PV_NUMBER = re.compile(r"^S/PV\.(\d+)")


def _cache(session: Session, name: str) -> dict:
    """Per-transaction lookups (agenda items by title, meetings by symbol, acts and
    drafts by document id), so a bulk load asks the database once per key."""
    return session.info.setdefault("council_cache", {}).setdefault(name, {})


def preload(session: Session) -> None:
    """Read every agenda item, meeting, act and draft into the transaction's cache."""
    _cache(session, "agenda").update((a.title, a) for a in session.scalars(select(AgendaItem)))
    _cache(session, "meeting").update((m.symbol, m) for m in session.scalars(select(Meeting)))
    _cache(session, "act").update((a.document_id, a) for a in session.scalars(select(CouncilAct)))
    _cache(session, "draft").update((d.document_id, d) for d in session.scalars(select(Draft)))
    _cache(session, "record").update(session.execute(
        select(Document.key, Document.id).where(Document.kind == "meeting_record")).all())
    for vote in session.scalars(select(Vote)):
        remember_vote(session, vote)
    observed = _cache(session, "observations")
    for row in session.scalars(select(VoteObservation).order_by(VoteObservation.id)):
        observed.setdefault(row.vote_id, {})[(row.source, row.locator)] = row
    members = _cache(session, "members")
    for row in session.scalars(select(MemberVote)):
        members.setdefault(row.vote_id, {})[row.member] = row
    session.info["council_cache"]["complete"] = True
    session.info["council_bulk"] = True


def _cached(session: Session, name: str, key, query):
    cache = _cache(session, name)
    if key in cache:
        return cache[key]
    if session.info.get("council_cache", {}).get("complete"):
        return None
    found = session.scalar(query)
    if found is not None:
        cache[key] = found
    return found


def remember_vote(session: Session, vote: Vote) -> None:
    if vote.resolution_id:
        _cache(session, "vote_by_resolution")[vote.resolution_id] = vote
    by_document = _cache(session, "vote_by_document").setdefault(vote.document_id, [])
    if vote not in by_document:
        by_document.append(vote)


def cached_votes(session: Session, resolution_id: int | None, document_id: int | None) -> list[Vote] | None:
    """Votes on this resolution or document from the bulk cache; None without one."""
    if not session.info.get("council_cache", {}).get("complete"):
        return None
    found = []
    if resolution_id is not None:
        vote = _cache(session, "vote_by_resolution").get(resolution_id)
        found += [vote] if vote else []
        found += [v for v in _cache(session, "vote_by_document").get(resolution_id, []) if v not in found]
    if document_id is not None:
        found += [v for v in _cache(session, "vote_by_document").get(document_id, []) if v not in found]
    return sorted(found, key=lambda v: v.id)


def observe(session: Session, vote: Vote, *, source: str, locator: str, on: date | None = None,
            **figures: Any) -> bool:
    """Store (or bring up to date) what `source` says at `locator` of this vote; True
    when anything changed."""
    figures["date"] = on
    rows = _observation_rows(session, vote)
    row = rows.get((source, locator[:600]))
    if row is None:
        row = VoteObservation(vote_id=vote.id, source=source, locator=locator[:600],
                              **{k: figures.get(k) for k in _FIGURES if k != "members_complete"},
                              members_complete=bool(figures.get("members_complete")))
        session.add(row)
        rows[(source, locator[:600])] = row
        return True
    changed = False
    for name in _FIGURES:
        value = figures.get(name)
        if name == "members_complete":
            value = bool(value)
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _observation_rows(session: Session, vote: Vote) -> dict:
    cache = _cache(session, "observations")
    if vote.id not in cache:
        cache[vote.id] = {} if session.info["council_cache"].get("complete") else {
            (r.source, r.locator): r for r in session.scalars(
                select(VoteObservation).where(VoteObservation.vote_id == vote.id).order_by(VoteObservation.id))}
    return cache[vote.id]


def _member_rows(session: Session, vote: Vote) -> dict:
    cache = _cache(session, "members")
    if vote.id not in cache:
        cache[vote.id] = {} if session.info["council_cache"].get("complete") else {
            m.member: m for m in session.scalars(select(MemberVote).where(MemberVote.vote_id == vote.id))}
    return cache[vote.id]


def observations(session: Session, vote: Vote) -> list[Observed]:
    rows = _observation_rows(session, vote).values()
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
        with session.no_autoflush:
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
    if vote.resolution_id:
        _record_act(session, vote, meeting)
    document = session.get(Document, vote.document_id)
    if document is not None and document.kind == "draft":
        draft = draft_for(session, document)
        draft.resolution_id = vote.resolution_id or draft.resolution_id
        draft.agenda_item_id = draft.agenda_item_id or vote.agenda_item_id
    if meeting is not None:
        if session.info.get("council_bulk"):
            session.info.setdefault("council_meetings_touched", set()).add(meeting.id)
        else:
            refresh_meeting_outcome(session, meeting)


def finish(session: Session) -> None:
    """End of a bulk load's transaction: each touched meeting's outcome line, once."""
    session.flush()
    touched = sorted(session.info.pop("council_meetings_touched", set()))
    for start in range(0, len(touched), 500):
        chunk = touched[start:start + 500]
        lines: dict[int, list[str]] = {}
        rows = session.execute(select(Vote, Document.symbol).join(
            Document, Document.id == func.coalesce(Vote.resolution_id, Vote.document_id))
            .where(Vote.meeting_id.in_(chunk)).order_by(Vote.id)).all()
        for vote, symbol in rows:
            lines.setdefault(vote.meeting_id, []).append(f"{symbol} {vote.outcome.replace('_', ' ')} {vote.tally}")
        for meeting in session.scalars(select(Meeting).where(Meeting.id.in_(chunk))):
            meeting.outcome = "; ".join(lines.get(meeting.id, [])) or meeting.outcome
    session.flush()


def _member_votes(session: Session, vote: Vote, members: dict[str, str]) -> None:
    present = _member_rows(session, vote)
    for name, row in list(present.items()):
        if name not in members:
            session.delete(row)
            del present[name]
        elif row.choice != members[name]:
            row.choice = members[name]
    for name, choice in members.items():
        if name not in present:
            present[name] = MemberVote(vote_id=vote.id, member=name, choice=choice, permanent=name in VETO_SEATS)
            session.add(present[name])


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
    act = _cached(session, "act", document.id, select(CouncilAct).where(CouncilAct.document_id == document.id))
    if act is None:
        match = _RES_NUMBER.match(document.symbol or "")
        act = CouncilAct(document_id=document.id,
                         kind="resolution" if document.kind == "resolution" else "presidential_statement",
                         number=int(match.group(1)) if match else None, year=int(match.group(2)) if match else None)
        session.add(act)
        _cache(session, "act")[document.id] = act
    return act


def draft_for(session: Session, document: Document) -> Draft:
    draft = _cached(session, "draft", document.id, select(Draft).where(Draft.document_id == document.id))
    if draft is None:
        draft = Draft(document_id=document.id)
        session.add(draft)
        _cache(session, "draft")[document.id] = draft
    return draft


def agenda_item_id(session: Session, title: str, category: str | None = None, region: str | None = None) -> int:
    """The agenda item with this title (spacing folded), created on first sight."""
    title = " ".join(title.split())[:500]
    found = _cached(session, "agenda", title, select(AgendaItem).where(AgendaItem.title == title))
    if found is None:
        found = AgendaItem(title=title, category=category, region=region)
        session.add(found)
        session.flush()
        _cache(session, "agenda")[title] = found
    else:
        found.category = found.category or category
        found.region = found.region or region
    return found.id


def ensure_agenda_items(session: Session, items: list[tuple[str, str | None, str | None]]) -> None:
    """Create the missing agenda items (title, category, region) with one flush."""
    new = []
    for title, category, region in items:
        title = " ".join(title.split())[:500]
        found = _cached(session, "agenda", title, select(AgendaItem).where(AgendaItem.title == title))
        if found is None:
            found = AgendaItem(title=title, category=category, region=region)
            session.add(found)
            _cache(session, "agenda")[title] = found
            new.append(found)
        else:
            found.category = found.category or category
            found.region = found.region or region
    if new:
        session.flush()


def get_or_create_meeting(session: Session, symbol: str, on: date | None = None, topic: str | None = None,
                          flush: bool = True) -> Meeting:
    """The meeting S/PV.N, its record's document linked when one exists (`flush=False`:
    the caller flushes before it needs the new meeting's id)."""
    meeting = _cached(session, "meeting", symbol, select(Meeting).where(Meeting.symbol == symbol))
    if meeting is None:
        match = _PV_NUMBER.match(symbol)
        if session.info.get("council_cache", {}).get("complete"):
            record = _cache(session, "record").get(symbol)
        else:
            with session.no_autoflush:
                record = session.scalar(select(Document.id).where(Document.key == symbol))
        meeting = Meeting(symbol=symbol, number=int(match.group(1)) if match else None, date=on, topic=topic,
                          document_id=record)
        session.add(meeting)
        if flush:
            session.flush()
        _cache(session, "meeting")[symbol] = meeting
    else:
        if on and meeting.date is None:
            meeting.date = on
        if topic and not meeting.topic:
            meeting.topic = topic
    return meeting


def refresh_meeting_outcome(session: Session, meeting: Meeting) -> None:
    """"S/RES/2803 (2025) adopted 13-0-2; S/2025/xxx vetoed 10-4-1": the meeting's
    votes in one line, kept on the meeting row."""
    rows = session.execute(select(Vote, Document.symbol).join(
        Document, Document.id == func.coalesce(Vote.resolution_id, Vote.document_id))
        .where(Vote.meeting_id == meeting.id).order_by(Vote.id)).all()
    parts = [f"{symbol} {vote.outcome.replace('_', ' ')} {vote.tally}" for vote, symbol in rows]
    meeting.outcome = "; ".join(parts) or meeting.outcome

