"""Alert relay benchmark: 10,000 confirmed subscribers, 100 events.

    .venv/bin/python bench/alerts.py [--subscribers 10000] [--events 100] [--database-url URL]

Stores 100 documents, subscribes 10,000 confirmed addresses (most follow one of the
documents; some follow searches, topics and member states that the events do not
concern, so the matcher has to look at them), then records a second version of every
document (100 outbox events) and runs the relay once against a local SMTP server
(aiosmtpd in its own process, the Sink handler). Prints the time to match (events →
deliveries and queued mails), the time to deliver, and mails per second.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from models.base import utcnow  # noqa: E402
from models.migrate import upgrade  # noqa: E402
from models.store import record_version  # noqa: E402
from models.subscriptions import OutgoingMail, Subscription  # noqa: E402

TEXT = (ROOT / "tests" / "fixtures" / "alerts" / "S_RES_0889_1993_EN_GOLD.txt").read_text()
OTHER_TARGETS = [("search", '"all necessary measures" Haiti'), ("topic", "Haiti"), ("member", "Ecuador"),
                 ("search", "Bosnia")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp(port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                               "-c", "aiosmtpd.handlers.Sink"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the local SMTP server did not start")


def document_text(n: int, version: int) -> tuple[str, str]:
    symbol = f"S/2025/{700 + n}"
    body = TEXT.replace("Resolution 889 (1993)", f"Draft resolution {symbol}")
    body = body.replace("constant review", f"constant review (text {n})")
    if version == 2:
        body = body.replace("further period ending on 15 June 1994", "further period ending on 15 December 1994")
    return symbol, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="cw-bench-alerts-"))
    os.environ["COUNCILWATCH_INSTANCE_PATH"] = str(workdir)
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    upgrade(url)
    port = free_port()
    server = start_smtp(port)

    from webapp import create_app
    from webapp.alerts.relay import deliver_due

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-of-at-least-32-chars", "BASE_URL": "https://cw.example.org",
                      "SMTP_URL": f"smtp://127.0.0.1:{port}", "ALERTS_BATCH_SIZE": 200})
    db = app.extensions["councilwatch.db"]
    try:
        with db.writer() as session:
            symbols = []
            for n in range(args.events):
                symbol, body = document_text(n, 1)
                record_version(session, text=body, raw=body.encode(), media_type="text/plain", symbol=symbol)
                symbols.append(symbol)
        now = utcnow()
        others = max(args.subscribers // 20, 1)
        rows = []
        for k in range(args.subscribers):
            kind, value = OTHER_TARGETS[k % len(OTHER_TARGETS)] if k < others else ("document", symbols[k % len(symbols)])
            rows.append({"email": f"reader{k}@example.org", "target_kind": kind, "target_value": value,
                         "frequency": "immediate", "state": "confirmed", "confirmations_sent": 1,
                         "created_at": now, "confirmed_at": now})
        deliver_due(app)  # the first versions' events, before anybody subscribes
        with db.writer() as session:
            session.execute(insert(Subscription), rows)

        started = time.perf_counter()
        with db.writer() as session:
            for n in range(args.events):
                symbol, body = document_text(n, 2)
                record_version(session, text=body, raw=body.encode(), media_type="text/plain", symbol=symbol)
        record_seconds = time.perf_counter() - started

        report = deliver_due(app)
        with db.reader() as session:
            sent = session.scalar(select(func.count()).select_from(OutgoingMail).where(OutgoingMail.state == "sent"))
        backend = db.engine.dialect.name
        print(f"backend: {backend}; subscribers: {args.subscribers:,} confirmed; events: {args.events}")
        print(f"recording {args.events} versions with their outbox events: {record_seconds:.2f} s")
        print(f"match: {report.match_seconds:.2f} s ({report.events_matched} events → {report.deliveries:,} deliveries, "
              f"{report.alerts_queued:,} mails queued)")
        print(f"deliver: {report.send_seconds:.2f} s ({report.sent:,} mails to the local SMTP server; "
              f"{report.sent / report.send_seconds:,.0f} mails/s)")
        print(f"end to end: {report.match_seconds + report.send_seconds:.2f} s; sent in database: {sent:,}; "
              f"deferred: {report.deferred}")
    finally:
        server.terminate()
        server.wait(10)
        db.dispose()


if __name__ == "__main__":
    main()
