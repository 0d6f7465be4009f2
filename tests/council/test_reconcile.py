"""Reconciling a vote from its sources: values shown, conflicts kept, checks applied."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from models.reconcile import VETO_SEATS, Observed, check, reconcile

MEMBERS_2022 = ["Albania", "Brazil", "China", "France", "Gabon", "Ghana", "India", "Ireland", "Kenya", "Mexico",
                "Norway", "Russian Federation", "United Arab Emirates", "United Kingdom", "United States"]


def _s2022_431() -> list[Observed]:
    """S/2022/431 as each source gives it: the library's 2022 table prints "vetoed by
    China, Russian Federation 13-0-2"; the voting data names each member (13-2-0)."""
    roll = {m: "N" if m in ("China", "Russian Federation") else "Y" for m in MEMBERS_2022}
    return [
        Observed("dhl_meetings", "https://www.un.org/depts/dhl/resguide/scact2022_table_en.html", "S/PV.9048",
                 date(2022, 5, 26), "S/2022/431", None, "vetoed", 13, 0, 2,
                 members={"China": "N", "Russian Federation": "N"}),
        Observed("sc-voting-data", "sc_voting_oliverunv_b4aa6cb.xlsx#ID=1825", "S/PV.9048", date(2022, 5, 26),
                 "S/2022/431", None, "vetoed", 13, 2, 0, members=roll, members_complete=True),
    ]


def test_s2022_431_shows_13_2_0_with_the_library_table_beside_it():
    result = reconcile(_s2022_431())
    assert (result.values["yes"], result.values["no"], result.values["abstain"]) == (13, 2, 0)
    fields = {c["field"]: c for c in result.conflicts if "field" in c}
    assert set(fields) == {"no", "abstain"}
    assert [(v["source"], v["value"]) for v in fields["no"]["values"]] == [("sc-voting-data", 2), ("dhl_meetings", 0)]
    assert not [c for c in result.conflicts if "check" in c]  # 13-2-0 with two vetoes holds


def test_a_veto_without_a_no_is_a_failed_check():
    lone = reconcile([_s2022_431()[0]])  # the library table alone: "vetoed" beside 13-0-2
    assert any(c.get("check") == "veto" and "no vote against" in c["detail"] for c in lone.conflicts)


def test_not_adopted_and_vetoed_are_one_outcome_told_more_or_less_precisely():
    table = Observed("dhl_meetings", "t", outcome="not_adopted", yes=9, no=1, abstain=5, date=date(1963, 9, 3))
    veto = Observed("veto-list", "v", outcome="vetoed", members={"USSR": "N"}, date=date(1963, 9, 3))
    result = reconcile([table, veto])
    assert result.values["outcome"] == "vetoed" and not result.conflicts


def test_eleven_members_and_seven_votes_before_1966():
    adopted = Observed("dhl_meetings", "t", outcome="adopted", yes=7, no=0, abstain=4, date=date(1964, 3, 4))
    assert reconcile([adopted]).conflicts == []
    later = Observed("dhl_meetings", "t", outcome="adopted", yes=7, no=0, abstain=8, date=date(1990, 3, 4))
    assert [c["check"] for c in reconcile([later]).conflicts] == ["outcome"]


choices = st.sampled_from("YNA")


@st.composite
def observations(draw):
    members = draw(st.dictionaries(st.sampled_from(MEMBERS_2022), choices, min_size=0, max_size=15))
    complete = len(members) == 15 and draw(st.booleans())
    tallies = [draw(st.one_of(st.none(), st.integers(0, 15))) for _ in range(3)]
    return Observed(draw(st.sampled_from(["sc-voting-data", "dhl_meetings", "veto-list", "undl"])),
                    draw(st.sampled_from(["a", "b"])), "S/PV.1", draw(st.sampled_from([date(1960, 1, 1), date(2000, 1, 1)])),
                    "S/2000/1", None, draw(st.sampled_from(["adopted", "vetoed", "not_adopted"])), *tallies,
                    members=members or None, members_complete=complete)


@settings(max_examples=300, deadline=None)
@given(st.lists(observations(), min_size=1, max_size=4))
def test_every_reconciled_vote_satisfies_the_checks_or_carries_a_conflict(observed):
    result = reconcile(observed)
    failures = check(result.values, result.members, any(o.members_complete for o in observed))
    assert not failures or result.conflicts
    for failure in failures:
        assert failure in result.conflicts
    vetoers = [m for m, c in result.members.items() if c == "N" and m in VETO_SEATS]
    if result.values["outcome"] == "adopted" and vetoers and (result.values["yes"] or 0) >= 9:
        assert result.conflicts  # adopted despite a permanent member's no: never silent
