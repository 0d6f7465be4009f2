"""dhl_meetings: the UN library's yearly tables and veto list, parsed from saved pages."""
import pytest

from crawler.items import DocRef, LinkRef, VoteRecord
from crawler.spiders.dhl_meetings import DhlMeetingsSpider
from crawler.spiders.base import ParseError



BASE = "https://www.un.org/depts/dhl/resguide/"


@pytest.fixture(scope="module")
def spider():
    return DhlMeetingsSpider()


@pytest.fixture(scope="module")
def table_2022(spider, saved):
    return spider.parse_table(saved("dhl_meetings", "scact2022_table_en.html", BASE + "scact2022_table_en.html"))


@pytest.fixture(scope="module")
def table_1946(spider, saved):
    return spider.parse_table(saved("dhl_meetings", "scact1946_table_en.html", BASE + "scact1946_table_en.html"))


@pytest.fixture(scope="module")
def vetoes(spider, saved):
    return spider.parse_veto_table(saved("dhl_meetings", "scact_veto_table_en.html", BASE + "scact_veto_table_en.htm"))


def test_routes_follow_the_real_addresses(spider):
    assert spider.route("https://research.un.org/en/docs/sc/quick/meetings/2022") == spider.parse_guide
    assert spider.route(BASE + "scact2022_table_en.html") == spider.parse_table
    assert spider.route(BASE + "scact2010_table_en.htm") == spider.parse_table
    assert spider.route(BASE + "SC_2020-revised.html") == spider.parse_table
    assert spider.route(BASE + "scact_veto_table_en.htm") == spider.parse_veto_table
    assert spider.route("https://www.un.org/en/") is None


def test_guide_page_leads_to_the_table(spider, saved):
    page = saved("dhl_meetings", "research_guide_meetings_2022.html",
                          "https://research.un.org/en/docs/sc/quick/meetings/2022")
    assert [r.url for r in spider.parse_guide(page)] == [BASE + "scact2022_table_en.html"]


def test_2022_table_item(table_2022):
    item = table_2022
    assert (item.url, item.keyed_by_url, item.kind, item.status) == (BASE + "scact2022_table_en.html", True, "report", 200)
    assert item.title == "Meetings conducted by the Security Council in 2022 (in reverse chronological order)"
    assert item.raw.startswith(b"<html>") and item.headers["Content-Type"].startswith("text/html")
    outcomes = [v.outcome for v in item.votes]
    assert (outcomes.count("adopted"), outcomes.count("vetoed"), outcomes.count("not_adopted")) == (23, 2, 1)


def test_2022_adopted_resolution_with_tally(table_2022):
    vote = next(v for v in table_2022.votes if v.document == "S/RES/2640 (2022)")
    assert vote == VoteRecord(meeting="S/PV.9082", document="S/RES/2640 (2022)", resolution="S/RES/2640 (2022)",
                              outcome="adopted", date="2022-06-29", yes=13, no=0, abstain=2)
    assert DocRef("S/PV.9082", title="The situation in Mali", kind="meeting_record") in table_2022.documents
    assert LinkRef("reports-on", source="SC/14953", target="S/PV.9082") in table_2022.links
    assert LinkRef("meeting-of", source="S/PV.9082", target="S/RES/2640 (2022)") in table_2022.links


def test_2022_veto_and_failed_draft(table_2022):
    veto = next(v for v in table_2022.votes if v.document == "S/2022/431")
    # The table prints "vetoed by China, Russian Federation 13-0-2": kept as the source says it.
    assert veto == VoteRecord(meeting="S/PV.9048", document="S/2022/431", outcome="vetoed", date="2022-05-26",
                              yes=13, no=0, abstain=2, members={"China": "N", "Russian Federation": "N"})
    failed = next(v for v in table_2022.votes if v.outcome == "not_adopted")
    assert (failed.document, failed.meeting, failed.yes, failed.no, failed.abstain) == ("S/2022/231", "S/PV.9002", 2, 0, 13)


