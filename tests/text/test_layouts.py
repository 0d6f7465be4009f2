"""The same resolution in three layouts gives the same paragraphs back (dev set, gold JSON)."""
from __future__ import annotations

from collections import Counter

import pytest
from extraction_devset import LABELS
from layouts import LAYOUTS, flatten, render

from models.text import parse

GOLD = {name: lab for name, lab in LABELS.items() if lab["form"] == "gold-json"}


def _paragraphs(text: str) -> list[tuple]:
    return flatten([p.to_json() for p in parse(text).paragraphs])


@pytest.fixture(scope="module")
def parsed() -> dict[tuple[str, str], list[tuple]]:
    return {(name, layout): _paragraphs(render(lab, layout)) for name, lab in GOLD.items() for layout in LAYOUTS}


def test_dev_set_is_big_enough():
    assert len(LABELS) >= 40
    assert len(GOLD) >= 30


@pytest.mark.parametrize("layout", LAYOUTS)
def test_paragraph_f1_per_layout(parsed, layout):
    hit = want = got = 0
    for name, lab in GOLD.items():
        expected = Counter(flatten(lab["paragraphs"]))
        have = Counter(parsed[(name, layout)])
        hit += sum((expected & have).values())
        want += sum(expected.values())
        got += sum(have.values())
    precision, recall = hit / got, hit / want
    assert 2 * precision * recall / (precision + recall) >= 0.98


def test_layouts_agree_paragraph_for_paragraph(parsed):
    """Web and wrapped renderings give identical lists; the PDF layer nearly always does."""
    same_pdf = 0
    for name in GOLD:
        web, wrapped, pdf = (parsed[(name, layout)] for layout in LAYOUTS)
        assert len(web) == len(wrapped), name
        agree = sum((Counter(web) & Counter(wrapped)).values()) / max(1, len(web))
        assert agree >= 0.97, name
        same_pdf += pdf == web
    assert same_pdf >= 0.7 * len(GOLD)


@pytest.mark.parametrize("name", ["S_RES_2749_2024", "S_RES_1773_2007", "S_RES_2631_2022", "S_RES_2742_2024"])
def test_short_renewals_identical_in_every_layout(name):
    lab = GOLD[name]
    expected = flatten(lab["paragraphs"])
    for layout in LAYOUTS:
        assert _paragraphs(render(lab, layout)) == expected, layout


def test_canonical_text_does_not_depend_on_layout():
    lab = GOLD["S_RES_2749_2024"]
    texts = {parse(render(lab, layout)).canonical_text() for layout in LAYOUTS}
    assert len(texts) == 1


def test_facts_do_not_depend_on_layout():
    lab = GOLD["S_RES_2709_2023"]
    seen = []
    for layout in LAYOUTS:
        text = render(lab, layout)
        facts = parse(text).facts
        for fact in facts:
            assert fact.evidence in text
        seen.append(sorted((f.kind, str(f.value), f.entity or "", f.paragraph or "") for f in facts
                           if f.kind != "operative_verb"))
    assert seen[0] == seen[1] == seen[2]
