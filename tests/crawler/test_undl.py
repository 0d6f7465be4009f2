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
