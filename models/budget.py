"""Time budgets for database work: a deadline set for the current request (a context
variable) stops its queries when it passes — SQLite through a progress handler that
interrupts the statement, PostgreSQL through `statement_timeout` set per transaction.
A query stopped this way raises `BudgetExceeded` (SQLite "interrupted", PostgreSQL
"canceling statement due to statement timeout")."""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError

_DEADLINE: ContextVar[float | None] = ContextVar("councilwatch_deadline", default=None)
#: SQLite virtual-machine steps between two looks at the clock.
PROGRESS_STEPS = 20_000


class BudgetExceeded(RuntimeError):
    """The work of this request ran out of time."""


def remaining() -> float | None:
    """Seconds left before the current deadline (None: no deadline)."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def check() -> None:
    """Raise BudgetExceeded when the current deadline has passed (for Python-side loops)."""
    left = remaining()
    if left is not None and left <= 0:
        raise BudgetExceeded("the request ran out of time")


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def start(seconds: float | None):
    """Set a deadline until `stop(token)` (for before/teardown request hooks)."""
    return _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)


def stop(token) -> None:
    _DEADLINE.reset(token)


def is_budget_error(error: BaseException) -> bool:
    """True for the driver errors a passed deadline causes."""
    if isinstance(error, BudgetExceeded):
        return True
    if isinstance(error, (OperationalError, DBAPIError)):
        message = str(getattr(error, "orig", error)).lower()
        return "interrupted" in message or "statement timeout" in message
    return False


def _expired() -> int:
    left = remaining()
    return 1 if left is not None and left <= 0 else 0


def install(engine: Engine) -> None:
    """Make `engine`'s connections honour the current deadline."""
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            dbapi_connection.set_progress_handler(_expired, PROGRESS_STEPS)
        return

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        left = remaining()
        if left is not None:
            milliseconds = max(int(left * 1000), 1)
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")
