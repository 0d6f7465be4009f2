"""The home page (latest changes, mandates expiring soon, search) and the mandate pages."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from models.mandates import expiring
from models.queries import latest_changes

from . import context, feeds, mandate_views
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
            expiring=expiring(session, today, EXPIRING_DAYS), entities=mandate_views.listing(session, today),
        )
    return short_lived(Response(page, mimetype="text/html"), request)


@bp.get("/mandates")
def mandates():
    with context.db().reader() as session:
        page = render_template("mandates.html", entities=mandate_views.listing(session, context.today()),
                               statuses=mandate_views.STATUS_LABELS, kinds=mandate_views.KIND_LABELS)
    return short_lived(Response(page, mimetype="text/html"), request)


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
