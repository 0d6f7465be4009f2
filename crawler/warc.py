"""WARC provenance (warcio): write each stored response as a gzipped WARC `response`
record, find records again by offset, and walk an archive's responses for replay."""
from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, Iterator, Mapping

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .limits import CaptureError

#: Largest payload read from an archive (as DOWNLOAD_MAXSIZE and models.rawtext.MAX_BYTES).
DEFAULT_MAX_SIZE = 50 * 1024 * 1024

#: Headers that describe the transfer, not the payload kept: the body a spider sees is
#: already de-chunked and decompressed, so these are dropped and Content-Length rewritten.
TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"})


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    offset: int
    record_id: str


def warc_date(moment: datetime) -> str:
    """`2026-12-01T07:00:00Z`: the WARC/1.0 date form, seconds precision, UTC."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_id_for(url: str, body: bytes, fetched_at: datetime) -> str:
    """A deterministic WARC-Record-ID: the same capture always gets the same id."""
    seed = f"{url}\n{hashlib.sha256(body).hexdigest()}\n{warc_date(fetched_at)}"
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}>"


def payload_headers(headers: Mapping[str, str] | list[tuple[str, str]], body: bytes) -> list[tuple[str, str]]:
    """Response headers as kept with the payload: transfer headers dropped, Content-Length exact."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    kept = [(name, value) for name, value in items if name.lower() not in TRANSFER_HEADERS]
    kept.append(("Content-Length", str(len(body))))
    return kept


class WarcArchive:
    """An append-only .warc.gz file; each record is its own gzip member, flushed and
    fsynced before the database transaction that refers to it commits."""

    def __init__(self, path: Path, *, software: str = "councilwatch", info: Mapping[str, str] | None = None,
                 created: datetime | None = None, filename: str | None = None) -> None:
        self.path = Path(path)
        self.filename = filename or self.path.name
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        self._fh: BinaryIO = self.path.open("ab")
        self._writer = WARCWriter(self._fh, gzip=True)
        if fresh:
            self._write_warcinfo(software, dict(info or {}), created or datetime.now(timezone.utc))

    def _write_warcinfo(self, software: str, info: dict[str, str], created: datetime) -> None:
        fields = {"software": software, "format": "WARC File Format 1.0", **info}
        payload = "".join(f"{k}: {v}\r\n" for k, v in fields.items() if v).encode("utf-8")
        record = self._writer.create_warc_record(
            "", "warcinfo", payload=BytesIO(payload), length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, self.filename + warc_date(created))}>",
                "WARC-Date": warc_date(created), "WARC-Filename": self.filename,
            },
        )
        self._writer.write_record(record)
        self._sync()

    def write_response(self, url: str, status: int, headers: Mapping[str, str] | list[tuple[str, str]],
                       body: bytes, fetched_at: datetime, reason: str = "") -> tuple[int, str]:
        """Append one response record; returns (offset, WARC-Record-ID)."""
        record_id = record_id_for(url, body, fetched_at)
        http_headers = StatusAndHeaders(f"{status} {reason or _REASONS.get(status, '')}".strip(),
                                        payload_headers(headers, body), protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url, "response", payload=BytesIO(body), length=len(body), http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": record_id, "WARC-Date": warc_date(fetched_at)},
        )
        offset = self._fh.tell()
        self._writer.write_record(record)
        self._sync()
        return offset, record_id

    def _sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> "WarcArchive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_REASONS = {200: "OK", 203: "Non-Authoritative Information", 301: "Moved Permanently", 302: "Found",
            304: "Not Modified", 404: "Not Found"}


def iter_responses(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> Iterator[ArchivedResponse]:
    """Every whole `response` record of a WARC file, in file order, with its offset
    (a record that fails its integrity checks is skipped: see `read_response`)."""
    for entry in index(path):
        if entry.rec_type == "response":
            try:
                yield read_response(path, entry.offset, max_size)
            except CaptureError:
                continue


def read_response(path: Path, offset: int, max_size: int = DEFAULT_MAX_SIZE) -> ArchivedResponse:
    """The response record that starts at `offset`, proven whole: its gzip member ends
    cleanly, its block has the WARC Content-Length, its WARC digests match, and the
    HTTP Content-Length (when the payload is not chunked) matches the payload. Raises
    CaptureError (Truncated, TooLarge) otherwise; the payload is never inflated beyond
    `max_size` and its Content-Encoding is left for the bounded decoder downstream."""
    from .warcread import read_record

    record = read_record(Path(path), offset, max_size)
    if record.rec_type != "response":
        raise ValueError(f"{Path(path).name}@{offset}: a {record.rec_type} record, not a response")
    return record.response()


def index(path: Path):
    """(offset, type, target URL) of every record, reading headers only (bounded memory)."""
    from .warcread import index_records

    return index_records(Path(path))
