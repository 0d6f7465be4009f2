"""The relay: outbox events → deliveries → mails → SMTP, each step committed.

`deliver_due(app)` runs the steps in order and returns what it did:
  1. recover mails left "sending" by a relay that died (after the lease): they go
     again once, with the same Message-ID, so a receiver can drop the duplicate;
  2. match unmatched events against confirmed subscriptions (one Delivery per
     (subscription, event), enforced by a unique constraint) and queue immediate mails;
  3. queue mandate expiry reminders that are due;
  4. queue daily digests for days that have ended;
  5. send what is due: claim a batch, send each message, record each outcome in its
     own transaction. 4xx replies and connection errors retry with exponential backoff,
     5xx replies go to the dead-letter list at once (a 5xx to RCPT TO suppresses the
     address).
A busy or unreachable database stops the run ("deferred"); whatever was not committed
is done by the next run, and nothing queued is lost.
"""
from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, time as dtime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from flask import Flask
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload

from models.base import utcnow
from models.db import Database
from models.documents import Document, Fact, Version
from models.subscriptions import (
    AlertEvent, Delivery, EventKind, Frequency, MailKind, MailState, OutgoingMail, Subscription,
    SubscriptionState, Suppression, TargetKind,
)

from ..comparisons import ComparisonCache
from .compose import MailSettings, compose
from .mail import PermanentError, TransientError, Transport, transport_for
from .matching import EventContext, SubRow, SubscriptionIndex, load_context
from .queue import mail_row, queue_rows
from .render import event_item

log = logging.getLogger(__name__)

DEFAULTS = {
    "ALERTS_RETRY_BASE_SECONDS": 60,
    "ALERTS_RETRY_MAX_SECONDS": 6 * 3600,
    "ALERTS_MAX_ATTEMPTS": 8,
    "ALERTS_SENDING_LEASE_SECONDS": 600,
    "ALERTS_BATCH_SIZE": 100,
    "ALERTS_RECORD_RETRIES": 5,
}


@dataclass
class RelayReport:
    events_matched: int = 0
    deliveries: int = 0
    alerts_queued: int = 0
    reminders_queued: int = 0
    digests_queued: int = 0
    sent: int = 0
    retried: int = 0
    dead: int = 0
    suppressed: int = 0
    cancelled: int = 0
    recovered: int = 0
    deferred: str | None = None
    match_seconds: float = 0.0
    send_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        line = (f"{self.events_matched} events matched, {self.deliveries} deliveries; queued "
                f"{self.alerts_queued} alerts, {self.reminders_queued} reminders, {self.digests_queued} digests; "
                f"sent {self.sent}, retry later {self.retried}, dead {self.dead}, suppressed {self.suppressed}, "
                f"cancelled {self.cancelled}, recovered {self.recovered}")
        return line + (f"; deferred: {self.deferred}" if self.deferred else "")


def _setting(app: Flask, name: str) -> Any:
    return app.config.get(name, DEFAULTS[name])


def maildir_path(app: Flask) -> Path:
    """Where mail goes without an SMTP server: ALERTS_MAILDIR, else instance/mail."""
    return Path(app.config.get("ALERTS_MAILDIR") or Path(app.instance_path) / "mail")


def deliver_due(app: Flask, *, now: datetime | None = None, transport: Transport | None = None) -> RelayReport:
    """Do everything that is due at `now` (default: the clock). Safe to run concurrently
    and after a crash: every step claims its rows with a conditional update."""
    now = now or utcnow()
    report = RelayReport()
    db: Database = app.extensions["councilwatch.db"]
    settings = MailSettings.from_config(app.config)
    with app.app_context():
        try:
            _recover_stale(db, now, _setting(app, "ALERTS_SENDING_LEASE_SECONDS"), report)
            started = time.perf_counter()
            contexts = _Contexts()
            _match_events(db, now, settings, contexts, report)
            _queue_reminders(db, now, settings, report)
            _queue_digests(db, now, settings, report)
            report.match_seconds = time.perf_counter() - started
            started = time.perf_counter()
            _send_due(app, db, now, settings, contexts, report, transport)
            report.send_seconds = time.perf_counter() - started
        except OperationalError as error:
            report.deferred = f"database unavailable, will retry: {error.orig or error}"
            log.warning("alert relay deferred: %s", report.deferred)
    return report


