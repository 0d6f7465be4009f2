"""The home page (latest changes, mandates expiring soon, search) and the mandate pages."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, render_template

from models.events import council_events, failed_votes, new_drafts_and_reports
from models.mandates import expiring_mandates, mandate_entities, mandate_series

from . import context, feeds
from .charts import ceilings_chart, length_chart, mandate_months
from .newsitem import published_on
from .pagecache import cache, serve

bp = Blueprint("home", __name__)
EXPIRING_DAYS = 60


WEEK = 7


def home_page(session, today) -> str:
    """The home page: Council events by the date they happened, this week and before."""
    events = council_events(session, 40, published_on=published_on)
    week_start = today - timedelta(days=WEEK - 1)
    return render_template(
        "index.html", today=today, days=EXPIRING_DAYS,
        this_week=[e for e in events if week_start <= e.on <= today],
        before=[e for e in events if e.on < week_start],
        upcoming=[e for e in events if e.on > today],
        expiring=expiring_mandates(session, today, EXPIRING_DAYS), entities=mandate_entities(session),
        failed=failed_votes(session, 8), arrivals=new_drafts_and_reports(session, 8),
    )


@bp.get("/")
def index():
    today = context.today()

    def render() -> str:
        with context.db().reader() as session:
            return home_page(session, today)

    return serve(cache().page(render, vary=today.isoformat()))


@bp.get("/mandates")
def mandates():
    def render() -> str:
        with context.db().reader() as session:
            return render_template("mandates.html", entities=mandate_entities(session))

    return serve(cache().page(render))


def _series_or_404(session, entity: str):
    if len(entity) > 200:
        abort(404)
    points = mandate_series(session, entity)
    if not points:
        abort(404)
    return points


@bp.get("/mandates/<entity>")
def mandate(entity: str):
    def render() -> str:
        with context.db().reader() as session:
            return _mandate_page(session, entity)

    return serve(cache().page(render))


def _mandate_page(session, entity: str) -> str:
    points = _series_or_404(session, entity)
    rows = []
    for index, point in enumerate(points):
        before = points[index - 1] if index else None
        rows.append({"point": point, "before": before, "months": mandate_months(point, before)})
    return render_template(
        "mandate.html", entity=entity, rows=rows, ceilings=ceilings_chart(points), lengths=length_chart(points),
        latest=points[-1],
    )


@bp.get("/mandates/<entity>/feed.atom")
def mandate_feed(entity: str):
    with context.db().reader() as session:
        return feeds.mandate_feed(entity, _series_or_404(session, entity))
