"""Subscribing, confirming, managing and unsubscribing (double opt-in, RFC 8058).

  /subscribe                       the form (GET) and the request (POST, CSRF, rate-limited)
  /subscribe/confirm/<token>       GET asks, POST confirms (a link scanner's GET confirms nothing)
  /subscribe/manage                ask for a manage link by mail (POST, rate-limited)
  /subscribe/manage/<token>        the address's alerts: unsubscribe, change frequency
  /unsubscribe/<token>             one-click: POST unsubscribes without cookies or CSRF
                                   token (the signed token is the proof), GET only asks
"""
from __future__ import annotations

import re
from datetime import timedelta

from flask import Blueprint, abort, current_app, render_template, request
from flask_wtf import FlaskForm
from sqlalchemy import func, select, update
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from models.base import utcnow
from models.subscriptions import (
    Frequency, MailKind, MailState, OutgoingMail, Subscription, SubscriptionState, Suppression, TargetKind,
)
from models.text.symbols import SymbolError, normalise_symbol
from models.textclean import strip_controls

from .alerts.compose import MailSettings, describe_target
from .alerts.mail import AddressError, normalise_address
from .alerts.mailbox import mailbox_key
from .alerts.queue import queue_confirmation, queue_manage_link
from .alerts.tokens import Purpose, TokenError, read_token
from .extensions import csrf, limiter

bp = Blueprint("subscribe", __name__)

TARGET_CHOICES = [
    SelectChoice(TargetKind.DOCUMENT.value, "a document and its revisions"),
    SelectChoice(TargetKind.MANDATE.value, "a mandate or mission"),
    SelectChoice(TargetKind.TOPIC.value, "an agenda topic or country"),
    SelectChoice(TargetKind.MEMBER.value, "a member state's votes and statements"),
    SelectChoice(TargetKind.SEARCH.value, "a full-text search"),
]
FREQUENCY_CHOICES = [SelectChoice(Frequency.IMMEDIATE.value, "as it happens"),
                     SelectChoice(Frequency.DAILY.value, "a daily digest")]
_ENTITY = re.compile(r"^[\w][\w .,'()/&\-]{0,119}$")


def _ip_limit() -> str:
    return current_app.config.get("ALERTS_RATELIMIT_PER_IP", "20 per hour")


def _address_limit() -> str:
    return current_app.config.get("ALERTS_RATELIMIT_PER_ADDRESS", "5 per hour")


def _address_key() -> str:
    """Rate-limit key of the mailbox in the posted form: case folded, "+tag" dropped."""
    raw = request.form.get("email", "")
    try:
        return "address:" + mailbox_key(normalise_address(raw))
    except AddressError:
        return "address:invalid"


#: A pending subscription's confirmation is sent again at most this often.
RESEND_AFTER = timedelta(hours=1)


def clean_target(kind: str, value: str) -> str:
    """The target as stored: a canonical symbol, an entity, a topic, a member, a query."""
    value = " ".join((strip_controls(value) or "").split())
    if not value:
        raise ValueError("say what to follow")
    if kind == TargetKind.DOCUMENT.value:
        try:
            return normalise_symbol(value)
        except SymbolError:
            raise ValueError(f"{value!r} is not a UN document symbol (e.g. S/RES/2759 (2024), S/2025/748)") from None
    if kind in (TargetKind.MANDATE.value, TargetKind.MEMBER.value, TargetKind.TOPIC.value):
        if not _ENTITY.match(value):
            raise ValueError("use letters, digits and spaces (at most 120)")
        return value
    if kind == TargetKind.SEARCH.value:
        if len(value) > 200:
            raise ValueError("a search is at most 200 characters")
        return value
    raise ValueError("unknown kind of alert")


class AddressField(StringField):
    """One email address: no line breaks, one mailbox, normalised (email-validator)."""

    def pre_validate(self, form) -> None:
        try:
            self.data = normalise_address(self.data or "")
        except AddressError as error:
            raise ValidationError(f"not a valid email address: {error}") from None