class _Contexts:
    """Event contexts (document, versions, comparison JSON) read once per run."""

    def __init__(self) -> None:
        self._by_id: dict[int, EventContext] = {}
        self.comparisons = ComparisonCache()

    def get(self, session: Session, event: AlertEvent) -> EventContext:
        if event.id not in self._by_id:
            self._by_id[event.id] = load_context(session, event, self.comparisons)
        return self._by_id[event.id]


# -- 1. recovery ---------------------------------------------------------------------------

def _recover_stale(db: Database, now: datetime, lease: float, report: RelayReport) -> None:
    with db.writer() as session:
        result = session.execute(
            update(OutgoingMail)
            .where(OutgoingMail.state == MailState.SENDING.value,
                   OutgoingMail.claimed_at < now - timedelta(seconds=lease))
            .values(state=MailState.QUEUED.value, next_attempt_at=now, claimed_at=None,
                    last_error="relay stopped before recording the outcome; sending again with the same Message-ID")
        )
        report.recovered += result.rowcount or 0


# -- 2. matching ---------------------------------------------------------------------------

def _match_events(db: Database, now: datetime, settings: MailSettings, contexts: _Contexts, report: RelayReport) -> None:
    index: SubscriptionIndex | None = None
    last_id = 0
    while True:
        with db.reader() as session:
            events = session.scalars(
                select(AlertEvent).where(AlertEvent.matched_at.is_(None), AlertEvent.id > last_id)
                .order_by(AlertEvent.id).limit(50)
            ).all()
            if not events:
                return
            if index is None:
                index = SubscriptionIndex.load(session)
            prepared = [(event, index.matches(contexts.get(session, event))) for event in events]
        for event, rows in prepared:
            last_id = event.id
            with db.writer() as session:
                claimed = session.execute(
                    update(AlertEvent).where(AlertEvent.id == event.id, AlertEvent.matched_at.is_(None))
                    .values(matched_at=now)
                ).rowcount
                if not claimed:
                    continue  # another relay matched it meanwhile
                report.events_matched += 1
                _fan_out(session, event.id, rows, now, settings, report, force_immediate=False)


def _fan_out(session: Session, event_id: int, rows: list[SubRow], now: datetime, settings: MailSettings,
             report: RelayReport, *, force_immediate: bool) -> None:
    """One Delivery per new (subscription, event); an alert mail for immediate ones."""
    done = set(session.scalars(select(Delivery.subscription_id).where(Delivery.event_id == event_id)))
    rows = [r for r in rows if r.id not in done]
    if not rows:
        return
    immediate = [r for r in rows if force_immediate or r.frequency != Frequency.DAILY.value]
    mail_ids = queue_rows(session, [
        mail_row(kind=MailKind.ALERT, email=r.email, subscription_id=r.id, dedupe_key=f"alert:{r.id}:{event_id}",
                 domain=settings.domain, now=now)
        for r in immediate
    ])
    mail_of = dict(zip((r.id for r in immediate), mail_ids))
    session.execute(insert(Delivery), [
        {"subscription_id": r.id, "event_id": event_id, "mail_id": mail_of.get(r.id), "created_at": now} for r in rows
    ])
    report.deliveries += len(rows)
    report.alerts_queued += len(immediate)


# -- 3. reminders --------------------------------------------------------------------------

def _queue_reminders(db: Database, now: datetime, settings: MailSettings, report: RelayReport) -> None:
    """"Decides to extend the mandate of MINUSCA until 15 November 2025": a follower who
    asked for a reminder N days ahead gets one when 15 November is N days away or less."""
    today = now.date()
    with db.reader() as session:
        subs = session.execute(
            select(Subscription.id, Subscription.email, Subscription.target_kind, Subscription.target_value,
                   Subscription.frequency, Subscription.remind_days)
            .where(Subscription.state == SubscriptionState.CONFIRMED.value,
                   Subscription.target_kind == TargetKind.MANDATE.value, Subscription.remind_days.is_not(None),
                   Subscription.email.not_in(select(Suppression.email)))
        ).all()
        if not subs:
            return
        ends = _latest_mandate_ends(session, {s.target_value.casefold() for s in subs})
    for row in map(lambda r: SubRow(*r), subs):
        end = ends.get(row.target_value.casefold())
        if end is None or not (end["date"] - timedelta(days=row.remind_days) <= today <= end["date"]):
            continue
        with db.writer() as session:
            event_id = _reminder_event(session, end, now)
            before = report.alerts_queued
            _fan_out(session, event_id, [row], now, settings, report, force_immediate=True)
            report.reminders_queued += report.alerts_queued - before
            report.alerts_queued = before


