"""Rebuild the bundled archive's documents from ../shared/corpus (a developer's tool,
never run by the application). Usage: python crawler/bundle/build_from_corpus.py CORPUS_DIR

- the official PDF text layers of resolutions 1994–2014 and of the meeting records
  (S/PV) → copied byte for byte (form feeds, running headers, job numbers, barcodes and
  footnotes included: the text as a PDF reader gets it from undocs.org);
- undocs paragraph JSON (resolutions, presidential statements, Council letters) → one
  paragraph a line (the layout web pages give), unchanged text;
- CR-UNSC gold texts, UNMIS press-release texts and the news report → copied byte for byte;
- the UN library meeting tables → copied byte for byte (pages for the meeting-tables spider).

The archive holds one text per resolution, in this order: the official PDF text layer,
the paragraph JSON, the gold text, the UNMIS text (build_warc.py). The other layouts of the
same resolution stay beside it as files (tests and benches read them), and PROVENANCE.tsv
says so in their "how" (README.md says why).
PROVENANCE.tsv records, for each bundled file, where it came from.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_LAYERS = "resolutions/un-pdf-text-layers-1994-2014"
MEETING_RECORDS = "meeting-records-pv-1994-2014"
#: Folders of the bundle this script owns (emptied and refilled on each run).
FOLDERS = ("documents/resolutions", "documents/resolutions-pdf", "documents/meeting-records",
           "documents/presidential-statements", "documents/council-letters", "documents/news",
           "pages/dhl-meetings-tables")
_NUMBER = re.compile(r"S_RES_0*(\d+)")
#: PROVENANCE's note on a file the archive does not hold: its resolution is archived in a
#: better layout (the official PDF text layer, else the paragraph JSON).
SUPERSEDED = "; beside the archive only: the archive holds this resolution in a better layout"
#: "unparsed_1994-3434.txt": a meeting record whose OCR'd header the corpus could not
#: read ("United Natjms SfPV.3434"); the meeting number is its source file's name.
_UNPARSED_PV = re.compile(r"unparsed_\d{4}-(\d+)\.txt")


def _line(entry: dict) -> str:
    """The paragraph as a web page prints it: "1. Decides …", "(a) Requests …"."""
    text, prefix = entry["text"].strip(), (entry.get("prefix") or "").strip()
    return f"{prefix} {text}" if prefix and not text.startswith(prefix) else text


def _resolution_number(name: str) -> int | None:
    match = _NUMBER.search(name)
    return int(match.group(1)) if match else None


def meeting_record_name(name: str) -> str:
    """`S_PV_3326.txt` as is; `unparsed_1994-3434.txt` → `S_PV_3434.txt`."""
    unparsed = _UNPARSED_PV.fullmatch(name)
    return f"S_PV_{unparsed.group(1)}.txt" if unparsed else name


def main(corpus: Path) -> None:
    manifest = {row["file"]: row for row in csv.DictReader((corpus / "MANIFEST.tsv").open(), delimiter="\t")}
    rows = []

    def note(target: Path, source: Path, how: str) -> None:
        entry = manifest[str(source.relative_to(corpus))]
        rows.append([str(target.relative_to(HERE)), entry["file"], entry["source_repo"], entry["source_path"],
                     entry["commit"], how])

    for folder in FOLDERS:
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir(parents=True)

    official, segmented = set(), set()  # resolution numbers held as PDF layer, as paragraph JSON
    for path in sorted((corpus / PDF_LAYERS).glob("*.txt")):
        target = HERE / "documents/resolutions-pdf" / path.name
        shutil.copyfile(path, target)
        official.add(_resolution_number(path.name))
        note(target, path, "copied unchanged: the text layer of the official PDF")
    for path in sorted((corpus / MEETING_RECORDS).glob("*.txt")):
        target = HERE / "documents/meeting-records" / meeting_record_name(path.name)
        shutil.copyfile(path, target)
        how = "copied unchanged: the text layer of the official PDF"
        if target.name != path.name:
            how += "; renamed from the meeting number of its source file (its header is OCR the corpus could not read)"
        note(target, path, how)

    def render(path: Path, folder: str, superseded: bool = False) -> None:
        lines = [_line(entry) for entry in json.loads(path.read_text()) if entry["text"].strip()]
        target = HERE / folder / f"{path.stem}.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        note(target, path, "rendered: each JSON entry's prefix and text on its own line" + (SUPERSEDED if superseded else ""))

    for path in sorted((corpus / "resolutions/undocs-paragraphs-json-1948-2025").glob("*.json")):
        render(path, "documents/resolutions", superseded=_resolution_number(path.name) in official)
        segmented.add(_resolution_number(path.name))
    for path in sorted((corpus / "presidential-statements-json").glob("*.json")):
        render(path, "documents/presidential-statements")
    for path in sorted((corpus / "council-letters-json").glob("*.json")):
        render(path, "documents/council-letters")
    for pattern in ("resolutions/cr-unsc-gold-1946-2002/*.txt", "resolutions/unmis-renewals-uniteideas/*.txt", "news/*.txt"):
        for path in sorted(corpus.glob(pattern)):
            superseded = not pattern.startswith("news") and _resolution_number(path.name) in official | segmented
            folder = "documents/news" if pattern.startswith("news") else "documents/resolutions"
            name = path.name if "unmis" not in pattern else f"UNMIS_press_{path.name}"
            target = HERE / folder / name
            shutil.copyfile(path, target)
            note(target, path, "copied unchanged" + (SUPERSEDED if superseded else ""))
    for path in sorted((corpus / "dhl-meetings-tables").glob("*.html")):
        target = HERE / "pages/dhl-meetings-tables" / path.name
        shutil.copyfile(path, target)
        note(target, path, "copied unchanged")

    with (HERE / "PROVENANCE.tsv").open("w", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "corpus_file", "source_repo", "source_path", "commit", "how"])
        writer.writerows(rows)
    print(f"{len(rows)} files bundled")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
