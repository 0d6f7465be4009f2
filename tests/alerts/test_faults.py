"""Faults: a refusing server, a relay killed between the 250 and its commit, a locked
database, a hard bounce. Each alert arrives once (at most twice, with one Message-ID,
after a crash) and nothing queued is lost."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select

from models.base import utcnow
from models.subscriptions import AlertEvent, MailState, OutgoingMail, Suppression
from webapp.alerts.relay import deliver_due
from webapp.cli import main

from .conftest import BASE_URL, RES_889, RES_889_V2, confirm, db_of, record, subscribe

SYMBOL = "S/RES/889 (1993)"
ROOT = Path(__file__).resolve().parents[2]


def _follower(app, client, server, email="ops@example.org"):
    record(app, RES_889, SYMBOL)
    subscribe(client, email, "document", SYMBOL)
    deliver_due(app)
    [confirmation] = server.to(email)
    confirm(client, confirmation)
    server.received.clear()


def _alert_mail(app) -> OutgoingMail:
    with db_of(app).reader() as session:
        return session.scalar(select(OutgoingMail).where(OutgoingMail.kind == "alert"))


def test_refused_three_times_then_accepted_arrives_once_with_growing_delays(alert_app, alert_client, smtp_server):
    _follower(alert_app, alert_client, smtp_server)
    record(alert_app, RES_889_V2, SYMBOL)
    smtp_server.data_replies = ["451 4.3.0 Try again later"] * 3
    now, delays = utcnow(), []
    for _ in range(3):
        report = deliver_due(alert_app, now=now)
        assert (report.sent, report.retried) == (0, 1)
        mail = _alert_mail(alert_app)
        assert mail.state == "queued" and "451" in mail.last_error
        delays.append((mail.next_attempt_at - now).total_seconds())
        assert deliver_due(alert_app, now=mail.next_attempt_at - timedelta(seconds=1)).sent == 0  # not due yet
        now = mail.next_attempt_at
    assert delays == [60, 120, 240]
    assert deliver_due(alert_app, now=now).sent == 1
    assert deliver_due(alert_app, now=now + timedelta(days=1)).sent == 0
    [alert] = smtp_server.to("ops@example.org")
    mail = _alert_mail(alert_app)
    assert (mail.state, mail.attempts, alert["Message-ID"]) == ("sent", 4, mail.message_id)


def test_connection_refused_retries_later_and_loses_nothing(alert_app, alert_client, smtp_server):
    _follower(alert_app, alert_client, smtp_server)
    record(alert_app, RES_889_V2, SYMBOL)
    alert_app.config["SMTP_URL"] = "smtp://127.0.0.1:9?timeout=2"  # nothing listens on the discard port
    report = deliver_due(alert_app)
    assert report.sent == 0 and "SMTP unavailable" in report.deferred
    mail = _alert_mail(alert_app)
    assert (mail.state, mail.attempts) == ("queued", 1)
    alert_app.config["SMTP_URL"] = smtp_server.url
    assert deliver_due(alert_app, now=mail.next_attempt_at).sent == 1
    assert len(smtp_server.to("ops@example.org")) == 1


_KILLED_RELAY = textwrap.dedent("""
    import os, signal
    from webapp import create_app
    from webapp.alerts import mail, relay

    send = mail.SmtpTransport.send
    def send_then_die(self, message):
        send(self, message)                   # the server said 250 ...
        os.kill(os.getpid(), signal.SIGKILL)  # ... and the relay dies before its commit
    mail.SmtpTransport.send = send_then_die
    relay.deliver_due(create_app())
