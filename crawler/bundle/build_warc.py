"""Build crawler/bundle/councilwatch-bundle.warc.gz from the bundled corpus files.

    python crawler/bundle/build_warc.py          # rewrites the archive in place

Deterministic: same files in, same bytes out (sorted records, fixed capture date,
record ids derived from URL + content). Each record carries the document's real URL:
undocs.org for resolutions, the UN library's table URL for the meeting tables, the
GlobalSecurity.org URL of the news reprint. These are captures REBUILT from corpus
files, not live fetches: headers say only what is true (Content-Type, Content-Length,
and X-Councilwatch-Rebuilt-From naming the corpus file). See README.md.
"""
from __future__ import annotations

import csv
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from crawler.warc import WarcArchive  # noqa: E402
from models.text import parse  # noqa: E402
from models.text.symbols import undocs_url  # noqa: E402

ARCHIVE = HERE / "councilwatch-bundle.warc.gz"
#: The capture date written on every record: when the bundle was assembled.
CAPTURED = datetime(2026, 12, 1, tzinfo=timezone.utc)
DHL = "https://www.un.org/depts/dhl/resguide/"
NEWS_URLS = {
    "globalsecurity_presstv_2025-11-07_gaza_stabilization_force.txt":
        "http://www.globalsecurity.org/military/library/news/2025/11/mil-251107-presstv03.htm",
}
_RESOLUTION_FILE = re.compile(r"S_RES_0*(\d+)(?:_(\d{4}))?")


def table_url(name: str) -> str:
    """The real address of a saved DHL table (the pattern its source repository fetched:
    .html before 1994 and in 2022, .htm from 1994 to 2021)."""
    if name == "scact_veto_table_en.html":
        return DHL + "scact_veto_table_en.htm"
    if name == "scact2020_covid_table_en.html":
        return DHL + "SC_2020-revised.html"
    year = int(re.search(r"scact(\d{4})", name).group(1))
    suffix = "html" if year < 1994 or year == 2022 else "htm"
    return f"{DHL}scact{year}_table_en.{suffix}"


def resolution_symbol(path: Path, text: str) -> str | None:
    """`S_RES_0186_1964_EN_GOLD.txt` → S/RES/186 (1964); a file named without the year
    (UNMIS_press_S_RES_1714.txt) takes it from the text's adoption date or citation."""
    match = _RESOLUTION_FILE.search(path.stem)
    if not match:
        return None
    number, year = int(match.group(1)), match.group(2)
    if not year:
        parsed = parse(text)
        if parsed.adopted_on:
            year = parsed.adopted_on[:4]
        else:
            cited = re.search(rf"resolution\s+{number}\s*\((\d{{4}})\)", text)
            year = cited.group(1) if cited else None
    return f"S/RES/{number} ({year})" if year else None


def _priority(path: Path) -> int:
    """The official PDF text layer first, then the paragraph-segmented undocs texts, then
    CR-UNSC gold, then the UNMIS raw texts (build_from_corpus.py already bundles one)."""
    if path.parent.name == "resolutions-pdf":
        return 0
    return 3 if path.name.startswith("UNMIS_") else 2 if "GOLD" in path.name else 1


def _layout(how: str) -> str:
    """What the body is (from PROVENANCE's "how"), said in the X-Councilwatch-Layout header."""
    if "official PDF" in how:
        return "pdf-text-layer"  # the official PDF's text layer, byte for byte
    return "paragraph-lines" if how.startswith("rendered") else "text"


def document_symbol(path: Path) -> str:
    """`S_PV_3326.txt` → S/PV.3326, `S_PRST_2004_36.txt` → S/PRST/2004/36,
    `S_1997_236.txt` → S/1997/236, `S_96_REV.7.txt` → S/96/Rev.7 (the rules of procedure)."""
    stem = path.stem
    if match := re.fullmatch(r"S_PV_(\d+)", stem):
        return f"S/PV.{int(match.group(1))}"
    if match := re.fullmatch(r"S_PRST_(\d{4})_(\d+)", stem):
        return f"S/PRST/{match.group(1)}/{int(match.group(2))}"
    if match := re.fullmatch(r"S_(\d{4})_(\d+)", stem):
        return f"S/{match.group(1)}/{int(match.group(2))}"
    if match := re.fullmatch(r"S_(\d+)_REV\.(\d+)", stem):
        return f"S/{match.group(1)}/Rev.{match.group(2)}"
    raise ValueError(f"no document symbol in the file name {path.name}")


def records() -> list[tuple[str, str, bytes, str, str]]:
    """(URL, Content-Type, body, corpus file, layout) for every bundled file, one per URL."""
    rows = {row["file"]: row for row in csv.DictReader((HERE / "PROVENANCE.tsv").open(encoding="utf-8"), delimiter="\t")}

    def text_record(url: str, path: Path) -> tuple[str, str, bytes, str, str]:
        row = rows[str(path.relative_to(HERE))]
        return url, "text/plain; charset=utf-8", path.read_bytes(), row["corpus_file"], _layout(row["how"])
    out: dict[str, tuple[str, str, bytes, str, str]] = {}
    resolutions = [*(HERE / "documents/resolutions-pdf").glob("*.txt"), *(HERE / "documents/resolutions").glob("*.txt")]
    for path in sorted(resolutions, key=lambda p: (_priority(p), p.name)):
        body = path.read_bytes()
        symbol = resolution_symbol(path, body.decode("utf-8", errors="replace"))
        if symbol is None:
            print(f"skipped (no symbol): {path.name}", file=sys.stderr)
            continue
        url = undocs_url(symbol)
        if url not in out:
            out[url] = text_record(url, path)
    for folder in ("meeting-records", "presidential-statements", "council-letters"):
        for path in sorted((HERE / "documents" / folder).glob("*.txt")):
            url = undocs_url(document_symbol(path))
            out[url] = text_record(url, path)
    for path in sorted((HERE / "pages/dhl-meetings-tables").glob("*.html")):
        url = table_url(path.name)
        out[url] = (url, "text/html", path.read_bytes(), rows[f"pages/dhl-meetings-tables/{path.name}"]["corpus_file"], "")
    for path in sorted((HERE / "documents/news").glob("*.txt")):
        url = NEWS_URLS[path.name]
        out[url] = text_record(url, path)
    return [out[url] for url in sorted(out)]


def build(target: Path = ARCHIVE) -> int:
    target.unlink(missing_ok=True)
    entries = records()
    info = {"description": "councilwatch bundle: captures rebuilt from the corpus files listed in PROVENANCE.tsv, not live fetches"}
    with WarcArchive(target, info=info, created=CAPTURED, filename=ARCHIVE.name) as archive:
        for url, media, body, corpus_file, layout in entries:
            headers = [("Content-Type", media), ("X-Councilwatch-Rebuilt-From", corpus_file)]
            if layout:
                headers.append(("X-Councilwatch-Layout", layout))
            archive.write_response(url, 200, headers, body, CAPTURED)
    return len(entries)


if __name__ == "__main__":
    print(f"{build()} records written to {ARCHIVE.relative_to(HERE.parent.parent)}")
