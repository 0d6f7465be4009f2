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

from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import outbox
from .documents import Document, Link, Source
from .store import add_link, document_key, get_or_create_document
from .text.symbols import SymbolError, normalise_symbol, symbol_kind, undocs_url
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
    missing = {symbol: item for symbol, item in wanted.items() if symbol not in found}
    for symbol, item in wanted.items():
        if symbol in found and item.title and not found[symbol].title:
            found[symbol].title = item.title
    if missing:
        found.update(_create_documents(session, missing, source))
    return found


def _create_documents(session: Session, missing: dict[str, NamedDocument], source: Source | None) -> dict[str, Document]:
    """Insert the missing documents in one flush; if another writer got there first, fall
    back to one get-or-create each."""
    try:
        with session.begin_nested():
            created = {}
            for symbol, item in missing.items():
                created[symbol] = Document(
                    key=document_key(symbol, None, None), symbol=symbol, kind=item.kind or symbol_kind(symbol),
                    title=item.title, canonical_url=item.url or _undocs(symbol),
                    source_id=source.id if source else None, body="Security Council",
                )
                session.add(created[symbol])
            session.flush()
        return created
    except IntegrityError:
        return {symbol: get_or_create_document(session, symbol=symbol, source=source, url=item.url or _undocs(symbol),
                                               kind=item.kind, title=item.title)
                for symbol, item in missing.items()}


def ensure_links(session: Session, pairs: Iterable[tuple[Document, Document, str]], source: Source | None = None) -> int:
    """Link each (from, to, kind) once: existing links are read in one query, the rest
    inserted in one flush (or one by one if another writer raced us). Returns links added."""
    wanted = {(a.id, b.id, kind): (a, b, kind) for a, b, kind in pairs if a.id != b.id}
    if not wanted:
        return 0
    existing = set()
    keys = list(wanted)
    for start in range(0, len(keys), 300):
        chunk = keys[start:start + 300]
        existing.update(session.execute(select(Link.from_id, Link.to_id, Link.kind).where(
            tuple_(Link.from_id, Link.to_id, Link.kind).in_(chunk))).all())
    todo = [wanted[key] for key in keys if key not in existing]
    try:
        with session.begin_nested():
            for a, b, kind in todo:
                session.add(Link(from_id=a.id, to_id=b.id, kind=kind, source_id=source.id if source else None))
            session.flush()
    except IntegrityError:
        for a, b, kind in todo:
            add_link(session, a, b, kind, source)
    return len(todo)


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
    changed = created = False
    if vote is None:
        vote = Vote(meeting=meeting, document_id=document.id, outcome=Outcome(outcome).value,
                    source_id=source.id if source else None)
        session.add(vote)
        changed = created = True
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
    if created:
        outbox.vote_recorded(session, vote)
    return vote, changed


def _meeting_symbol(meeting: str) -> str:
    try:
        return normalise_symbol(meeting)
    except SymbolError:
        return " ".join(meeting.split())
