"""From an input text's lines to its paragraphs' text, whatever the layout.

Handles what a PDF text layer or a web page gives: hard-wrapped lines, words split by a
line-end hyphen ("peace-\\nkeeping"), page furniture and footnotes (see `furniture`:
"S/RES/1663 (2006)", "06-28361 (E)", "*0628361*", "2/8", "12-240012"), paragraphs
separated by blank lines, by a first-line indent or not at all, one paragraph a line, and an operative number the PDF put after its first line.
Every block keeps a map back to the input (see `spans`), so facts can quote it exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .furniture import Furniture, is_furniture_line, prints_own_hyphens, starts_note
from .lexicon import COMPOUND_FIRST, operative_lemma, opens_preambular
from .spans import Builder, Mapped

_NUMBER = re.compile(r"(\d{1,3})\s?\.(?=\s|[A-Z\u201c\"(])")
_NUMBER_ONLY = re.compile(r"(\d{1,3})\s?\.$")
_NUMBER_COMMA = re.compile(r"(\d{1,3}),?\s+(?=[A-Z][a-z])")
_SUB = re.compile(r"\(([a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)(?=\s|[A-Za-z\u201c\"])|([a-z]{1,2}|[ivx]{3,5})[.)](?=\s)")
_DASH = re.compile(r"[-\u2013\u2014\u2022\u00b7\u25aa\u25e6*\u25cf\uf0b7\uf0a7](?=\s)")
_OPENING = re.compile(r"The\s+Security\s+Council\b")
_FIRST_WORD = re.compile(r"\S*")
_DASH_FIRST = "-\u2013\u2014\u2022\u00b7\u25aa\u25e6*\u25cf\uf0b7\uf0a7"  # what _DASH opens with
_OPENING_ONLY = re.compile(r"The\s+Security\s+Council\s*[,.:;]?")
_QUOTES = "\u201c\u201d\"\u2018\u2019'"
_TERMINAL = re.compile(r"[,;:.!?][\u201d\u2019\"')\]]*(?:\s\d{1,3})?$")
_SPACES = re.compile(r"\s{2,}|[^\S ]")
_SPLIT_WORD = re.compile(r"[A-Za-z]*-[ \t]*(?:\r\n|\n|\r|\f)[ \t]*[A-Za-z]+")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_HEADING_MAX = 120
_MARKER = re.compile(r"^(?:\(\w{1,5}\)|\d{1,3}\.|[A-Z]\.|[IVX]{1,5}\.)\s*")
_LOWER_SECOND = re.compile(r"\S+\s+[a-z]")
_ENDS_LIKE_HEADING = re.compile(r"[A-Za-z0-9)]$")
_FUNCTION_WORDS = frozenset(
    "the a an of and or at to in for by with on from as that its their his her this these which "
    "under into upon between among than be is are was were has have shall should will would "
    "including inter alia".split()
)


@dataclass(slots=True)
class Line:
    """One input line: its text without surrounding blanks, where it starts, its indent."""

    text: str
    start: int
    indent: int
    gap: str = ""  # "hard": blank line before; "soft": only page furniture before
    kind: str = ""
    number: str | None = None
    cut: int = -1  # where a footnote reference was taken out of `text` ("Outcome,1")
    cut_len: int = 0


@dataclass(slots=True)
class Block:
    """A paragraph candidate: its mapped text and how its first line looked."""

    text: Mapped
    first: Line
    number: str | None = None  # an operative number the layout put on a line of its own
    lines: int = 1


def marked_lines(source: str, notes: list[str] | None = None) -> list[Line]:
    """The input's lines with their offsets, blank lines and page furniture dropped, each
    noting what stood before it (gap) and how it opens (kind, number). Footnotes go to
    `notes` (one entry a note, its lines joined), not into the text."""
    out: list[Line] = []
    furniture_of = Furniture(source)
    blank = furniture = False
    pos = 0
    for raw in source.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip()
        start = pos
        pos += len(raw)
        if not stripped:
            blank = True
            continue
        what = furniture_of.kind(stripped)
        if what:
            if what == "note" and notes is not None:
                if notes and not starts_note(stripped) and not notes[-1].endswith("."):
                    notes[-1] = f"{notes[-1]} {stripped}"
                else:
                    notes.append(stripped)
            furniture = True
            continue
        lead = len(body) - len(body.lstrip())
        indent = 0 if not lead else len(body[:lead].expandtabs(8)) if lead < 200 else 200
        kind, number = classify_start(stripped)
        out.append(Line(stripped, start + lead, indent, "soft" if furniture else ("hard" if blank else ""), kind, number))
        blank = furniture = False
    if notes:
        _cut_note_references(out, notes)
    return out


_NOTE_NUMBER = re.compile(r"(\d{1,2})/?\s")
_NOTE_REFERENCE = re.compile(r"(?<!\bAdd\.)(?<!\bRev\.)(?<!\bCorr\.)(?:(?<=[a-z])|(?<=[a-z][,.;:\u2019\u201d)]))(\d{1,2})(?=[\s,.;:]|$)")


def _cut_note_references(lines: list[Line], notes: list[str]) -> None:
    """Take out the footnote numbers a PDF text layer glues to the word they follow
    ("the 2005 World Summit Outcome,1", "the State of Kuwait1 and"): only numbers of
    footnotes the text has, one a line."""
    numbers = {m.group(1) for m in map(_NOTE_NUMBER.match, notes) if m}
    if not numbers:
        return
    for line in lines:
        if not line.text[-1:].isdigit() and not any(c.isdigit() for c in line.text):
            continue
        for m in _NOTE_REFERENCE.finditer(line.text):
            if m.group(1) in numbers:
                line.cut, line.cut_len = m.start(), m.end() - m.start()
                line.text = line.text[:m.start()] + line.text[m.end():]
                break


def is_furniture(text: str) -> bool:
    """A page header or footer line: symbol, job number, barcode, page number."""
    return is_furniture_line(text)


def classify_start(text: str) -> tuple[str, str | None]:
    """How a line opens: a number, a sub-item marker, a dash, the opening, an opener word."""
    head = text.lstrip(_QUOTES)
    first = head[:1]
    if first.isdigit():  # each pattern below can only match from its own first character
        m = _NUMBER_ONLY.fullmatch(head)
        if m:
            return "numonly", m.group(1)
        m = _NUMBER.match(head)
        if m:
            return "num", m.group(1)
        comma = comma_number(head)
        if comma:
            return "num", comma[0]
    elif first == "(" or first.islower():
        m = _SUB.match(head)
        if m:
            return "sub", m.group(1) or m.group(2)
    elif first in _DASH_FIRST:
        if _DASH.match(head):
            return "dash", None
    elif first == "T" and _OPENING.match(head):
        return "open", None
    if not first.isupper() and not first.isspace():
        return "other", None  # no opener word below starts in lower case or a digit
    words = head.split(None, 3)[:3]
    if words and words[0][:1].isupper():
        if opens_preambular(words[0], words[1] if len(words) > 1 else ""):
            return "pp", None
        if operative_lemma(words):
            return "op", None
    return ("upper" if first.isupper() else "other"), None


def comma_number(text: str) -> tuple[str, int] | None:
    """OCR's "4, Extends once more the stationing …" or a PDF's "13 Urges all States …" for
    "4. Extends …": (number, where the text starts), only when an operative verb follows."""
    m = _NUMBER_COMMA.match(text)
    if m and operative_lemma(text[m.end():].split(None, 3)[:3]):
        return m.group(1), m.end()
    return None


def terminal(text: str) -> bool:
    """Ends as a paragraph ends: with , ; : . ! ? (maybe then a quote or footnote mark)."""
    return bool(_TERMINAL.search(text[-16:]))


def heading_like(text: str) -> bool:
    """Short, unpunctuated, capitalised: "Mandate of MINUSCA", "Annex I", "B"."""
    if len(text) > _HEADING_MAX or terminal(text) or not text[:1].isupper():
        return False
    words = text.split()
    return len(words) <= 16 and not (words[-1].islower() and words[-1] in _FUNCTION_WORDS)


def _width(lines: list[Line]) -> int:
    lengths = sorted(len(line.text) for line in lines)
    if not lengths:
        return 80
    return lengths[int(len(lengths) * 0.85)] if len(lengths) >= 20 else lengths[-1]


class _Grouper:
    """Decides, line by line, where a paragraph starts."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.width = _width(lines)
        self.web = self.width > 130
        self.next_number = 1
        self.last_letter = self.last_roman = self.last_digit = ""

    def starts(self, i: int, prev: Line, prev_heading: bool, block: list[Line]) -> bool:
        cur = self.lines[i]
        if cur.gap == "hard" or cur.kind == "open":
            return True
        if prev.kind == "open" and _OPENING_ONLY.fullmatch(prev.text.strip(_QUOTES)):
            return True
        first = cur.text.lstrip(_QUOTES)[:1]
        if self.web:
            return not (first.islower() and not terminal(prev.text))
        if prev_heading and not first.islower():
            return True
        if first.islower() and cur.kind == "other":
            return False  # a wrapped line going on: no rule below starts a paragraph here
        next_word = _FIRST_WORD.match(cur.text).end()
        short = len(prev.text) < 0.62 * self.width or len(prev.text) + 1 + next_word < 0.85 * self.width
        if short and cur.kind in ("num", "dash", "sub"):
            return True  # what every branch below decides for a marked line after a short one
        ends = terminal(prev.text)
        sub_heading = (not ends and len(block) <= 2 and block[0].kind == "sub"
                       and heading_like(_MARKER.sub("", " ".join(line.text for line in block), count=1)))
        if sub_heading and (cur.kind in ("sub", "dash", "num") or cur.text.split(None, 1)[0] in _TASK_WORDS):
            return True
        if cur.kind == "num":
            return ends or short or cur.number == str(self.next_number)
        if cur.kind == "dash":
            return ends or short or prev.text.endswith((" and", " or"))
        if cur.kind == "sub":
            if short:
                return True
            return (ends or prev.text.endswith((" and", " or", "and/or"))) and self._expected_sub(cur.number or "")
        if cur.kind in ("pp", "op") and (ends and not prev.text.endswith(":") or short):
            return True
        if cur.kind == "pp" and not ends and len(block) <= 2 and _ENDS_LIKE_HEADING.search(prev.text[-3:]) \
                and _LOWER_SECOND.match(cur.text) and heading_like(" ".join(line.text for line in block)):
            return True
        if first.islower():
            return False
        if (not ends and len(block) == 1 and heading_like(_MARKER.sub("", prev.text, count=1))
                and (len(prev.text) < 0.5 * self.width and first.isupper()
                     or short and (cur.kind in ("pp", "op", "num", "sub", "dash") or cur.text.split(None, 1)[0] in _TASK_WORDS))):
            return True
        if cur.indent >= prev.indent + 3 and (ends or short):
            return True
        if ends and short:
            return True
        if ends and heading_like(cur.text) and self._ends_early(i) and self._followed_by_start(i):
            return True
        return False

    def _expected_sub(self, mark: str) -> bool:
        """"(a)" or "(i)" may open a list; "(c)" only follows "(b)", "(iv)" only "(iii)"."""
        if mark in ("a", "i", "1", "aa"):
            return True
        if mark.isdigit():
            return self.last_digit.isdigit() and int(mark) == int(self.last_digit) + 1
        return _letter_successor(self.last_letter) == mark or _roman_successor(self.last_roman) == mark

    def _note_sub(self, mark: str) -> None:
        if mark.isdigit():
            self.last_digit = mark
        elif mark in _ROMANS and (mark == _roman_successor(self.last_roman) or mark == "i" and self.last_letter != "h"
                                  or len(mark) > 1 and mark not in ("ll", "cc", "xx")):
            self.last_roman = mark
        else:
            self.last_letter = mark

    def _ends_early(self, i: int) -> bool:
        """The next line's first word would have fitted: line i ends a paragraph or heading."""
        line = self.lines[i]
        if len(line.text) < 0.62 * self.width or i + 1 >= len(self.lines):
            return True
        word = len(self.lines[i + 1].text.split(None, 1)[0])
        return len(line.text) + 1 + word <= self.width

    def _followed_by_start(self, i: int) -> bool:
        if i + 1 >= len(self.lines):
            return True
        nxt = self.lines[i + 1]
        return nxt.gap == "hard" or nxt.kind in ("num", "numonly", "sub", "dash", "pp", "op", "open", "upper")

    def group(self) -> list[list[Line]]:
        groups: list[list[Line]] = []
        detached: list[str | None] = []
        prev_heading = False
        pending_join = False
        prev: Line | None = None
        for i, line in enumerate(self.lines):
            if line.kind == "numonly" and groups and not pending_join:
                block = groups[-1]
                if (detached[-1] is None and len(block) <= 2 and block[0].kind in ("op", "pp", "upper")
                        and line.gap != "hard"):
                    detached[-1] = line.number
                    self.next_number = int(line.number) + 1
                    continue
            if prev is None or pending_join:
                new = prev is None
            else:
                new = self.starts(i, prev, prev_heading, groups[-1])
            prev = line
            pending_join = False
            if new:
                groups.append([line])
                detached.append(None)
                if line.kind == "numonly":
                    pending_join = True
                if line.kind in ("num", "numonly"):
                    self.next_number = int(line.number) + 1
                    self.last_letter = self.last_roman = self.last_digit = ""
                elif line.kind == "sub":
                    self._note_sub(line.number or "")
                prev_heading = (not self.web and line.kind not in ("num", "sub", "dash", "pp", "op")
                                and heading_like(line.text) and self._ends_early(i))
            else:
                groups[-1].append(line)
                prev_heading = False
        self.detached = detached
        return self._split_trailing_headings(groups)

    def _split_trailing_headings(self, groups: list[list[Line]]) -> list[list[Line]]:
        """A wrapped heading swallowed by the paragraph before it: "…Nations,|Political process …"."""
        if self.web:
            return groups
        out: list[list[Line]] = []
        detached: list[str | None] = []
        for group, number in zip(groups, self.detached):
            if len(group) > 1 and not terminal(group[-1].text):
                for k in range(len(group) - 2, -1, -1):
                    if terminal(group[k].text):
                        tail = group[k + 1:]
                        text = " ".join(line.text for line in tail)
                        if k + 1 < len(group) and tail[0].text[:1].isupper() and heading_like(text) \
                                and tail[0].kind not in ("num", "sub", "dash"):
                            out.append(group[:k + 1])
                            detached.append(number)
                            group, number = tail, None
                        break
            out.append(group)
            detached.append(number)
        self.detached = detached
        return out


