"""What the server may show of where a text came from: web addresses only. A file
ingested from disk keeps its path in the database (its provenance), never in output."""
from __future__ import annotations

from urllib.parse import urlsplit


def public_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None (file paths, data: and the like)."""
    if not url:
        return None
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None
