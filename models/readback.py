"""Stored versions back into the text core's shapes, for diffs and renderers."""
from __future__ import annotations

from .documents import Version
from .text.structure import Fact, Paragraph, ParsedText


def parsed_version(version: Version) -> ParsedText:
    """The ParsedText a stored version was recorded from (paragraph tree and facts)."""
    rows = list(version.paragraphs)
    children: dict[int | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row) -> Paragraph:
        return Paragraph(
            kind=row.kind, number=row.number, text=row.text, anchor=row.anchor,
            children=tuple(build(c) for c in children.get(row.id, [])),
        )

    facts = [
        Fact(kind=f.kind, value=f.value, entity=f.entity, paragraph=f.paragraph, evidence=f.evidence, reported=f.reported)
        for f in version.facts
    ]
    return ParsedText(
        symbol=version.document.symbol, title=version.title, meeting=version.meeting,
        adopted_on=version.adopted_on.isoformat() if version.adopted_on else None,
        paragraphs=[build(r) for r in children.get(None, [])], facts=facts,
    )
