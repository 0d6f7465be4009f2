"""Permalinks and HTTP: immutable caching, 304s, canonical spellings, headers, 404s."""
from __future__ import annotations

import pytest

VERSION = "/S/RES/2765(2024)@1"
COMPARE = "/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.mark.parametrize("url", [VERSION, VERSION + "/original", VERSION + "/text", VERSION + "/json", COMPARE,
                                 "/api/v1/documents/S/RES/2765(2024)/versions/1",
                                 "/api/v1/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"])
def test_immutable_urls_return_same_body_with_strong_etag(monusco, client, url):
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and first.headers["Cache-Control"] == IMMUTABLE
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.data == second.data and second.headers["ETag"] == etag
    revalidated = client.get(url, headers={"If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated.data == b"" and revalidated.headers["ETag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other", W/' + etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_revalidation_is_answered_before_the_database(monusco, client, monkeypatch):
    etag = client.get(VERSION).headers["ETag"]

    def no_database():
        raise AssertionError("the database was touched")

    monkeypatch.setattr(monusco.extensions["councilwatch.db"], "reader", no_database)
    response = client.get(VERSION, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.headers["Cache-Control"] == IMMUTABLE
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_etag_comes_from_content_hashes(monusco, client, app):
    """A fresh app (empty memo) on the same data computes the same tag from the hashes."""
    from webapp import create_app

    etag = client.get(VERSION).headers["ETag"]
    other = create_app({"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "x" * 32})
    try:
        fresh = other.test_client()
        assert fresh.get(VERSION, headers={"If-None-Match": etag}).status_code == 304
        assert fresh.get(VERSION).headers["ETag"] == etag
    finally:
        other.extensions["councilwatch.db"].dispose()


def test_latest_pages_are_short_lived_with_etag(monusco, client):
    for url in ("/", "/mandates", "/api/v1/documents/S/RES/2765(2024)", "/search?q=MONUSCO"):
        response = client.get(url)
        assert response.status_code == 200
        assert "immutable" not in response.headers["Cache-Control"], url
        assert "max-age=60" in response.headers["Cache-Control"] or "no-cache" in response.headers["Cache-Control"]
        again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304, url


@pytest.mark.parametrize("spelling", ["/s/res/2765(2024)", "/S/RES/2765%20(2024)", "/S/RES/2765 (2024)",
                                      "/S/RES/02765(2024)", "/s/res/2765%20%282024%29"])
def test_every_spelling_redirects_to_the_canonical_symbol(monusco, client, spelling):
    response = client.get(spelling)
    assert response.status_code == 301 and response.headers["Location"].endswith("/S/RES/2765(2024)")
    version = client.get(spelling + "@1")
    assert version.status_code == 301 and version.headers["Location"].endswith("/S/RES/2765(2024)@1")


def test_compare_spellings_redirect_to_the_permalink(monusco, client):
    response = client.get("/compare?old=s/res/2717%20(2023)@1&new=S%2FRES%2F2765(2024)%401")
    assert response.status_code == 301 and response.headers["Location"].endswith(COMPARE)
    assert client.get("/api/v1/documents/s/res/2765(2024)").status_code == 301


@pytest.mark.parametrize("url", [
    "/S/RES/9999(2099)", "/S/RES/2765(2024)@2", "/S/RES/2765(2024)@0/text", "/S/RES/2765(2024)@99999999999",
    "/not-a-symbol", "/S/RES/", "/d/999", "/d/abc@1", "/compare?old=S/RES/9(1946)@1&new=S/RES/2765(2024)@1",
    "/compare?old=nonsense&new=S/RES/2765(2024)@1", "/compare?old=S/RES/2765(2024)@1&new=S/RES/2765(2024)@5",
    "/api/v1/documents/S/RES/9999(2099)", "/api/v1/documents/S/RES/2765(2024)/versions/9", "/api/v1/nothing",
    "/api/v1/compare?old=x@1&new=y@1", "/mandates/" + "X" * 300, "/S/RES/2765(2024)/feed.atom/more",
])
def test_unknown_symbols_and_versions_are_404(monusco, client, url):
    response = client.get(url)
    assert response.status_code == 404, (url, response.status_code)
    if url.startswith("/api/"):
        assert response.get_json()["status"] == 404


@pytest.mark.parametrize("url", ["/compare?old=S/RES/2765(2024)@1", "/api/v1/search", "/api/v1/documents?limit=0"])
def test_incomplete_requests_are_400(monusco, client, url):
    assert client.get(url).status_code == 400


def test_security_headers_on_every_response(monusco, client):
    for url in ("/", VERSION, COMPARE, "/api/v1/openapi.json", "/nope", "/static/site.css"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp or "default-src 'none'" in csp
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "sandbox" in client.get(VERSION + "/original").headers["Content-Security-Policy"]


def test_pages_have_no_inline_script_or_style(monusco, client):
    import re

    for url in ("/", "/S/RES/2765(2024)", VERSION, COMPARE, "/mandates/MONUSCO", "/search?q=MONUSCO"):
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert " style=" not in page and "<style" not in page and " onclick=" not in page, url
