"""The engine id of this deployment, and serving immutable URLs from frozen readings.

The engine is everything that turns stored versions into a response body: the text core
(`models/text`, `models/rawtext`, `models/readback.py`) and this package's views,
templates and static files. Its id is a hash of those files, so any change to them is a
new engine — and a new reading, under a new URL — while every URL already served keeps
its first body (models.readings).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Response, abort, current_app, request

from models.readings import Reading, find, freeze

from .caching import RENDERER

_MODELS = Path(__file__).resolve().parent.parent / "models"
READING_PARAM = "reading"


def _engine_hash() -> str:
    digest = hashlib.sha256(RENDERER.encode())
    files = sorted(p for pattern in ("text/**/*.py", "rawtext/**/*.py", "readback.py")
                   for p in _MODELS.glob(pattern) if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(_MODELS)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


ENGINE = _engine_hash()


def engine() -> str:
    """This deployment's engine id (the app's `ENGINE` setting overrides it, for tests)."""
    return current_app.config.get("ENGINE") or ENGINE


def without_reading(query: str) -> str:
    """A raw query string without its `reading` parameter, order kept."""
    return "&".join(part for part in query.split("&") if part.split("=", 1)[0] != READING_PARAM)


def frozen_path() -> str:
    """The URL a reading is frozen under: path and query, without `reading`."""
    query = without_reading(request.query_string.decode("latin-1"))
    return request.path + ("?" + query if query else "")


def reading_url(path: str, engine_id: str) -> str:
    return path + ("&" if "?" in path else "?") + f"{READING_PARAM}={engine_id}"


def current_reading(render, mimetype: str, headers: dict | None) -> Reading:
    """The reading this request names: the first one frozen for the URL, or the one of the
    engine `?reading=` names; made now (and frozen) by this engine when there is none."""
    from . import context

    path, wanted = frozen_path(), request.args.get(READING_PARAM)
    with context.db().reader() as session:
        reading = find(session, path, wanted)
    if reading is not None:
        return reading
    if wanted and wanted != engine():
        abort(404, "that reading was never made; the URL without ?reading= gives the first one")
    body = render()
    body = body.encode("utf-8") if isinstance(body, str) else body
    with context.db().writer() as session:
        return freeze(session, path, engine(), body, mimetype, dict(headers or {}))


def response_headers(reading: Reading) -> dict[str, str]:
    """The stored headers, and a link to this engine's reading when the frozen one is older."""
    from . import context

    headers = dict(reading.headers)
    if reading.engine != engine():
        headers["Link"] = f'<{context.absolute(reading_url(reading.path, engine()))}>; rel="successor-version"'
    return headers


def frozen_response(reading: Reading) -> Response:
    return Response(reading.body, mimetype=reading.media_type, headers=response_headers(reading))
