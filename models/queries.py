"""Read-side queries the web pages share: latest changes, a document's lineage, its votes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timezone

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from .documents import Document, DocumentKind, Link, Version
from .votes import Vote

#: Reading order of a lineage: "draft → revisions → resolution, meeting record, press
#: release, statements and reports about it".
KIND_ORDER = {
    DocumentKind.DRAFT.value: 0, DocumentKind.RESOLUTION.value: 1, DocumentKind.MEETING_RECORD.value: 2,
    DocumentKind.PRESS_RELEASE.value: 3, DocumentKind.STATEMENT.value: 4, DocumentKind.REPORT.value: 5,
    DocumentKind.NEWS.value: 6,
}
#: How a link reads from either end: (seen from `from`, seen from `to`).
LINK_WORDS = {
    "draft-of": ("draft of", "draft"),
    "revises": ("revises", "revised by"),
    "renews": ("renews", "renewed by"),
    "adopted-as": ("adopted as", "adopted from"),
    "reports-on": ("reports on", "report or statement about it"),
    "meeting-of": ("meeting record of", "meeting record"),
}
MAX_LINEAGE = 60


@dataclass(frozen=True)
class Change:
    """One line of "latest changes": a new document, draft or version, or a vote."""

    when: datetime
    what: str  # "new draft", "new document", "new version", "vote"
    document: Document
    version: Version | None = None
    vote: Vote | None = None


@dataclass(frozen=True)
class LineageEntry:
    document: Document
    relation: str | None  # how it relates to the document in view, when directly linked
    current: bool = False


def latest_changes(session: Session, limit: int = 30) -> list[Change]:
    """New versions (first versions of drafts called "new draft") and votes, newest first."""
    versions = session.execute(
        select(Version, Document).join(Document, Document.id == Version.document_id)
        .order_by(Version.fetched_at.desc(), Version.id.desc()).limit(limit)
    ).all()
    changes = []
    for version, document in versions:
        if version.number > 1:
            what = "new version"
        else:
            what = "new draft" if document.kind == DocumentKind.DRAFT.value else "new document"
        changes.append(Change(version.fetched_at, what, document, version=version))
    votes = session.scalars(
        select(Vote).options(selectinload(Vote.document), selectinload(Vote.resolution))
        .where(Vote.date.is_not(None)).order_by(Vote.date.desc(), Vote.id.desc()).limit(limit)
    ).all()
    for vote in votes:
        when = datetime.combine(vote.date, time(0), tzinfo=timezone.utc)
        changes.append(Change(when, "vote", vote.document, vote=vote))
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:limit]


def document_links(session: Session, document: Document) -> list[tuple[str, Document]]:
    """(relation as read from this document, other document) for every direct link."""
    links = session.scalars(
        select(Link).options(selectinload(Link.from_document), selectinload(Link.to_document))
        .where(or_(Link.from_id == document.id, Link.to_id == document.id)).order_by(Link.id)
    ).all()
    out = []
    for link in links:
        outward, inward = LINK_WORDS.get(link.kind, (link.kind, link.kind))
        if link.from_id == document.id:
            out.append((outward, link.to_document))
        else:
            out.append((inward, link.from_document))
    return out


def lineage(session: Session, document: Document) -> list[LineageEntry]:
    """The documents connected to this one through links (two steps out at most), in
    lineage reading order, this document marked."""
    direct = {other.id: relation for relation, other in document_links(session, document)}
    seen: dict[int, Document] = {document.id: document}
    frontier = [document.id]
    for _ in range(2):
        if not frontier or len(seen) >= MAX_LINEAGE:
            break
        links = session.scalars(
            select(Link).options(selectinload(Link.from_document), selectinload(Link.to_document))
            .where(or_(Link.from_id.in_(frontier), Link.to_id.in_(frontier))).limit(MAX_LINEAGE * 4)
        ).all()
        frontier = []
        for link in links:
            for other in (link.from_document, link.to_document):
                if other.id not in seen and len(seen) < MAX_LINEAGE:
                    seen[other.id] = other
                    frontier.append(other.id)
    if len(seen) == 1:
        return []
    ordered = sorted(seen.values(), key=lambda d: (KIND_ORDER.get(d.kind, 9), d.symbol or d.key))
    return [LineageEntry(d, direct.get(d.id), d.id == document.id) for d in ordered]


def votes_for(session: Session, document: Document) -> list[Vote]:
    """Votes on this document (as the draft voted on, or as the resolution adopted), or
    taken at the meeting it records."""
    from .council_queries import votes_of

    return votes_of(session, document)
