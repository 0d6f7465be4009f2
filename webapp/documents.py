"""Document pages (latest state) and version permalinks (immutable), with downloads.

URLs: `/S/RES/2709(2023)` the document, `/S/RES/2709(2023)@1` version 1,
`…@1/original` the captured bytes, `…@1/text`, `…@1/json`, `/S/RES/2709(2023)/feed.atom`.
Any other spelling of a symbol (`/s/res/2709 (2023)`) redirects to this one.
"""
from __future__ import annotations

import hashlib
import re

from flask import Blueprint, abort, redirect, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.captures import captures_of
from models.documents import Document, Version
from models.mandates import entities_of, previous_mandate
from models.queries import document_links, lineage, votes_for

from . import context, feeds, refs
from .caching import content_etag, short_lived
from .citation import cite
from .jsonout import json_bytes
from .site import SUBSCRIBE_FORM

bp = Blueprint("documents", __name__)

_VERSION = re.compile(r"^(?P<doc>.+?)@(?P<number>\d{1,9})(?P<part>/original|/text|/json)?$")
_FEED = "/feed.atom"


@bp.get("/<path:target>")
def dispatch(target: str):
    """One entry point for every document URL, so symbols with slashes route predictably."""
    cached = context.cached_immutable()
    if cached is not None:
        return cached
    match = _VERSION.match(target)
    if match:
        return _version_url(match.group("doc"), int(match.group("number")), match.group("part") or "")
    if target.endswith(_FEED):
        return _document_url(target[: -len(_FEED)], feed=True)
    return _document_url(target, feed=False)


def document_or_404(raw: str, session) -> Document:
    """The document a URL spells, in any spelling of its symbol; 404 if there is none."""
    try:
        ref = refs.parse_document(raw)
    except refs.RefError:
        abort(404)
    document = refs.find_document(session, ref)
    if document is None:
        abort(404)
    return document


def _canonical(raw: str, document: Document, rest: str):
    """A redirect to the canonical spelling, when `raw` is another one."""
    if raw != refs.slug(document):
        query = ("?" + request.query_string.decode("latin-1")) if request.query_string else ""
        return redirect(refs.document_path(document) + rest + query, code=301)
    return None


def _document_url(raw: str, feed: bool):
    with context.db().reader() as session:
        document = document_or_404(raw, session)
        moved = _canonical(raw, document, _FEED if feed else "")
        if moved:
            return moved
        versions = list(session.scalars(
            select(Version).where(Version.document_id == document.id).order_by(Version.number)))
        if feed:
            return feeds.document_feed(session, document, versions)
        latest = versions[-1] if versions else None
        page = render_template(
            "document.html", document=document, versions=versions, latest=latest,
            facts=list(latest.facts) if latest else [],
            links=document_links(session, document), lineage=lineage(session, document),
            votes=votes_for(session, document), previous=previous_mandate(session, document),
            entities=[step.entity_id for step in entities_of(session, document)],
            captures=captures_of(session, document.id),
        )
    return short_lived(_html(page), request, personal=SUBSCRIBE_FORM.exists())


def _version_url(raw: str, number: int, part: str):
    with context.db().reader() as session:
        document = document_or_404(raw, session)
        moved = _canonical(raw, document, f"@{number}{part}")
        if moved:
            return moved
        version = session.scalar(
            select(Version).options(selectinload(Version.paragraphs), selectinload(Version.facts))
            .where(Version.document_id == document.id, Version.number == number))
        if version is None:
            abort(404)
        if part == "/original":  # the captured bytes themselves: immutable by construction
            return _original(version, document, content_etag("original", version.raw_sha256))
        if part == "/text":  # the stored text itself
            return context.serve_immutable(content_etag("text", version.text_sha256), lambda: version.text,
                                           "text/plain", _attachment(document, number, "txt"))
        # Paragraphs, facts and the page are a reading of the version: frozen the first time.
        if part == "/json":
            return context.serve_frozen(lambda: json_bytes(version_json(document, version)), "application/json")
        return context.serve_frozen(lambda: _render_version(document, version))


def _render_version(document: Document, version: Version) -> str:
    permalink = context.absolute(refs.version_path(document, version.number))
    return render_template(
        "version.html", document=document, version=version, tree=paragraph_tree(version),
        citation=cite(document, version, permalink), permalink=permalink,
        text_bytes_sha256=hashlib.sha256(version.text.encode("utf-8")).hexdigest(),
        blob_size=version.blob.size,
    )


def _original(version: Version, document: Document, etag: str):
    from .security import DOWNLOAD_POLICY

    extension = {"text/html": "html", "application/pdf": "pdf", "application/xml": "xml", "text/plain": "txt"}.get(
        version.media_type, "bin")
    headers = _attachment(document, version.number, extension)
    headers["Content-Security-Policy"] = DOWNLOAD_POLICY
    headers["X-Capture-SHA256"] = version.raw_sha256
    # Served as bytes to save, never as a page to render: a captured HTML page stays inert.
    mimetype = version.media_type if version.media_type in ("application/pdf", "text/plain") else "application/octet-stream"
    return context.serve_immutable(etag, lambda: version.blob.data, mimetype, headers)


def _attachment(document: Document, number: int, extension: str) -> dict:
    name = re.sub(r"[^A-Za-z0-9]+", "_", refs.slug(document)).strip("_") + f"_v{number}.{extension}"
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _html(page: str):
    from flask import Response

    return Response(page, mimetype="text/html")


def paragraph_tree(version: Version) -> list[dict]:
    """The version's paragraphs as nested dicts {row, children} in reading order."""
    rows = list(version.paragraphs)
    children: dict[int | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row) -> dict:
        return {"row": row, "children": [build(c) for c in children.get(row.id, [])]}

    return [build(r) for r in children.get(None, [])]


def version_json(document: Document, version: Version) -> dict:
    """One version as the API and the `…@N/json` download give it."""
    def paragraph(node: dict) -> dict:
        row = node["row"]
        return {"kind": row.kind, "number": row.number, "anchor": row.anchor, "text": row.text,
                "children": [paragraph(c) for c in node["children"]]}

    return {
        "symbol": document.symbol or document.key,
        "kind": document.kind,
        "version": version.number,
        "title": version.title,
        "adopted_on": version.adopted_on.isoformat() if version.adopted_on else None,
        "meeting": version.meeting,
        "fetched_at": version.fetched_at.isoformat(),
        "source_url": version.url,
        "media_type": version.media_type,
        "sha256": version.text_sha256,
        "raw_sha256": version.raw_sha256,
        "url": context.absolute(refs.version_path(document, version.number)),
        "paragraphs": [paragraph(n) for n in paragraph_tree(version)],
        "facts": [fact_json(f) for f in version.facts],
        "text": version.text,
    }


def fact_json(fact) -> dict:
    return {"kind": fact.kind, "value": fact.value, "entity": fact.entity, "paragraph": fact.paragraph,
            "evidence": fact.evidence, "reported": fact.reported}
