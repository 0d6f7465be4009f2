"""Bounded work per request: every request gets a time budget (its database queries
stop when it passes: a 503 with Retry-After, never a thread held for minutes), and
searches — the one request whose cost an anonymous visitor chooses — are rate limited
per client and limited in how many run at once, so pages keep being served while a
crowd hammers the search box.

Settings (COUNCILWATCH_…): REQUEST_BUDGET (seconds, default 10), SEARCH_BUDGET (3),
SEARCH_CONCURRENCY (searches at once per process, 2), SEARCH_RATELIMIT ("30 per minute").
"""
from __future__ import annotations

import threading

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


def install(app: Flask) -> None:
    budget.install(app.extensions["councilwatch.db"].engine)
    gate = threading.BoundedSemaphore(int(app.config.get("SEARCH_CONCURRENCY", 2)))

    @app.before_request
    def _start() -> None:
        searching = request.path in SEARCH_PATHS
        seconds = float(app.config.get("SEARCH_BUDGET" if searching else "REQUEST_BUDGET", 3 if searching else 10))
        g.budget_token = budget.start(seconds)
        if searching:
            if not gate.acquire(blocking=False):
                raise _retry_after(Busy())
            g.search_gate = gate

    @app.teardown_request
    def _stop(_error=None) -> None:
        held = g.pop("search_gate", None)
        if held is not None:
            held.release()
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
