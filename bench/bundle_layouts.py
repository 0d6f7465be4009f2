"""Do the two layouts of one resolution hash alike? For each resolution the bundle holds
in two layouts (the archived one, and another kept beside the archive: PROVENANCE's
"beside the archive only"), compare `models.store.text_hash` of their parses: equal means
a database that loaded one layout gets no second version from the other.

    .venv/bin/python bench/bundle_layouts.py [-v]

Reads only the bundle's files (crawler/bundle/), not the corpus.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.store import text_hash  # noqa: E402
from models.text import parse  # noqa: E402

BUNDLE = ROOT / "crawler" / "bundle"
_NUMBER = re.compile(r"S_RES_0*(\d+)")


def _number(name: str) -> int:
    return int(_NUMBER.search(name).group(1))


def main() -> None:
    rows = list(csv.DictReader((BUNDLE / "PROVENANCE.tsv").open(encoding="utf-8"), delimiter="\t"))
    resolutions = [r for r in rows if "S_RES_" in r["file"]]
    archived = {}
    for row in resolutions:
        if "beside the archive only" not in row["how"]:
            archived.setdefault(_number(row["file"]), row["file"])
    same, differ = 0, []
    for row in resolutions:
        if "beside the archive only" not in row["how"] or _number(row["file"]) not in archived:
            continue
        kept = archived[_number(row["file"])]
        texts = [(BUNDLE / name).read_text(encoding="utf-8", errors="replace") for name in (kept, row["file"])]
        hashes = {text_hash(parse(text), text) for text in texts}
        if len(hashes) == 1:
            same += 1
        else:
            differ.append(f"{Path(kept).name} vs {Path(row['file']).name}")
    print(f"{same} of {same + len(differ)} resolutions hash alike in both layouts")
    if "-v" in sys.argv:
        print("\n".join(differ))


if __name__ == "__main__":
    main()
