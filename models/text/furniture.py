"""Page furniture of a UN PDF text layer, recognised from the page's structure.

An official PDF prints, around the text of each page: the running header (the symbol
"S/RES/1990 (2011)" and the page number, "Page 2" or "2/6"), the job number of the
document glued to the page number ("11-389502", "2 11-38950", "13-479692/6",
"3/613-47969", "95-02826 (E) /..."), the barcode "*1138950*", the continuation mark
"/...", the end mark "-----", and at the foot of a page, under a rule "________", its
footnotes ("1 S/2013/323, annex.") and the note the symbol's asterisk points to
("* Reissued for technical reasons on 29 June 2011.").

`Furniture(source)` reads the document's own job number and symbol from its first page,
then `kind(line)` says what a line is: "furniture" (dropped), "rule" (opens the footnote
zone), "note" (a footnote), or "" (text). Every test needs a whole line of furniture
tokens, so a sentence that quotes a symbol or a number is never dropped.
"""
from __future__ import annotations

import re

#: A line longer than this is text, whatever it holds.
MAX_FURNITURE_LINE = 100
#: A footnote zone longer than this is not one: the rule was something else.
MAX_NOTE_LINES = 30

_JOB = r"\d{2}-\d{5}"
_SYMBOL = (r"(?:S/RES/\d{1,4}\s?\(\d{4}\)|S/\d{4}/\d{1,4}|S/PRST/\d{4}/\d{1,3})"
           r"(?:\s?/\s?(?:Rev|Corr|Add)\.\d+)*\*{0,3}")
_PAGE = r"(?:Page\s+\d{1,3}|\d{1,3}/\d{1,3}|\d{1,3})"
_TOKEN = re.compile(
    rf"(?:United\s+Nations\s+)?{_SYMBOL}"                 # running header: the symbol
    rf"|\d{{1,3}}/\d{{1,3}}{_JOB}\*?"                     # "3/613-47969": page 3/6, job 13-47969
    rf"|{_JOB}\*?\d{{1,3}}/\d{{1,3}}"                     # "13-479692/6": job, page 2/6
    rf"|\d{{1,3}}{_JOB}\*?"                               # "306-48464": page 3, job 06-48464
    rf"|{_JOB}\*?\d{{0,3}}"                               # "11-389502": job, page 2; "11-38950*"
    r"|\([EFSRACX]\)"                                     # language of the job: "(E)"
    r"|\*\d{5,10}\*"                                      # barcode
    r"|/\.\.\.|\.\.\./"                                   # continuation mark
    r"|\d{6}"                                             # the print date after the job: "080794"
    rf"|{_PAGE}",
    re.IGNORECASE,
)
_HAS_MARK = re.compile(rf"\d{{2}}-\d{{5}}|\*\d{{5,10}}\*|S/RES/|S/PRST/|^S/\d{{4}}/|^/\.\.\.$|^\d{{1,3}}(?:/\d{{1,3}})?$|^Page\s+\d", re.IGNORECASE)
_PAGE_ONLY = re.compile(r"(?:Page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?|-\s?\d{1,3}\s?-", re.IGNORECASE)
_RULE = re.compile(r"_{5,}")
_END_MARK = re.compile(r"-{3,}|\.{3,}")
_STARRED = re.compile(rf"(?:{_SYMBOL}|{_JOB})\*")
_NOTE_MARK = re.compile(r"\*{1,3}\s*[A-Z]")
_LONE_MARK = re.compile(r"\*{1,3}")
_NOTE_START = re.compile(r"(?:\d{1,2}/?|\*{1,3}|[a-z]/?)\s*\S")
_FIRST_PAGE = 40


class Furniture:
    """What each line of one text is: furniture, a footnote rule, a footnote, or text."""

    def __init__(self, source: str) -> None:
        head = source[:3000]
        #: The symbol carries an asterisk ("S/RES/1990 (2011)*"): a note says why.
        self.starred = bool(_STARRED.search(head))
        self.in_notes = 0  # lines read since the last footnote rule, 0 when outside
        self.mark_alone = False  # the last line was a lone "*": its note follows

    def kind(self, text: str) -> str:
        """"furniture", "rule", "note" or "" for one stripped, non-blank line."""
        if self.mark_alone:
            self.mark_alone = False
            if not is_furniture_line(text):
                return "note"
        if self.in_notes:
            self.in_notes += 1
            if self.in_notes > MAX_NOTE_LINES:
                self.in_notes = 0
        if len(text) <= MAX_FURNITURE_LINE:
            if is_furniture_line(text):
                self.in_notes = 0
                return "furniture"
            if _RULE.fullmatch(text):
                self.in_notes = 1
                return "rule"
            if _END_MARK.fullmatch(text):
                return "furniture"
        if self.in_notes == 2 and not _NOTE_START.match(text):
            self.in_notes = 0  # a rule not followed by a footnote: a blank to fill in, say
        if self.in_notes:
            return "note"
        if self.starred and _LONE_MARK.fullmatch(text):
            self.mark_alone = True
            return "note"
        if self.starred and _NOTE_MARK.match(text) and len(text) <= 2 * MAX_FURNITURE_LINE:
            return "note"
        return ""


def is_furniture_line(text: str) -> bool:
    """A whole line of page-furniture tokens: header, job number, barcode, page number."""
    if len(text) > MAX_FURNITURE_LINE or not _HAS_MARK.search(text):
        return False
    if _PAGE_ONLY.fullmatch(text):
        return True
    pos = 0
    for m in _TOKEN.finditer(text):
        if text[pos:m.start()].strip():
            return False
        pos = m.end()
        if not m.group(0):
            return False
    return not text[pos:].strip()


def starts_note(text: str) -> bool:
    """Opens a footnote: "1 S/2013/323, annex.", "2/ S/1994/30.", "* Reissued …"."""
    return bool(_NOTE_START.match(text))


_MASTHEAD = re.compile(r"^\s*United\s+Nations\s+S/(?:RES/)?\d", re.MULTILINE)


def prints_own_hyphens(source: str) -> bool:
    """A UN PDF with the "United Nations  S/RES/1990 (2011)" masthead (1998 on) is set by a
    word processor that breaks lines only after a hyphen the text has: "Security Council-|
    mandated", "top-|ranked", "arms-|trafficking" keep theirs (70 of 70 in the corpus's
    PDF/web pairs)."""
    return bool(_MASTHEAD.search(source[:400]))
