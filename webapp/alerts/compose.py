"""Each queued mail as an `EmailMessage`: subject, both bodies, and the headers that make
it trustworthy (a Message-ID fixed at queue time; RFC 8058 one-click unsubscribe)."""
from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any, Mapping
from urllib.parse import urlsplit

from models.subscriptions import MailKind, OutgoingMail, Subscription

from .links import confirm_link, manage_link, unsubscribe_link
from .mail import build_message
from .render import render_pair


@dataclass(frozen=True)
class MailSettings:
    base_url: str
    secret: str
    sender: str
    domain: str

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "MailSettings":
        base_url = config["BASE_URL"]
        host = urlsplit(base_url).hostname or "localhost"
        try:
            ipaddress.ip_address(host)
            host = "localhost"
        except ValueError:
            pass
        sender = config.get("MAIL_FROM") or f"councilwatch <alerts@{host}>"
        domain = parseaddr(sender)[1].rpartition("@")[2] or host
        return cls(base_url=base_url, secret=config["SECRET_KEY"], sender=sender, domain=domain)


def message_id(dedupe_key: str, domain: str) -> str:
    """The same key always gives the same Message-ID: "alert:<sub>:<event>" → <…@domain>."""
    digest = hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:32]
    return f"<{dedupe_key.split(':', 1)[0]}.{digest}@{domain}>"


def describe_target(kind: str, value: str) -> str:
    """How a footer names what is followed."""
    return {
        "document": value,
        "mandate": f"the {value} mandate",
        "topic": f"the topic \u201c{value}\u201d",
        "member": f"{value}: votes and statements",
        "search": f"the search \u201c{value}\u201d",
    }.get(kind, value)


def mailable_target(kind: str, value: str) -> str:
    """How a confirmation mail names what is followed: never words the requester wrote
    (a confirmation goes to an address that has not agreed to anything yet). A document
    symbol is re-spelt by the project's symbol grammar; anything else is named by its
    kind only, and shown in full on the confirmation page."""
    if kind == "document":
        from models.text.symbols import SymbolError, normalise_symbol

        try:
            return normalise_symbol(value)
        except SymbolError:
            return "a document"
    return {"mandate": "a mandate or mission", "topic": "an agenda topic", "member": "a member state's votes",
            "search": "a search"}.get(kind, "an alert")


def _list_headers(settings: MailSettings, unsubscribe_url: str) -> dict[str, str]:
    return {
        "List-Id": f"councilwatch alerts <alerts.{settings.domain}>",
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def compose(mail: OutgoingMail, subscription: Subscription | None, items: list[dict[str, Any]],
            settings: MailSettings) -> EmailMessage:
    """The message for a queued mail; `items` are the rendered events of an alert or digest."""
    common = {"email": mail.email}
    headers: dict[str, str] = {}
    if subscription is not None:
        common.update(following=describe_target(subscription.target_kind, subscription.target_value),
                      frequency=subscription.frequency)
    if mail.kind == MailKind.CONFIRM.value:
        subject = "Confirm your councilwatch alert"
        common["following"] = mailable_target(subscription.target_kind, subscription.target_value)
        text, html = render_pair("confirm", confirm_url=confirm_link(
            settings.base_url, settings.secret, subscription.id, mail.email, subscription.token_epoch or 0), **common)
    elif mail.kind == MailKind.MANAGE.value:
        subject = "Manage your councilwatch alerts"
        text, html = render_pair("manage", manage_url=manage_link(settings.base_url, settings.secret, mail.email), **common)
    else:
        unsubscribe_url = unsubscribe_link(settings.base_url, settings.secret, subscription.id, mail.email)
        links = {"manage_url": manage_link(settings.base_url, settings.secret, mail.email), "unsubscribe_url": unsubscribe_url}
        headers = _list_headers(settings, unsubscribe_url)
        if mail.kind == MailKind.DIGEST.value:
            day = mail.digest_day.isoformat() if mail.digest_day else ""
            subject = f"councilwatch digest {day}: {len(items)} change{'' if len(items) == 1 else 's'} to {common['following']}"
            text, html = render_pair("digest", items=items, day=day, **links, **common)
        else:
            subject = items[0]["subject"]
            text, html = render_pair("alert", item=items[0], **links, **common)
    return build_message(
        sender=settings.sender, to=mail.email, subject=subject, text=text, html=html,
        message_id=mail.message_id, date=mail.created_at, headers=headers,
    )
