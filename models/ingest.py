"""Store local files as versions: `councilwatch ingest PATH...`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from .capture import MEDIA_TYPES, SUPPORTED_SUFFIXES, IngestError, read_capture
from .rawtext import RawTextError, to_text
from .store import Recorded, StoreError, get_or_create_source, record_version
from .text import parse
from .text.symbols import SymbolError, normalise_symbol

_RES_NAME = re.compile(r"S_RES_0*(\d+)_(\d{4})", re.IGNORECASE)
_DOC_NAME = re.compile(r"^(S|SC)_(\d{4})_(\d+)((?:_(?:Rev|Corr|Add)\.?\d+)*)", re.IGNORECASE)


@dataclass(frozen=True)
class Ingested:
    path: Path
    symbol: str | None
    version: int
    created: bool


def symbol_from_filename(path: Path) -> str | None:
    """`S_RES_0186_1964_EN_GOLD.txt` → `S/RES/186 (1964)`; `S_2025_748_Rev.1.pdf` → `S/2025/748/Rev.1`."""
    stem = path.stem
    match = _RES_NAME.search(stem)
    if match:
        return f"S/RES/{int(match.group(1))} ({match.group(2)})"
    match = _DOC_NAME.match(stem)
    if match:
        suffix = match.group(4).replace("_", "/")
        try:
            return normalise_symbol(f"{match.group(1)}/{match.group(2)}/{int(match.group(3))}{suffix}")
        except SymbolError:
            return None
    return None


def ingest_file(session: Session, path: Path) -> Ingested:
    """Read, parse and record one file in the caller's transaction."""
    raw = read_capture(path)
    try:
        text = to_text(raw, path.name)
    except RawTextError as error:
        raise IngestError(f"{path}: {error}") from None
    parsed = parse(text)
    symbol = parsed.symbol or symbol_from_filename(path)
    source = get_or_create_source(session, "local", "Files ingested from disk")
    try:
        recorded: Recorded = record_version(
            session, text=text, raw=raw, media_type=MEDIA_TYPES[path.suffix.lower()], symbol=symbol,
            source=source, url=path.resolve().as_uri(), parsed=parsed,
        )
    except StoreError as error:
        raise IngestError(f"{path}: {error}") from None
    return Ingested(path, recorded.version.document.symbol, recorded.version.number, recorded.created)
