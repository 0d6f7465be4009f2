"""The same resolution read from its PDF text layer and from its web page is one version.

Every pair the corpus gives (91 resolutions, 1998–2014, in both
`un-pdf-text-layers-1994-2014` and `undocs-paragraphs-json-1948-2025`) is copied in
tests/fixtures/text/pairs (PROVENANCE.tsv). The web page is the paragraph JSON as undocs.org
lays it out (`undocs_json.web_text`). For each pair: the same version hash, the same
paragraph anchors, the same canonical text, the same facts, and a comparison of the two that
finds every paragraph unchanged.

`DIFFERENT` lists the pairs that do not yet read the same, each with what differs; the
test fails if one of them starts to agree (so the list only shrinks) or if any other
pair disagrees.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.store import text_hash
from models.text import parse
from models.text.diff import compare
from models.text.undocs_json import web_text

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "pairs"

#: symbol number → what still differs between the two readings.
DIFFERENT: dict[int, str] = {
    # the web page's JSON lost or changed text the PDF prints
    1718: "JSON drops '(e)' in 'paragraphs 8 (d) and 8 (e)'; PDF wraps '(a) (i)' onto a line of its own",
    1988: "JSON drops '(a)' and '(c)' in 'paragraph 21 (a)'",
    1998: "JSON drops '(a)' in 'paragraph 19 (a) of resolution 1882'",
    2083: "JSON drops '(a)' in 'paragraph 1 (a) of this resolution'",
    1866: "JSON reads 'outline-solid' for 'outline'",
    1265: "JSON reads 'above- mentioned'; PDF splits OP 18 at 'Stockpiling, Production …'",
    2092: "JSON splits one paragraph into three items ('(AU), | ECOWAS …')",
    2098: "JSON splits one paragraph into three items ('Peace, | Security …')",
    2171: "JSON splits '…Commission; | as well as …' into two items",
    2118: "JSON splits two preambular paragraphs at ';' that the PDF runs on",
    1244: "JSON uses straight apostrophes; annex 2 lists 'd.', 'e.' items the PDF joins; 'Other required elements'",
    1502: "'article 1 (c) | (ii)': a reference wrapped so that '(ii)' opens a line, read as a sub-item",
    # paragraph structure the PDF reader still gets wrong
    1318: "annex section numbers 'I.'…'VI.' read as empty headings",
    1483: "a sub-item's continuation ('shall freeze without delay …') joined to the sub-item",
    1540: "'Definitions for the purpose of this resolution only:' read as a heading",
    1612: "preambular 'While noting …' joined to the paragraph before",
    1701: "continuation after a sub-item list ('except that …') joined to the sub-item",
    1973: "annex table (travel ban list) read as paragraphs",
    2009: "preambular 'Also strongly condemning …' joined to the paragraph before",
    2048: "annex list entries (names, dates of birth) joined",
    2147: "heading 'Transfer of Responsibilities' joined to the paragraph before",
    2149: "heading before '(i) To take a leading role …' joined",
}


def _pairs() -> list[tuple[int, Path, Path]]:
    out = []
    for pdf in sorted(PAIRS.glob("*.pdf.txt")):
        web = PAIRS / pdf.name.replace(".pdf.txt", ".web.json")
        out.append((int(pdf.name.split("_")[2]), pdf, web))
    return out


def _anchors(parsed) -> list[str]:
    return [p.anchor for top in parsed.paragraphs for p in top.walk()]


def test_every_pair_is_here():
    assert len(_pairs()) == 91
    assert all(web.exists() for _, _, web in _pairs())


@pytest.mark.parametrize("number,pdf,web", _pairs(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_pdf_layer_and_web_page_are_one_version(number: int, pdf: Path, web: Path):
    pdf_text = pdf.read_text(encoding="utf-8")
    web_page = web_text(json.loads(web.read_text(encoding="utf-8")))
    a, b = parse(pdf_text), parse(web_page)
    same = (text_hash(a, pdf_text) == text_hash(b, web_page) and _anchors(a) == _anchors(b))
    if number in DIFFERENT:
        assert not same, f"{number} now reads the same: drop it from DIFFERENT"
        return
    assert _anchors(a) == _anchors(b)
    assert a.canonical_text().replace("\u2019", "'") == b.canonical_text().replace("\u2019", "'")
    assert text_hash(a, pdf_text) == text_hash(b, web_page)
    counts = compare(a, b).to_json()["counts"]  # and a comparison sees nothing changed
    assert all(set(by_status) == {"unchanged"} for by_status in counts.values()), counts
    assert [(f.kind, f.value, f.entity, f.paragraph) for f in a.facts] == \
        [(f.kind, f.value, f.entity, f.paragraph) for f in b.facts]
