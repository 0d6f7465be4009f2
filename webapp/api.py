"""JSON API `/api/v1/…`: documents, versions, facts, comparisons, mandates, search.

Other tools rely on two shapes (DESIGN.md): `GET /api/v1/documents/<symbol>` gives
`{symbol, kind, title, url, versions: [{number, url, sha256, fetched_at}], facts, links}`
and `GET /api/v1/compare?old=SYMBOL@N&new=SYMBOL@M` the `diff --json` object plus `url`,
the comparison's HTML permalink. Version and comparison responses are immutable.
"""
from __future__ import annotations

import re

from flask import Blueprint, abort, redirect, request
from sqlalchemy import func, select

from models.documents import Document, DocumentKind, Fact, Version
from models.mandates import MandateState, entities_of, load_registry, steps_of
from models.queries import document_links

from . import context, mandate_views, refs
from .caching import short_lived
from .compare import canonical_redirect, resolve_pair
from .documents import document_or_404, fact_json, version_json
from .jsonout import json_bytes, json_response
from .openapi import openapi_document
from .search import criteria, run

bp = Blueprint("api", __name__, url_prefix="/api/v1")
_VERSION = re.compile(r"^(?P<doc>.+?)/versions/(?P<number>\d{1,9})$")
_TAIL = re.compile(r"^(?P<doc>.+?)/(?P<what>versions|facts)$")
MAX_LIMIT = 200


def _latest(response):
    return short_lived(response, request)


@bp.get("/openapi.json")
def openapi():
    return _latest(json_response(openapi_document(context.absolute(""))))


@bp.get("/documents")
def documents():
    kind = request.args.get("kind") or None
    if kind and kind not in {k.value for k in DocumentKind}:
        abort(400, "unknown kind")
    limit, offset = _int_arg("limit", 50, 1, MAX_LIMIT), _int_arg("offset", 0, 0, 10**9)
    with context.db().reader() as session:
        query = select(Document)
        if kind:
            query = query.where(Document.kind == kind)
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        rows = session.scalars(query.order_by(Document.id).limit(limit).offset(offset)).all()
        body = {"total": total, "limit": limit, "offset": offset,
                "documents": [_summary(d) for d in rows]}
    return _latest(json_response(body))


