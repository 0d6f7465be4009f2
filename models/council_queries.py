"""Read side of the Council's entities: everything a document, meeting or member-state
page (and the JSON API) needs, in a few queries, as plain dicts."""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from .council import AgendaItem, CouncilAct, Draft, Meeting
from .documents import Document, Link, Version
from .reconcile import VETO_SEATS
from .text.symbols import undocs_url
from .votes import MemberVote, Vote

CHOICE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "did not vote"}
MAX_MEMBER_VOTES = 5000


def votes_of(session: Session, document: Document) -> list[Vote]:
    """Votes on this document: as the draft voted on, the resolution adopted, or the
    meeting (its record) at which they were taken."""
    meeting_ids = select(Meeting.id).where(Meeting.document_id == document.id)
    clauses = [Vote.document_id == document.id, Vote.resolution_id == document.id, Vote.meeting_id.in_(meeting_ids)]
    if document.symbol:
        clauses.append(Vote.meeting == document.symbol)
    return list(session.scalars(
        select(Vote).options(selectinload(Vote.members), selectinload(Vote.document), selectinload(Vote.resolution))
        .where(or_(*clauses)).order_by(Vote.date, Vote.id)).all())


def vote_json(vote: Vote) -> dict[str, Any]:
    """The API shape of a vote (DESIGN contract): figures shown, member votes, the
    sources that gave them and every conflict between them."""
    draft = vote.document if vote.document is not None and vote.document.kind != "resolution" else None
    return {
        "meeting": vote.meeting,
        "date": vote.date.isoformat() if vote.date else None,
        "draft": draft.symbol if draft is not None else None,
        "resolution": vote.resolution.symbol if vote.resolution is not None else None,
        "outcome": vote.outcome,
        "yes": vote.yes, "no": vote.no, "abstain": vote.abstain, "non_voting": vote.non_voting,
        "members": [{"member": m.member, "vote": CHOICE_WORDS.get(m.choice, m.choice), "permanent": m.permanent}
                    for m in sorted(vote.members, key=lambda m: (not m.permanent, m.member))],
        "vetoed_by": sorted(m.member for m in vote.members if m.choice == "N" and m.member in VETO_SEATS)
        if vote.outcome == "vetoed" else [],
        "sources": list(vote.sources or []),
        "conflicts": list(vote.conflicts or []),
    }


def council_record(session: Session, document: Document) -> dict[str, Any]:
    """What is known of a document as a Council act, and from where: adoption date,
    meeting, agenda item, subject, votes, its draft (sponsors, penholder), whether its
    text is held, and the news that reported on it (claims kept as reported)."""
    act = session.scalar(select(CouncilAct).options(selectinload(CouncilAct.meeting), selectinload(CouncilAct.agenda_item))
                         .where(CouncilAct.document_id == document.id))
    meeting = act.meeting if act is not None else None
    if meeting is None:
        meeting = session.scalar(select(Meeting).options(selectinload(Meeting.agenda_item))
                                 .where(Meeting.document_id == document.id))
    votes = votes_of(session, document)
    agenda = act.agenda_item if act is not None and act.agenda_item is not None else (
        meeting.agenda_item if meeting is not None else None)
    if agenda is None and votes and votes[0].agenda_item_id:
        agenda = session.get(AgendaItem, votes[0].agenda_item_id)
    held = session.scalar(select(func.count()).select_from(Version).where(Version.document_id == document.id)) or 0
    drafts = _drafts(session, document, votes)
    return {
        "act": act,
        "kind": act.kind if act is not None else None,
        "adopted_on": act.adopted_on if act is not None else None,
        "subject": act.subject if act is not None else None,
        "act_sources": dict(act.sources or {}) if act is not None else {},
        "meeting": meeting,
        "agenda_item": agenda,
        "votes": votes,
        "drafts": drafts,
        "text_held": held > 0,
        "undocs_url": undocs_url(document.symbol) if document.symbol and not document.symbol.startswith("SC/") else None,
        "reports": reports_on(session, [document.id] + [d.document_id for d in drafts] + [
            v.document_id for v in votes if v.document_id != document.id]),
    }


