"""Putting mails on the queue: each with a dedupe key and the Message-ID derived from it,
so the same (subscription, event) can never be queued twice."""
from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from models.base import utcnow
from models.subscriptions import MailKind, MailState, OutgoingMail, Subscription

from .compose import message_id


def mail_row(*, kind: MailKind, email: str, subscription_id: int | None, dedupe_key: str, domain: str,
             now: datetime, digest_day: date | None = None) -> dict:
    """The column values of one queued mail (for bulk inserts)."""
    return {
        "kind": kind.value, "email": email, "subscription_id": subscription_id, "dedupe_key": dedupe_key,
        "message_id": message_id(dedupe_key, domain), "digest_day": digest_day, "state": MailState.QUEUED.value,
        "attempts": 0, "next_attempt_at": now, "created_at": now,
    }


def queue_rows(session: Session, rows: list[dict]) -> list[int]:
    """Insert queued mails; their ids in the order given."""
    if not rows:
        return []
    result = session.execute(insert(OutgoingMail).returning(OutgoingMail.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def queue_confirmation(session: Session, subscription: Subscription, domain: str, now: datetime | None = None) -> int:
    """The one mail a pending subscription may get: the link that confirms it."""
    now = now or utcnow()
    subscription.confirmations_sent = (subscription.confirmations_sent or 0) + 1
    session.flush()
    key = f"confirm:{subscription.id}:{subscription.confirmations_sent}"
    return queue_rows(session, [mail_row(kind=MailKind.CONFIRM, email=subscription.email,
                                         subscription_id=subscription.id, dedupe_key=key, domain=domain, now=now)])[0]


def queue_manage_link(session: Session, email: str, domain: str, now: datetime | None = None) -> int:
    """A link to the manage page, for an address that has confirmed at least once."""
    now = now or utcnow()
    key = f"manage:{email}:{secrets.token_hex(8)}"
    return queue_rows(session, [mail_row(kind=MailKind.MANAGE, email=email, subscription_id=None,
                                         dedupe_key=key, domain=domain, now=now)])[0]
