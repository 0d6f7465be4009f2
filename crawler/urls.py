"""Canonical page URLs: tracking parameters and fragments never make a new document."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only say how a reader arrived ("?utm_source=twitter").
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "_gl",
    "ref", "ref_src", "cmpid", "spm",
})


def canonical_url(url: str) -> str:
    """`https://Press.UN.org/en/2024/sc15907.doc.htm?utm_source=x#top` →
    `https://press.un.org/en/2024/sc15907.doc.htm` (remaining parameters kept in order)."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS]
    netloc = parts.netloc.lower()
    if (parts.scheme == "https" and netloc.endswith(":443")) or (parts.scheme == "http" and netloc.endswith(":80")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))
