"""Calendars of mandate expiries (iCalendar, RFC 5545, written with the icalendar library):
`/mandates/calendar.ics` for every mandate and `/mandates/<entity>/calendar.ics` for one.

Each resolution that sets a mandate end ("Decides to extend the mandate of MINUSCA until
15 November 2025") gives one all-day event on that date, linking to the mandate page and
to the resolution; an analyst subscribes in a calendar and sees renewals coming.
"""
from __future__ import annotations

from datetime import timezone

from flask import Blueprint, Response, abort, request
from icalendar import Calendar, Event

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.mandates import MandateStep, steps_of

from . import context, refs
from .caching import short_lived

bp = Blueprint("calendars", __name__)
ICS = "text/calendar"


def _calendar(name: str, points_by_entity: dict[str, list[MandateStep]]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//councilwatch//mandate expiries//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for entity, points in sorted(points_by_entity.items()):
        seen = set()
        for point in points:
            end = point.mandate_end
            if end is None or end in seen:
                continue
            seen.add(end)
            latest = point
            mandate_url = context.absolute(refs.mandate_path(entity))
            resolution_url = context.absolute(refs.document_path(latest.document))
            event = Event()
            event.add("uid", f"mandate-end-{entity}-{end.isoformat()}@councilwatch")
            event.add("summary", f"{entity} mandate ends")
            event.add("dtstart", end)
            event.add("dtstamp", latest.version.fetched_at.astimezone(timezone.utc))
            event.add("transp", "TRANSPARENT")
            event.add("url", mandate_url)
            newest = points[-1].document
            event.add("description", f"The mandate of {entity} runs until {end.isoformat()}, as decided by "
                                     f"{latest.document.symbol or latest.document.title} ({resolution_url}). "
                                     f"Latest resolution: {newest.symbol or newest.title} "
                                     f"({context.absolute(refs.document_path(newest))}). Mandate history: {mandate_url}")
            event.add("related-to", resolution_url)
            event.add("categories", ["Security Council", "mandate"])
            cal.add_component(event)
    return cal.to_ical()


def _response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype=ICS)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return short_lived(response, request)


@bp.get("/mandates/calendar.ics")
def all_mandates():
    with context.db().reader() as session:
        series: dict[str, list[MandateStep]] = {}
        for step in session.scalars(select(MandateStep).options(selectinload(MandateStep.document),
                                                                selectinload(MandateStep.version))
                                    .order_by(MandateStep.entity_id, MandateStep.resolution_number, MandateStep.id)):
            series.setdefault(step.entity_id, []).append(step)
        return _response(_calendar("Security Council mandate expiries", series), "mandates.ics")


@bp.get("/mandates/<entity>/calendar.ics")
def one_mandate(entity: str):
    if len(entity) > 200:
        abort(404)
    with context.db().reader() as session:
        points = steps_of(session, entity)
        if not points:
            abort(404)
        return _response(_calendar(f"{entity} mandate expiries", {entity: points}), "mandate.ics")


