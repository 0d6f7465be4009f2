"""How ingest cost grows with the archive: versions per second and database bytes per
version for 100, 1,000 and 10,000 documents, on SQLite and (when reachable) PostgreSQL.

    .venv/bin/python bench/ingest.py [--sizes 100,1000,10000] [--postgres URL]

Documents are variants of the bundled real resolutions: each variant is a real text
under a new symbol with its mandate date moved, so every one is a distinct version.
"""
from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from models.db import Database, database_url
from models.migrate import upgrade
from models.store import get_or_create_source, record_version

BUNDLE = Path(__file__).resolve().parent.parent / "crawler" / "bundle" / "documents" / "resolutions"


def variants(count: int):
    originals = sorted(BUNDLE.glob("S_RES_2*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in originals]
    for i in range(count):
        body = texts[i % len(texts)]
        yield f"S/{9000 + i // 1000}/{i % 1000 + 1}", f"{body}\n{i + 1}. Decides to remain seized of the matter (variant {i}).\n"


def run(url: str, count: int) -> tuple[float, int]:
    upgrade(url)
    database = Database(url)
    start = time.perf_counter()
    with database.writer() as session:
        source = get_or_create_source(session, "bench")
    for symbol, body in variants(count):
        with database.writer() as session:
            record_version(session, text=body, raw=body.encode(), media_type="text/plain", symbol=symbol, source=source)
    elapsed = time.perf_counter() - start
    size = database_bytes(database)
    database.dispose()
    return count / elapsed, size


def database_bytes(database: Database) -> int:
    with database.engine.connect() as conn:
        if database.is_sqlite:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return Path(database.engine.url.database).stat().st_size
        return conn.scalar(text(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"))


def postgres_schema(url: str) -> tuple[str, callable]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    separator = "&" if "?" in url else "?"
    return f"{database_url(url)}{separator}options=-csearch_path%3D{schema}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print(f"{'backend':<10} {'documents':>9} {'versions/s':>11} {'bytes/version':>14}")
    for count in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            rate, size = run(f"sqlite:///{folder}/bench.sqlite3", count)
            print(f"{'sqlite':<10} {count:>9} {rate:>11.1f} {size / count:>14,.0f}", flush=True)
        if args.postgres:
            try:
                url, drop = postgres_schema(args.postgres)
            except Exception as error:  # no server: say so, keep the SQLite figures
                print(f"postgresql skipped: {error.__class__.__name__}: {error}")
                args.postgres = None
                continue
            try:
                rate, size = run(url, count)
                print(f"{'postgresql':<10} {count:>9} {rate:>11.1f} {size / count:>14,.0f}", flush=True)
            finally:
                drop()


if __name__ == "__main__":
    main()
