"""The facts delta: what a renewal changes in the numbers and the legal basis.

"mandate end: 2024-11-15 → 2025-11-15", "troop ceiling: 14,400 → 14,046",
"Chapter VII: added", "OP 7: requests → decides". Each change points at the paragraphs
it was read from on both sides. Facts are paired first through the paragraph
alignment (the same clause, a new value), then by equal value, then one for one.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .structure import Fact

#: Facts paired by what they are about (the words of their paragraphs), never by position:
#: "Requests the Secretary-General to report on the drawdown" pairs with the renewal's
#: request on the drawdown, not with whichever request happens to come first.
SUBJECT_PAIRED = frozenset({"sg_request", "reporting_cycle"})
#: How alike two paragraphs' content words must be (Jaccard) to be about one subject.
SAME_SUBJECT = 0.35

#: Facts that belong to one paragraph: compared only across aligned paragraphs, and never
#: reported as added or removed (the paragraph's own insertion or deletion says it).
PARAGRAPH_SCOPED = frozenset({"operative_verb"})

KIND_ORDER = (
    "mandate_end", "mandate_period_months", "troop_ceiling", "police_ceiling", "chapter_vii",
    "all_necessary_measures", "reporting_cycle", "sg_request", "operative_verb",
)
KIND_LABELS = {
    "mandate_end": "mandate end", "mandate_period_months": "mandate period",
    "troop_ceiling": "troop ceiling", "police_ceiling": "police ceiling",
    "chapter_vii": "Chapter VII", "all_necessary_measures": "all necessary measures",
    "reporting_cycle": "reporting cycle", "sg_request": "request to the Secretary-General",
}


@dataclass
class FactChange:
    """One fact on either side: changed, added, removed (or unchanged, kept apart)."""

    kind: str
    entity: str | None
    old: Any
    new: Any
    change: str
    label: str = ""
    old_paragraphs: list[str] = field(default_factory=list)
    new_paragraphs: list[str] = field(default_factory=list)
    old_evidence: str | None = None
    new_evidence: str | None = None
    reported: bool = False  # read from prose about a draft ("would give a two-year mandate")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "entity": self.entity, "old": self.old, "new": self.new,
            "change": self.change, "label": self.label, "reported": self.reported,
            "paragraphs": {"old": list(self.old_paragraphs), "new": list(self.new_paragraphs)},
            "evidence": {"old": self.old_evidence, "new": self.new_evidence},
        }


@dataclass
class _Group:
    """Facts with one kind, entity and value, wherever they were read."""

    kind: str
    entity: str | None
    value: Any
    reported: bool
    anchors: list[str]
    evidence: str
    value_key: str = ""

    @property
    def key(self) -> tuple:
        return (self.kind, self.entity, self.reported)


_BRITISH = re.compile(r"iz(e|es|ed|ing)$")


def _value_key(value: Any) -> str:
    """What two values are compared by; "authorizes" and "authorises" are one verb."""
    if isinstance(value, str):
        return json.dumps(_BRITISH.sub(r"is\1", value.strip().lower()))
    return json.dumps(value, sort_keys=True, default=str)


def _groups(facts: Iterable[Fact]) -> list[_Group]:
    """Facts with one kind, entity and value merged, so "Chapter VII" read in two
    paragraphs is one fact; paragraph-scoped facts stay one per paragraph."""
    groups: dict[tuple, _Group] = {}
    for fact in facts:
        value_key = _value_key(fact.value)
        key = (fact.kind, fact.entity, fact.reported, value_key)
        if fact.kind in PARAGRAPH_SCOPED:
            key += (fact.paragraph,)
        group = groups.get(key)
        if group is None:
            groups[key] = group = _Group(fact.kind, fact.entity, fact.value, fact.reported, [], fact.evidence, value_key)
        if fact.paragraph and fact.paragraph not in group.anchors:
            group.anchors.append(fact.paragraph)
    return list(groups.values())


def format_value(kind: str, value: Any) -> str:
    """A value as the label shows it: 14,400; 12 months; 2025-11-15."""
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "none"}[value]
    if isinstance(value, int):
        text = f"{value:,}"
        return f"{text} months" if kind == "mandate_period_months" else text
    if isinstance(value, dict):
        if set(value) == {"months"}:
            return f"every {value['months']} months"
        return ", ".join(f"{k} {format_value(kind, v)}" for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(kind, v) for v in value)
    return str(value)


def label(change: FactChange, describe: Callable[[str, str], str]) -> str:
    """The one-line human reading of a fact change."""
    if change.kind in PARAGRAPH_SCOPED:
        where = describe(change.new_paragraphs[0], "new") if change.new_paragraphs else change.kind
        old_where = describe(change.old_paragraphs[0], "old") if change.old_paragraphs else where
        if old_where != where:
            where = f"{where} (was {old_where})"
        return f"{where}: {format_value(change.kind, change.old)} → {format_value(change.kind, change.new)}"
    name = KIND_LABELS.get(change.kind, change.kind.replace("_", " "))
    if change.entity and change.entity.lower() not in name.lower():
        name = f"{name} ({change.entity})"
    if change.reported:
        name = f"reported {name}"
    boolean = isinstance(change.old, bool) or isinstance(change.new, bool)
    if change.change == "unchanged":
        return f"{name}: {format_value(change.kind, change.new)} (unchanged)"
    if boolean:
        return f"{name}: {'added' if change.new else 'removed'}"
    if change.change == "added":
        return f"{name}: added ({format_value(change.kind, change.new)})"
    if change.change == "removed":
        return f"{name}: removed (was {format_value(change.kind, change.old)})"
    return f"{name}: {format_value(change.kind, change.old)} → {format_value(change.kind, change.new)}"


def _make(old: _Group | None, new: _Group | None, change: str) -> FactChange:
    base = old or new
    return FactChange(
        kind=base.kind, entity=base.entity, change=change,
        old=old.value if old else None, new=new.value if new else None,
        old_paragraphs=list(old.anchors) if old else [], new_paragraphs=list(new.anchors) if new else [],
        old_evidence=old.evidence if old else None, new_evidence=new.evidence if new else None,
        reported=base.reported,
    )


def _is_change(old: _Group, new: _Group) -> str:
    if old.value_key == new.value_key:
        return "unchanged"
    if isinstance(old.value, bool) or isinstance(new.value, bool):
        return "added" if new.value else "removed"
    return "changed"


def _by_subject(olds: list[_Group], news: list[_Group], subject: Callable[[str, str], frozenset]) -> list[FactChange]:
    """Pair leftover facts whose paragraphs share enough content words, best pairs first."""
    def words(group: _Group, side: str) -> frozenset:
        return frozenset().union(*(subject(a, side) for a in group.anchors)) if group.anchors else frozenset()

    old_words = {id(o): words(o, "old") for o in olds}
    new_words = {id(n): words(n, "new") for n in news}
    scored = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            a, b = old_words[id(o)], new_words[id(n)]
            if a and b:
                score = len(a & b) / len(a | b)
                if score >= SAME_SUBJECT:
                    scored.append((-score, i, j))
    out, used_old, used_new = [], set(), set()
    for _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append(_make(olds[i], news[j], _is_change(olds[i], news[j])))
    olds[:] = [o for i, o in enumerate(olds) if i not in used_old]
    news[:] = [n for j, n in enumerate(news) if j not in used_new]
    return out


def _pair(olds: list[_Group], news: list[_Group], linked: Callable[[str], set[str]],
          subject: Callable[[str, str], frozenset] | None = None) -> list[FactChange]:
    """Pair one kind's facts: same clause first, then same value, then one for one."""
    out: list[FactChange] = []
    olds, news = list(olds), list(news)

    # the new anchors each old group's paragraphs became
    targets = {id(o): set().union(*(linked(a) for a in o.anchors)) if o.anchors else set() for o in olds}

    def aligned(o: _Group, n: _Group) -> bool:
        return not targets[id(o)].isdisjoint(n.anchors)

    for same_value_first in (True, False):
        for o in list(olds):
            for n in news:
                if aligned(o, n) and (o.value_key == n.value_key) == same_value_first:
                    out.append(_make(o, n, _is_change(o, n)))
                    olds.remove(o)
                    news.remove(n)
                    break
    scoped = olds[0].kind in PARAGRAPH_SCOPED if olds else news[0].kind in PARAGRAPH_SCOPED if news else False
    if scoped:
        return out
    for o in list(olds):
        for n in news:
            if o.value_key == n.value_key:
                out.append(_make(o, n, "unchanged"))
                olds.remove(o)
                news.remove(n)
                break
    kind = (olds or news)[0].kind if (olds or news) else ""
    if kind in SUBJECT_PAIRED:
        if subject is not None:
            out += _by_subject(olds, news, subject)
    else:
        for o, n in zip(list(olds), list(news)):
            out.append(_make(o, n, _is_change(o, n)))
            olds.remove(o)
            news.remove(n)
    out += [_make(o, None, "removed") for o in olds]
    out += [_make(None, n, "added") for n in news]
    return out


