"""Benchmark what mandates cost: recording versions (lineages are materialised in the same
transaction) and the pages that read them (home, /mandates, /mandates/MONUSCO), in process.

    .venv/bin/python bench/mandates.py [--repeat 50]

Loads every bundled resolution (crawler/bundle/documents/resolutions) into a temporary
SQLite database, then times each page with Flask's test client, warm, one client. With
`--without-materialise` it loads the same files without lineages, to measure the write cost.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "crawler" / "bundle" / "documents" / "resolutions"
PAGES = ("/", "/mandates", "/mandates/MONUSCO", "/api/v1/mandates/MONUSCO", "/S/RES/2709(2023)")


def load(url: str, materialise: bool) -> float:
    from models import store
    from models.db import Database
    from models.ingest import IngestError, ingest_file
    from models.migrate import upgrade

    upgrade(url)
    if not materialise:
        store.materialise_mandates = lambda *args, **kwargs: []
    database = Database(url)
    started = time.perf_counter()
    for path in sorted(BUNDLE.glob("*.txt")):
        try:
            with database.writer() as session:
                ingest_file(session, path)
        except IngestError:
            continue
    elapsed = time.perf_counter() - started
    database.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--without-materialise", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        files = len(list(BUNDLE.glob("*.txt")))
        print(f"load {files} files: {load(url, not args.without_materialise):.1f} s")
        from webapp import create_app

        app = create_app({"TESTING": False, "DATABASE_URL": url, "SECRET_KEY": "bench", "TODAY": "2025-11-01"})
        client = app.test_client()
        for page in PAGES:
            client.get(page)  # warm
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(page)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            print(f"{page:32} {response.status_code}  p50 {statistics.median(times):6.1f} ms  "
                  f"p99 {times[int(len(times) * 0.99) - 1]:6.1f} ms")
        app.extensions["councilwatch.db"].dispose()


if __name__ == "__main__":
    main()
