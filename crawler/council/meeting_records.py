"""Votes as read out in a meeting record (S/PV.N): "In favour: Argentina, Botswana, …
Against: None Abstaining: Russian Federation … There were 14 votes in favour, none
against and 1 abstention", stored as the `meeting-record` source of the vote, the one
shown first when sources disagree (models.reconcile).

The reader is `models.text.meeting_record.read_meeting_record(text)` (engineer i10's
lane): its `.votes` each give `draft`, `outcome` and the members `in_favour`, `against`,
`abstaining` as printed, and `resolution` ("970 (1995)") when the record names it. The
bundle loader (i11c's lane) calls `record_meeting_record_text` per meeting record text.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from sqlalchemy.orm import Session

from models.store import get_or_create_source
from models.text.symbols import SymbolError, normalise_symbol, symbol_kind
from models.votes_store import NamedDocument, ensure_documents, record_vote

SOURCE = "meeting-record"
_OUTCOMES = {"adopted": "adopted", "not adopted": "not_adopted", "not_adopted": "not_adopted", "vetoed": "vetoed",
             "failed": "not_adopted"}


def read_votes(text: str) -> list[Any]:
    """The votes read out in a meeting record's text."""
    from models.text.meeting_record import read_meeting_record

    return list(read_meeting_record(text).votes)


def record_meeting_record_text(session: Session, meeting: str, text: str, on: date | None = None,
                               locator: str | None = None) -> int:
    """Read a meeting record's text and record its votes (see below)."""
    return record_meeting_record_votes(session, meeting, read_votes(text), on=on, locator=locator)


def record_meeting_record_votes(session: Session, meeting: str, votes: Iterable[Any], on: date | None = None,
                                locator: str | None = None) -> int:
    """Record each vote read out at `meeting` as the meeting record's figures; returns
    how many votes changed. Members are normalised ("United Kingdom of Great Britain and
    Northern Ireland" → United Kingdom); the tallies are the members counted."""
    source = get_or_create_source(session, SOURCE, "Meeting records (S/PV): votes as read out")
    meeting = normalise_symbol(meeting)
    changed = 0
    for index, vote in enumerate(votes, 1):
        draft, resolution = _symbol(getattr(vote, "draft", None)), _symbol(getattr(vote, "resolution", None))
        subject = draft or resolution
        if subject is None:
            continue
        named = ensure_documents(session, [NamedDocument(s, kind=symbol_kind(s)) for s in (draft, resolution) if s],
                                 source)
        members = {name: "Y" for name in getattr(vote, "in_favour", None) or []}
        members |= {name: "N" for name in getattr(vote, "against", None) or []}
        members |= {name: "A" for name in getattr(vote, "abstaining", None) or []}
        outcome = _OUTCOMES.get(str(getattr(vote, "outcome", "") or "").lower().replace("_", " "), None)
        outcome = outcome or ("adopted" if resolution else "not_adopted")
        _, did = record_vote(
            session, meeting=meeting, document=named[subject], resolution=named.get(resolution) if resolution else None,
            outcome=outcome, on=on, yes=len(getattr(vote, "in_favour", None) or []),
            no=len(getattr(vote, "against", None) or []), abstain=len(getattr(vote, "abstaining", None) or []),
            members=members, members_complete=bool(members), source=source, source_name=SOURCE,
            locator=f"{locator or meeting}#vote={index}")
        changed += did
    return changed


def _symbol(raw: str | None) -> str | None:
    """"S/1995/21"; "970 (1995)", as a record names the resolution adopted → S/RES/970 (1995)."""
    if not raw:
        return None
    if re.fullmatch(r"\d{1,4}\s*\(\d{4}\)", raw.strip()):
        raw = "S/RES/" + raw.strip()
    try:
        return normalise_symbol(raw)
    except SymbolError:
        return None
