"""whats_in_blue: posts on drafts, vote dates and penholders."""
import pytest

from crawler.spiders.whats_in_blue import WhatsInBlueSpider



POST = ("https://www.securitycouncilreport.org/whatsinblue/2024/12/"
        "afghanistan-vote-on-the-mandate-of-the-monitoring-team-supporting-the-1988-sanctions-committee.php")


@pytest.fixture(scope="module")
def spider():
    return WhatsInBlueSpider()


@pytest.fixture(scope="module")
def item(spider, saved):
    name = POST.rsplit("/", 1)[1]
    return next(spider.parse_article(saved("whats_in_blue", name, POST)))


def test_listing(spider, saved):
    page = saved("whats_in_blue", "whatsinblue.html", "https://www.securitycouncilreport.org/whatsinblue")
    assert spider.route(page.url) == spider.parse_listing
    assert [r.url for r in spider.parse_listing(page)] == [POST]


def test_post_item(item):
    assert (item.url, item.kind, item.keyed_by_url) == (POST, "report", True)
    assert item.title == "Afghanistan: Vote on the Mandate of the Monitoring Team Supporting the 1988 Sanctions Committee"
    assert item.extra == {"published": "2024-12-12", "stages": ["vote_expected"], "penholders": ["US"],
                          "vote_expected_on": "2024-12-13"}
    assert item.text.startswith("Afghanistan: Vote on the Mandate") is False
    assert "The US was the penholder on the resolution." in item.text
