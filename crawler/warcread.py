"""Reading WARC records with proof that each is whole, in bounded memory.

WARC/1.0 §6.3: "Content-Length … the number of octets in the block"; §5.8/5.9:
`WARC-Block-Digest` and `WARC-Payload-Digest` ("sha1:" + base32). A record is handed
on only when its gzip member ends cleanly, its block is as long as it says, its
digests match, and its HTTP payload is as long as its own `Content-Length` says.
Each gzip member is inflated as a stream: output past the size limit is discarded
while the member's end is sought, so a decompression bomb costs time, not memory.
"""
from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from .limits import CaptureError, TooLarge, Truncated, read_member

#: Headers of a record (WARC and HTTP) are read within this many bytes.
MAX_HEADER_BYTES = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class IndexEntry:
    offset: int
    rec_type: str
    url: str | None


@dataclass(frozen=True)
class Record:
    offset: int
    rec_type: str
    headers: dict[str, str]  # WARC headers, lower-cased names
    block: bytes

    def response(self):
        """This record as an ArchivedResponse (HTTP head parsed, payload checked)."""
        from .warc import ArchivedResponse

        head, payload = _split_head(self.block, f"record at offset {self.offset}")
        status_line, http_headers = _parse_http_head(head)
        _check_digest(self.headers.get("warc-payload-digest"), payload, "payload")
        lowered = {name.lower(): value for name, value in http_headers}
        if "chunked" in lowered.get("transfer-encoding", "").lower():
            payload = dechunk(payload)
            http_headers = [(n, v) for n, v in http_headers if n.lower() != "transfer-encoding"]
        elif "content-length" in lowered:
            try:
                declared = int(lowered["content-length"].strip())
            except ValueError:
                raise CaptureError(f"record at offset {self.offset}: Content-Length is not a number") from None
            if declared != len(payload):
                raise Truncated(f"record at offset {self.offset}: payload has {len(payload)} bytes, "
                                f"Content-Length says {declared}")
        parts = status_line.split(" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 200
        date = self.headers.get("warc-date")
        fetched_at = datetime.fromisoformat(date.replace("Z", "+00:00")) if date else datetime.now(timezone.utc)
        return ArchivedResponse(
            url=self.headers.get("warc-target-uri", ""), status=status, headers=http_headers, body=payload,
            fetched_at=fetched_at, offset=self.offset, record_id=self.headers.get("warc-record-id", ""),
        )


def _member_or_plain(fh: BinaryIO, limit: int) -> tuple[bytes, int, bool]:
    start = fh.tell()
    magic = fh.read(2)
    fh.seek(start)
    if magic == _GZIP_MAGIC:
        return read_member(fh, limit)
    head = fh.read(MAX_HEADER_BYTES)
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return head, len(head), False
    length = _content_length(_parse_warc_head(head[:end]))
    fh.seek(start + end + 4)
    block = fh.read(min(length, limit + 1))
    consumed = end + 4 + length + 4  # the record ends with two CRLFs
    return head[:end + 4] + block, consumed, len(block) >= min(length, limit + 1)


def read_record(path: Path, offset: int, max_size: int) -> Record:
    """The record at `offset`, whole; raises Truncated or TooLarge otherwise."""
    with Path(path).open("rb") as fh:
        fh.seek(offset)
        data, _, whole = _member_or_plain(fh, max_size + MAX_HEADER_BYTES)
    where = f"record at offset {offset}"
    if not data:
        raise Truncated(f"{where}: no record there")
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        raise Truncated(f"{where}: WARC headers end before they do")
    headers = _parse_warc_head(data[:head_end])
    length = _content_length(headers)
    if length > max_size + MAX_HEADER_BYTES:
        raise TooLarge(f"{where}: a {length} byte block is over the {max_size} byte limit")
    block = data[head_end + 4: head_end + 4 + length]
    if not whole:
        raise Truncated(f"{where}: the archive ends inside this record (its gzip member is cut)")
    if len(block) != length:
        raise Truncated(f"{where}: block has {len(block)} bytes, WARC Content-Length says {length}")
    _check_digest(headers.get("warc-block-digest"), block, "block")
    return Record(offset, headers.get("warc-type", ""), headers, block)


def index_records(path: Path) -> list[IndexEntry]:
    """Every record's offset, type and URL; memory bounded by MAX_HEADER_BYTES per record.
    A record cut short by the end of the file is listed too (reading it then fails)."""
    entries = []
    size = Path(path).stat().st_size
    with Path(path).open("rb") as fh:
        offset = 0
        while offset < size:
            fh.seek(offset)
            data, consumed, whole = _member_or_plain(fh, MAX_HEADER_BYTES)
            head_end = data.find(b"\r\n\r\n")
            if head_end >= 0:
                headers = _parse_warc_head(data[:head_end])
                entries.append(IndexEntry(offset, headers.get("warc-type", ""), headers.get("warc-target-uri")))
            if not whole or consumed <= 0:
                break
            offset += consumed
            # uncompressed records are followed by CRLF CRLF; gzip members by the next member
    return entries


def dechunk(data: bytes) -> bytes:
    """A chunked transfer-coded payload (RFC 9112 §7.1) decoded; Truncated without the last chunk."""
    out = bytearray()
    stream = io.BytesIO(data)
    while True:
        line = stream.readline()
        if not line:
            raise Truncated("chunked payload ends before its last chunk")
        try:
            size = int(line.split(b";", 1)[0].strip() or b"x", 16)
        except ValueError:
            raise CaptureError("chunked payload has a malformed chunk size") from None
        if size == 0:
            return bytes(out)
        chunk = stream.read(size)
        if len(chunk) != size:
            raise Truncated("chunked payload ends inside a chunk")
        out += chunk
        stream.readline()


def _parse_warc_head(head: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    lines = head.decode("utf-8", "replace").split("\r\n")
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return headers


def _content_length(headers: dict[str, str]) -> int:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        raise CaptureError("WARC record without a numeric Content-Length") from None


def _split_head(block: bytes, where: str) -> tuple[bytes, bytes]:
    end = block.find(b"\r\n\r\n")
    if end < 0 or end > MAX_HEADER_BYTES:
        raise CaptureError(f"{where}: no HTTP header block")
    return block[:end], block[end + 4:]


def _parse_http_head(head: bytes) -> tuple[str, list[tuple[str, str]]]:
    lines = head.decode("iso-8859-1").split("\r\n")
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers.append((name.strip(), value.strip()))
    return lines[0], headers


def _check_digest(declared: str | None, data: bytes, what: str) -> None:
    """`sha1:BASE32` (or sha256/base16) as warcio and Heritrix write them."""
    if not declared or ":" not in declared:
        return
    algorithm, _, value = declared.partition(":")
    algorithm = algorithm.strip().lower().replace("-", "")
    if algorithm not in ("sha1", "sha256", "sha512", "md5"):
        return
    digest = hashlib.new(algorithm, data).digest()
    value = value.strip()
    if value.upper() in (base64.b32encode(digest).decode(), digest.hex().upper()) or value == base64.b64encode(digest).decode():
        return
    raise Truncated(f"WARC {what} digest does not match ({algorithm}): the record is not what was captured")