def _latest_mandate_ends(session: Session, entities: set[str]) -> dict[str, dict[str, Any]]:
    """The latest mandate end read for each entity, with where it was read."""
    found: dict[str, dict[str, Any]] = {}
    rows = session.execute(
        select(Fact.entity, Fact.value, Fact.paragraph, Fact.evidence, Version.document_id, Version.number)
        .join(Version, Version.id == Fact.version_id)
        .where(Fact.kind == "mandate_end", Fact.reported.is_(False), func.lower(Fact.entity).in_(entities))
    ).all()
    for entity, value, paragraph, evidence, document_id, number in rows:
        try:
            end = date.fromisoformat(str(value))
        except ValueError:
            continue
        key = entity.casefold()
        if key not in found or end > found[key]["date"]:
            symbol = session.scalar(select(Document.symbol).where(Document.id == document_id))
            found[key] = {"entity": entity, "date": end, "paragraph": paragraph, "evidence": evidence,
                          "document_id": document_id, "version": number, "symbol": symbol}
    return found


def _reminder_event(session: Session, end: dict[str, Any], now: datetime) -> int:
    key = f"reminder:{end['entity'].casefold()}:{end['date'].isoformat()}"
    found = session.scalar(select(AlertEvent.id).where(AlertEvent.dedupe_key == key))
    if found:
        return found
    payload = {k: v for k, v in end.items() if k != "date"} | {"mandate_end": end["date"].isoformat()}
    try:
        with session.begin_nested():
            event = AlertEvent(kind=EventKind.REMINDER.value, document_id=end["document_id"], entity=end["entity"],
                               dedupe_key=key, payload=payload, created_at=now, matched_at=now)
            session.add(event)
            session.flush()
            return event.id
    except IntegrityError:
        return session.scalar(select(AlertEvent.id).where(AlertEvent.dedupe_key == key))


# -- 4. digests ----------------------------------------------------------------------------

def _queue_digests(db: Database, now: datetime, settings: MailSettings, report: RelayReport) -> None:
    """A daily subscriber's deliveries of one (UTC) day become one mail once the day is
    over (deliveries left from before a switch to "immediate" too)."""
    start_of_today = datetime.combine(now.date(), dtime(0), tzinfo=timezone.utc)
    with db.writer() as session:
        pending = session.execute(
            select(Delivery.id, Delivery.subscription_id, AlertEvent.created_at, Subscription.email)
            .join(AlertEvent, AlertEvent.id == Delivery.event_id)
            .join(Subscription, Subscription.id == Delivery.subscription_id)
            .where(Delivery.mail_id.is_(None), Subscription.state == SubscriptionState.CONFIRMED.value,
                   AlertEvent.created_at < start_of_today)
        ).all()
        groups: dict[tuple[int, date, str], list[int]] = defaultdict(list)
        for delivery_id, subscription_id, created_at, email in pending:
            day = created_at.astimezone(timezone.utc).date()
            groups[(subscription_id, day, email)].append(delivery_id)
        for (subscription_id, day, email), delivery_ids in sorted(groups.items()):
            earlier = session.scalar(select(func.count()).select_from(OutgoingMail).where(
                OutgoingMail.subscription_id == subscription_id, OutgoingMail.kind == MailKind.DIGEST.value,
                OutgoingMail.digest_day == day))
            key = f"digest:{subscription_id}:{day.isoformat()}" + (f":{earlier + 1}" if earlier else "")
            [mail_id] = queue_rows(session, [mail_row(kind=MailKind.DIGEST, email=email, subscription_id=subscription_id,
                                                      dedupe_key=key, domain=settings.domain, now=now, digest_day=day)])
            session.execute(update(Delivery).where(Delivery.id.in_(delivery_ids)).values(mail_id=mail_id))
            report.digests_queued += 1


# -- 5. sending ----------------------------------------------------------------------------

