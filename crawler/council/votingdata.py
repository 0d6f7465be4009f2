"""The per-member Security Council voting data (oliverunv/Voting-Agent): one row per
member per draft put to the vote, January 1994 – January 2026.

Two files, two layouts:
- `sc_voting_oliverunv_b4aa6cb.xlsx` (to 30 May 2025): Year, "Date,", Resolution, Meeting,
  Draft, Agenda item, Category, Region, "Submitted by", "Outcome results", Vote,
  "Member State", ID, Membership_Status, Topic;
- `sc_voting_tail_from_4900000.csv` (October 2024 – 27 January 2026): ID, Year, Date
  (DD/MM/YYYY), Resolution, Draft, Outcome, Agenda item, Category, Region, Vote,
  "Member State" (no meeting, no sponsors).

Source quirks handled here, each by name (`Quirk`), never silently:
- resolution and draft columns swapped ("S/2025/270" under Resolution, "S/RES/2779(2025)"
  under Draft) → swapped back;
- a missing bracket ("2785 (2025") and other spellings ("Resolution 2631 (2022)",
  "S/RES/2776/2025", no-break spaces) → read as the resolution they name;
- a draft field with line breaks ("\\n\\nS/2025/443") and remarks ("S/1995/395, orally
  revised…", "S/2015/37; S/2015/114") → the first draft symbol, the remark kept;
- malformed duplicate lines at the end of the CSV (columns shifted, a 1992 vote) → dropped;
- meetings written 3326, "S/PV.9872", "PV.8780", "S/PV9180"; 2020's votes by letter
  ("V005") have no meeting record → None, the code kept;
- dates the spreadsheet stored with day and month exchanged (6 January 1994 as
  1 June 1994): a date whose day is 12 or less is ambiguous; when the exchanged date
  fits the meeting-number order and the stored one does not, it is exchanged back.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from models.text.symbols import SymbolError, normalise_symbol

XLSX = "sc_voting_oliverunv_b4aa6cb.xlsx"
CSV = "sc_voting_tail_from_4900000.csv"

_RES = re.compile(r"(?:S/RES/)?(\d{1,4})\s*[(/]\s*(\d{4})\s*\)?", re.IGNORECASE)
_DRAFT = re.compile(r"S\s*/\s*(\d{4})\s*/\s*(\d{1,5})", re.IGNORECASE)
_MEETING = re.compile(r"^(?:S/)?PV\.?\s*(\d{3,5})$", re.IGNORECASE)
_VOTE = {"yes": "Y", "no": "N", "abstain": "A"}


@dataclass
class Quirk:
    """A source defect found and how it was read: `kind` names it, `raw` quotes it."""

    kind: str
    raw: str
    read_as: str


@dataclass
class VotingRecord:
    """One vote of the voting data (a draft put to the vote at one meeting)."""

    file: str
    row_id: str
    on: date | None
    meeting: str | None  # "S/PV.9872"; None for 2020's votes by letter
    meeting_code: str | None  # as written: "3326", "V005"
    draft: str | None
    resolution: str | None
    outcome: str  # adopted | vetoed | not_adopted
    outcome_words: str
    agenda_item: str | None
    category: str | None
    region: str | None
    topic: str | None
    sponsors: list[str]
    members: dict[str, str] = field(default_factory=dict)  # member → Y/N/A
    quirks: list[Quirk] = field(default_factory=list)

    @property
    def locator(self) -> str:
        return f"{self.file}#ID={self.row_id}"


def outcome_code(words: str) -> str:
    """"Adopted unanimously" → adopted; "Not adopted - veto" → vetoed; "Not adopted -
    failed to receive required number of votes" → not_adopted."""
    lowered = (words or "").lower()
    if "veto" in lowered:
        return "vetoed"
    if "not adopted" in lowered or "failed" in lowered:
        return "not_adopted"
    return "adopted"


def _resolution(raw, quirks: list[Quirk]) -> str | None:
    text = " ".join(str(raw or "").replace("\u00a0", " ").split())
    if not text or text.lower() == "missing":
        return None
    match = _RES.search(text)
    if not match:
        return None
    symbol = f"S/RES/{int(match.group(1))} ({match.group(2)})"
    if not re.fullmatch(r"(?:S/RES/)?\d+ ?\(\d{4}\)", text):
        quirks.append(Quirk("resolution spelling", text, symbol))
    return symbol


