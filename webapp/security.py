"""Strict response headers, and the one place scraped URLs become links."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: Exact bytes of a capture (an HTML page, a PDF) are downloaded, never rendered here.
DOWNLOAD_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'"

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS:
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None: `javascript:`, `data:`, `file:`
    and the like found in scraped pages never become links."""
    if not url:
        return None
    stripped = "".join(ch for ch in url.strip() if ch >= " " and ch != "\x7f")
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return stripped
    return None