def facts_delta(
    old: Iterable[Fact], new: Iterable[Fact], linked: Callable[[str], set[str]],
    describe: Callable[[str, str], str], position: Callable[[str], int],
    subject: Callable[[str, str], frozenset] | None = None,
) -> tuple[list[FactChange], list[FactChange]]:
    """(changes, unchanged) between two fact lists.

    `linked(old_anchor)` gives the new anchors that paragraph became;
    `describe(anchor, "old"|"new")` names a paragraph ("OP 7"); `position(anchor)` orders
    changes in reading order; `subject(anchor, side)` gives a paragraph's content words,
    to pair requests and reporting cycles by what they are about.
    """
    by_key: dict[tuple, tuple[list[_Group], list[_Group]]] = {}
    for side, facts in ((0, old), (1, new)):
        for group in _groups(facts):
            by_key.setdefault(group.key, ([], []))[side].append(group)
    results: list[FactChange] = []
    for olds, news in by_key.values():
        results += _pair(olds, news, linked, subject)
    for change in results:
        change.label = label(change, describe)

    def order(change: FactChange) -> tuple:
        kind = KIND_ORDER.index(change.kind) if change.kind in KIND_ORDER else len(KIND_ORDER)
        anchors = change.new_paragraphs or change.old_paragraphs
        return (kind, change.kind, position(anchors[0]) if anchors else -1, change.entity or "")

    results.sort(key=order)
    changes = [c for c in results if c.change != "unchanged"]
    unchanged = [c for c in results if c.change == "unchanged" and c.kind not in PARAGRAPH_SCOPED]
    return changes, unchanged
