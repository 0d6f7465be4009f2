"""The November 2025 Gaza file: a follower of resolution 2803 (2025) hears of the press
report on the United States draft (real text: Press TV via GlobalSecurity.org, 7 November
2025) with the reported facts, because the report is linked "reports-on" to the file."""
from __future__ import annotations

from pathlib import Path

from models.store import add_link, get_or_create_document, get_or_create_source, record_version
from webapp.alerts.relay import deliver_due

from .conftest import confirm, db_of, subscribe, text_body

NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "globalsecurity_presstv_2025-11-07_gaza_stabilization_force.txt"
URL = "http://www.globalsecurity.org/military/library/news/2025/11/mil-251107-presstv03.htm"
TITLE = "Israel seeks US guarantees to keep its attacks on Gaza unrestricted: Report"


def test_a_news_report_on_a_followed_draft_reaches_its_followers(alert_app, alert_client, smtp_server):
    assert subscribe(alert_client, "desk@example.org", "document", "S/RES/2803(2025)").status_code == 200
    deliver_due(alert_app)
    [confirmation] = smtp_server.received
    confirm(alert_client, confirmation.message)
    smtp_server.received.clear()

    with db_of(alert_app).writer() as session:
        source = get_or_create_source(session, "news")
        body = NEWS.read_text(encoding="utf-8")
        news = record_version(session, text=body, raw=NEWS.read_bytes(), media_type="text/plain",
                              source=source, url=URL, kind="news", title=TITLE).version.document
        add_link(session, news, get_or_create_document(session, symbol="S/RES/2803 (2025)"), "reports-on", source)

    report = deliver_due(alert_app)
    assert report.sent == 1
    [alert] = smtp_server.to("desk@example.org")
    assert TITLE in alert["Subject"]
    text = text_body(alert)
    for claim in ("authorize a two-year mandate", "force of 20,000 troops", "use all necessary measures"):
        assert claim in text
    assert "reported troop ceiling: added (20,000)" in text
