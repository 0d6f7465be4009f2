"""Numbers as the Council writes them: "14,400", "20 000", "twelve", "thirty-one", "two-year".

Returns None rather than guessing; "a"/"an" count as one only where a caller allows it.
"""
from __future__ import annotations

import re

from .lexicon import NUMBER_WORDS

#: A personnel figure: "14,400", "14 400", "2000" (three digits at least).
FIGURE = r"(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d{3,6})"
#: A small count: digits or a number word ("six", "twelve", "thirty-one", "twenty-four").
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
COUNT = (rf"(?:\d{{1,3}}|{_TENS}(?:-{_UNITS})?|eleven|twelve|thirteen|fourteen|fifteen|"
         rf"sixteen|seventeen|eighteen|nineteen|ten|{_UNITS})")
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
    if lowered in ("a", "an"):
        return None
    if lowered in NUMBER_WORDS:
        return NUMBER_WORDS[lowered]
    tens, _, unit = lowered.partition("-")  # "thirty-one"
    if tens in NUMBER_WORDS and unit in NUMBER_WORDS and NUMBER_WORDS[tens] % 10 == 0 < NUMBER_WORDS[unit] < 10:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    return None
