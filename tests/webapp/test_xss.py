"""A hostile document is inert on every page, feed and API response."""
from __future__ import annotations

import re

import pytest

from models.store import get_or_create_source, record_version

SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_LINK = '<a href="javascript:alert(2)">click</a>'
HOSTILE = f"""Resolution 9001 (2099) {SCRIPT}
The Security Council,
Recalling {IMG} its resolutions, and javascript:alert(3) {JS_LINK},
1. Decides to extend the mandate of MINUSCA until 15 November 2099 {SCRIPT};
2. Decides that MINUSCA shall comprise up to 14,400 military personnel {IMG};
3. Decides to remain seized of the matter {JS_LINK}.
"""
EDITED = HOSTILE.replace("15 November 2099", "15 November 2100").replace("14,400", "15,000")
SYMBOL = "S/RES/9001 (2099)"
PATHS = [
    "/", "/S/RES/9001(2099)", "/S/RES/9001(2099)@1", "/S/RES/9001(2099)@2", "/S/RES/9001(2099)@2/json",
    "/compare?old=S/RES/9001(2099)@1&new=S/RES/9001(2099)@2", "/mandates", "/mandates/MINUSCA",
    "/search?q=alert", "/search?q=" + "%3Cscript%3E", "/S/RES/9001(2099)/feed.atom", "/mandates/MINUSCA/feed.atom",
    "/search/feed.atom?q=alert", "/api/v1/documents/S/RES/9001(2099)", "/api/v1/documents/S/RES/9001(2099)/versions/2",
    "/api/v1/documents/S/RES/9001(2099)/facts", "/api/v1/compare?old=S/RES/9001(2099)@1&new=S/RES/9001(2099)@2",
    "/api/v1/search?q=alert", "/api/v1/mandates/MINUSCA", "/api/v1/documents", "/d/1",
]


@pytest.fixture
def hostile(app):
    with app.extensions["councilwatch.db"].writer() as session:
        source = get_or_create_source(session, "evil", "<b>evil</b> source")
        for text in (HOSTILE, EDITED):
            record_version(session, text=text, raw=text.encode(), media_type="text/html", symbol=SYMBOL,
                           source=source, url="javascript:alert(4)", title=f"Title {SCRIPT}{IMG}")
        record_version(session, text=HOSTILE, raw=HOSTILE.encode(), media_type="text/html", source=source,
                       url="javascript:alert(5)//news", title=f"News {SCRIPT}")
    return app


def _live_markup(body: str) -> list[str]:
    """Markup a browser would act on: script elements, event handlers, javascript: URLs."""
    found = re.findall(r"<script(?![^>]*\bsrc=\"/static/site\.js\")[^>]*>", body, re.I)
    found += re.findall(r"<img\b", body, re.I)
    found += re.findall(r"<[a-z][^>]*\son\w+\s*=", body, re.I)
    found += re.findall(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", body, re.I)
    found += re.findall(r"<a href=\"javascript", body, re.I)
    return found


@pytest.mark.parametrize("path", PATHS)
def test_hostile_document_is_inert(hostile, client, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 200, path
    body = response.get_data(as_text=True)
    assert _live_markup(body) == [], path
    if response.mimetype == "application/json":
        assert "<" not in body and ">" not in body  # written as \\u003c / \\u003e
    if response.mimetype == "application/atom+xml":
        assert "<script" not in body and "<img" not in body


def test_hostile_text_is_shown_as_text(hostile, client):
    page = client.get("/S/RES/9001(2099)@1").get_data(as_text=True)
    assert "&lt;script&gt;alert(" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "javascript:alert(4)" not in page  # the scraped source URL is not linked at all
    data = client.get("/api/v1/documents/S/RES/9001(2099)/versions/1").get_json()
    assert SCRIPT in data["text"]  # the JSON value is exact; only its spelling is escaped


def test_original_capture_downloads_and_never_renders(hostile, client):
    response = client.get("/S/RES/9001(2099)@1/original")
    assert response.data == HOSTILE.encode()
    assert response.mimetype == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response.headers["Content-Security-Policy"]
