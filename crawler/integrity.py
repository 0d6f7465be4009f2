"""Completeness at the door, for live and replayed responses alike.

`IntegrityMiddleware` takes the place of Scrapy's HttpCompressionMiddleware: it refuses
a body shorter or longer than its `Content-Length`, inflates `Content-Encoding` as a
stream bounded by `DOWNLOAD_MAXSIZE`, and refuses a compressed stream that does not end
cleanly. A refused response is a failed page (`CaptureRefused`): nothing is stored
and the crawl exits non-zero. `QuietLogFormatter` keeps item bodies out of the log.
"""
from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.logformatter import LogFormatter
from scrapy.responsetypes import responsetypes

from .limits import CaptureError, inflate

logger = logging.getLogger(__name__)


class CaptureRefused(IgnoreRequest):
    """A response that is not provably whole (or too big): a failed page, never stored."""


def _accepted_encodings() -> bytes:
    encodings = [b"gzip", b"deflate"]
    try:
        import brotli  # type: ignore[import-not-found]  # noqa: F401
        encodings.append(b"br")
    except ImportError:
        pass
    return b", ".join(encodings)


class IntegrityMiddleware:
    """Downloader middleware (in HttpCompressionMiddleware's place, order 590)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE") or 50 * 1024 * 1024
        self.accept = _accepted_encodings()

    @classmethod
    def from_crawler(cls, crawler) -> "IntegrityMiddleware":
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        request.headers.setdefault("Accept-Encoding", self.accept)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if request.method == "HEAD" or response.status in (204, 304) or request.url.endswith("/robots.txt"):
            return response
        try:
            return self._checked(response)
        except CaptureError as error:
            self.crawler.stats.inc_value("councilwatch/capture_refused")
            logger.error("capture refused: %s: %s", request.url, error)
            raise CaptureRefused(f"{request.url}: {error}") from None

    def _checked(self, response: Response) -> Response:
        body = response.body
        declared = response.headers.get(b"Content-Length")
        chunked = b"chunked" in (response.headers.get(b"Transfer-Encoding") or b"").lower()
        if declared is not None and not chunked:
            try:
                length = int(declared)
            except ValueError:
                raise CaptureError("Content-Length is not a number") from None
            if length != len(body):
                raise CaptureError(f"body has {len(body)} bytes, Content-Length says {length} (truncated)")
        encodings = [e.decode("latin-1").strip() for value in response.headers.getlist(b"Content-Encoding")
                     for e in value.split(b",") if e.strip()]
        if not encodings:
            if len(body) > self.max_size:
                raise CaptureError(f"body of {len(body)} bytes is over DOWNLOAD_MAXSIZE ({self.max_size})")
            return response
        for encoding in reversed(encodings):  # the last applied is undone first
            body = inflate(body, encoding, self.max_size)
        headers = response.headers.copy()
        headers.pop(b"Content-Encoding", None)
        headers.pop(b"Content-Length", None)
        cls = responsetypes.from_args(headers=headers, url=response.url, body=body)
        return response.replace(cls=cls, body=body, headers=headers)


class QuietLogFormatter(LogFormatter):
    """Scrapy's log lines for items without the items: a dropped item is logged by its
    URL and reason, never with its body (a body can be gigabytes)."""

    def scraped(self, item, response, spider):
        return {"level": logging.DEBUG, "msg": "scraped from %(src)s",
                "args": {"src": getattr(response, "url", response)}}

    def dropped(self, item, exception, response, spider):
        return {"level": logging.WARNING, "msg": "dropped: %(url)s: %(reason)s",
                "args": {"url": getattr(item, "url", "?"), "reason": str(exception)[:500]}}

    def item_error(self, item, exception, response, spider):
        return {"level": logging.ERROR, "msg": "error processing item from %(url)s",
                "args": {"url": getattr(item, "url", "?")}}
