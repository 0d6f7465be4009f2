"""The home page (latest changes, mandates expiring soon, search) and the mandate pages."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from models.mandates import expiring_mandates, mandate_entities, mandate_series
from models.queries import latest_changes

from . import context, feeds
from .caching import short_lived
from .site import SUBSCRIBE_FORM
from .charts import ceilings_chart, length_chart, mandate_months

bp = Blueprint("home", __name__)
EXPIRING_DAYS = 60


@bp.get("/")
def index():
    today = context.today()
    with context.db().reader() as session:
        page = render_template(
            "index.html", changes=latest_changes(session, 30), today=today, days=EXPIRING_DAYS,
            expiring=expiring_mandates(session, today, EXPIRING_DAYS), entities=mandate_entities(session),
        )
    return short_lived(Response(page, mimetype="text/html"), request)


@bp.get("/mandates")
def mandates():
    with context.db().reader() as session:
        page = render_template("mandates.html", entities=mandate_entities(session))
    return short_lived(Response(page, mimetype="text/html"), request)


def _series_or_404(session, entity: str):
    if len(entity) > 200:
        abort(404)
    points = mandate_series(session, entity)
    if not points:
        abort(404)
    return points


@bp.get("/mandates/<entity>")
def mandate(entity: str):
    with context.db().reader() as session:
        points = _series_or_404(session, entity)
        rows = []
        for index, point in enumerate(points):
            before = points[index - 1] if index else None
            rows.append({"point": point, "before": before, "months": mandate_months(point, before)})
        page = render_template(
            "mandate.html", entity=entity, rows=rows, ceilings=ceilings_chart(points), lengths=length_chart(points),
            latest=points[-1],
        )
    return short_lived(Response(page, mimetype="text/html"), request, personal=SUBSCRIBE_FORM.exists())


@bp.get("/mandates/<entity>/feed.atom")
def mandate_feed(entity: str):
    with context.db().reader() as session:
        return feeds.mandate_feed(entity, _series_or_404(session, entity))
