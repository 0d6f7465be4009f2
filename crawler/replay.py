"""Offline replay: `councilwatch crawl SPIDER --replay FILE.warc.gz` runs the same
spider and pipeline with every response answered from a recorded archive.

- `ReplayMiddleware` answers requests from the archive (nothing touches the network);
- `replay_archive` runs, in subprocesses, every spider that reads pages of an archive;
- `replay_bundle` loads the bundled archive (crawler/bundle/) into a database.
"""
from __future__ import annotations

import functools
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes

from .items import FETCHED_AT, WARC_FILE, WARC_OFFSET, WARC_RECORD_ID
from .urls import canonical_url
from .warc import iter_responses, read_response

logger = logging.getLogger(__name__)

BUNDLE = Path(__file__).resolve().parent / "bundle" / "councilwatch-bundle.warc.gz"


class NotArchived(IgnoreRequest):
    """A request for a URL the replayed archive does not hold."""


@functools.lru_cache(maxsize=4)
def _index(path: str) -> tuple[tuple[str, int], ...]:
    return tuple((record.url, record.offset) for record in iter_responses(Path(path)))


def archived_urls(path: str | Path) -> list[tuple[str, int]]:
    """(URL, offset) of every response record, in file order."""
    return list(_index(str(Path(path).resolve())))


class ReplayMiddleware:
    """Downloader middleware: with REPLAY_FILE set, every response comes from the archive."""

    def __init__(self, crawler: Crawler) -> None:
        path = crawler.settings.get("REPLAY_FILE")
        if not path:
            raise NotConfigured
        self.path = str(Path(path).resolve())
        if not Path(self.path).is_file():
            raise FileNotFoundError(f"replay archive not found: {path}")
        self.crawler = crawler
        self.latest: dict[str, int] = {}
        for url, offset in archived_urls(self.path):
            self.latest[canonical_url(url)] = offset

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ReplayMiddleware":
        return cls(crawler)

    def process_request(self, request: Request) -> Response:
        offset = request.meta.get("replay_offset")
        if offset is None:
            offset = self.latest.get(canonical_url(request.url))
        if offset is None:
            self.crawler.stats.inc_value("councilwatch/replay_missing")
            raise NotArchived(f"not in the archive: {request.url}")
        record = read_response(Path(self.path), offset)
        headers = Headers(record.headers)
        cls = responsetypes.from_args(headers=headers, url=record.url, body=record.body)
        request.meta[FETCHED_AT] = record.fetched_at
        request.meta[WARC_FILE], request.meta[WARC_OFFSET] = self.path, record.offset
        request.meta[WARC_RECORD_ID] = record.record_id
        return cls(url=request.url, status=record.status, headers=headers, body=record.body,
                   request=request, flags=["replay"])


def spiders_for_archive(path: str | Path) -> list[str]:
    """Names of the spiders that read at least one page of the archive, in replay order."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    loader = SpiderLoader.from_settings(get_project_settings())
    urls = [url for url, _ in archived_urls(path)]
    chosen = []
    for name in loader.list():
        spider_cls = loader.load(name)
        probe = spider_cls()
        if hasattr(probe, "route") and any(probe.route(url) for url in urls):
            chosen.append((getattr(spider_cls, "replay_order", 50), name))
    return [name for _, name in sorted(chosen)]


def crawl_command(spider: str, replay: str | Path | None = None, settings: dict[str, str] | None = None) -> list[str]:
    """The `python -m scrapy crawl` command line for one crawl."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    if replay:
        command += ["-s", f"REPLAY_FILE={Path(replay).resolve()}"]
    for name, value in (settings or {}).items():
        command += ["-s", f"{name}={value}"]
    return command


def replay_archive(path: str | Path, database_url: str | None = None, spiders: list[str] | None = None,
                   log_level: str = "WARNING") -> dict:
    """Run each spider reading the archive over it (one subprocess each); returns the
    crawl runs' counts and the database's totals."""
    from models.db import Database, database_url as configured_url
    from models.migrate import upgrade

    url = configured_url(database_url)
    upgrade(url)
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": url, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    names = spiders or spiders_for_archive(path)
    for name in names:
        completed = subprocess.run(crawl_command(name, path, {"LOG_LEVEL": log_level}), env=env)
        if completed.returncode != 0:
            raise RuntimeError(f"replay of {name} over {path} exited with {completed.returncode}")
    database = Database(url)
    try:
        return _stats(database, names)
    finally:
        database.dispose()


def replay_bundle(database_url: str | None = None) -> dict:
    """Load the bundled archive of real pages and documents into the configured database."""
    return replay_archive(BUNDLE, database_url)


def _stats(database, names: list[str]) -> dict:
    from sqlalchemy import func, select

    from models.crawls import CrawlRun
    from models.documents import Document, Link, Version
    from models.votes import MemberVote, Vote

    with database.reader() as session:
        runs = {}
        for name in names:
            run = session.scalar(select(CrawlRun).where(CrawlRun.spider == name).order_by(CrawlRun.id.desc()).limit(1))
            if run is not None:
                runs[name] = {"pages_seen": run.pages_seen, "pages_new": run.pages_new,
                              "pages_unchanged": run.pages_unchanged, "pages_failed": run.pages_failed,
                              "items": run.items, "healthy": run.healthy, "message": run.message}
        totals = {label: session.scalar(select(func.count()).select_from(model))
                  for label, model in (("documents", Document), ("versions", Version), ("links", Link),
                                       ("votes", Vote), ("member_votes", MemberVote))}
    return {**totals, "runs": runs}


def _iter_names(argv: list[str]) -> Iterator[str]:
    yield from (a for a in argv if not a.startswith("-"))


if __name__ == "__main__":  # python -m crawler.replay FILE.warc.gz [SPIDER...]
    args = list(_iter_names(sys.argv[1:]))
    if not args:
        sys.exit("usage: python -m crawler.replay FILE.warc.gz [SPIDER...]")
    import json

    print(json.dumps(replay_archive(args[0], spiders=args[1:] or None), indent=2))
