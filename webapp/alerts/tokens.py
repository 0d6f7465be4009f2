"""Signed, expiring tokens for the links in alert mails, one salt per purpose.

A token made to confirm a subscription cannot unsubscribe or open the manage page,
and the other way round: each purpose signs with its own salt (itsdangerous).
"""
from __future__ import annotations

import enum
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class Purpose(str, enum.Enum):
    CONFIRM = "confirm"
    MANAGE = "manage"
    UNSUBSCRIBE = "unsubscribe"


#: How long a link stays valid, in seconds. An unsubscribe link must keep working for
#: as long as people keep old mails around; a confirmation link should not.
MAX_AGE = {
    Purpose.CONFIRM: 3 * 24 * 3600,
    Purpose.MANAGE: 7 * 24 * 3600,
    Purpose.UNSUBSCRIBE: 400 * 24 * 3600,
}


class TokenError(ValueError):
    """A link that is forged, expired, or made for another purpose."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


def _serializer(secret: str, purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=f"councilwatch.alerts.{purpose.value}")


def make_token(secret: str, purpose: Purpose, payload: dict[str, Any]) -> str:
    return _serializer(secret, purpose).dumps(payload)


def read_token(secret: str, purpose: Purpose, token: str) -> dict[str, Any]:
    """The payload of a valid token; TokenError for anything else."""
    try:
        payload = _serializer(secret, purpose).loads(token, max_age=MAX_AGE[purpose])
    except SignatureExpired as error:
        raise TokenError("This link has expired.", expired=True) from error
    except BadSignature as error:
        raise TokenError("This link is not valid.") from error
    if not isinstance(payload, dict):
        raise TokenError("This link is not valid.")
    return payload
