"""`python -m crawler.bundle_load [ARCHIVE]`: load a bundled archive (default: the
project's, crawler/bundle/councilwatch-bundle.warc.gz) into the configured database, in
the background of `councilwatch start`, recording how far it got in `bundle_load`.

Each spider that reads pages of the archive replays it, in replay order, through the one
pipeline (the same path as `councilwatch crawl SPIDER --replay FILE`). Texts are read and
parsed in worker processes, one per core, while the crawl process writes, one
transaction at a time (`COUNCILWATCH_PARSE_WORKERS`). When the archive's load completed
before, nothing runs and nothing is written.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from models.db import Database, database_url as configured_url
from models.loading import archive_digest, begin, finish, is_loaded, advance

from .replay import BUNDLE, PROJECT_ROOT, archived_urls, crawl_command, spiders_for_archive


def routed(path: str | Path, names: list[str]) -> Counter:
    """How many of the archive's records each spider reads."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    loader = SpiderLoader.from_settings(get_project_settings())
    urls = [url for url, _ in archived_urls(path)]
    counts: Counter = Counter()
    for name in names:
        probe = loader.load(name)()
        counts[name] = sum(1 for url in urls if probe.route(url))
    return counts


def _title(name: str) -> str:
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    spider = SpiderLoader.from_settings(get_project_settings()).load(name)
    return getattr(spider, "source_title", None) or name


def load_bundle(path: str | Path = BUNDLE, database_url: str | None = None, workers: int | None = None,
                log_level: str = "WARNING") -> dict:
    """Load the archive unless this database holds its complete load; returns what was done."""
    path = Path(path).resolve()
    url = configured_url(database_url)
    digest = archive_digest(path)
    database = Database(url)
    try:
        with database.reader() as session:
            if is_loaded(session, digest):
                return {"archive": path.name, "status": "already loaded"}
        os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
        names = spiders_for_archive(path)
        counts = routed(path, names)
        with database.writer() as session:
            load_id = begin(session, digest, path.name, sum(counts.values()))
        workers = (os.cpu_count() or 1) if workers is None else workers
        env = {**os.environ, "COUNCILWATCH_DATABASE_URL": url, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
        started, done, failures = time.monotonic(), 0, []
        for name in names:
            with database.writer() as session:
                advance(session, load_id, done=done, phase=f"{_title(name)}: {counts[name]} records")
            settings = {"LOG_LEVEL": log_level, "COUNCILWATCH_LOAD_ID": str(load_id),
                        "COUNCILWATCH_PARSE_WORKERS": str(workers)}
            completed = subprocess.run(crawl_command(name, path, settings), cwd=PROJECT_ROOT, env=env)
            if completed.returncode != 0:
                failures.append(f"{name} exited with status {completed.returncode}")
            done += counts[name]
        seconds = time.monotonic() - started
        message = (f"{sum(counts.values())} records in {seconds:.0f} s" if not failures
                   else "; ".join(failures))
        with database.writer() as session:
            finish(session, load_id, ok=not failures, message=message)
        return {"archive": path.name, "status": "complete" if not failures else "failed", "message": message,
                "records": dict(counts), "seconds": round(seconds, 1)}
    finally:
        database.dispose()


if __name__ == "__main__":  # python -m crawler.bundle_load [ARCHIVE]
    result = load_bundle(sys.argv[1] if len(sys.argv) > 1 else BUNDLE)
    print(json.dumps(result, indent=2))
    sys.exit(0 if result["status"] != "failed" else 1)
