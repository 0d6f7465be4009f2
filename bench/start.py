"""Benchmark `councilwatch start` on a fresh database: time to the first page, and to the
complete background load of the bundled archive; then a second start.

    .venv/bin/python bench/start.py [--timeout 900]

Anchors measured in the same run: a no-op Python process (`python -c pass`), and the
same server's trivial page (/static/favicon.svg) beside the home page while loading.
Prints the load's progress as the pages' banner reads it (the `bundle_load` row), the
CPU seconds of the whole process tree (start, loader, crawls, parse workers: the
children's rusage, taken after the server stops), and whether the second start wrote
anything (row counts and the load record, before and after).

The machine is shared: wall times include everyone else's load; CPU seconds less so.
"""
from __future__ import annotations

import argparse
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.web import free_port  # noqa: E402

TABLES = ("document", "version", "paragraph", "fact", "vote", "member_vote", "link", "crawl_run", "crawl_page",
          "alert_event", "bundle_load")


def get(url: str, timeout: float = 10.0) -> tuple[int, float, str]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read().decode("utf-8", "replace")
        return response.status, time.perf_counter() - started, body


def noop_seconds() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def launch(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "webapp", "start", "--no-schedule", "--port", str(port)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def first_page(base: str, process: subprocess.Popen, started: float, timeout: float) -> tuple[float, str]:
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise SystemExit(f"start exited with {process.returncode}")
        try:
            status, _, body = get(base + "/", timeout=5)
            if status == 200:
                return time.perf_counter() - started, body
        except OSError:
            time.sleep(0.05)
    raise SystemExit("no page within the timeout")


def load_row(db: Path) -> tuple | None:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute("SELECT status, done, total, phase, message FROM bundle_load "
                                "ORDER BY started_at DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:
        return None


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cw-start-"))
    db = folder / "councilwatch.sqlite3"
    env = {**os.environ, "COUNCILWATCH_INSTANCE_PATH": str(folder), "COUNCILWATCH_DATABASE_URL": f"sqlite:///{db}"}
    env.pop("COUNCILWATCH_LOG_LEVEL", None)
    print(f"cores: {os.cpu_count()}; load average at start: {os.getloadavg()[0]:.1f}; folder: {folder}")
    print(f"anchor: no-op python process {noop_seconds():.2f} s")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = launch(env, port, folder / "start.log")
    seconds, body = first_page(base, server, started, args.timeout)
    print(f"first start: first page (home) after {seconds:.1f} s; banner shown: {'Still loading' in body}")
    _, trivial, _ = get(base + "/static/favicon.svg")
    _, home, _ = get(base + "/")
    print(f"  while loading: trivial page {trivial * 1000:.0f} ms, home {home * 1000:.0f} ms")
    last = None
    while time.perf_counter() - started < args.timeout:
        row = load_row(db)
        if row and row[0] != "loading":
            break
        if row and time.perf_counter() - (last or 0) >= 15:
            last = time.perf_counter()
            print(f"  {time.perf_counter() - started:5.0f} s: {row[1]}/{row[2]} records ({row[3] or ''})")
        time.sleep(0.5)
    loaded = time.perf_counter() - started
    row = load_row(db)
    print(f"first start: load {row[0]} after {loaded:.1f} s ({row[4]})")
    stop(server)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"  CPU of the process tree: {usage.ru_utime:.1f} s user, {usage.ru_stime:.1f} s system")

    before = counts(db), load_row(db)
    started = time.perf_counter()
    server = launch(env, port, folder / "start.log")
    seconds, body = first_page(base, server, started, args.timeout)
    print(f"second start: first page after {seconds:.1f} s; banner shown: {'Still loading' in body}")
    time.sleep(2)
    stop(server)
    after = counts(db), load_row(db)
    print(f"second start wrote nothing: {before == after} ({before[0]['version']} versions)")


if __name__ == "__main__":
    main()