""")


def test_relay_killed_after_250_before_commit_resends_once_with_same_message_id(
        alert_app, alert_client, smtp_server, db_url, tmp_path):
    _follower(alert_app, alert_client, smtp_server)
    record(alert_app, RES_889_V2, SYMBOL)
    env = dict(os.environ, COUNCILWATCH_DATABASE_URL=db_url, COUNCILWATCH_SMTP_URL=smtp_server.url,
               COUNCILWATCH_SECRET_KEY="alert-test-secret-of-at-least-32-chars", COUNCILWATCH_BASE_URL=BASE_URL,
               COUNCILWATCH_INSTANCE_PATH=str(tmp_path), PYTHONPATH=str(ROOT))
    child = subprocess.run([sys.executable, "-c", _KILLED_RELAY], env=env, cwd=ROOT, capture_output=True, timeout=120)
    assert child.returncode == -9, child.stderr.decode()
    [first] = smtp_server.to("ops@example.org")
    mail = _alert_mail(alert_app)
    assert mail.state == "sending"  # the 250 was never recorded

    assert deliver_due(alert_app).sent == 0  # within the lease another relay may still be at work
    later = utcnow() + timedelta(seconds=alert_app.config.get("ALERTS_SENDING_LEASE_SECONDS", 600) + 1)
    report = deliver_due(alert_app, now=later)
    assert (report.recovered, report.sent) == (1, 1)
    assert deliver_due(alert_app, now=later + timedelta(hours=1)).sent == 0
    copies = smtp_server.to("ops@example.org")
    assert len(copies) == 2  # at most one resend ...
    assert copies[0]["Message-ID"] == copies[1]["Message-ID"] == first["Message-ID"]  # ... and the same Message-ID
    assert _alert_mail(alert_app).state == "sent"


def test_locked_database_is_retried_later_and_nothing_is_lost(alert_app, alert_client, smtp_server, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's database-wide write lock")
    _follower(alert_app, alert_client, smtp_server)
    record(alert_app, RES_889_V2, SYMBOL)
    engine = db_of(alert_app).engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _short_wait(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA busy_timeout=100")

    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        report = deliver_due(alert_app)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert report.sent == 0 and "database is locked" in report.deferred
    assert smtp_server.to("ops@example.org") == []
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(AlertEvent.matched_at).order_by(AlertEvent.id.desc())) is None  # still queued

    report = deliver_due(alert_app)
    assert (report.deferred, report.sent) == (None, 1)
    assert len(smtp_server.to("ops@example.org")) == 1


def test_hard_bounce_is_not_retried_and_suppresses_the_address(alert_app, alert_client, smtp_server, runner_for):
    _follower(alert_app, alert_client, smtp_server, "gone@example.org")
    subscribe(alert_client, "gone@example.org", "topic", "Cyprus")  # a second alert of the same address
    deliver_due(alert_app)
    confirm(alert_client, smtp_server.to("gone@example.org")[0])
    smtp_server.received.clear()
    record(alert_app, RES_889_V2, SYMBOL)
    smtp_server.rcpt_reply = "550 5.1.1 <gone@example.org>: mailbox unavailable"
    report = deliver_due(alert_app)
    # One refusal, no retry; the other mail of the batch to that address is not even tried.
    assert (report.sent, report.dead, report.retried, report.suppressed) == (0, 1, 0, 1)
    mail = _alert_mail(alert_app)
    assert mail.state == "dead" and mail.last_error.startswith("550")
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(Suppression.email)) == "gone@example.org"

    # Nothing new is queued for a suppressed address.
    smtp_server.rcpt_reply = None
    record(alert_app, RES_889.replace("15 June 1994", "15 August 1994"), SYMBOL)
    report = deliver_due(alert_app, now=utcnow() + timedelta(days=1))
    assert (report.sent, report.alerts_queued) == (0, 0)

    # The operator sees the dead letter and replays it (lifting the suppression).
    runner = runner_for(alert_app)
    listing = runner.invoke(main, ["alerts", "dead-letters"])
    assert listing.exit_code == 0 and f"{mail.id}\talert\tgone@example.org" in listing.output
    replayed = runner.invoke(main, ["alerts", "replay", str(mail.id), "--unsuppress"])
    assert replayed.exit_code == 0, replayed.output
    sent = runner.invoke(main, ["alerts", "send"])
    assert sent.exit_code == 0 and "sent 1" in sent.output
    [alert] = smtp_server.to("gone@example.org")
    assert alert["Message-ID"] == mail.message_id
    assert runner.invoke(main, ["alerts", "replay", str(mail.id)]).exit_code != 0  # sent now, not dead


def test_data_refused_with_5xx_is_dead_without_suppression(alert_app, alert_client, smtp_server):
    _follower(alert_app, alert_client, smtp_server)
    record(alert_app, RES_889_V2, SYMBOL)
    smtp_server.data_replies = ["554 5.6.0 message refused"]
    report = deliver_due(alert_app)
    assert (report.dead, report.retried) == (1, 0)
    assert deliver_due(alert_app, now=utcnow() + timedelta(days=1)).sent == 0
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(Suppression.id)) is None
        assert session.scalar(select(OutgoingMail.state).where(OutgoingMail.kind == "alert")) == MailState.DEAD.value


@pytest.fixture
def runner_for():
    return lambda app: app.test_cli_runner()
