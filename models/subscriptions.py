"""Email alerts: who follows what, the outbox of events, and every mail owed.

A `Subscription` is pending until its address confirms (double opt-in). An `AlertEvent`
is written in the transaction of the version that causes it (the outbox). The relay
fans an event out into one `Delivery` per matching subscription (unique per pair) and
queues `OutgoingMail` rows: one per immediate alert, one per subscriber-day for a digest.
A mail that cannot be delivered ends in state "dead" (the dead-letter list); an address
refused for good gets a `Suppression` and no further mail.
"""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

#: RFC 5321 caps a forward path at 256 octets including the brackets.
EMAIL_LENGTH = 254


class TargetKind(str, enum.Enum):
    """What a subscription follows."""

    DOCUMENT = "document"  # a symbol: the draft and its /Rev.n, /Corr.n, /Add.n
    MANDATE = "mandate"    # a mission or mandate entity, e.g. "MINUSCA"
    TOPIC = "topic"        # an agenda topic or country, e.g. "Central African Republic"
    MEMBER = "member"      # a member state's votes and statements, e.g. "France"
    SEARCH = "search"      # a full-text query


class Frequency(str, enum.Enum):
    IMMEDIATE = "immediate"
    DAILY = "daily"


class SubscriptionState(str, enum.Enum):
    PENDING = "pending"            # waiting for the address to confirm
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"


class EventKind(str, enum.Enum):
    VERSION = "version"    # a new version of a document
    REMINDER = "reminder"  # a mandate end date is coming
    VOTE = "vote"          # a recorded vote


class MailKind(str, enum.Enum):
    CONFIRM = "confirm"
    MANAGE = "manage"
    ALERT = "alert"
    DIGEST = "digest"


class MailState(str, enum.Enum):
    QUEUED = "queued"        # due at next_attempt_at
    SENDING = "sending"      # claimed by a relay; the outcome is not recorded yet
    SENT = "sent"
    DEAD = "dead"            # refused for good or out of attempts: the dead-letter list
    CANCELLED = "cancelled"  # the subscription ended before the mail left
    SUPPRESSED = "suppressed"  # the address is on the suppression list


class Subscription(Base):
    """One address following one target; the address must confirm before any alert."""

    __tablename__ = "subscription"
    __table_args__ = (UniqueConstraint("email", "target_kind", "target_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_value: Mapped[str] = mapped_column(String(200))
    frequency: Mapped[str] = mapped_column(String(16), default=Frequency.IMMEDIATE.value)
    remind_days: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default=SubscriptionState.PENDING.value)
    confirmations_sent: Mapped[int] = mapped_column(Integer, default=0)
    #: The mailbox as limits count it: lower case, without a "+tag" (see webapp.abuse).
    mailbox: Mapped[str | None] = mapped_column(String(EMAIL_LENGTH), index=True)
    confirmation_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Bumped on every change of state: a confirmation link carries the value it was made
    #: with and dies when the subscription changes (no re-subscribing from an old mail).
    token_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<Subscription {self.id} {self.email} {self.target_kind}={self.target_value!r} {self.state}>"


class AlertEvent(Base):
    """The outbox: something that may deserve a mail. `matched_at` is set once the
    relay has turned it into deliveries."""

    __tablename__ = "alert_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    version_number: Mapped[int | None] = mapped_column(Integer)
    previous_number: Mapped[int | None] = mapped_column(Integer)
    entity: Mapped[str | None] = mapped_column(String(200))
    dedupe_key: Mapped[str | None] = mapped_column(String(300), unique=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    matched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class OutgoingMail(Base):
    """One message owed to one address, with a Message-ID fixed when it is queued."""

    __tablename__ = "outgoing_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), index=True)
    subscription_id: Mapped[int | None] = mapped_column(ForeignKey("subscription.id"), index=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    digest_day: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default=MailState.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    subscription: Mapped[Subscription | None] = relationship()
    deliveries: Mapped[list["Delivery"]] = relationship(back_populates="mail", order_by="Delivery.event_id")


class Delivery(Base):
    """Event e owed to subscription s: at most one row per pair, ever."""

    __tablename__ = "delivery"
    __table_args__ = (UniqueConstraint("subscription_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscription.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("alert_event.id"), index=True)
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_mail.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[AlertEvent] = relationship()
    mail: Mapped[OutgoingMail | None] = relationship(back_populates="deliveries")


class Suppression(Base):
    """An address that refused mail for good (a 5xx to RCPT TO): never mailed again."""

    __tablename__ = "suppression"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


Index("ix_outgoing_mail_state_next_attempt_at", OutgoingMail.state, OutgoingMail.next_attempt_at)
Index("ix_subscription_state_target_kind", Subscription.state, Subscription.target_kind)
