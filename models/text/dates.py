"""Dates as the Council writes them: "30 April 2025", "15 November 2023", "April 30, 2025".

Only real calendar dates come out (no 31 April); anything else is None, never a guess.
"""
from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
#: "30 April 2025" or "April 30, 2025"; groups: day, month, year | month, day, year.
DATE = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s*,?\s+(\d{{4}})"
    rf"|({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}}))\b"
)
#: "May 2024" without a day (a deadline month).
MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b")


def iso_date(day: str | int, month: str, year: str | int) -> str | None:
    """ISO 8601 for a day, month name and year, or None when that day does not exist."""
    number = MONTHS.get(month.lower().rstrip("."))
    try:
        return _dt.date(int(year), number, int(day)).isoformat() if number else None
    except ValueError:
        return None


def date_of(match: re.Match[str]) -> str | None:
    """ISO date of a DATE match."""
    if match.group(1):
        return iso_date(match.group(1), match.group(2), match.group(3))
    return iso_date(match.group(5), match.group(4), match.group(6))


def first_date(text: str) -> str | None:
    """The first real date in a text."""
    for match in DATE.finditer(text):
        value = date_of(match)
        if value:
            return value
    return None
