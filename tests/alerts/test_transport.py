"""Transports: SMTP URLs, AUTH and STARTTLS against aiosmtpd on loopback, Maildir when unset."""
from __future__ import annotations

import datetime as dt
import ipaddress
import mailbox
import ssl
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from webapp.alerts.mail import (
    MaildirTransport, SmtpSettings, SmtpTransport, TransientError, build_message, parse_smtp_url,
)
from webapp.alerts.relay import deliver_due, maildir_path

from .conftest import RecordingHandler, free_port, subscribe


def _message(to="reader@example.org"):
    return build_message(sender="councilwatch <alerts@example.org>", to=to, subject="Test", text="plain",
                         html="<p>html</p>", message_id="<test.1@example.org>",
                         date=dt.datetime(2025, 11, 14, tzinfo=dt.timezone.utc))


@pytest.mark.parametrize("url, expected", [
    ("smtp://mail.example.org", SmtpSettings("mail.example.org", 25, "plain")),
    ("smtp://mail.example.org:2525?starttls", SmtpSettings("mail.example.org", 2525, "starttls")),
    ("submission://bot%40example.org:p%3Ass@mail.example.org",
     SmtpSettings("mail.example.org", 587, "starttls", "bot@example.org", "p:ss")),
    ("smtps://u:pw@mail.example.org?timeout=5", SmtpSettings("mail.example.org", 465, "ssl", "u", "pw", 5.0)),
])
def test_smtp_urls(url, expected):
    assert parse_smtp_url(url) == expected


def test_unknown_scheme_is_an_error():
    with pytest.raises(ValueError, match="unsupported"):
        parse_smtp_url("http://mail.example.org")


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"bot" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)


def test_auth_login_over_plain_loopback():
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), authenticator=_authenticator,
                            auth_require_tls=False)
    controller.start()
    try:
        good = SmtpTransport(parse_smtp_url(f"smtp://bot:s3cret@127.0.0.1:{controller.port}"))
        good.send(_message())
        good.close()
        assert len(handler.received) == 1
        bad = SmtpTransport(parse_smtp_url(f"smtp://bot:wrong@127.0.0.1:{controller.port}"))
        with pytest.raises(TransientError) as error:  # the relay's trouble, not the message's: retry later
            bad.send(_message())
        assert error.value.connection
    finally:
        controller.stop()


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls_verifies_the_server_certificate(tmp_path):
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True)
    controller.start()
    try:
        trusted = SmtpTransport(parse_smtp_url(f"smtp://127.0.0.1:{controller.port}?starttls&cafile={cert}"))
        trusted.send(_message())
        trusted.close()
        assert len(handler.received) == 1
        untrusted = SmtpTransport(parse_smtp_url(f"smtp://127.0.0.1:{controller.port}?starttls"))
        with pytest.raises(TransientError):
            untrusted.send(_message())
    finally:
        controller.stop()


def test_without_smtp_url_mail_goes_to_the_instance_maildir(app, tmp_path):
    """The `app` fixture has no SMTP_URL: the confirmation lands in instance/mail."""
    client = app.test_client()
    assert subscribe(client, "local@example.org", "mandate", "MINUSCA").status_code == 200
    assert deliver_due(app).sent == 1
    box = mailbox.Maildir(maildir_path(app), create=False)
    [key] = box.keys()
    message = message_from_bytes(box.get_bytes(key), policy=policy.default)
    assert message["To"] == "local@example.org"
    assert str(maildir_path(app)).startswith(app.instance_path)
    assert f"{app.config['BASE_URL']}/subscribe/confirm/" in message.get_body(("plain",)).get_content()


def test_maildir_transport_keeps_message_ids(tmp_path):
    transport = MaildirTransport(tmp_path / "box")
    transport.send(_message())
    [stored] = mailbox.Maildir(tmp_path / "box").values()
    assert stored["Message-ID"] == "<test.1@example.org>"
