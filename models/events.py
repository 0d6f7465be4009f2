"""What happened at the Council, by the date it happened: resolutions adopted, votes
taken (adopted, vetoed, "not adopted owing to the negative vote of a permanent member"
or "failed to obtain the required number of votes"), drafts, reports and news published.

The capture date of a version is never an event date: a bundle loaded on 1 December 2026
did not happen on 1 December 2026. Items with no known date of their own are left out of
the timeline (they still show under "new drafts and reports" by first capture).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, defer, selectinload

from .documents import Document, DocumentKind, Version
from .votes import Outcome, Vote

#: Kinds whose date is a publication date (the day a report or statement was issued).
PUBLISHED_KINDS = (DocumentKind.NEWS.value, DocumentKind.PRESS_RELEASE.value, DocumentKind.STATEMENT.value,
                   DocumentKind.REPORT.value, DocumentKind.DRAFT.value)
MAX_EVENTS = 200


@dataclass(frozen=True)
class Event:
    """One dated thing the Council (or someone reporting on it) did."""

    on: date
    what: str  # "adopted", "vote", "vetoed", "not adopted", "published", "draft"
    document: Document
    version: Version | None = None
    vote: Vote | None = None


def _latest_versions():
    newest = (select(Version.document_id, func.max(Version.number).label("number"))
              .group_by(Version.document_id).subquery())
    return newest


def _versions_of(session: Session, kinds: tuple[str, ...], limit: int, dated: bool):
    newest = _latest_versions()
    query = (
        select(Version, Document)
        .join(newest, (newest.c.document_id == Version.document_id) & (newest.c.number == Version.number))
        .join(Document, Document.id == Version.document_id)
        .options(defer(Version.text), defer(Version.http_headers))
        .where(Document.kind.in_(kinds))
    )
    if dated:
        query = query.where(Version.adopted_on.is_not(None)).order_by(Version.adopted_on.desc(), Document.id.desc())
    else:
        query = query.order_by(Version.id.desc())
    return session.execute(query.limit(limit)).all()


def council_events(session: Session, limit: int = 40,
                   published_on: Callable[[Document, Version], date | None] | None = None) -> list[Event]:
    """The newest `limit` events, newest first: adoptions (a resolution's adoption date),
    votes (their meeting date) and publications (`published_on(document, version)` for
    news, statements, reports and drafts: a date read from the item, or None to leave it out)."""
    limit = max(1, min(limit, MAX_EVENTS))
    events: list[Event] = []
    voted: set[int] = set()
    for vote in session.scalars(
        select(Vote).options(selectinload(Vote.document), selectinload(Vote.resolution), selectinload(Vote.members))
        .where(Vote.date.is_not(None)).order_by(Vote.date.desc(), Vote.id.desc()).limit(limit)
    ):
        events.append(Event(vote.date, vote_word(vote), vote.document, vote=vote))
        if vote.resolution_id:
            voted.add(vote.resolution_id)
        voted.add(vote.document_id)
    for version, document in _versions_of(session, (DocumentKind.RESOLUTION.value,), limit, dated=True):
        if document.id not in voted:  # the vote already says it was adopted, and how
            events.append(Event(version.adopted_on, "adopted", document, version=version))
    for version, document in _versions_of(session, PUBLISHED_KINDS, limit * 3, dated=False):
        on = version.adopted_on or (published_on(document, version) if published_on else None)
        if on is not None and document.id not in voted:
            events.append(Event(on, "draft" if document.kind == DocumentKind.DRAFT.value else "published",
                                document, version=version))
    events.sort(key=lambda e: (e.on, e.document.id), reverse=True)
    return events[:limit]


def vote_word(vote: Vote) -> str:
    return {Outcome.VETOED.value: "vetoed", Outcome.NOT_ADOPTED.value: "not adopted"}.get(vote.outcome, "vote")


def failed_votes(session: Session, limit: int = 10) -> list[Vote]:
    """Recent vetoes and drafts that failed to obtain the required votes, newest first."""
    return list(session.scalars(
        select(Vote).options(selectinload(Vote.document), selectinload(Vote.members))
        .where(Vote.outcome.in_((Outcome.VETOED.value, Outcome.NOT_ADOPTED.value)))
        .order_by(Vote.date.desc().nulls_last(), Vote.id.desc()).limit(limit)
    ))


def new_drafts_and_reports(session: Session, limit: int = 10) -> list[tuple[Document, Version]]:
    """The newest drafts, reports and statements by first capture (what arrived lately)."""
    first = aliased(Version)
    rows = session.execute(
        select(first, Document).join(Document, Document.id == first.document_id)
        .options(defer(first.text), defer(first.http_headers))
        .where(first.number == 1, Document.kind.in_((DocumentKind.DRAFT.value, DocumentKind.REPORT.value,
                                                      DocumentKind.STATEMENT.value)))
        .order_by(first.fetched_at.desc(), first.id.desc()).limit(limit)
    ).all()
    return [(document, version) for version, document in rows]
