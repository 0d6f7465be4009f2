"""Issue 12, finding 6: the session cookie lacked Secure and SameSite; control characters
from an HTML page with a declared charset reached the Atom feed (invalid XML);
`subscription_id=99999999999999999999999` gave a 500; a write lock held during ingest
gave a traceback; `source_url` showed server file paths; error logs held manage tokens."""
from __future__ import annotations

import logging
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from models.documents import Document
from models.store import record_version
from models.subscriptions import Subscription

ROOT = Path(__file__).resolve().parents[2]
RESOLUTION = (ROOT / "tests" / "fixtures" / "ods" / "S_RES_1706_2006.txt").read_text("utf-8")
KEY = "cookie-test-secret-of-at-least-32-chars"


def _app(db_url, **config):
    from webapp import create_app

    return create_app({"TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": KEY, **config})


def _first_set_cookie(client) -> str:
    response = client.get("/subscribe")
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies, "the form sets a session cookie (CSRF)"
    return cookies[0]


def test_session_cookie_is_secure_httponly_and_lax_on_https(db_url):
    cookie = _first_set_cookie(_app(db_url, BASE_URL="https://cw.example.org").test_client())
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_on_plain_http_is_httponly_and_lax(db_url):
    cookie = _first_set_cookie(_app(db_url, BASE_URL="http://127.0.0.1:8000").test_client())
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_control_characters_never_reach_stored_text_or_the_feed(db_url):
    """An HTML page declaring its charset, carrying U+000B and U+0001 (as word processors leave)."""
    app = _app(db_url)
    page = ("<html><head><meta charset=\"utf-8\"><title>Draft\x01 text</title></head><body><p>"
            + RESOLUTION.replace("\n", "</p><p>").replace("Decides", "Decides\x0b\x01") + "</p></body></html>")
    from models.rawtext import to_text

    text = to_text(page.encode("utf-8"), "draft.html", "text/html")
    with app.extensions["councilwatch.db"].writer() as session:
        recorded = record_version(session, text=text, raw=page.encode(), media_type="text/html",
                                  symbol="S/RES/1706 (2006)", title="Draft\x01 text\x7f")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", recorded.version.text + recorded.version.title)
    feed = app.test_client().get("/S/RES/1706(2006)/feed.atom")
    assert feed.status_code == 200
    ElementTree.fromstring(feed.data)  # well-formed XML


def test_control_characters_are_stripped_from_subscription_targets():
    from webapp.subscribe import clean_target

    assert clean_target("search", "all\x01 necessary\x0b measures") == "all necessary measures"


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "1e9", "\u0661", "", "0x10", " 7 "])
def test_a_malformed_subscription_id_is_a_400(db_url, value):
    from webapp.alerts.links import manage_link

    app = _app(db_url, BASE_URL="https://cw.example.org")
    with app.extensions["councilwatch.db"].writer() as session:
        session.add(Subscription(email="someone@example.org", target_kind="document", target_value="S/RES/1706 (2006)",
                                 state="confirmed"))
    client = app.test_client()
    path = manage_link("https://cw.example.org", KEY, "someone@example.org")[len("https://cw.example.org"):]
    page = client.get(path).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(path, data={"csrf_token": token, "subscription_id": value, "action": "unsubscribe"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/documents?limit=\u00b2", "/api/v1/documents?offset=99999999999999999999",
                                  "/search?q=x&page=\u00b2", "/search?q=x&year=\u0662\u0660\u0662\u0665",
                                  "/d/99999999999", "/d/1@99999999999", "/compare?old=d/99999999999999@1&new=x"])
def test_malformed_query_parameters_are_400s_or_404s(db_url, path):
    response = _app(db_url).test_client().get(path)
    assert response.status_code in (400, 404), (path, response.status_code)


def test_ingest_under_a_long_write_lock_reports_each_file_and_goes_on(tmp_path):
    database = tmp_path / "locked.sqlite3"
    url = f"sqlite:///{database}"
    from models.migrate import upgrade

    upgrade(url)
    files = []
    for n in (1706, 1707):
        path = tmp_path / f"S_RES_{n}_2006.txt"
        path.write_text(RESOLUTION.replace("1706", str(n)), "utf-8")
        files.append(str(path))
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for the whole run
    try:
        env = {**os.environ, "COUNCILWATCH_DATABASE_URL": url, "COUNCILWATCH_SQLITE_BUSY_TIMEOUT_MS": "300"}
        done = subprocess.run([sys.executable, "-m", "webapp", "ingest", *files], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    finally:
        holder.close()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and all("locked" in line for line in errors)
    assert "2 files: 0 new versions, 0 unchanged, 2 failed" in done.stdout


def test_no_file_path_in_api_output(db_url, tmp_path):
    app = _app(db_url)
    path = tmp_path / "secret-folder" / "note.txt"
    path.parent.mkdir()
    path.write_text("A note about the Council.\n", "utf-8")
    from models.ingest import ingest_file

    with app.extensions["councilwatch.db"].writer() as session:
        ingest_file(session, path)
        ingest_file(session, Path(ROOT / "tests" / "fixtures" / "ods" / "S_RES_1706_2006.txt"))
    with app.extensions["councilwatch.db"].reader() as session:
        note = session.scalar(select(Document).where(Document.symbol.is_(None)))
    client = app.test_client()
    outputs = [client.get(p).get_data(as_text=True) for p in (
        "/api/v1/documents", f"/api/v1/documents/d/{note.id}", f"/api/v1/documents/d/{note.id}/versions/1",
        "/api/v1/documents/S/RES/1706(2006)/versions/1", "/api/v1/search?q=Council", f"/d/{note.id}/feed.atom")]
    for output in outputs:
        assert "secret-folder" not in output and "file:" not in output and str(ROOT) not in output
    version = client.get("/api/v1/documents/S/RES/1706(2006)/versions/1").get_json()
    assert version["source_url"] is None


def test_error_logs_never_hold_full_tokens(db_url, caplog):
    from webapp.alerts.links import manage_link

    app = _app(db_url, BASE_URL="https://cw.example.org")
    app.testing = False  # let the app log the exception as in production

    @app.get("/subscribe/manage/<token>/boom")
    def boom(token):
        raise RuntimeError("the relay is down")

    token = manage_link("https://cw.example.org", KEY, "someone@example.org").rsplit("/", 1)[1]
    with caplog.at_level(logging.ERROR):
        assert app.test_client().get(f"/subscribe/manage/{token}/boom").status_code == 500
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "/subscribe/manage/" in logged and token not in logged
