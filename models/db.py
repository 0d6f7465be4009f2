"""Engines and sessions: SQLite by default (WAL, foreign keys, BEGIN IMMEDIATE for
writers), PostgreSQL through psycopg 3 when `COUNCILWATCH_DATABASE_URL` says so."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import settings

SQLITE_BUSY_TIMEOUT_MS = 30_000


def instance_path() -> Path:
    """Where local state lives: `COUNCILWATCH_INSTANCE_PATH`, else ./instance."""
    return settings.instance_path()


def database_url(url: str | None = None) -> str:
    """The configured database URL (models.settings), normalised to the psycopg 3 driver
    for PostgreSQL; a SQLite file's folder is created."""
    url = url or settings.load()["DATABASE_URL"]
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """An engine for `url` (default: the configured one) with the project's pragmas."""
    url = database_url(url)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not pysqlite, emit BEGIN, so writers can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """One engine and two kinds of session: readers, and writers that take the write
    lock up front (SQLite's "database is locked" on a read-then-write upgrade cannot
    happen to them)."""

    def __init__(self, url: str | None = None, **engine_kwargs) -> None:
        self.engine = make_engine(url, **engine_kwargs)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        writer_bind = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self._readers = sessionmaker(self.engine, expire_on_commit=False)
        self._writers = sessionmaker(writer_bind, expire_on_commit=False)

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._readers() as session:
            yield session

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on error."""
        with self._writers() as session, session.begin():
            yield session

    def new_writer(self) -> Session:
        """A writer session whose transactions the caller begins and commits itself."""
        return self._writers()

    def dispose(self) -> None:
        self.engine.dispose()
