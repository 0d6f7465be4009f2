"""Writing votes, and the documents votes and pages name without their text.

Sources overlap: the UN library's yearly table gives "Draft resolution S/2022/431
vetoed by ... 13-2-0", its veto list names the vetoing members, the Digital Library
gives each member's vote. `record_vote` merges them into one Vote per (meeting,
document): it fills what is missing and never overwrites what another source gave.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from .documents import Document, Source
from .store import get_or_create_document
from .text.symbols import SymbolError, normalise_symbol, undocs_url
from .votes import PERMANENT_MEMBERS, MemberVote, Outcome, Vote

#: How the UN library's tables and the Digital Library spell the permanent members.
MEMBER_NAMES = {
    "USA": "United States", "US": "United States", "UNITED STATES": "United States",
    "UNITED STATES OF AMERICA": "United States",
    "UK": "United Kingdom", "UNITED KINGDOM": "United Kingdom",
    "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND": "United Kingdom",
    "USSR": "USSR", "UNION OF SOVIET SOCIALIST REPUBLICS": "USSR",
    "RUSSIA": "Russian Federation", "RUSSIAN FEDERATION": "Russian Federation",
    "CHINA": "China", "FRANCE": "France",
}
#: Seats with the veto: today's five, and the Soviet Union before 1992.
VETO_SEATS = PERMANENT_MEMBERS | {"USSR"}
_SMALL_WORDS = {"and", "of", "the", "for", "da", "de", "du", "d'"}
_CHOICES = {"Y": "Y", "YES": "Y", "N": "N", "NO": "N", "A": "A", "ABSTAIN": "A", "ABSTENTION": "A",
            "X": "X", "NV": "X", "NP": "X", "NON-VOTING": "X", "": "X"}
_OUTCOME_RANK = {Outcome.ADOPTED.value: 0, Outcome.NOT_ADOPTED.value: 0, Outcome.VETOED.value: 1}


@dataclass(frozen=True)
class NamedDocument:
    symbol: str
    title: str | None = None
    url: str | None = None
    kind: str | None = None


def member_name(raw: str) -> str:
    """"USA" → "United States", "RUSSIAN FEDERATION" → "Russian Federation",
    "BOSNIA AND HERZEGOVINA" → "Bosnia and Herzegovina"."""
    text = " ".join(raw.replace("\u00a0", " ").split()).strip(" .,;")
    known = MEMBER_NAMES.get(text.upper())
    if known:
        return known
    if text.isupper():
        words = text.lower().split()
        text = " ".join(w if i and w in _SMALL_WORDS else w.capitalize() for i, w in enumerate(words))
    return text


def choice_code(raw: str | None) -> str:
    """Y, N, A or X (did not vote) from "Y", "no", "abstain", "NV" …"""
    return _CHOICES.get((raw or "").strip().upper(), "X")


def ensure_documents(session: Session, named: Iterable[NamedDocument], source: Source | None = None) -> dict[str, Document]:
    """The documents for these symbols, created (with their undocs.org URL) where missing.

    Looks all of them up in one query; returns {normalised symbol: Document}.
    """
    wanted: dict[str, NamedDocument] = {}
    for item in named:
        try:
            symbol = normalise_symbol(item.symbol)
        except SymbolError:
            continue
        if symbol not in wanted or (item.title and not wanted[symbol].title):
            wanted[symbol] = item
    found: dict[str, Document] = {}
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        found.update((d.key, d) for d in session.scalars(select(Document).where(Document.key.in_(chunk))))
    for symbol, item in wanted.items():
        document = found.get(symbol)
        if document is None:
            document = get_or_create_document(
                session, symbol=symbol, source=source, url=item.url or _undocs(symbol),
                kind=item.kind, title=item.title,
            )
            found[symbol] = document
        elif item.title and not document.title:
            document.title = item.title
    return found


def _undocs(symbol: str) -> str | None:
    if symbol.startswith("SC/"):
        return None
    return undocs_url(symbol)


def record_vote(
    session: Session,
    *,
    meeting: str,
    document: Document,
    outcome: str,
    resolution: Document | None = None,
    on: date | None = None,
    yes: int | None = None,
    no: int | None = None,
    abstain: int | None = None,
    non_voting: int | None = None,
    members: Mapping[str, str] | None = None,
    source: Source | None = None,
) -> tuple[Vote, bool]:
    """Create or complete the vote on `document` at `meeting`; returns (vote, changed)."""
    meeting = _meeting_symbol(meeting)
    vote = session.scalar(select(Vote).where(Vote.meeting == meeting, Vote.document_id == document.id))
    changed = False
    if vote is None:
        vote = Vote(meeting=meeting, document_id=document.id, outcome=Outcome(outcome).value,
                    source_id=source.id if source else None)
        session.add(vote)
        changed = True
    for name, value in (("date", on), ("yes", yes), ("no", no), ("abstain", abstain), ("non_voting", non_voting),
                        ("resolution_id", resolution.id if resolution else None)):
        if value is not None and getattr(vote, name) is None:
            setattr(vote, name, value)
            changed = True
    if _OUTCOME_RANK.get(Outcome(outcome).value, 0) > _OUTCOME_RANK.get(vote.outcome, 0):
        vote.outcome, changed = Outcome(outcome).value, True
    session.flush()
    if members:
        present = {m.member for m in session.scalars(select(MemberVote).where(MemberVote.vote_id == vote.id))}
        for raw_name, raw_choice in members.items():
            name = member_name(raw_name)
            if name in present:
                continue
            session.add(MemberVote(vote_id=vote.id, member=name, choice=choice_code(raw_choice),
                                   permanent=name in VETO_SEATS))
            present.add(name)
            changed = True
        session.flush()
    return vote, changed


def _meeting_symbol(meeting: str) -> str:
    try:
        return normalise_symbol(meeting)
    except SymbolError:
        return " ".join(meeting.split())