class SubscribeForm(FlaskForm):
    email = AddressField("Email address", validators=[InputRequired(), Length(max=254)])
    target_kind = SelectField("Follow", choices=TARGET_CHOICES, default=TargetKind.DOCUMENT.value)
    target_value = StringField("What", validators=[InputRequired(), Length(max=200)])
    frequency = RadioField("How often", choices=FREQUENCY_CHOICES, default=Frequency.IMMEDIATE.value)
    remind_days = IntegerField("Remind me this many days before a mandate ends",
                               validators=[Optional(), NumberRange(min=1, max=365)])

    def validate_target_value(self, field) -> None:
        try:
            field.data = clean_target(self.target_kind.data, field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class AddressForm(FlaskForm):
    email = AddressField("Email address", validators=[InputRequired(), Length(max=254)])


class ConfirmForm(FlaskForm):
    """Only the CSRF token: confirming takes a deliberate POST."""


class ManageForm(FlaskForm):
    subscription_id = HiddenField(validators=[InputRequired()])
    action = HiddenField(validators=[InputRequired()])
    frequency = HiddenField()


def _db():
    return current_app.extensions["councilwatch.db"]


def _settings() -> MailSettings:
    return MailSettings.from_config(current_app.config)


def _token(purpose: Purpose, token: str) -> dict:
    try:
        payload = read_token(current_app.config["SECRET_KEY"], purpose, token)
    except TokenError as error:
        abort(400, description=str(error))
    return payload


@bp.errorhandler(400)
def _bad_link(error):
    return render_template("subscribe/invalid.html", message=error.description), 400


@bp.errorhandler(429)
def _too_many(error):
    return render_template("subscribe/invalid.html", message="Too many requests: try again later."), 429


@bp.route("/subscribe", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"])
@limiter.limit(_address_limit, key_func=_address_key, methods=["POST"])
def subscribe():
    form = SubscribeForm()
    if request.method == "GET":
        form.target_kind.data = request.args.get("kind", form.target_kind.default)
        form.target_value.data = request.args.get("value", "")
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("subscribe/form.html", form=form), status
    with _db().writer() as session:
        if session.scalar(select(Suppression.id).where(Suppression.email == form.email.data)) is None:
            _request_subscription(session, form)
    # The same answer whatever the address's state: the page never tells who follows what.
    return render_template("subscribe/pending.html", email=form.email.data,
                           following=describe_target(form.target_kind.data, form.target_value.data))


def _request_subscription(session, form: SubscribeForm) -> None:
    """At most one pending confirmation per mailbox and target, mailed at most once an
    hour, and at most CONFIRMATIONS_PER_DAY a day per mailbox (kept in the database,
    so a restarted limiter does not reset it)."""
    mailbox, now = mailbox_key(form.email.data), utcnow()
    target = (Subscription.target_kind == form.target_kind.data, Subscription.target_value == form.target_value.data)
    sub = session.scalar(select(Subscription).where(Subscription.email == form.email.data, *target))
    same_mailbox = session.scalars(select(Subscription).where(
        Subscription.mailbox == mailbox, Subscription.state == SubscriptionState.PENDING.value, *target)).all()
    if sub is not None and sub.state == SubscriptionState.CONFIRMED.value:
        return  # already on: nothing to send, nothing to change without the manage link
    if any(other.confirmation_sent_at and now - other.confirmation_sent_at < RESEND_AFTER for other in same_mailbox):
        return  # a confirmation for this mailbox and target went out within the hour
    if _confirmations_today(session, mailbox, now) >= int(current_app.config.get("CONFIRMATIONS_PER_DAY", 5)):
        return
    if sub is None and same_mailbox:
        sub = same_mailbox[0]  # the pending one: re-sent to the address first given
    if sub is None:
        sub = Subscription(email=form.email.data, target_kind=form.target_kind.data,
                           target_value=form.target_value.data, created_at=now, token_epoch=0)
        session.add(sub)
    if sub.state != SubscriptionState.PENDING.value:
        sub.token_epoch = (sub.token_epoch or 0) + 1  # links made before this change die
    sub.state, sub.unsubscribed_at, sub.mailbox = SubscriptionState.PENDING.value, None, mailbox
    sub.frequency = form.frequency.data or Frequency.IMMEDIATE.value
    sub.remind_days = form.remind_days.data if form.target_kind.data == TargetKind.MANDATE.value else None
    sub.confirmation_sent_at = now
    session.flush()
    queue_confirmation(session, sub, _settings().domain)


def _confirmations_today(session, mailbox: str, now) -> int:
    return session.scalar(select(func.count()).select_from(OutgoingMail).join(
        Subscription, OutgoingMail.subscription_id == Subscription.id).where(
        Subscription.mailbox == mailbox, OutgoingMail.kind == MailKind.CONFIRM.value,
        OutgoingMail.created_at >= now - timedelta(days=1))) or 0


@bp.route("/subscribe/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    payload = _token(Purpose.CONFIRM, token)
    form = ConfirmForm()
    with _db().writer() as session:
        sub = _subscription(session, payload.get("s"))
        if sub is None or sub.email != payload.get("e"):
            abort(400, description="This link is not valid.")
        if payload.get("v", 0) != (sub.token_epoch or 0) or sub.state == SubscriptionState.UNSUBSCRIBED.value:
            abort(400, description="This link is no longer valid: the alert changed since it was sent.")
        following = describe_target(sub.target_kind, sub.target_value)
        if request.method == "POST" and form.validate_on_submit():
            if sub.state != SubscriptionState.CONFIRMED.value:
                sub.state, sub.confirmed_at, sub.unsubscribed_at = SubscriptionState.CONFIRMED.value, utcnow(), None
                sub.token_epoch = (sub.token_epoch or 0) + 1  # this link is spent
            return render_template("subscribe/confirmed.html", email=sub.email, following=following,
                                   frequency=sub.frequency)
        return render_template("subscribe/confirm.html", form=form, email=sub.email, following=following,
                               confirmed=sub.state == SubscriptionState.CONFIRMED.value)


@bp.route("/subscribe/manage", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"])
@limiter.limit(_address_limit, key_func=_address_key, methods=["POST"])
def manage_request():
    form = AddressForm()
    if not form.validate_on_submit():
        return render_template("subscribe/manage_request.html", form=form), 400 if request.method == "POST" else 200
    with _db().writer() as session:
        confirmed = session.scalar(select(Subscription.id).where(
            Subscription.email == form.email.data, Subscription.confirmed_at.is_not(None)).limit(1))
        if confirmed is not None:
            queue_manage_link(session, form.email.data, _settings().domain)
    return render_template("subscribe/manage_sent.html", email=form.email.data)


@bp.route("/subscribe/manage/<token>", methods=["GET", "POST"])
def manage(token: str):
    email = _token(Purpose.MANAGE, token).get("e")
    form = ManageForm()
    message = None
    with _db().writer() as session:
        if request.method == "POST":
            if not form.validate_on_submit():
                abort(400, description="The form was incomplete or expired: reload the page and try again.")
            message = _apply(session, email, form)
        subs = session.scalars(select(Subscription).where(Subscription.email == email).order_by(Subscription.id)).all()
        rows = [{"sub": s, "following": describe_target(s.target_kind, s.target_value)} for s in subs]
        return render_template("subscribe/manage.html", email=email, rows=rows, message=message,
                               csrf_form=ConfirmForm())


def _subscription(session, raw) -> Subscription | None:
    """The subscription a form or token names; None for anything not a sane id."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    elif isinstance(raw, str) and re.fullmatch(r"[0-9]{1,10}", raw):
        number = int(raw)
    else:
        return None
    if not 1 <= number <= 2**31 - 1:
        return None
    return session.get(Subscription, number)


def _apply(session, email: str, form: ManageForm) -> str:
    sub = _subscription(session, form.subscription_id.data)
    if sub is None or sub.email != email:
        abort(400, description="no such alert for this address")
    if form.action.data == "unsubscribe":
        _unsubscribe(session, sub)
        return f"Stopped: {describe_target(sub.target_kind, sub.target_value)}."
    if form.action.data == "frequency" and form.frequency.data in {f.value for f in Frequency}:
        sub.frequency = form.frequency.data
        return f"{describe_target(sub.target_kind, sub.target_value)}: now {sub.frequency}."
    abort(400, description="unknown action")


def _unsubscribe(session, sub: Subscription) -> None:
    """End a subscription and cancel the mails it still has on the queue."""
    if sub.state != SubscriptionState.UNSUBSCRIBED.value:
        sub.state, sub.unsubscribed_at = SubscriptionState.UNSUBSCRIBED.value, utcnow()
        sub.token_epoch = (sub.token_epoch or 0) + 1  # its confirmation links die
    session.execute(update(OutgoingMail).where(
        OutgoingMail.subscription_id == sub.id, OutgoingMail.state == MailState.QUEUED.value,
    ).values(state=MailState.CANCELLED.value, last_error="unsubscribed"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" with no cookies."""
    payload = _token(Purpose.UNSUBSCRIBE, token)
    with _db().writer() as session:
        sub = _subscription(session, payload.get("s"))
        if sub is None or sub.email != payload.get("e"):
            abort(400, description="This link is not valid.")
        following = describe_target(sub.target_kind, sub.target_value)
        if request.method == "POST":
            _unsubscribe(session, sub)
            return render_template("subscribe/unsubscribed.html", email=sub.email, following=following)
        return render_template("subscribe/unsubscribe.html", email=sub.email, following=following, token=token,
                               done=sub.state == SubscriptionState.UNSUBSCRIBED.value)
