"""Compare two drafts as a negotiator reads them: paragraph by paragraph, then the facts.

`compare(old, new)` returns data, never HTML: the web page, the email and
`councilwatch diff --json` render the same `Comparison.to_json()`.

Preambular and operative paragraphs are aligned separately (headings and other parts
each on their own), by content: an OP inserted at position 3 is one insertion and the
OPs after it are "renumbered". Sub-paragraphs, "(a)", "(i)", dashes, are compared inside
their parent. Title, symbol and date lines are metadata, never paragraph edits.

Entry shapes (`paragraphs[]`): `change` is one of unchanged, renumbered, edited,
inserted, deleted, moved (with non-empty `words` when moved *and* edited), split, merged.
`old` / `new` are `{kind, number, anchor}` or null; for split (one old → several new) and
merged (several old → one new), `old`/`new` hold the first paragraph of the group and
`others` the rest of it, each with its `text`; `old_text` / `new_text` are the whole
group's texts joined by newlines, and `words` diffs those joined texts.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Iterable

from .align import Link, Unit, align
from .factdelta import FactChange, facts_delta
from .structure import Paragraph, ParsedText
from .summary import summarize
from .tokens import bag, keys, shown_words
from .variants import variant_chunks
from .wordiff import Chunk, diff_words, word_diff

_STREAMS = ("preambular", "operative")

# Lines a converted document carries that are metadata or page furniture, not text.
_METADATA_LINE = re.compile(
    r"^(?:resolution\s+\d+\s*\(\d{4}\)"
    r"|S/RES/\d+\s*\(\d{4}\)(?:/\w+\.\d+)*"
    r"|S/\d{4}/\d+(?:/\w+\.\d+)*"
    r"|adopted\s+by\s+the\s+security\s+council\b.*"
    r"|distr\.?:?(?:\s*general)?|general|limited|united\s+nations|united|nations|security\s+council"
    r"|original:\s*\w+|\d{1,2}\s+[a-z]+\s+\d{4}|<!--.*-->|[-_*|=\s]+|\d{2}-\d{5}.*|\d{1,3}\s*/\s*\d{1,3}"
    r"|\*\d+\*|page\s+\d+(?:\s+of\s+\d+)?)\s*[.,]?$",
    re.IGNORECASE,
)


def is_metadata_line(paragraph: Paragraph) -> bool:
    """"Resolution 2709 (2023)", "Adopted by the Security Council at its 9476th meeting,
    on 15 November 2023", "Distr.: General", "23-22495 (E)": metadata, not paragraphs."""
    if paragraph.kind in _STREAMS or paragraph.children:
        return False
    return bool(_METADATA_LINE.match(" ".join(paragraph.text.split())))


def _number(number: str | None) -> str:
    return (number or "").strip().strip("().").replace(" ", "").lower()


def _ref(paragraph: Paragraph | None) -> dict[str, Any] | None:
    if paragraph is None:
        return None
    return {"kind": paragraph.kind, "number": paragraph.number, "anchor": paragraph.anchor}


@dataclass
class ParagraphChange:
    """One entry of the paragraph diff: what became of one (or a group of) paragraphs."""

    change: str
    kind: str
    old: list[Paragraph] = field(default_factory=list)
    new: list[Paragraph] = field(default_factory=list)
    words: list[Chunk] = field(default_factory=list)
    text_changed: bool = False
    children: list["ParagraphChange"] = field(default_factory=list)
    #: indices of `words` chunks that are spelling or punctuation variants only
    variants: list[int] = field(default_factory=list)

    @property
    def old_text(self) -> str | None:
        return "\n".join(p.text for p in self.old) if self.old else None

    @property
    def new_text(self) -> str | None:
        return "\n".join(p.text for p in self.new) if self.new else None

    def walk(self):
        """This entry, then its children's entries, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        others = self.old[1:] if len(self.old) > 1 else self.new[1:]
        return {
            "change": self.change,
            "old": _ref(self.old[0] if self.old else None),
            "new": _ref(self.new[0] if self.new else None),
            "others": [dict(_ref(p), text=p.text) for p in others],
            "old_text": self.old_text,
            "new_text": self.new_text,
            "words": [[op, text] for op, text in self.words],
            "text_changed": self.text_changed,
            "variants": list(self.variants),
            "children": [c.to_json() for c in self.children],
        }


@dataclass
class Comparison:
    """The result of `compare`: paragraph entries, facts delta, summary, metadata."""

    old: dict[str, Any]
    new: dict[str, Any]
    paragraphs: list[ParagraphChange]
    facts: list[FactChange]
    unchanged_facts: list[FactChange]
    metadata: list[dict[str, Any]]
    summary: str
    counts: dict[str, dict[str, int]]

    def to_json(self) -> dict[str, Any]:
        """The `diff --json` object (DESIGN.md, "Command-line contract")."""
        return {
            "old": dict(self.old),
            "new": dict(self.new),
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "facts": [f.to_json() for f in self.facts],
            "facts_unchanged": [f.to_json() for f in self.unchanged_facts],
            "summary": self.summary,
            "metadata": list(self.metadata),
            "counts": {k: dict(v) for k, v in self.counts.items()},
        }


class _Units:
    """Comparison keys, words and word bags of paragraphs, computed once per text."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, ...]] = {}
        self._words: dict[str, list[tuple[str, str]]] = {}
        self._units: dict[int, tuple[Paragraph, Unit]] = {}
        self._bag_words: dict[str, str] = {}

    def own(self, paragraph: Paragraph) -> tuple[str, ...]:
        found = self._keys.get(paragraph.text)
        if found is None:
            found = self._keys[paragraph.text] = tuple(keys(paragraph.text))
        return found

    def words(self, paragraph: Paragraph) -> list[tuple[str, str]]:
        """The paragraph's words as written, each with the whitespace after it."""
        found = self._words.get(paragraph.text)
        if found is None:
            found = self._words[paragraph.text] = shown_words(paragraph.text)
        return found

    def unit(self, paragraph: Paragraph) -> Unit:
        found = self._units.get(id(paragraph))
        if found is None:
            own_bag = bag(self.own(paragraph), self._bag_words)
            if paragraph.children:
                # Its sub-paragraphs' units first: the words of the whole subtree, in
                # reading order, are the paragraph's own then each child's subtree.
                children = [self.unit(child) for child in paragraph.children]
                signature = (self.own(paragraph),) + tuple(chain.from_iterable(c.signature for c in children))
                whole = Counter(own_bag)
                for child in children:
                    whole.update(child.bag)
                unit = Unit(signature, whole, own_bag)
            else:
                unit = Unit((self.own(paragraph),), own_bag)
            # the paragraph is kept with its unit, so its id is not reused while cached
            found = self._units[id(paragraph)] = (paragraph, unit)
        return found[1]


