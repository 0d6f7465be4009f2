"""Read UN EOSG's paragraph-segmented resolution JSON into a ParsedText.

The files (un-mandates-housekeeping, `public/data/paragraphs/S_RES_2709(2023).json`) are
lists of `{text, type, paragraph_type, paragraph_level, prefix, action_verb, …}`: a
"title" ("Resolution 2709 (2023)"), "frontmatter" ("Adopted by the Security Council at
its 9476th meeting, on 15 November 2023"), "heading", and "paragraph" items, operative
ones with `prefix` "30." at level 1, "(a)" at 2, "(i)" at 3, "–" at 5.

Only structure is read, plus `operative_verb` facts from `action_verb`; the other facts
are the parser's business.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Iterable

from .structure import Fact, Paragraph, ParsedText

_TITLE = re.compile(r"^Resolution\s+(\d+)\s*\((\d{4})\)", re.IGNORECASE)
_SUB_HEADING = re.compile(r"^(\([a-z]{1,5}\))\s")
_ADOPTED = re.compile(r"at its (\d+)\w*\s+meeting,?\s+on\s+(\d{1,2}\s+\w+\s+\d{4})", re.IGNORECASE)


class _Node:
    def __init__(self, kind: str, number: str | None, text: str, level: int, verb: str | None = None):
        self.kind, self.number, self.text, self.level, self.verb = kind, number, text, level, verb
        self.children: list[_Node] = []

    def freeze(self, anchor: str, facts: list[Fact]) -> Paragraph:
        if self.verb and self.kind == "operative" and self.verb.lower() in self.text.lower():
            start = self.text.lower().index(self.verb.lower())
            facts.append(Fact("operative_verb", self.verb.lower(), None, anchor, self.text[start:start + len(self.verb)]))
        kids = []
        for k, child in enumerate(self.children, 1):
            slug = re.sub(r"[^0-9a-z]+", "", (child.number or "").lower()) or str(k)
            kids.append(child.freeze(f"{anchor}-{slug}", facts))
        return Paragraph(self.kind, self.number, self.text, anchor, tuple(kids))


def _clean_number(prefix: str | None) -> str | None:
    if not prefix:
        return None
    first = prefix.split()[0].strip()
    return first[:-1] if first.endswith(".") and first[:-1].isdigit() else first


def load(items: Iterable[dict[str, Any]]) -> ParsedText:
    """A ParsedText from the items of one paragraph JSON file."""
    parsed = ParsedText()
    tops: list[_Node] = []
    stack: list[_Node] = []
    operative = False
    for item in items:
        text = " ".join((item.get("text") or "").split())
        kind = item.get("type")
        if not text or kind == "footer":
            continue
        if kind == "title":
            match = _TITLE.match(text)
            if match:
                parsed.symbol = f"S/RES/{int(match.group(1))} ({match.group(2)})"
            parsed.title = text
            continue
        if kind == "frontmatter":
            match = _ADOPTED.search(text)
            if match:
                parsed.meeting = int(match.group(1))
                try:
                    parsed.adopted_on = datetime.strptime(match.group(2), "%d %B %Y").date().isoformat()
                except ValueError:
                    pass
            elif text.rstrip(",.:") in ("The Security Council", "Le Conseil de sécurité"):
                tops.append(_Node("opening", None, text, 0))
            continue
        if kind == "heading":
            if operative and stack and _SUB_HEADING.match(text):
                marker = _SUB_HEADING.match(text)
                stack[0].children.append(_Node(stack[0].kind, marker.group(1), text[marker.end():].strip(), 2))
                stack = stack[:1]
                continue
            tops.append(_Node("heading", None, text, 0))
            continue
        if text.rstrip(",.:") == "The Security Council":
            tops.append(_Node("opening", None, text, 0))
            continue
        number = _clean_number(item.get("prefix"))
        level = item.get("paragraph_level")
        if item.get("paragraph_type") == "operative" and level == 1:
            operative = True
            node = _Node("operative", number, text, 1, item.get("action_verb"))
            tops.append(node)
            stack = [node]
            continue
        if (level or 0) >= 2 and stack:
            node = _Node(stack[0].kind, number, text, level)
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1] if stack else tops[-1]).children.append(node)
            stack.append(node)
            continue
        if operative and stack:
            stack[-1].children.append(_Node(stack[0].kind, number, text, 99))
            continue
        node = _Node("preambular" if not operative else "other", number, text, 1)
        tops.append(node)
        stack = [node]
    facts: list[Fact] = []
    pp = 0
    for node in tops:
        if node.kind == "preambular":
            pp += 1
            anchor = f"pp-{pp}"
        elif node.kind == "operative":
            anchor = f"op-{node.number}"
        else:
            anchor = ""
        parsed.paragraphs.append(node.freeze(anchor, facts) if anchor else node.freeze("", []))
    parsed.facts = facts
    return parsed


def load_file(path) -> ParsedText:
    """`load` on a file path."""
    import json

    with open(path, encoding="utf-8") as handle:
        return load(json.load(handle))


def web_text(items: Iterable[dict[str, Any]]) -> str:
    """The page undocs.org shows for these items, as text: one item a line, each with
    its printed marker ("12.", "(a)", "–"); footers (the "-----" end mark, footnotes)
    left out, as a reader of the page leaves them."""
    lines = []
    for item in items:
        text = " ".join((item.get("text") or "").split())
        if not text or item.get("type") == "footer":
            continue
        prefix = " ".join((item.get("prefix") or "").split())
        lines.append(f"{prefix} {text}" if prefix and not text.startswith(prefix) else text)
    return "\n".join(lines) + "\n"
