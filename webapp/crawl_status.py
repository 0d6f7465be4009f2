"""The crawl status page for operators: each source's last crawl, its counts and whether
it looked healthy (an unhealthy source is reported here and in the log, never to
subscribers). `/status/crawls` (HTML) and `/status/crawls.json`."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from models.crawls import source_health

from . import context

bp = Blueprint("crawl_status", __name__)


def _runs() -> list[dict]:
    with context.db().reader() as session:
        return [{
            "spider": run.spider, "mode": run.mode, "status": run.status, "healthy": run.healthy,
            "message": run.message, "started_at": run.started_at.isoformat() if run.started_at else None,
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
            "pages_seen": run.pages_seen, "pages_new": run.pages_new, "pages_unchanged": run.pages_unchanged,
            "pages_failed": run.pages_failed, "items": run.items,
        } for run in source_health(session)]


def _held() -> list[dict]:
    from models.quarantine import held

    with context.db().reader() as session:
        return [{"id": row.id, "document": row.document.key, "previous_version": row.previous_number,
                 "reason": row.reason, "held_at": row.held_at.isoformat()} for row in held(session)]


@bp.get("/status/crawls")
def page():
    response = render_template("crawl_status.html", runs=_runs(), held=_held())
    return response, 200, {"Cache-Control": "no-store"}


@bp.get("/status/crawls.json")
def as_json():
    response = jsonify({"sources": _runs(), "quarantine": _held()})
    response.headers["Cache-Control"] = "no-store"
    return response
