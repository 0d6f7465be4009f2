"""The shapes every reader of UN texts agrees on: paragraphs, facts, a parsed text.

Pure data, no parsing: `models.text.paragraphs` and `models.text.facts` fill them,
`models.text.diff` compares them, the store persists them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ParagraphKind = Literal["preambular", "operative", "heading", "annex", "opening", "other"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as the Council numbers it: "7. Decides …" is operative, number "7".

    `anchor` is the stable in-page id used in permalinks and fact references:
    "pp-3" (third preambular paragraph), "op-7", "op-7-a", "op-7-a-i".
    """

    kind: str
    number: str | None
    text: str
    anchor: str = ""
    children: tuple["Paragraph", ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "text": self.text,
            "anchor": self.anchor,
            "children": [c.to_json() for c in self.children],
        }

    def walk(self):
        """This paragraph, then its descendants in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Fact:
    """A fact with the exact words it was read from.

    `evidence` is an exact substring of the text handed to the parser; `paragraph` is
    the anchor of the paragraph it stands in (None for prose without paragraphs).
    `reported` marks claims read from prose about a draft ("would give a two-year
    mandate"), not the draft's own text.
    """

    kind: str
    value: Any
    entity: str | None
    paragraph: str | None
    evidence: str
    reported: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "entity": self.entity,
            "paragraph": self.paragraph,
            "evidence": self.evidence,
            "reported": self.reported,
        }


@dataclass
class ParsedText:
    """A text read as an analyst reads it: metadata, paragraph tree, facts."""

    symbol: str | None = None
    title: str | None = None
    adopted_on: str | None = None  # ISO date
    meeting: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    #: Footnotes of a PDF text layer ("1 S/2013/323, annex."), outside the version's text.
    footnotes: list[str] = field(default_factory=list)

    def canonical_text(self) -> str:
        """The text a version is keyed on: paragraphs only, one per line, numbers kept.

        Layout (wrapping, page headers, hyphenation, quote style) never reaches it, so
        the same text captured twice hashes the same.
        """
        lines = []
        for top in self.paragraphs:
            for p in top.walk():
                lines.append(f"{p.number}. {p.text}" if p.number else p.text)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "title": self.title,
            "adopted_on": self.adopted_on,
            "meeting": self.meeting,
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "facts": [f.to_json() for f in self.facts],
            "footnotes": list(self.footnotes),
        }
