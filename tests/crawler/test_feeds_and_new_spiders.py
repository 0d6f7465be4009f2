"""Feeds first (press.un.org, USUN, SPIP backend), navigation never an article, and the
new sources: Council statements on press.un.org, China's and elected members' missions,
the UN Journal, the Monthly Forecast, the programme of work."""
import pytest

from crawler.feeds import FeedError, read_feed
from crawler.spiders.china_un import ChinaUnSpider
from crawler.spiders.delegfrance import DelegFranceSpider
from crawler.spiders.denmark_un import DenmarkUnSpider
from crawler.spiders.greece_un import GreeceUnSpider
from crawler.spiders.pakun import PakUnSpider
from crawler.spiders.programme_of_work import ProgrammeOfWorkSpider
from crawler.spiders.un_journal import UnJournalSpider
from crawler.spiders.un_press import UnPressSpider
from crawler.spiders.un_statements import UnStatementsSpider
from crawler.spiders.usun import UsunSpider
from crawler.spiders.wib_forecast import WibForecastSpider, months_from


def test_un_press_reads_the_rss_feed_and_follows_council_items_only(saved):
    spider = UnPressSpider()
    assert spider.start_urls == ["https://press.un.org/en/rss.xml"]
    feed = saved("un_press", "rss.xml", "https://press.un.org/en/rss.xml", "application/rss+xml")
    assert [r.url for r in spider.parse_feed(feed)] == ["https://press.un.org/en/2022/sc14911.doc.htm"]


def test_usun_feed(saved):
    spider = UsunSpider()
    feed = saved("usun", "feed.xml", "https://usun.usmission.gov/feed/", "application/rss+xml")
    council, assembly = list(spider.parse_feed(feed))  # not "ambassadors-travel": not a remarks page
    assert council.url.endswith("/explanation-of-vote-on-a-russia-drafted-un-security-council-resolution-on-the-situation-in-the-middle-east/")
    assert council.meta["feed_published"] == "2023-10-25"
    assert "general-assembly" in assembly.url  # fetched, then judged by its text (relevance)


def test_unreadable_feed_falls_back_to_the_listing(saved):
    spider = UsunSpider()
    page = saved("usun", "remarks-and-highlights.html", "https://usun.usmission.gov/feed/")
    (request,) = list(spider.parse_feed(page))
    assert request.url == "https://usun.usmission.gov/category/remarks-and-highlights/"
    with pytest.raises(FeedError):
        read_feed(b"<html><body>moved</body></html>", "https://usun.usmission.gov/feed/")


def test_delegfrance_backend_and_navigation(saved):
    spider = DelegFranceSpider()
    assert spider.start_urls == ["https://onu.delegfrance.org/spip.php?page=backend"]
    feed = saved("delegfrance", "backend.xml", spider.start_urls[0], "application/rss+xml")
    assert [r.url for r in spider.parse_feed(feed)] == [
        "https://onu.delegfrance.org/Nous-sommes-decus-par-ce-vote-mais-pas-decourages"]
    for navigation in ("Contact-us", "Plan-du-site", "Mentions-legales"):
        assert spider.route(f"https://onu.delegfrance.org/{navigation}") is None
    listing = saved("delegfrance", "-Conseil-de-securite-.html", "https://onu.delegfrance.org/-Conseil-de-securite-")
    assert [r.url for r in spider.parse_listing(listing)] == [
        "https://onu.delegfrance.org/Nous-sommes-decus-par-ce-vote-mais-pas-decourages"]


def test_press_statement_and_presidential_statement(saved):
    spider = UnStatementsSpider()
    url = "https://press.un.org/en/2024/sc15804.doc.htm"
    (item,) = list(spider.parse_article(saved("un_statements", "sc15804.doc.htm", url)))
    assert (item.symbol, item.kind, item.title) == ("SC/15804", "press_statement", "Security Council Press Statement on Libya")
    url = "https://press.un.org/en/2025/sc15968.doc.htm"
    (item,) = list(spider.parse_article(saved("un_statements", "sc15968.doc.htm", url)))
    quoted = item.extra["quoted_texts"]["S/PRST/2025/1"]
    assert quoted.startswith("At the 9837th meeting of the Security Council, held on 16 January 2025")
    assert "The Security Council welcomes the election of the President of the Republic of Lebanon Joseph Aoun" in quoted
    assert "Statements" not in quoted.splitlines()[-1]
    plain = saved("un_press", "sc14911.doc.htm", "https://press.un.org/en/2022/sc14911.doc.htm")
    assert list(spider.parse_article(plain)) == []  # ordinary meetings coverage: un_press's


