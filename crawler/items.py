"""What spiders hand the pipeline: the captured HTTP exchange (raw bytes, URL, headers,
fetch time) and the fields read from it. Spiders fetch and extract; they never store."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from scrapy.http import Response

#: meta key under which the downloader records when a response arrived (or, on replay,
#: the WARC-Date of the recorded response).
FETCHED_AT = "councilwatch_fetched_at"
#: meta keys set by the replay middleware: the archive and offset a response came from.
WARC_FILE = "councilwatch_warc_file"
WARC_OFFSET = "councilwatch_warc_offset"
WARC_RECORD_ID = "councilwatch_warc_record_id"
#: meta key: the page (listing, feed) whose link led to this request.
FOUND_ON = "councilwatch_found_on"


@dataclass
class DocRef:
    """A document named by a page without its text: "S/PV.9082" with its topic."""

    symbol: str
    title: str | None = None
    url: str | None = None
    kind: str | None = None


@dataclass
class LinkRef:
    """A typed edge; `source`/`target` None means the item's own document."""

    kind: str
    source: str | None = None
    target: str | None = None


@dataclass
class VoteRecord:
    """"S/RES/2640 (2022) 13-0-2" at S/PV.9082, or a draft vetoed by a permanent member.

    `members` maps a member's name to its choice: Y, N, A (abstain) or X (did not vote).
    A vote taken by letter (the Council's written procedure of 2020-2021, "Letter with
    Vote Outcome") has `procedure` "letter", `letter` the symbol of the letter giving
    the outcome, and that symbol as its `meeting` (there is no meeting record).
    """

    meeting: str
    document: str
    outcome: str
    date: str | None = None  # ISO date
    resolution: str | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    non_voting: int | None = None
    members: dict[str, str] = field(default_factory=dict)
    procedure: str = "meeting"
    letter: str | None = None


@dataclass
class DocumentItem:
    """One captured page or file and what the spider read from it."""

    url: str
    raw: bytes
    headers: dict[str, str]
    fetched_at: datetime
    status: int = 200
    media_type: str = "text/html"
    text: str | None = None  # extracted document text; None: the pipeline reads `raw`
    symbol: str | None = None
    kind: str | None = None
    title: str | None = None
    keyed_by_url: bool = False  # a listing or article without a symbol of its own
    documents: list[DocRef] = field(default_factory=list)
    links: list[LinkRef] = field(default_factory=list)
    votes: list[VoteRecord] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None
    #: The listing or feed page whose link led here (None: a start URL).
    found_on: str | None = None


def flat_headers(response: Response) -> dict[str, str]:
    """Response headers as one str per name ("Set-Cookie" values joined by newlines)."""
    out: dict[str, str] = {}
    for name, values in response.headers.items():
        key = name.decode("latin-1")
        out[key] = "\n".join(v.decode("latin-1") for v in values)
    return out


def media_type_of(response: Response, default: str = "text/html") -> str:
    value = response.headers.get(b"Content-Type")
    if not value:
        return default
    return value.decode("latin-1").split(";", 1)[0].strip().lower() or default


def capture(response: Response, **fields: Any) -> DocumentItem:
    """A DocumentItem carrying the response's bytes, URL, headers and fetch time."""
    meta = response.meta if _has_request(response) else {}
    fetched_at = meta.get(FETCHED_AT) or datetime.now(timezone.utc)
    fields.setdefault("media_type", media_type_of(response))
    return DocumentItem(
        url=response.url, raw=response.body, headers=flat_headers(response), fetched_at=fetched_at,
        status=response.status, warc_file=meta.get(WARC_FILE), warc_offset=meta.get(WARC_OFFSET),
        warc_record_id=meta.get(WARC_RECORD_ID), found_on=meta.get(FOUND_ON), **fields,
    )


def _has_request(response: Response) -> bool:
    try:
        response.meta  # noqa: B018  (raises when the response has no request)
    except AttributeError:
        return False
    return True
