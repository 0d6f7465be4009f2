"""Rebuild the bundled archive's documents from ../shared/corpus (a developer's tool,
never run by the application). Usage: python crawler/bundle/build_from_corpus.py CORPUS_DIR

- undocs paragraph JSON → one paragraph a line (the layout web pages give), unchanged text;
- CR-UNSC gold texts, UNMIS press-release texts and the news report → copied byte for byte;
- the UN library meeting tables → copied byte for byte (pages for the meeting-tables spider).
PROVENANCE.tsv records, for each bundled file, where it came from.
"""
from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _line(entry: dict) -> str:
    """The paragraph as a web page prints it: "1. Decides …", "(a) Requests …"."""
    text, prefix = entry["text"].strip(), (entry.get("prefix") or "").strip()
    return f"{prefix} {text}" if prefix and not text.startswith(prefix) else text


def main(corpus: Path) -> None:
    manifest = {row["file"]: row for row in csv.DictReader((corpus / "MANIFEST.tsv").open(), delimiter="\t")}
    rows = []

    def note(target: Path, source: str, how: str) -> None:
        entry = manifest[source]
        rows.append([str(target.relative_to(HERE)), source, entry["source_repo"], entry["source_path"], entry["commit"], how])

    for folder in ("documents/resolutions", "documents/news", "pages/dhl-meetings-tables"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir(parents=True)

    for path in sorted((corpus / "resolutions/undocs-paragraphs-json-1948-2025").glob("*.json")):
        lines = [_line(entry) for entry in json.loads(path.read_text()) if entry["text"].strip()]
        target = HERE / "documents/resolutions" / f"{path.stem}.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        note(target, str(path.relative_to(corpus)), "rendered: each JSON entry's prefix and text on its own line")
    for pattern in ("resolutions/cr-unsc-gold-1946-2002/*.txt", "resolutions/unmis-renewals-uniteideas/*.txt", "news/*.txt"):
        for path in sorted(corpus.glob(pattern)):
            folder = "documents/news" if pattern.startswith("news") else "documents/resolutions"
            name = path.name if "unmis" not in pattern else f"UNMIS_press_{path.name}"
            target = HERE / folder / name
            shutil.copyfile(path, target)
            note(target, str(path.relative_to(corpus)), "copied unchanged")
    for path in sorted((corpus / "dhl-meetings-tables").glob("*.html")):
        target = HERE / "pages/dhl-meetings-tables" / path.name
        shutil.copyfile(path, target)
        note(target, str(path.relative_to(corpus)), "copied unchanged")

    with (HERE / "PROVENANCE.tsv").open("w", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "corpus_file", "source_repo", "source_path", "commit", "how"])
        writer.writerows(rows)
    print(f"{len(rows)} files bundled")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
