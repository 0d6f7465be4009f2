"""Reading a local file to capture, without the database layer (the CLI's `extract` and
`diff` import only this, the raw-text readers and the text core)."""
from __future__ import annotations

from pathlib import Path

from .rawtext import MAX_BYTES

MEDIA_TYPES = {
    ".txt": "text/plain", ".html": "text/html", ".htm": "text/html",
    ".xml": "application/xml", ".pdf": "application/pdf",
}
SUPPORTED_SUFFIXES = tuple(MEDIA_TYPES)


class IngestError(Exception):
    """One file that could not be stored; the message names the file and the reason."""


def read_capture(path: Path) -> bytes:
    """The file's bytes, refusing what no text reader should load whole."""
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if path.is_dir():
        raise IngestError(f"{path}: is a directory")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(f"{path}: unsupported file type {path.suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit")
    return path.read_bytes()
