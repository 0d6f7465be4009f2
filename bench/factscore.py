"""Scoring extracted facts against hand-checked labels, for bench/extraction.py and the
label tests alike: per-kind true/false positives and negatives, and invented values."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Callable, Iterable

#: Kinds whose value a parser could make up: a date, a period, a ceiling.
VALUE_KINDS = frozenset({"mandate_end", "mandate_period_months", "troop_ceiling", "police_ceiling"})


def fact_key(f: dict) -> tuple:
    """Strict: (kind, value, entity, paragraph)."""
    return f["kind"], json.dumps(f["value"], sort_keys=True), f.get("entity"), f.get("paragraph")


def value_key(f: dict) -> tuple:
    """By value: (kind, value, paragraph), whatever entity was named."""
    return f["kind"], json.dumps(f["value"], sort_keys=True), f.get("paragraph")


def tally(want: Iterable[dict], have: Iterable[dict], key: Callable[[dict], tuple] = fact_key,
          into: dict[str, Counter] | None = None) -> dict[str, Counter]:
    """kind → Counter(tp, fp, fn), added into `into` when given."""
    table = into if into is not None else defaultdict(Counter)
    wanted, got = Counter(map(key, want)), Counter(map(key, have))
    for k in set(wanted) | set(got):
        tp = min(wanted[k], got[k])
        table[k[0]].update(tp=tp, fp=got[k] - tp, fn=wanted[k] - tp)
    return table


def total(table: dict[str, Counter]) -> Counter:
    return sum(table.values(), Counter())


def invented(want: Iterable[dict], have: Iterable[dict]) -> list[dict]:
    """Facts of VALUE_KINDS whose (kind, value) no label has: made-up dates or ceilings."""
    wanted = {(f["kind"], json.dumps(f["value"], sort_keys=True)) for f in want}
    return [f for f in have if f["kind"] in VALUE_KINDS
            and (f["kind"], json.dumps(f["value"], sort_keys=True)) not in wanted]


def mismatches(want: Iterable[dict], have: Iterable[dict], key: Callable[[dict], tuple] = fact_key) -> list[tuple[str, tuple]]:
    """("MISSING" | "EXTRA  ", key) for each key whose counts differ, for --verbose."""
    wanted, got = Counter(map(key, want)), Counter(map(key, have))
    return [("MISSING" if wanted[k] > got[k] else "EXTRA  ", k) for k in set(wanted) | set(got) if wanted[k] != got[k]]
