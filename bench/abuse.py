"""Abuse benchmark: a crowd hammers search while a reader loads document pages.

    .venv/bin/python bench/abuse.py [--seconds 10] [--files 300] [--big-mb 4] [--clients 32]

Loopback only, bounded in count and time: builds a SQLite database from the bundled
resolutions plus one large document (the worst case for snippets), serves it with
`councilwatch serve` on 127.0.0.1, then runs three phases of `--seconds` each:

  anchor    one client loading document pages, nothing else (the figure to compare with);
  defaults  the same client while `--clients` clients send worst-case searches as fast
            as they can (the default rate limit and concurrency gate apply);
  no-limit  the same, with the per-client rate limit lifted (only the concurrency gate
            and the time budget stand between the crowd and the pages).

For each phase it prints the document pages' p50/p99 latency beside the anchor's, the
search answers by status, and the server's resident memory (peak and growth over the
anchor). The issue's target: document p99 under 250 ms, memory bounded.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from web import build_database, fetch, free_port, request_bytes, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ["/S/RES/2765(2024)", "/S/RES/2717(2023)", "/S/RES/2149(2014)", "/S/RES/2709(2023)", "/S/RES/2556(2020)"]
#: Searches chosen to cost the most: common words, the big document's number, phrases,
#: a long query, FTS operators typed as words.
WORST = ["decides", "9968 decides", "word", '"all necessary measures"', "the security council decides",
         "a " * 140, "mandate OR NEAR AND NOT", "requests secretary general report"]
MAX_REQUESTS = 200_000  # per phase, whatever the speed


def add_big_document(url: str, megabytes: float) -> int:
    """One large stored text (resolution text repeated), the snippet worst case."""
    from models.db import Database
    from models.store import record_version

    base = (ROOT / "crawler" / "bundle" / "documents" / "resolutions" / "S_RES_2765_2024.txt").read_text("utf-8")
    text = "Resolution 9968 (2026)\n" + base.replace("Decides", "Decides 9968") * max(1, int(megabytes * 1e6 / len(base)))
    database = Database(url)
    with database.writer() as session:
        record_version(session, text=text, raw=b"bench", media_type="text/plain", symbol="S/2026/9968",
                       fetched_at=datetime.now(timezone.utc))
    database.dispose()
    return len(text)


def document_paths(url: str, count: int = 5) -> list[str]:
    """Pages of the last stored resolutions (the reader's round)."""
    from sqlalchemy import select

    from models.db import Database
    from models.documents import Document
    from models.text.symbols import url_form

    database = Database(url)
    with database.reader() as session:
        symbols = session.scalars(select(Document.symbol).where(Document.symbol.like("S/RES/%"))
                                  .order_by(Document.id.desc()).limit(count)).all()
    database.dispose()
    return ["/" + url_form(symbol) for symbol in symbols]


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def reader(port: int, seconds: float, paths: list[str], results) -> None:
    """The second client, in its own process: one keep-alive connection loading document
    pages in turn (its latencies are not delayed by the crowd's event loop)."""
    import http.client

    latencies: list[float] = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline and len(latencies) < MAX_REQUESTS:
        start = time.perf_counter()
        connection.request("GET", paths[n % len(paths)])
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            raise RuntimeError(f"document page answered {response.status}")
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        n += 1
    connection.close()
    results.put(latencies)


def read_pages(port: int, seconds: float):
    """Start the reader process; returns (process, queue)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=reader, args=(port, seconds, list(DOCUMENTS), results))
    process.start()
    return process, results


async def searcher(port: int, seconds: float, statuses: collections.Counter, index: int) -> None:
    deadline = time.perf_counter() + seconds
    connection = None
    n = index
    while time.perf_counter() < deadline and sum(statuses.values()) < MAX_REQUESTS:
        if connection is None:
            connection = await asyncio.open_connection("127.0.0.1", port)
        query = WORST[n % len(WORST)].replace(" ", "+").replace('"', "%22")
        try:
            status, _, closes = await asyncio.wait_for(fetch(*connection, request_bytes(f"/api/v1/search?q={query}")),
                                                       timeout=seconds + 30)
        except (asyncio.TimeoutError, ConnectionError, asyncio.IncompleteReadError):
            statuses["no answer"] += 1
            connection = None
            continue
        statuses[status] += 1
        if closes:
            connection[1].close()
            connection = None
        n += 1
    if connection:
        connection[1].close()


async def phase(port: int, pid: int, seconds: float, clients: int) -> dict:
    statuses: collections.Counter = collections.Counter()
    peak = 0

    async def watch() -> None:
        nonlocal peak
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            peak = max(peak, rss_kb(pid))
            await asyncio.sleep(0.1)

    process, results = read_pages(port, seconds)
    await asyncio.gather(watch(), *(searcher(port, seconds, statuses, i) for i in range(clients)))
    latencies = sorted(await asyncio.get_running_loop().run_in_executor(None, results.get, True, seconds + 60))
    process.join(30)
    return {"pages": len(latencies), "p50": statistics.median(latencies) * 1000,
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
            "searches": dict(statuses), "peak_mb": peak / 1024}


def serve(url: str, folder: str, threads: int, extra_env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = dict(os.environ, COUNCILWATCH_DATABASE_URL=url, COUNCILWATCH_INSTANCE_PATH=folder, **extra_env)
    server = subprocess.Popen(
        [sys.executable, "-m", "webapp", "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port)
    return server, port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each phase (at most 60)")
    parser.add_argument("--files", type=int, default=300, help="bundled resolutions to store (0: all)")
    parser.add_argument("--big-mb", type=float, default=4.0, help="size of the one large document, in MB")
    parser.add_argument("--clients", type=int, default=32, help="concurrent search clients (at most 64)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args()
    seconds, clients = min(args.seconds, 60.0), min(args.clients, 64)

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/abuse.sqlite3"
        started = time.perf_counter()
        stored = build_database(url, args.files or None)
        big = add_big_document(url, args.big_mb)
        DOCUMENTS[:] = document_paths(url)
        print(f"database: {stored} bundled resolutions + one document of {big / 1e6:.1f} MB, "
              f"built in {time.perf_counter() - started:.0f} s")
        print(f"server: waitress on 127.0.0.1, {args.threads} threads; {os.cpu_count()} CPUs shared with the clients")
        print(f"{'phase':10} {'search clients':>14} {'pages':>6} {'p50 ms':>8} {'p99 ms':>8} {'anchor p99':>10} "
              f"{'peak RSS MB':>11} {'growth MB':>9}  searches by status")
        server, port = serve(url, folder, args.threads, {"COUNCILWATCH_SEARCH_RATELIMIT": "1000000 per minute"})
        try:
            import http.client

            costs = []
            for query in WORST:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                start = time.perf_counter()
                connection.request("GET", "/api/v1/search?q=" + query.replace(" ", "+").replace('"', "%22"))
                response = connection.getresponse()
                response.read()
                costs.append(f"{query.strip()[:24]!r} {response.status} {(time.perf_counter() - start) * 1000:.0f} ms")
                connection.close()
        finally:
            server.terminate()
            server.wait(30)
        print("one search at a time: " + "; ".join(costs))
        anchor = None
        for name, env, crowd in (("anchor", {}, 0), ("defaults", {}, clients),
                                 ("no-limit", {"COUNCILWATCH_SEARCH_RATELIMIT": "1000000 per minute"}, clients)):
            server, port = serve(url, folder, args.threads, env)
            try:
                warm, warmed = read_pages(port, 0.5)  # warm the page code and caches
                warmed.get(timeout=60)
                warm.join(30)
                baseline = rss_kb(server.pid) / 1024
                result = asyncio.run(phase(port, server.pid, seconds, crowd))
            finally:
                server.terminate()
                server.wait(30)
            anchor = anchor or result
            growth = result["peak_mb"] - baseline
            verdict = "ok" if result["p99"] < 250 else "OVER 250 ms"
            print(f"{name:10} {crowd:>14} {result['pages']:>6} {result['p50']:>8.1f} {result['p99']:>8.1f} "
                  f"{anchor['p99']:>10.1f} {result['peak_mb']:>11.0f} {growth:>9.0f}  "
                  f"{result['searches'] or '-'}  [{verdict}]")


if __name__ == "__main__":
    main()
