"""`/feed.atom`: the site-wide feed, one entry per Council event (a resolution adopted,
a vote, a report published), dated by the event, newest first, as the home page lists them."""
from __future__ import annotations

from datetime import datetime, time, timezone

from flask import Blueprint

from models.events import council_events

from . import context, refs
from .feeds import MAX_ENTRIES, Entry, _render
from .newsitem import published_on
from .site import doc_name

bp = Blueprint("sitefeed", __name__)


def _entry(event) -> Entry:
    document = event.vote.document if event.vote else event.document
    when = datetime.combine(event.on, time(0), tzinfo=timezone.utc)
    if event.vote:
        vote = event.vote
        title = f"{doc_name(vote.document)} {event.what if event.what != 'vote' else vote.outcome.replace('_', ' ')}, {vote.tally}"
        if vote.resolution is not None:
            title += f" → {doc_name(vote.resolution)}"
        summary = f"{vote.meeting}, {event.on.isoformat()}: {vote.outcome.replace('_', ' ')} ({vote.tally}, yes-no-abstain)."
        path = refs.document_path(vote.resolution or document)
    else:
        title = f"{doc_name(document)} {event.what}"
        summary = " ".join((event.version.title or document.title or "").split()) if event.version else ""
        path = refs.document_path(document)
    return Entry(context.absolute(path) + f"#event-{event.what.replace(' ', '-')}-{event.on.isoformat()}",
                 title, when, context.absolute(path), summary)


@bp.get("/feed.atom")
def site_feed():
    with context.db().reader() as session:
        entries = [_entry(e) for e in council_events(session, MAX_ENTRIES, published_on=published_on)]
    return _render("councilwatch: what happened at the Security Council", "/feed.atom", "/", entries)
