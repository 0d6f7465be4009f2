"""The bundled archive holds every real text the corpus has: each file PROVENANCE.tsv lists
is a record, byte for byte, under the document's undocs.org address — the official PDF
text layers of the resolutions 1994–2014 and of the meeting records as what they are, the
presidential statements and the Council letters — and one text per resolution (the other
layouts of a resolution stay beside the archive, said so in PROVENANCE)."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from crawler.bundle.build_warc import ARCHIVE, HERE
from crawler.warc import iter_responses


@pytest.fixture(scope="module")
def records():
    return list(iter_responses(ARCHIVE))


@pytest.fixture(scope="module")
def provenance():
    with (HERE / "PROVENANCE.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _header(record, name):
    return dict(record.headers).get(name)


def test_every_file_of_provenance_is_a_record_byte_for_byte(records, provenance):
    by_source = {_header(r, "X-Councilwatch-Rebuilt-From"): r for r in records}
    assert len(by_source) == len(records)
    beside = [row for row in provenance if "beside the archive only" in row["how"]]
    archived = [row for row in provenance if row not in beside]
    assert len(archived) == len(records) and len(beside) == 121  # 91 + 10 + 10 other layouts, 10 UNMIS texts
    for row in archived:
        record = by_source[row["corpus_file"]]
        assert record.body == (HERE / row["file"]).read_bytes(), row["file"]
        assert row["source_repo"] and row["commit"]
    for row in beside:  # its resolution is archived from another file
        number = int(row["file"].split("S_RES_")[1].split("_")[0].split(".")[0])
        assert any(f"/S/RES/{number}(" in r.url for r in records), row["file"]
    bundled = {str(p.relative_to(HERE)) for folder in ("documents", "pages") for p in (HERE / folder).rglob("*")
               if p.is_file()}
    assert bundled == {row["file"] for row in provenance}  # nothing bundled without provenance


def test_the_corpus_texts_are_all_there_under_their_undocs_addresses(records):
    layers = [r for r in records if _header(r, "X-Councilwatch-Layout") == "pdf-text-layer"]
    kinds = Counter("pv" if "/S/PV." in r.url else "res" if "/S/RES/" in r.url else "?" for r in layers)
    assert kinds == {"res": 1230, "pv": 1199}
    assert all(r.url.startswith("https://undocs.org/en/S/") for r in layers)
    by_url = {r.url: r for r in records}
    first = by_url["https://undocs.org/en/S/RES/893(1994)"]
    assert _header(first, "X-Councilwatch-Rebuilt-From") == "resolutions/un-pdf-text-layers-1994-2014/S_RES_0893_1994.txt"
    assert "https://undocs.org/en/S/PV.3326" in by_url
    assert "https://undocs.org/en/S/PV.3434" in by_url  # "unparsed_1994-3434.txt": its OCR'd header unread
    statements = [u for u in by_url if u.startswith("https://undocs.org/en/S/PRST/")]
    letters = [u for u in by_url if u.startswith("https://undocs.org/en/S/") and u[len("https://undocs.org/en/S/"):][:1].isdigit()]
    assert (len(statements), len(letters)) == (87, 75)
    assert "https://undocs.org/en/S/96/Rev.7" in letters  # the provisional rules of procedure


def test_one_text_per_resolution_the_official_layer_first(records):
    urls = Counter(r.url for r in records)
    assert max(urls.values()) == 1
    # S/RES/1244 (1999) exists as paragraph JSON and as the PDF layer: the layer is kept
    resolution = next(r for r in records if r.url == "https://undocs.org/en/S/RES/1244(1999)")
    assert _header(resolution, "X-Councilwatch-Layout") == "pdf-text-layer"
    assert b"S/RES/1244 (1999)" in resolution.body
