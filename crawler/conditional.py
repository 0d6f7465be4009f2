"""Conditional requests: send the ETag / Last-Modified of the last fetch of a URL, so
an unchanged page costs a 304 and nothing else (no body, no parse, no write)."""
from __future__ import annotations

import hashlib
import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from sqlalchemy import select

from models.crawls import CrawlPage

from .database import database_for
from .urls import canonical_url

logger = logging.getLogger(__name__)
#: request.meta key: remember this response's validators even though the page itself
#: is not stored (a feed: its entries are followed, the feed is not a document).
REMEMBER_VALIDATORS = "councilwatch_remember_validators"


class NotModified(IgnoreRequest):
    """The server answered 304: the page is as it was at the last fetch."""


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        if crawler.settings.get("REPLAY_FILE") or not crawler.settings.getbool("CONDITIONAL_REQUESTS", True):
            raise NotConfigured
        self.crawler = crawler
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ConditionalRequestMiddleware":
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        with database_for(self.crawler).reader() as session:
            rows = session.execute(
                select(CrawlPage.url, CrawlPage.etag, CrawlPage.last_modified).where(CrawlPage.spider == spider.name)
            )
            self.validators = {url: (etag, modified) for url, etag, modified in rows if etag or modified}

    def process_request(self, request: Request) -> None:
        if request.method != "GET" or request.meta.get("conditional") is False:
            return None
        etag, modified = self.validators.get(canonical_url(request.url), (None, None))
        if etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = etag.encode("latin-1")
        if modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = modified.encode("latin-1")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304:
            self.crawler.stats.inc_value("councilwatch/not_modified")
            raise NotModified(f"not modified since the last fetch: {request.url}")
        if request.meta.get(REMEMBER_VALIDATORS) and 200 <= response.status < 300:
            self._remember(request.url, response)
        return response

    def _remember(self, url: str, response: Response) -> None:
        """Store a feed's ETag / Last-Modified for the next run (only when they changed)."""
        etag, modified = (_header(response, name) for name in (b"ETag", b"Last-Modified"))
        key = canonical_url(url)
        if not (etag or modified) or self.validators.get(key) == (etag, modified):
            return
        self.validators[key] = (etag, modified)
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        spider = self.crawler.spider.name
        with database_for(self.crawler).writer() as session:
            page = session.scalar(select(CrawlPage).where(CrawlPage.spider == spider, CrawlPage.url_sha256 == digest))
            if page is None:
                page = CrawlPage(spider=spider, url_sha256=digest, url=key)
                session.add(page)
            page.etag, page.last_modified = etag, modified


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
