"""Fact wordings of issue 10 and their family, each with its entity and operative paragraph;
decisions only from an operative paragraph's deciding verb, never from welcomes, recalls,
notes, takes note or urges; a figure's body read from its own clause.

The clauses are the Council's own wording as quoted in the issue (texts of 2011–2025 that
the corpus does not hold in full); two real PDF text layers are in tests/fixtures/text/pdf_layers.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from models.text import parse

LAYERS = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "pdf_layers"
HEAD = ("Resolution 9999 (2025)\nAdopted by the Security Council at its 9999th meeting, on 1 January 2025\n"
        "The Security Council,\nRecalling its previous resolutions,\n")


def facts_of(*operative: str) -> set[tuple]:
    text = HEAD + "\n".join(f"{n}. {op}" for n, op in enumerate(operative, 1)) + "\n"
    parsed = parse(text)
    for fact in parsed.facts:
        assert fact.evidence and fact.evidence in text
    return {(f.kind, f.value, f.entity, f.paragraph) for f in parsed.facts
            if f.kind not in ("operative_verb", "sg_request", "reporting_cycle")}


@pytest.mark.parametrize("clause,expected", [
    ("Decides to increase the authorized troop ceiling for UNISFA to 5,326 troops;",
     ("troop_ceiling", 5326, "UNISFA", "op-1")),
    ("Decides to reduce the troop ceiling of MONUSCO to 11,500 military personnel;",
     ("troop_ceiling", 11500, "MONUSCO", "op-1")),
    ("Decides that UNMISS shall maintain the authorized police ceiling at 640 police personnel;",
     ("police_ceiling", 640, "UNMISS", "op-1")),
    ("Maintains the authorized police ceiling of UNISFA at 640 police personnel;",
     ("police_ceiling", 640, "UNISFA", "op-1")),
    ("Decides that MINUSTAH will consist of a police component, including appropriate Formed Police Units, "
     "of up to 1,323 personnel;", ("police_ceiling", 1323, "MINUSTAH", "op-1")),
    ("Decides that UNMIL will consist of up to 15,000 United Nations military personnel and up to 1,897 "
     "Civilian Police;", ("police_ceiling", 1897, "UNMIL", "op-1")),
    ("Decides to extend UNAMI\u2019s mandate for a final 19-month period until 31 December 2025;",
     ("mandate_period_months", 19, "UNAMI", "op-1")),
    ("Decides to extend UNAMI\u2019s mandate for a final 19-month period until 31 December 2025;",
     ("mandate_end", "2025-12-31", "UNAMI", "op-1")),
    ("Authorizes for a period of 12 months from the adoption of this resolution the French forces to use all "
     "necessary means to support UNOCI;", ("mandate_period_months", 12, "French forces", "op-1")),
    ("Authorizes for a period of 12 months from the adoption of this resolution the French forces to use all "
     "necessary means to support UNOCI;", ("all_necessary_measures", True, "French forces", "op-1")),
    ("Decides to authorize the Member States of the African Union to deploy AUSSOM for an initial period of "
     "12 months beginning on 1 January 2025;", ("mandate_period_months", 12, "AUSSOM", "op-1")),
    ("Decides to extend the mandate of UNFICYP for a further period of six months;",
     ("mandate_period_months", 6, "UNFICYP", "op-1")),
])
def test_wording_read(clause: str, expected: tuple):
    assert expected in facts_of(clause)


def test_figure_belongs_to_the_body_of_its_own_clause():
    found = facts_of("Recalls the drawdown of ATMIS;",
                     "Decides to authorize the Member States of the African Union to deploy up to 12,626 uniformed "
                     "personnel, including 1,040 police personnel, to AUSSOM;")
    assert ("troop_ceiling", 12626, "AUSSOM", "op-2") in found
    assert not any(f[2] == "ATMIS" for f in found)


@pytest.mark.parametrize("clause", [
    "Welcomes the proposal of the Secretary-General to establish, for an initial period of one year, "
    "a quick reaction force within UNMISS;",
    "Recalls its decision to extend the mandate of UNMISS for a period of one year until 30 April 2024;",
    "Notes the intention of the Secretary-General to deploy up to 2,000 troops to UNISFA;",
    "Takes note of the decision of the African Union to extend the mandate of ATMIS until 31 December 2024;",
    "Decides that only UNISFA is authorized to carry weapons in the Abyei Area, and urges the two Governments "
    "to take all necessary steps to ensure that Abyei is demilitarized;",
    "Urges Member States to take all necessary measures to prevent the supply of arms;",
])
def test_mentions_are_not_decisions(clause: str):
    assert facts_of(clause) == set()


def test_real_pdf_layer_police_component_with_formed_units():
    text = (LAYERS / "S_RES_2132_2013.txt").read_text(encoding="utf-8")
    found = {(f.kind, f.value, f.entity, f.paragraph) for f in parse(text).facts if f.kind.endswith("ceiling")}
    assert ("troop_ceiling", 12500, "UNMISS", "op-4") in found
    assert ("police_ceiling", 1323, "UNMISS", "op-4") in found


def test_real_pdf_layer_authorized_to_carry_weapons_is_not_all_necessary_measures():
    text = (LAYERS / "S_RES_2179_2014.txt").read_text(encoding="utf-8")
    assert not [f for f in parse(text).facts if f.kind == "all_necessary_measures"]
