"""Diff-side fixes for analysts: spelling and punctuation variants are not edits, requests
to the Secretary-General pair by subject, inserted punctuation hugs its word, one date style."""
from __future__ import annotations

from models.text import parse
from models.text.diff import compare
from models.text.factdelta import facts_delta
from models.text.structure import Fact
from models.text.summary import human_value
from models.text.variants import fold, variant_chunks
from models.text.wordiff import word_diff

HEAD = "The Security Council,\n\n"


def _text(*operative: str) -> str:
    return HEAD + "\n\n".join(f"{n}. {text}" for n, text in enumerate(operative, 1))


def test_british_and_american_spellings_fold_together():
    assert fold("Organisation Stabilisation co-operation programme labour centre") == \
        fold("Organization Stabilization cooperation program labor center")
    assert fold("our four") != fold("or for")  # -our only for the listed words
    assert fold("Decides") != fold("decides")  # case still counts


def test_a_paragraph_that_only_changes_spelling_or_punctuation_is_not_edited():
    old = parse(_text("Welcomes the Organisation's co-operation with the mission;",
                      "Decides to extend the mandate until 20 December 2024;"))
    new = parse(_text("Welcomes the Organization's cooperation with the mission.",
                      "Decides to extend the mandate until 20 December 2025;"))
    result = compare(old, new)
    first, second = result.paragraphs[-2], result.paragraphs[-1]
    assert first.change == "unchanged" and first.words and first.variants  # shown only on request
    assert second.change == "edited" and not second.variants
    assert result.counts["operative"].get("edited") == 1


def test_variant_runs_are_marked_inside_real_edits():
    chunks = word_diff("the Organisation and 2024", "the Organization and 2025")
    marked = variant_chunks(chunks)
    assert [chunks[i][1].strip() for i in marked] == ["Organisation", "Organization"]


def test_inserted_comma_hugs_the_word_before_it():
    chunks = word_diff("resolutions 1493 (2003) and 1807 (2008)", "resolutions 1493 (2003), 1533 (2004) and 1807 (2008)")
    new_side = "".join(t for op, t in chunks if op != "delete")
    old_side = "".join(t for op, t in chunks if op != "insert")
    assert new_side == "resolutions 1493 (2003), 1533 (2004) and 1807 (2008)"
    assert old_side == "resolutions 1493 (2003) and 1807 (2008)"


def test_requests_pair_by_subject_not_position():
    def request(anchor, value, words):
        return Fact("sg_request", value, "Secretary-General", anchor, words)

    old = [request("op-1", "2024-06-30", "Requests the Secretary-General"),
           request("op-2", "2024-03-31", "Requests the Secretary-General")]
    new = [request("op-1", "2025-03-31", "Requests the Secretary-General"),
           request("op-2", "2025-06-30", "Requests the Secretary-General")]
    subjects = {("op-1", "old"): {"report", "drawdown", "plan", "benchmarks"},
                ("op-2", "old"): {"report", "elections", "electoral", "support"},
                ("op-1", "new"): {"report", "elections", "electoral", "support", "logistics"},
                ("op-2", "new"): {"report", "drawdown", "plan", "benchmarks"}}
    changes, _ = facts_delta(old, new, lambda a: set(), lambda a, s: a, lambda a: 0,
                             lambda a, s: frozenset(subjects[(a, s)]))
    pairs = {(c.old_paragraphs[0], c.new_paragraphs[0]) for c in changes}
    assert pairs == {("op-1", "op-2"), ("op-2", "op-1")}


def test_one_date_style_in_summaries():
    assert human_value("sg_request", "2024-06-30") == "30 June 2024"
    assert human_value("sg_request", "2024-05") == "May 2024"
