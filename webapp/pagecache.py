"""Rendered "latest" pages (home, document, mandate, search) kept while the data they
show has not changed.

A page is stored under its request key and the database's *stamp*: the highest row id
of every table pages read (a new version, vote, link, meeting… raises it), read in one
cheap query per request. Entries also age out after `MAX_AGE` seconds, so rows updated
in place (a vote reconciled) show within that time. One thread renders a missing page
while the others wait for it, so a burst of requests does not render it 32 times.
The visitor's CSRF token is never stored: pages are rendered with a placeholder that is
swapped for the token when served.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from flask import current_app, g, request
from sqlalchemy import inspect, text

from .caching import LRU, request_key

MAX_AGE = 30.0
BUDGET = 64 * 1024 * 1024
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
#: Tables whose new rows change pages; any that exist are part of the stamp.
STAMP_TABLES = ("version", "vote", "link", "fact", "meeting", "agenda_item", "draft", "mandate_step",
                "member_vote", "council_vote", "mandate", "mandate_status")


class PageCache:
    def __init__(self) -> None:
        self.pages = LRU(BUDGET, size=lambda item: len(item[1]) + 200)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._tables: tuple[str, ...] | None = None
        self._stamp_sql: str | None = None

    def _lock_for(self, key: str) -> threading.Lock:
        with self._guard:
            if len(self._locks) > 10_000:
                self._locks.clear()
            return self._locks.setdefault(key, threading.Lock())

    def stamp(self, session) -> str:
        if self._stamp_sql is None:
            present = set(inspect(session.get_bind()).get_table_names())
            tables = [t for t in STAMP_TABLES if t in present]
            self._stamp_sql = "SELECT " + ", ".join(f"(SELECT max(id) FROM {t})" for t in tables) if tables else "SELECT 0"
        return ":".join(str(v) for v in session.execute(text(self._stamp_sql)).one())

    def page(self, session, render: Callable[[], str], vary: str = "") -> str:
        """The page for this request: stored if fresh, else rendered now (once)."""
        key = request_key(request.environ) + "\x1f" + vary + "\x1f" + self.stamp(session)
        hit = self.pages.get(key)
        now = time.monotonic()
        if hit is not None and now - hit[0] < MAX_AGE:
            return hit[1]
        with self._lock_for(key):
            hit = self.pages.get(key)
            if hit is not None and time.monotonic() - hit[0] < MAX_AGE:
                return hit[1]
            g.cw_cached_render = True
            try:
                body = render()
            finally:
                g.cw_cached_render = False
            self.pages.put(key, (time.monotonic(), body))
            return body


def install(app) -> None:
    app.extensions["councilwatch.fresh"] = PageCache()
    app.jinja_env.globals["form_token"] = form_token


def cache() -> PageCache:
    return current_app.extensions["councilwatch.fresh"]


def form_token() -> str:
    """The CSRF token for a form: a placeholder while rendering a page to keep."""
    if g.get("cw_cached_render"):
        return CSRF_PLACEHOLDER
    from flask_wtf.csrf import generate_csrf

    return generate_csrf()


def personalise(body: str) -> str:
    """Swap the placeholder for this visitor's CSRF token."""
    if CSRF_PLACEHOLDER not in body:
        return body
    from flask_wtf.csrf import generate_csrf

    return body.replace(CSRF_PLACEHOLDER, generate_csrf())
