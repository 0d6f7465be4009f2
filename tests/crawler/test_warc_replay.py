"""WARC provenance and offline replay: the bundled archive is deterministic and holds real
addresses; `councilwatch crawl SPIDER --replay FILE` loads it; a second replay writes nothing."""
import hashlib
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from crawler.bundle.build_warc import ARCHIVE, build, table_url
from crawler.replay import spiders_for_archive
from crawler.warc import WarcArchive, iter_responses
from models.crawls import CrawlCapture, CrawlRun
from models.documents import Document, Link, Version
from models.votes import Vote

from crawler_testkit import FIXTURES, ROOT

WHEN = datetime(2026, 12, 1, tzinfo=timezone.utc)


def test_bundle_is_rebuilt_byte_for_byte(tmp_path):
    target = tmp_path / "bundle.warc.gz"
    build(target)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == hashlib.sha256(ARCHIVE.read_bytes()).hexdigest()


def test_bundle_records_carry_real_addresses_and_honest_headers():
    records = {r.url: r for r in iter_responses(ARCHIVE)}
    assert "https://undocs.org/en/S/RES/1706(2006)" in records
    assert "https://www.un.org/depts/dhl/resguide/scact2022_table_en.html" in records
    assert "https://www.un.org/depts/dhl/resguide/scact2010_table_en.htm" in records
    assert "https://www.un.org/depts/dhl/resguide/scact_veto_table_en.htm" in records
    news = records["http://www.globalsecurity.org/military/library/news/2025/11/mil-251107-presstv03.htm"]
    assert dict(news.headers)["X-Councilwatch-Rebuilt-From"] == \
        "news/globalsecurity_presstv_2025-11-07_gaza_stabilization_force.txt"
    assert all(name in ("Content-Type", "Content-Length", "X-Councilwatch-Rebuilt-From", "X-Councilwatch-Layout")
               for r in records.values() for name, _ in r.headers)
    assert spiders_for_archive(ARCHIVE) == ["dhl_meetings", "ods", "news"]


def test_table_urls_follow_the_library_pattern():
    assert table_url("scact1993_table_en.html").endswith("/scact1993_table_en.html")
    assert table_url("scact1994_table_en.html").endswith("/scact1994_table_en.htm")
    assert table_url("scact2022_table_en.html").endswith("/scact2022_table_en.html")
    assert table_url("scact2020_covid_table_en.html").endswith("/SC_2020-revised.html")


@pytest.fixture
def small_archive(tmp_path):
    """Real pages and texts from the fixtures, under their real addresses."""
    path = tmp_path / "small.warc.gz"
    with WarcArchive(path, created=WHEN) as archive:
        for name in ("scact2006_table_en.html", "scact_veto_table_en.html"):
            body = (FIXTURES / "dhl_meetings" / name).read_bytes()
            archive.write_response(table_url(name), 200, {"Content-Type": "text/html"}, body, WHEN)
        text = (FIXTURES / "ods" / "S_RES_1706_2006.txt").read_bytes()
        archive.write_response("https://undocs.org/en/S/RES/1706(2006)", 200,
                               {"Content-Type": "text/plain; charset=utf-8"}, text, WHEN)
        news = (FIXTURES / "news" / "globalsecurity_presstv_2025-11-07_gaza_stabilization_force.txt").read_bytes()
        archive.write_response("http://www.globalsecurity.org/military/library/news/2025/11/mil-251107-presstv03.htm",
                               200, {"Content-Type": "text/plain; charset=utf-8"}, news, WHEN)
    return path


def _replay(db_url, path, spider="bundle"):
    """`councilwatch crawl SPIDER --replay FILE`, as an operator runs it."""
    command = [sys.executable, "-m", "webapp", "crawl", spider, "--replay", str(path)]
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": db_url}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _totals(db):
    with db.reader() as session:
        return {m.__name__: session.scalar(select(func.count()).select_from(m))
                for m in (Document, Version, Link, Vote, CrawlCapture)}


def test_replay_loads_documents_versions_votes_and_links_offline(db_url, db, small_archive):
    done = _replay(db_url, small_archive)
    assert done.returncode == 0, done.stderr[-3000:]
    with db.reader() as session:
        resolution = session.scalar(select(Document).where(Document.symbol == "S/RES/1706 (2006)"))
        (version,) = resolution.versions
        assert (version.url, version.fetched_at, version.http_headers["Content-Type"]) == (
            "https://undocs.org/en/S/RES/1706(2006)", WHEN, "text/plain; charset=utf-8")
        vote = session.scalar(select(Vote).where(Vote.document_id == resolution.id))
        assert (vote.meeting, vote.tally, vote.outcome) == ("S/PV.5519", "12-0-3", "adopted")
        capture = session.scalar(select(CrawlCapture).where(CrawlCapture.version_id == version.id))
        assert capture.warc_file == str(small_archive.resolve())
        news = session.scalar(select(Document).where(Document.kind == "news"))
        (link,) = session.scalars(select(Link).where(Link.from_id == news.id)).all()
        assert (link.kind, link.to_document.symbol) == ("reports-on", "S/RES/2803 (2025)")
        vetoed = session.scalars(select(Vote).where(Vote.outcome == "vetoed")).all()
        assert len(vetoed) >= 190 and all(v.members for v in vetoed)
        runs = session.scalars(select(CrawlRun)).all()
        assert {r.spider for r in runs} == {"dhl_meetings", "ods", "news"} and all(r.healthy for r in runs)


def test_second_replay_of_an_unchanged_archive_writes_nothing(db_url, db, small_archive):
    assert _replay(db_url, small_archive).returncode == 0
    before = _totals(db)
    again = _replay(db_url, small_archive, spider="ods")
    assert again.returncode == 0, again.stderr[-2000:]
    assert _totals(db) == before
    with db.reader() as session:
        run = session.scalar(select(CrawlRun).where(CrawlRun.spider == "ods").order_by(CrawlRun.id.desc()).limit(1))
        assert (run.pages_new, run.pages_unchanged, run.mode) == (0, 1, "replay")
