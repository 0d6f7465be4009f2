"""HTTP caching for permalinks: strong ETags from content hashes, `immutable` responses,
and revalidations answered before Flask (or the database) is touched.

A version or comparison URL always returns the same body: pages and JSON readings are
frozen the first time they are served (webapp.readings, models.readings) and their ETag
is the body's SHA-256; captured bytes and stored texts are tagged by their own hashes.
The first time an immutable URL is served, its ETag is remembered (`EtagMemo`); a
later `If-None-Match` for it is answered 304 by `RevalidationMiddleware` at the WSGI
layer, without routing, sessions or SQL.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterable

from flask import Request, Response

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT_LIVED = "public, max-age=60, must-revalidate"
_PACKAGE = Path(__file__).resolve().parent


def _renderer_hash() -> str:
    """SHA-256 over this package's templates, static files and view code."""
    digest = hashlib.sha256()
    files = sorted(p for pattern in ("templates/**/*", "static/**/*", "*.py") for p in _PACKAGE.glob(pattern) if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


RENDERER = _renderer_hash()


def strong_etag(*parts: object) -> str:
    """An opaque strong validator for content identified by `parts` (hashes, numbers)."""
    digest = hashlib.sha256(RENDERER.encode())
    for part in parts:
        digest.update(b"\x1f" + str(part).encode())
    return digest.hexdigest()[:40]


def content_etag(*parts: object) -> str:
    """A strong validator for a body that is exactly stored bytes named by `parts`
    (their SHA-256): no renderer is involved, so none is hashed."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\x1f" + str(part).encode())
    return digest.hexdigest()[:40]


def request_key(environ: dict) -> str:
    """The cache key of a request: its path and raw query string, as WSGI gives them."""
    query = environ.get("QUERY_STRING", "")
    return environ.get("PATH_INFO", "") + ("?" + query if query else "")


class LRU:
    """A small thread-safe least-recently-used map with a size budget."""

    def __init__(self, budget: int, size: Callable[[object], int] = lambda _: 1) -> None:
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._budget, self._size, self._used = budget, size, 0

    def get(self, key):
        if key is None:
            return None
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        cost = self._size(value)
        if cost > self._budget:
            return
        with self._lock:
            if key in self._data:
                self._used -= self._size(self._data.pop(key))
            self._data[key] = value
            self._used += cost
            while self._used > self._budget:
                _, old = self._data.popitem(last=False)
                self._used -= self._size(old)

    def __len__(self) -> int:
        return len(self._data)


class EtagMemo(LRU):
    """request key → ETag of an immutable URL already served."""

    def __init__(self, entries: int = 100_000) -> None:
        super().__init__(entries)


def if_none_match(header: str | None, etag: str) -> bool:
    """Does an If-None-Match header match `etag` (weak comparison, as RFC 9110 says)?"""
    if not header:
        return False
    quoted = f'"{etag}"'
    if header == quoted or header == "*":
        return True
    return any(tag.strip().removeprefix("W/") == quoted for tag in header.split(","))


class RevalidationMiddleware:
    """Serve remembered immutable URLs before Flask runs: 304 for `If-None-Match`, and
    the stored body itself when it is still in the page cache."""

    def __init__(self, app, memo: EtagMemo, pages: LRU, headers: Iterable[tuple[str, str]], page_policy: str) -> None:
        self.app, self.memo, self.pages = app, memo, pages
        self.headers, self.page_policy = list(headers), page_policy

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method in ("GET", "HEAD"):
            key = request_key(environ)
            etag = self.memo.get(key)
            if etag is not None:
                common = [("ETag", f'"{etag}"'), ("Cache-Control", IMMUTABLE), *self.headers]
                if if_none_match(environ.get("HTTP_IF_NONE_MATCH"), etag):
                    start_response("304 Not Modified", [*common, ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")])
                    return [b""]
                hit = self.pages.get((key, etag))
                if hit is not None:
                    body, mimetype, stored = hit
                    content_type = f"{mimetype}; charset=utf-8" if mimetype.startswith("text/") else mimetype
                    headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *common,
                               *stored.items()]
                    if "Content-Security-Policy" not in stored:
                        headers.append(("Content-Security-Policy", self.page_policy))
                    start_response("200 OK", headers)
                    return [b"" if method == "HEAD" else body]
        return self.app(environ, start_response)


def not_modified(request: Request, etag: str) -> bool:
    return if_none_match(request.headers.get("If-None-Match"), etag)


def immutable(response: Response, etag: str, memo: EtagMemo, request: Request) -> Response:
    """Mark a response immutable under `etag` and remember the URL's tag."""
    response.set_etag(etag)
    response.headers["Cache-Control"] = IMMUTABLE
    memo.put(request_key(request.environ), etag)
    return response


PERSONAL = "private, no-cache"


def short_lived(response: Response, request: Request, personal: bool = False) -> Response:
    """A "latest" page: ETag of its body, one minute of caching, 304 when unchanged.
    `personal` pages (a form with the visitor's CSRF token) are never cached by others."""
    response.headers["Cache-Control"] = PERSONAL if personal else SHORT_LIVED
    response.add_etag()
    return response.make_conditional(request)
