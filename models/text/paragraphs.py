"""Paragraph structure of a Council text: preamble, operative part, sub-items, headings, annexes.

After "The Security Council," come preambular paragraphs ("Recalling …,"), then numbered
operative ones ("1. Decides …;") with their sub-paragraphs "(a)", "(i)", dashes and
bullets, headings ("Mandate of MINUSCA", "A", "I. Reporting") and annexes ("Annex I").
Old texts add lettered parts (A, B) each with its own "The Security Council,"; a text
with neither an opening nor numbered verbs is prose (a news report): kind "other".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .frontmatter import FrontMatter, read_adoption, read_front
from .layout import Block, blocks, classify_start, comma_number, heading_like, terminal
from .lexicon import operative_lemma
from .spans import Mapped, join_mapped
from .structure import Paragraph

_NUMBER = re.compile(r"(\d{1,3})\s?\.\s*")
_SUB = re.compile(r"\(([a-z]{1,4}|\d{1,2})\)\s*|([a-z]{1,2}|[ivx]{3,5})[.)]\s+")
_DASH = re.compile(r"[-\u2013\u2014\u2022\u00b7\u25aa\u25e6*\u25cf\uf0b7\uf0a7]\s*")
_SECTION = re.compile(r"([IVX]{1,6}|[A-H])\.?\s+(?=[A-Z\u201c])")
_PART = re.compile(r"(?:[IVX]{1,6}|[A-H])\.?")
_OPENING = re.compile(r"The\s+Security\s+Council\s*[,.:;]?\s*")
_ANNEX = re.compile(r"Annex(?:es)?\b(?:\s+[IVX\d]{1,5}\b)?")
_TRAILER = re.compile(r"Adopted\b(?:.{0,80}\bmeeting\b|\s+(?:unanimously|without\s+(?:a\s+)?vote)\s*\.?$)")
_ROMAN = re.compile(r"[ivxlc]{1,6}")
_OPEN_QUOTES = "\u201c\""
_CLOSE_QUOTES = "\u201d\""
_JUNK = "_ "
_QUOTES_OR_JUNK = _OPEN_QUOTES + _JUNK
_PHASE_KIND = {"pp": "preambular", "op": "operative", "annex": "annex"}
_LIST_STARTS = frozenset(("a", "i", "1", "aa", "A", None))
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
           "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv"]


@dataclass(slots=True)
class Item:
    """A paragraph while it is being built; `text` keeps its map to the input."""

    kind: str
    number: str | None
    text: Mapped
    marker: str = "none"  # num | letter | roman | digit | dash | none | heading
    children: list["Item"] = field(default_factory=list)
    anchor: str = ""

    def freeze(self) -> Paragraph:
        children = tuple([child.freeze() for child in self.children]) if self.children else ()
        return Paragraph(self.kind, self.number, self.text.text, self.anchor, children)

    def walk(self):
        """This item and all below it, in reading order."""
        if not self.children:
            return (self,)
        out: list[Item] = []
        stack = [self]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(reversed(item.children))
        return out


@dataclass
class Structure:
    """What `read_structure` finds: front matter, top-level items, and whether it is prose."""

    front: FrontMatter
    items: list[Item]
    prose: bool
    footnotes: list[str] = field(default_factory=list)


def _unquote(text: Mapped, press: bool) -> Mapped:
    """Drop the press-release quote before a paragraph (“Recalling …) and after the last.

    In the press form ("The full text of resolution 1919 (2010) reads as follows:") every
    paragraph opens with “ and only the last closes it; elsewhere a quote is only dropped
    when it is unbalanced.
    """
    t = text.text
    if t[:1] not in _QUOTES_OR_JUNK and t[-1:] not in _CLOSE_QUOTES:
        return text
    if t[:1] in _OPEN_QUOTES and (press or _count(t, _OPEN_QUOTES) > _count(t, _CLOSE_QUOTES) - (t[:1] == '"')):
        text = text.slice(1).strip()
        t = text.text
    if t[-1:] in _CLOSE_QUOTES and _count(t, _CLOSE_QUOTES) > _count(t, _OPEN_QUOTES) - (t[-1:] == '"'):
        text = text.slice(0, len(t) - 1).strip()
    return text.strip(_JUNK) if t[:1] in _JUNK else text


def _join_lowercase_starts(found: list[Block]) -> list[Block]:
    """An OCR page break can leave "and registered with the United Nations;" on its own."""
    out: list[Block] = []
    run: list[Block] = []  # blocks to join onto out[-1]

    def close() -> None:
        head = out[-1]
        out[-1] = Block(join_mapped([b.text for b in [head, *run]]), head.first, head.number,
                        head.lines + sum(b.lines for b in run))
        run.clear()

    for block in found:
        if out and block.text.text[:1].islower() and not block.number \
                and not terminal((run[-1] if run else out[-1]).text.text):
            run.append(block)
            continue
        if run:
            close()
        out.append(block)
    if run:
        close()
    return out


def _join_broken_items(found: list[Block]) -> list[Block]:
    """A numbered or lettered paragraph cut after a comma or mid-phrase, the rest read as a
    paragraph of its own because its first line opens with a capital: "18. Takes note of …
    the Convention on the Use, | Stockpiling, Production and Transfer …", "… the President
    of RENAMO, | Mr. Afonso Dhlakama, on 8 April 1994 …"."""
    out: list[Block] = []
    for block in found:
        prev = out[-1] if out else None
        if prev is not None and not block.number and _is_marked(prev) and _runs_on(prev) \
                and (block.first.kind == "upper" or block.first.kind in ("pp", "other") and _numbered(prev)
                     and prev.text.text.rstrip().endswith(","))\
                and not heading_like(block.text.text):
            out[-1] = Block(join_mapped([prev.text, block.text]), prev.first, prev.number, prev.lines + block.lines)
            continue
        out.append(block)
    return out


