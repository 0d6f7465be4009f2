"""Comparisons of two stored versions, computed once: both sides are immutable, so the
`diff --json` object of a pair is cached by the pair of text hashes (and the names the
two sides are shown under)."""
from __future__ import annotations

import json
from typing import Any

from models.documents import Version
from models.readback import parsed_version

from .caching import LRU

DEFAULT_BUDGET = 64 * 1024 * 1024  # bytes of JSON kept in memory


def side(version: Version) -> dict[str, Any]:
    document = version.document
    return {"symbol": document.symbol, "version": version.number, "title": version.title or document.title}


class ComparisonCache:
    """(old text hash, new text hash, names) → the comparison's JSON object."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self._lru = LRU(budget, size=lambda item: item[1])
        self.computed = 0

    def get(self, old: Version, new: Version) -> dict[str, Any]:
        from models.text.diff import compare

        old_ref, new_ref = side(old), side(new)
        key = (old.text_sha256, new.text_sha256, json.dumps([old_ref, new_ref], sort_keys=True))
        hit = self._lru.get(key)
        if hit is not None:
            return hit[0]
        result = compare(parsed_version(old), parsed_version(new), old_ref=old_ref, new_ref=new_ref).to_json()
        self.computed += 1
        self._lru.put(key, (result, len(json.dumps(result))))
        return result


def flatten(entries: list[dict[str, Any]], depth: int = 0):
    """Paragraph entries with their children, in reading order: (depth, entry)."""
    for entry in entries:
        yield depth, entry
        yield from flatten(entry.get("children") or [], depth + 1)
