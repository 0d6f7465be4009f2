"""Session cookie flags: HttpOnly and SameSite=Lax always, Secure whenever the public
base URL is https (a cookie sent once over plain HTTP can be read on the way)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask


def harden_cookies(app: Flask) -> None:
    https = urlsplit(str(app.config.get("BASE_URL") or "")).scheme.lower() == "https"
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(app.config.get("SESSION_COOKIE_SECURE")) or https,
    )
