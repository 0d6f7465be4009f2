"""Bounded work per request: every request gets a time budget (its database queries
stop when it passes: a 503 with Retry-After, never a thread held for minutes), and
searches — the one request whose cost an anonymous visitor chooses — are rate limited
per client and limited in how many run at once, so pages keep being served while a
crowd hammers the search box.

Settings (COUNCILWATCH_…): REQUEST_BUDGET (seconds, default 10), SEARCH_BUDGET (3),
SEARCH_CONCURRENCY (searches at once per process, 1: raise it with the cores), SEARCH_RATELIMIT ("30 per minute").
"""
from __future__ import annotations

import json
import threading
import time

from flask import Flask, current_app, g, request
from werkzeug.exceptions import ServiceUnavailable

from models import budget

SEARCH_PATHS = ("/search", "/search/feed.atom", "/api/v1/search")


class Busy(ServiceUnavailable):
    description = "Too busy to search right now: try again in a few seconds."


class OutOfTime(ServiceUnavailable):
    description = "This request took too long and was stopped: try again, or narrow it."


def _retry_after(error: ServiceUnavailable) -> ServiceUnavailable:
    error.retry_after = 5
    return error


def search_limit() -> str:
    return str(current_app.config.get("SEARCH_RATELIMIT", "30 per minute"))


class SearchShield:
    """WSGI middleware in front of Flask: turns searches away before any Flask work
    when SEARCH_CONCURRENCY are already running (503), or when the rate limiter told
    this client to wait (429 until its Retry-After passes: Flask-Limiter stays the
    authority, the shield only remembers its verdicts). A turned-away request costs
    microseconds, so a crowd of searchers cannot queue the pages behind them."""

    MAX_CLIENTS = 10_000
    #: How long a client the limiter refused is turned away here before asking it again.
    BLOCK_SECONDS = 10

    def __init__(self, app, concurrency: int) -> None:
        self.app = app
        self.gate = threading.BoundedSemaphore(concurrency) if concurrency > 0 else None
        self.blocked: dict[str, float] = {}

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") not in SEARCH_PATHS:
            return self.app(environ, start_response)
        client = environ.get("REMOTE_ADDR", "")
        until = self.blocked.get(client)
        if until is not None:
            wait = until - time.monotonic()
            if wait > 0:
                return self._refuse(environ, start_response, 429, "Too many searches: try again later.", wait)
            self.blocked.pop(client, None)
        if self.gate is None or not self.gate.acquire(blocking=False):
            return self._refuse(environ, start_response, 503, Busy.description, 5)

        def remember(status, headers, exc_info=None):
            if status.startswith("429"):
                retry = next((v for k, v in headers if k.lower() == "retry-after"), "")
                if len(self.blocked) >= self.MAX_CLIENTS:
                    self.blocked.clear()
                wait = int(retry) if retry.isascii() and retry.isdigit() else self.BLOCK_SECONDS
                self.blocked[client] = time.monotonic() + min(wait, 3600)
            return start_response(status, headers, exc_info)

        try:  # search views build their whole body before returning: the work is done here
            return self.app(environ, remember)
        finally:
            self.gate.release()

    @staticmethod
    def _refuse(environ, start_response, code: int, message: str, wait: float):
        api = environ.get("PATH_INFO", "").startswith("/api/")
        body = (json.dumps({"error": message, "status": code}) if api else message).encode("utf-8")
        start_response(f"{code} {'Too Many Requests' if code == 429 else 'Service Unavailable'}", [
            ("Content-Type", "application/json" if api else "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))), ("Retry-After", str(max(1, int(wait + 0.999)))),
            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "default-src 'none'"),
        ])
        return [body]


def install(app: Flask) -> None:
    budget.install(app.extensions["councilwatch.db"].engine)

    @app.before_request
    def _start() -> None:
        searching = request.path in SEARCH_PATHS
        seconds = float(app.config.get("SEARCH_BUDGET" if searching else "REQUEST_BUDGET", 3 if searching else 10))
        g.budget_token = budget.start(seconds)

    @app.teardown_request
    def _stop(_error=None) -> None:
        token = g.pop("budget_token", None)
        if token is not None:
            budget.stop(token)

    def _out_of_time(error: Exception):
        if not budget.is_budget_error(error):
            raise error
        app.logger.warning("request out of time: %s %s", request.method, request.path)
        return app.handle_http_exception(_retry_after(OutOfTime()))

    from sqlalchemy.exc import DBAPIError

    app.register_error_handler(DBAPIError, _out_of_time)
    app.register_error_handler(budget.BudgetExceeded, _out_of_time)


def shield(app: Flask) -> None:
    """Put SearchShield in front of the app (call after every other WSGI middleware but
    ProxyFix, which must stay outermost so the shield sees the real client address)."""
    app.wsgi_app = SearchShield(app.wsgi_app, int(app.config.get("SEARCH_CONCURRENCY", 1)))
