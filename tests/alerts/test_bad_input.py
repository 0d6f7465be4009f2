"""Bad input: forged, expired and wrong-purpose tokens; header injection; no CSRF token;
too many requests; and no mail of any kind before confirmation but the confirmation."""
from __future__ import annotations

import os
import time
import uuid

import pytest
from sqlalchemy import func, select

from models.subscriptions import OutgoingMail, Subscription
from webapp.alerts.mail import AddressError, build_message, normalise_address
from webapp.alerts.relay import deliver_due
from webapp.alerts.tokens import MAX_AGE, Purpose, TokenError, make_token, read_token

from .conftest import RES_889, RES_889_V2, csrf_token, db_of, link_in, record, subscribe

SYMBOL = "S/RES/889 (1993)"
INJECTION = "a@b.c\r\nBcc: x@y.z"


def _pending(app, client, server, email="new@example.org"):
    assert subscribe(client, email, "document", SYMBOL).status_code == 200
    deliver_due(app)
    [confirmation] = server.to(email)
    return confirmation


def test_forged_token_is_rejected(alert_app, alert_client, smtp_server):
    confirmation = _pending(alert_app, alert_client, smtp_server)
    path = link_in(confirmation, "/subscribe/confirm/")
    forged = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    assert alert_client.get(forged).status_code == 400
    other_key = make_token("another-secret", Purpose.CONFIRM, {"s": 1, "e": "new@example.org"})
    for bad in (f"/subscribe/confirm/{other_key}", f"/unsubscribe/{other_key}", "/subscribe/manage/not-a-token"):
        response = alert_client.get(bad)
        assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)


def test_expired_token_is_rejected(alert_app, alert_client, smtp_server, monkeypatch):
    issued = time.time() - MAX_AGE[Purpose.CONFIRM] - 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: issued)
    confirmation = _pending(alert_app, alert_client, smtp_server)
    monkeypatch.undo()
    response = alert_client.get(link_in(confirmation, "/subscribe/confirm/"))
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(Subscription.state)) == "pending"


def test_wrong_purpose_token_is_rejected(alert_app, alert_client, smtp_server):
    confirmation = _pending(alert_app, alert_client, smtp_server)
    token = link_in(confirmation, "/subscribe/confirm/").rsplit("/", 1)[1]
    # A confirmation token cannot unsubscribe, manage, or be read as another purpose.
    assert alert_client.post(f"/unsubscribe/{token}").status_code == 400
    assert alert_client.get(f"/subscribe/manage/{token}").status_code == 400
    with pytest.raises(TokenError):
        read_token("alert-test-secret", Purpose.UNSUBSCRIBE, token)
    assert read_token("alert-test-secret", Purpose.CONFIRM, token)["e"] == "new@example.org"


def test_header_injection_is_rejected_everywhere(alert_app, alert_client, smtp_server):
    response = subscribe(alert_client, INJECTION, "document", SYMBOL)
    assert response.status_code == 400 and "not a valid email address" in response.get_data(as_text=True)
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(func.count()).select_from(Subscription)) == 0
        assert session.scalar(select(func.count()).select_from(OutgoingMail)) == 0
    with pytest.raises(AddressError):
        normalise_address(INJECTION)
    with pytest.raises(AddressError):
        normalise_address("a@b.c, x@y.z")
    with pytest.raises(ValueError):  # the message builder refuses a header with a line break
        build_message(sender="cw <a@example.org>", to="a@example.org", subject="hi\r\nBcc: x@y.z", text="t",
                      html="<p>t</p>", message_id="<x@example.org>", date=__import__("datetime").datetime.now().astimezone(),
                      headers={"List-Id": "x\r\nBcc: x@y.z"})
    deliver_due(alert_app)
    assert smtp_server.received == []


def test_target_must_be_a_real_symbol(alert_app, alert_client):
    response = subscribe(alert_client, "ok@example.org", "document", "not a symbol")
    assert response.status_code == 400 and "not a UN document symbol" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(alert_app, alert_client):
    response = alert_client.post("/subscribe", data={"email": "x@example.org", "target_kind": "document",
                                                     "target_value": SYMBOL, "frequency": "immediate"})
    assert response.status_code == 400
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(func.count()).select_from(Subscription)) == 0


def test_no_mail_before_confirmation_but_the_confirmation(alert_app, alert_client, smtp_server):
    record(alert_app, RES_889, SYMBOL)
    _pending(alert_app, alert_client, smtp_server, "wait@example.org")
    record(alert_app, RES_889_V2, SYMBOL)
    manage = alert_client.post("/subscribe/manage", data={"csrf_token": csrf_token(alert_client, "/subscribe/manage"),
                                                          "email": "wait@example.org"})
    assert manage.status_code == 200
    # Subscribing again re-sends the confirmation, and nothing else.
    subscribe(alert_client, "wait@example.org", "mandate", "UNFICYP")
    deliver_due(alert_app)
    subjects = [m["Subject"] for m in smtp_server.to("wait@example.org")]
    assert subjects == ["Confirm your councilwatch alert"] * 2
    with db_of(alert_app).reader() as session:
        kinds = session.scalars(select(OutgoingMail.kind).where(OutgoingMail.email == "wait@example.org")).all()
    assert sorted(kinds) == ["confirm", "confirm"]


def test_rate_limit_per_address_and_per_ip(alert_app, alert_client):
    alert_app.config.update(ALERTS_RATELIMIT_PER_ADDRESS="2 per hour", ALERTS_RATELIMIT_PER_IP="4 per hour")
    codes = [subscribe(alert_client, "same@example.org", "topic", f"Topic {n}").status_code for n in range(3)]
    assert codes == [200, 200, 429]
    codes = [subscribe(alert_client, f"u{n}@example.org", "topic", "Cyprus").status_code for n in range(3)]
    assert codes == [200, 200, 429]  # the IP's 4th and 5th posts pass, its 6th is refused (one was refused above)
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(func.count()).select_from(Subscription)) == 4


def test_rate_limits_are_kept_in_redis_when_configured(db_url, monkeypatch):
    redis = pytest.importorskip("redis")
    # Each engineer's own database (CI's too): the per-address limit is under test, and a
    # per-IP counter shared with other runs on db 0 would answer 429 before it.
    redis_url = os.environ.get("COUNCILWATCH_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
    client = redis.Redis.from_url(redis_url)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    address = f"r{uuid.uuid4().hex[:10]}@example.org"
    monkeypatch.setenv("COUNCILWATCH_RATELIMIT_STORAGE_URI", redis_url)
    from webapp import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": "s", "ALERTS_RATELIMIT_PER_ADDRESS": "1 per hour",
                      "ALERTS_RATELIMIT_PER_IP": "10000 per hour"})
    try:
        web = app.test_client()
        assert subscribe(web, address, "topic", "Haiti").status_code == 200
        assert subscribe(web, address, "topic", "Haiti").status_code == 429
        assert list(client.scan_iter(f"*address:{address}*"))  # the counter lives in Redis
    finally:
        for key in client.scan_iter(f"*address:{address}*"):
            client.delete(key)
        app.extensions["councilwatch.db"].dispose()
