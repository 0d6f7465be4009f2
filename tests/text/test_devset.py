"""The labelled dev set: texts as found (OCR gold, PDF text layers, press releases, news),
their front matter, and facts checked by hand (tests/fixtures/text/README.md)."""
from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from extraction_devset import LABELS, source_text
from factscore import invented, tally, total
from layouts import flatten, render

from models.text import parse

NATIVE = {name: lab for name, lab in LABELS.items() if lab["form"] == "text"}


def _text(label: dict) -> str:
    return render(label, "web") if label["form"] == "gold-json" else source_text(label)


@pytest.fixture(scope="module")
def parsed():
    return {name: parse(_text(lab)) for name, lab in LABELS.items()}


@pytest.mark.parametrize("name", sorted(NATIVE))
def test_native_structure(parsed, name):
    lab = NATIVE[name]
    assert flatten([p.to_json() for p in parsed[name].paragraphs]) == flatten(lab["paragraphs"])


@pytest.mark.parametrize("name", sorted(LABELS))
def test_front_matter(parsed, name):
    lab, got = LABELS[name], parsed[name]
    for field in ("symbol", "adopted_on", "meeting"):
        if lab.get(field) is not None:
            assert getattr(got, field) == lab[field], field


def test_fact_precision_and_recall(parsed):
    table = defaultdict(Counter)
    for name, lab in LABELS.items():
        want = [f for f in lab["facts"] if f["kind"] != "operative_verb"]
        have = [f.to_json() for f in parsed[name].facts if f.kind != "operative_verb"]
        tally(want, have, into=table)
    c = total(table)
    assert c["tp"] / (c["tp"] + c["fp"]) >= 0.95
    assert c["tp"] / (c["tp"] + c["fn"]) >= 0.95


def test_no_invented_dates_or_ceilings(parsed):
    for name, lab in LABELS.items():
        assert invented(lab["facts"], [f.to_json() for f in parsed[name].facts]) == [], name


def test_every_evidence_is_an_exact_substring(parsed):
    for name, lab in LABELS.items():
        text = _text(lab)
        for fact in parsed[name].facts:
            assert fact.evidence and fact.evidence in text, (name, fact)


def test_operative_verbs_match_labels(parsed):
    for name, lab in LABELS.items():
        want = [(f["paragraph"], f["value"]) for f in lab["facts"] if f["kind"] == "operative_verb"]
        have = [(f.paragraph, f.value) for f in parsed[name].facts if f.kind == "operative_verb"]
        assert have == want, name
