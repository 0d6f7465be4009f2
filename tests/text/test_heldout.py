"""The hand-labelled held-out set (tests/fixtures/text/heldout): 27 resolutions whose facts
were written by hand from reading the text, before the extractor was run on them."""
from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from layouts import render

from models.text import parse

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "heldout"
LABELS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((HELDOUT / "labels").glob("*.json"))}
VALUE_KINDS = {"mandate_end", "mandate_period_months", "troop_ceiling", "police_ceiling"}


def _text(label: dict) -> str:
    if label["form"] == "gold-json":
        return render(label, "web")
    return (HELDOUT / label["source"]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed():
    return {name: parse(_text(lab)) for name, lab in LABELS.items()}


def _key(fact: dict) -> tuple:
    return fact["kind"], json.dumps(fact["value"], sort_keys=True), fact["entity"], fact["paragraph"]


def _labelled(name: str, parsed_text) -> list[dict]:
    kinds = set(LABELS[name]["kinds"])
    return [f.to_json() for f in parsed_text.facts if f.kind in kinds]


def test_every_source_has_provenance_and_a_label():
    with open(HELDOUT / "PROVENANCE.tsv", newline="") as fh:
        rows = {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}
    sources = {f"sources/{p.name}" for p in (HELDOUT / "sources").iterdir()}
    assert len(LABELS) >= 25
    assert sources == set(rows) == {lab["source"] for lab in LABELS.values()}
    for row in rows.values():
        assert row["source_repo"] and len(row["commit"]) == 40


def test_none_of_them_is_in_the_dev_set():
    dev = (HELDOUT.parent / "PROVENANCE.tsv").read_text()
    for lab in LABELS.values():
        assert Path(lab["source"]).name not in dev


def test_fact_precision_and_recall(parsed):
    tp = fp = fn = 0
    for name in LABELS:
        want = Counter(_key(f) for f in LABELS[name]["facts"])
        have = Counter(_key(f) for f in _labelled(name, parsed[name]))
        tp += sum((want & have).values())
        fp += sum((have - want).values())
        fn += sum((want - have).values())
    assert tp / (tp + fp) >= 0.95, (tp, fp, fn)
    assert tp / (tp + fn) >= 0.95, (tp, fp, fn)


def test_no_invented_dates_periods_or_ceilings(parsed):
    for name, lab in LABELS.items():
        wanted = {(f["kind"], json.dumps(f["value"])) for f in lab["facts"]}
        for fact in parsed[name].facts:
            if fact.kind in VALUE_KINDS:
                assert (fact.kind, json.dumps(fact.value)) in wanted, (name, fact)


def test_every_evidence_is_an_exact_substring(parsed):
    for name, lab in LABELS.items():
        text = _text(lab)
        for fact in parsed[name].facts:
            assert fact.evidence and fact.evidence in text, (name, fact)