def _drafts(raw, quirks: list[Quirk]) -> list[str]:
    text = str(raw or "")
    found = []
    for match in _DRAFT.finditer(text):
        try:
            found.append(normalise_symbol(f"S/{match.group(1)}/{match.group(2)}"))
        except SymbolError:
            continue
    clean = " ".join(text.replace("\u00a0", " ").split())
    if found and "\n" in text:
        quirks.append(Quirk("draft field with line breaks", text, found[0]))
    elif found and clean != found[0]:
        quirks.append(Quirk("draft field", text, found[0]))
    return found


def _meeting(raw, quirks: list[Quirk]) -> tuple[str | None, str | None]:
    if raw is None or str(raw).strip() == "":
        return None, None
    if isinstance(raw, int):
        return f"S/PV.{raw}", str(raw)
    text = " ".join(str(raw).split())
    match = _MEETING.match(text)
    if match:
        symbol = f"S/PV.{int(match.group(1))}"
        if text != symbol:
            quirks.append(Quirk("meeting spelling", text, symbol))
        return symbol, text
    if text.isdigit():
        return f"S/PV.{int(text)}", text
    return None, text  # "V005": a vote by letter during 2020's remote meetings


def _swap_columns(resolution_raw, draft_raw, quirks: list[Quirk]):
    """Resolution and draft columns exchanged in some 2025 rows of the spreadsheet."""
    res_text, draft_text = str(resolution_raw or ""), str(draft_raw or "")
    if _DRAFT.fullmatch(res_text.strip()) and re.search(r"S/RES/", draft_text, re.IGNORECASE):
        quirks.append(Quirk("resolution and draft columns swapped", f"{res_text} | {draft_text}",
                            f"{draft_text} | {res_text}"))
        return draft_raw, resolution_raw
    return resolution_raw, draft_raw


def _sponsors(raw) -> list[str]:
    text = " ".join(str(raw or "").split())
    if not text:
        return []
    return [part.strip() for part in re.split(r",|;|\band\b", text) if part.strip()]


def _clean(raw) -> str | None:
    text = " ".join(str(raw or "").replace("\u00a0", " ").split())
    return text or None


