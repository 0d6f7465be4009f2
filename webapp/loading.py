"""`councilwatch start` on a fresh database: serve at once, load the bundled archive in
the background, and say so on every page until it is done.

- `start_loading(app)` reads whether this database holds the bundle's complete load (by
  the archive's SHA-256, in `bundle_load`); if not, it marks the load begun and starts `python -m
  crawler.bundle_load` as a background process (the web app starts crawls by name, never
  by import) and returns it. A database that holds it gets nothing written.
- `install(app)` gives templates `loading`: the latest load while it is not complete.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from flask import Flask, current_app
from sqlalchemy.exc import OperationalError, ProgrammingError

from models.loading import COMPLETE, LoadState, archive_digest, begin, is_loaded, latest_state

from models.settings import bundle_archive

#: Seconds a page reuses the load state it read (a progress bar, not a ledger).
STATE_TTL = 2.0


def start_loading(app: Flask, archive: Path | None = None) -> subprocess.Popen | None:
    """Start loading the archive in the background unless the database holds its complete
    load (then nothing is written). The load is marked begun before this returns, so the
    first page served already says so. The loader is one of this process's children
    (`processes.CHILDREN`): stopped with the server, resumed by the next start."""
    from . import subprocess_environment
    from .processes import CHILDREN

    archive = archive or bundle_archive()
    if not archive.is_file():
        return None
    digest, database = archive_digest(archive), app.extensions["councilwatch.db"]
    with database.reader() as session:
        if is_loaded(session, digest):
            return None
    with database.writer() as session:
        begin(session, digest, archive.name, total=0)
    env = subprocess_environment(app)
    env.setdefault("COUNCILWATCH_LOG_LEVEL", "WARNING")
    with (Path(app.instance_path) / "loading.log").open("ab") as log:
        process = CHILDREN.popen([sys.executable, "-m", "crawler.bundle_load", str(archive.resolve())],
                                 env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    app.extensions["councilwatch.loader"] = process
    app.extensions.pop("councilwatch.loading", None)  # pages read the new state at once
    return process


def when_loaded(process: subprocess.Popen | None, action: Callable[[], None]) -> None:
    """Run `action` now when nothing loads, else once the load has ended, complete or
    failed (exit status 0 or 1), in a daemon thread; not when it was stopped with the server."""
    if process is None:
        action()
        return

    def wait() -> None:
        if process.wait() in (0, 1):
            action()

    threading.Thread(target=wait, name="councilwatch-after-load", daemon=True).start()


def current_state() -> LoadState | None:
    """The latest load unless it completed, read at most every STATE_TTL seconds."""
    cache = current_app.extensions.setdefault("councilwatch.loading", {"at": -STATE_TTL, "state": None})
    now = time.monotonic()
    if now - cache["at"] >= STATE_TTL:
        with current_app.extensions["councilwatch.db"].reader() as session:
            state = latest_state(session)
        cache["state"], cache["at"] = (None if state is None or state.status == COMPLETE else state), now
    return cache["state"]


def install(app: Flask) -> None:
    @app.context_processor
    def _loading() -> dict:
        try:
            return {"loading": current_state()}
        except (OperationalError, ProgrammingError):  # not migrated yet: no banner rather than no page
            return {"loading": None}
