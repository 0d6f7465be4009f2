"""Issue 12, finding 1: a truncated capture never becomes a version.

Cutting the bundle to its first third and replaying `ods` stored S/RES/2429 (2018) v2
with 6,760 of its 54,058 characters and alerted on it. Each test here reproduces one
way a capture can be short — on the real bundle, and for each fetch path (live and
replay; HTML, PDF, text) — and checks that nothing is stored and the crawl fails.
"""
from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.bundle.build_warc import ARCHIVE
from crawler.warc import WarcArchive, read_response
from crawler.warcread import index_records
from models.documents import Document, Version
from models.store import record_version
from models.subscriptions import AlertEvent
from models.text.symbols import normalise_symbol
from models.textclean import strip_controls

from crawler_testkit import FIXTURES, ROOT, Answer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "text"))
from pdfs import text_pdf  # noqa: E402

WHEN = datetime(2026, 12, 1, tzinfo=timezone.utc)
RESOLUTION = (FIXTURES / "ods" / "S_RES_1706_2006.txt").read_text("utf-8")
URL_1706 = "https://undocs.org/en/S/RES/1706(2006)"


def _replay(db_url: str, path: Path, spider: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "webapp", "crawl", spider, "--replay", str(path)]
    import os
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": db_url}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _versions(db, symbol: str) -> list[Version]:
    with db.reader() as session:
        document = session.scalar(select(Document).where(Document.symbol == symbol))
        return list(document.versions) if document else []


def _count(db, model) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(model))


def _cut_sentence(text: str) -> str:
    """The text cut in the middle of its last operative paragraph, as a short read leaves it."""
    return text[: text.rindex("Decides to remain seized") - 40]


# --- the real bundle, cut to a third -------------------------------------------------

