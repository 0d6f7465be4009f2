"""Subscribe → confirmation → confirm → a new version → exactly one alert; digests;
one-click unsubscribe; mandate renewals and reminders. Against a real SMTP server."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from models.subscriptions import AlertEvent, Delivery, OutgoingMail, Subscription
from webapp.alerts.relay import deliver_due

from .conftest import (
    BASE_URL, RES_839, RES_889, RES_889_V2, confirm, db_of, html_body, link_in, record, subscribe, text_body,
)

SYMBOL = "S/RES/889 (1993)"


def _confirmed(app, client, server, email, kind, value, frequency="immediate", **extra):
    assert subscribe(client, email, kind, value, frequency, **extra).status_code == 200
    deliver_due(app)
    [confirmation] = server.to(email)
    assert confirm(client, confirmation).status_code == 200
    server.received.clear()


def test_subscribe_confirm_then_exactly_one_alert(alert_app, alert_client, smtp_server):
    record(alert_app, RES_889, SYMBOL)
    response = subscribe(alert_client, "Analyst@Example.org", "document", "s/res/889(1993)")
    assert response.status_code == 200 and "Check your inbox" in response.get_data(as_text=True)

    report = deliver_due(alert_app)
    [confirmation] = smtp_server.received
    assert confirmation.rcpt_tos == ["Analyst@example.org"]  # the domain normalised, the local part kept
    assert confirmation.message["Subject"] == "Confirm your councilwatch alert"
    assert "List-Unsubscribe" not in confirmation.message
    assert report.sent == 1

    assert "Yes, confirm" in alert_client.get(link_in(confirmation.message, "/subscribe/confirm/")).get_data(as_text=True)
    with db_of(alert_app).reader() as session:  # a GET (a link scanner) confirms nothing
        assert session.scalar(select(Subscription.state)) == "pending"
    assert "Confirmed" in confirm(alert_client, confirmation.message).get_data(as_text=True)

    record(alert_app, RES_889_V2, SYMBOL)
    report = deliver_due(alert_app)
    assert (report.events_matched, report.alerts_queued, report.sent) == (1, 1, 1)
    alerts = smtp_server.received[1:]
    assert len(alerts) == 1
    mail = alerts[0].message
    text = text_body(mail)
    # The facts delta first, then the comparison permalink.
    facts_at = text.index("mandate end (UNFICYP): 1994-06-15 → 1994-07-15")
    link = f"{BASE_URL}/compare?old=S/RES/889(1993)@1&new=S/RES/889(1993)@2"
    assert facts_at < text.index(link)
    assert "15 July 1994" in text  # the evidence, quoted
    assert link.replace("&", "&amp;") in html_body(mail)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["List-Unsubscribe"].startswith(f"<{BASE_URL}/unsubscribe/")
    assert mail["Message-ID"].endswith("@cw.example.org>")
    assert "S/RES/889 (1993)" in mail["Subject"]

    again = deliver_due(alert_app)
    assert (again.sent, again.events_matched) == (0, 0)
    assert len(smtp_server.received) == 2


def test_first_version_before_confirmation_is_not_sent_later(alert_app, alert_client, smtp_server):
    """Events matched while an address is pending never reach it, not even after it confirms."""
    assert subscribe(alert_client, "pending@example.org", "document", SYMBOL).status_code == 200
    record(alert_app, RES_889, SYMBOL)
    deliver_due(alert_app)
    [confirmation] = smtp_server.to("pending@example.org")
    confirm(alert_client, confirmation)
    deliver_due(alert_app)
    assert len(smtp_server.to("pending@example.org")) == 1


def test_one_click_post_stops_further_mail(alert_app, alert_client, smtp_server):
    record(alert_app, RES_889, SYMBOL)
    _confirmed(alert_app, alert_client, smtp_server, "reader@example.org", "document", SYMBOL)
    record(alert_app, RES_889_V2, SYMBOL)
    deliver_due(alert_app)
    [alert] = smtp_server.to("reader@example.org")
    target = alert["List-Unsubscribe"].strip("<>")[len(BASE_URL):]

    mail_client = alert_app.test_client(use_cookies=False)
    page = mail_client.get(target)
    assert page.status_code == 200 and "Stop sending alerts" in page.get_data(as_text=True)
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(Subscription.state)) == "confirmed"  # the GET changed nothing

    response = mail_client.post(target, data="List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    with db_of(alert_app).reader() as session:
        assert session.scalar(select(Subscription.state)) == "unsubscribed"

    record(alert_app, RES_889.replace("15 June 1994", "15 August 1994"), SYMBOL)
    assert deliver_due(alert_app).sent == 0
    assert len(smtp_server.to("reader@example.org")) == 1


def test_daily_digest_groups_a_days_events(alert_app, alert_client, smtp_server):
    _confirmed(alert_app, alert_client, smtp_server, "daily@example.org", "mandate", "UNFICYP", "daily")
    record(alert_app, RES_839, "S/RES/839 (1993)")
    record(alert_app, RES_889, SYMBOL)
    record(alert_app, RES_889_V2, SYMBOL)
    today = deliver_due(alert_app)
    assert (today.deliveries, today.sent) == (3, 0)  # the day is not over

    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    report = deliver_due(alert_app, now=tomorrow)
    assert (report.digests_queued, report.sent) == (1, 1)
    [digest] = smtp_server.to("daily@example.org")
    text = text_body(digest)
    assert "3 changes to the UNFICYP mandate" in digest["Subject"]
    assert text.index("S/RES/839 (1993): new document") < text.index("S/RES/889 (1993): new document")
    assert "mandate end (UNFICYP): 1994-06-15 → 1994-07-15" in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert deliver_due(alert_app, now=tomorrow + timedelta(days=1)).sent == 0


def test_mandate_follower_gets_the_renewal_not_unrelated_edits(alert_app, alert_client, smtp_server):
    _confirmed(alert_app, alert_client, smtp_server, "desk@example.org", "mandate", "unficyp")
    record(alert_app, RES_839, "S/RES/839 (1993)")
    record(alert_app, RES_889, SYMBOL)
    # An edit that leaves every mandate fact alone is no news for mandate followers.
    record(alert_app, RES_889.replace("constant review", "close review"), SYMBOL)
    deliver_due(alert_app)
    subjects = [m["Subject"] for m in smtp_server.to("desk@example.org")]
    assert len(subjects) == 2
    assert all("new document" in s for s in subjects)
    assert "mandate end (UNFICYP): added (1994-06-15)" in text_body(smtp_server.to("desk@example.org")[1])


def test_expiry_reminder_n_days_before_the_end(alert_app, alert_client, smtp_server):
    _confirmed(alert_app, alert_client, smtp_server, "remind@example.org", "mandate", "UNFICYP", remind_days="30")
    record(alert_app, RES_889, SYMBOL)
    deliver_due(alert_app)  # the renewal alert itself
    smtp_server.received.clear()
    early = datetime(1994, 5, 1, 9, tzinfo=timezone.utc)
    assert deliver_due(alert_app, now=early).reminders_queued == 0
    due = datetime(1994, 5, 20, 9, tzinfo=timezone.utc)
    assert deliver_due(alert_app, now=due).reminders_queued == 1
    assert deliver_due(alert_app, now=due + timedelta(days=1)).reminders_queued == 0
    [reminder] = smtp_server.to("remind@example.org")
    assert reminder["Subject"] == "Reminder: UNFICYP: mandate ends on 1994-06-15"
    assert "S/RES/889 (1993) OP 1" in text_body(reminder)


def test_exactly_one_delivery_per_subscription_and_event(alert_app, alert_client, smtp_server):
    """A follower of the document and of the topic still gets one mail per version."""
    _confirmed(alert_app, alert_client, smtp_server, "both@example.org", "document", SYMBOL)
    # A second subscription of the same address is another alert: it gets its own mail.
    _confirmed(alert_app, alert_client, smtp_server, "both@example.org", "search", '"Peace-keeping Force" Cyprus')
    record(alert_app, RES_889, SYMBOL)
    deliver_due(alert_app)
    deliver_due(alert_app)
    with db_of(alert_app).reader() as session:
        pairs = session.execute(select(Delivery.subscription_id, Delivery.event_id)).all()
        assert len(pairs) == len(set(pairs)) == 2
        assert session.scalar(select(func.count()).select_from(AlertEvent)) == 1
        ids = session.scalars(select(OutgoingMail.message_id).where(OutgoingMail.kind == "alert")).all()
    assert sorted(m["Message-ID"] for m in smtp_server.to("both@example.org")) == sorted(ids)


def test_member_follower_gets_the_vote(alert_app, alert_client, smtp_server):
    from models.outbox import vote_recorded
    from models.store import get_document
    from models.votes import MemberVote, Vote

    _confirmed(alert_app, alert_client, smtp_server, "fr@example.org", "member", "France")
    record(alert_app, RES_889, SYMBOL)
    with db_of(alert_app).writer() as session:
        vote = Vote(meeting="S/PV.3319", document_id=get_document(session, SYMBOL).id, yes=15, no=0, abstain=0,
                    outcome="adopted")
        vote.members = [MemberVote(member="France", choice="Y", permanent=True),
                        MemberVote(member="Spain", choice="Y", permanent=False)]
        session.add(vote)
        session.flush()
        vote_recorded(session, vote)
    deliver_due(alert_app)
    [mail] = smtp_server.to("fr@example.org")
    assert mail["Subject"] == "S/RES/889 (1993): vote at S/PV.3319 (adopted, 15-0-0)"
    assert "France voted in favour" in text_body(mail)
