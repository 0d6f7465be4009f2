"""One plain-language paragraph from the deltas, as an analyst would open an email.

"3 operative paragraphs added, 5 edited; mandate extended by 12 months to
15 November 2025; troop ceiling unchanged at 14,400." No model, no network.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterable, Mapping

from .factdelta import KIND_LABELS, FactChange, format_value

_CHANGE_ORDER = ("inserted", "deleted", "edited", "moved", "split", "merged", "renumbered")
_VERB = {"inserted": "added", "deleted": "deleted", "edited": "edited", "moved": "moved",
         "split": "split", "merged": "merged", "renumbered": "renumbered"}
_KIND_ORDER = ("operative", "preambular", "annex", "heading")
_KIND_NOUN = {"operative": "operative paragraph", "preambular": "preambular paragraph",
              "annex": "annex paragraph", "heading": "heading"}
_CEILINGS = ("troop_ceiling", "police_ceiling")


def long_date(iso: str) -> str:
    """'2025-11-15' → '15 November 2025' (anything else unchanged)."""
    try:
        day = date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{day.day} {day:%B} {day.year}"


_MONTH_ONLY = re.compile(r"^(\d{4})-(\d{2})$")


def human_value(kind: str, value) -> str:
    """A fact value in the summary's one date style: '2024-06-30' → '30 June 2024',
    '2024-05' → 'May 2024'; anything else as the facts delta formats it."""
    if isinstance(value, str):
        month = _MONTH_ONLY.match(value)
        if month and 1 <= int(month.group(2)) <= 12:
            return f"{date(int(month.group(1)), int(month.group(2)), 1):%B} {month.group(1)}"
        if len(value) == 10 and value[4:5] == "-":
            return long_date(value)
    return format_value(kind, value)


def _span(old: str, new: str) -> str | None:
    """'12 months' / '45 days' between two ISO dates, or None."""
    try:
        a, b = date.fromisoformat(str(old)), date.fromisoformat(str(new))
    except ValueError:
        return None
    if a > b:
        a, b = b, a
    months = (b.year - a.year) * 12 + b.month - a.month
    month_ends = (a + timedelta(days=1)).day == 1 and (b + timedelta(days=1)).day == 1
    if months and (b.day == a.day or month_ends):
        if months >= 24 and months % 12 == 0:
            return f"{months // 12} years"
        return f"{months} month{'s' * (months != 1)}"
    days = (b - a).days
    if days > 730:
        return f"about {days / 365.25:.1f} years"
    if days > 62:
        return f"about {round(days / 30.44)} months"
    return f"{days} day{'s' * (days != 1)}"


def _paragraph_clause(kind: str, counts: Mapping[str, int]) -> str | None:
    parts = [(counts.get(c, 0), _VERB[c]) for c in _CHANGE_ORDER if counts.get(c, 0)]
    if not parts:
        return None
    noun = _KIND_NOUN.get(kind, f"{kind} paragraph")
    first_n, first_verb = parts[0]
    words = [f"{first_n} {noun}{'s' * (first_n != 1)} {first_verb}"]
    words += [f"{n} {verb}" for n, verb in parts[1:]]
    return ", ".join(words)


def _fact_clause(change: FactChange) -> str:
    """One clause of the summary; a claim read from prose says so ("reported: …")."""
    clause = _plain_fact_clause(change)
    return f"reported: {clause}" if change.reported else clause


def _plain_fact_clause(change: FactChange) -> str:
    name = KIND_LABELS.get(change.kind, change.kind.replace("_", " "))
    whose = f" of {change.entity}" if change.entity else ""
    if change.kind == "mandate_end":
        if change.change == "changed":
            span = _span(change.old, change.new)
            way = "extended" if str(change.new) > str(change.old) else "shortened"
            by = f" by {span}" if span else ""
            return f"mandate{whose} {way}{by} to {long_date(change.new)}"
        if change.change == "added":
            return f"mandate{whose} now ends on {long_date(change.new)}"
        if change.change == "removed":
            return f"end date of the mandate{whose} ({long_date(change.old)}) removed"
        return f"mandate{whose} still ends on {long_date(change.new)}"
    if change.kind in _CEILINGS:
        label = f"{name}{' for ' + change.entity if change.entity else ''}"
        if change.change == "unchanged":
            return f"{label} unchanged at {format_value(change.kind, change.new)}"
        if change.change == "changed":
            way = "raised" if change.new > change.old else "lowered"
            return f"{label} {way} from {format_value(change.kind, change.old)} to {format_value(change.kind, change.new)}"
        if change.change == "added":
            return f"{label} set at {format_value(change.kind, change.new)}"
        return f"{label} removed (was {format_value(change.kind, change.old)})"
    if change.kind in ("chapter_vii", "all_necessary_measures"):
        what = "acting under Chapter VII" if change.kind == "chapter_vii" else "authorization of all necessary measures"
        return f"{what}{' for ' + change.entity if change.entity else ''} {'added' if change.change == 'added' else 'removed'}"
    if change.kind == "mandate_period_months":
        old, new = format_value(change.kind, change.old), format_value(change.kind, change.new)
        return {"changed": f"mandate period{whose} changed from {old} to {new}",
                "added": f"mandate period{whose} set at {new}",
                "removed": f"mandate period{whose} ({old}) removed"}.get(change.change, change.label)
    if change.kind == "operative_verb":
        return change.label
    label = name + (f" ({change.entity})" if change.entity and change.entity.lower() not in name.lower() else "")
    old, new = human_value(change.kind, change.old), human_value(change.kind, change.new)
    return {"changed": f"{label}: {old} → {new}", "added": f"{label}: added ({new})",
            "removed": f"{label}: removed (was {old})"}.get(change.change, change.label)


def summarize(
    counts: Mapping[str, Mapping[str, int]], changes: Iterable[FactChange],
    unchanged: Iterable[FactChange], metadata: Iterable[Mapping[str, object]] = (),
) -> str:
    """The summary paragraph: paragraph counts by kind, then the facts that matter.

    `counts` is {kind: {change: n}}; unchanged mandate end and ceilings are said too.
    """
    clauses: list[str] = []
    kinds = sorted(counts, key=lambda k: (_KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER), k))
    for kind in kinds:
        clause = _paragraph_clause(kind, counts[kind])
        if clause:
            clauses.append(clause)
    changes, unchanged = list(changes), list(unchanged)
    # A ceiling kept at one figure while another figure of it went or came (a phased
    # drawdown ended, a new phase added) is one clause: "unchanged at 11,500 (13,500 dropped)".
    kept = {(c.kind, c.entity): c for c in unchanged if c.kind in _CEILINGS}
    side_notes: dict[tuple, list[str]] = {}
    for change in changes:
        key = (change.kind, change.entity)
        if key in kept and change.change in ("added", "removed"):
            value = change.new if change.change == "added" else change.old
            side_notes.setdefault(key, []).append(
                f"{format_value(change.kind, value)} {'added' if change.change == 'added' else 'dropped'}")
    verbs = [c for c in changes if c.kind == "operative_verb"]
    for change in changes:
        key = (change.kind, change.entity)
        if change.kind != "operative_verb" and not (key in kept and change.change in ("added", "removed")):
            clauses.append(_fact_clause(change))
    if verbs:
        shown = ", ".join(c.label for c in verbs[:3])
        more = f" and {len(verbs) - 3} more" if len(verbs) > 3 else ""
        clauses.append(f"operative verb{'s' * (len(verbs) != 1)} changed: {shown}{more}")
    for change in unchanged:
        if change.kind in _CEILINGS or change.kind == "mandate_end":
            notes = side_notes.get((change.kind, change.entity))
            clauses.append(_fact_clause(change) + (f" ({' and '.join(notes)})" if notes else ""))
    if not clauses:
        fields = [str(m.get("field")) for m in metadata]
        if fields:
            return f"Same text; only the {', '.join(fields)} changed."
        return "No changes: the two texts are the same, layout aside."
    text = "; ".join(clauses)
    return text[0].upper() + text[1:] + "."
