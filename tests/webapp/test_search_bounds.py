"""Issue 12, finding 2: one anonymous search held a CPU for minutes (the database's
snippet function read a 6.5 MB, then a 45 MB text whole), with no time limit and no
rate limit. Here: snippets read a bounded window, candidates never load whole texts,
every request has a time budget, searches are rate limited and gated."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import event

from models import budget
from models.search import SNIPPET_WINDOW, search
from models.store import record_version

from .conftest import MINUSCA, ingest

WHEN = datetime(2026, 12, 1, tzinfo=timezone.utc)


def _app(db_url, **config):
    from webapp import create_app

    return create_app({"TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": "k" * 40, **config})


def _store_long(app, length: int) -> None:
    """A long document whose only "zanzibar" lies past the snippet window."""
    filler = "The Security Council notes the report of the Secretary-General. "
    text = "Resolution 9968 (2026)\nThe Security Council,\n1. Decides to remain seized.\n" + \
        filler * ((length - 2000) // len(filler)) + "\n2. Decides on zanzibar.\n"
    with app.extensions["councilwatch.db"].writer() as session:
        record_version(session, text=text, raw=b"-", media_type="text/plain", symbol="S/2026/9968", fetched_at=WHEN)


def test_snippet_reads_a_bounded_window_of_a_long_text(db_url):
    app = _app(db_url)
    _store_long(app, 3 * SNIPPET_WINDOW)
    statements = []
    engine = app.extensions["councilwatch.db"].engine
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with app.extensions["councilwatch.db"].reader() as session:
        result = search(session, "zanzibar")
        (hit,) = result.hits
        assert "text" not in hit.version.__dict__  # the candidate list never loaded the text
    snippet = "".join(piece for piece, _ in hit.snippet)
    assert "zanzibar" not in snippet and len(snippet) < 400  # taken from the window, not the whole text
    assert not any("snippet(" in s or "ts_headline" in s for s in statements)
    body = app.test_client().get("/api/v1/search?q=zanzibar").get_json()
    assert body["total"] == 1 and len(body["hits"][0]["snippet"]) < 400


def test_snippet_highlights_the_words_searched(minusca, client):
    body = client.get("/api/v1/search?q=decides+MINUSCA").get_json()
    assert body["total"] >= 1
    page = client.get("/search?q=decides+MINUSCA").get_data(as_text=True)
    assert "<mark>Decides</mark>" in page or "<mark>decides</mark>" in page


def test_a_request_out_of_time_is_a_503_not_a_held_thread(db_url, monkeypatch):
    monkeypatch.setattr(budget, "PROGRESS_STEPS", 50)
    app = _app(db_url, SEARCH_BUDGET=0.0)
    ingest(app, *MINUSCA)
    client = app.test_client()
    for path in ("/api/v1/search?q=decides", "/search?q=decides"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "5"
    assert client.get("/api/v1/search?q=decides").get_json()["status"] == 503
    assert client.get("/S/RES/2149(2014)").status_code == 200  # other pages have their own budget


def test_searches_are_rate_limited_per_client(db_url):
    app = _app(db_url, SEARCH_RATELIMIT="3 per minute")
    client = app.test_client()
    codes = [client.get(f"/api/v1/search?q=word{n}").status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert client.get("/search?q=word").status_code == 429
    other = client.get("/api/v1/search?q=word", environ_overrides={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200


def test_searches_beyond_the_concurrency_gate_are_turned_away_at_once(db_url):
    app = _app(db_url, SEARCH_CONCURRENCY=0)
    client = app.test_client()
    assert client.get("/api/v1/search?q=decides").status_code == 503
    assert client.get("/status/crawls.json").status_code == 200


@pytest.mark.parametrize("query", ["9968 decides", "word", '"all necessary', "a" * 300, "\u0000\u0001 x"])
def test_worst_case_queries_answer(db_url, query):
    app = _app(db_url)
    _store_long(app, SNIPPET_WINDOW)
    response = app.test_client().get("/api/v1/search", query_string={"q": query})
    assert response.status_code in (200, 400)
