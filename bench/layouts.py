"""Render a labelled resolution in the layouts councilwatch meets (benchmark/test helper).

- "web": one paragraph a line, as a UN web page gives it;
- "wrapped": hard-wrapped at 80 columns, a blank line between paragraphs;
- "pdf": a raw PDF text layer: wrapped, no blank lines, words hyphenated at line ends,
  and every 45 lines a page footer (job number, barcode) and header (symbol, page n/m).

Input is a label tree: {"kind", "number", "text", "children", "marker"?} dicts.
"""
from __future__ import annotations

import random
import textwrap
from typing import Any, Iterator

LAYOUTS = ("web", "wrapped", "pdf")
_ROMAN = set("ivxlc")


def paragraph_lines(paragraphs: list[dict[str, Any]]) -> Iterator[str]:
    """Each paragraph as the UN prints it: "3. Decides …", "(a) To …", "– …"."""
    for p in paragraphs:
        yield _with_marker(p, top=True)
        yield from _children(p.get("children", []))


def _children(children: list[dict[str, Any]]) -> Iterator[str]:
    for child in children:
        yield _with_marker(child, top=False)
        yield from _children(child.get("children", []))


def _with_marker(p: dict[str, Any], top: bool) -> str:
    number, text = p.get("number"), p["text"]
    if p["kind"] == "heading":
        if number and text:
            return f"{number}. {text}"
        return number or text
    if number is None:
        marker = p.get("marker")
        return f"{marker} {text}" if marker else text
    if top:
        return f"{number}. {text}"
    return f"({number}) {text}"


def front_lines(label: dict[str, Any]) -> list[str]:
    lines = []
    if label.get("title"):
        lines.append(label["title"])
    if label.get("adoption"):
        lines.append(label["adoption"])
    lines.append("The Security Council,")
    return lines


def render(label: dict[str, Any], layout: str, seed: int = 0) -> str:
    """The labelled text in one layout."""
    paras = front_lines(label) + list(paragraph_lines(label["paragraphs"]))
    if layout == "web":
        return "\n".join(paras) + "\n"
    if layout == "wrapped":
        return "\n\n".join(textwrap.fill(p, 80, break_long_words=False, break_on_hyphens=False) for p in paras) + "\n"
    if layout == "pdf":
        return _pdf_layer(paras, label.get("symbol") or "S/RES/0000 (0000)", random.Random(seed))
    raise ValueError(f"unknown layout {layout!r}")


def _pdf_layer(paras: list[str], symbol: str, rng: random.Random) -> str:
    lines: list[str] = []
    for p in paras:
        lines.extend(_hyphenated(p, 80, rng))
    pages = [lines[i:i + 45] for i in range(0, len(lines), 45)] or [[]]
    out: list[str] = []
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        if n > 1:
            out.append(symbol)
            out.append(f"{n}/{total}")
        out.extend(page)
        out.append("25-12345 (E)" if n == 1 else f"{n}/{total}")
        if n == 1:
            out.append("*2512345*")
    return "\n".join(out) + "\n"


def _hyphenated(text: str, width: int, rng: random.Random) -> list[str]:
    """Greedy wrap that splits long words with a hyphen, as typesetting does."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2  # space and hyphen
        if line and "-" in word[1:-1] and rng.random() < 0.7:
            head, _, tail = word.partition("-")
            if len(line) + 1 + len(head) + 1 <= width and head and tail:
                lines.append(f"{line} {head}-")
                line = tail
                continue
        if line and room >= 3 and len(word) >= 8 and word.isalpha() and rng.random() < 0.7:
            cut = min(room, len(word) - 3)
            if cut >= 3:
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def flatten(paragraphs: list[dict[str, Any]]) -> list[tuple[str, str | None, str]]:
    """(kind, number, text) of every paragraph and sub-paragraph, children taking their top kind."""
    out: list[tuple[str, str | None, str]] = []

    def walk(p: dict[str, Any], top_kind: str) -> None:
        kind = "heading" if p["kind"] == "heading" else top_kind
        out.append((kind, p.get("number"), " ".join(p["text"].split())))
        for c in p.get("children", []):
            walk(c, top_kind)

    for p in paragraphs:
        walk(p, p["kind"])
    return out


def f1(expected: list[tuple], got: list[tuple]) -> tuple[float, float, float]:
    """Precision, recall, F1 of two multisets of paragraph tuples."""
    from collections import Counter

    e, g = Counter(expected), Counter(got)
    hit = sum((e & g).values())
    p = hit / max(1, sum(g.values()))
    r = hit / max(1, sum(e.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
