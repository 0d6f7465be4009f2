"""What every councilwatch spider shares: routes from URL patterns to callbacks (so a
replay can feed each archived page to the callback that parses it), an errback that
counts failed fetches, and start URLs that tests can point at a loopback server."""
from __future__ import annotations

import logging
import re
from typing import Any, AsyncIterator, Callable, Iterable

import scrapy
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ..blocking import BlockedBySite
from ..conditional import NotModified
from ..items import FOUND_ON
from ..integrity import CaptureRefused
from ..replay import NotArchived, archived_urls

logger = logging.getLogger(__name__)


class ParseError(ValueError):
    """A page that does not have the structure its spider knows: counts as a failure."""


class CouncilSpider(scrapy.Spider):
    #: (compiled URL pattern, callback name): which callback reads which page.
    routes: tuple[tuple[str, str], ...] = ()
    #: Where crawling starts when no `start_urls` argument is given.
    default_start_urls: tuple[str, ...] = ()
    source_title: str | None = None
    source_url: str | None = None
    #: Order in which `crawl bundle` replays spiders over one archive (low first).
    replay_order: int = 50

    def __init__(self, *args: Any, start_urls: str | Iterable[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(start_urls, str):
            start_urls = [u for u in re.split(r"[\s,]+", start_urls) if u]
        self.start_urls = list(start_urls or self.default_start_urls)
        self._routes = [(re.compile(pattern), name) for pattern, name in self.routes]

    @classmethod
    def update_settings(cls, settings) -> None:
        super().update_settings(settings)
        if settings.get("REPLAY_FILE"):
            # Offline over a recorded archive: no server to be polite to.
            for name, value in (("AUTOTHROTTLE_ENABLED", False), ("DOWNLOAD_DELAY", 0),
                                ("CONCURRENT_REQUESTS", 32), ("CONCURRENT_REQUESTS_PER_DOMAIN", 32),
                                ("ROBOTSTXT_OBEY", False)):
                settings.set(name, value, priority="spider")

    @property
    def replaying(self) -> bool:
        settings = getattr(self, "settings", None)
        return bool(settings and settings.get("REPLAY_FILE"))

    def count(self, key: str, by: int = 1) -> None:
        """Add to a crawl statistic (a spider used outside a crawl, as in tests, counts nothing)."""
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.stats.inc_value(key, by)

    def route(self, url: str) -> Callable[[Response], Any] | None:
        """The callback that reads `url`, or None when this spider does not read it."""
        for pattern, name in self._routes:
            if pattern.search(url):
                return getattr(self, name)
        return None

    async def start(self) -> AsyncIterator[Request]:
        replay = self.settings.get("REPLAY_FILE")
        if self.replaying:
            for url, offset in archived_urls(replay):
                callback = self.route(url)
                if callback is not None:
                    yield self.page(url, callback, meta={"replay_offset": offset}, dont_filter=True)
            return
        for url in self.start_urls:
            callback = self.route(url) or self.parse
            yield self.page(url, callback)

    def page(self, url: str, callback: Callable[[Response], Any], **kwargs: Any) -> Request:
        """A request for a page with this spider's failure accounting."""
        return Request(url, callback=callback, errback=self.fetch_failed, **kwargs)

    def follow_page(self, response: Response, url: str, callback: Callable[[Response], Any] | None = None,
                    **kwargs: Any) -> Request | None:
        """Follow a link found on a page; on replay the archive already holds every page."""
        if self.replaying:
            return None
        absolute = response.urljoin(url)
        callback = callback or self.route(absolute)
        if callback is None:
            return None
        meta = {FOUND_ON: response.url, **kwargs.pop("meta", {})}
        return self.page(absolute, callback, meta=meta, **kwargs)

    def fetch_failed(self, failure: Failure) -> None:
        if failure.check(NotModified, NotArchived, BlockedBySite):
            return
        if failure.check(CaptureRefused):
            self.crawler.stats.inc_value("councilwatch/fetch_failed")
            logger.error("fetch failed: %s", failure.getErrorMessage())
            return
        if failure.check(scrapy.exceptions.IgnoreRequest) and not failure.check(HttpError):
            logger.warning("not fetched: %s", failure.getErrorMessage())
            self.crawler.stats.inc_value("councilwatch/not_fetched")
            return
        self.crawler.stats.inc_value("councilwatch/fetch_failed")
        request = getattr(failure, "request", None)
        logger.error("fetch failed: %s: %s", request.url if request else "?", failure.getErrorMessage())

    def parse(self, response: Response, **kwargs: Any):
        raise ParseError(f"{self.name} has no parser for {response.url}")


def has_meta(response: Response) -> bool:
    """Whether `response.meta` can be read: a response built by hand (a saved page in a
    test) has no request behind it, and reading its meta raises AttributeError."""
    try:
        response.meta  # noqa: B018
    except AttributeError:
        return False
    return True
