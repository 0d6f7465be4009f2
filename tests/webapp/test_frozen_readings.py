"""Frozen readings: an immutable URL returns, byte for byte, what it returned the first
time — after the engine changes too. The new engine's reading lives under a new URL
(`?reading=<engine>`) that the old response links to."""
from __future__ import annotations

import pytest

from webapp import create_app

VERSION = "/S/RES/2765(2024)@1"
COMPARE = "?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"
URLS = [VERSION, VERSION + "/json", VERSION + "/text", VERSION + "/original", "/compare" + COMPARE,
        "/api/v1/documents/S/RES/2765(2024)/versions/1", "/api/v1/compare" + COMPARE]
READINGS = [VERSION, VERSION + "/json", "/compare" + COMPARE, "/api/v1/documents/S/RES/2765(2024)/versions/1",
            "/api/v1/compare" + COMPARE]


def _changed_engine(app, monkeypatch):
    """A fresh app (empty memory caches, as after a deployment) whose engine reads differently."""
    import models.text.diff as diff
    import webapp.api as api
    import webapp.documents as documents

    real_compare, real_json = diff.compare, documents.version_json

    class Improved:
        def __init__(self, result):
            self.result = result

        def to_json(self):
            data = self.result.to_json()
            data["summary"] = "An improved engine's summary. " + data["summary"]
            return data

    monkeypatch.setattr(diff, "compare", lambda *a, **k: Improved(real_compare(*a, **k)))
    improved_json = lambda d, v: {**real_json(d, v), "title": "improved reader"}  # noqa: E731
    monkeypatch.setattr(documents, "version_json", improved_json)
    monkeypatch.setattr(api, "version_json", improved_json)
    monkeypatch.setattr(documents, "cite", lambda *a: "An improved citation")
    return create_app({"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "test-secret",
                       "ENGINE": "improved-engine"})


def test_every_immutable_url_keeps_its_bytes_when_the_engine_changes(monusco, client, monkeypatch):
    first = {url: client.get(url) for url in URLS}
    assert all(response.status_code == 200 for response in first.values())
    assert all("Link" not in response.headers for response in first.values())

    newer = _changed_engine(monusco, monkeypatch)
    try:
        fresh = newer.test_client()
        for url in URLS:
            again = fresh.get(url)
            assert again.status_code == 200, url
            assert again.data == first[url].data, url
            assert again.headers["ETag"] == first[url].headers["ETag"], url
            assert fresh.get(url, headers={"If-None-Match": first[url].headers["ETag"]}).status_code == 304
        for url in READINGS:
            link = fresh.get(url).headers["Link"]
            assert link.startswith("<http://127.0.0.1:8000" + url), url
            assert link.endswith('reading=improved-engine>; rel="successor-version"'), url
            target = link[1:link.index(">")].removeprefix("http://127.0.0.1:8000")
            improved = fresh.get(target)
            assert improved.status_code == 200, target
            assert improved.data != first[url].data and b"improved" in improved.data.lower(), target
            assert "Link" not in improved.headers
            assert fresh.get(target).data == improved.data
    finally:
        newer.extensions["councilwatch.db"].dispose()

    # The first engine, back again (a rollback): old URLs still the same bytes, and the
    # improved reading stays frozen under its own URL.
    back = create_app({"TESTING": True, "DATABASE_URL": monusco.config["DATABASE_URL"], "SECRET_KEY": "x"})
    try:
        again = back.test_client()
        assert all(again.get(url).data == first[url].data for url in URLS)
        assert b"improved" in again.get(VERSION + "/json?reading=improved-engine").data
    finally:
        back.extensions["councilwatch.db"].dispose()


def test_a_reading_no_engine_made_is_404(monusco, client):
    assert client.get(VERSION + "?reading=never-made").status_code == 404
    assert client.get("/compare" + COMPARE + "&reading=never-made").status_code == 404


def test_frozen_rows_are_append_only(monusco, client):
    from sqlalchemy import text

    client.get(VERSION)
    with monusco.extensions["councilwatch.db"].engine.connect() as connection:
        with pytest.raises(Exception, match="append-only"):
            with connection.begin():
                connection.execute(text("UPDATE frozen_response SET body = :b"), {"b": b"rewritten"})
