"""Every URL an alert mail carries, built in one place.

Document and comparison paths come from `webapp.refs`, the module the web pages name
their URLs with, so a mail links exactly where the site serves:
`{BASE_URL}/compare?old=S/RES/2759(2024)@1&new=S/RES/2759(2024)@2`.
"""
from __future__ import annotations

from models.documents import Document

from .. import refs
from .tokens import Purpose, make_token


def compare_permalink(base_url: str, document: Document, old: int, new: int) -> str:
    """The comparison of version `old` with version `new` of one document."""
    return base_url.rstrip("/") + refs.compare_path(document, old, document, new)


def version_permalink(base_url: str, document: Document, number: int) -> str:
    """Version n of a document (a first version has nothing to compare with)."""
    return base_url.rstrip("/") + refs.version_path(document, number)


def document_permalink(base_url: str, document: Document) -> str:
    return base_url.rstrip("/") + refs.document_path(document)


def mandate_permalink(base_url: str, entity: str) -> str:
    return base_url.rstrip("/") + refs.mandate_path(entity)


def confirm_link(base_url: str, secret: str, subscription_id: int, email: str, epoch: int = 0) -> str:
    """`epoch`: the subscription's token epoch; the link dies when the subscription changes state."""
    token = make_token(secret, Purpose.CONFIRM, {"s": subscription_id, "e": email, "v": epoch})
    return f"{base_url.rstrip('/')}/subscribe/confirm/{token}"


def manage_link(base_url: str, secret: str, email: str) -> str:
    token = make_token(secret, Purpose.MANAGE, {"e": email})
    return f"{base_url.rstrip('/')}/subscribe/manage/{token}"


def unsubscribe_link(base_url: str, secret: str, subscription_id: int, email: str) -> str:
    """The RFC 8058 one-click target: a POST to it unsubscribes, a GET only asks."""
    token = make_token(secret, Purpose.UNSUBSCRIBE, {"s": subscription_id, "e": email})
    return f"{base_url.rstrip('/')}/unsubscribe/{token}"
