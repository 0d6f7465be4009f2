"""Writing alert events into the outbox, in the caller's transaction.

The store calls `version_recorded` right after it appends a version, so the event
commits or rolls back with the version itself: no version without its event, no
event for a version that never was. The relay (webapp.alerts.relay) reads them.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from .documents import Document, Version
from .subscriptions import AlertEvent, EventKind
from .votes import Vote


def version_recorded(session: Session, document: Document, version: Version) -> AlertEvent:
    """Queue "version n of this document exists" (with n-1, the version it follows)."""
    event = AlertEvent(
        kind=EventKind.VERSION.value,
        document_id=document.id,
        version_number=version.number,
        previous_number=version.number - 1 if version.number > 1 else None,
    )
    session.add(event)
    session.flush()
    return event


def vote_recorded(session: Session, vote: Vote) -> AlertEvent:
    """Queue a recorded vote ("13-0-2", each member's Y/N/A) for member-state followers.

    Whoever stores a `Vote` calls this in the same transaction, after the member votes
    are added and flushed.
    """
    members = {mv.member: mv.choice for mv in vote.members}
    event = AlertEvent(
        kind=EventKind.VOTE.value,
        document_id=vote.document_id,
        dedupe_key=f"vote:{vote.id}",
        payload={
            "vote_id": vote.id, "meeting": vote.meeting, "date": vote.date.isoformat() if vote.date else None,
            "outcome": vote.outcome, "yes": vote.yes, "no": vote.no, "abstain": vote.abstain,
            "members": members,
        },
    )
    session.add(event)
    session.flush()
    return event
