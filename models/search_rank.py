"""Search that knows symbols and ranks like an analyst reads.

Symbols first: "2709", "res 2709", "resolution 2709", "S/RES/2709" and
"S/RES/2709 (2023)" name resolution 2709 (2023); "S/2025/748" and "S/PV.10046" name
themselves. The documents a query names come first, before any full-text match; a bare
number also names the meeting record S/PV.<n> (after the resolution).

Then relevance blended with recency and standing: among texts that match equally well,
a resolution adopted last year comes before one of 1948, and an adopted resolution
before a draft or a news item. `sort="date"` orders by date instead, newest first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .documents import Document
from .text.symbols import SymbolError, normalise_symbol

_RESOLUTION_WORDS = re.compile(
    r"^\s*(?:(?:s\s*/\s*)?res(?:olution)?s?\.?\s*/?\s*|sc\s+res\.?\s*)?(\d{1,4})\s*(?:\(\s*(\d{4})\s*\))?\s*$",
    re.IGNORECASE)
_YEAR_IN_SYMBOL = re.compile(r"\((\d{4})\)|^S/(\d{4})/|/(\d{4})/")
#: Weights of the blended score (relevance, recency, standing), each part in 0..1.
RELEVANCE, RECENCY, STANDING = 0.6, 0.3, 0.1
STANDING_OF = {"resolution": 1.0, "statement": 0.7, "draft": 0.6, "meeting_record": 0.5, "press_release": 0.4,
               "report": 0.4, "news": 0.2}
FIRST_YEAR = 1946


@dataclass(frozen=True)
class SymbolIntent:
    """Symbols a query names exactly, and resolution numbers it names without a year."""

    symbols: tuple[str, ...] = ()
    resolution_numbers: tuple[int, ...] = ()
    meeting_numbers: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.symbols or self.resolution_numbers or self.meeting_numbers)


def symbol_intent(query: str) -> SymbolIntent:
    q = " ".join(query.split())
    if not q or len(q) > 60:
        return SymbolIntent()
    match = _RESOLUTION_WORDS.match(q)
    if match:
        number, year = int(match.group(1)), match.group(2)
        bare = q.strip().isdigit()
        if year:
            return SymbolIntent(symbols=(f"S/RES/{number} ({year})",))
        return SymbolIntent(resolution_numbers=(number,), meeting_numbers=(number,) if bare else ())
    try:
        symbol = normalise_symbol(q)
    except SymbolError:
        return SymbolIntent()
    res = re.match(r"^S/RES/(\d+)$", symbol)
    if res:
        return SymbolIntent(resolution_numbers=(int(res.group(1)),))
    return SymbolIntent(symbols=(symbol,))


def named_documents(session: Session, intent: SymbolIntent, limit: int = 10) -> list[Document]:
    """The documents a query names, in the order it names them: exact symbols, then
    resolutions by number (newest first if several), then meeting records."""
    if not intent:
        return []
    conditions = [Document.symbol.in_(intent.symbols)] if intent.symbols else []
    conditions += [Document.symbol.like(f"S/RES/{n} (%") for n in intent.resolution_numbers]
    conditions += [Document.symbol == f"S/RES/{n}" for n in intent.resolution_numbers]
    conditions += [Document.symbol == f"S/PV.{n}" for n in intent.meeting_numbers]
    found = session.scalars(select(Document).where(or_(*conditions)).limit(limit)).all()
    kind_order = {"resolution": 0, "draft": 1, "meeting_record": 2}
    return sorted(found, key=lambda d: (d.symbol not in intent.symbols, kind_order.get(d.kind, 3), d.symbol or ""))


def year_of(document: Document, adopted_on: date | None, fallback: date | None) -> int | None:
    """The year a text belongs to: its adoption date, else its symbol's year, else `fallback`."""
    if adopted_on:
        return adopted_on.year
    match = _YEAR_IN_SYMBOL.search(document.symbol or "")
    if match:
        return int(next(g for g in match.groups() if g))
    return fallback.year if fallback else None


def blended_order(rows: Sequence[tuple[float, int | None, str]], this_year: int) -> list[int]:
    """Indices of `rows` (relevance where higher is better, year, kind) best first."""
    if not rows:
        return []
    top = max(r for r, _, _ in rows) or 1.0
    low = min(r for r, _, _ in rows)
    span = (top - low) or 1.0
    span_years = max(1, this_year - FIRST_YEAR)

    def score(i: int) -> float:
        relevance, year, kind = rows[i]
        recency = ((year or FIRST_YEAR) - FIRST_YEAR) / span_years
        return RELEVANCE * (relevance - low) / span + RECENCY * min(1.0, max(0.0, recency)) + STANDING * STANDING_OF.get(kind, 0.3)

    return sorted(range(len(rows)), key=lambda i: (-score(i), i))
