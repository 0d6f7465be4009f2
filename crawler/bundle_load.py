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
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from models.crawls import CrawlRun
from models.db import Database, database_url as configured_url
from models.loading import archive_digest, begin, finish, is_loaded, advance

from .replay import BUNDLE, archived_urls, crawl_command, spiders_for_archive

#: Loaders run after the archive's spiders, each as `python -m MODULE DATABASE_URL`, with the
#: label the pages show: data files beside the archive that are not captures (e.g. the
#: Council's entities from crawler/bundle/council/). Each must write nothing when run again.
AFTER_ARCHIVE: tuple[tuple[str, str], ...] = (("the Council's entities and votes", "crawler.council.load"),)


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
        started, failures = time.monotonic(), []
        try:
            _run_steps(database, load_id, path, url, names, counts, workers, log_level, failures)
        except BaseException as error:  # SIGTERM (the server stopped), Ctrl-C: say so, then go
            with database.writer() as session:
                finish(session, load_id, ok=False, message=f"interrupted ({type(error).__name__})")
            raise
        seconds = time.monotonic() - started
        message = (f"{sum(counts.values())} records in {seconds:.0f} s" if not failures
                   else "; ".join(failures))
        with database.writer() as session:
            finish(session, load_id, ok=not failures, message=message)
        return {"archive": path.name, "status": "complete" if not failures else "failed", "message": message,
                "records": dict(counts), "seconds": round(seconds, 1)}
    finally:
        database.dispose()


def _failed_pages(database: Database, spider: str) -> str | None:
    """What the spider's crawl just now failed on, from its health record, if anything."""
    with database.reader() as session:
        run = session.scalar(select(CrawlRun).where(CrawlRun.spider == spider).order_by(CrawlRun.id.desc()).limit(1))
    if run is None:
        return f"{spider}: no crawl run recorded"
    if run.pages_failed:
        return f"{spider}: {run.pages_failed} of {run.pages_seen} pages failed"
    return None


def _run_steps(database: Database, load_id: int, path: Path, url: str, names: list[str], counts: Counter,
               workers: int, log_level: str, failures: list[str]) -> int:
    """Each spider's replay, then the loaders after the archive; returns records done."""
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": url, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    done = 0
    for name in names:
        with database.writer() as session:
            advance(session, load_id, done=done, phase=f"{_title(name)}: {counts[name]} records")
        settings = {"LOG_LEVEL": log_level, "COUNCILWATCH_LOAD_ID": str(load_id),
                    "COUNCILWATCH_PARSE_WORKERS": str(workers)}
        completed = subprocess.run(crawl_command(name, path, settings), env=env)
        if completed.returncode != 0:
            failures.append(f"{name} exited with status {completed.returncode}")
        elif problem := _failed_pages(database, name):
            failures.append(problem)  # not "complete": the next start tries again (stored pages write nothing)
        done += counts[name]
    for label, module in AFTER_ARCHIVE:
        with database.writer() as session:
            advance(session, load_id, done=done, phase=label)
        completed = subprocess.run([sys.executable, "-m", module, url], env=env)
        if completed.returncode != 0:
            failures.append(f"{module} exited with status {completed.returncode}")
    return done


if __name__ == "__main__":  # python -m crawler.bundle_load [ARCHIVE]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    result = load_bundle(sys.argv[1] if len(sys.argv) > 1 else BUNDLE)
    print(json.dumps(result, indent=2))
    sys.exit(0 if result["status"] != "failed" else 1)
