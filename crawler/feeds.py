"""Reading the feeds and APIs the sources publish: RSS 2.0 (press.un.org/en/rss.xml,
usun.usmission.gov/feed/, SPIP's spip.php?page=backend), Atom (GOV.UK's
search/news-and-communications.atom) and GOV.UK's search API (/api/search.json,
`{"results": [{"title", "link", "public_timestamp", …}]}`). XML is parsed without
entities or network access; a body that is neither is a FeedError (the spider then
falls back to the listing page)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
#: At most this many entries are read from one feed or API answer.
MAX_ENTRIES = 500


class FeedError(ValueError):
    """Not a feed this reader knows (RSS 2.0, Atom, GOV.UK search JSON)."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None  # ISO date
    summary: str | None = None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                           recover=False)


def _iso(value: str | None) -> str | None:
    """"Tue, 08 Dec 2026 14:03:00 +0000" or "2026-12-08T14:03:00Z" → "2026-12-08"."""
    if not value:
        return None
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _text(element, path: str) -> str | None:
    found = element.find(path)
    if found is None or found.text is None:
        return None
    return " ".join(found.text.split()) or None


def read_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of an RSS 2.0 or Atom feed, or of a GOV.UK search API answer."""
    stripped = body.lstrip()
    if stripped[:1] in (b"{", b"["):
        return _read_search_json(stripped, base_url)
    try:
        root = etree.fromstring(stripped, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise FeedError(f"not XML: {error}") from None
    if root.tag == "rss" or root.find("channel") is not None:
        return _read_rss(root, base_url)
    if root.tag == f"{ATOM}feed":
        return _read_atom(root, base_url)
    raise FeedError(f"not RSS or Atom: <{root.tag}>")


def _read_rss(root, base_url: str) -> list[FeedEntry]:
    entries = []
    for item in root.iter("item"):
        link = _text(item, "link") or _text(item, "guid")
        if not link:
            continue
        entries.append(FeedEntry(urljoin(base_url, link), _text(item, "title"),
                                 _iso(_text(item, "pubDate") or _text(item, f"{DC}date")), _text(item, "description")))
        if len(entries) >= MAX_ENTRIES:
            break
    return entries


def _read_atom(root, base_url: str) -> list[FeedEntry]:
    entries = []
    for entry in root.iter(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link")
        href = next((l.get("href") for l in links if l.get("rel", "alternate") == "alternate" and l.get("href")), None)
        if not href:
            continue
        entries.append(FeedEntry(urljoin(base_url, href), _text(entry, f"{ATOM}title"),
                                 _iso(_text(entry, f"{ATOM}updated") or _text(entry, f"{ATOM}published")),
                                 _text(entry, f"{ATOM}summary")))
        if len(entries) >= MAX_ENTRIES:
            break
    return entries


def _read_search_json(body: bytes, base_url: str) -> list[FeedEntry]:
    try:
        answer = json.loads(body)
    except ValueError as error:
        raise FeedError(f"not JSON: {error}") from None
    results = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(results, list):
        raise FeedError("a JSON answer without `results`")
    entries = []
    for result in results[:MAX_ENTRIES]:
        if isinstance(result, dict) and isinstance(result.get("link"), str):
            entries.append(FeedEntry(urljoin(base_url, result["link"]), result.get("title"),
                                     _iso(result.get("public_timestamp")), result.get("description")))
    return entries
