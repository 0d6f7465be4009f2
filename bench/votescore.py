"""Votes read from meeting records (models.text.meeting_record) against the per-member
voting dataset of the corpus (datasets/sc-voting-1994-2026, `sc_voting_oliverunv_*.xlsx`).

A vote of the dataset is (meeting, draft) with one row per member: Yes / No / Abstain.
A vote read from a record is matched on (meeting, draft), else (meeting, resolution).
Member names are matched as printed → as the dataset spells them ("United Kingdom of
Great Britain and Northern Ireland" → "United Kingdom", "Syrian Arab Republic" → "Syria").
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

_VOTE = {"Yes": "in_favour", "No": "against", "Abstain": "abstaining"}
_SKIP = frozenset("united republic of the and arab people's democratic islamic federal plurinational bolivarian state".split())


def load_dataset(path: Path) -> dict[tuple[int, str], dict]:
    """(meeting, draft) → {"resolution", "outcome", "members": {name: side}}."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    votes: dict[tuple[int, str], dict] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        _year, _date, resolution, meeting, draft, *_rest = row
        outcome, vote, member = row[9], row[10], row[11]
        if not meeting or not draft or vote not in _VOTE or not member:
            continue
        try:
            key = (int(meeting), _draft_key(str(draft)))
        except ValueError:
            continue
        entry = votes.setdefault(key, {"resolution": resolution, "outcome": outcome, "members": {}})
        entry["members"][str(member).strip()] = _VOTE[vote]
    return votes


def _draft_key(draft: str) -> str:
    return re.sub(r"\s+", "", draft).upper()


def _fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z'-]+", name) if w not in _SKIP]
    return words[0] if words else name


def match_member(printed: str, members: list[str]) -> str | None:
    """The dataset's spelling of a member name as printed in a record."""
    key = _fold(printed)
    exact = [m for m in members if _fold(m) == key]
    if exact:
        return exact[0]
    near = [m for m in members if key.startswith(_fold(m)) or _fold(m).startswith(key)]
    return near[0] if len(near) == 1 else None


def score(records: list[tuple[str, object]], dataset: dict[tuple[int, str], dict]) -> dict:
    """Per-member and per-vote agreement of the records' votes with the dataset."""
    by_meeting: dict[int, list[tuple[str, dict]]] = defaultdict(list)
    for (meeting, draft), entry in dataset.items():
        by_meeting[meeting].append((draft, entry))
    out = {"records": len(records), "votes_read": 0, "votes_matched": 0, "votes_all_right": 0,
           "member_votes": 0, "member_votes_right": 0, "dataset_votes": 0, "dataset_votes_found": 0,
           "wrong": []}
    for name, record in records:
        meeting = record.meeting
        expected = by_meeting.get(meeting, [])
        out["dataset_votes"] += len(expected)
        found_drafts = set()
        for vote in record.votes:
            out["votes_read"] += 1
            entry = None
            if vote.draft:
                entry = dataset.get((meeting, _draft_key(vote.draft)))
            if entry is None and vote.resolution:
                entry = next((e for d, e in expected if str(e["resolution"] or "").replace(" ", "")
                              == vote.resolution.replace(" ", "")), None)
            if entry is None:
                continue
            found_drafts.add(id(entry))
            out["votes_matched"] += 1
            members = list(entry["members"])
            got: dict[str, str] = {}
            for side in ("in_favour", "against", "abstaining"):
                for printed in getattr(vote, side):
                    m = match_member(printed, members)
                    got[m or printed] = side
            right = sum(1 for m, side in entry["members"].items() if got.get(m) == side)
            out["member_votes"] += len(entry["members"])
            out["member_votes_right"] += right
            if right == len(entry["members"]) and len(got) == len(entry["members"]):
                out["votes_all_right"] += 1
            else:
                out["wrong"].append((name, vote.draft, {m: (s, got.get(m)) for m, s in entry["members"].items()
                                                        if got.get(m) != s}))
        out["dataset_votes_found"] += sum(1 for _, e in expected if id(e) in found_drafts)
    return out
