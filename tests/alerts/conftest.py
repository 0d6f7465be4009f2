"""A real SMTP server on loopback (aiosmtpd) that can be told to refuse, an app that
sends to it, and helpers to subscribe through the web form."""
from __future__ import annotations

import re
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from models.store import record_version

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "alerts"
RES_839 = (FIXTURES / "S_RES_0839_1993_EN_GOLD.txt").read_text()
RES_889 = (FIXTURES / "S_RES_0889_1993_EN_GOLD.txt").read_text()
#: Version 2 of S/RES/889 (1993): the end of the mandate moved by a month.
RES_889_V2 = RES_889.replace("further period ending on 15 June 1994", "further period ending on 15 July 1994")
assert RES_889_V2 != RES_889
BASE_URL = "https://cw.example.org"


@dataclass
class Received:
    envelope_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class RecordingHandler:
    """Accepts mail, unless told to answer the next DATA commands with given replies."""

    received: list[Received] = field(default_factory=list)
    data_replies: list[str] = field(default_factory=list)   # consumed one per DATA
    rcpt_reply: str | None = None                            # e.g. "550 5.1.1 no such user"
    on_accept: object = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.data_replies:
                return self.data_replies.pop(0)
            message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 2.0.0 accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.url = f"smtp://127.0.0.1:{controller.port}"
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def alert_app(db_url, smtp_server):
    from webapp import create_app

    app = create_app({
        "TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": "alert-test-secret-of-at-least-32-chars", "BASE_URL": BASE_URL,
        "SMTP_URL": smtp_server.url, "MAIL_FROM": "councilwatch <alerts@cw.example.org>",
    })
    yield app
    app.extensions["councilwatch.db"].dispose()


@pytest.fixture
def alert_client(alert_app):
    return alert_app.test_client()


def db_of(app):
    return app.extensions["councilwatch.db"]


def csrf_token(client, path: str = "/subscribe") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def subscribe(client, email: str, kind: str, value: str, frequency: str = "immediate", **extra):
    data = {"csrf_token": csrf_token(client), "email": email, "target_kind": kind, "target_value": value,
            "frequency": frequency, **extra}
    return client.post("/subscribe", data=data)


def text_body(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def html_body(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()


def link_in(message: EmailMessage, path: str) -> str:
    """The first BASE_URL link under `path` in the text body, as a test-client path."""
    match = re.search(re.escape(BASE_URL) + re.escape(path) + r"[^\s<>\"]+", text_body(message))
    assert match, f"no {path} link in:\n{text_body(message)}"
    return match.group(0)[len(BASE_URL):]


def confirm(client, message: EmailMessage):
    """Open the confirmation link and press the button, as a person does."""
    path = link_in(message, "/subscribe/confirm/")
    page = client.get(path).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return client.post(path, data={"csrf_token": token})


def record(app, text: str, symbol: str):
    with db_of(app).writer() as session:
        return record_version(session, text=text, raw=text.encode(), media_type="text/plain", symbol=symbol)
