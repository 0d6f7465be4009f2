"""Building and sending mail: SMTP (plain, STARTTLS, SSL, with AUTH) or a local Maildir.

`COUNCILWATCH_SMTP_URL` picks the transport:
  smtp://host:25            plain SMTP
  smtp://host:25?starttls   STARTTLS on a plain port
  submission://user:pw@host STARTTLS on 587 (the message submission port)
  smtps://user:pw@host      implicit TLS on 465
Unset, mail goes into a Maildir under the instance folder, for a local setup.

Failures are sorted the way SMTP means them: 4xx replies and lost connections are
`TransientError` (try again later), 5xx replies are `PermanentError` (never retry), and
a 5xx to RCPT TO is a hard bounce of the address.
"""
from __future__ import annotations

import mailbox
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime
from pathlib import Path
from typing import Mapping, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from email_validator import EmailNotValidError, validate_email

DEFAULT_TIMEOUT = 30.0


class AddressError(ValueError):
    """An address that is not one mailbox (bad syntax, several addresses, line breaks)."""


class TransientError(Exception):
    """Worth another try later: a 4xx reply, a timeout, a refused or dropped connection."""

    def __init__(self, message: str, *, connection: bool = False) -> None:
        super().__init__(message)
        self.connection = connection


class PermanentError(Exception):
    """Never worth retrying: a 5xx reply. `bounce` when the address itself was refused."""

    def __init__(self, message: str, *, bounce: bool = False) -> None:
        super().__init__(message)
        self.bounce = bounce


def normalise_address(raw: str) -> str:
    """The address as we store and send to it, or AddressError.

    Deliverability (DNS) is not checked: the confirmation mail is that check.
    """
    if not isinstance(raw, str) or any(c in raw for c in "\r\n\0"):
        raise AddressError("an email address cannot contain line breaks")
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise AddressError(str(error)) from error
    return result.normalized


def build_message(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    html: str,
    message_id: str,
    date: datetime,
    headers: Mapping[str, str] | None = None,
) -> EmailMessage:
    """A multipart/alternative message (text first, then HTML) with fixed identity
    headers. The SMTP policy refuses header values with CR or LF."""
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = sender
    message["To"] = normalise_address(to)
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "plain", "starttls" or "ssl"
    username: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    cafile: str | None = None


_DEFAULT_PORTS = {"plain": 25, "starttls": 587, "ssl": 465}


def parse_smtp_url(url: str) -> SmtpSettings:
    """`smtp://`, `smtp://…?starttls`, `submission://` or `smtps://`, with optional
    `user:password@`, `?timeout=SECONDS` and `?cafile=PATH` (a CA bundle for TLS)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    scheme = parts.scheme.lower()
    if scheme == "smtp":
        flag = query.get("starttls", [None])[0]
        security = "starttls" if flag is not None and flag.lower() not in ("0", "false", "no") else "plain"
    elif scheme == "submission":
        security = "starttls"
    elif scheme == "smtps":
        security = "ssl"
    else:
        raise ValueError(f"unsupported SMTP URL scheme {parts.scheme!r}: use smtp, submission or smtps")
    if not parts.hostname:
        raise ValueError("the SMTP URL needs a host")
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or _DEFAULT_PORTS[security],
        security=security,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        timeout=float(query.get("timeout", [DEFAULT_TIMEOUT])[0]),
        cafile=query.get("cafile", [None])[0],
    )


class SmtpTransport:
    """One SMTP session reused for many messages; reconnects after a drop."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._client: smtplib.SMTP | None = None

    def _tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.settings.cafile)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            if s.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._tls_context())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            client.ehlo()
            if s.security == "starttls":
                client.starttls(context=self._tls_context())
                client.ehlo()
            if s.username:
                client.login(s.username, s.password or "")
        except (OSError, smtplib.SMTPException) as error:
            # Whatever fails before MAIL FROM (refused connection, TLS, AUTH) is the
            # relay's trouble, not the message's: every message waits and tries again.
            raise TransientError(f"cannot reach {s.host}:{s.port}: {error}", connection=True) from error
        return client

    def send(self, message: EmailMessage) -> None:
        if self._client is None:
            self._client = self._connect()
        try:
            refused = self._client.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            raise _classify_reply(code, reply, bounce=True) from error
        except smtplib.SMTPResponseException as error:  # sender refused, data refused, 421
            if error.smtp_code == 421:
                self._drop()
            raise _classify_reply(error.smtp_code, error.smtp_error) from error
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self._drop()
            raise TransientError(f"connection lost: {error}") from error
        if refused:  # a single recipient refused while the message was accepted: cannot happen with one To
            code, reply = next(iter(refused.values()))
            raise _classify_reply(code, reply, bounce=True)

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.close()
            except OSError:
                pass

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.quit()
            except (smtplib.SMTPException, OSError, socket.timeout):
                pass
            self._drop()


def _classify_reply(code: int, reply: bytes | str, *, bounce: bool = False) -> Exception:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    message = f"{code} {text}".strip()
    if 400 <= code < 500:
        return TransientError(message)
    if 500 <= code < 600:
        return PermanentError(message, bounce=bounce)
    return TransientError(f"unexpected reply {message}")


class MaildirTransport:
    """Drops each message into a Maildir (new/), for a setup without an SMTP server."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._box = mailbox.Maildir(self.path, create=True)

    def send(self, message: EmailMessage) -> None:
        self._box.add(message)

    def close(self) -> None:
        self._box.close()


def transport_for(smtp_url: str | None, maildir: Path) -> Transport:
    """SMTP when a URL is configured, else the Maildir."""
    if smtp_url:
        return SmtpTransport(parse_smtp_url(smtp_url))
    return MaildirTransport(maildir)
