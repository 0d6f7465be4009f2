"""Rendered "latest" pages (home, document, mandate, search) kept while the data they
show has not changed.

A page is stored under its request key and the database's *stamp*: the highest row id
of every table pages read (a new version, vote, link, meeting… raises it), read in one
cheap query at most every `STAMP_TTL` seconds (`PAGE_STAMP_TTL`; 0 when testing), so a
cached page costs no database work at all. Entries also age out after `MAX_AGE`
seconds, so rows updated in place (a vote reconciled) show within that time. One thread renders a missing page
while the others wait for it, so a burst of requests does not render it 32 times.
The visitor's CSRF token is never stored: pages are rendered with a placeholder that is
swapped for the token when served.
"""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Callable

from flask import Response, current_app, g, request
from sqlalchemy import inspect, text

from .caching import LRU, PERSONAL, SHORT_LIVED, request_key

MAX_AGE = 30.0
STAMP_TTL = 1.0
BUDGET = 64 * 1024 * 1024
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
#: Tables whose new rows change pages; any that exist are part of the stamp.
#: Every table a cached page reads grows a row whenever what it shows changes (a vote
#: reconciled anew adds a vote_observation; a mandate's state moves with a mandate_step).
STAMP_TABLES = ("version", "vote", "vote_observation", "member_vote", "link", "fact", "meeting", "agenda_item",
                "draft", "council_act", "mandate_step", "document_capture", "quarantined_version")


@dataclass(frozen=True)
class Page:
    body: bytes
    etag: str
    made: float


class PageCache:
    def __init__(self, stamp_ttl: float = STAMP_TTL) -> None:
        self.pages = LRU(BUDGET, size=lambda item: len(item.body) + 200)
        self.stamp_ttl = stamp_ttl
        self._stamp: tuple[float, str] | None = None
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._tables: tuple[str, ...] | None = None
        self._stamp_sql: str | None = None

    def _lock_for(self, key: str) -> threading.Lock:
        with self._guard:
            if len(self._locks) > 10_000:
                self._locks.clear()
            return self._locks.setdefault(key, threading.Lock())

    def current_stamp(self) -> str:
        """The stamp, read from the database at most every `stamp_ttl` seconds."""
        known = self._stamp
        if known is not None and time.monotonic() - known[0] < self.stamp_ttl:
            return known[1]
        from . import context

        with context.db().reader() as session:
            value = self.stamp(session)
        self._stamp = (time.monotonic(), value)
        return value

    def stamp(self, session) -> str:
        if self._stamp_sql is None:
            present = set(inspect(session.get_bind()).get_table_names())
            tables = [t for t in STAMP_TABLES if t in present]
            parts = [f"(SELECT max(id) FROM {t})" for t in tables]
            if "bundle_load" in present:  # the loading banner: its progress and status change in place
                parts += ["(SELECT max(done) FROM bundle_load)",
                          "(SELECT count(*) FROM bundle_load WHERE status <> 'loading')"]
            self._stamp_sql = "SELECT " + ", ".join(parts) if parts else "SELECT 0"
        return ":".join(str(v) for v in session.execute(text(self._stamp_sql)).one())

    def page(self, render: Callable[[], "str | Response"], vary: str = "") -> "Page | Response":
        """The page for this request: stored if fresh, else rendered now (once).
        `render` opens its own database session: a stored page needs none. A Response
        from `render` (a redirect to the canonical URL) is returned as is, never stored."""
        key = request_key(request.environ) + "\x1f" + vary + "\x1f" + self.current_stamp()
        hit = self.pages.get(key)
        if hit is not None and time.monotonic() - hit.made < MAX_AGE:
            return hit
        with self._lock_for(key):
            hit = self.pages.get(key)
            if hit is not None and time.monotonic() - hit.made < MAX_AGE:
                return hit
            g.cw_cached_render = True
            try:
                made = render()
            finally:
                g.cw_cached_render = False
            if isinstance(made, Response):
                return made
            body = made.encode("utf-8")
            page = Page(body, hashlib.sha1(body).hexdigest(), time.monotonic())
            self.pages.put(key, page)
            return page


def install(app) -> None:
    ttl = float(app.config.get("PAGE_STAMP_TTL", 0 if app.testing else STAMP_TTL))
    app.extensions["councilwatch.fresh"] = PageCache(ttl)
    app.jinja_env.globals["form_token"] = form_token


def cache() -> PageCache:
    return current_app.extensions["councilwatch.fresh"]


def form_token() -> str:
    """The CSRF token for a form: a placeholder while rendering a page to keep."""
    if g.get("cw_cached_render"):
        return CSRF_PLACEHOLDER
    from flask_wtf.csrf import generate_csrf

    return generate_csrf()


_PLACEHOLDER = CSRF_PLACEHOLDER.encode("utf-8")


def serve(page: "Page | Response", mimetype: str = "text/html") -> Response:
    """A "latest" page as a response: one minute of caching, 304 when the client holds
    it. A page with a form carries this visitor's CSRF token and is private."""
    if isinstance(page, Response):
        return page
    if _PLACEHOLDER in page.body:
        from flask_wtf.csrf import generate_csrf

        token = generate_csrf()
        response = Response(page.body.replace(_PLACEHOLDER, token.encode("ascii")), mimetype=mimetype)
        response.set_etag(page.etag + "-" + hashlib.sha1(token.encode("ascii")).hexdigest()[:10])
        response.headers["Cache-Control"] = PERSONAL
    else:
        response = Response(page.body, mimetype=mimetype)
        response.set_etag(page.etag)
        response.headers["Cache-Control"] = SHORT_LIVED
    return response.make_conditional(request)
