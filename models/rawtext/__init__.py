"""Raw bytes to text: the layer between a fetched file and `models.text.parse`.

`to_text(data, name, media_type)` picks a reader by media type, then file extension,
then the bytes' own signature: plain text, HTML, XML or a PDF's text layer.
"""
from __future__ import annotations

from .errors import RawTextError

__all__ = ["MAX_BYTES", "RawTextError", "to_text", "kind_of"]

#: Largest input read at all; anything bigger is refused before parsing.
MAX_BYTES = 50 * 1024 * 1024

_MEDIA = {
    "text/plain": "txt",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
}
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
               ".xhtml": "html", ".xml": "xml", ".pdf": "pdf"}


def kind_of(data: bytes, name: str, media_type: str | None = None) -> str:
    """"txt", "html", "xml" or "pdf" for these bytes."""
    if media_type:
        base = media_type.split(";", 1)[0].strip().lower()
        if base in _MEDIA:
            return _MEDIA[base]
        if base.endswith("+xml"):
            return "xml"
    lowered = (name or "").lower()
    for ext, kind in _EXTENSIONS.items():
        if lowered.endswith(ext):
            return kind
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith(b"<?xml") and b"<html" not in head:
        return "xml"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    return "txt"


def to_text(data: bytes, name: str, media_type: str | None = None) -> str:
    """Text of a file's bytes; raises RawTextError with a one-line reason when it can't."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise RawTextError("input must be bytes")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise RawTextError(f"file is {len(data)} bytes, over the {MAX_BYTES} byte limit")
    if not data.strip():
        raise RawTextError("file is empty")
    kind = kind_of(data, name, media_type)
    if kind == "pdf":
        from .pdf import pdf_to_text

        text = pdf_to_text(data)
    elif kind == "html":
        from .htmltext import html_to_text

        text = html_to_text(data)
    elif kind == "xml":
        from .xmltext import xml_to_text

        text = xml_to_text(data)
    else:
        from .decode import decode_text

        text = decode_text(data)
    if not text.strip():
        raise RawTextError(f"{kind.upper()} file has no text")
    return text
