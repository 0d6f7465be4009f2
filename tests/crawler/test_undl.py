"""undl: UN Digital Library MARCXML exports — drafts linked to resolutions, per-member votes."""
import pytest

from crawler.items import DocRef, LinkRef
from crawler.spiders.base import ParseError
from crawler.spiders.undl import UndlSpider



URL = "https://digitallibrary.un.org/search?ln=en&c=Voting+Data&fct__2=Security+Council&sf=latest+first&so=d&rg=50&of=xm"


@pytest.fixture(scope="module")
def spider():
    return UndlSpider()


@pytest.fixture(scope="module")
def council(spider, saved):
    return next(spider.parse_export(saved("undl", "security_council_rebuilt_of-xm.xml", URL, "application/xml")))


@pytest.fixture(scope="module")
def assembly(spider, saved):
    return next(spider.parse_export(saved("undl", "ga_session78_c3_first3_of-xm.xml", URL, "application/xml")))


def test_route(spider):
    assert spider.route(URL) == spider.parse_export
    assert spider.route("https://digitallibrary.un.org/record/582227") is None


def test_draft_linked_to_its_resolution(council):
    assert DocRef("S/9709/Rev.1", title="Revised draft resolution Finland", kind="draft") in council.documents
    assert LinkRef("adopted-as", source="S/9709/Rev.1", target="S/RES/277 (1970)") in council.links


def test_voting_record_gives_each_member(council):
    (vote,) = council.votes
    assert (vote.meeting, vote.document, vote.resolution, vote.outcome, vote.date) == (
        "S/PV.5519", "S/RES/1706 (2006)", "S/RES/1706 (2006)", "adopted", "2006-08-31")
    assert (vote.yes, vote.no, vote.abstain, vote.non_voting) == (12, 0, 3, 0)
    assert len(vote.members) == 15
    assert {m for m, choice in vote.members.items() if choice == "A"} == {"CHINA", "QATAR", "RUSSIAN FEDERATION"}


def test_item_text_is_a_stable_summary(council):
    lines = council.text.splitlines()
    assert lines == sorted(lines) and len(lines) == 3
    assert lines[-1].startswith("vote S/RES/1706 (2006) | S/PV.5519 | 2006-08-31 | 12-0-3 | ARGENTINA=Y")
    assert council.media_type == "application/xml" and council.keyed_by_url


def test_real_assembly_export_is_read_but_not_stored_as_council_documents(assembly):
    assert assembly.documents == [] and assembly.votes == []
    assert "A/C.3/78/L.49/Rev.1 | Promotion and protection of human rights in the context of digital technologies" in assembly.text
    assert "A/RES/78/213" in assembly.text


def test_not_xml_is_a_parse_error(spider, saved):
    page = saved("undl", "README.md", URL, "application/xml")
    with pytest.raises(ParseError):
        next(spider.parse_export(page))


def test_real_967_layout_names_and_codes(council):
    """967 $a order, $c alpha-3 code, $d vote, $e name: members are named, never "Gbr"."""
    (vote,) = council.votes
    assert list(vote.members)[:5] == ["UNITED STATES", "UNITED KINGDOM", "RUSSIAN FEDERATION", "FRANCE", "CHINA"]
    assert not any(len(name) == 3 for name in vote.members)
    assert council.extra["member_codes"]["UNITED KINGDOM"] == "GBR"
    assert council.extra["member_codes"]["CHINA"] == "CHN"


def test_member_without_vote_subfield_did_not_vote():
    from lxml import etree

    from crawler.spiders.undl import _parse_members
    record = etree.fromstring(
        b'<record xmlns="http://www.loc.gov/MARC21/slim">'
        b'<datafield tag="967" ind1=" " ind2=" "><subfield code="a">2</subfield><subfield code="c">RUS</subfield>'
        b'<subfield code="e">RUSSIAN FEDERATION</subfield></datafield>'
        b'<datafield tag="967" ind1=" " ind2=" "><subfield code="a">1</subfield><subfield code="c">USA</subfield>'
        b'<subfield code="d">N</subfield><subfield code="e">UNITED STATES</subfield></datafield></record>')
    assert _parse_members(record) == {"UNITED STATES": "N", "RUSSIAN FEDERATION": "X"}


def test_waf_challenge_is_blocked_not_a_parse_error(spider):
    from scrapy.http import Request, Response

    from crawler.blocking import BlockedBySite
    challenge = Response(URL, status=202, headers={"x-amzn-waf-action": "challenge", "Content-Length": "0"},
                         body=b"", request=Request(URL))
    with pytest.raises(BlockedBySite):
        next(spider.parse_export(challenge))


def test_blocked_crawl_is_its_own_health_state_with_backoff(server, crawl, db, client):
    from models.crawls import source_health
    from crawler_testkit import Answer

    path = "/search?ln=en&c=Voting+Data&of=xm"
    server.script.set(path, Answer(202, b"", {"x-amzn-waf-action": "challenge", "Content-Type": "text/html"}))
    first = crawl("undl", start_urls=server.url(path))
    assert first.returncode == 0 and "blocked by the site" in first.stderr and "could not parse" not in first.stderr
    with db.reader() as session:
        (run,) = [r for r in source_health(session) if r.spider == "undl"]
        assert (run.status, run.healthy, run.pages_failed) == ("blocked", False, 0)
    again = crawl("undl", start_urls=server.url(path))
    assert "backing off until" in again.stderr
    assert len(server.script.requests_for(path)) == 1  # the second run did not ask again
    with db.reader() as session:
        (run,) = [r for r in source_health(session) if r.spider == "undl"]
        assert run.status == "blocked" and "backing off until" in run.message
    assert b"BLOCKED by the site" in client.get("/status/crawls").data


def test_backoff_doubles_per_challenged_run():
    from datetime import datetime, timezone

    from crawler.blocking import backoff_until
    from models.crawls import CrawlRun
    at = datetime(2026, 12, 1, tzinfo=timezone.utc)
    runs = [CrawlRun(status="blocked", pages_seen=0, started_at=at), CrawlRun(status="blocked", pages_seen=1, started_at=at),
            CrawlRun(status="blocked", pages_seen=1, started_at=at), CrawlRun(status="ok", pages_seen=3, started_at=at)]
    assert (backoff_until(runs, 3600, 86400) - at).total_seconds() == 7200
    assert backoff_until(runs[3:], 3600, 86400) is None
