"""The hand-labelled held-out set (tests/fixtures/text/heldout): 27 resolutions whose facts
were written by hand from reading the text, before the extractor was run on them."""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from factscore import invented, tally, total
from layouts import render

from models.text import parse

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "heldout"
LABELS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((HELDOUT / "labels").glob("*.json"))}


def _text(label: dict) -> str:
    if label["form"] == "gold-json":
        return render(label, "web")
    return (HELDOUT / label["source"]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed():
    return {name: parse(_text(lab)) for name, lab in LABELS.items()}


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
    table = defaultdict(Counter)
    for name in LABELS:
        tally(LABELS[name]["facts"], _labelled(name, parsed[name]), into=table)
    c = total(table)
    assert c["tp"] / (c["tp"] + c["fp"]) >= 0.95, c
    assert c["tp"] / (c["tp"] + c["fn"]) >= 0.95, c


def test_no_invented_dates_periods_or_ceilings(parsed):
    for name, lab in LABELS.items():
        assert invented(lab["facts"], [f.to_json() for f in parsed[name].facts]) == [], name


def test_every_evidence_is_an_exact_substring(parsed):
    for name, lab in LABELS.items():
        text = _text(lab)
        for fact in parsed[name].facts:
            assert fact.evidence and fact.evidence in text, (name, fact)
