"""Issue 12, finding 3: decompression bombs in replay and live fetches.

A 41 KB WARC record with `Content-Encoding: gzip` reached 3.2 GB of memory, a 5.7 MB
gzip-member bomb 7.8 GB, the crawl log grew to 1.58 GB (a dropped item logged with its
body), and the crawl exited 0 with the source unhealthy. Here the same shapes, scaled
down against a small DOWNLOAD_MAXSIZE: refused, bounded, quiet, and a non-zero exit.
"""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tracemalloc
import zlib
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.limits import TooLarge, Truncated, inflate, read_member
from crawler.warcread import index_records
from models.documents import Version

from crawler_testkit import FIXTURES, ROOT, Answer

WHEN = datetime(2026, 12, 1, tzinfo=timezone.utc)
URL = "https://undocs.org/en/S/RES/1706(2006)"
LIMIT = 1024 * 1024
MARKER = b"BOMBPAYLOADMARKER "


def _bomb(size: int) -> bytes:
    """`size` bytes of a repeated marker, gzip-compressed (about 1000:1)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    piece = MARKER * (1 << 16)
    out = bytearray()
    for _ in range(size // len(piece)):
        out += compressor.compress(piece)
    return bytes(out + compressor.flush())


def _warc_record(url: str, http_head: bytes, payload: bytes) -> bytes:
    block = http_head + payload
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2026-12-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000b>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def _replay(db_url: str, path: Path, max_size: int = LIMIT) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "webapp", "crawl", "ods", "--replay", str(path),
               "-s", f"DOWNLOAD_MAXSIZE={max_size}", "-s", "LOG_LEVEL=DEBUG"]
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": db_url}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300)


def _versions(db) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(Version))


def test_inflate_stops_at_the_limit_in_bounded_memory():
    bomb = _bomb(256 * 1024 * 1024)  # 256 MB of output from ~650 KB
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    with pytest.raises(TooLarge):
        inflate(bomb, "gzip", LIMIT)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * LIMIT


def test_read_member_discards_past_the_limit_and_finds_the_end():
    bomb = _bomb(64 * 1024 * 1024) + gzip.compress(b"next member")
    tracemalloc.start()
    out, consumed, whole = read_member(BytesIO(bomb), LIMIT)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert whole and len(out) == LIMIT + 1 and peak < 8 * LIMIT
    assert gzip.decompress(bomb[consumed:]) == b"next member"


def test_inflate_refuses_a_stream_cut_short():
    packed = gzip.compress((FIXTURES / "ods" / "S_RES_1706_2006.txt").read_bytes())
    with pytest.raises(Truncated):
        inflate(packed[:-100], "gzip", LIMIT)


def test_replayed_content_encoding_bomb_is_refused_quietly(tmp_path, db_url, db):
    payload = _bomb(64 * 1024 * 1024)
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Encoding: gzip\r\n"
            b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n")
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gzip.compress(_warc_record(URL, head, payload)))
    done = _replay(db_url, path)
    assert done.returncode != 0
    assert b"DOWNLOAD_MAXSIZE" in done.stderr or b"byte limit" in done.stderr
    assert MARKER not in done.stderr and MARKER not in done.stdout
    assert len(done.stderr) < 200_000
    assert _versions(db) == 0


def test_replayed_gzip_member_bomb_is_refused_and_the_index_stays_small(tmp_path, db_url, db):
    body = MARKER * (4 * LIMIT // len(MARKER))
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + \
        str(len(body)).encode() + b"\r\n\r\n"
    path = tmp_path / "member.warc.gz"
    path.write_bytes(gzip.compress(_warc_record(URL, head, body), 9))
    assert path.stat().st_size < LIMIT // 8
    (entry,) = index_records(path)
    assert entry.url == URL
    done = _replay(db_url, path)
    assert done.returncode != 0 and b"limit" in done.stderr
    assert MARKER not in done.stderr and len(done.stderr) < 200_000
    assert _versions(db) == 0


def test_live_gzip_bomb_is_refused(server, crawl, db):
    server.script.set("/a", Answer(200, _bomb(64 * 1024 * 1024),
                                   {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}))
    done = crawl("news", start_urls=server.url("/a"), settings={"RETRY_TIMES": "0", "DOWNLOAD_MAXSIZE": str(LIMIT),
                                                                "LOG_LEVEL": "DEBUG"})
    assert done.returncode != 0
    assert "BOMBPAYLOADMARKER" not in done.stderr and len(done.stderr) < 200_000
    assert _versions(db) == 0


def test_a_dropped_item_is_logged_without_its_body(server, crawl, db):
    """An item the pipeline refuses is named by URL and reason, never printed whole."""
    body = b"%PDF-1.4\n" + MARKER * 5000  # a "PDF" with no end: refused by the pipeline
    server.script.set("/en/S/RES/1706(2006)?f=.pdf", Answer(200, body, {"Content-Type": "application/pdf"}))
    done = crawl("ods", start_urls=server.url("/en/S/RES/1706(2006)?f=.pdf"),
                 settings={"RETRY_TIMES": "0", "LOG_LEVEL": "DEBUG"})
    assert done.returncode != 0
    assert "dropped" in done.stderr.lower() and "BOMBPAYLOADMARKER" not in done.stderr
    assert _versions(db) == 0


def test_an_unhealthy_crawl_exits_non_zero(server, crawl, db):
    server.script.set("/a", Answer(500, b"down", {"Content-Type": "text/plain"}))
    server.script.set("/b", Answer(500, b"down", {"Content-Type": "text/plain"}))
    done = crawl("news", start_urls=f"{server.url('/a')},{server.url('/b')}", settings={"RETRY_TIMES": "0"})
    assert done.returncode != 0
    assert "UNHEALTHY" in done.stderr
