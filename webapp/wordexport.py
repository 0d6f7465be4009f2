"""A comparison as a Word document whose changes are real tracked revisions.

Built with python-docx (pinned); each change is an OOXML revision element, as Word
writes them (ECMA-376 Part 1, 17.13.5): inserted words are runs inside `<w:ins>`, deleted
words runs inside `<w:del>` whose text is `<w:delText>`, each with `w:id`, `w:author`
and `w:date`. A delegate opens the file in Word and accepts or rejects each change.
The document reads as the new text with the old one's deletions kept as revisions;
unchanged paragraphs are plain text.
"""
from __future__ import annotations

import io
from datetime import datetime, timezone
from itertools import count
from typing import Any, Iterable

from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

AUTHOR = "councilwatch"


class _Revisions:
    def __init__(self, author: str, when: datetime) -> None:
        self.author, self.date = author, when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.ids = count(1)

    def _wrapper(self, tag: str):
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    @staticmethod
    def _run(text: str, deleted: bool):
        run = OxmlElement("w:r")
        node = OxmlElement("w:delText" if deleted else "w:t")
        node.set(qn("xml:space"), "preserve")
        node.text = text
        run.append(node)
        return run

    def append(self, paragraph, op: str, text: str) -> None:
        """Add `text` to `paragraph` as plain words, an insertion or a deletion."""
        if not text:
            return
        if op == "equal":
            paragraph._p.append(self._run(text, deleted=False))
            return
        wrapper = self._wrapper("w:ins" if op == "insert" else "w:del")
        wrapper.append(self._run(text, deleted=op == "delete"))
        paragraph._p.append(wrapper)

    def mark_paragraph(self, paragraph, op: str) -> None:
        """Mark the paragraph mark itself inserted or deleted, so accepting removes or
        keeps the whole paragraph, not just its words."""
        ppr = paragraph._p.get_or_add_pPr()
        rpr = OxmlElement("w:rPr")
        rpr.append(self._wrapper("w:ins" if op == "insert" else "w:del"))
        ppr.append(rpr)


def _flatten(entries: Iterable[dict[str, Any]]):
    for entry in entries:
        yield entry
        yield from _flatten(entry.get("children") or [])


def _label(side: dict[str, Any] | None) -> str:
    if not side:
        return ""
    return f"{side['symbol'] or side.get('title') or 'Untitled'} version {side['version']}"


def comparison_docx(data: dict[str, Any], permalink: str, when: datetime | None = None) -> bytes:
    """The `diff --json` object `data` of a comparison as .docx bytes with tracked changes."""
    when = when or datetime.now(timezone.utc)
    revisions = _Revisions(AUTHOR, when)
    word = WordDocument()
    word.core_properties.title = f"{_label(data['old'])} → {_label(data['new'])}"
    word.core_properties.author = AUTHOR
    style = word.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    name = lambda side: side["symbol"] or side.get("title") or "Untitled"  # noqa: E731
    word.add_heading(f"{name(data['new'])} compared with {name(data['old'])}", level=1)
    intro = word.add_paragraph()
    intro.add_run(f"Changes from {_label(data['old'])} to {_label(data['new'])}, as tracked changes. "
                  f"Source: {permalink}")
    if data.get("summary"):
        word.add_paragraph(data["summary"])
    for entry in _flatten(data["paragraphs"]):
        paragraph = word.add_paragraph()
        number = (entry.get("new") or entry.get("old") or {}).get("number")
        change = entry["change"]
        if number and change != "deleted":
            paragraph.add_run(f"{number}. ")
        if entry.get("words"):
            variants = set(entry.get("variants") or ())
            for index, (op, text) in enumerate(entry["words"]):
                if index in variants:  # spelling or punctuation only: the new text, untracked
                    op = "skip" if op == "delete" else "equal"
                if op != "skip":
                    revisions.append(paragraph, op, text)
        elif change == "inserted" or (entry.get("new_text") and not entry.get("old_text")):
            revisions.append(paragraph, "insert", entry.get("new_text") or "")
            revisions.mark_paragraph(paragraph, "insert")
        elif change == "deleted" or (entry.get("old_text") and not entry.get("new_text")):
            if number:
                revisions.append(paragraph, "delete", f"{number}. ")
            revisions.append(paragraph, "delete", entry.get("old_text") or "")
            revisions.mark_paragraph(paragraph, "delete")
        elif entry.get("old_text") != entry.get("new_text") and entry.get("text_changed", True):
            revisions.append(paragraph, "delete", entry.get("old_text") or "")
            revisions.append(paragraph, "insert", entry.get("new_text") or "")
        else:
            revisions.append(paragraph, "equal", entry.get("new_text") or entry.get("old_text") or "")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
