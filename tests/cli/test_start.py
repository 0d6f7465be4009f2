"""`councilwatch start`, the README's first command: migrate, serve at once while the
bundled archive of real documents loads in the background (every page says so), and a
second start writes nothing at all.

The one test of the suite that loads the whole bundle."""
from __future__ import annotations

import hashlib

from flask import current_app
from sqlalchemy import func, select

import webapp.cli as cli
from models.documents import Document, Version
from models.loading import BundleLoad
from models.metadata import metadata
from models.votes import Vote
from webapp import create_app

BANNER = "Still loading the bundled archive"


def snapshot(database) -> dict[str, str]:
    """Every table's rows, hashed: equal snapshots mean nothing was written in between."""
    out = {}
    with database.reader() as session:
        for table in metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def test_start_serves_at_once_loads_in_the_background_then_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("COUNCILWATCH_LOG_LEVEL", raising=False)  # start sets it; put back afterwards
    pages = []

    def serve_while_loading(host, port, threads, server=None):
        """Stands in for the WSGI server: the first page, then the load to its end."""
        client = current_app.test_client()
        pages.append(client.get("/").get_data(as_text=True))
        loader = current_app.extensions.get("councilwatch.loader")
        pages.append(loader.wait(timeout=900) if loader else None)
        current_app.extensions.pop("councilwatch.loading", None)  # forget the cached progress
        pages.append(client.get("/").get_data(as_text=True))

    monkeypatch.setattr(cli, "_serve", serve_while_loading)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite3'}"})
    runner = app.test_cli_runner()

    first = runner.invoke(cli.main, ["start", "--no-schedule", "--port", "0"])
    assert first.exit_code == 0, first.output
    served_while_loading, exit_status, served_after = pages
    assert BANNER in served_while_loading and exit_status == 0
    assert BANNER not in served_after
    database = app.extensions["councilwatch.db"]
    with database.reader() as session:
        (load,) = session.scalars(select(BundleLoad)).all()
        assert (load.status, load.done) == ("complete", load.total) and load.total > 3600
        versions = session.scalar(select(func.count()).select_from(Version))
        assert versions > 3500 and session.scalar(select(func.count()).select_from(Vote)) > 2000
        kinds = dict(session.execute(
            select(Document.kind, func.count(Version.id)).join(Version).group_by(Document.kind)).all())
        assert kinds["meeting_record"] == 1199 and kinds["statement"] == 87 and kinds["resolution"] >= 2000
        news = session.scalar(select(Document).where(Document.kind == "news"))
        assert news is not None and "Gaza" in news.title

    before = snapshot(database)
    app.extensions.pop("councilwatch.loader", None)
    pages.clear()
    second = runner.invoke(cli.main, ["start", "--no-schedule", "--port", "0"])
    assert second.exit_code == 0, second.output
    assert "councilwatch.loader" not in app.extensions  # nothing started
    assert BANNER not in pages[0]
    assert snapshot(database) == before
    database.dispose()
