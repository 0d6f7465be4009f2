"""Crawl throughput on recorded archives (no politeness delays: replay is offline).

    .venv/bin/python bench/crawl.py [--database-url URL] [--archive FILE]
    .venv/bin/python bench/crawl.py --sources [--copies 40] [--only un_press,gov_uk]

Default: the bundled replay archive, each spider that reads it. `--sources`: one
recorded archive per source, built from that source's fixtures (bench/crawl_sources.py),
every source crawled on its own archive. Prints, per spider: pages per second through
spider and pipeline on a fresh database (also net of start-up: the same crawl over an
archive with no page for it takes the start-up time, subtracted), then the cost of
re-crawling the unchanged archive — seconds, and rows written to the document store
(documents, versions, paragraphs, facts, links, votes, member votes, blobs, captures,
page states, document captures); the target for the re-crawl is zero writes.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from crawler.replay import BUNDLE, crawl_command, spiders_for_archive  # noqa: E402
from models.captures import DocumentCapture  # noqa: E402
from models.crawls import CrawlCapture, CrawlPage, CrawlRun  # noqa: E402
from models.db import Database  # noqa: E402
from models.documents import Blob, Document, Fact, Link, Paragraph, Version  # noqa: E402
from models.migrate import upgrade  # noqa: E402
from models.votes import MemberVote, Vote  # noqa: E402

STORE = (Document, Version, Paragraph, Fact, Link, Vote, MemberVote, Blob, CrawlCapture, CrawlPage, DocumentCapture)


def rows(database: Database) -> dict[str, int]:
    with database.reader() as session:
        return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in STORE}


def crawl(name: str, archive: Path, url: str, log_level: str = "WARNING") -> float:
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": url, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    started = time.perf_counter()
    subprocess.run(crawl_command(name, archive, {"LOG_LEVEL": log_level}), cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def last_run(database: Database, name: str) -> CrawlRun:
    with database.reader() as session:
        return session.scalar(select(CrawlRun).where(CrawlRun.spider == name).order_by(CrawlRun.id.desc()).limit(1))


def sources(args) -> None:
    """Each source on its own recorded archive (built from its fixtures)."""
    from crawl_sources import SOURCES, build_archive

    names = args.only.split(",") if args.only else list(SOURCES)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(url)
        database = Database(url)
        empty, _ = build_archive_empty(Path(folder))
        print(f"per-source archives, {args.copies} copies of each repeatable page; database {url.split(':')[0]}")
        print(f"{'spider':14} {'pages':>6} {'first s':>8} {'pages/s':>8} {'net p/s':>8} {'recrawl s':>10} {'writes':>7}")
        for name in names:
            archive, records = build_archive(name, Path(folder), args.copies)
            startup = crawl(name, empty, url, "CRITICAL")
            first = crawl(name, archive, url)
            run = last_run(database, name)
            pages = run.pages_seen
            before = rows(database)
            again = crawl(name, archive, url)
            writes = sum(after - before[t] for t, after in rows(database).items())
            net = pages / max(first - startup, 1e-3)
            print(f"{name:14} {pages:6d} {first:8.1f} {pages / first:8.1f} {net:8.1f} {again:10.1f} {writes:7d}"
                  f"   {run.status}: {run.message}")
        print("totals:", ", ".join(f"{table} {count}" for table, count in rows(database).items()))
        database.dispose()


def build_archive_empty(folder: Path) -> tuple[Path, int]:
    """An archive with one page no spider reads: a crawl over it costs only start-up."""
    from datetime import datetime, timezone

    from crawler.warc import WarcArchive
    path = folder / "empty.warc.gz"
    with WarcArchive(path) as archive:
        archive.write_response("https://example.org/nothing", 200, {"Content-Type": "text/plain"}, b"x",
                               datetime(2026, 12, 1, tzinfo=timezone.utc))
    return path, 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temporary folder")
    parser.add_argument("--archive", type=Path, default=BUNDLE)
    parser.add_argument("--sources", action="store_true", help="one recorded archive per source, from its fixtures")
    parser.add_argument("--copies", type=int, default=40, help="with --sources: copies of each repeatable page")
    parser.add_argument("--only", help="with --sources: comma-separated spider names")
    args = parser.parse_args()
    if args.sources:
        sys.path.insert(0, str(ROOT / "bench"))
        sources(args)
        return
    if not args.archive.is_file():
        print(f"no archive at {args.archive}: nothing to measure")
        return
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(url)
        database = Database(url)
        names = spiders_for_archive(args.archive)
        print(f"archive {args.archive.name}: {args.archive.stat().st_size / 1e6:.1f} MB; database {url.split(':')[0]}")
        print(f"{'spider':14} {'pages':>6} {'first s':>8} {'pages/s':>8} {'recrawl s':>10} {'pages/s':>8} {'writes':>7}")
        for name in names:
            first = crawl(name, args.archive, url)
            pages = last_run(database, name).pages_seen
            before = rows(database)
            again = crawl(name, args.archive, url)
            after = rows(database)
            writes = sum(after[t] - before[t] for t in after)
            print(f"{name:14} {pages:6d} {first:8.1f} {pages / first:8.1f} {again:10.1f} {pages / again:8.1f} {writes:7d}")
        print("totals:", ", ".join(f"{table} {count}" for table, count in rows(database).items()))
        print("(seconds include each crawl's interpreter and Scrapy start-up, about 1.5 s)")
        database.dispose()


if __name__ == "__main__":
    main()
