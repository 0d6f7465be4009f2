"""The home page (latest changes, mandates expiring soon, search) and the mandate pages."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, abort, render_template, request

from models.events import council_events, failed_votes, new_drafts_and_reports
from models.mandates import expiring

from . import context, feeds, mandate_views
from .caching import short_lived
from .site import SUBSCRIBE_FORM
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
        expiring=expiring(session, today, EXPIRING_DAYS), entities=mandate_views.listing(session, today),
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
            return render_template("mandates.html", entities=mandate_views.listing(session, context.today()),
                                   statuses=mandate_views.STATUS_LABELS, kinds=mandate_views.KIND_LABELS)

    return serve(cache().page(render))


def _lineage_or_404(session, entity_id: str) -> mandate_views.Lineage:
    if len(entity_id) > 200:
        abort(404)
    found = mandate_views.lineage(session, entity_id, context.today())
    if found is None:
        abort(404)
    return found


@bp.get("/mandates/<entity>")
def mandate(entity: str):
    entity_id = entity
    with context.db().reader() as session:
        found = _lineage_or_404(session, entity_id)
        rows = []
        for index, step in enumerate(found.steps):
            gap = found.gap_before(step) if index else None
            before = found.steps[index - 1] if index else None
            rows.append({"point": step, "before": before, "gap": gap,
                         "months": mandate_months(step, None if gap else before)})
        page = render_template(
            "mandate.html", entity=found.entity, lineage=found, rows=rows, ceilings=ceilings_chart(found.steps),
            lengths=length_chart(found.steps, found.gaps), latest=found.steps[-1], today=context.today(),
            statuses=mandate_views.STATUS_LABELS, kinds=mandate_views.KIND_LABELS,
        )
    return short_lived(Response(page, mimetype="text/html"), request, personal=SUBSCRIBE_FORM.exists())


@bp.get("/mandates/<entity>/feed.atom")
def mandate_feed(entity: str):
    entity_id = entity
    with context.db().reader() as session:
        found = _lineage_or_404(session, entity_id)
        return feeds.mandate_feed(found.entity.id, found.steps)