def _stream(paragraph: Paragraph) -> str:
    return paragraph.kind if paragraph.kind in _STREAMS else f"other:{paragraph.kind}"


def _one_sided(paragraph: Paragraph, change: str) -> ParagraphChange:
    """An inserted or deleted paragraph, its sub-paragraphs inserted or deleted with it."""
    side = {"old": [paragraph]} if change == "deleted" else {"new": [paragraph]}
    children = [_one_sided(c, change) for c in paragraph.children]
    return ParagraphChange(change, paragraph.kind, text_changed=True, children=children, **side)


def _entry(link: Link, old: list[Paragraph], new: list[Paragraph], units: _Units) -> ParagraphChange:
    olds, news = [old[i] for i in link.old], [new[j] for j in link.new]
    kind = (news or olds)[0].kind
    if not olds or not news:
        return _one_sided(olds[0] if olds else news[0], "deleted" if olds else "inserted")
    old_children = [c for p in olds for c in p.children]
    new_children = [c for p in news for c in p.children]
    children = compare_paragraphs(old_children, new_children, units)
    if len(olds) > 1 or len(news) > 1:
        # Cut or joined: a change of text only if words changed besides the cut.
        words = word_diff("\n".join(p.text for p in olds), "\n".join(p.text for p in news))
        text_changed = bool(words) or any(c.text_changed for c in children)
        return ParagraphChange("split" if len(news) > 1 else "merged", kind, olds, news, words, text_changed, children)
    text_changed = units.unit(olds[0]).signature != units.unit(news[0]).signature
    o, n = olds[0], news[0]
    own_equal = units.own(o) == units.own(n)
    words = [] if own_equal else diff_words(units.own(o), units.words(o), units.own(n), units.words(n))
    variants = variant_chunks(words) if words else []
    if variants and len(variants) == sum(op != "equal" for op, _ in words):
        own_equal = True  # only spelling or punctuation differs: not an edit
    child_changes = {c.change for c in children}
    if not link.in_order:
        change = "moved"
    elif not own_equal or child_changes - {"unchanged", "renumbered"}:
        change = "edited"
    elif _number(o.number) != _number(n.number) or "renumbered" in child_changes:
        change = "renumbered"
    else:
        change = "unchanged"
    if own_equal and variants and change in ("unchanged", "renumbered"):
        text_changed = any(c.text_changed for c in children)
    return ParagraphChange(change, kind, [o], [n], words, text_changed, children, variants)


def compare_paragraphs(old: list[Paragraph], new: list[Paragraph], units: _Units | None = None) -> list[ParagraphChange]:
    """Entries for two paragraph lists (a document's, or one paragraph's children), in
    reading order of the new text; deleted paragraphs stand where they stood."""
    units = units or _Units()
    entries: list[tuple[tuple, ParagraphChange]] = []
    new_pos_of_old: dict[int, int] = {}
    pending: list[tuple[int, ParagraphChange]] = []
    for stream in dict.fromkeys(_stream(p) for p in old + new):
        old_idx = [k for k, p in enumerate(old) if _stream(p) == stream]
        new_idx = [k for k, p in enumerate(new) if _stream(p) == stream]
        links = align([units.unit(old[k]) for k in old_idx], [units.unit(new[k]) for k in new_idx])
        for link in links:
            link = Link(tuple(old_idx[i] for i in link.old), tuple(new_idx[j] for j in link.new),
                        link.similarity, link.exact, link.in_order)
            entry = _entry(link, old, new, units)
            if link.new:
                for i in link.old:
                    new_pos_of_old[i] = link.new[0]
                entries.append(((link.new[0], 0, 0), entry))
            else:
                pending.append((link.old[0], entry))
    # A deleted paragraph stands right after the new place of the old paragraph before it.
    after, last = [], -1
    for i in range(len(old)):
        after.append(last)
        last = new_pos_of_old.get(i, last)
    for old_pos, entry in pending:
        entries.append(((after[old_pos], 1, old_pos), entry))
    entries.sort(key=lambda item: item[0])
    return [entry for _, entry in entries]


