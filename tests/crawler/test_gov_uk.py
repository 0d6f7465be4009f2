"""gov_uk: the mission's feeds with the world-location facet; only Council statements stored."""
from crawler.spiders.gov_uk import GovUkSpider

GAZA = ("https://www.gov.uk/government/speeches/we-voted-yes-on-the-need-for-an-immediate-and-sustained-ceasefire-"
        "to-protect-civilians-in-gaza-uk-statement-at-the-un-security-council")
UN80 = ("https://www.gov.uk/government/speeches/the-uk-stands-ready-to-work-to-advance-the-secretary-generals-"
        "un80-reform-initiative-uk-statement-in-the-un-general-assembly")


def test_feeds_first_with_the_world_location_facet():
    spider = GovUkSpider()
    assert spider.start_urls[0] == ("https://www.gov.uk/search/news-and-communications.atom"
                                    "?world_locations%5B%5D=uk-mission-to-the-united-nations-new-york")
    assert "filter_world_locations=uk-mission-to-the-united-nations-new-york" in spider.start_urls[1]
    assert all("organisations" not in url for url in spider.start_urls + list(spider.default_start_urls))
    assert all(spider.route(url) == spider.parse_feed for url in spider.start_urls)


def test_atom_and_search_api_entries_lead_to_the_speeches(saved):
    spider = GovUkSpider()
    for name, content_type in (("news-and-communications.atom", "application/atom+xml"),
                               ("search.json", "application/json")):
        feed = saved("gov_uk", name, spider.start_urls[0] if name.endswith("atom") else spider.start_urls[1],
                     content_type)
        requests = list(spider.parse_feed(feed))
        assert [r.url for r in requests] == [UN80, GAZA]
        assert requests[1].meta["feed_title"].endswith("UK statement at the UN Security Council")


def test_an_unrelated_speech_is_not_stored(saved):
    spider = GovUkSpider()
    page = saved("gov_uk", "the-uk-stands-ready-to-work-to-advance-the-secretary-generals-un80-reform-initiative.html", UN80)
    assert spider.route(UN80) == spider.parse_article
    assert list(spider.parse_article(page)) == []
    council = saved("gov_uk", "we-voted-yes-on-the-need-for-an-immediate-and-sustained-ceasefire.html", GAZA)
    (item,) = list(spider.parse_article(council))
    assert item.extra["member"] == "United Kingdom"


def test_feed_crawl_stores_the_council_statement_only_then_304(server, crawl, db):
    """Live crawl through the Atom feed on a loopback server: the feed is fetched with its
    ETag the second time (304: nothing fetched, nothing written)."""
    from sqlalchemy import func, select

    from crawler_testkit import FIXTURES, Answer
    from models.crawls import source_health
    from models.documents import Version

    base = server.url("")
    atom = (FIXTURES / "gov_uk" / "news-and-communications.atom").read_text()
    atom = atom.replace("https://www.gov.uk/", base + "/")
    server.script.set("/search/news-and-communications.atom?world_locations%5B%5D=x", Answer(200, atom.encode(), {
        "Content-Type": "application/atom+xml", "ETag": '"atom-1"'}))
    for url, name in ((GAZA, "we-voted-yes-on-the-need-for-an-immediate-and-sustained-ceasefire.html"),
                      (UN80, "the-uk-stands-ready-to-work-to-advance-the-secretary-generals-un80-reform-initiative.html")):
        server.script.set(url.replace("https://www.gov.uk", ""), Answer(200, (FIXTURES / "gov_uk" / name).read_bytes()))
    feed = server.url("/search/news-and-communications.atom?world_locations%5B%5D=x")
    settings = {"ROBOTSTXT_OBEY": "False"}
    first = crawl("gov_uk", settings, start_urls=feed)
    assert first.returncode == 0, first.stderr[-2000:]
    with db.reader() as session:
        versions = session.scalars(select(Version)).all()
        assert [v.url for v in versions] == [GAZA.replace("https://www.gov.uk", base)]
        (run,) = [r for r in source_health(session) if r.spider == "gov_uk"]
        assert run.healthy and run.items == 1
    again = crawl("gov_uk", settings, start_urls=feed)
    assert again.returncode == 0
    (_, headers), = server.script.requests_for("/search/news-and-communications.atom?world_locations%5B%5D=x")[1:]
    assert headers.get("If-None-Match") == '"atom-1"'
    with db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Version)) == 1
