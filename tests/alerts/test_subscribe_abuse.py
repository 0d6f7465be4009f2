"""Issue 12, finding 5 (and the stale-link part of 6): the subscribe form mailed strangers
attacker-written text, `+tag` and case variants multiplied confirmations, each repeated
POST sent another one, every visitor behind a proxy shared one bucket, the limiter's
store reset on restart, and an old confirmation link re-subscribed an address after a
one-click unsubscribe."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import func, select

from models.subscriptions import MailKind, OutgoingMail, Subscription
from webapp.alerts.mailbox import mailbox_key
from webapp.alerts.relay import deliver_due

from .conftest import BASE_URL, confirm, csrf_token, db_of, html_body, link_in, subscribe, text_body

PHISH = "URGENT your mailbox will be closed unless you log in at evil example"
SYMBOL = "S/RES/889 (1993)"


def _confirmations(app) -> int:
    with db_of(app).reader() as session:
        return session.scalar(select(func.count()).select_from(OutgoingMail).where(
            OutgoingMail.kind == MailKind.CONFIRM.value))


@pytest.mark.parametrize("kind", ["search", "topic", "mandate", "member"])
def test_confirmation_mail_carries_no_requester_text(alert_app, alert_client, smtp_server, kind):
    assert subscribe(alert_client, "victim@example.org", kind, PHISH).status_code == 200
    deliver_due(alert_app)
    [mail] = smtp_server.to("victim@example.org")
    for body in (text_body(mail), html_body(mail), str(mail["Subject"])):
        assert "URGENT" not in body and "mailbox will be closed" not in body
    page = alert_client.get(link_in(mail, "/subscribe/confirm/")).get_data(as_text=True)
    assert PHISH in page  # the page the address's owner opens shows exactly what


def test_confirmation_mail_names_a_document_by_its_symbol(alert_app, alert_client, smtp_server):
    subscribe(alert_client, "reader@example.org", "document", "s/res/889(1993)")
    deliver_due(alert_app)
    [mail] = smtp_server.to("reader@example.org")
    assert SYMBOL in text_body(mail)


def test_mailbox_key_folds_case_and_tags():
    assert mailbox_key("Victim+news@Example.ORG") == mailbox_key("victim@example.org") == "victim@example.org"
    assert mailbox_key("VICTIM+a+b@example.org") == "victim@example.org"


def test_variants_of_one_mailbox_get_one_confirmation(alert_app, alert_client, smtp_server):
    variants = ["victim@example.org", "Victim@example.org", "victim+a@example.org", "VICTIM+b@EXAMPLE.ORG"]
    for n, address in enumerate(variants * 3):
        response = alert_client.post("/subscribe", data={
            "csrf_token": csrf_token(alert_client), "email": address, "target_kind": "document", "target_value": SYMBOL,
            "frequency": "immediate"}, environ_overrides={"REMOTE_ADDR": f"198.51.100.{n}"})
        assert response.status_code in (200, 429)
    assert _confirmations(alert_app) == 1


def test_repeated_posts_send_one_confirmation_an_hour(alert_app, alert_client, smtp_server, monkeypatch):
    for _ in range(3):
        assert subscribe(alert_client, "again@example.org", "document", SYMBOL).status_code == 200
    assert _confirmations(alert_app) == 1
    with db_of(alert_app).writer() as session:  # an hour and a minute later
        sub = session.scalar(select(Subscription))
        sub.confirmation_sent_at = sub.confirmation_sent_at.replace(year=sub.confirmation_sent_at.year - 1)
    assert subscribe(alert_client, "again@example.org", "document", SYMBOL).status_code == 200
    assert _confirmations(alert_app) == 2
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(func.count()).select_from(Subscription)) == 1


def test_old_confirmation_link_dies_after_unsubscribe(alert_app, alert_client, smtp_server):
    subscribe(alert_client, "changed@example.org", "document", SYMBOL)
    deliver_due(alert_app)
    [mail] = smtp_server.to("changed@example.org")
    assert confirm(alert_client, mail).status_code == 200
    with db_of(alert_app).reader() as session:
        sub = session.scalar(select(Subscription))
    from webapp.alerts.links import unsubscribe_link

    one_click = unsubscribe_link(BASE_URL, alert_app.config["SECRET_KEY"], sub.id, sub.email)[len(BASE_URL):]
    assert alert_client.post(one_click).status_code == 200
    old = alert_client.get(link_in(mail, "/subscribe/confirm/"))
    assert old.status_code == 400 and "no longer valid" in old.get_data(as_text=True)
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(Subscription.state)) == "unsubscribed"


def test_confirmation_link_is_spent_once_confirmed(alert_app, alert_client, smtp_server):
    subscribe(alert_client, "twice@example.org", "document", SYMBOL)
    deliver_due(alert_app)
    [first] = smtp_server.to("twice@example.org")
    assert confirm(alert_client, first).status_code == 200
    again = alert_client.get(link_in(first, "/subscribe/confirm/"))  # the state changed: the link is spent
    assert again.status_code == 400 and "no longer valid" in again.get_data(as_text=True)


def test_trusted_proxy_gives_each_visitor_their_own_bucket(db_url):
    from webapp import create_app

    config = {"TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": "p" * 40, "SEARCH_RATELIMIT": "2 per minute"}
    direct = create_app(config).test_client()
    behind = create_app({**config, "TRUSTED_PROXIES": 1}).test_client()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    def codes(client, forwarded):
        return [client.get("/api/v1/search?q=x", headers={"X-Forwarded-For": f}, environ_overrides=proxy).status_code
                for f in forwarded]

    # served directly, a forged X-Forwarded-For does not buy a new bucket
    assert codes(direct, ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) == [200, 200, 429]
    # behind one trusted proxy, each client has its own bucket
    assert codes(behind, ["192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.9"]) == [200, 200, 429, 200]


REDIS = os.environ.get("COUNCILWATCH_TEST_REDIS_URL")


@pytest.mark.skipif(not REDIS, reason="COUNCILWATCH_TEST_REDIS_URL not set")
def test_limits_on_redis_survive_a_restart(db_url):
    from webapp import create_app

    prefix = f"cw-test-{uuid.uuid4().hex[:8]}"
    config = {"TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": "r" * 40, "SEARCH_RATELIMIT": "2 per minute",
              "REDIS_URL": REDIS, "RATELIMIT_KEY_PREFIX": prefix}
    # A client address of its own: the limiter object is one per process, so its key prefix
    # is the first app's, and the other backend's run of this test must not share its count.
    client = {"REMOTE_ADDR": "10." + ".".join(str(b) for b in uuid.uuid4().bytes[:3])}
    first = create_app(config).test_client()
    assert [first.get("/api/v1/search?q=x", environ_base=client).status_code for _ in range(2)] == [200, 200]
    restarted = create_app(config).test_client()
    assert restarted.get("/api/v1/search?q=x", environ_base=client).status_code == 429
