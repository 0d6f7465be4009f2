"""The voting data as bundled (crawler/bundle/council/, see its PROVENANCE.md): each
source quirk read as what it means, named, never silently."""
from __future__ import annotations

from datetime import date

import pytest

from crawler.council import votingdata
from crawler.council.load import HERE, _known_years


@pytest.fixture(scope="module")
def records():
    return votingdata.read_all(HERE, known_years=_known_years())


def _by_locator(records, locator):
    return next(r for r in records if r.locator == locator)


def test_the_founding_story_vote(records):
    vote = next(r for r in records if r.resolution == "S/RES/2803 (2025)")
    assert (vote.draft, vote.on, vote.outcome) == ("S/2025/748", date(2025, 11, 17), "adopted")
    assert vote.agenda_item == "The situation in the Middle East, including the Palestinian question"
    assert sorted(m for m, c in vote.members.items() if c == "A") == ["China", "Russian Federation"]
    assert sum(1 for c in vote.members.values() if c == "Y") == 13 and "N" not in vote.members.values()


def test_swapped_columns_are_swapped_back(records):
    vote = _by_locator(records, "sc_voting_oliverunv_b4aa6cb.xlsx#ID=2010")
    assert (vote.resolution, vote.draft) == ("S/RES/2779 (2025)", "S/2025/270")
    assert "resolution and draft columns swapped" in [q.kind for q in vote.quirks]


def test_missing_bracket_and_line_breaks(records):
    bracket = _by_locator(records, "sc_voting_tail_from_4900000.csv#ID=2154")
    assert bracket.resolution == "S/RES/2785 (2025)"
    broken = _by_locator(records, "sc_voting_tail_from_4900000.csv#ID=2157")
    assert broken.draft == "S/2025/443" and broken.quirks[0].kind == "draft field with line breaks"


def test_malformed_tail_lines_are_dropped_and_counted(records):
    tail = [r for r in records if r.file == votingdata.CSV]
    assert all(r.row_id.isdigit() and r.on.year >= 2023 for r in tail)
    assert [q.raw for q in tail[-1].quirks if q.kind == "malformed lines dropped"] == ["15 lines"]


def test_day_and_month_exchanged_back_against_meeting_order(records):
    first = _by_locator(records, "sc_voting_oliverunv_b4aa6cb.xlsx#ID=1")  # 893 (1994), S/PV.3326
    assert (first.resolution, first.meeting, first.on) == ("S/RES/893 (1994)", "S/PV.3326", date(1994, 1, 6))
    assert [(q.raw, q.read_as) for q in first.quirks] == [("1994-06-01", "1994-01-06")]


def test_resolution_years_and_numbers_checked(records):
    assert not any(r.resolution == "S/RES/1588 (2055)" for r in records)
    wrong_number = _by_locator(records, "sc_voting_oliverunv_b4aa6cb.xlsx#ID=550")  # "425 (2002)"
    assert wrong_number.resolution is None and wrong_number.draft == "S/2002/799"


def test_meetings_by_letter_have_no_meeting_record(records):
    remote = [r for r in records if (r.meeting_code or "").startswith("V")]
    assert remote and all(r.meeting is None for r in remote)
    assert {r.on.year for r in remote} == {2020, 2021}