def test_un_journal_keeps_council_meetings(saved):
    spider = UnJournalSpider()
    url = "https://journal-api.un.org/api/officialsnew/2025-01-16"
    assert spider.route(url) == spider.parse_day
    (item,) = list(spider.parse_day(saved("un_journal", "officialsnew_2025-01-16.json", url, "application/json")))
    meetings = item.extra["meetings"]
    assert [m["title"] for m in meetings] == ["9837th meeting", "Consultations of the whole"]
    assert meetings[0]["record"] == "S/PV.9837" and meetings[0]["note"] == "The situation in the Middle East"
    assert meetings[1]["closed"] and meetings[1]["record"] is None
    assert "General Assembly" not in item.text
    assert [d.symbol for d in item.documents] == ["S/PV.9837"]
    assert all(u.startswith("https://journal-api.un.org/api/officialsnew/") for u in UnJournalSpider().start_urls)


def test_monthly_forecast(saved):
    from datetime import datetime
    assert months_from(datetime(2026, 12, 8)) == ["2026-12", "2027-01"]
    spider = WibForecastSpider()
    index = saved("wib_forecast", "2024-12.html", "https://www.securitycouncilreport.org/monthly_forecast/2024-12")
    assert spider.route(index.url) == spider.parse_listing
    assert [r.url.rsplit("/", 1)[1] for r in spider.parse_listing(index)] == [
        "overview-72.php", "status-update-since-our-november-forecast-6.php"]
    url = "https://www.securitycouncilreport.org/monthly-forecast/2024-12/overview-72.php"
    (item,) = list(spider.parse_article(saved("wib_forecast", "overview-72.php", url)))
    assert item.extra["forecast_month"] == "2024-12" and item.title == "Overview"
    assert "the US will hold the presidency" in item.text


def test_programme_of_work(saved):
    spider = ProgrammeOfWorkSpider()
    url = "https://main.un.org/securitycouncil/en/content/programme-work"
    assert spider.route(url) == spider.parse_programme
    item, pdf = list(spider.parse_programme(saved("programme_of_work", "programme-work.html", url)))
    assert (item.kind, item.title) == ("programme_of_work", "Programme of work, December 2024")
    assert item.extra["events"][1] == {"date": "Wednesday, 4 December",
                                       "item": "Women and peace and security: briefing (signature event)"}
    assert pdf.url.endswith("programme_of_work_december_2024.pdf") and pdf.callback == spider.parse_programme_pdf


def test_elected_members_and_china(saved):
    dk = DenmarkUnSpider()
    listing = saved("denmark_un", "statements.html", "https://dkonunsc.dk/statements")
    urls = [r.url for r in dk.parse_listing(listing)]
    assert len(urls) == 2
    council = "24-10-2025-Statement-for-open-debate-on-The-United-Nations-Organization"
    (item,) = list(dk.parse_article(saved("denmark_un", f"{council}.html", urls[0])))
    assert (item.extra["member"], item.extra["published"]) == ("Denmark", "2025-10-24")
    assembly = "29-09-2025-statement-by-denmark-at-unga80-general-debate"
    assert list(dk.parse_article(saved("denmark_un", f"{assembly}.html", urls[1]))) == []

    gr = GreeceUnSpider()
    slug = ("minister-of-foreign-affairs-george-gerapetritis-intervention-at-the-meeting-of-the-un-security-council-"
            "on-ukraine-new-york-24-02-2025")
    (item,) = list(gr.parse_article(saved("greece_un", f"{slug}.html", f"https://mfa.gr/en/{slug}")))
    assert item.extra["member"] == "Greece" and "this Security Council was entrusted" in item.text
    assert gr.route("https://mfa.gr/en/feed/") == gr.parse_feed

    pk = PakUnSpider()
    (request,) = list(pk.parse_listing(saved("pakun", "official-statements.html", "https://pakun.org/official-statements")))
    assert request.url == "https://pakun.org/official-statements/09252024-01"
    assert pk.route("https://pakun.org/contact-us") is None

    cn = ChinaUnSpider()
    url = "https://un.china-mission.gov.cn/eng/hyyfy/202603/t20260312_11873948.htm"
    assert cn.route(url) == cn.parse_article
    assert list(cn.parse_article(saved("china_un", "t20260312_11873948.htm", url))) == []  # CSW, not the Council


def test_off_topic_run_is_unhealthy():
    from crawler.health import judge
    verdict = judge(seen=10, new=1, unchanged=0, failed=0, items=1, robots_blocked=False, previous_items=3,
                    off_topic=8)
    assert not verdict.healthy and "not about the Security Council" in verdict.message
    assert judge(seen=10, new=1, unchanged=0, failed=0, items=1, robots_blocked=False, previous_items=3,
                 off_topic=8, off_topic_tolerance=0.9).healthy
