"""How a news or press item reads on the site: its publisher, its publication date and
its main text without the hosting site's boilerplate.

HTML captures go through trafilatura (pinned in setup.cfg, so the text shown does not
drift between installs); plain-text captures (the bundle's Press TV report, reprinted by
GlobalSecurity.org, whose first line is the banner "UNITED24 - Make a charitable donation
in support of Ukraine!" and whose last lines are "NEWSLETTER / Join the GlobalSecurity.org
mailing list") keep the lines from the headline to the last paragraph of prose. Nothing
here changes what is stored: the version keeps the captured text and its hash.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from models.documents import Document, Version

#: Hosts and the publisher names they print (the reprinting site, as a reader would cite it).
PUBLISHERS = {
    "globalsecurity.org": "GlobalSecurity.org", "presstv.ir": "Press TV", "un.org": "United Nations",
    "press.un.org": "United Nations", "securitycouncilreport.org": "Security Council Report",
    "gov.uk": "UK Government", "usun.usmission.gov": "United States Mission to the United Nations",
    "russiaun.ru": "Permanent Mission of the Russian Federation to the United Nations",
    "onu.delegfrance.org": "Permanent Mission of France to the United Nations",
    "reuters.com": "Reuters", "apnews.com": "Associated Press", "aljazeera.com": "Al Jazeera",
}
_MONTHS = ("January February March April May June July August September October November December").split()
_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b|\b(" + "|".join(_MONTHS)
                   + r")\s+(\d{1,2}),\s+(\d{4})\b")
_PROSE_WORDS = 12  # a line with at least this many words is prose, not a banner or menu
_lock = threading.Lock()


@dataclass(frozen=True)
class NewsItem:
    publisher: str | None
    published: date | None
    byline: str | None  # the original outlet when a site reprints ("Iran Press TV")
    paragraphs: tuple[str, ...]


def publisher_of(url: str | None) -> str | None:
    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    while host:
        if host in PUBLISHERS:
            return PUBLISHERS[host]
        host = host.partition(".")[2] if "." in host else ""
    return None


def first_date(text: str) -> date | None:
    """The first full date printed in `text` ("Friday, 07 November 2025 6:47 PM")."""
    match = _DATE.search(text)
    if not match:
        return None
    try:
        if match.group(1):
            return date(int(match.group(3)), _MONTHS.index(match.group(2)) + 1, int(match.group(1)))
        return date(int(match.group(6)), _MONTHS.index(match.group(4)) + 1, int(match.group(5)))
    except ValueError:
        return None


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS


def plain_text_item(text: str, title: str | None) -> tuple[str | None, date | None, tuple[str, ...]]:
    """(byline, date, paragraphs) of a plain-text capture: from the headline (or the first
    prose) to the last prose paragraph; the dateline and the outlet line are read, not shown."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if title and line == title.strip()), None)
    after = start + 1 if start is not None else 0
    prose = [i for i, line in enumerate(lines) if i >= after and _is_prose(line)]
    if not prose:
        return None, first_date(text), tuple(lines)
    first, last = prose[0], prose[-1]
    head = lines[after:first]
    published = next((first_date(line) for line in head if first_date(line)), None) or first_date(text)
    byline = next((line for line in head if not first_date(line) and len(line.split()) <= 6), None)
    return byline, published, tuple(lines[first:last + 1])


@lru_cache(maxsize=2048)
def _html_item(raw: bytes, url: str | None) -> tuple[str | None, date | None, str | None, tuple[str, ...]]:
    import trafilatura

    with _lock:  # trafilatura keeps module-level caches; one extraction at a time
        extracted = trafilatura.bare_extraction(raw, url=url, favor_precision=True, with_metadata=True)
    if extracted is None:
        return None, None, None, ()
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    published = None
    if data.get("date"):
        try:
            published = date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            published = None
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    return data.get("sitename"), published, data.get("author"), paragraphs


def read_news(document: Document, version: Version) -> NewsItem:
    """Publisher, date and main text of a news/press version (HTML or plain text)."""
    if version.media_type == "text/html":
        sitename, published, author, paragraphs = _html_item(version.blob.data, version.url)
        return NewsItem(publisher_of(version.url) or sitename, published, author, paragraphs)
    byline, published, paragraphs = _cached_plain(version.id, version.text, version.title or document.title)
    return NewsItem(publisher_of(version.url or document.canonical_url), published, byline, paragraphs)


@lru_cache(maxsize=4096)
def _cached_plain(version_id: int, text: str, title: str | None):
    return plain_text_item(text, title)


def published_on(document: Document, version: Version) -> date | None:
    """A news or press item's publication date as read from it (None when it prints none)."""
    if document.kind not in ("news", "press_release"):
        return None
    return read_news(document, version).published


_QUERY_WORD = re.compile(r"\w{2,}", re.UNICODE)
SNIPPET_WORDS = 32


def main_text_snippet(paragraphs: tuple[str, ...], query: str) -> list[tuple[str, bool]]:
    """A search snippet from the main text (never the site's banners): the first paragraph
    holding a word of `query`, cut to about SNIPPET_WORDS words around it, words marked."""
    wanted = {w.lower() for w in _QUERY_WORD.findall(query)}
    if not paragraphs or not wanted:
        return []
    chosen = next((p for p in paragraphs if wanted & {w.lower() for w in _QUERY_WORD.findall(p)}), paragraphs[0])
    words = chosen.split()
    first = next((i for i, w in enumerate(words) if w.strip(".,;:()\"'“”").lower() in wanted), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    window = words[start:start + SNIPPET_WORDS]
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    for word in window:
        core = word.strip(".,;:()\"'“”")
        text = word + " "
        if core.lower() in wanted:
            before, _, after = word.partition(core)
            if before:
                pieces.append((before, False))
            pieces.append((core, True))
            pieces.append((after + " ", False))
        else:
            pieces.append((text, False))
    if start + SNIPPET_WORDS < len(words):
        pieces.append(("…", False))
    return pieces