def _send_due(app: Flask, db: Database, now: datetime, settings: MailSettings, contexts: _Contexts,
              report: RelayReport, transport: Transport | None) -> None:
    own_transport = transport is None
    transport = transport or transport_for(app.config.get("SMTP_URL"), maildir_path(app))
    bounced: set[str] = set()
    try:
        while True:
            prepared = _claim_batch(app, db, now, settings, contexts, report)
            if not prepared:
                return
            for position, (mail_id, message) in enumerate(prepared):
                if message["To"] in bounced:  # refused for good a moment ago, in this batch
                    _record(app, db, lambda s: _suppressed(s, mail_id, report))
                    continue
                try:
                    transport.send(message)
                except TransientError as error:
                    reason = str(error)
                    _record(app, db, lambda s: _retry(app, s, mail_id, now, reason, report))
                    if error.connection:
                        rest = [m for m, _ in prepared[position + 1:]]
                        _record(app, db, lambda s: _release(s, rest))
                        report.deferred = f"SMTP unavailable, will retry: {error}"
                        return
                except PermanentError as error:
                    reason, bounce = str(error), error.bounce
                    _record(app, db, lambda s: _dead(s, mail_id, reason, bounce, now, report))
                    if error.bounce:
                        bounced.add(message["To"])
                else:
                    _record(app, db, lambda s: _sent(s, mail_id, now, report))
    finally:
        if own_transport:
            transport.close()


def _claim_batch(app: Flask, db: Database, now: datetime, settings: MailSettings, contexts: _Contexts,
                 report: RelayReport) -> list[tuple[int, Any]]:
    """Claim up to a batch of due mails ("sending", one more attempt) and build their
    messages; mails no longer wanted are closed here instead."""
    with db.writer() as session:
        due = select(OutgoingMail.id).where(
            OutgoingMail.state == MailState.QUEUED.value, OutgoingMail.next_attempt_at <= now
        ).order_by(OutgoingMail.next_attempt_at, OutgoingMail.id).limit(_setting(app, "ALERTS_BATCH_SIZE"))
        ids = session.scalars(
            update(OutgoingMail).where(OutgoingMail.id.in_(due), OutgoingMail.state == MailState.QUEUED.value)
            .values(state=MailState.SENDING.value, claimed_at=now, attempts=OutgoingMail.attempts + 1)
            .returning(OutgoingMail.id)
        ).all()
        if not ids:
            return []
        mails = session.scalars(
            select(OutgoingMail).where(OutgoingMail.id.in_(ids)).order_by(OutgoingMail.id)
            .options(selectinload(OutgoingMail.subscription), selectinload(OutgoingMail.deliveries).selectinload(Delivery.event))
        ).all()
        suppressed = set(session.scalars(select(Suppression.email).where(Suppression.email.in_({m.email for m in mails}))))
        prepared = []
        for mail in mails:
            reason = _unwanted(session, mail, suppressed)
            if reason:
                mail.state, mail.last_error = reason
                if mail.state == MailState.SUPPRESSED.value:
                    report.suppressed += 1
                else:
                    report.cancelled += 1
                continue
            try:
                items = [event_item(contexts.get(session, d.event), settings.base_url) for d in mail.deliveries]
                prepared.append((mail.id, compose(mail, mail.subscription, items, settings)))
            except Exception as error:  # a mail that cannot be built must not block the queue
                log.exception("cannot build mail %s", mail.id)
                mail.state, mail.last_error = MailState.DEAD.value, f"cannot build the message: {error!r}"
                report.dead += 1
        return prepared


def _unwanted(session: Session, mail: OutgoingMail, suppressed: set[str]) -> tuple[str, str] | None:
    """Why a claimed mail must not go (the address refused mail for good, the
    subscription ended or was never confirmed), or None."""
    if mail.email in suppressed:
        return MailState.SUPPRESSED.value, "address suppressed after a hard bounce"
    sub = mail.subscription
    if mail.kind == MailKind.CONFIRM.value:
        if sub is None or sub.state != SubscriptionState.PENDING.value:
            return MailState.CANCELLED.value, "subscription no longer waiting for confirmation"
        return None
    if mail.kind == MailKind.MANAGE.value:
        confirmed = session.scalar(select(func.count()).select_from(Subscription).where(
            Subscription.email == mail.email, Subscription.confirmed_at.is_not(None)))
        return None if confirmed else (MailState.CANCELLED.value, "address never confirmed")
    if sub is None or sub.state != SubscriptionState.CONFIRMED.value:
        return MailState.CANCELLED.value, "subscription not confirmed or ended"
    if not mail.deliveries:
        return MailState.CANCELLED.value, "nothing to deliver"
    return None


