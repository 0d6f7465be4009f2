"""Reading an item's text off the writer's path: bytes → text → parsed structure and
facts, inline or in a pool of worker processes (`COUNCILWATCH_PARSE_WORKERS`, 0 = inline).

The pipeline writes in ONE process and one transaction at a time (SQLite allows one
writer); reading is pure CPU, so with workers it runs on the other cores while the
writer writes. The bundle loader asks for one worker per core.
"""
from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from models.integrity import check_bytes
from models.rawtext import kind_of, to_text
from models.store import text_hash
from models.textclean import strip_controls
from models.text import parse
from models.text.structure import ParsedText

_SPACE = re.compile(r"\s+")


def page_digest(text: str) -> str:
    """SHA-256 of the extracted text with spacing folded: what "unchanged" means."""
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return hashlib.sha256("\n".join(line for line in lines if line).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadText:
    text: str
    digest: str
    parsed: ParsedText | None  # None when the text is the one last seen (nothing to store)
    text_sha256: str | None = None  # models.store.text_hash: what a version is keyed on


def read(raw: bytes, text: str | None, name: str, media_type: str | None, keyed_by_url: bool,
         last_digest: str | None = None) -> ReadText:
    """The item's text (extracted from `raw` unless the spider gave it), its digest, and its
    parse unless the digest is `last_digest`. Raises models.rawtext.RawTextError when the
    bytes hold no text, models.integrity.IncompleteCapture when they are cut short."""
    check_bytes(raw, kind_of(raw, name, media_type))
    text = strip_controls(text if text is not None else to_text(raw, name, media_type))
    digest = page_digest(text)
    if last_digest is not None and digest == last_digest:
        return ReadText(text, digest, None)
    parsed = parse(text)
    if keyed_by_url:
        parsed.symbol = None  # a listing names many symbols; none of them is its own
    return ReadText(text, digest, parsed, text_hash(parsed, text))


class Reader:
    """`await reader.read(...)`: in this process, or in a worker when there are workers."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = max(0, int(workers))
        self._pool: ProcessPoolExecutor | None = None

    async def read(self, raw: bytes, text: str | None, name: str, media_type: str | None,
                   keyed_by_url: bool, last_digest: str | None = None) -> ReadText:
        if not self.workers:
            return read(raw, text, name, media_type, keyed_by_url, last_digest)
        if self._pool is None:
            # forkserver: workers never inherit the reactor, the engine or open database handles
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
        try:
            future = self._pool.submit(read, raw, text, name, media_type, keyed_by_url, last_digest)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:  # a worker died (killed, out of memory): read here from now on
            self.close()
            self.workers = 0
            return read(raw, text, name, media_type, keyed_by_url, last_digest)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