def test_a_third_of_the_bundle_stores_nothing_false_and_fails(tmp_path, db_url, db):
    full = ARCHIVE.read_bytes()
    third = tmp_path / "third.warc.gz"
    third.write_bytes(full[: len(full) // 3])
    last = index_records(third)[-1]  # the record the cut falls in
    assert last.url.startswith("https://undocs.org/en/S/")
    symbol = normalise_symbol(last.url.rsplit("/en/", 1)[1])
    whole = read_response(ARCHIVE, last.offset).body.decode("utf-8")
    with db.writer() as session:  # the archive already holds the whole text
        record_version(session, text=whole, raw=whole.encode(), media_type="text/plain", url=last.url,
                       symbol=symbol, fetched_at=WHEN)
    events = _count(db, AlertEvent)

    done = _replay(db_url, third, "ods")

    assert done.returncode != 0
    assert last.url.rsplit("/en/", 1)[1] in done.stderr and "cut" in done.stderr
    (only,) = _versions(db, symbol)
    assert len(only.text) == len(whole)
    assert _count(db, AlertEvent) > events  # the whole records before the cut were stored ...
    with db.reader() as session:  # ... and none for the cut one
        assert session.scalar(select(func.count()).select_from(AlertEvent).where(
            AlertEvent.document_id == only.document_id)) == 1  # its own first version, before the replay
    with db.reader() as session:  # every version stored is the whole text of its record
        offsets = {e.url: e.offset for e in index_records(third)[:-1] if e.rec_type == "response"}
        for document in session.scalars(select(Document).where(Document.symbol.is_not(None))):
            for version in document.versions:
                expected = whole if version.url == last.url else \
                    read_response(ARCHIVE, offsets[version.url]).body.decode("utf-8")
                assert version.text == strip_controls(expected)


def test_truncated_text_alone_is_refused_by_its_structure():
    """The same cut, with the transport checks passed: the text says it is cut short."""
    from models.integrity import IncompleteCapture, check_text
    from models.text import parse

    entry = index_records(ARCHIVE)
    offset = next(e.offset for e in entry if e.url == "https://undocs.org/en/S/RES/2429(2018)")
    whole = read_response(ARCHIVE, offset).body.decode("utf-8")
    cut = whole[:6766]
    with pytest.raises(IncompleteCapture, match="mid-sentence in its preamble"):
        check_text(parse(cut), cut, symbol="S/RES/2429 (2018)")
    with pytest.raises(IncompleteCapture, match="first"):
        check_text(parse(cut), cut, symbol="S/RES/2429 (2018)", previous_text=whole, previous_had_operative=True)
    check_text(parse(whole), whole, symbol="S/RES/2429 (2018)")  # the whole text passes


# --- replay: each format, transport checks passed (Content-Length rewritten) ----------

def _archive(tmp_path: Path, url: str, body: bytes, content_type: str) -> Path:
    path = tmp_path / "short.warc.gz"
    with WarcArchive(path, created=WHEN) as archive:
        archive.write_response(url, 200, {"Content-Type": content_type}, body, WHEN)
    return path


def test_replayed_text_cut_mid_sentence_is_refused(tmp_path, db_url, db):
    path = _archive(tmp_path, URL_1706, _cut_sentence(RESOLUTION).encode(), "text/plain; charset=utf-8")
    done = _replay(db_url, path, "ods")
    assert done.returncode != 0 and "mid-sentence" in done.stderr
    assert _versions(db, "S/RES/1706 (2006)") == []


def test_replayed_pdf_without_its_end_is_refused(tmp_path, db_url, db):
    pdf = text_pdf([line.encode("latin-1", "replace").decode("latin-1") for line in RESOLUTION.splitlines()[:20]])
    path = _archive(tmp_path, URL_1706, pdf[: len(pdf) * 2 // 3], "application/pdf")
    done = _replay(db_url, path, "ods")
    assert done.returncode != 0 and "%%EOF" in done.stderr
    assert _versions(db, "S/RES/1706 (2006)") == []


def test_replayed_html_without_its_end_is_refused(tmp_path, db_url, db):
    page = (FIXTURES / "delegfrance" / "Nous-sommes-decus-par-ce-vote-mais-pas-decourages.html").read_bytes()
    url = "http://www.globalsecurity.org/military/library/news/2025/11/mil-251107-presstv03.htm"
    path = _archive(tmp_path, url, page[: len(page) // 2], "text/html; charset=utf-8")
    done = _replay(db_url, path, "news")
    assert done.returncode != 0 and "never closes" in done.stderr
    assert _count(db, Version) == 0


def test_replayed_record_shorter_than_its_content_length_is_refused(tmp_path, db_url, db):
    """A record written by another tool: its HTTP Content-Length says more than it holds."""
    path = tmp_path / "other.warc.gz"
    body = RESOLUTION.encode()
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body[:5000])
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {URL_1706}\r\n"
            f"WARC-Date: 2026-12-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    path.write_bytes(gzip.compress(head + http + b"\r\n\r\n"))
    done = _replay(db_url, path, "ods")
    assert done.returncode != 0 and "Content-Length says" in done.stderr
    assert _versions(db, "S/RES/1706 (2006)") == []


def test_replayed_record_with_a_wrong_payload_digest_is_refused(tmp_path, db_url, db):
    path = _archive(tmp_path, URL_1706, RESOLUTION.encode(), "text/plain; charset=utf-8")
    data = path.read_bytes()
    offset = index_records(path)[-1].offset
    record = gzip.decompress(data[offset:])
    tampered = record.replace(b"15. Decides to remain seized", b"15. Decides to remain SEIZED")
    assert tampered != record
    path.write_bytes(data[:offset] + gzip.compress(tampered))
    done = _replay(db_url, path, "ods")
    assert done.returncode != 0 and "digest does not match" in done.stderr
    assert _versions(db, "S/RES/1706 (2006)") == []


# --- live: each format served short, with a Content-Length that matches ---------------

def _live_ods(server, crawl, body: bytes, content_type: str):
    server.script.set("/en/S/RES/1706(2006)?f=.pdf", Answer(200, body, {"Content-Type": content_type}))
    return crawl("ods", start_urls=server.url("/en/S/RES/1706(2006)?f=.pdf"), settings={"RETRY_TIMES": "0"})


def test_live_text_cut_mid_sentence_is_refused(server, crawl, db):
    done = _live_ods(server, crawl, _cut_sentence(RESOLUTION).encode(), "text/plain; charset=utf-8")
    assert done.returncode != 0 and "mid-sentence" in done.stderr
    assert _versions(db, "S/RES/1706 (2006)") == []


def test_live_pdf_without_its_end_is_refused(server, crawl, db):
    pdf = text_pdf([line.encode("latin-1", "replace").decode("latin-1") for line in RESOLUTION.splitlines()[:20]])
    done = _live_ods(server, crawl, pdf[: len(pdf) * 2 // 3], "application/pdf")
    assert done.returncode != 0 and "%%EOF" in done.stderr
    assert _versions(db, "S/RES/1706 (2006)") == []


def test_live_whole_text_is_stored(server, crawl, db):
    done = _live_ods(server, crawl, RESOLUTION.encode(), "text/plain; charset=utf-8")
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(_versions(db, "S/RES/1706 (2006)")) == 1


def test_live_html_without_its_end_is_refused(server, crawl, db):
    page = (FIXTURES / "delegfrance" / "Nous-sommes-decus-par-ce-vote-mais-pas-decourages.html").read_bytes()
    server.script.set("/a", Answer(200, page[: len(page) // 2]))
    done = crawl("news", start_urls=server.url("/a"), settings={"RETRY_TIMES": "0"})
    assert done.returncode != 0 and "never closes" in done.stderr
    assert _count(db, Version) == 0


def test_live_gzip_body_cut_short_is_refused(server, crawl, db):
    """Content-Length matches the bytes sent, but the gzip stream inside ends early."""
    page = (FIXTURES / "delegfrance" / "Nous-sommes-decus-par-ce-vote-mais-pas-decourages.html").read_bytes()
    packed = gzip.compress(page)
    server.script.set("/a", Answer(200, packed[: len(packed) - 200],
                                   {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}))
    done = crawl("news", start_urls=server.url("/a"), settings={"RETRY_TIMES": "0"})
    assert done.returncode != 0 and "truncated" in done.stderr
    assert _count(db, Version) == 0
