"""UN document symbols: "S/RES/2759 (2024)", "S/2025/748/Rev.1", "S/PV.10046", "SC/16225".

One spelling per document: `S/RES/2759(2024)`, `s/res/2759 (2024)` and
`S/RES/2759 (2024)` all normalise to `S/RES/2759 (2024)`.
"""
from __future__ import annotations

import re

_SUFFIX = re.compile(r"/(REV|CORR|ADD|AMEND)\.?(\d+)", re.IGNORECASE)
_RES = re.compile(r"^S/RES/(\d+)\s*\(\s*(\d{4})\s*\)$")
_SUFFIX_WORD = {"REV": "Rev", "CORR": "Corr", "ADD": "Add", "AMEND": "Amend"}

#: A symbol as it stands in running text ("resolution 2803 (2025)" is handled apart).
SYMBOL_IN_TEXT = re.compile(
    r"\b(?:S/RES/\d+\s?\(\d{4}\)"
    r"|S/PRST/\d{4}/\d+"
    r"|S/PV\.\d+(?:\s?\(Resumption\s?\d*\))?"
    r"|S/\d{4}/\d+"
    r"|SC/\d{4,5})"
    r"(?:/(?:Rev|Corr|Add)\.\d+)*",
    re.IGNORECASE,
)
_RESOLUTION_IN_PROSE = re.compile(r"\bresolution\s+(\d{1,4})\s*\((\d{4})\)", re.IGNORECASE)


class SymbolError(ValueError):
    """Raised for a string that is not a UN document symbol."""


def normalise_symbol(raw: str) -> str:
    """Return the canonical spelling of a symbol; raise SymbolError if it is none."""
    text = " ".join(raw.replace("\u00a0", " ").split()).strip().strip(".,;")
    if not text or "/" not in text and not text.upper().startswith("SC/"):
        raise SymbolError(f"not a UN document symbol: {raw!r}")
    upper = text.upper()
    # Suffixes keep the UN's own capitalisation: /Rev.1, /Corr.1, /Add.1.
    suffixes = "".join(f"/{_SUFFIX_WORD[m.group(1).upper()]}.{m.group(2)}" for m in _SUFFIX.finditer(upper))
    base = _SUFFIX.sub("", upper).replace(" /", "/").replace("/ ", "/")
    match = _RES.match(base)
    if match:
        base = f"S/RES/{int(match.group(1))} ({match.group(2)})"
    elif not re.fullmatch(r"[A-Z]+(?:[/.][A-Z0-9()\-]+)+(?: \(RESUMPTION ?\d*\))?", base):
        raise SymbolError(f"not a UN document symbol: {raw!r}")
    return base.replace("(RESUMPTION", "(Resumption") + suffixes


def url_form(symbol: str) -> str:
    """The undocs.org spelling used in URLs: "S/RES/2759(2024)" (no space)."""
    return normalise_symbol(symbol).replace(" (", "(")


def undocs_url(symbol: str, language: str = "en") -> str:
    """`https://undocs.org/en/S/RES/2759(2024)`: the ODS resolver for a symbol."""
    return f"https://undocs.org/{language}/{url_form(symbol)}"


def resolution_symbol(number: int, year: int) -> str:
    """`resolution 2803 (2025)` → `S/RES/2803 (2025)`."""
    return f"S/RES/{number} ({year})"


def symbols_in(text: str) -> list[str]:
    """Every distinct symbol a text mentions, in order of first mention, normalised.

    Catches both "S/RES/1919 (2010)" and the prose form "resolution 1919 (2010)".
    """
    found: dict[str, None] = {}
    spans = [(m.start(), m.group(0)) for m in SYMBOL_IN_TEXT.finditer(text)]
    spans += [(m.start(), resolution_symbol(int(m.group(1)), int(m.group(2)))) for m in _RESOLUTION_IN_PROSE.finditer(text)]
    for _, raw in sorted(spans):
        try:
            found.setdefault(normalise_symbol(raw))
        except SymbolError:
            continue
    return list(found)


def symbol_kind(symbol: str) -> str:
    """The document kind a symbol implies: resolution, meeting_record, statement, press_release, draft."""
    s = normalise_symbol(symbol)
    if s.startswith("S/RES/"):
        return "resolution"
    if s.startswith("S/PV."):
        return "meeting_record"
    if s.startswith("S/PRST/"):
        return "statement"
    if s.startswith("SC/"):
        return "press_release"
    return "draft" if re.match(r"S/\d{4}/\d+", s) else "report"