def _numbered(block: Block) -> bool:
    return bool(block.number) or block.first.kind == "num"


def _is_marked(block: Block) -> bool:
    return bool(block.number) or block.first.kind in ("num", "sub")


def _runs_on(block: Block) -> bool:
    """Ends where a paragraph cannot: after a comma, or after a word when it is more than a
    sub-heading ("(b) Neutralizing armed groups through the Intervention Brigade")."""
    text = block.text.text.rstrip()
    last = text[-1:]
    return last == "," or last.isalpha() and block.lines >= 2 and not heading_like(_SUB.sub("", text, count=1))


def _count(text: str, chars: str) -> int:
    return sum(text.count(c) for c in chars)


def _roman_next(last: str | None) -> str:
    if last in _ROMANS:
        index = _ROMANS.index(last) + 1
        return _ROMANS[index] if index < len(_ROMANS) else ""
    return "i"


def _letter_next(last: str) -> str:
    if len(set(last)) == 1 and last[-1] < "z":
        return chr(ord(last[-1]) + 1) * len(last)
    return "aa" if last == "z" else ""


class _Builder:
    """The state machine: front → preamble → operative part (→ annex), per part."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.phase = "front"
        self.current: Item | None = None  # last top-level PP/OP/annex paragraph
        self.stack: list[Item] = []  # open sub-items under current, outermost first
        self.pending: list[Item] = []  # headings waiting to see where the next item goes
        self.annex = 0
        self.numbered_at: list[int] = []  # ids of blocks that open with an operative number

    def numbered_ahead(self, block: Block) -> bool:
        """Is a numbered operative paragraph still to come? ("Expresses …" in a preamble)."""
        return bool(self.numbered_at) and self.numbered_at[-1] > self.position

    position = 0

    # placing --------------------------------------------------------------------------
    def top(self, item: Item) -> None:
        self._flush_pending(None)
        self.items.append(item)
        self.current = item
        self.stack = []

    def heading(self, item: Item) -> None:
        self.pending.append(item)

    def _flush_pending(self, parent: Item | None) -> None:
        if not self.pending:
            return
        if parent is None:
            self.items.extend(self.pending)
        else:
            for h in self.pending:
                h.kind = "heading"
                parent.children.append(h)
        self.pending = []

    def sub(self, item: Item) -> bool:
        """Nest a sub-item: sibling of the open item of its marker type, else a child."""
        if self.current is None:
            return False
        if item.marker == "ambiguous":
            item.marker = self._resolve(item.number)
        while self.stack and self.stack[-1].marker != item.marker:
            if item.marker == "dash" or not any(s.marker == item.marker for s in self.stack):
                break
            self.stack.pop()
        if self.stack and self.stack[-1].marker == item.marker:
            self.stack.pop()
        elif self.stack and item.marker != "dash" and item.number not in _LIST_STARTS \
                and not any(s.marker == item.marker for s in self.stack):
            self.stack.pop()  # "(1) … (ii) …": an OCR slip, not a new nested list
        parent = self.stack[-1] if self.stack else self.current
        if item.marker == "dash" and parent.marker == "dash" and self.stack:
            self.stack.pop()
            parent = self.stack[-1] if self.stack else self.current
        item.kind = self.current.kind
        if self.pending:
            self._flush_pending(parent)
        parent.children.append(item)
        self.stack.append(item)
        return True

    def _resolve(self, mark: str) -> str:
        """Is "(i)" the ninth letter or the first roman numeral? Ask the open lists."""
        for open_item in reversed(self.stack):
            if open_item.marker == "letter" and _letter_next(open_item.number or "") == mark:
                return "letter"
            if open_item.marker == "roman" and _roman_next(open_item.number) == mark:
                return "roman"
        return "roman" if mark in ("i", "ii", "iii") or len(mark) > 1 and mark not in ("aa", "cc", "ll", "xx") else "letter"


def _split_marker(text: Mapped, block: Block) -> tuple[str, str | None, Mapped]:
    """(marker type, number, text without the marker)."""
    t = text.text
    if block.number:
        return "num", block.number, text
    first = t[:1]
    m = _NUMBER.match(t) if first.isdigit() else None
    if m and (len(t) == m.end() or not t[m.end():m.end() + 1].islower()):
        return "num", m.group(1), text.slice(m.end())
    comma = comma_number(t) if first.isdigit() else None
    if comma:
        return "num", comma[0], text.slice(comma[1])
    m = _SUB.match(t) if first == "(" or first.islower() else None
    if m:
        mark = m.group(1) or m.group(2)
        if mark.isdigit():
            kind = "digit"
        elif _ROMAN.fullmatch(mark):
            kind = "ambiguous"
        else:
            kind = "letter"
        return kind, mark, text.slice(m.end())
    m = _DASH.match(t)
    if m and len(t) > m.end():
        return "dash", None, text.slice(m.end())
    return "none", None, text


def read_structure(source: str) -> Structure:
    """Split a text into front matter and a paragraph tree (anchors not yet set)."""
    notes: list[str] = []
    found = _join_broken_items(_join_lowercase_starts(blocks(source, notes)))
    texts = [b.text.strip() for b in found]
    press = sum(1 for t in texts if t.text[:1] in _OPEN_QUOTES) >= max(3, len(texts) // 2)
    texts = [t if t.text[:1] not in _QUOTES_OR_JUNK and t.text[-1:] not in _CLOSE_QUOTES else _unquote(t, press)
             for t in texts]
    opening_at = next((i for i, t in enumerate(texts) if _OPENING.match(t.text) and _is_opening(t.text)), None)
    resolution = opening_at is not None or _has_numbered_verbs(texts)
    builder = _Builder()
    builder.numbered_at = [i for i, (b, t) in enumerate(zip(found, texts))
                           if b.number or t.text[:1].isdigit() and (_NUMBER.match(t.text) or comma_number(t.text))]
    front_lines: list[str] = []
    if not resolution:
        for t in texts:
            if t.text:
                builder.items.append(Item("other", None, t))
        return Structure(read_front([t.text for t in texts[:8]], source[:2000]), builder.items, True, notes)
    front = FrontMatter()
    for index, (block, text) in enumerate(zip(found, texts)):
        if not text.text:
            continue
        builder.position = index
        if builder.phase == "front":
            starts_body = index == opening_at if opening_at is not None else _starts_body(text.text)
            if not starts_body:
                front_lines.append(text.text)
                continue
            if front_lines and _PART.fullmatch(front_lines[-1]) and index > 0:
                part = texts[index - 1]
                builder.items.append(Item("heading", part.text.rstrip("."), part.slice(len(part.text)), "heading"))
            builder.phase = "pp"
        if builder.phase == "post":
            if _OPENING.match(text.text) and _is_opening(text.text):
                builder.phase = "pp"
            else:
                continue
        _place(builder, block, text, front)
    front_found = read_front(front_lines, source[:3000])
    for name in ("symbol", "title", "adopted_on", "meeting"):
        if getattr(front_found, name) is None:
            setattr(front_found, name, getattr(front, name))
    builder._flush_pending(None)
    return Structure(front_found, builder.items, False, notes)


def _is_opening(text: str) -> bool:
    m = _OPENING.match(text)
    rest = text[m.end():] if m else ""
    return not rest or rest[:1].isupper() or rest[:1] in _OPEN_QUOTES


def _has_numbered_verbs(texts: list[Mapped]) -> bool:
    count = 0
    for t in texts:
        m = _NUMBER.match(t.text)
        if m and operative_lemma(t.text[m.end():].split(None, 3)[:3]) or comma_number(t.text):
            count += 1
            if count >= 2:
                return True
    return False


def _starts_body(text: str) -> bool:
    kind, _ = classify_start(text)
    return kind in ("pp", "num")


def _place(builder: _Builder, block: Block, text: Mapped, front: FrontMatter) -> None:
    t = text.text
    if t[:1] == "T" and _OPENING.match(t) and _is_opening(t):
        m = _OPENING.match(t)
        if builder.phase in ("op", "annex") or builder.items and builder.phase != "pp":
            builder.phase = "pp"
        elif builder.items and any(i.kind == "operative" for i in builder.items):
            builder.phase = "pp"
        builder.current = None
        builder.stack = []
        builder.phase = "pp"
        rest = text.slice(m.end()).strip()
        if rest.text:
            _place(builder, block, rest, front)
        return
    if builder.phase in ("op", "pp") and t[:1] == "A" and _TRAILER.match(t) and len(t) < 400:
        read_adoption(t, front)
        builder.phase = "post"
        return
    marker, number, body = _split_marker(text, block)
    if marker == "none" and builder.phase != "annex" and _ANNEX.match(t) and heading_like(t):
        builder.annex += 1
        builder.phase = "annex"
        builder.top(Item("heading", None, text, "heading"))
        return
    if marker == "none" and _is_heading(t):
        m = _SECTION.match(t) if not _PART.fullmatch(t) else None
        if _PART.fullmatch(t):
            builder.heading(Item("heading", t.rstrip("."), text.slice(len(t)), "heading"))
        elif m and len(t) > m.end():
            builder.heading(Item("heading", m.group(1), text.slice(m.end()).strip(), "heading"))
        else:
            builder.heading(Item("heading", None, text, "heading"))
        return
    kind = _PHASE_KIND[builder.phase]
    if marker == "num":
        if builder.phase == "pp":
            builder.phase, kind = "op", "operative"
        builder.top(Item(kind, number, body.strip(), "num"))
        return
    if marker in ("letter", "roman", "digit", "ambiguous", "dash"):
        item = Item(kind, number, body.strip(), marker)
        if builder.sub(item):
            return
        builder.top(Item(kind, number, body.strip(), marker))
        return
    # An unmarked paragraph.
    words = t.split(None, 3)[:3]
    if builder.phase == "op" and builder.pending and classify_start(t)[0] == "pp" \
            and any(h.number and _PART.fullmatch(h.number) for h in builder.pending):
        builder.phase, kind = "pp", "preambular"  # part "B" opens with its own preamble
    if builder.phase == "pp":
        if operative_lemma(words) and classify_start(t)[0] != "pp" and not builder.numbered_ahead(block):
            builder.phase, kind = "op", "operative"
        builder.top(Item(kind, None, text, "none"))
        return
    if builder.phase == "op" and operative_lemma(words):
        builder.top(Item("operative", None, text, "none"))
        return
    if builder.current is not None and (builder.stack or terminal(builder.current.text.text) and builder.current.text.text.endswith(":")):
        item = Item(kind, None, text, "none")
        builder.sub(item)
        return
    builder.top(Item(kind, None, text, "none"))


_QUOTED_TITLE = re.compile(r"\(\s*[\u201c\"][^()]{3,150}[\u201d\"]\s*\)|==\s*[^=]{1,60}\s*==")


def _is_heading(text: str) -> bool:
    """"Reporting", "Mandate of MINUSCA", "B", "(“Mandating the United Nations Operation in
    Côte d’Ivoire”)": short, unpunctuated, not a numbered verb."""
    if _PART.fullmatch(text) or _QUOTED_TITLE.fullmatch(text):
        return True
    if not heading_like(text):
        return False
    kind, _ = classify_start(text)
    return kind not in ("pp", "op", "num") or len(text.split()) <= 6 or _title_case(text)


def _title_case(text: str) -> bool:
    """"Countering Violent Extremism in Order to Prevent Terrorism": every word of four
    letters or more capitalised, as a heading is and a paragraph's first line is not."""
    long_words = [w for w in text.split() if len(w) >= 4]
    return len(long_words) >= 3 and all(w[:1].isupper() for w in long_words)
