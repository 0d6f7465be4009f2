"""Votes and speakers of a Security Council meeting record (S/PV.NNNN) as the UN prints it.

A vote is read out as the record prints it:

    I now put to the vote the draft resolution contained in document S/1994/28.
    A vote was taken by show of hands.
    In favour:
    Bosnia and Herzegovina, Brazil, China, …, United States of America
    Against:
    Russian Federation
    Abstaining:
    China, India
    The President: … The draft resolution has been adopted as resolution 1990 (2011).
    … has not been adopted, owing to the negative vote of a permanent member of the Council.

and each speech opens "Mr. Araud (France) (spoke in French): France welcomes …", "The
President: I thank …", "Mr. walker (United States of America):\tFirst, may I …".

Member names stay as printed, in order; page furniture between wrapped lines is dropped,
and UTF-8 that was mis-decoded before the record was saved ("Barbaliƒá", "People‚Äôs")
is repaired with ftfy.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import ftfy

from .furniture import is_furniture_line

#: Records are cut here before reading (the longest 1994–2014 record is under 1 MB).
MAX_RECORD_CHARS = 5_000_000
FIRST_WORDS = 12

_PV_HEADER = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?\s+(?:Year\s+)?year(?:\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?|Security\s+Council\s+\d{1,5}\s?(?:st|nd|rd|th)\s+meeting|\d{1,2}/\d{1,2}/\d{4}|S/PV\.\d{4}(?:\s*\((?:Resumption|Part)[^)]*\))*(?:\s+\d{1,3})?|\d{1,3}\s+S/PV\.\d{4}")
_SYMBOL = re.compile(r"\bS/PV\.(\d{3,5})")
_LIST_HEAD = re.compile(r"^(In favour|Against|Abstaining|Abstentions?)(?:\s*:\s*|\s*$)", re.IGNORECASE | re.MULTILINE)
#: "S/1994/28", or an old "S/26351"; never the year of a symbol cut short ("S/1994/ll" in OCR).
_DRAFT = re.compile(r"\bS/(?:\d{4}/\d{1,4}|\d{4,5}(?![/\d]))(?:\s?/\s?(?:Rev|Corr|Add)\.\d+)*")
_DRAFT_CONTEXT = re.compile(r"draft\s+resolutions?\b|put\s+(?:it\s+)?to\s+the\s+vote|vote\s+on", re.IGNORECASE)
_NOT_ADOPTED = re.compile(r"(?:has|have|was|were)\s+not\s+been\s+adopted|not\s+adopted|has\s+been\s+rejected|failed\s+to\s+be\s+adopted|"
                          r"owing\s+to\s+the\s+negative\s+vote", re.IGNORECASE)
_ADOPTED = re.compile(r"(?:has|have|was|were)\s+(?:therefore\s+)?(?:been\s+)?adopted(?:\s+unanimously)?"
                      r"(?:\s+as\s+resolution\s+(\d{1,4})\s*\((\d{4})\))?", re.IGNORECASE)
_SPEAKER = re.compile(
    r"^(?P<name>The\s+(?:President|PRESIDENT|Secretary-General|SECRETARY-GENERAL)"
    r"|(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Baroness|Baron|Dr|Prince|Princess|Sheikh|Sheikha|Archbishop|Cardinal|"
    r"Monsignor|Judge|General|Ambassador|King|Queen|Emir|President)\.?\s+[^():\n]{1,60}?)"
    r"\s*(?:\((?!spoke|interpretation|speaking)(?P<member>[^()\n]{2,80})\))?(?:\s*\((?:spoke|interpretation)[^)]*\))?\s*:\s*(?P<rest>.*)$",
    re.MULTILINE,
)
_PRESIDENT = re.compile(r"^President\s*:\s*(.+?)\s*(?:\.\s*){2,}\s*\(([^)]+)\)|^President\s*:\s*([^\t(]+?)\s*\t?\(([^)]+)\)",
                        re.MULTILINE)
_SPACES = re.compile(r"\s+")
_END_OF_LIST = re.compile(r"^(?:The\s+President|Mr\.|Mrs\.|Ms\.|Sir\s|A\s+vote\s+was|In\s+favour|Against\s*(?::|$)|Abstaining|Abstentions?\s*:)",
                          re.IGNORECASE)
_NAME_WORDS = frozenset("and of the d'Ivoire da de del do du la le von van".split())
_NONE = frozenset(("none", "nil", "-", "—"))


@dataclass(frozen=True)
class Vote:
    """One vote taken at the meeting: the draft, how it went, who voted how."""

    draft: str | None
    outcome: str | None  # "adopted" | "not adopted" | None when the record does not say
    in_favour: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    abstaining: tuple[str, ...] = ()
    resolution: str | None = None  # "1990 (2011)" when the record names it

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("in_favour", "against", "abstaining"):
            data[key] = list(data[key])
        return data


@dataclass(frozen=True)
class Speaker:
    """One speech: the member it speaks for (as printed), the speaker, its first words."""

    member: str | None
    speaker: str
    first_words: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class MeetingRecord:
    """What a meeting record says: its meeting number, votes and speeches in order."""

    meeting: int | None = None
    votes: list[Vote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"meeting": self.meeting, "votes": [v.to_json() for v in self.votes],
                "speakers": [s.to_json() for s in self.speakers]}


def is_meeting_record(text: str) -> bool:
    """An S/PV record: its symbol in the first lines."""
    return bool(_SYMBOL.search(text[:1500]))


def read_meeting_record(text: str) -> MeetingRecord:
    """Votes and speakers of one meeting record's text."""
    text = repair(text[:MAX_RECORD_CHARS])
    symbol = _SYMBOL.search(text[:1500])
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not _is_furniture(line)]
    body = "\n".join(lines)
    record = MeetingRecord(meeting=int(symbol.group(1)) if symbol else None)
    record.votes = _votes(body)
    record.speakers = _speakers(body, _president_member(body))
    return record


