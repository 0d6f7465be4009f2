"""Crawl throughput on the bundled replay archive (no politeness delays: replay is offline).

    .venv/bin/python bench/crawl.py [--database-url URL] [--archive FILE]

Prints, per spider: pages per second through spider and pipeline on a fresh database,
then the cost of re-crawling the unchanged archive — seconds, and rows written to the
document store (documents, versions, paragraphs, facts, links, votes, member votes,
blobs, captures, page states); the target for the re-crawl is zero writes.
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
from models.crawls import CrawlCapture, CrawlPage, CrawlRun  # noqa: E402
from models.db import Database  # noqa: E402
from models.documents import Blob, Document, Fact, Link, Paragraph, Version  # noqa: E402
from models.migrate import upgrade  # noqa: E402
from models.votes import MemberVote, Vote  # noqa: E402

STORE = (Document, Version, Paragraph, Fact, Link, Vote, MemberVote, Blob, CrawlCapture, CrawlPage)


def rows(database: Database) -> dict[str, int]:
    with database.reader() as session:
        return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in STORE}


def crawl(name: str, archive: Path, url: str) -> float:
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": url, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    started = time.perf_counter()
    subprocess.run(crawl_command(name, archive, {"LOG_LEVEL": "WARNING"}), cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def last_run(database: Database, name: str) -> CrawlRun:
    with database.reader() as session:
        return session.scalar(select(CrawlRun).where(CrawlRun.spider == name).order_by(CrawlRun.id.desc()).limit(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temporary folder")
    parser.add_argument("--archive", type=Path, default=BUNDLE)
    args = parser.parse_args()
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
