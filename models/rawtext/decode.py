"""Bytes to str: UTF-8, or UTF-16/32 with a BOM; cp1252 only where HTML says so.

A plain-text file must be UTF-8 (or carry a byte-order mark): a guessed encoding would
be stored forever in an append-only archive, so "Communiqué" in cp1252 is refused with
a clear error rather than risked as mojibake. HTML pages without a declared charset get
the legacy cp1252 reading browsers give them, and bytes that decode only as noise are
still refused.
"""
from __future__ import annotations

import codecs
import re

from .errors import RawTextError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LETTER = re.compile(r"[^\W\d_]")


def looks_binary(data: bytes) -> bool:
    """True for bytes no text file holds: NULs (without a UTF-16/32 BOM) or many controls."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in (*range(0, 9), *range(14, 32), 127))
    return controls > max(2, len(head) // 100)


def decode_text(data: bytes, *, legacy_fallback: bool = False) -> str:
    """Decode text bytes; raise RawTextError if they are not text in a known encoding.

    `legacy_fallback` allows sensible cp1252 when the bytes are not UTF-8 (HTML only).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise RawTextError(f"text is not valid {encoding.upper()} despite its byte-order mark") from exc
    if looks_binary(data):
        raise RawTextError("file holds binary data, not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if not legacy_fallback:
            raise RawTextError(
                f"text is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
            ) from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise RawTextError("text is neither UTF-8 nor Windows-1252 (cp1252)") from exc
    if not _sensible(text):
        raise RawTextError("text is neither UTF-8 nor sensible Windows-1252 (cp1252): undecodable bytes")
    return _checked(text)


def _sensible(text: str) -> bool:
    """cp1252 decodes almost anything; real prose is mostly ASCII with a few accents."""
    sample = text[:200000]
    if not sample:
        return True
    non_ascii = len(_NON_ASCII.findall(sample))
    if non_ascii > len(sample) * 0.15:
        return False
    letters = len(_LETTER.findall(sample))
    return letters >= len(sample) * 0.4 or len(sample) < 40 and letters > 0


def _checked(text: str) -> str:
    """Drop a few stray control characters; many of them mean the bytes were not text."""
    strays = len(_BAD_CONTROL.findall(text[:200000]))
    if strays > max(3, min(len(text), 200000) // 1000):
        raise RawTextError("file holds binary data, not text (control characters)")
    return _BAD_CONTROL.sub("", text) if strays else text
