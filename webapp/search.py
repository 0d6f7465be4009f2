"""The search page: full text over every stored version, filtered by kind, year, mission."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template, request
from sqlalchemy import select

from models.documents import DocumentKind
from models.mandates import MandateState
from models.search import SearchResult, search

from . import context, feeds
from .caching import short_lived

bp = Blueprint("search", __name__)
PER_PAGE = 20
MAX_QUERY = 300


@dataclass(frozen=True)
class Criteria:
    q: str
    kind: str | None
    year: int | None
    mission: str | None
    page: int


def criteria() -> Criteria:
    """The search form's fields from the query string; nonsense is a 400, not a 500."""
    q = (request.args.get("q") or "").strip()[:MAX_QUERY]
    kind = request.args.get("kind") or None
    if kind and kind not in {k.value for k in DocumentKind}:
        abort(400, "unknown kind")
    year_raw = request.args.get("year") or ""
    if year_raw and not (year_raw.isdigit() and 1900 <= int(year_raw) <= 2999):
        abort(400, "year: four digits")
    page_raw = request.args.get("page") or "1"
    if not page_raw.isdigit() or not 1 <= int(page_raw) <= 500:
        abort(400, "page: a positive number")
    mission = (request.args.get("mission") or "").strip()[:200] or None
    return Criteria(q, kind, int(year_raw) if year_raw else None, mission, int(page_raw))


def run(session, c: Criteria, per_page: int = PER_PAGE) -> SearchResult:
    return search(session, c.q, kind=c.kind, year=c.year, mission=c.mission, limit=per_page,
                  offset=(c.page - 1) * per_page)


@bp.get("/search")
def search_page():
    c = criteria()
    with context.db().reader() as session:
        result = run(session, c) if c.q else None
        page = render_template(
            "search.html", c=c, result=result, kinds=[k.value for k in DocumentKind],
            missions=sorted(session.scalars(select(MandateState.entity_id).where(MandateState.steps > 0))), per_page=PER_PAGE,
        )
    return short_lived(Response(page, mimetype="text/html"), request)


@bp.get("/search/feed.atom")
def search_feed():
    c = criteria()
    if not c.q:
        abort(400, "a search feed needs a query: ?q=…")
    with context.db().reader() as session:
        return feeds.search_feed(c, run(session, c))
