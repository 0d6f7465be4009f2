"""Lineages materialised in record_version, on the bundled real texts: steps, gaps named,
status against an injected today, the previous text actually held."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.ingest import ingest_file
from models.mandates import MandateState, MandateStep, expiring, previous_mandate, status, steps_of
from models.store import get_document

BUNDLE = Path(__file__).resolve().parents[2] / "crawler" / "bundle" / "documents" / "resolutions"
FILES = {
    "MINUSCA": ["S_RES_2149_2014.txt", "S_RES_2709_2023.txt"],
    "MONUSCO": ["S_RES_2556_2020.txt", "S_RES_2717_2023.txt", "S_RES_2765_2024.txt"],
    "UNMISS": ["S_RES_1996_2011.txt"],
    "UNIFIL": ["S_RES_0852_1993_EN_GOLD.txt", "S_RES_0895_1994_EN_GOLD.txt", "S_RES_1701_2006.txt",
               "S_RES_1773_2007.txt", "S_RES_2749_2024.txt"],
    "UNDOF": ["S_RES_0441_1978_EN_GOLD.txt", "S_RES_0830_1993_EN_GOLD.txt", "S_RES_0887_1993_EN_GOLD.txt"],
    "panels": ["S_RES_2745_2024.txt", "S_RES_2731_2024.txt", "S_RES_2577_2021.txt"],
}
TODAY = date(2026, 12, 7)


@pytest.fixture
def loaded(db):
    with db.writer() as session:
        for names in FILES.values():
            for name in names:
                ingest_file(session, BUNDLE / name)
    return db


def _state(session, entity_id):
    return session.get(MandateState, entity_id)


def _gap_symbols(state):
    return [s for g in state.gaps for s in g["known_symbols"]]


def test_minusca_names_the_renewals_missing_between_2149_and_2709(loaded):
    with loaded.reader() as session:
        steps = steps_of(session, "MINUSCA")
        assert [(s.symbol, s.action) for s in steps] == [("S/RES/2149 (2014)", "establish"), ("S/RES/2709 (2023)", "renew")]
        state = _state(session, "MINUSCA")
        between = next(g for g in state.gaps if g["after"] == "S/RES/2149 (2014)" and g["before"] == "S/RES/2709 (2023)")
        assert {"S/RES/2217 (2015)", "S/RES/2301 (2016)", "S/RES/2387 (2017)", "S/RES/2448 (2018)", "S/RES/2499 (2019)",
                "S/RES/2552 (2020)", "S/RES/2605 (2021)", "S/RES/2659 (2022)"} <= set(between["known_symbols"])
        after = next(g for g in state.gaps if g["after"] == "S/RES/2709 (2023)")
        assert after["before"] is None and "S/RES/2759 (2024)" in after["known_symbols"]
        assert state.ends_on == date(2024, 11, 15)
        assert status(state, TODAY) == "last_known_end" and status(state, date(2024, 10, 1)) == "current"
        previous = previous_mandate(session, get_document(session, "S/RES/2709 (2023)"))
        assert previous.document.symbol == "S/RES/2149 (2014)" and previous.entity.id == "MINUSCA"
        assert set(between["known_symbols"]) == set(previous.missing)


def test_monusco_status_and_expiry_against_an_injected_today(loaded):
    with loaded.reader() as session:
        state = _state(session, "MONUSCO")
        assert [s.mandate_end for s in steps_of(session, "MONUSCO")] == [date(2021, 12, 20), date(2024, 12, 20), date(2025, 12, 20)]
        assert "S/RES/2612 (2021)" in _gap_symbols(state) and "S/RES/2666 (2022)" in _gap_symbols(state)
        assert "S/RES/2808 (2025)" in next(g for g in state.gaps if g["after"] == "S/RES/2765 (2024)")["known_symbols"]
        assert status(state, TODAY) == "last_known_end"  # not "current mandate ends 20 December 2025"
        assert status(state, date(2025, 11, 1)) == "current"
        soon = expiring(session, date(2025, 11, 1), 60)
        assert ("MONUSCO", 49) in [(e.entity.id, e.days) for e in soon]
        assert "MONUSCO" not in [e.entity.id for e in expiring(session, TODAY, 60)]
        assert "MONUSCO" not in [e.entity.id for e in expiring(session, date(2025, 6, 1), 60)]


def test_unmiss_unifil_undof_lineages_name_their_gaps(loaded):
    with loaded.reader() as session:
        unmiss = _state(session, "UNMISS")
        assert [s.action for s in steps_of(session, "UNMISS")] == ["establish"]
        assert {"S/RES/2057 (2012)", "S/RES/2677 (2023)"} <= set(_gap_symbols(unmiss))
        unifil = [s.symbol for s in steps_of(session, "UNIFIL")]
        assert unifil == ["S/RES/852 (1993)", "S/RES/895 (1994)", "S/RES/1701 (2006)", "S/RES/1773 (2007)", "S/RES/2749 (2024)"]
        gaps = {(g["after"], g["before"]): g["known_symbols"] for g in _state(session, "UNIFIL").gaps}
        assert "S/RES/1697 (2006)" in gaps[("S/RES/895 (1994)", "S/RES/1701 (2006)")]
        assert "S/RES/2695 (2023)" in gaps[("S/RES/1773 (2007)", "S/RES/2749 (2024)")]
        assert "S/RES/2790 (2025)" in gaps[("S/RES/2749 (2024)", None)]
        undof = _state(session, "UNDOF")
        undof_steps = steps_of(session, "UNDOF")
        assert [s.symbol for s in undof_steps] == ["S/RES/441 (1978)", "S/RES/830 (1993)", "S/RES/887 (1993)"]
        # 441 (1978) "Decides: … (b) To renew the mandate of the United Nations Disengagement Observer Force":
        # no mandate terms read from its lettered clauses, but the registry lists it as a renewal
        assert (undof_steps[0].action, undof_steps[0].mandate_end, undof_steps[0].paragraphs) == ("renew", None, {})
        assert "S/RES/470 (1980)" in next(g for g in undof.gaps if g["after"] == "S/RES/441 (1978)")["known_symbols"]
        assert {"S/RES/921 (1994)", "S/RES/2766 (2024)", "S/RES/2811 (2025)"} <= set(_gap_symbols(undof))


def test_sanctions_panels_have_separate_lineages(loaded):
    with loaded.reader() as session:
        assert [s.symbol for s in steps_of(session, "car-panel")] == ["S/RES/2745 (2024)"]
        assert [s.symbol for s in steps_of(session, "south-sudan-panel")] == ["S/RES/2577 (2021)", "S/RES/2731 (2024)"]
        assert previous_mandate(session, get_document(session, "S/RES/2745 (2024)")) is None  # not South Sudan
        assert previous_mandate(session, get_document(session, "S/RES/2731 (2024)")).document.symbol == "S/RES/2577 (2021)"
        entities = {s.entity_id for s in session.query(MandateStep)}
        assert not entities & {"Panel of Experts", "Member States", "Secretary-General", "Monitoring Team"}


def test_a_held_renewal_closes_the_gap_in_the_same_transaction(db):
    with db.writer() as session:
        for name in ("S_RES_2556_2020.txt", "S_RES_2765_2024.txt"):
            ingest_file(session, BUNDLE / name)
    with db.reader() as session:
        assert "S/RES/2717 (2023)" in _gap_symbols(_state(session, "MONUSCO"))
    with db.writer() as session:
        ingest_file(session, BUNDLE / "S_RES_2717_2023.txt")
        assert "S/RES/2717 (2023)" not in _gap_symbols(_state(session, "MONUSCO"))
