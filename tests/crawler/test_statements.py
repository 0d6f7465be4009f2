"""The missions' spiders (usun, gov_uk, delegfrance, russiaun): statements and explanations of vote.

One test module for the four small site modules that share `StatementSpider`; each site
has its own fixture folder."""
import pytest

from crawler.spiders.delegfrance import DelegFranceSpider
from crawler.spiders.gov_uk import GovUkSpider
from crawler.spiders.russiaun import RussiaUnSpider
from crawler.spiders.usun import UsunSpider



CASES = {
    "usun": (UsunSpider, "explanation-of-vote-on-a-russia-drafted-un-security-council-resolution-on-the-situation-in-the-middle-east.html",
             "https://usun.usmission.gov/explanation-of-vote-on-a-russia-drafted-un-security-council-resolution-on-the-situation-in-the-middle-east/"),
    "gov_uk": (GovUkSpider, "we-voted-yes-on-the-need-for-an-immediate-and-sustained-ceasefire.html",
               "https://www.gov.uk/government/speeches/we-voted-yes-on-the-need-for-an-immediate-and-sustained-ceasefire-to-protect-civilians-in-gaza-uk-statement-at-the-un-security-council"),
    "delegfrance": (DelegFranceSpider, "Nous-sommes-decus-par-ce-vote-mais-pas-decourages.html",
                    "https://onu.delegfrance.org/Nous-sommes-decus-par-ce-vote-mais-pas-decourages"),
    "russiaun": (RussiaUnSpider, "7161023.html", "https://russiaun.ru/en/news/7161023"),
}
EXPECTED = {
    "usun": ("United States", "Explanation of Vote on a Russia Drafted UN Security Council Resolution on the Situation in the Middle East",
             "2023-10-25", "Thank you, Mr. President."),
    "gov_uk": ("United Kingdom", "We voted yes on the need for an immediate and sustained ceasefire to protect civilians in Gaza: UK statement at the UN Security Council",
               None, "The United Kingdom voted yes on the text before us this morning."),
    "delegfrance": ("France", "Nous sommes déçus par ce vote, mais pas découragés", "2017-02-28",
                    "La France regrette profondément l’incapacité du Conseil de sécurité à adopter ce projet de résolution"),
    "russiaun": ("Russian Federation", "Explanation of vote by Permanent Representative Vassily Nebenzia after UNSC vote on a draft resolution on the situation in the Middle East, including the Palestinian question",
                 None, "We regret that the Security Council once again was taken hostage"),
}


@pytest.fixture(scope="module")
def items(saved):
    parsed = {}
    for site, (cls, name, url) in CASES.items():
        spider = cls()
        assert spider.route(url) == spider.parse_article, site
        parsed[site] = next(spider.parse_article(saved(site, name, url)))
    return parsed


@pytest.mark.parametrize("site", sorted(CASES))
def test_statement_item(items, site):
    item = items[site]
    member, title, published, words = EXPECTED[site]
    assert (item.url, item.kind, item.keyed_by_url) == (CASES[site][2], "statement", True)
    assert item.title == title
    assert item.extra["member"] == member and item.extra["explanation_of_vote"] is True
    assert item.extra.get("published") == published
    assert words in item.text
    for chrome in ("Crown copyright", "Cookies on GOV.UK", "official website", "La France à l'ONU"):
        assert chrome not in item.text


def test_usun_listing(saved):
    spider = UsunSpider()
    page = saved("usun", "remarks-and-highlights.html", "https://usun.usmission.gov/category/remarks-and-highlights/")
    assert spider.route(page.url) == spider.parse_listing
    urls = [r.url for r in spider.parse_listing(page)]
    assert urls[0] == CASES["usun"][2] and len(urls) == 2


def test_russiaun_listing_reads_the_news_items(saved):
    spider = RussiaUnSpider()
    page = saved("russiaun", "news.html", "https://russiaun.ru/en/news")
    assert spider.route(page.url) == spider.parse_listing
    urls = [r.url for r in spider.parse_listing(page)]
    assert urls == ["https://russiaun.ru/en/news/7161023", "https://russiaun.ru/en/news/arria_02042025",
                    "https://russiaun.ru/en/news/070322n"]
    assert spider.route("https://russiaun.ru/en/contacts") is None