def read_xlsx(path: Path) -> list[VotingRecord]:
    """The spreadsheet, one VotingRecord per ID, dates as stored (see `fix_dates`)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(h or "").strip().rstrip(",") for h in next(rows)]
        col = {name: i for i, name in enumerate(header)}
        records: dict[str, VotingRecord] = {}
        for row in rows:
            if row is None or all(v is None for v in row):
                continue
            get = lambda name: row[col[name]] if col.get(name) is not None and col[name] < len(row) else None  # noqa: E731
            row_id = str(get("ID"))
            record = records.get(row_id)
            if record is None:
                record = _record(path.name, row_id, get("Date"), get("Resolution"), get("Draft"), get("Meeting"),
                                 get("Outcome results"), get("Agenda item"), get("Category"), get("Region"),
                                 get("Topic"), get("Submitted by"))
                records[row_id] = record
            _add_member(record, get("Member State"), get("Vote"))
    finally:
        workbook.close()
    return list(records.values())


def read_csv(path: Path) -> list[VotingRecord]:
    """The CSV tail: rows whose ID is not a number or whose date is not DD/MM/YYYY are
    the malformed duplicate lines at its end, and are dropped (counted in `dropped`)."""
    records: dict[str, VotingRecord] = {}
    dropped = 0
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            row_id, raw_date = (row.get("ID") or "").strip(), (row.get("Date") or "").strip()
            if not row_id.isdigit() or not re.fullmatch(r"\d{2}/\d{2}/\d{4}", raw_date):
                dropped += 1
                continue
            on = datetime.strptime(raw_date, "%d/%m/%Y").date()
            record = records.get(row_id)
            if record is None:
                record = _record(path.name, row_id, on, row.get("Resolution"), row.get("Draft"), None,
                                 row.get("Outcome"), row.get("Agenda item"), row.get("Category"), row.get("Region"),
                                 None, None)
                records[row_id] = record
            _add_member(record, row.get("Member State"), row.get("Vote"))
    result = list(records.values())
    if dropped and result:
        result[-1].quirks.append(Quirk("malformed lines dropped", f"{dropped} lines", "not read"))
    return result


def _record(file, row_id, on, resolution_raw, draft_raw, meeting_raw, outcome_raw, agenda, category, region,
            topic, sponsors) -> VotingRecord:
    quirks: list[Quirk] = []
    resolution_raw, draft_raw = _swap_columns(resolution_raw, draft_raw, quirks)
    drafts = _drafts(draft_raw, quirks)
    meeting, code = _meeting(meeting_raw, quirks)
    if isinstance(on, datetime):
        on = on.date()
    words = _clean(outcome_raw) or ""
    return VotingRecord(
        file=file, row_id=row_id, on=on, meeting=meeting, meeting_code=code,
        draft=drafts[0] if drafts else None, resolution=_resolution(resolution_raw, quirks),
        outcome=outcome_code(words), outcome_words=words, agenda_item=_clean(agenda), category=_clean(category),
        region=_clean(region), topic=_clean(topic), sponsors=_sponsors(sponsors), quirks=quirks,
    )


def _add_member(record: VotingRecord, member, vote) -> None:
    name, choice = _clean(member), _VOTE.get((_clean(vote) or "").lower())
    if name and choice:
        record.members[name] = choice


def fix_dates(records: list[VotingRecord]) -> None:
    """Exchange day and month back where the spreadsheet read DD/MM as MM/DD.

    Meetings are numbered in date order. A date with day ≤ 12 (and day ≠ month) is
    ambiguous; it is exchanged when the exchanged date lies between the dates of the
    nearest unambiguous meetings before and after it and the stored one does not.
    """
    numbered = sorted((r for r in records if r.on and r.meeting), key=lambda r: int(r.meeting.split(".")[1]))
    sure = [(int(r.meeting.split(".")[1]), r.on) for r in numbered if not _ambiguous(r.on)]
    for record in numbered:
        if not _ambiguous(record.on):
            continue
        number = int(record.meeting.split(".")[1])
        before = max((d for n, d in sure if n <= number), default=date.min)
        after = min((d for n, d in sure if n >= number), default=date.max)
        exchanged = date(record.on.year, record.on.day, record.on.month)
        if not before <= record.on <= after and before <= exchanged <= after:
            record.quirks.append(Quirk("day and month exchanged", record.on.isoformat(), exchanged.isoformat()))
            record.on = exchanged


def _ambiguous(on: date) -> bool:
    return on.day <= 12 and on.day != on.month


def fix_resolution_years(records: list[VotingRecord], known_years: dict[int, int] | None = None) -> None:
    """"1588 (2055)", "1184 (1989)": a resolution's year is the year of its vote. When
    they differ, the year is read from the vote's date, unless another list gives the
    number another year (then the number itself is wrong: "425 (2002)") and the
    resolution is not read at all."""
    for record in records:
        match = re.match(r"^S/RES/(\d+) \((\d{4})\)$", record.resolution or "")
        if not match:
            continue
        number, year = int(match.group(1)), int(match.group(2))
        if known_years and known_years.get(number) not in (None, year):
            record.quirks.append(Quirk("resolution number belongs to another year", record.resolution, "not read"))
            record.resolution = None
            continue
        if record.on is None or year == record.on.year:
            continue
        if known_years and known_years.get(number) not in (None, record.on.year):
            record.quirks.append(Quirk("resolution number does not fit the vote's date", record.resolution, "not read"))
            record.resolution = None
            continue
        fixed = f"S/RES/{number} ({record.on.year})"
        record.quirks.append(Quirk("resolution year differs from the vote's date", record.resolution, fixed))
        record.resolution = fixed


def read_all(folder: Path, known_years: dict[int, int] | None = None) -> list[VotingRecord]:
    """Both files, the spreadsheet's dates repaired, resolution years checked against
    the vote dates (and `known_years`, number → year from another list); overlapping
    votes stay two records (two sources: the reconciliation compares them)."""
    records = read_xlsx(folder / XLSX)
    fix_dates(records)
    records += read_csv(folder / CSV)
    fix_resolution_years(records, known_years)
    return records


def quirks(records: Iterable[VotingRecord]) -> list[tuple[str, Quirk]]:
    return [(r.locator, q) for r in records for q in r.quirks]
