"""`compare` on texts read by `models.text.parse`: real plain texts, as wrapped on paper.

UNIFIL 852 (1993) → 895 (1994) and UNFICYP 839 (1993) → 889 (1993), hand-corrected
texts from CR-UNSC (tests/fixtures/diff/README.md).
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

from models.text import parse
from models.text.diff import compare

FIXTURES = Path(__file__).parents[1] / "fixtures" / "diff"


def read(name: str) -> str:
    return (FIXTURES / f"S_RES_{name}_EN_GOLD.txt").read_text(encoding="utf-8")


def by_anchor(result, anchor: str):
    return next(e for e in result.paragraphs if e.new and e.new[0].anchor == anchor)


def test_unifil_renewal_read_from_plain_text():
    result = compare(parse(read("0852_1993")), parse(read("0895_1994")))
    renewal = by_anchor(result, "op-1")
    assert renewal.change == "edited"
    assert [t.strip() for op, t in renewal.words if op == "delete"] == ["interim", "January"]
    assert [t.strip() for op, t in renewal.words if op == "insert"] == ["July"]
    # OP 3 is wrapped differently, with a blank line inside it in 895: still unchanged
    assert [by_anchor(result, f"op-{n}").change for n in (2, 3, 4, 5)] == ["unchanged"] * 4
    assert by_anchor(result, "pp-1").change == "unchanged"
    [mandate] = [f for f in result.facts if f.kind == "mandate_end"]
    assert (mandate.old, mandate.new) == ("1994-01-31", "1994-07-31")
    assert (mandate.old_paragraphs, mandate.new_paragraphs) == (["op-1"], ["op-1"])
    assert "1994-01-31 → 1994-07-31" in mandate.label
    assert "extended by 6 months to 31 July 1994" in result.summary
    assert {m["field"] for m in result.metadata} >= {"symbol", "title"}


def test_unficyp_renewal_read_from_plain_text():
    result = compare(parse(read("0839_1993")), parse(read("0889_1993")))
    [mandate] = [f for f in result.facts if f.kind == "mandate_end"]
    assert (mandate.old, mandate.new) == ("1993-12-15", "1994-06-15")
    assert (mandate.old_paragraphs, mandate.new_paragraphs) == (["op-1"], ["op-1"])
    assert "extended by 6 months to 15 June 1994" in result.summary
    extension = by_anchor(result, "op-1")
    assert [t.strip() for op, t in extension.words if op == "delete"] == ["December 1993;"]


def _rewrap(text: str) -> str:
    """The same text laid out again: 50 columns, a page header, a word broken at a line end."""
    blocks = []
    for k, block in enumerate(text.split("\n\n")):
        flat = " ".join(block.split())
        blocks.append(block if re.match(r"\d/", flat) else "\n".join(textwrap.wrap(flat, 50)))
        if k == 6:
            blocks.append("S/RES/895 (1994)\n\n94-04521 (E)    2/3")
    return "\n\n".join(blocks).replace("Secretary-General", "Secretary-\nGeneral", 1).replace("'", "\u2019")


def test_relaid_text_has_no_changes():
    original = read("0895_1994")
    result = compare(parse(original), parse(_rewrap(original)))
    assert {e.change for e in result.paragraphs} == {"unchanged"}
    assert result.facts == []
