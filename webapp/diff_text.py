"""`councilwatch diff OLD NEW` without `--json`: the comparison for a terminal — the
summary, the facts that changed, then each changed paragraph with its words marked."""
from __future__ import annotations

import textwrap
from typing import Any, Iterator

_MARKS = {"insert": ("{+", "+}"), "delete": ("[-", "-]")}
_COLORS = {"insert": ("\x1b[32m", "\x1b[0m"), "delete": ("\x1b[31;9m", "\x1b[0m")}


def _label(side: dict | None) -> str:
    if not side:
        return "—"
    number = side.get("number")
    kind = "OP" if side.get("kind") == "operative" else "PP" if side.get("kind") == "preambular" else side.get("kind", "")
    return f"{kind} {number}" if number else f"{kind} ({side.get('anchor') or '?'})"


def _flatten(entries: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for entry in entries:
        yield entry
        yield from _flatten(entry.get("children") or [])


def _words(entry: dict[str, Any], color: bool) -> str:
    marks = _COLORS if color else _MARKS
    out = []
    for op, text in entry.get("words") or []:
        if op == "equal":
            out.append(text)
        else:
            start, end = marks.get(op, ("", ""))
            out.append(f"{start}{text}{end}")
    return "".join(out)


def render(result: dict[str, Any], color: bool = False, width: int = 100) -> str:
    """The comparison object of `diff --json` as plain text."""
    old, new = result.get("old") or {}, result.get("new") or {}
    lines = [f"{old.get('symbol') or '(old)'}{'@' + str(old['version']) if old.get('version') else ''} → "
             f"{new.get('symbol') or '(new)'}{'@' + str(new['version']) if new.get('version') else ''}", ""]
    lines += textwrap.wrap(result.get("summary") or "", width) + [""]
    facts = result.get("facts") or []
    lines.append(f"Facts that changed ({len(facts)}):" if facts else "Facts: no change.")
    for fact in facts:
        where = ", ".join(sorted(set(fact.get("paragraphs", {}).get("old", []) + fact.get("paragraphs", {}).get("new", []))))
        lines.append(f"  • {fact.get('label') or fact.get('kind')}" + (f"  [{where}]" if where else ""))
    changed = [e for e in _flatten(result.get("paragraphs") or []) if e.get("change") not in ("unchanged", "renumbered")]
    lines += ["", f"Paragraphs that changed ({len(changed)}):" if changed else "Paragraphs: no change."]
    for entry in changed:
        change = entry["change"]
        lines.append("")
        lines.append(f"{change.upper()}  {_label(entry.get('old'))} → {_label(entry.get('new'))}")
        if change == "edited" and entry.get("words"):
            body = _words(entry, color)
        elif change == "deleted":
            body = entry.get("old_text") or ""
        else:
            body = entry.get("new_text") or entry.get("old_text") or ""
        lines += ["    " + line for line in textwrap.wrap(body, width - 4)] if not color else ["    " + body]
    return "\n".join(lines)
