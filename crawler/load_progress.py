"""Progress of a bundle load (`COUNCILWATCH_LOAD_ID` set by crawler.bundle_load): every
page the crawl finishes with — stored, unchanged, dropped or failed — counts one record
done; the count is added to the `bundle_load` row about once a second, so the site's
pages can say how far the load is."""
from __future__ import annotations

import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from models.loading import advance

from .database import database_for, dispose

#: Seconds between two progress writes.
INTERVAL = 1.0


class LoadProgress:
    def __init__(self, crawler: Crawler, load_id: int) -> None:
        self.crawler, self.load_id = crawler, load_id
        self.pending, self.last = 0, time.monotonic()
        for handler, signal in ((self.one, signals.item_scraped), (self.one, signals.item_dropped),
                                (self.one, signals.item_error), (self.one, signals.spider_error),
                                (self.closed, signals.spider_closed)):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "LoadProgress":
        load_id = crawler.settings.getint("COUNCILWATCH_LOAD_ID", 0)
        if not load_id:
            raise NotConfigured
        return cls(crawler, load_id)

    def one(self, *args, **kwargs) -> None:
        self.pending += 1
        if time.monotonic() - self.last >= INTERVAL:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            with database_for(self.crawler).writer() as session:
                advance(session, self.load_id, add=self.pending)
            self.pending = 0
        self.last = time.monotonic()

    def closed(self, spider, reason: str) -> None:
        self.flush()
        dispose(self.crawler)
