"""The curated registry and clause-level resolution, on the bundled real texts (no database)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from models.mandates.lineage import decisions
from models.mandates.registry import load_registry, resolution_number
from models.text import parse

BUNDLE = Path(__file__).resolve().parents[2] / "crawler" / "bundle" / "documents" / "resolutions"
GENERIC = ("Member States", "the Secretary-General", "Secretary-General", "Monitoring Team", "Verification Mission",
           "Panel of Experts", "Group of Experts", "Observer Mission")


@lru_cache(maxsize=None)
def decided(name: str) -> dict:
    parsed = parse((BUNDLE / name).read_text(encoding="utf-8"))
    return decisions(load_registry(), parsed, resolution_number(parsed.symbol))


def test_generic_phrases_are_never_entities():
    registry = load_registry()
    for phrase in GENERIC:
        assert registry.by_name(phrase) is None, phrase
    assert not set(registry.entities) & {"Member States", "Secretary-General", "Panel of Experts", "Monitoring Team"}


def test_misspelt_full_name_is_undof():
    registry = load_registry()
    assert registry.by_name("United Nation Disengagement Observer Force").id == "UNDOF"
    assert registry.by_name("United Nations Peace-keeping Force in Cyprus").id == "UNFICYP"
    assert set(decided("S_RES_0456_1979_EN_GOLD.txt")) == {"UNDOF"}  # "United Nation Disengagement …" in the text


def test_every_sanctions_panel_is_its_own_entity():
    registry = load_registry()
    panels = {e.id: e for e in registry.entities.values() if e.kind == "sanctions_panel"}
    assert {"libya-panel", "yemen-panel", "car-panel", "south-sudan-panel", "sudan-panel", "drc-group"} <= set(panels)
    assert len({e.regime for e in panels.values()}) >= 8
    for a in panels.values():  # no two panels share a resolution they are renewed by
        for b in panels.values():
            if a.id < b.id and a.regime != b.regime:
                assert not a.known_numbers & b.known_numbers, (a.id, b.id)


@pytest.mark.parametrize("name, entity", [
    ("S_RES_2745_2024.txt", "car-panel"),  # the voting data files it under "Peace and security in Africa"
    ("S_RES_2731_2024.txt", "south-sudan-panel"),
    ("S_RES_2769_2025.txt", "libya-panel"),
    ("S_RES_2758_2024.txt", "yemen-panel"),
    ("S_RES_2772_2025.txt", "sudan-panel"),
    ("S_RES_2738_2024.txt", "drc-group"),
])
def test_panel_of_experts_resolves_to_its_regime(name, entity):
    found = decided(name)
    panels = [e for e in found if load_registry().entities[e].kind == "sanctions_panel"]
    assert panels == [entity]


def test_member_states_resolve_to_the_authorization_of_their_agenda_item():
    assert "eufor-althea" in decided("S_RES_2757_2024.txt")
    assert "libya-civilians-authorization" in decided("S_RES_1973_2011.txt")
    assert "colombia-verification" in decided("S_RES_2754_2024.txt")


def test_no_generic_phrase_becomes_a_mission_anywhere_in_the_bundle():
    registry = load_registry()
    seen = set()
    for path in sorted(BUNDLE.glob("*.txt")):
        seen |= set(decided(path.name))
    assert seen <= set(registry.entities)
    assert {"MINUSCA", "MONUSCO", "UNMISS", "UNIFIL", "UNDOF"} <= seen


def test_registry_lists_known_resolutions_with_provenance():
    registry = load_registry()
    minusca = registry.get("MINUSCA")
    symbols = {k.symbol for k in minusca.known}
    assert {"S/RES/2217 (2015)", "S/RES/2301 (2016)", "S/RES/2387 (2017)", "S/RES/2448 (2018)", "S/RES/2499 (2019)",
            "S/RES/2552 (2020)", "S/RES/2605 (2021)", "S/RES/2659 (2022)"} <= symbols
    assert all(k.sources for k in minusca.known)
    assert any(s.startswith("PEMA") for k in minusca.known for s in k.sources)
    assert registry.agenda_of(2709).agenda_item == "The situation in the Central African Republic"


def test_numbered_successors_are_their_own_missions():
    registry = load_registry()
    assert registry.by_name("UNAVEM II").id == "UNAVEM II" and registry.by_name("UNAVEM III").id == "UNAVEM III"
    from models.mandates.resolve import resolve

    assert resolve(registry, "UNAVEM IV", "", None) is None  # not in the registry: never folded into UNAVEM
    assert resolve(registry, "UNOSOM II", "", None).id == "UNOSOM II"
