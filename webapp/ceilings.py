"""What a ceiling includes, read from the words it was stated in.

"up to 14,400 military personnel, including 480 military observers and military staff
officers, and 3,020 police personnel, including 600 individual police officers, 2,420 in
formed police units" (MINUSCA) counts formed police in its police ceiling; "443 police
personnel" (MONUSCO) says nothing about them; "1,680 police personnel in formed police
units" counts only them. A page states which, so two missions' "police ceiling" are
never compared as if they meant the same thing.
"""
from __future__ import annotations

import re

_FPU = re.compile(r"formed\s+police\s+units?", re.IGNORECASE)
_IPO = re.compile(r"individual\s+police", re.IGNORECASE)
_OBSERVERS = re.compile(r"(military\s+)?observers|staff\s+officers", re.IGNORECASE)
_INCLUDING = re.compile(r"\binclud", re.IGNORECASE)


def ceiling_scope(kind: str, evidence: str | None) -> str | None:
    """A short note of what the ceiling counts, or None for other facts."""
    text = evidence or ""
    if kind == "police_ceiling":
        if _FPU.search(text) and _IPO.search(text):
            return "individual police and formed police units included"
        if _FPU.search(text):
            return "formed police units included" if _INCLUDING.search(text) else "formed police units only"
        return "formed police units not stated"
    if kind == "troop_ceiling":
        if _OBSERVERS.search(text):
            return ("observers and staff officers included" if _INCLUDING.search(text)
                    else "observers and staff officers counted apart")
        return "military personnel; observers and staff officers not stated"
    return None
