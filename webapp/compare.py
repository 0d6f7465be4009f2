"""Comparison permalinks: `/compare?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1`.

Both sides pinned: immutable, cached, 304 on revalidation. A side without `@N` means its
latest version and redirects (briefly cacheable) to the pinned permalink. Other
spellings of the same pair redirect to this one.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, redirect, render_template, request
from sqlalchemy.orm import Session

from models.documents import Version

from . import context, mandate_views, refs
from .caching import SHORT_LIVED, strong_etag
from .comparisons import flatten

bp = Blueprint("compare", __name__)


@dataclass(frozen=True)
class Pair:
    old: Version
    new: Version
    pinned: bool  # both sides named a version number

    @property
    def query(self) -> str:
        return refs.compare_query(refs.version_ref(self.old.document, self.old.number),
                                  refs.version_ref(self.new.document, self.new.number))

    @property
    def path(self) -> str:
        return "/compare?" + self.query

    @property
    def etag(self) -> str:
        return strong_etag("compare", self.old.document_id, self.old.number, self.old.text_sha256,
                           self.new.document_id, self.new.number, self.new.text_sha256)


def resolve_pair(session: Session, old_raw: str | None, new_raw: str | None) -> Pair:
    """The two versions `old` and `new` name; 404 when either names nothing stored."""
    if not old_raw or not new_raw:
        abort(400, "give two versions: ?old=SYMBOL@N&new=SYMBOL@M")
    sides = []
    pinned = True
    for raw in (old_raw, new_raw):
        try:
            ref, number = refs.parse_version_ref(raw)
        except refs.RefError:
            abort(404)
        document = refs.find_document(session, ref)
        version = refs.find_version(session, document, number) if document else None
        if version is None:
            abort(404)
        pinned = pinned and number is not None
        sides.append(version)
    return Pair(sides[0], sides[1], pinned)


def canonical_redirect(pair: Pair, base: str):
    """A redirect to the pair's permalink when the request spelled it differently."""
    if not pair.pinned:
        response = redirect(base + "?" + pair.query, code=302)
        response.headers["Cache-Control"] = SHORT_LIVED
        return response
    from .readings import READING_PARAM, reading_url, without_reading

    if without_reading(request.query_string.decode("latin-1")) != pair.query:
        wanted = request.args.get(READING_PARAM)
        target = base + "?" + pair.query
        return redirect(reading_url(target, wanted) if wanted else target, code=301)
    return None


@bp.get("/compare")
def compare_page():
    cached = context.cached_immutable()
    if cached is not None:
        return cached
    if "old" not in request.args and "new" not in request.args:
        return render_template("compare_form.html")
    with context.db().reader() as session:
        pair = resolve_pair(session, request.args.get("old"), request.args.get("new"))
        moved = canonical_redirect(pair, "/compare")
        if moved:
            return moved
        # The gap between non-consecutive mandates is an input of the reading: read once, frozen with it.
        return context.serve_frozen(lambda: _render(pair, mandate_views.gap_between(
            session, pair.old.document, pair.new.document)))


def _render(pair: Pair, gap: tuple[str, tuple[str, ...]] | None = None) -> str:
    data = context.comparisons().get(pair.old, pair.new)
    if gap:
        data = dict(data, summary=mandate_views.qualify_summary(data["summary"], len(gap[1]) or 1))
    rows, used, row_of = [], set(), {}
    changes = 0
    for depth, entry in flatten(data["paragraphs"]):
        changed = entry["change"] not in ("unchanged", "renumbered")
        if changed:
            changes += 1
        side, ref = ("new", entry["new"]) if entry.get("new") else ("old", entry.get("old"))
        row_id = f"{side}-{ref['anchor']}" if ref and ref.get("anchor") else f"row-{len(rows)}"
        if row_id in used:
            row_id = f"{row_id}-{len(rows)}"
        used.add(row_id)
        for key in ("old", "new"):
            if entry.get(key) and entry[key].get("anchor"):
                row_of.setdefault((key, entry[key]["anchor"]), row_id)
        rows.append({"depth": depth, "entry": entry, "changed": changed, "index": changes if changed else None,
                     "id": row_id})
    facts = []
    for fact in data["facts"]:
        targets = [(a, row_of.get(("new", a))) for a in fact["paragraphs"]["new"]]
        targets += [(a, row_of.get(("old", a))) for a in fact["paragraphs"]["old"] if ("new", a) not in row_of]
        facts.append({"fact": fact, "targets": [(a, r) for a, r in targets if r]})
    return render_template(
        "compare.html", pair=pair, data=data, mandate_gap=gap, rows=rows, changes=changes, facts=facts,
        old_document=pair.old.document, new_document=pair.new.document,
        permalink=context.absolute(pair.path), api_path="/api/v1/compare?" + pair.query,
        swap_path=refs.compare_path(pair.new.document, pair.new.number, pair.old.document, pair.old.number),
    )
