"""The search page: full text over every stored version, filtered by kind, year, mission."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from models.documents import DocumentKind
from models.mandates import MandateState
from models.search import Hit, SearchResult, search
from models.textclean import strip_controls

from . import context, feeds
from .budget import search_limit
from .extensions import limiter
from .newsitem import main_text_snippet, read_news
from .pagecache import cache, serve

NEWS_KINDS = ("news", "press_release", "statement")

bp = Blueprint("search", __name__)
PER_PAGE = 20
SORTS = ("relevance", "date")
MAX_QUERY = 300


@dataclass(frozen=True)
class Criteria:
    q: str
    kind: str | None
    year: int | None
    mission: str | None
    page: int
    sort: str = "relevance"


def criteria() -> Criteria:
    """The search form's fields from the query string; nonsense is a 400, not a 500."""
    q = (strip_controls(request.args.get("q")) or "").strip()[:MAX_QUERY]
    kind = request.args.get("kind") or None
    if kind and kind not in {k.value for k in DocumentKind}:
        abort(400, "unknown kind")
    year_raw = request.args.get("year") or ""
    if year_raw and not (year_raw.isascii() and year_raw.isdigit() and len(year_raw) == 4 and 1900 <= int(year_raw) <= 2999):
        abort(400, "year: four digits")
    page_raw = request.args.get("page") or "1"
    if not (page_raw.isascii() and page_raw.isdigit()) or len(page_raw) > 3 or not 1 <= int(page_raw) <= 500:
        abort(400, "page: a positive number")
    mission = (strip_controls(request.args.get("mission")) or "").strip()[:200] or None
    sort = request.args.get("sort") or "relevance"
    if sort not in SORTS:
        abort(400, "sort: relevance or date")
    return Criteria(q, kind, int(year_raw) if year_raw else None, mission, int(page_raw), sort)


def run(session, c: Criteria, per_page: int = PER_PAGE) -> SearchResult:
    result = search(session, c.q, kind=c.kind, year=c.year, mission=c.mission, limit=per_page,
                    offset=(c.page - 1) * per_page, sort=c.sort, today=context.today())
    for index, hit in enumerate(result.hits):
        if hit.document.kind in NEWS_KINDS:  # snippets from the main text, not the site's banners
            snippet = main_text_snippet(read_news(hit.document, hit.version).paragraphs, c.q)
            if snippet:
                result.hits[index] = Hit(hit.document, hit.version, snippet)
    return result


@bp.get("/search")
@limiter.shared_limit(search_limit, scope="search")
def search_page():
    c = criteria()
    def render() -> str:
        with context.db().reader() as session:
            return render_template(
                "search.html", c=c, result=run(session, c) if c.q else None, kinds=[k.value for k in DocumentKind],
                missions=sorted(session.scalars(select(MandateState.entity_id).where(MandateState.steps > 0))),
                per_page=PER_PAGE,
                query_for=lambda **changes: _query_string(c, **changes))

    return serve(cache().page(render))


def _query_string(c: Criteria, **changes) -> str:
    from urllib.parse import urlencode

    fields = {"q": c.q, "kind": c.kind, "year": c.year, "mission": c.mission, "sort": c.sort, "page": c.page}
    fields.update(changes)
    if fields.get("sort") == "relevance":
        fields.pop("sort")
    if fields.get("page") == 1:
        fields.pop("page")
    return urlencode({k: v for k, v in fields.items() if v})


@bp.get("/search/feed.atom")
@limiter.shared_limit(search_limit, scope="search")
def search_feed():
    c = criteria()
    if not c.q:
        abort(400, "a search feed needs a query: ?q=…")
    with context.db().reader() as session:
        return feeds.search_feed(c, run(session, c))
