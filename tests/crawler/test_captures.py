"""Captures: a document reported by several sources is one document with one capture per
source; the first is shown on its page ("first seen in … at …"); re-reading writes nothing."""
from datetime import datetime, timezone

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from crawler.database import dispose
from crawler.items import DocRef, DocumentItem
from crawler.pipelines import StorePipeline
from crawler.spiders.un_press import UnPressSpider
from crawler.spiders.whats_in_blue import WhatsInBlueSpider
from models.captures import DocumentCapture, captures_of
from models.documents import Document

EARLY = datetime(2025, 11, 14, 9, 0, tzinfo=timezone.utc)
LATE = datetime(2025, 11, 17, 22, 0, tzinfo=timezone.utc)
DRAFT = "S/2025/748"


def pipeline_for(spider_cls, db_url, tmp_path):
    crawler = get_crawler(spider_cls, {"COUNCILWATCH_DATABASE_URL": db_url, "WARC_DIR": str(tmp_path / "warc")})
    crawler.spider = crawler._create_spider()
    pipe = StorePipeline.from_crawler(crawler)
    pipe.open_spider()
    return crawler, pipe


def report(url: str, text: str, when: datetime, found_on: str) -> DocumentItem:
    return DocumentItem(url=url, raw=text.encode(), headers={"Content-Type": "text/html"}, fetched_at=when,
                        text=text, kind="report", keyed_by_url=True, documents=[DocRef(DRAFT, kind="draft")],
                        found_on=found_on)


@pytest.fixture
def two_sources(db_url, tmp_path):
    opened = [pipeline_for(cls, db_url, tmp_path) for cls in (WhatsInBlueSpider, UnPressSpider)]
    yield [pipe for _, pipe in opened]
    for crawler, pipe in opened:
        pipe.close_spider()
        dispose(crawler)


def test_one_document_several_captures_first_seen(two_sources, db, client):
    blue, press = two_sources
    blue.process_item(report("https://www.securitycouncilreport.org/whatsinblue/2025/11/gaza-vote.php",
                             f"The US circulated draft {DRAFT} in blue.", EARLY,
                             "https://www.securitycouncilreport.org/whatsinblue"))
    press.process_item(report("https://press.un.org/en/2025/sc16220.doc.htm",
                              f"The Council adopted draft {DRAFT} as resolution 2803 (2025).", LATE,
                              "https://press.un.org/en/rss.xml"))
    with db.reader() as session:
        (document,) = session.scalars(select(Document).where(Document.symbol == DRAFT)).all()
        captures = captures_of(session, document.id)
        assert [(c.spider, c.first_seen_at, c.role) for c in captures] == [
            ("whats_in_blue", EARLY, "named"), ("un_press", LATE, "named")]
        assert captures[0].found_on == "https://www.securitycouncilreport.org/whatsinblue"
        assert captures[1].page_url == "https://press.un.org/en/2025/sc16220.doc.htm"
        page_key = session.scalar(select(DocumentCapture).where(DocumentCapture.role == "text",
                                                                DocumentCapture.spider == "un_press"))
        assert page_key is not None and page_key.version_id is not None
    html = client.get("/S/2025/748", follow_redirects=True).get_data(as_text=True)
    assert "First seen in" in html and "whats_in_blue" in html and "2025-11-14 09:00 UTC" in html
    assert "also seen in" in html and "un_press" in html


def test_a_second_report_by_the_same_source_adds_no_capture(two_sources, db):
    blue, _ = two_sources
    first = report("https://www.securitycouncilreport.org/whatsinblue/2025/11/a.php", f"Draft {DRAFT} in blue.",
                   EARLY, "https://www.securitycouncilreport.org/whatsinblue")
    blue.process_item(first)
    with db.reader() as session:
        before = session.scalar(select(func.count()).select_from(DocumentCapture))
    blue.process_item(first)  # unchanged page: nothing written
    blue.process_item(report("https://www.securitycouncilreport.org/whatsinblue/2025/11/b.php",
                             f"A vote on draft {DRAFT} is expected.", LATE, "https://www.securitycouncilreport.org/whatsinblue"))
    with db.reader() as session:
        after = session.scalar(select(func.count()).select_from(DocumentCapture))
        (draft,) = session.scalars(select(Document).where(Document.symbol == DRAFT)).all()
        assert [c.first_seen_at for c in captures_of(session, draft.id)] == [EARLY]
    assert after == before + 1  # only page b's own document
