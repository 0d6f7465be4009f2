"""Writing votes, and the documents votes and pages name without their text.

Sources overlap and disagree: the UN library's yearly table gives "Draft resolution
S/2022/431 vetoed by China, Russian Federation 13-0-2", the voting data each member's
vote (13-2-0), its veto list the vetoing members. `record_vote` keeps what each source
says and reconciles one Vote per meeting and draft from all of them (models.reconcile),
conflicts stored beside the figures shown.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from sqlalchemy import or_, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import outbox
from .documents import Document, Link, Source
from .store import add_link, document_key, get_or_create_document
from .text.symbols import SymbolError, normalise_symbol, symbol_kind, undocs_url
from .votes import PERMANENT_MEMBERS, Outcome, Vote

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
    meeting: str | None,
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
    source_name: str | None = None,
    locator: str | None = None,
    members_complete: bool | None = None,
    notes: list[str] | None = None,
    agenda_item: str | None = None,
) -> tuple[Vote, bool]:
    """Record what one source says of the vote on `document` (a draft, or the resolution
    when the source names no draft) at `meeting`, then reconcile the vote from every
    source's figures, in the caller's transaction. Returns (vote, changed).

    `locator` names where the figures were read (a URL, a file and row); one source may
    speak of a vote from several places (the library's yearly table and its veto list).
    `members_complete`: the members given are a full roll call (default: 11 or more
    named, the smallest Council there has been); otherwise only some are named.
    """
    from .council_store import materialise_vote, observe

    meeting = _meeting_symbol(meeting) if meeting else None
    named = {member_name(k): choice_code(v) for k, v in (members or {}).items()}
    if members_complete is None:
        members_complete = len(named) >= 11
    vote, created = _find_or_create_vote(session, meeting, document, resolution, on, outcome, source)
    changed = observe(
        session, vote, source=source_name or (source.name if source else "local"),
        locator=locator or f"{meeting or ''} {document.key}".strip(), meeting=meeting, on=on,
        draft=document.symbol if document.kind != "resolution" else None,
        resolution=resolution.symbol if resolution is not None else (document.symbol if document.kind == "resolution" else None),
        outcome=Outcome(outcome).value, yes=yes, no=no, abstain=abstain, non_voting=non_voting,
        members=named or None, members_complete=members_complete, notes=notes,
    )
    if changed or created:
        materialise_vote(session, vote, agenda_item=agenda_item)
    if created and not session.info.get("council_bulk"):
        outbox.vote_recorded(session, vote)  # a bulk load of history (crawler.council.load) alerts no one
    return vote, changed or created


def _find_or_create_vote(session: Session, meeting: str | None, document: Document, resolution: Document | None,
                         on: date | None, outcome: str, source: Source | None) -> tuple[Vote, bool]:
    """One vote per meeting and draft. A resolution names its vote by itself (one
    resolution, one vote), whatever draft or meeting a source gives; a failed draft by
    the draft and its meeting (or, when the meeting is not known, its date)."""
    from .council_store import cached_votes, remember_vote

    if resolution is None and document.kind == "resolution":
        resolution = document
    cached = cached_votes(session, resolution.id if resolution is not None else None, document.id)
    vote = None
    if resolution is not None:
        if cached is not None:
            vote = next((v for v in cached if v.resolution_id == resolution.id or v.document_id == resolution.id), None)
        else:
            vote = session.scalar(select(Vote).where(or_(Vote.resolution_id == resolution.id,
                                                         Vote.document_id == resolution.id)).order_by(Vote.id).limit(1))
    if vote is None and document.kind != "resolution":
        if cached is not None:
            candidates = [v for v in cached if v.document_id == document.id]
        else:
            candidates = list(session.scalars(select(Vote).where(Vote.document_id == document.id).order_by(Vote.id)))
        vote = next((v for v in candidates if meeting and v.meeting == meeting), None)
        if vote is None:
            vote = next((v for v in candidates if (v.meeting is None or meeting is None) and
                         (on is None or v.date is None or v.date == on)), None)
    if vote is not None:
        if document.kind != "resolution" and vote.document_id != document.id and vote.document_id == (
                resolution.id if resolution is not None else None):
            with session.no_autoflush:
                taken = session.scalar(select(Vote.id).where(Vote.document_id == document.id,
                                                             Vote.meeting == vote.meeting))
            if taken is None:
                vote.document_id = document.id  # the draft is now known: the vote is on it
                remember_vote(session, vote)
        return vote, False
    vote = Vote(meeting=meeting, document_id=document.id, outcome=Outcome(outcome).value, date=on,
                resolution_id=resolution.id if resolution is not None else None,
                source_id=source.id if source else None)
    session.add(vote)
    session.flush()
    remember_vote(session, vote)
    return vote, True


def _meeting_symbol(meeting: str) -> str:
    try:
        return normalise_symbol(meeting)
    except SymbolError:
        return " ".join(meeting.split())
