"""un_press: the Security Council meetings-coverage listing and an article."""
import pytest

from crawler.items import DocRef, LinkRef
from crawler.spiders.un_press import UnPressSpider, _parse_quoted_resolutions



ARTICLE = "https://press.un.org/en/2022/sc14911.doc.htm"
LISTING = "https://press.un.org/en/content/security-council/meetings-coverage"


@pytest.fixture(scope="module")
def spider():
    return UnPressSpider()


@pytest.fixture(scope="module")
def item(spider, saved):
    return next(spider.parse_article(saved("un_press", "sc14911.doc.htm", ARTICLE)))


def test_routes(spider):
    assert spider.route(LISTING) == spider.parse_listing
    assert spider.route(ARTICLE) == spider.parse_article
    assert spider.route("https://www.un.org/press/en/2016/sc12657.doc.htm") == spider.parse_article
    assert spider.route("https://press.un.org/en/2022/ga12345.doc.htm") is None


def test_listing_links_to_articles(spider, saved):
    requests = list(spider.parse_listing(saved("un_press", "meetings-coverage.html", LISTING)))
    assert [r.url for r in requests] == ["https://press.un.org/en/2022/sc14953.doc.htm", ARTICLE]


def test_article_item(item):
    assert (item.url, item.symbol, item.kind, item.keyed_by_url) == (ARTICLE, "SC/14911", "press_release", False)
    assert item.title == ("Security Council Fails to Adopt Resolution Tightening Sanctions Regime in Democratic "
                          "People’s Republic of Korea, as Two Members Wield Veto")
    assert item.extra["published"] == "2022-05-26"
    assert item.extra["reported_vote"] == {"outcome": "vetoed", "yes": 13, "no": 2, "abstain": 0,
                                           "against": ["China", "Russian Federation"], "abstaining": []}
    assert DocRef("S/PV.9048", kind="meeting_record") in item.documents
    assert LinkRef("reports-on", target="S/PV.9048") in item.links
    assert LinkRef("reports-on", target="S/RES/2397 (2017)") in item.links


def test_page_chrome_is_not_part_of_the_text(item):
    assert "Page generated" not in item.text and "Skip to main content" not in item.text
    assert item.text.startswith("9048th Meeting (PM)\nSC/14911\n")


def test_quoted_resolution_text_is_cut_at_the_statements():
    text = ("The full text of resolution 2640 (2022) reads as follows:\n“The Security Council,\n"
            "“1. Decides to extend the mandate;\nStatements\nThe representative of France said …")
    assert _parse_quoted_resolutions(text) == {
        "S/RES/2640 (2022)": "The Security Council,\n1. Decides to extend the mandate;"}
