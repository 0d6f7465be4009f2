"""Behind a reverse proxy every request comes from the proxy's address, so every visitor
would share one rate-limit bucket. `COUNCILWATCH_TRUSTED_PROXIES=N` says N proxies
(each appending to X-Forwarded-For) stand in front of the app: werkzeug's ProxyFix then
takes the client address, scheme and host from the headers those proxies set — and
only from them, so a client cannot pick its own address. 0 (the default): trust no
forwarding header, for an app served directly."""
from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def trust_proxies(app: Flask) -> None:
    """Wrap the WSGI app in ProxyFix when TRUSTED_PROXIES is a positive number."""
    raw = app.config.get("TRUSTED_PROXIES") or 0
    try:
        count = int(raw)
    except (TypeError, ValueError):
        raise ValueError(f"COUNCILWATCH_TRUSTED_PROXIES must be a number of proxies, not {raw!r}") from None
    if count < 0 or count > 10:
        raise ValueError("COUNCILWATCH_TRUSTED_PROXIES must be between 0 and 10")
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count)