def test_2022_adopted_without_a_vote_has_no_tally(table_2022):
    vote = next(v for v in table_2022.votes if v.document == "S/RES/2638 (2022)")
    assert (vote.outcome, vote.yes, vote.no, vote.abstain) == ("adopted", None, None, None)


def test_1946_four_column_table(table_1946):
    unanimous = next(v for v in table_1946.votes if v.document == "S/RES/15 (1946)")
    assert (unanimous.meeting, unanimous.date, unanimous.yes, unanimous.no, unanimous.abstain) == (
        "S/PV.87", "1946-12-19", None, 0, 0)
    tallied = next(v for v in table_1946.votes if v.document == "S/RES/14 (1946)")
    assert (tallied.yes, tallied.no, tallied.abstain) == (9, 0, 2)
    assert not any(d.kind == "press_release" for d in table_1946.documents)  # no press column in 1946


def test_veto_list(vetoes):
    assert len(vetoes.votes) >= 190
    first = vetoes.votes[0]
    assert first == VoteRecord(meeting="S/PV.9048", document="S/2022/431", outcome="vetoed", date="2022-05-26",
                               members={"China": "N", "Russian Federation": "N"})
    joint = [v for v in vetoes.votes if v.date == "1946-06-26" or len(v.members) == 3]
    assert any(set(v.members) == {"France", "UK", "USA"} for v in joint)


def test_a_page_without_rows_is_a_parse_error(spider, saved):
    empty = saved("dhl_meetings", "research_guide_meetings_2022.html", BASE + "scact2022_table_en.html")
    with pytest.raises(ParseError):
        spider.parse_table(empty)


def _dataset_2020():
    import csv

    from crawler_testkit import FIXTURES
    with (FIXTURES / "dhl_meetings" / "sc_voting_2020_extract.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def test_2020_votes_by_letter_are_kept(spider, saved):
    """March 2020 onwards the Council voted by letter: rows with "--" as Meeting Record."""
    covid = spider.parse_table(saved("dhl_meetings", "scact2020_covid_table_en.html",
                                     BASE + "scact2020_covid_table_en.htm"))
    adopted = [v for v in covid.votes if v.outcome == "adopted"]
    assert len(adopted) == 46
    by_letter = [v for v in adopted if v.procedure == "letter"]
    assert len(by_letter) == 34
    vote = next(v for v in by_letter if v.resolution == "S/RES/2560 (2020)")
    assert (vote.meeting, vote.letter, vote.date, vote.yes, vote.no, vote.abstain) == (
        "S/2020/1305", "S/2020/1305", "2020-12-29", 15, 0, 0)
    assert DocRef("S/2020/1305", title="Threats to international peace and security caused by terrorist acts",
                  kind="letter") in covid.documents
    assert LinkRef("reports-on", source="S/2020/1305", target="S/RES/2560 (2020)") in covid.links


def test_2020_resolutions_match_the_voting_data(spider, saved):
    """Every resolution of 2020 in the per-member voting data is in the library's two 2020 tables."""
    tables = [spider.parse_table(saved("dhl_meetings", name, BASE + name))
              for name in ("scact2020_table_en.html", "scact2020_covid_table_en.html")]
    found = {v.resolution for t in tables for v in t.votes if v.outcome == "adopted"}
    rows = _dataset_2020()

    def symbol(raw: str) -> str:  # the dataset drops a bracket once: "2541 (2020"
        return f"S/RES/{raw.rstrip(')')})"

    expected = {symbol(r["resolution"]) for r in rows if r["resolution"]}
    by_letter = {symbol(r["resolution"]) for r in rows if r["resolution"] and r["meeting"].startswith("V")}
    assert len(expected) == 57 and len(by_letter) == 34
    assert found == expected
    letter_votes = {v.resolution for t in tables for v in t.votes if v.procedure == "letter" and v.resolution}
    assert letter_votes == by_letter
