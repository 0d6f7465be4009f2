"""Votes and speakers read from real meeting records (tests/fixtures/text/pv, PROVENANCE.tsv)."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from models.text.meeting_record import read_meeting_record, repair

PV = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "pv"
COUNCIL_2011 = ["Bosnia and Herzegovina", "Brazil", "China", "Colombia", "France", "Gabon", "Germany", "India",
                "Lebanon", "Nigeria", "Portugal", "Russian Federation", "South Africa",
                "United Kingdom of Great Britain and Northern Ireland", "United States of America"]


def record(name: str):
    return read_meeting_record((PV / f"{name}.txt").read_text(encoding="utf-8"))


def test_unanimous_vote_names_as_printed_in_order():
    r = record("S_PV_6567")
    assert r.meeting == 6567
    assert len(r.votes) == 1
    vote = r.votes[0]
    assert (vote.draft, vote.outcome, vote.resolution) == ("S/2011/389", "adopted", "1990 (2011)")
    assert list(vote.in_favour) == COUNCIL_2011
    assert vote.against == () and vote.abstaining == ()


def test_speakers_with_member_and_first_words():
    r = record("S_PV_6567")
    araud = next(s for s in r.speakers if s.speaker == "Mr. Araud")
    assert araud.member == "France"
    assert araud.first_words.startswith("France welcomes the agreement reached on 20 June")
    president = r.speakers[0]
    assert (president.speaker, president.member) == ("The President", "Gabon")


def test_votes_on_parts_of_a_draft_and_a_list_cut_by_the_page_header():
    r = record("S_PV_3351")
    assert len(r.votes) == 11
    assert {v.draft for v in r.votes} == {"S/1994/280"}
    second = r.votes[1]
    assert second.abstaining == ("United States of America",)
    assert second.against == ()  # "Against" then "None"
    assert second.in_favour[-1] == "United Kingdom of Great Britain and Northern Ireland"
    assert all(len(v.in_favour) + len(v.abstaining) == 15 for v in r.votes)


def test_against_after_page_furniture():
    r = record("S_PV_3377")
    first = r.votes[0]
    assert first.draft == "S/1994/571"
    assert first.against == ("Rwanda",)
    assert len(first.in_favour) == 14
    assert "Rwanda" not in first.in_favour


def test_mis_decoded_utf8_repaired():
    assert repair("Mr. Barbaliƒá") == "Mr. Barbalić"
    assert repair("People‚Äôs Liberation") == "People\u2019s Liberation"
    r = record("S_PV_3519")
    assert any(s.speaker == "Mr. Cárdenas" and s.member == "Argentina" for s in r.speakers)
    assert r.votes[0].in_favour[0] == "Argentina" and r.votes[0].resolution == "986 (1995)"


def test_extract_json_has_votes_and_speakers():
    from webapp.cli import main

    result = CliRunner().invoke(main, ["extract", str(PV / "S_PV_6567.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["votes"][0]["in_favour"] == COUNCIL_2011
    assert data["votes"][0]["draft"] == "S/2011/389"
    assert data["speakers"][0]["speaker"] == "The President"


def test_a_symbol_cut_short_by_ocr_is_never_the_draft():
    """S/PV.3326 prints "S/1994/ll" (two letters l) after naming S/1994/11: the draft is
    S/1994/11, never the bare year "S/1994"."""
    text = ("S/PV.3326\nMembers of the Council also have before\nthem document S/1994/11, which contains "
            "the text of a draft\nresolution prepared in the course of the Council's prior\nconsultations.\n"
            "draft resolution contained in document S/1994/ll:\tthe date in the\nlast preambular paragraph.\n"
            "I shall put the draft resolution to the vote.\nA vote was taken by show of hands.\n"
            "In favour:\nArgentina, Brazil, China, Czech Republic, Djibouti, France, New Zealand, Nigeria, Oman,\n"
            "Pakistan, Russian Federation, Rwanda, Spain, United Kingdom of Great Britain and Northern Ireland,\n"
            "United States of America\n"
            "The President: The draft resolution has been adopted unanimously as resolution 893 (1994).\n")
    (vote,) = read_meeting_record(text).votes
    assert vote.draft == "S/1994/11"
