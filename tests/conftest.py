"""Shared fixtures: a migrated database on SQLite and, when
`COUNCILWATCH_TEST_DATABASE_URL` is set, on PostgreSQL too; the app, client, runner."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from models.db import Database, database_url
from models.migrate import upgrade

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("COUNCILWATCH_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.fixture(autouse=True)
def _isolated_instance(tmp_path_factory, monkeypatch):
    """No test touches the developer's instance/ folder or their configuration."""
    monkeypatch.setenv("COUNCILWATCH_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    for name in ("COUNCILWATCH_DATABASE_URL", "COUNCILWATCH_SMTP_URL", "COUNCILWATCH_SCRAPYD_URL"):
        monkeypatch.delenv(name, raising=False)


def _postgres_schema_url() -> tuple[str, callable]:
    """A PostgreSQL URL whose search_path is a fresh schema, and its cleanup."""
    schema = f"cw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(database_url(POSTGRES_URL)).update_query_dict({"options": f"-csearch_path={schema}"})

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return url.render_as_string(hide_password=False), drop


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """The URL of an empty, migrated database, one per test, on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
        upgrade(url)
        yield url
        return
    url, drop = _postgres_schema_url()
    upgrade(url)
    yield url
    drop()


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def app(db_url):
    from webapp import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": "test-secret-of-at-least-32-characters"})
    yield app
    app.extensions["councilwatch.db"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
