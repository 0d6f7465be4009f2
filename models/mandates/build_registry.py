"""Build `data/registry.json` from the curated list and the corpus datasets (offline).

Run by hand when the curated list or the datasets change; the project never reads
../shared at run time:

    .venv/bin/python -m models.mandates.build_registry /work/shared/corpus

Inputs (each named in data/PROVENANCE.md with its source repository and commit):
`datasets/sc-voting-1994-2026/` (every draft put to the vote 1994 – January 2026, with its
agenda item), `datasets/nklotz_unsc_resolutions_list.csv` (resolutions 1 – 2215 with a
topic), `datasets/pema/PEMA_For_Website_v4.csv` (peacekeeping mandates coded per
resolution). A curated resolution is kept only if the voting data files it under the
entity's agenda item (resolutions 893 onward, where the voting data begins).
"""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path

from .registry import agenda_matches

DATA = Path(__file__).resolve().parent / "data"
_NUMBER = re.compile(r"(\d{1,4})\s*\(\s*(\d{4})")


def _date(value) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    text = str(value or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def read_voting(corpus: Path) -> dict[int, dict]:
    """Resolution number → {year, adopted_on, agenda_item, topic} from the voting data.

    The spreadsheet's dates swap day and month for some rows (2149 (2014), adopted on 10
    April, reads 4 October); a date whose year differs from the symbol's is dropped, and a
    date is kept only where the tail CSV or an unambiguous day (> 12) confirms it."""
    import openpyxl  # only for this offline build

    out: dict[int, dict] = {}
    book = openpyxl.load_workbook(corpus / "datasets/sc-voting-1994-2026/sc_voting_oliverunv_b4aa6cb.xlsx", read_only=True)
    for row in book.worksheets[0].iter_rows(values_only=True, min_row=2):
        match = _NUMBER.search(str(row[2] or ""))
        if not match:
            continue
        day = _date(row[1])
        if day and (int(day[:4]) != int(match.group(2)) or int(day[8:]) <= 12):
            day = None  # ambiguous: day and month may be swapped
        out.setdefault(int(match.group(1)), {"year": int(match.group(2)), "adopted_on": day,
                                             "agenda_item": row[5], "topic": row[14]})
    with open(corpus / "datasets/sc-voting-1994-2026/sc_voting_tail_from_4900000.csv", encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            match = _NUMBER.search(row.get("Resolution") or "")
            if not match or not row.get("Agenda item"):
                continue
            entry = out.setdefault(int(match.group(1)), {"year": int(match.group(2)), "adopted_on": None,
                                                          "agenda_item": row["Agenda item"], "topic": None})
            entry["adopted_on"] = _date(row.get("Date")) or entry["adopted_on"]
    return out


def read_topics(corpus: Path) -> dict[int, dict]:
    """Resolution number → {year, topic} for 1 – 2215 (n-klotz/UNSC-Resolutions)."""
    out = {}
    with open(corpus / "datasets/nklotz_unsc_resolutions_list.csv", encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            try:
                out[int(row["Number"])] = {"year": int(row["Year"]), "topic": row["Topic"]}
            except (KeyError, ValueError):
                continue
    return out


def read_pema(corpus: Path) -> dict[str, dict[int, str]]:
    """PEMA mission name → {resolution number: "renew" | "adjust" | "establish"}."""
    out: dict[str, dict[int, str]] = {}
    with open(corpus / "datasets/pema/PEMA_For_Website_v4.csv", encoding="latin-1") as handle:
        for row in csv.DictReader(handle):
            match = re.match(r"S/RES/(\d+)", row.get("Signature") or "")
            if not match:
                continue
            action = "renew" if row.get("mandate_renewal") == "1" else "adjust"
            out.setdefault(row["NamePKO"].strip(), {})[int(match.group(1))] = action
    return out


_FILE_NUMBER = re.compile(r"S_RES_0*(\d+)_(\d{4})")
_TEXT_FOLDERS = ("resolutions/cr-unsc-gold-1946-2002", "resolutions/un-pdf-text-layers-1994-2014")


def _renewal_pattern(aliases: list[str]) -> re.Pattern | None:
    """ "To renew the mandate of the United Nations Disengagement Observer Force", "Decides to
    extend the mandate of UNMISS": an operative renewal (present tense, not "extended")."""
    names = [r"\s+".join(map(re.escape, a.split())) for a in aliases if len(a) >= 4]
    if not names:
        return None
    return re.compile(r"\b(?:[Tt]o\s+|[Dd]ecides\s+to\s+|)(?:renew|extend|prolong)s?\s+(?:further\s+)?(?:the\s+)?"
                      r"(?:present\s+|current\s+)?mandate\s+of\s+(?:the\s+)?(?:" + "|".join(names) + r")\b(?!\s+I)")


def read_renewals(corpus: Path, entities: list[dict]) -> dict[str, dict[int, str]]:
    """Entity id → {resolution number: corpus file} for texts in the corpus whose own words
    renew the entity's mandate (CR-UNSC gold texts 1946–1994, UN PDF text layers 1994–2014)."""
    patterns = {e["id"]: _renewal_pattern(e.get("aliases", [])) for e in entities}
    out: dict[str, dict[int, str]] = {}
    for folder in _TEXT_FOLDERS:
        for path in sorted((corpus / folder).glob("*.txt")):
            match = _FILE_NUMBER.search(path.name)
            if not match:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for entity_id, pattern in patterns.items():
                if pattern is not None and pattern.search(text):
                    out.setdefault(entity_id, {})[int(match.group(1))] = f"{folder}/{path.name}"
    return out


def build(corpus: Path) -> tuple[dict, list[str]]:
    curated = json.loads((DATA / "curated.json").read_text(encoding="utf-8"))
    voting, topics, pema = read_voting(corpus), read_topics(corpus), read_pema(corpus)
    renewals = read_renewals(corpus, curated["entities"])
    warnings: list[str] = []
    resolutions: dict[str, dict] = {}
    for number in sorted(set(voting) | set(topics)):
        v, t = voting.get(number, {}), topics.get(number, {})
        year = v.get("year") or t.get("year")
        resolutions[str(number)] = {"symbol": f"S/RES/{number} ({year})", "adopted_on": v.get("adopted_on"),
                                    "agenda_item": v.get("agenda_item") or t.get("topic"), "topic": v.get("topic"),
                                    "source": "voting data" if v else "n-klotz list"}
    entities = []
    for entity in curated["entities"]:
        known: dict[int, dict] = {}
        for number in entity.get("known", []):
            record = voting.get(number)
            if number >= 893 and record is None:
                warnings.append(f"{entity['id']}: {number} not in the voting data; dropped")
                continue
            items = [entity["agenda_item"], *entity.get("agenda_aliases", [])]
            if record is not None and not any(agenda_matches(item, record["agenda_item"]) for item in items):
                warnings.append(f"{entity['id']}: {number} is under {record['agenda_item']!r}; dropped")
                continue
            known[number] = {"number": number, "sources": ["curated; agenda item checked against the voting data"
                                                           if record else "curated"]}
        items = [entity["agenda_item"], *entity.get("agenda_aliases", [])]
        for number, path in renewals.get(entity["id"], {}).items():
            record = voting.get(number)
            if record is not None and not any(agenda_matches(item, record["agenda_item"]) for item in items):
                warnings.append(f"{entity['id']}: text {path} renews it but is under {record['agenda_item']!r}; dropped")
                continue
            item = known.setdefault(number, {"number": number, "sources": []})
            item["sources"].append(f"corpus text renews its mandate: {path}")
            item.setdefault("action", "renew")
        for number, action in pema.get(entity.get("pema") or "", {}).items():
            item = known.setdefault(number, {"number": number, "sources": []})
            item["sources"].append(f"PEMA ({action})")
            item["pema_action"] = action
            item["action"] = action
        for item in known.values():
            info = resolutions.get(str(item["number"]), {})
            item["symbol"] = info.get("symbol")
            item["adopted_on"] = info.get("adopted_on")
            if item["symbol"] is None:
                warnings.append(f"{entity['id']}: no year for {item['number']}")
        body = {k: v for k, v in entity.items() if k != "known"}
        body["known"] = [known[n] for n in sorted(known) if known[n]["symbol"]]
        entities.append(body)
    registry = {
        "about": "Built by models/mandates/build_registry.py from data/curated.json and the datasets named in "
                 "data/PROVENANCE.md; do not edit by hand.",
        "generic_phrases": curated["generic_phrases"],
        "entities": entities,
        "resolutions": resolutions,
    }
    return registry, warnings


def main(argv: list[str]) -> int:
    corpus = Path(argv[1] if len(argv) > 1 else "../shared/corpus")
    registry, warnings = build(corpus)
    for line in warnings:
        print("warning:", line, file=sys.stderr)
    (DATA / "registry.json").write_text(json.dumps(registry, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                        encoding="utf-8")
    print(f"{len(registry['entities'])} entities, {len(registry['resolutions'])} resolutions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
