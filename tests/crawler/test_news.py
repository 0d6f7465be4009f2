"""news: a watched news item, stored as kind news, linked to the draft it reports on."""
import pytest

from crawler.items import DocRef, LinkRef
from crawler.spiders.news import NewsSpider, read_watchlist, WATCHLIST



URL = "http://www.globalsecurity.org/military/library/news/2025/11/mil-251107-presstv03.htm"


@pytest.fixture(scope="module")
def item(saved):
    spider = NewsSpider()
    page = saved("news", "globalsecurity_presstv_2025-11-07_gaza_stabilization_force.txt", URL,
                          "text/plain; charset=utf-8")
    return next(spider.parse_article(page))


def test_watchlist_names_the_report_and_its_draft():
    assert read_watchlist(WATCHLIST) == {URL: "S/RES/2803 (2025)"}


def test_news_item(item):
    assert (item.url, item.kind, item.keyed_by_url, item.symbol) == (URL, "news", True, None)
    assert item.title == "Israel seeks US guarantees to keep its attacks on Gaza unrestricted: Report"
    assert "The resolution would reportedly permit a force of 20,000 troops" in item.text
    assert item.documents == [DocRef("S/RES/2803 (2025)", kind="resolution")]
    assert item.links == [LinkRef("reports-on", target="S/RES/2803 (2025)")]
