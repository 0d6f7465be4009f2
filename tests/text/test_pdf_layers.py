"""Real text layers of official UN PDFs (tests/fixtures/text/pdf_layers, PROVENANCE.tsv):
page furniture never reaches a paragraph or the version hash, footnotes stay footnotes,
operative numbering is the operative paragraphs' own, headings are headings."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from models.store import text_hash
from models.text import parse
from models.text.furniture import is_furniture_line

LAYERS = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "pdf_layers"
FILES = sorted(LAYERS.glob("*.txt"))
#: What a page's furniture leaves when it leaks: the job number in any of its glued forms,
#: a barcode, a continuation mark, a running header symbol, a reissue note.
LEAK = re.compile(r"\d{2}-\d{5}|\*\d{7}\*|/\.\.\.|Reissued for technical|S/RES/\d+ \(\d{4}\)$|^Page \d")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def texts(parsed):
    for top in parsed.paragraphs:
        for p in top.walk():
            yield p


def test_fixtures_cover_every_furniture_form():
    lines = {line.strip() for path in FILES for line in read(path).splitlines()}
    forms = {
        "job and page": r"\d{2}-\d{6}", "job, page/pages": r"\d{2}-\d{6}/\d", "page/pages, job": r"\d/\d\d{2}-\d{5}",
        "page, job": r"\d \d{2}-\d{5}", "page glued before job": r"\d{3}-\d{5}", "job (E) /...": r"\d{2}-\d{5} \(E\) /\.\.\.",
        "barcode": r"\*\d{7}\*", "reissue note": r"\* Reissued for technical reasons.*", "Page n": r"Page \d+",
        "lone asterisk": r"\*", "footnote rule": r"_{10,}",
    }
    for name, pattern in forms.items():
        assert any(re.fullmatch(pattern, line) for line in lines), name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_furniture_in_any_paragraph(path: Path):
    parsed = parse(read(path))
    for p in texts(parsed):
        assert not LEAK.search(p.text), (p.anchor, p.text[:120])
        assert not (p.number or "").count("/"), p.number
    assert not any(LEAK.search(line) for line in parsed.canonical_text().splitlines())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_operative_numbering_is_one_to_n(path: Path):
    parsed = parse(read(path))
    numbers = [p.number for p in parsed.paragraphs if p.kind == "operative"]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    anchors = [p.anchor for p in parsed.paragraphs if p.kind == "operative"]
    # a lettered part prefixes its own: "b-op-13" in part B of 918 (1994)
    assert [a.rsplit("-", 2)[-2:] for a in anchors] == [["op", str(n)] for n in range(1, len(numbers) + 1)]


def test_footnotes_kept_as_footnotes():
    notes = {path.stem: parse(read(path)).footnotes for path in FILES}
    assert notes["S_RES_0895_1994"][:2] == ["1/ S/1994/62.", "2/ S/1994/30."]
    assert notes["S_RES_1966_2010"][0].startswith("1 See Articles 1 to 8 ICTY Statute")
    assert notes["S_RES_1261_1999"] == ["* Reissued for technical reasons."]
    assert notes["S_RES_2039_2012"] == ["* Reissued for technical reasons on 19 March 2012."]


@pytest.mark.parametrize("name", ["S_RES_2056_2012", "S_RES_2170_2014", "S_RES_2195_2014"])
def test_headings_in_the_operative_part_are_headings(name: str):
    parsed = parse(read(LAYERS / f"{name}.txt"))
    headings = [p.text for p in parsed.paragraphs if p.kind == "heading"]
    assert "Reporting" in headings
    assert all(p.number for p in parsed.paragraphs if p.kind == "operative")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_page_break_anywhere_leaves_the_hash(path: Path):
    """Move a page's furniture to another line (mid-sentence) or drop it: same version.
    (The line that ends a footnote zone stays where it is: the page ends there.)"""
    text = read(path)
    lines = text.split("\n")
    furniture, after_rule = [], False
    for i, line in enumerate(lines):
        if re.fullmatch(r"_{5,}", line.strip()):
            after_rule = True  # footnotes run to the page's foot: that one stays put
        elif line.strip() and is_furniture_line(line.strip()):
            if i > 12 and not after_rule:
                furniture.append(i)
            after_rule = False
    body = [line for i, line in enumerate(lines) if i not in set(furniture)]
    original = parse(text)
    without = "\n".join(body)
    assert text_hash(parse(without), without) == text_hash(original, text)
    moved = list(body)
    for k, i in enumerate(furniture):
        at = min(len(moved), max(13, i + 7 + k))
        moved.insert(at, lines[i])
    moved_text = "\n".join(moved)
    assert text_hash(parse(moved_text), moved_text) == text_hash(original, text)


PDF_HELDOUT = LAYERS.parent / "pdf_heldout"


@pytest.mark.parametrize("label_path", sorted((PDF_HELDOUT / "labels").glob("*.json")), ids=lambda p: p.stem)
def test_hand_labelled_layers_no_invented_date_or_ceiling(label_path: Path):
    """tests/fixtures/text/pdf_heldout: a date, period or ceiling the extractor reports on a
    real PDF layer is one the hand label has (whatever its entity), quoted from the text."""
    from factscore import invented

    label = json.loads(label_path.read_text(encoding="utf-8"))
    text = (PDF_HELDOUT / label["source"]).read_text(encoding="utf-8")
    have = [f.to_json() for f in parse(text).facts if f.kind in label["kinds"]]
    assert all(f["evidence"] in text for f in have)
    assert invented(label["facts"], have) == []
