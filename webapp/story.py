"""A document's lineage in plain words, one sentence per link, each read the right way round:

    Draft S/2025/748 → adopted as S/RES/2803 (2025) on 17 November 2025, 13-0-2
    News “Israel seeks US guarantees…” (GlobalSecurity.org, 7 November 2025) reports on draft S/2025/748
    S/PV.10046 is the meeting record of S/RES/2803 (2025)

A sentence is a list of parts: plain strings and documents (rendered as links), so the
template adds the spaces and the links, and never glues a label to a symbol.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from models.documents import Document, Link, LinkKind, Version
from models.text.summary import long_date
from models.votes import Vote

Part = Union[str, Document]
MAX_SENTENCES = 40


@dataclass(frozen=True)
class Sentence:
    parts: tuple[Part, ...]
    current: bool  # the sentence names the document in view


def _kind_word(document: Document) -> str:
    return {"draft": "Draft", "resolution": "Resolution", "meeting_record": "Meeting record",
            "press_release": "Press release", "statement": "Statement", "report": "Report",
            "news": "News report"}.get(document.kind, "Document")


def _adoption(session: Session, draft: Document, resolution: Document) -> tuple[str, ...]:
    vote = session.scalar(select(Vote).where(or_(Vote.document_id == draft.id, Vote.resolution_id == resolution.id))
                          .order_by(Vote.date.desc().nulls_last(), Vote.id.desc()).limit(1))
    when = vote.date if vote is not None and vote.date else None
    if when is None:
        when = session.scalar(select(Version.adopted_on).where(Version.document_id == resolution.id,
                                                               Version.adopted_on.is_not(None)).limit(1))
    tail = []
    if when:
        tail.append(f" on {long_date(when.isoformat())}")
    if vote is not None and vote.yes is not None:
        tail.append(f", {vote.tally}")
    return tuple(tail)


def sentence(session: Session, link: Link) -> tuple[Part, ...]:
    a, b = link.from_document, link.to_document
    if link.kind == LinkKind.ADOPTED_AS.value:
        return ("Draft", a, "→ adopted as", b, *_adoption(session, a, b))
    if link.kind == LinkKind.DRAFT_OF.value:
        return (_kind_word(a), a, "is a draft of", b)
    if link.kind == LinkKind.REVISES.value:
        return (_kind_word(a), a, "revises", b)
    if link.kind == LinkKind.RENEWS.value:
        return (_kind_word(a), a, "renews the mandate set by", b)
    if link.kind == LinkKind.REPORTS_ON.value:
        return (_kind_word(a), a, "reports on", b.kind if b.kind != "resolution" else "resolution", b)
    if link.kind == LinkKind.MEETING_OF.value:
        return (a, "is the meeting record of", b)
    return (a, link.kind.replace("-", " "), b)


def lineage_sentences(session: Session, document: Document) -> list[Sentence]:
    """Every link touching this document, and the links of the documents it links to
    (one step further), as sentences; the document's own first."""
    first = session.scalars(select(Link).options(selectinload(Link.from_document), selectinload(Link.to_document))
                            .where(or_(Link.from_id == document.id, Link.to_id == document.id))
                            .order_by(Link.id).limit(MAX_SENTENCES)).all()
    neighbours = {l.from_id for l in first} | {l.to_id for l in first}
    neighbours.discard(document.id)
    second = []
    if neighbours:
        second = session.scalars(select(Link).options(selectinload(Link.from_document), selectinload(Link.to_document))
                                 .where(or_(Link.from_id.in_(neighbours), Link.to_id.in_(neighbours)),
                                        Link.from_id != document.id, Link.to_id != document.id)
                                 .order_by(Link.id).limit(MAX_SENTENCES)).all()
    out = [Sentence(sentence(session, l), True) for l in first]
    out += [Sentence(sentence(session, l), False) for l in second]
    return out[:MAX_SENTENCES]


def plain(parts: tuple[Part, ...]) -> str:
    """A sentence as text (symbols, or titles of documents without one)."""
    words = []
    for part in parts:
        if isinstance(part, Document):
            words.append(part.symbol or f"“{part.title or 'untitled'}”")
        elif part.startswith((",", " on ")):
            words[-1:] = [(words[-1] if words else "") + part]
        else:
            words.append(part)
    return " ".join(words)
