"""Downloader middlewares for polite, correct fetching, where Scrapy's defaults differ:

- robots.txt as RFC 9309 says: a 5xx (or 429) answer, or no answer at all, means
  "disallow everything"; a 4xx means "no rules"; only a 2xx is parsed.
- `Retry-After` honoured on 429 and 503: the whole domain waits, then retries
  (bounded by RETRY_TIMES and RETRY_AFTER_MAX).
- every response stamped with the moment it arrived (its provenance fetch time).
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.asyncio import sleep
from scrapy.utils.httpobj import urlparse_cached

from .items import FETCHED_AT

logger = logging.getLogger(__name__)

_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class RFC9309RobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with RFC 9309 §2.3.1 error handling."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        status = response.status
        if status >= 500 or status == 429:
            logger.error("robots.txt of %s answered %s: crawling nothing there (RFC 9309: unreachable)", netloc, status)
            self._stats.inc_value("councilwatch/robots_unreachable")
            response = response.replace(body=_DISALLOW_ALL)
        elif 400 <= status < 500:
            response = response.replace(body=b"")  # "unavailable": no rules apply
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        logger.error("robots.txt of %s could not be fetched (%s): crawling nothing there", netloc, exc)
        self._stats.inc_value("councilwatch/robots_unreachable")
        key = f"robotstxt/exception_count/{type(exc)}"
        self._stats.inc_value(key)
        deferred = self._parsers[netloc]
        parser = ProtegoRobotParser(_DISALLOW_ALL, self.crawler.spider)
        self._parsers[netloc] = parser
        deferred.callback(parser)


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a `Retry-After` header asks for: "120", or an HTTP-date; None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware(RetryMiddleware):
    """Bounded retries that respect `Retry-After`: the domain's next request (the retry
    included) waits until the server's date; a wait above RETRY_AFTER_MAX gives up."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 600.0)
        self._not_before: dict[str, float] = {}

    async def process_request(self, request: Request) -> None:
        until = self._not_before.get(urlparse_cached(request).netloc)
        if until:
            wait = until - time.monotonic()
            if wait > 0:
                logger.info("waiting %.1fs before %s (Retry-After)", wait, request.url)
                await sleep(wait)
        return None

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None:
            if wait > self.max_wait:
                logger.error("%s asks to retry after %.0fs (over %.0fs): giving up this run",
                             request.url, wait, self.max_wait)
                self.crawler.stats.inc_value("councilwatch/retry_after_too_long")
                return response
            netloc = urlparse_cached(request).netloc
            self._not_before[netloc] = max(self._not_before.get(netloc, 0.0), time.monotonic() + wait)
            self.crawler.stats.inc_value("councilwatch/retry_after_honoured")
        return self._retry(request, f"{response.status} response") or response


class FetchTimeMiddleware:
    """Stamps `request.meta[FETCHED_AT]` when a response arrives; a replayed response
    keeps the WARC-Date the replay middleware set."""

    def process_response(self, request: Request, response: Response) -> Response:
        if "replay" not in response.flags:
            request.meta[FETCHED_AT] = datetime.now(timezone.utc)
        return response
