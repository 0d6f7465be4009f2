"""Facts with their evidence: the UN wording each reader handles."""
from __future__ import annotations

from extraction_devset import FIXTURES

from models.text import parse

HEAD = "The Security Council,\n\nRecalling its resolutions,\n\n"


def facts(text: str, kind: str | None = None):
    return [f for f in parse(text).facts if kind is None or f.kind == kind]


def test_mandate_end_with_entity_and_exact_evidence():
    text = HEAD + "1. Decides to extend the mandate of UNMISS until 30 April 2025;\n"
    (fact,) = facts(text, "mandate_end")
    assert (fact.value, fact.entity, fact.paragraph) == ("2025-04-30", "UNMISS", "op-1")
    assert fact.evidence in text and "30 April 2025" in fact.evidence and not fact.reported


def test_several_mandates_in_one_text():
    text = HEAD + ("1. Decides to extend the mandate of MINUSCA until 15 November 2025;\n\n"
                   "2. Decides to extend until 31 August 2025 the mandate of the Panel of Experts;\n")
    got = {(f.entity, f.value) for f in facts(text, "mandate_end")}
    assert got == {("MINUSCA", "2025-11-15"), ("Panel of Experts", "2025-08-31")}


def test_further_period_ending_on():
    text = HEAD + ("1. Expresses its full support for UNFICYP and decides to extend its mandate for a "
                   "further period ending on 31 January 2026;\n")
    (fact,) = facts(text, "mandate_end")
    assert (fact.value, fact.entity) == ("2026-01-31", "UNFICYP")


def test_mandate_periods():
    cases = {
        "Decides to extend the mandate of UNAMA for a period of twelve months;": 12,
        "Decides to renew the authorizations for one year;": 12,
        "Decides to extend the mandate of the Panel for a further six months;": 6,
        "Decides to establish the Mission for an initial period of two years;": 24,
    }
    for sentence, months in cases.items():
        got = [f.value for f in facts(HEAD + "1. " + sentence + "\n", "mandate_period_months")]
        assert got == [months], sentence


def test_preamble_never_makes_a_mandate():
    text = (HEAD + "Responding to the request to extend the mandate of UNIFIL until 31 August 2025 for a period "
            "of one year,\n\n1. Decides to remain seized of the matter.\n")
    assert facts(text, "mandate_end") == [] and facts(text, "mandate_period_months") == []


def test_no_date_from_a_reporting_deadline():
    text = HEAD + "1. Requests the Secretary-General to report by 15 August 2025;\n"
    assert facts(text, "mandate_end") == []
    (request,) = facts(text, "sg_request")
    assert request.value == "2025-08-15"


def test_ceilings():
    text = HEAD + ("1. Decides that MINUSCA shall comprise up to 14,400 military personnel, including 580 "
                   "military observers, and 3,020 police personnel;\n\n"
                   "2. Decides to keep the troop ceiling of 17,000;\n\n"
                   "3. Authorizes the withdrawal of up to 2,000 military personnel;\n")
    got = sorted((f.kind, f.value, f.paragraph) for f in facts(text) if f.kind.endswith("ceiling"))
    assert got == [("police_ceiling", 3020, "op-1"), ("troop_ceiling", 14400, "op-1"),
                   ("troop_ceiling", 17000, "op-2")]


def test_chapter_vii_and_necessary_measures():
    text = (HEAD + "Recalling its authorization to use all necessary means,\n\n"
            "Acting under Chapter VII of the Charter of the United Nations,\n\n"
            "1. Authorizes MINUSCA to use all necessary means to carry out its mandate;\n\n"
            "2. Calls upon the Government to take all necessary measures to protect civilians;\n")
    (chapter,) = facts(text, "chapter_vii")
    assert chapter.value is True and chapter.paragraph == "pp-3"
    (anm,) = facts(text, "all_necessary_measures")
    assert (anm.entity, anm.paragraph) == ("MINUSCA", "op-1")


def test_chapter_viii_is_not_chapter_vii():
    assert facts(HEAD + "Acting under Chapter VIII of the Charter,\n\n1. Decides.\n", "chapter_vii") == []


def test_reporting_cycles():
    text = HEAD + ("1. Requests the Secretary-General to report every 90 days;\n\n"
                   "2. Requests the Secretary-General to report to the Council every six months;\n")
    assert [f.value for f in facts(text, "reporting_cycle")] == [{"days": 90}, {"months": 6}]


def test_operative_verbs():
    text = HEAD + "1. Further decides that;\n\n2. Strongly urges all parties;\n\n3. Calls upon all States;\n"
    assert [(f.paragraph, f.value) for f in facts(text, "operative_verb")] == [
        ("op-1", "decide"), ("op-2", "urge"), ("op-3", "call")]


def test_prose_facts_are_reported():
    text = (FIXTURES / "sources" / "globalsecurity_presstv_2025-11-07_gaza_stabilization_force.txt").read_text()
    got = {(f.kind, f.value) for f in facts(text)}
    assert got >= {("mandate_period_months", 24), ("troop_ceiling", 20000), ("all_necessary_measures", True)}
    assert all(f.reported and f.evidence in text for f in facts(text))


def test_evidence_spans_wrapped_lines_exactly():
    text = HEAD + "1. Decides to extend the mandate of\nUNMISS until 30\nApril 2025;\n"
    (fact,) = facts(text, "mandate_end")
    assert fact.value == "2025-04-30" and fact.evidence in text and "\n" in fact.evidence


def test_impossible_dates_are_not_facts():
    text = HEAD + "1. Decides to extend the mandate of UNMISS until 31 April 2025;\n"
    assert facts(text, "mandate_end") == []