def _drafts(session: Session, document: Document, votes: list[Vote]) -> list[Draft]:
    ids = {v.document_id for v in votes} | {document.id}
    return list(session.scalars(select(Draft).options(selectinload(Draft.document), selectinload(Draft.resolution))
                                .where(or_(Draft.document_id.in_(ids), Draft.resolution_id == document.id))
                                .order_by(Draft.id)).all())


def reports_on(session: Session, document_ids: list[int]) -> list[Document]:
    """News and statements linked `reports-on` to any of these documents."""
    return list(session.scalars(
        select(Document).join(Link, Link.from_id == Document.id)
        .where(Link.kind == "reports-on", Link.to_id.in_(set(document_ids))).order_by(Document.id).distinct()).all())


def council_json(record: dict[str, Any]) -> dict[str, Any]:
    """The document API's additions: adopted_on, meeting, agenda_item, votes."""
    meeting = record["meeting"]
    return {
        "adopted_on": record["adopted_on"].isoformat() if record["adopted_on"] else None,
        "meeting": {"symbol": meeting.symbol, "number": meeting.number,
                    "date": meeting.date.isoformat() if meeting.date else None, "topic": meeting.topic}
        if meeting is not None else None,
        "agenda_item": record["agenda_item"].title if record["agenda_item"] is not None else None,
        "subject": record["subject"],
        "text_captured": record["text_held"],
        "drafts": [{"symbol": d.document.symbol, "sponsors": d.sponsors or [], "penholder": d.penholder,
                    "resolution": d.resolution.symbol if d.resolution is not None else None} for d in record["drafts"]],
        "votes": [vote_json(v) for v in record["votes"]],
    }


def member_votes(session: Session, member: str, start: date | None = None, end: date | None = None) -> dict[str, Any]:
    """A member state's votes (newest first), with its vetoes and abstentions counted by year."""
    query = (select(MemberVote, Vote).join(Vote, Vote.id == MemberVote.vote_id)
             .options(selectinload(Vote.document), selectinload(Vote.resolution))
             .where(func.lower(MemberVote.member) == member.lower()))
    if start:
        query = query.where(Vote.date >= start)
    if end:
        query = query.where(Vote.date <= end)
    rows = session.execute(query.order_by(Vote.date.desc(), Vote.id.desc()).limit(MAX_MEMBER_VOTES)).all()
    by_year: dict[int, Counter] = {}
    votes = []
    for member_vote, vote in rows:
        vetoed = member_vote.choice == "N" and member_vote.permanent and vote.outcome == "vetoed"
        if vote.date:
            by_year.setdefault(vote.date.year, Counter())[("veto" if vetoed else CHOICE_WORDS[member_vote.choice])] += 1
        entry = vote_json(vote)
        entry["vote"] = CHOICE_WORDS.get(member_vote.choice, member_vote.choice)
        entry["veto"] = vetoed
        votes.append(entry)
    name = rows[0][0].member if rows else member
    return {"member": name, "permanent": name in VETO_SEATS, "total": len(votes),
            "years": [{"year": y, **{k: c.get(k, 0) for k in ("yes", "no", "abstain", "veto", "did not vote")}}
                      for y, c in sorted(by_year.items())],
            "votes": votes}


def member_names(session: Session) -> list[tuple[str, int]]:
    """Every member state with a recorded vote, and how many votes."""
    return [(name, n) for name, n in session.execute(
        select(MemberVote.member, func.count()).group_by(MemberVote.member).order_by(MemberVote.member)).all()]


def meetings_of(session: Session, agenda_item: AgendaItem, limit: int = 200) -> list[Meeting]:
    return list(session.scalars(select(Meeting).where(Meeting.agenda_item_id == agenda_item.id)
                                .order_by(Meeting.date.desc()).limit(limit)).all())


def conflicted_votes(session: Session, limit: int = 500) -> list[Vote]:
    """Votes whose sources disagree or whose figures fail a check (for the operator)."""
    return list(session.scalars(select(Vote).options(selectinload(Vote.document), selectinload(Vote.resolution))
                                .where(and_(Vote.conflicts.is_not(None))).order_by(Vote.date, Vote.id)
                                .limit(limit)).all())