def _int_arg(name: str, default: int, lo: int, hi: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not lo <= int(raw) <= hi:
        abort(400, f"{name}: a number from {lo} to {hi}")
    return int(raw)


def _summary(document: Document) -> dict:
    return {"symbol": document.symbol or document.key, "kind": document.kind, "title": document.title,
            "url": context.absolute(refs.document_path(document)),
            "api_url": context.absolute("/api/v1/documents/" + refs.slug(document))}


@bp.get("/documents/<path:target>")
def document(target: str):
    cached = context.cached_immutable()
    if cached is not None:
        return cached
    match = _VERSION.match(target)
    doc_raw, tail = (match.group("doc"), f"/versions/{match.group('number')}") if match else (target, "")
    if not match:
        tail_match = _TAIL.match(target)
        if tail_match:
            doc_raw, tail = tail_match.group("doc"), "/" + tail_match.group("what")
    with context.db().reader() as session:
        found = document_or_404(doc_raw, session)
        if doc_raw != refs.slug(found):
            return redirect("/api/v1/documents/" + refs.slug(found) + tail, code=301)
        versions = list(session.scalars(select(Version).where(Version.document_id == found.id).order_by(Version.number)))
        if match:
            number = int(match.group("number"))
            version = next((v for v in versions if v.number == number), None)
            if version is None:
                abort(404)
            return context.serve_frozen(lambda: json_bytes(version_json(found, version)), "application/json")
        if tail == "/facts":
            return _latest(json_response(_facts(session, found, versions)))
        body = document_json(session, found, versions)
        if tail == "/versions":
            body = {"symbol": body["symbol"], "versions": body["versions"]}
        return _latest(json_response(body))


def document_json(session, document: Document, versions: list[Version]) -> dict:
    latest = versions[-1] if versions else None
    return {
        "symbol": document.symbol or document.key,
        "kind": document.kind,
        "title": document.title,
        "url": context.absolute(refs.document_path(document)),
        "undocs_url": _undocs(document),
        "versions": [
            {"number": v.number, "url": context.absolute(refs.version_path(document, v.number)),
             "api_url": context.absolute(f"/api/v1/documents/{refs.slug(document)}/versions/{v.number}"),
             "sha256": v.text_sha256, "raw_sha256": v.raw_sha256, "fetched_at": v.fetched_at.isoformat()}
            for v in versions
        ],
        "facts": [fact_json(f) for f in latest.facts] if latest else [],
        "links": [
            {"relation": relation, "symbol": other.symbol or other.key, "kind": other.kind,
             "url": context.absolute(refs.document_path(other))}
            for relation, other in document_links(session, document)
        ],
        "mandates": [step.entity_id for step in entities_of(session, document)],
    }


def _undocs(document: Document) -> str | None:
    from models.text.symbols import undocs_url

    return undocs_url(document.symbol) if document.symbol else None


def _facts(session, document: Document, versions: list[Version]) -> dict:
    by_version: dict[int, list] = {v.id: [] for v in versions}
    for fact in session.scalars(select(Fact).where(Fact.version_id.in_(list(by_version))).order_by(Fact.id)):
        by_version[fact.version_id].append(fact_json(fact))
    return {"symbol": document.symbol or document.key,
            "versions": [{"number": v.number, "facts": by_version[v.id]} for v in versions]}


@bp.get("/compare")
def compare():
    cached = context.cached_immutable()
    if cached is not None:
        return cached
    with context.db().reader() as session:
        pair = resolve_pair(session, request.args.get("old"), request.args.get("new"))
        moved = canonical_redirect(pair, "/api/v1/compare")
        if moved:
            return moved

        gap = mandate_views.gap_between(session, pair.old.document, pair.new.document)

        def render() -> bytes:
            body = dict(context.comparisons().get(pair.old, pair.new))
            body["url"] = context.absolute(pair.path)
            if gap:  # not consecutive mandates: say so, and no "extended by 9.5 years"
                body["summary"] = mandate_views.qualify_summary(body["summary"], len(gap[1]) or 1)
                body["mandate_gap"] = {"mandate": gap[0], "known_symbols": list(gap[1])}
            return json_bytes(body)

        return context.serve_frozen(render, "application/json")


@bp.get("/mandates")
def mandates():
    today = context.today()
    with context.db().reader() as session:
        body = {"mandates": [
            {"id": entity.id, "name": entity.name, "kind": entity.kind, "agenda_item": entity.agenda_item,
             "status": state_status, "ends_on": state.ends_on.isoformat() if state.ends_on else None,
             "resolutions": state.steps, "url": context.absolute(refs.mandate_path(entity.id)),
             "api_url": context.absolute("/api/v1" + refs.mandate_path(entity.id))}
            for entity, state, state_status in mandate_views.listing(session, today)]}
    return _latest(json_response(body))


@bp.get("/mandates/<entity>")
def mandate(entity: str):
    entity_id = entity
    entity = load_registry().get(entity_id)
    if entity is None:
        abort(404)
    with context.db().reader() as session:
        state = session.get(MandateState, entity.id)
        body = mandate_views.mandate_json(entity, state, steps_of(session, entity.id), context.today(), context.absolute)
    return _latest(json_response(body))


@bp.get("/search")
def search():
    c = criteria()
    if not c.q:
        abort(400, "q: the words to search for")
    with context.db().reader() as session:
        result = run(session, c)
        body = {"query": c.q, "total": result.total, "page": c.page, "hits": [
            {"symbol": h.document.symbol or h.document.key, "kind": h.document.kind, "title": h.document.title,
             "version": h.version.number, "url": context.absolute(refs.version_path(h.document, h.version.number)),
             "snippet": "".join(t for t, _ in h.snippet)}
            for h in result.hits]}
    return _latest(json_response(body))
