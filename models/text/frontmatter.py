"""A resolution's identity lines: symbol, title, adoption date and meeting.

Reads "Resolution 2709 (2023)", "S/RES/2709 (2023)", "Adopted by the Security Council at
its 9476th meeting, on 15 November 2023", the old "186 (1964). Resolution of 4 March 1964"
and "Adopted unanimously at the 1102nd meeting.", the press form "The full text of
resolution 1919 (2010) reads as follows:", and a draft's "S/2025/748".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DATE, date_of
from .symbols import SymbolError, normalise_symbol

_RES_SYMBOL = re.compile(r"\bS/RES/(\d{1,4})\s?\((\d{4})\)")
_TITLE = re.compile(r"\bResolution\s+(\d{1,4})\s?\((\d{4})\)", re.IGNORECASE)
_TITLE_IN = re.compile(r"\b(?:Resolution|RESOLUTION)\s+\d{1,4}\s?\(\d{4}\)")
_OLD_TITLE = re.compile(r"^(\d{1,4})\s?\((\d{4})\)\.?\s+Resolution\s+of\s+")
_PRESS = re.compile(r"\btext\s+of\s+(?:the\s+)?resolution\s+(\d{1,4})\s?\((\d{4})\)", re.IGNORECASE)
_DRAFT_SYMBOL = re.compile(r"^S/(\d{4})/(\d{1,4})(/(?:Rev|Corr|Add)\.\d+)*\b")
_ADOPTED = re.compile(
    r"\bAdopted\b[^.;]{0,60}?\bat\s+its\s+(\d{1,2},\d{3}|\d{1,5})\s?(?:st|nd|rd|th)?\s+meeting\b,?\s*"
    r"(?:held\s+)?(?:on\s+)?(?=\S)"
)
_OLD_ADOPTED = re.compile(r"\bAdopted\b[^.;]{0,60}?\bat\s+the\s+(\d{1,2},\d{3}|\d{1,5})\s?(?:st|nd|rd|th)?\s+meeting\b")
_RESOLUTION_OF = re.compile(r"\bResolution\s+(?:\d{1,4}\s?\(\d{4}\)\s+)?of\s+(?=\d)")
_DRAFT_TITLE = re.compile(r"draft resolution$", re.IGNORECASE)


@dataclass
class FrontMatter:
    symbol: str | None = None
    title: str | None = None
    adopted_on: str | None = None
    meeting: int | None = None


def _res(number: str, year: str) -> str:
    return f"S/RES/{int(number)} ({year})"


def read_front(lines: list[str], head: str) -> FrontMatter:
    """Identity from the lines before "The Security Council," and the raw start of the text."""
    front = FrontMatter()
    for line in lines:
        if front.title is None:
            old = _OLD_TITLE.match(line)
            if old:
                d = DATE.match(line, old.end())
                front.title = line[:d.end()] if d else line.split(" [", 1)[0]
            elif _TITLE.match(line) and len(line) < 60 or _DRAFT_TITLE.search(line) and len(line) < 160:
                front.title = line
            else:
                m = _TITLE_IN.search(line)
                if m:
                    front.title = m.group(0)
        if front.symbol is None:
            m = _OLD_TITLE.match(line) or _TITLE.match(line) or _RES_SYMBOL.search(line) or _PRESS.search(line)
            if m:
                front.symbol = _res(m.group(1), m.group(2))
        if front.adopted_on is None:
            m = _RESOLUTION_OF.search(line)
            if m:
                d = DATE.match(line, m.end())
                front.adopted_on = date_of(d) if d else None
    read_adoption(" ".join(lines), front)
    if front.symbol is None:
        m = _RES_SYMBOL.search(head)
        if m:
            front.symbol = _res(m.group(1), m.group(2))
        else:
            for raw in head.splitlines()[:6]:
                d = _DRAFT_SYMBOL.match(raw.strip())
                if d:
                    try:
                        front.symbol = normalise_symbol(d.group(0))
                    except SymbolError:
                        pass
                    break
    return front


def read_adoption(text: str, front: FrontMatter) -> bool:
    """Fill meeting and date from an "Adopted … at its 9476th meeting, on …" line."""
    m = _ADOPTED.search(text)
    if m:
        front.meeting = front.meeting or int(m.group(1).replace(",", ""))
        d = DATE.match(text, m.end())
        if d and front.adopted_on is None:
            front.adopted_on = date_of(d)
        return True
    m = _OLD_ADOPTED.search(text)
    if m:
        front.meeting = front.meeting or int(m.group(1).replace(",", ""))
        return True
    return False
