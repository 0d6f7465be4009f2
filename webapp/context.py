"""What views share: the database, the caches, absolute URLs, today's date."""
from __future__ import annotations

from datetime import date

from flask import Flask, Response, current_app, request

from models.db import Database

from .caching import LRU, EtagMemo, immutable, not_modified
from .comparisons import ComparisonCache

PAGE_BUDGET = 96 * 1024 * 1024  # bytes of rendered immutable pages kept in memory


def install(app: Flask) -> None:
    app.extensions["councilwatch.etags"] = EtagMemo()
    app.extensions["councilwatch.comparisons"] = ComparisonCache()
    app.extensions["councilwatch.pages"] = LRU(PAGE_BUDGET, size=lambda item: len(item[0]) + 200)


def db() -> Database:
    return current_app.extensions["councilwatch.db"]


def etags() -> EtagMemo:
    return current_app.extensions["councilwatch.etags"]


def comparisons() -> ComparisonCache:
    return current_app.extensions["councilwatch.comparisons"]


def absolute(path: str) -> str:
    """`path` under the configured BASE_URL: the form permalinks and citations use."""
    return current_app.config["BASE_URL"].rstrip("/") + path


def today() -> date:
    """Today, or the date the configuration pins (`TODAY`, ISO) for a reproducible home page."""
    pinned = current_app.config.get("TODAY")
    return date.fromisoformat(str(pinned)) if pinned else date.today()


def cached_immutable() -> Response | None:
    """The stored response of an immutable URL served before, or a 304 for it."""
    etag = etags().get(_key())
    if etag is None:
        return None
    if not_modified(request, etag):
        return immutable(Response(status=304), etag, etags(), request)
    hit = current_app.extensions["councilwatch.pages"].get((_key(), etag))
    if hit is None:
        return None
    body, mimetype, headers = hit
    return immutable(Response(body, mimetype=mimetype, headers=headers), etag, etags(), request)


def serve_frozen(render, mimetype: str = "text/html", headers: dict | None = None) -> Response:
    """An immutable URL's frozen reading (webapp.readings): what it returned the first time,
    made by `render()` and frozen now if it never was. Its ETag is the body's SHA-256."""
    from .readings import current_reading, response_headers

    reading = current_reading(render, mimetype, headers)
    if not_modified(request, reading.etag):
        return immutable(Response(status=304), reading.etag, etags(), request)
    stored = response_headers(reading)
    # Kept per URL: two URLs may share a body (and ETag) but not their headers (Link).
    current_app.extensions["councilwatch.pages"].put((_key(), reading.etag), (reading.body, reading.media_type, stored))
    return immutable(Response(reading.body, mimetype=reading.media_type, headers=stored), reading.etag, etags(), request)


def serve_immutable(etag: str, render, mimetype: str = "text/html", headers: dict | None = None) -> Response:
    """304 when the client holds `etag`; else the body `render()` makes, kept for next time."""
    if not_modified(request, etag):
        return immutable(Response(status=304), etag, etags(), request)
    hit = current_app.extensions["councilwatch.pages"].get((_key(), etag))
    if hit is None:
        body = render()
        body = body.encode("utf-8") if isinstance(body, str) else body
        hit = (body, mimetype, dict(headers or {}))
        current_app.extensions["councilwatch.pages"].put((_key(), etag), hit)
    body, mimetype, stored_headers = hit
    return immutable(Response(body, mimetype=mimetype, headers=stored_headers), etag, etags(), request)


def _key() -> str:
    from .caching import request_key

    return request_key(request.environ)