def repair(text: str) -> str:
    """Undo UTF-8 read as Mac Roman or Windows-1252 ("Barbaliƒá" → "Barbalić"), leaving
    the record's own typography (curly quotes, dashes) as it is."""
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False, normalization=None)
    return _MAC_ROMAN_LEFT.sub(_redecode, text) if "\u221a" in text else text


#: What ftfy's heuristics leave: "C√°rdenas" (á read as Mac Roman "√°") scores as clean.
_MAC_ROMAN_LEFT = re.compile(r"\u221a[\u00a0-\u00ff\u0152\u0153\u0178\u2020-\u2122\u0192\u02c6-\u02dd]")


def _redecode(m: re.Match) -> str:
    try:
        fixed = m.group(0).encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)
    return fixed if fixed.isalpha() else m.group(0)


def _is_furniture(line: str) -> bool:
    return len(line) <= 60 and (bool(_PV_HEADER.fullmatch(line)) or is_furniture_line(line))


def _votes(body: str) -> list[Vote]:
    votes: list[Vote] = []
    heads = list(_LIST_HEAD.finditer(body))
    previous_end = 0
    i = 0
    while i < len(heads):
        if heads[i].group(1).lower() != "in favour":
            i += 1
            continue
        lists: dict[str, list[str]] = {"in favour": [], "against": [], "abstaining": []}
        start = heads[i].start()
        j = i
        end = heads[i].end()
        while j < len(heads) and (j == i or heads[j].group(1).lower() != "in favour"):
            label = heads[j].group(1).lower()
            label = "abstaining" if label.startswith("abstention") else label
            names, end = _names(body, heads[j].end())
            if j > i and heads[j].start() > end + 1 and label != "in favour":
                break
            lists[label] = names
            j += 1
        # A vote on a part of a draft ("I shall now put the second preambular paragraph to
        # the vote") names no symbol: it is the draft of the vote before.
        draft = _draft(body[previous_end:start], bool(votes)) or (votes[-1].draft if votes else None)
        after = body[end:end + 1500]
        outcome, resolution = _outcome(after)
        votes.append(Vote(draft, outcome, tuple(lists["in favour"]), tuple(lists["against"]),
                          tuple(lists["abstaining"]), resolution))
        previous_end = end
        i = j
    return votes


def _names(body: str, start: int) -> tuple[list[str], int]:
    """The comma-separated names after "In favour:", over as many lines as they take."""
    parts: list[str] = []
    pos = start
    first = True
    while pos < len(body) and len(parts) < 12:
        stop = body.find("\n", pos)
        stop = len(body) if stop < 0 else stop
        line = body[pos:stop].strip()
        if not first and (not line or _END_OF_LIST.match(line) or _SPEAKER.match(line) or not _names_only(line)):
            break
        if line:
            parts.append(line)
        pos = stop + 1
        first = False
    joined = _SPACES.sub(" ", " ".join(parts)).strip().rstrip(".;")
    names = [n.strip() for n in joined.split(",") if n.strip()]
    if len(names) == 1 and names[0].lower() in _NONE:
        names = []
    return names, min(pos, len(body))


def _names_only(line: str) -> bool:
    """A line of a list of members: capitalised words, commas, "and", "of", "the"."""
    if line.lower().strip(".") in _NONE:
        return True
    for word in line.replace(",", " ").split():
        if not (word[:1].isupper() or word in _NAME_WORDS or word[:1] in "('’"):
            return False
    return True


def _draft(before: str, votes_before: bool = False) -> str | None:
    """The draft put to the vote: the last symbol named near "draft resolution" or
    "put to the vote" before the vote, else the last symbol before it."""
    best = None
    for m in _DRAFT.finditer(before):
        window = before[max(0, m.start() - 250):m.end() + 120]
        if _DRAFT_CONTEXT.search(window):
            best = m.group(0)
    if best is None and not votes_before:
        found = list(_DRAFT.finditer(before[-3000:]))
        best = found[-1].group(0) if found else None
    return _SPACES.sub("", best) if best else None


def _outcome(after: str) -> tuple[str | None, str | None]:
    not_adopted = _NOT_ADOPTED.search(after)
    adopted = _ADOPTED.search(after)
    if not_adopted and (not adopted or not_adopted.start() <= adopted.start() + 10):
        return "not adopted", None
    if adopted:
        resolution = f"{adopted.group(1)} ({adopted.group(2)})" if adopted.group(1) else None
        return "adopted", resolution
    return None, None


def _president_member(body: str) -> str | None:
    m = _PRESIDENT.search(body[:6000])
    if not m:
        return None
    return _SPACES.sub(" ", m.group(2) or m.group(4)).strip()


def _speakers(body: str, president: str | None) -> list[Speaker]:
    out: list[Speaker] = []
    for m in _SPEAKER.finditer(body):
        name = _SPACES.sub(" ", m.group("name")).strip()
        if m.start() < 200 or name.lower().startswith("president") and not m.group("member"):
            continue  # the list of members at the head of the record
        member = m.group("member")
        if member:
            member = _SPACES.sub(" ", member).strip()
        elif name.lower().startswith("the president"):
            member = president
        rest = body[m.start("rest"):m.start("rest") + 400]
        words = _SPACES.sub(" ", rest).split(" ")[:FIRST_WORDS]
        out.append(Speaker(member, name, " ".join(words).strip()))
    return out
