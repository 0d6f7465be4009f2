"""Stable in-page ids: "pp-3", "op-7", "op-7-a", "op-7-a-i", "h-2", "annex-1-4", "p-5".

Unique within a text: a second part (resolution 161 (1961) B) prefixes "b-"; anything
else that would repeat gets "-2", "-3".
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .paragraphs import Item


def assign_anchors(items: list["Item"]) -> None:
    """Set `anchor` on every item and its descendants, in reading order."""
    used = _Used()
    counts = {"preambular": 0, "operative": 0, "heading": 0, "other": 0, "annex": 0}
    annex = 0
    part = 0
    seen_operative = False
    for item in items:
        if item.kind == "preambular" and seen_operative:
            part += 1
            seen_operative = False
            counts["preambular"] = counts["operative"] = 0
        prefix = f"{chr(ord('a') + part)}-" if 0 < part < 26 else (f"part{part + 1}-" if part else "")
        if item.kind == "operative":
            seen_operative = True
        if item.kind == "heading" and item.text.text.lower().startswith("annex"):
            annex += 1
            counts["annex"] = 0
        counts[item.kind if item.kind in counts else "other"] += 1
        n = counts[item.kind if item.kind in counts else "other"]
        if item.kind == "preambular":
            base = f"{prefix}pp-{n}"
        elif item.kind == "operative":
            base = f"{prefix}op-{item.number or n}"
        elif item.kind == "heading":
            base = f"h-{n}"
        elif item.kind == "annex":
            base = f"annex-{max(annex, 1)}-{item.number or 'p' + str(n)}"
        else:
            base = f"p-{n}"
        item.anchor = _unique(base, used)
        _children(item, used)


def _children(parent: "Item", used: "_Used") -> None:
    position = 0
    for child in parent.children:
        position += 1
        if child.kind == "heading":
            base = f"{parent.anchor}-h{position}"
        else:
            base = f"{parent.anchor}-{child.number or position}"
        child.anchor = _unique(base, used)
        if child.children:
            _children(child, used)


class _Used:
    """Anchors taken so far, and for each base the last suffix tried (so that 140 000
    repeats of "(a)" cost linear time, not a rescan of "-2", "-3" … for every one)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.last: dict[str, int] = {}


def _unique(base: str, used: _Used) -> str:
    """`base`, else the first free `base-2`, `base-3` … (taken anchors stay taken)."""
    anchor = base
    n = used.last.get(base, 1)
    while anchor in used.taken:
        n += 1
        anchor = f"{base}-{n}"
    used.last[base] = n
    used.taken.add(anchor)
    return anchor
