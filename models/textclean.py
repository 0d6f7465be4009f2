"""Control characters out of every stored text: XML 1.0 §2.2 allows only tab, line
feed and carriage return below U+0020, no C1 controls in practice, and no U+FFFE/FFFF
or lone surrogates. A page that declares a charset can still carry them (a stray
U+000B from a word processor); stored once, they would make every feed invalid forever.
"""
from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str | None) -> str | None:
    """`text` without control characters (tab, line feed and carriage return are kept;
    a vertical tab or form feed becomes a line feed, as it separates lines)."""
    if text is None:
        return None
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _CONTROLS.sub("", text)
