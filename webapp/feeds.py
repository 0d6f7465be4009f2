"""Atom feeds: one per document (its versions), per mandate (its resolutions), per search.

Rendered from templates/feed.xml, which Jinja autoescapes like any .xml template, so a
scraped title or snippet is text in the feed, never markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timezone
from urllib.parse import urlencode

from flask import Response, render_template, request

from models.documents import Document, Version
from models.mandates import MandateStep as MandatePoint
from models.search import SearchResult

from . import context, refs
from .caching import short_lived

ATOM = "application/atom+xml"
MAX_ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    link: str
    summary: str


def _render(title: str, self_path: str, alternate_path: str, entries: list[Entry]) -> Response:
    updated = max((e.updated for e in entries), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    body = render_template(
        "feed.xml", title=title, feed_id=context.absolute(self_path), self_url=context.absolute(self_path),
        alternate=context.absolute(alternate_path), updated=updated, entries=entries,
    )
    return short_lived(Response(body, mimetype=ATOM), request)


def _name(document: Document) -> str:
    return document.symbol or document.title or document.key


def document_feed(session, document: Document, versions: list[Version]) -> Response:
    entries = []
    for version in reversed(versions[-MAX_ENTRIES:]):
        summary = f"Version {version.number} captured {version.fetched_at:%Y-%m-%d %H:%M} UTC; SHA-256 {version.text_sha256}."
        if version.number > 1:
            previous = next((v for v in versions if v.number == version.number - 1), None)
            if previous is not None:
                summary += " " + context.comparisons().get(previous, version)["summary"]
        path = refs.version_path(document, version.number)
        entries.append(Entry(context.absolute(path), f"{_name(document)} version {version.number}",
                             version.fetched_at, context.absolute(path), summary))
    path = refs.document_path(document)
    return _render(f"{_name(document)}: versions", path + "/feed.atom", path, entries)


def _when(point: MandatePoint) -> datetime:
    if point.adopted_on:
        return datetime.combine(point.adopted_on, time(0), tzinfo=timezone.utc)
    return point.version.fetched_at


def mandate_feed(entity: str, points: list[MandatePoint]) -> Response:
    entries = []
    for point in reversed(points[-MAX_ENTRIES:]):
        parts = []
        if point.mandate_end:
            parts.append(f"mandate until {point.mandate_end.isoformat()}")
        if point.period_months:
            parts.append(f"period {point.period_months} months")
        if point.troop_ceiling:
            parts.append(f"troop ceiling {point.troop_ceiling:,}")
        if point.police_ceiling:
            parts.append(f"police ceiling {point.police_ceiling:,}")
        path = refs.version_path(point.document, point.version.number)
        entries.append(Entry(context.absolute(path), f"{_name(point.document)} ({entity})", _when(point),
                             context.absolute(path), "; ".join(parts) or "mandate resolution"))
    path = refs.mandate_path(entity)
    return _render(f"{entity}: mandate resolutions", path + "/feed.atom", path, entries)


def search_feed(criteria, result: SearchResult) -> Response:
    params = {k: v for k, v in (("q", criteria.q), ("kind", criteria.kind), ("year", criteria.year),
                                ("mission", criteria.mission)) if v}
    entries = []
    for hit in result.hits:
        path = refs.version_path(hit.document, hit.version.number)
        snippet = "".join(text for text, _ in hit.snippet)
        entries.append(Entry(context.absolute(path), f"{_name(hit.document)} version {hit.version.number}",
                             hit.version.fetched_at, context.absolute(path), snippet))
    query = urlencode(params)
    return _render(f"Search: {criteria.q}", "/search/feed.atom?" + query, "/search?" + query, entries)