def _record(app: Flask, db: Database, change: Callable[[Session], None]) -> None:
    """Commit an outcome, waiting out a briefly busy database; if it stays busy the
    error propagates and the mail, still "sending", is recovered after the lease."""
    attempts = _setting(app, "ALERTS_RECORD_RETRIES")
    for attempt in range(attempts):
        try:
            with db.writer() as session:
                change(session)
            return
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2 ** attempt)


def _sent(session: Session, mail_id: int, now: datetime, report: RelayReport) -> None:
    session.execute(update(OutgoingMail).where(OutgoingMail.id == mail_id).values(
        state=MailState.SENT.value, sent_at=now, last_error=None))
    report.sent += 1


def _suppressed(session: Session, mail_id: int, report: RelayReport) -> None:
    session.execute(update(OutgoingMail).where(OutgoingMail.id == mail_id).values(
        state=MailState.SUPPRESSED.value, last_error="address suppressed after a hard bounce"))
    report.suppressed += 1


def backoff(app: Flask, attempts: int) -> timedelta:
    """60 s, 120 s, 240 s … after the 1st, 2nd, 3rd failed attempt, capped."""
    base, cap = _setting(app, "ALERTS_RETRY_BASE_SECONDS"), _setting(app, "ALERTS_RETRY_MAX_SECONDS")
    return timedelta(seconds=min(cap, base * 2 ** max(attempts - 1, 0)))


def _retry(app: Flask, session: Session, mail_id: int, now: datetime, error: str, report: RelayReport) -> None:
    mail = session.get(OutgoingMail, mail_id)
    if mail.attempts >= _setting(app, "ALERTS_MAX_ATTEMPTS"):
        mail.state, mail.last_error = MailState.DEAD.value, f"gave up after {mail.attempts} attempts: {error}"
        report.dead += 1
        return
    mail.state, mail.last_error = MailState.QUEUED.value, error
    mail.next_attempt_at, mail.claimed_at = now + backoff(app, mail.attempts), None
    report.retried += 1


def _release(session: Session, mail_ids: list[int]) -> None:
    """Claimed mails never tried (the server went away first) go back as they were."""
    if mail_ids:
        session.execute(update(OutgoingMail).where(OutgoingMail.id.in_(mail_ids)).values(
            state=MailState.QUEUED.value, claimed_at=None, attempts=OutgoingMail.attempts - 1))


def _dead(session: Session, mail_id: int, error: str, bounce: bool, now: datetime, report: RelayReport) -> None:
    mail = session.get(OutgoingMail, mail_id)
    mail.state, mail.last_error = MailState.DEAD.value, error
    report.dead += 1
    if bounce and session.scalar(select(Suppression.id).where(Suppression.email == mail.email)) is None:
        session.add(Suppression(email=mail.email, reason=error, created_at=now))


# -- operator tools ------------------------------------------------------------------------

def dead_letters(session: Session) -> list[OutgoingMail]:
    """Mails that will not go unless an operator replays them, oldest first."""
    return list(session.scalars(
        select(OutgoingMail).where(OutgoingMail.state == MailState.DEAD.value).order_by(OutgoingMail.id)))


class ReplayError(ValueError):
    """A mail that cannot be replayed (unknown, or not dead)."""


def replay(session: Session, mail_id: int, *, now: datetime | None = None, unsuppress: bool = False) -> OutgoingMail:
    """Put a dead letter back on the queue, with its Message-ID and a fresh attempt count."""
    mail = session.get(OutgoingMail, mail_id)
    if mail is None:
        raise ReplayError(f"no mail {mail_id}")
    if mail.state != MailState.DEAD.value:
        raise ReplayError(f"mail {mail_id} is {mail.state}, not dead")
    if unsuppress:
        found = session.scalar(select(Suppression).where(Suppression.email == mail.email))
        if found is not None:
            session.delete(found)
    mail.state, mail.attempts, mail.next_attempt_at, mail.claimed_at = MailState.QUEUED.value, 0, now or utcnow(), None
    mail.last_error = f"replayed by the operator; before: {mail.last_error}"
    return mail