def _side(ref: dict | None, parsed: ParsedText) -> dict[str, Any]:
    if ref is not None:
        return {"symbol": ref.get("symbol"), "version": ref.get("version"), "title": ref.get("title")}
    return {"symbol": parsed.symbol, "version": None, "title": parsed.title}


def _metadata(old: ParsedText, new: ParsedText, old_side: dict, new_side: dict) -> list[dict[str, Any]]:
    """Title, symbol, adoption date and meeting that differ: {field, old, new}."""
    def norm(value: Any) -> str | None:
        return " ".join(str(value).split()) if value is not None else None

    out = []
    for name in ("symbol", "title", "adopted_on", "meeting"):
        a = getattr(old, name) if getattr(old, name) is not None else old_side.get(name)
        b = getattr(new, name) if getattr(new, name) is not None else new_side.get(name)
        if norm(a) != norm(b):
            out.append({"field": name, "old": a, "new": b})
    return out


def _anchor_links(entries: Iterable[ParagraphChange]) -> dict[str, set[str]]:
    links: dict[str, set[str]] = {}
    for top in entries:
        for entry in top.walk():
            for o in entry.old:
                if o.anchor:
                    links.setdefault(o.anchor, set()).update(n.anchor for n in entry.new if n.anchor)
    return links


def _names(parsed: ParsedText) -> tuple[dict[str, str], dict[str, int]]:
    """"op-36-a" → "OP 36(a)", and each anchor's place in reading order."""
    names: dict[str, str] = {}
    order: dict[str, int] = {}
    pp = 0

    def visit(p: Paragraph, prefix: str | None) -> None:
        nonlocal pp
        if prefix is None:
            if p.kind == "preambular":
                pp += 1
                name = f"PP {p.number or pp}"
            elif p.kind == "operative":
                name = f"OP {_number(p.number) or '?'}"
            else:
                name = p.kind
        else:
            name = f"{prefix}({_number(p.number)})" if p.number else prefix
        if p.anchor:
            names.setdefault(p.anchor, name)
            order.setdefault(p.anchor, len(order))
        for child in p.children:
            visit(child, name)

    for top in parsed.paragraphs:
        visit(top, None)
    return names, order


def _texts(parsed: ParsedText) -> dict[str, Paragraph]:
    """Every paragraph (and sub-paragraph) by anchor."""
    return {p.anchor: p for top in parsed.paragraphs for p in top.walk() if p.anchor}


def _counts(entries: Iterable[ParagraphChange]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for entry in entries:
        per_kind = counts.setdefault(entry.kind, {})
        per_kind[entry.change] = per_kind.get(entry.change, 0) + 1
    return counts


def compare(old: ParsedText, new: ParsedText, *, old_ref: dict | None = None, new_ref: dict | None = None) -> Comparison:
    """Compare two parsed texts: paragraph entries in reading order, the facts delta, a summary.

    `old_ref` / `new_ref` ({symbol, version, title}) name the stored versions compared;
    without them the texts' own symbol and title are used, with version None.
    """
    units = _Units()
    old_body = [p for p in old.paragraphs if not is_metadata_line(p)]
    new_body = [p for p in new.paragraphs if not is_metadata_line(p)]
    entries = compare_paragraphs(old_body, new_body, units)
    links = _anchor_links(entries)
    old_names, old_order = _names(old)
    new_names, new_order = _names(new)

    def describe(anchor: str, side: str) -> str:
        return (new_names if side == "new" else old_names).get(anchor, anchor)

    def position(anchor: str) -> int:
        return new_order.get(anchor, old_order.get(anchor, -1))

    texts = {"old": _texts(old), "new": _texts(new)}

    def subject(anchor: str, side: str) -> frozenset:
        paragraph = texts[side].get(anchor)
        if paragraph is None:
            return frozenset()
        unit = units.unit(paragraph)
        return frozenset(unit.own_bag if unit.own_bag is not None else unit.bag)

    changes, unchanged = facts_delta(old.facts, new.facts, lambda a: links.get(a, set()), describe, position, subject)
    old_side, new_side = _side(old_ref, old), _side(new_ref, new)
    metadata = _metadata(old, new, old_side, new_side)
    counts = _counts(entries)
    summary = summarize(counts, changes, unchanged, metadata)
    return Comparison(old_side, new_side, entries, changes, unchanged, metadata, summary, counts)
