"""Source health: counts per crawl, and the verdict the operator sees."""
from sqlalchemy import func, select

from crawler.health import judge
from models.crawls import CrawlRun, source_health
from models.documents import Version

from crawler_testkit import Answer


def test_verdicts():
    assert judge(seen=10, new=2, unchanged=8, failed=0, items=10, robots_blocked=False, previous_items=9).healthy
    assert judge(seen=5, new=0, unchanged=5, failed=0, items=0, robots_blocked=False, previous_items=9).healthy
    sudden = judge(seen=3, new=0, unchanged=0, failed=0, items=0, robots_blocked=False, previous_items=40)
    assert not sudden.healthy and "no items" in sudden.message
    failing = judge(seen=10, new=3, unchanged=0, failed=4, items=3, robots_blocked=False, previous_items=None)
    assert not failing.healthy and "4 of 10 pages failed" in failing.message
    assert not judge(seen=0, new=0, unchanged=0, failed=0, items=0, robots_blocked=True, previous_items=None).healthy


def test_a_source_that_stops_parsing_is_unhealthy_and_its_data_untouched(server, crawl, db):
    listing = "/en/content/security-council/meetings-coverage"
    good = "<html><body><main><a href='/en/2022/sc14911.doc.htm'>x</a></main></body></html>"
    server.script.set(listing, Answer(200, good.encode()))
    server.script.set("/en/2022/sc14911.doc.htm", Answer(200, b"<html><body><article><p>9048th Meeting (PM)</p>"
                                                              b"<p>The Council met.</p></article></body></html>"))
    assert crawl("un_press", start_urls=server.url(listing)).returncode == 0
    with db.reader() as session:
        stored = session.scalar(select(func.count()).select_from(Version))
    server.script.set(listing, Answer(200, b"<html><body><main>Site redesigned: nothing here.</main></body></html>"))
    done = crawl("un_press", start_urls=server.url(listing))
    assert "UNHEALTHY" in done.stderr
    with db.reader() as session:
        (run,) = [r for r in source_health(session) if r.spider == "un_press"]
        assert (run.healthy, run.status, run.pages_failed) == (False, "unhealthy", 1)
        assert session.scalar(select(func.count()).select_from(Version)) == stored
        assert session.scalar(select(func.count()).select_from(CrawlRun)) == 2


def test_status_page_tells_the_operator(client, db):
    from models.base import utcnow

    with db.writer() as session:
        session.add(CrawlRun(spider="un_press", mode="live", started_at=utcnow(), finished_at=utcnow(), status="unhealthy",
                             healthy=False, message="1 of 1 pages failed to fetch or parse", pages_seen=1, pages_new=0,
                             pages_unchanged=0, pages_failed=1, items=0))
    page = client.get("/status/crawls")
    assert page.status_code == 200 and b"UNHEALTHY" in page.data and b"1 of 1 pages failed" in page.data
    assert client.get("/status/crawls.json").get_json()["sources"][0]["healthy"] is False
