"""The store pipeline: one writer transaction per item, WARC provenance, no write for an
unchanged page, noise-only changes make no version, bad input stores nothing."""
from datetime import datetime, timezone

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from crawler.database import dispose
from crawler.items import DocRef, DocumentItem, LinkRef, VoteRecord
from crawler.pipelines import StorePipeline
from crawler.spiders.news import NewsSpider
from crawler.warc import read_response
from models.crawls import CrawlCapture, CrawlPage
from models.documents import Document, Link, Version
from models.votes import MemberVote, Vote

URL = "https://example.org/en/2025/statement.html"
WHEN = datetime(2025, 11, 7, 18, 47, tzinfo=timezone.utc)


def page(nav: str, body: str, stamp: str) -> bytes:
    return (f"<html><body><nav>{nav}</nav><article><h1>On the draft</h1><p>{body}</p></article>"
            f"<footer>Page generated {stamp}</footer></body></html>").encode()


def item(raw: bytes, url: str = URL, **fields) -> DocumentItem:
    from crawler.spiders.news import _parse_text  # the spiders' own content extraction
    from scrapy.http import HtmlResponse, Request

    text = _parse_text(HtmlResponse(url=url, body=raw, request=Request(url), headers={"Content-Type": "text/html"}))
    return DocumentItem(url=url, raw=raw, headers={"Content-Type": "text/html", "ETag": '"v1"'}, fetched_at=WHEN,
                        text=text, kind="news", keyed_by_url=True, **fields)


@pytest.fixture
def pipeline(db_url, tmp_path):
    crawler = get_crawler(NewsSpider, {"COUNCILWATCH_DATABASE_URL": db_url, "WARC_DIR": str(tmp_path / "warc")})
    crawler.spider = crawler._create_spider()
    pipe = StorePipeline.from_crawler(crawler)
    pipe.open_spider()
    yield pipe
    pipe.close_spider()
    dispose(crawler)


def count(db, model) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_new_page_is_stored_with_its_warc_record(pipeline, db):
    raw = page("Home | News", "The draft would authorize all necessary measures.", "2025-11-07 18:00")
    pipeline.process_item(item(raw))
    with db.reader() as session:
        version = session.scalar(select(Version))
        capture = session.scalar(select(CrawlCapture))
        assert (version.url, version.fetched_at, version.etag, version.document.kind) == (URL, WHEN, '"v1"', "news")
        assert "Page generated" not in version.text and "Home" not in version.text
        assert capture.version_id == version.id
    record = read_response(capture.warc_file, capture.warc_offset)
    assert (record.url, record.body, record.fetched_at, record.record_id) == (URL, raw, WHEN, capture.warc_record_id)
    assert ("ETag", '"v1"') in record.headers


def test_unchanged_page_writes_nothing(pipeline, db):
    raw = page("Home", "Same words.", "1")
    pipeline.process_item(item(raw))
    before = {m: count(db, m) for m in (Version, CrawlPage, CrawlCapture, Document)}
    pipeline.process_item(item(raw))
    assert {m: count(db, m) for m in before} == before
    assert pipeline.crawler.stats.get_value("councilwatch/pages_unchanged") == 1


def test_navigation_dates_and_tracking_parameters_make_no_version(pipeline, db):
    pipeline.process_item(item(page("Home | News", "The Council extended the mandate.", "2025-11-07 10:00")))
    noisy = page("Home | News | Events | Subscribe", "The Council extended the mandate.", "2025-11-08 09:13")
    pipeline.process_item(item(noisy, url=URL + "?utm_source=newsletter&utm_medium=email&fbclid=abc"))
    assert count(db, Version) == 1 and count(db, Document) == 1


def test_changed_text_is_a_new_version_of_the_same_document(pipeline, db):
    pipeline.process_item(item(page("Home", "Draft circulated.", "1")))
    pipeline.process_item(item(page("Home", "Draft put in blue.", "2")))
    with db.reader() as session:
        numbers = session.scalars(select(Version.number).order_by(Version.number)).all()
        assert numbers == [1, 2] and session.scalar(select(func.count()).select_from(Document)) == 1


def test_votes_documents_and_links_are_stored_once(pipeline, db):
    vote = VoteRecord(meeting="S/PV.9048", document="S/2022/431", outcome="vetoed", date="2022-05-26", yes=13,
                      no=0, abstain=2, members={"China": "N", "Russian Federation": "N"})
    first = item(page("", "Table, first sight.", "1"), documents=[DocRef("S/PV.9048", title="Non-proliferation")],
                 links=[LinkRef("meeting-of", source="S/PV.9048", target="S/2022/431")], votes=[vote])
    pipeline.process_item(first)
    veto_list = VoteRecord(meeting="S/PV.9048", document="S/2022/431", outcome="vetoed",
                           members={"CHINA": "N", "RUSSIAN FEDERATION": "N", "UNITED STATES": "Y"})
    pipeline.process_item(item(page("", "Veto list.", "1"), url=URL + "/veto", votes=[veto_list]))
    with db.reader() as session:
        (stored,) = session.scalars(select(Vote)).all()
        assert (stored.meeting, stored.tally, stored.outcome, stored.date.isoformat()) == (
            "S/PV.9048", "13-0-2", "vetoed", "2022-05-26")
        members = {m.member: (m.choice, m.permanent) for m in session.scalars(select(MemberVote))}
        assert members == {"China": ("N", True), "Russian Federation": ("N", True), "United States": ("Y", True)}
        draft = session.scalar(select(Document).where(Document.symbol == "S/2022/431"))
        assert draft.canonical_url == "https://undocs.org/en/S/2022/431"
        meeting = session.scalar(select(Document).where(Document.symbol == "S/PV.9048"))
        assert meeting.title == "Non-proliferation"
        assert session.scalar(select(func.count()).select_from(Link)) == 1


def test_bad_input_is_dropped_and_stored_data_survives(pipeline, db):
    pipeline.process_item(item(page("", "Kept.", "1")))
    broken = DocumentItem(url=URL + "/empty", raw=b"   ", headers={}, fetched_at=WHEN, media_type="text/html")
    with pytest.raises(DropItem):
        pipeline.process_item(broken)
    assert count(db, Version) == 1 and count(db, CrawlCapture) == 1
    assert pipeline.crawler.stats.get_value("councilwatch/store_failed") == 1