_ROMANS = ("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi xxii xxiii xxiv xxv").split()


#: "a" → "b", "aa" → "bb", "z" → "aa": the letter marks a list goes on with.
_LETTER_NEXT = {c * n: chr(ord(c) + 1) * n for n in range(1, 5) for c in "abcdefghijklmnopqrstuvwxy"}
_LETTER_NEXT["z"] = "aa"
_ROMAN_NEXT = dict(zip(_ROMANS, _ROMANS[1:]))


def _letter_successor(mark: str) -> str:
    return _LETTER_NEXT.get(mark, "")


def _roman_successor(mark: str) -> str:
    return _ROMAN_NEXT.get(mark, "")


def blocks(source: str, notes: list[str] | None = None) -> list[Block]:
    """The paragraph candidates of a text, in reading order (footnotes into `notes`)."""
    lines = marked_lines(source, notes)
    if not lines:
        return []
    grouper = _Grouper(lines)
    groups = grouper.group()
    vocabulary = _Vocabulary(source) if not grouper.web else None  # built on first use
    out = []
    for group, number in zip(groups, grouper.detached):
        out.append(Block(_join(group, vocabulary), group[0], number, len(group)))
    return out


class _Vocabulary:
    """The words a text spells elsewhere, to undo a line-end hyphen the right way."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._words: set[str] | None = None
        self._own_hyphens = prints_own_hyphens(source)

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = set(_WORD.findall(_SPLIT_WORD.sub(" ", self._source).lower()))
        return self._words

    def keep_hyphen(self, left: str, right: str) -> bool:
        """'Secretary-' + 'General' keeps it; 'peace-' + 'keeping' keeps it only if spelled so."""
        if self._own_hyphens:
            return True
        l, r = left.lower(), right.lower()
        if left.isupper() and right.isupper() and f"{l}-{r}" not in self.words:
            return False
        if right[:1].isupper() or left[-1:].isdigit() or right[:1].isdigit():
            return True
        if f"{l}-{r}" in self.words:
            return True
        if l + r in self.words:
            return False
        last = l.rsplit("-", 1)[-1]
        if last in COMPOUND_FIRST:
            return True
        # "post-|independence", "re-|recruitment", "hostage-|taking", "top-|ranked": the
        # second half is a word the text uses, and the joined word is not.
        return (len(r) >= 4 and r in self.words and (last in _PREFIXES or len(last) >= 2
                and last not in _FUNCTION_WORDS and last not in _NOT_FIRST))


#: Words that open a mandated task after a sub-heading: "(d) Protection of civilians | Ensure …".
_TASK_WORDS = frozenset(
    "To In With Provide Support Ensure Monitor Assist Promote Work Help Strengthen Facilitate Contribute "
    "Coordinate Implement Develop Maintain Enhance Protect Prevent Deter Engage Advise Report Take "
    "Conduct Use Exercise Continue Establish Encourage Investigate Undertake Seize Collect".split()
)
_PREFIXES = frozenset("post pre re co non self one two three above below counter".split())
_NOT_FIRST = frozenset("some any every no over under out up down back with without what when where who how".split())
_LEFT_WORD = re.compile(r"([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)-$")
_RIGHT_WORD = re.compile(r"[A-Za-z0-9]+")


def _join(group: list[Line], vocabulary: _Vocabulary | None) -> Mapped:
    """One block's lines as one string, single-spaced, hyphenation undone."""
    if len(group) == 1 and group[0].cut < 0 and not _SPACES.search(group[0].text):  # one clean line
        return Mapped(group[0].text, [0], [group[0].start])
    builder = Builder()
    previous: Line | None = None
    for line in group:
        if line.kind == "numonly" and previous is None and len(group) > 1:
            _add_line(builder, line)
            previous = line
            continue
        if previous is not None:
            joined = False
            if vocabulary is not None and previous.text.endswith("-") and not previous.text.endswith((" -", "--")):
                left = _LEFT_WORD.search(previous.text[-60:])
                right = _RIGHT_WORD.match(line.text)
                if left and right and not vocabulary.keep_hyphen(left.group(1), right.group(0)):
                    builder.drop_last(1)
                    joined = True
                elif left and right:
                    joined = True
            if not joined:
                builder.add_synthetic(" ")
        _add_line(builder, line)
        previous = line
    return builder.build()


def _add_line(builder: Builder, line: Line) -> None:
    if line.cut >= 0:  # the text on either side of a footnote reference, each where it was
        text = line.text
        _add_piece(builder, text[:line.cut], line.start)
        _add_piece(builder, text[line.cut:], line.start + line.cut + line.cut_len)
        return
    _add_piece(builder, line.text, line.start)


def _add_piece(builder: Builder, text: str, start: int) -> None:
    if not _SPACES.search(text):
        builder.add(text, start)
        return
    pos = 0
    for m in _SPACES.finditer(text):
        builder.add(text[pos:m.start()], start + pos)
        builder.add_synthetic(" ")
        pos = m.end()
    builder.add(text[pos:], start + pos)
