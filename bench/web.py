"""Benchmark the web app on the production server (waitress via `councilwatch serve`).

    .venv/bin/python bench/web.py [--seconds 5] [--files N] [--threads 8]

Builds a SQLite database from the bundled archive (crawler/bundle/documents/resolutions),
starts `councilwatch serve` on it, warms it, then measures requests per second and
p50/p99 latency for the same server's trivial page (a static file: the anchor the other
figures are read against), the home page, a document page, a mandate page, a search, a
compare page (warm: comparisons are cached) and a permalink revalidation
(If-None-Match → 304), at 1 and 32 concurrent keep-alive clients. "Warm" pages are
served from the page cache until the data changes (webapp/pagecache.py). The client runs on the same machine, so it competes with the server for CPU.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "crawler" / "bundle" / "documents" / "resolutions"
DOCUMENT = "/S/RES/2765(2024)"
COMPARE = "/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"
PERMALINK = "/S/RES/2765(2024)@1"
TRIVIAL = "/static/favicon.svg"
HOME = "/"
MANDATE = "/mandates/MONUSCO"
SEARCH = "/search?q=all+necessary+measures"
SYMBOL_SEARCH = "/search?q=2709"


def build_database(url: str, limit: int | None) -> int:
    from models.db import Database
    from models.ingest import IngestError, ingest_file
    from models.migrate import upgrade

    upgrade(url)
    database = Database(url)
    files = sorted(BUNDLE.glob("*.txt"))[: limit or None]
    stored = 0
    for path in files:
        try:
            with database.writer() as session:
                ingest_file(session, path)
            stored += 1
        except IngestError:
            pass
    database.dispose()
    return stored


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def fetch(reader, writer, request: bytes) -> tuple[int, bytes, bool]:
    """One request on an open connection: status, raw response, and whether the server
    closes the connection after it (waitress does after every 304)."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length, closes = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"connection" and value.strip().lower() == b"close":
            closes = True
    body = await reader.readexactly(length) if length else b""
    return status, head + body, closes


def request_bytes(path: str, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def run(port: int, request: bytes, expect: int, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        connection = None
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            if connection is None:  # latency includes reconnecting when the server closed
                connection = await asyncio.open_connection("127.0.0.1", port)
            status, _, closes = await fetch(*connection, request)
            latencies.append(time.perf_counter() - start)
            if status != expect:
                raise RuntimeError(f"expected {expect}, got {status}")
            if closes:
                connection[1].close()
                connection = None
        if connection:
            connection[1].close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies), "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


async def etag_of(port: int, path: str) -> str:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    status, raw, _ = await fetch(reader, writer, request_bytes(path))
    writer.close()
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"etag:"):
            return line.split(b":", 1)[1].strip().decode()
    raise RuntimeError(f"{path}: no ETag (status {status})")


def wait_for(port: int, timeout: float = 30) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each measurement")
    parser.add_argument("--files", type=int, default=0, help="ingest only the first N bundled files (0: all)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite3"
        started = time.perf_counter()
        stored = build_database(url, args.files)
        print(f"database: {stored} bundled files stored in {time.perf_counter() - started:.1f} s")
        port = free_port()
        env = dict(os.environ, COUNCILWATCH_DATABASE_URL=url, COUNCILWATCH_INSTANCE_PATH=folder)
        server = subprocess.Popen(
            [sys.executable, "-m", "webapp", "serve", "--port", str(port), "--threads", str(args.threads)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            etag = asyncio.run(etag_of(port, PERMALINK))
            asyncio.run(etag_of(port, COMPARE))  # the first request computes and caches the comparison
            cases = [
                ("trivial page (static file)", request_bytes(TRIVIAL), 200),
                ("home page", request_bytes(HOME), 200),
                ("document page", request_bytes(DOCUMENT), 200),
                ("mandate page", request_bytes(MANDATE), 200),
                ("search page", request_bytes(SEARCH), 200),
                ("search by symbol", request_bytes(SYMBOL_SEARCH), 200),
                ("compare page (warm)", request_bytes(COMPARE), 200),
                ("permalink revalidation (304)", request_bytes(PERMALINK, {"If-None-Match": etag}), 304),
            ]
            print(f"server: waitress, {args.threads} threads, {os.cpu_count()} CPUs (client on the same machine)")
            print(f"{'case':32} {'clients':>7} {'requests':>9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
            for name, request, expect in cases:
                for clients in (1, 32):
                    asyncio.run(run(port, request, expect, clients, 0.5))  # warm-up
                    r = asyncio.run(run(port, request, expect, clients, args.seconds))
                    print(f"{name:32} {clients:>7} {r['requests']:>9} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f}")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
