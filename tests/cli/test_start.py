"""`councilwatch start`, the README's first command: migrate, load the bundled archive of
real documents, then serve — and a second start loads nothing new."""
from __future__ import annotations

from sqlalchemy import func, select

import webapp.cli as cli
from models.documents import Document, Version
from models.votes import Vote
from webapp import create_app


def test_start_loads_the_bundle_once_then_serves(tmp_path, monkeypatch):
    monkeypatch.delenv("COUNCILWATCH_LOG_LEVEL", raising=False)  # start sets it; put back afterwards
    served = []
    monkeypatch.setattr(cli, "_serve", lambda host, port, threads, server=None: served.append((host, port)))
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite3'}"})
    runner = app.test_cli_runner()

    first = runner.invoke(cli.main, ["start", "--no-schedule", "--port", "8123"])
    assert first.exit_code == 0, first.output
    assert served == [("127.0.0.1", 8123)]
    with app.extensions["councilwatch.db"].reader() as session:
        counts = [session.scalar(select(func.count()).select_from(m)) for m in (Document, Version, Vote)]
        news = session.scalar(select(Document).where(Document.kind == "news"))
    assert counts[1] > 1000 and counts[2] > 2000  # the resolutions, and the meeting tables' votes
    assert news is not None and "Gaza" in news.title

    second = runner.invoke(cli.main, ["start", "--no-schedule"])
    assert second.exit_code == 0, second.output
    with app.extensions["councilwatch.db"].reader() as session:
        assert session.scalar(select(func.count()).select_from(Version)) == counts[1]
    app.extensions["councilwatch.db"].dispose()
