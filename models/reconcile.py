"""One vote from every source's figures: what each source says is kept
(`VoteObservation`), the vote shows one value per field, and every disagreement or
failed check is stored beside it (`Vote.conflicts`), values and sources named.

Which value is shown when sources disagree: the meeting record (the votes as read out)
first, then the per-member voting data, the Digital Library's MARC record, the library's
meeting table, the veto lists. The disagreement is never dropped: S/2022/431 shows
13-2-0 from the voting data with the library table's 13-0-2 beside it.

Checks that must hold (Charter, Article 27; nine affirmative votes of fifteen since the
enlargement in force on 31 August 1965, seven of eleven before):
- the tallies equal the per-member counts, where every member's vote is known;
- a veto is a permanent member's "no" with at least the required number in favour;
- adopted ⇔ at least the required number in favour and no permanent member's "no".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Sequence

#: Sources in the order their values are shown; unknown sources come last.
PRIORITY = ("meeting-record", "sc-voting-data", "undl", "dhl_meetings", "veto-list")
LABELS = {
    "meeting-record": "meeting record (votes as read out)",
    "sc-voting-data": "per-member voting data (oliverunv/Voting-Agent)",
    "undl": "UN Digital Library MARC record",
    "dhl_meetings": "UN library meeting table",
    "veto-list": "veto list (world-politics-datalab, from the UN library)",
}
FIELDS = ("meeting", "date", "draft", "resolution", "outcome", "yes", "no", "abstain", "non_voting")
VETO_SEATS = frozenset({"China", "France", "Russian Federation", "United Kingdom", "United States", "USSR"})
ENLARGED = date(1966, 1, 1)  # first meetings of the fifteen-member Council


def source_label(source: str, locator: str | None = None) -> str:
    if source == "dhl_meetings" and locator and "veto" in locator:
        return "UN library veto list"
    return LABELS.get(source, source)


def required_majority(on: date | None) -> int | None:
    """9 from 1966, 7 before; None when the date is not known."""
    if on is None:
        return None
    return 9 if on >= ENLARGED else 7


@dataclass
class Observed:
    """One source's figures for a vote (a plain copy of a VoteObservation)."""

    source: str
    locator: str
    meeting: str | None = None
    date: date | None = None
    draft: str | None = None
    resolution: str | None = None
    outcome: str | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    non_voting: int | None = None
    members: dict[str, str] | None = None
    members_complete: bool = False


@dataclass
class Reconciled:
    values: dict[str, Any]
    members: dict[str, str]
    sources: list[dict[str, Any]]
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def _rank(observed: Observed) -> tuple[int, int, str]:
    """Source priority; within one source, the fuller roll call first (a file's cut-off
    last vote names 6 members where the next file names all 15)."""
    try:
        priority = PRIORITY.index(observed.source)
    except ValueError:
        priority = len(PRIORITY)
    return priority, -len(observed.members or {}), observed.locator


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def reconcile(observations: Iterable[Observed]) -> Reconciled:
    """Values, members, sources and conflicts of one vote from its observations."""
    ordered = sorted(observations, key=_rank)
    values: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    for name in FIELDS:
        given = [(o, getattr(o, name)) for o in ordered if getattr(o, name) is not None]
        if not given:
            values[name] = None
            continue
        values[name] = given[0][1]
        distinct = {v for _, v in given}
        if name == "outcome" and distinct == {"vetoed", "not_adopted"}:
            values[name] = "vetoed"  # a veto is a non-adoption: one source says which kind
            continue
        if len(distinct) > 1:
            conflicts.append({"field": name, "values": [
                {"source": o.source, "label": source_label(o.source, o.locator), "locator": o.locator,
                 "value": _json(v)} for o, v in given]})
    members = _members(ordered, conflicts)
    sources = [{"source": o.source, "label": source_label(o.source, o.locator), "locator": o.locator}
               for o in ordered]
    result = Reconciled(values, members, sources, conflicts)
    result.conflicts.extend(check(values, members, any(o.members_complete for o in ordered)))
    return result


def _members(ordered: Sequence[Observed], conflicts: list[dict[str, Any]]) -> dict[str, str]:
    """Each member's vote: the first complete roll call's, then what partial lists add
    (the library's "vetoed by China, Russian Federation"); disagreements are conflicts."""
    said: dict[str, list[tuple[Observed, str]]] = {}
    for observed in sorted(ordered, key=lambda o: (not o.members_complete, _rank(o))):
        for member, choice in (observed.members or {}).items():
            said.setdefault(member, []).append((observed, choice))
    merged = {}
    for member, votes in sorted(said.items()):
        merged[member] = votes[0][1]
        if len({c for _, c in votes}) > 1:
            conflicts.append({"field": "member", "member": member, "values": [
                {"source": o.source, "label": source_label(o.source, o.locator), "locator": o.locator, "value": c}
                for o, c in votes]})
    return merged


def check(values: dict[str, Any], members: dict[str, str], complete: bool) -> list[dict[str, Any]]:
    """The checks that must hold, as failures ({"check": name, "detail": words})."""
    failed = []
    yes, no, abstain, outcome = values.get("yes"), values.get("no"), values.get("abstain"), values.get("outcome")
    if complete and members:
        counted = {c: sum(1 for v in members.values() if v == c) for c in "YNA"}
        for name, letter in (("yes", "Y"), ("no", "N"), ("abstain", "A")):
            if values.get(name) is not None and values[name] != counted[letter]:
                failed.append({"check": "tally", "detail": f"{name} is {values[name]} but {counted[letter]} members "
                               f"are recorded as voting {letter}"})
    vetoers = sorted(m for m, c in members.items() if c == "N" and m in VETO_SEATS)
    required = required_majority(values.get("date"))
    if outcome == "vetoed":
        if members and not vetoers:
            failed.append({"check": "veto", "detail": "vetoed, but no permanent member is recorded voting no"})
        if no == 0:
            failed.append({"check": "veto", "detail": "vetoed, but the tally has no vote against"})
        if required and yes is not None and yes < required:
            failed.append({"check": "veto", "detail": f"vetoed, but only {yes} in favour (a veto needs {required})"})
    if required and yes is not None and outcome in ("adopted", "not_adopted", "vetoed"):
        if yes < required:
            expected = "not_adopted"
        elif vetoers:
            expected = "vetoed"
        elif no == 0 or (complete and members):
            expected = "adopted"
        else:
            expected = None  # votes against from unknown members: adopted or vetoed
        if expected == "not_adopted" and outcome == "vetoed":
            expected = None  # reported above as a veto check
        if expected and expected != outcome and not (expected == "vetoed" and outcome == "not_adopted"):
            failed.append({"check": "outcome", "detail": f"recorded as {outcome.replace('_', ' ')}, but "
                           f"{yes} in favour{' and a no by ' + ', '.join(vetoers) if vetoers else ''} "
                           f"means {expected.replace('_', ' ')}"})
    return failed
