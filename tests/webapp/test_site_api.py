"""Entry points: the site-wide Atom feed, the API description at /api/v1/, JSON errors."""
from __future__ import annotations

from xml.etree import ElementTree

from .conftest import add_vote

ATOM = "{http://www.w3.org/2005/Atom}"


def test_site_feed_lists_events_by_event_date(monusco, client):
    add_vote(monusco, "S/RES/2765 (2024)")
    response = client.get("/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True) and len(entries) >= 2
    assert updated[0].startswith("2024-12-20")
    assert "13-0-2" in entries[0].find(f"{ATOM}title").text
    assert not any(u.startswith("2026") for u in updated)


def test_api_index_describes_the_api(client):
    page = client.get("/api/v1/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "/api/v1/documents/{symbol}" in text and 'href="/api/v1/openapi.json"' in text
    data = client.get("/api/v1/", headers={"Accept": "application/json"}).get_json()
    assert any(e["path"] == "/api/v1/compare" for e in data["endpoints"])
    assert client.get("/api/v1").status_code == 301
    home = client.get("/").get_data(as_text=True)
    assert '<a href="/api/v1/">API</a>' in home


def test_api_errors_are_json(client):
    for path in ("/api/v1/nothing-here", "/api/v1/documents/S/RES/99999(2099)", "/api/v1/search"):
        response = client.get(path)
        assert response.mimetype == "application/json", path
        body = response.get_json()
        assert body["status"] == response.status_code >= 400
        assert "<" not in body["error"] and "If you entered the URL manually" not in body["error"]
