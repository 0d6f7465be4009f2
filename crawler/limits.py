"""Bounded decompression: every compressed body (an HTTP `Content-Encoding`, a gzip
member of a WARC file) is inflated as a stream, chunk by chunk, and refused as soon as
its output passes the size limit (`DOWNLOAD_MAXSIZE`), or when its stream does not end
cleanly (a truncated capture). Nothing is ever inflated whole into memory first.
"""
from __future__ import annotations

import zlib
from typing import BinaryIO

#: Compressed bytes fed to the decompressor at a time.
CHUNK = 64 * 1024


class CaptureError(ValueError):
    """A capture that may not become a version: the reason is one line, never a body."""


class TooLarge(CaptureError):
    """Decompressed output would pass the size limit (a decompression bomb, or just big)."""


class Truncated(CaptureError):
    """The capture ends before its own framing says it should."""


_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def _decoder(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in _WBITS:
        return zlib.decompressobj(_WBITS[encoding])
    if encoding == "br":
        try:
            import brotli  # type: ignore[import-not-found]
        except ImportError:
            raise CaptureError("brotli-encoded body and no brotli decoder installed") from None
        return brotli.Decompressor()
    raise CaptureError(f"unknown content encoding {encoding!r}")


def inflate(data: bytes, encoding: str, max_size: int) -> bytes:
    """The decoded body of `data` sent with Content-Encoding `encoding`; raises
    TooLarge past `max_size` decoded bytes, Truncated when the stream is cut short."""
    if encoding.strip().lower() in ("", "identity"):
        if len(data) > max_size:
            raise TooLarge(f"body of {len(data)} bytes is over the {max_size} byte limit")
        return data
    decoder = _decoder(encoding)
    out = bytearray()
    if hasattr(decoder, "unconsumed_tail"):  # zlib: bounded output per call
        pending = data
        while pending:
            out += decoder.decompress(pending, CHUNK)
            if len(out) > max_size:
                raise TooLarge(f"{encoding} body inflates past the {max_size} byte limit")
            if decoder.eof:
                if decoder.unused_data.strip(b"\0"):
                    # several gzip members: decode the next one the same way
                    rest = decoder.unused_data
                    decoder = _decoder(encoding)
                    pending = rest
                    continue
                break
            pending = decoder.unconsumed_tail
        if not decoder.eof:
            raise Truncated(f"{encoding} body ends before its stream does (truncated)")
        return bytes(out)
    for start in range(0, len(data), CHUNK // 64):  # brotli: small input steps bound each output
        out += decoder.process(data[start:start + CHUNK // 64])
        if len(out) > max_size:
            raise TooLarge(f"{encoding} body inflates past the {max_size} byte limit")
    if hasattr(decoder, "is_finished") and not decoder.is_finished():
        raise Truncated(f"{encoding} body ends before its stream does (truncated)")
    return bytes(out)


def read_member(fh: BinaryIO, max_size: int) -> tuple[bytes, int, bool]:
    """Inflate the gzip member starting at the file's position.

    Returns (output, compressed length, whole): output is cut at `max_size` + 1 bytes
    (the rest is inflated and discarded, so memory stays bounded while the member's end
    is found); `whole` is False when the file ends inside the member.
    """
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    consumed = 0
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            return bytes(out), consumed, False
        pending = chunk
        while pending:
            room = max(max_size + 1 - len(out), 0)
            piece = decoder.decompress(pending, CHUNK)
            if room:
                out += piece[:room]
            if decoder.eof:
                used = len(chunk) - len(decoder.unused_data)
                return bytes(out), consumed + used, True
            pending = decoder.unconsumed_tail
        consumed += len(chunk)
