"""Numbers as the Council writes them: "14,400", "20 000", "twelve", "two-year".

Returns None rather than guessing; "a"/"an" count as one only where a caller allows it.
"""
from __future__ import annotations

import re

from .lexicon import NUMBER_WORDS

#: A personnel figure: "14,400", "14 400", "2000" (three digits at least).
FIGURE = r"(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d{3,6})"
#: A small count: digits or a number word ("six", "twelve", "twenty-four").
COUNT = (r"(?:\d{1,3}|twenty-four|thirty-six|forty-five|eleven|twelve|thirteen|fourteen|fifteen|"
         r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety|"
         r"one|two|three|four|five|six|seven|eight|nine|ten)")
_DIGITS = re.compile(r"\d+")


def figure_value(text: str) -> int | None:
    """14400 for "14,400"; None for anything that is not a clean figure."""
    digits = "".join(_DIGITS.findall(text))
    return int(digits) if digits and len(digits) <= 7 else None


def count_value(text: str) -> int | None:
    """12 for "twelve" or "12"."""
    lowered = text.lower().strip()
    if lowered.isdigit():
        return int(lowered)
    return NUMBER_WORDS.get(lowered) if lowered not in ("a", "an") else None
