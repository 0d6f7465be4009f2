"""Source health: each crawl records pages seen, new, unchanged and failed in a
`crawl_run` row. A crawl that suddenly yields nothing, or fails on many pages, marks
the source unhealthy: an ERROR in the log and the status page tell the operator;
subscribers hear nothing, and stored data is left as it was."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from sqlalchemy import select

from models.base import utcnow
from models.crawls import CrawlRun

from .database import database_for, dispose

logger = logging.getLogger(__name__)

_RUN_ID = "_councilwatch_run_id"
#: Share of pages that may fail before the source is called unhealthy.
MAX_FAILED_SHARE = 0.3
#: Fewer failures than this never make a source unhealthy on their own.
MIN_FAILURES = 2


#: Share of a run's articles that may be off-topic (not about the Security Council)
#: before the source is called unhealthy (its listing or feed lost its filter); a
#: spider may set its own `off_topic_tolerance`.
MAX_OFF_TOPIC_SHARE = 0.5
MIN_OFF_TOPIC = 3


#: Spiders whose crawl in this process failed (unhealthy, or a capture refused).
_FAILED: list[str] = []


def failed_crawls() -> list[str]:
    """Names of this process's crawls that must make it exit non-zero."""
    return list(_FAILED)


@dataclass(frozen=True)
class Verdict:
    healthy: bool
    message: str
    #: crawl_run.status: "ok", "unhealthy", or "blocked" (the site challenged the crawler).
    state: str = ""

    @property
    def status(self) -> str:
        return self.state or ("ok" if self.healthy else "unhealthy")


def run_id(crawler: Crawler) -> int:
    """The id of this crawl's `crawl_run` row (created on first use)."""
    existing = getattr(crawler, _RUN_ID, None)
    if existing is not None:
        return existing
    mode = "replay" if crawler.settings.get("REPLAY_FILE") else "live"
    with database_for(crawler).writer() as session:
        run = CrawlRun(spider=crawler.spidercls.name, mode=mode, started_at=utcnow(), status="running",
                       pages_seen=0, pages_new=0, pages_unchanged=0, pages_failed=0, items=0)
        session.add(run)
        session.flush()
        setattr(crawler, _RUN_ID, run.id)
    return run.id


def judge(*, seen: int, new: int, unchanged: int, failed: int, items: int, robots_blocked: bool,
          previous_items: int | None, blocked: int = 0, held_back: int = 0, blocked_until: str | None = None,
          off_topic: int = 0, off_topic_tolerance: float = MAX_OFF_TOPIC_SHARE) -> Verdict:
    """Healthy, or why not. `previous_items` is what the last healthy run yielded;
    `blocked` counts answers that were a challenge, `held_back` requests not sent while
    backing off after one; `off_topic` articles dropped as not about the Council."""
    if blocked:
        return Verdict(False, f"blocked by the site: {blocked} requests answered with a challenge "
                              f"(AWS WAF); backing off before the next attempt", "blocked")
    if held_back and seen == 0:
        return Verdict(False, f"blocked by the site at the last attempt: backing off until {blocked_until or '?'}",
                       "blocked")
    if off_topic >= MIN_OFF_TOPIC and off_topic / (off_topic + items) > off_topic_tolerance:
        return Verdict(False, f"{off_topic} of {off_topic + items} articles were not about the Security Council "
                              "(the listing or feed may have lost its filter)")
    if robots_blocked and seen == 0:
        return Verdict(False, "robots.txt could not be fetched (RFC 9309: treated as disallow all); nothing crawled")
    if seen == 0:
        return Verdict(False, "no page could be fetched")
    if failed >= MIN_FAILURES and failed / seen > MAX_FAILED_SHARE:
        return Verdict(False, f"{failed} of {seen} pages failed to fetch or parse")
    if items == 0 and unchanged == 0 and (previous_items or 0) > 0:
        return Verdict(False, f"no items this time (the last healthy crawl yielded {previous_items})")
    if items == 0 and unchanged == 0 and new == 0 and failed > 0:
        return Verdict(False, f"no items; {failed} pages failed")
    return Verdict(True, f"{seen} pages: {new} new, {unchanged} unchanged, {failed} failed")


class CrawlHealth:
    """Extension counting pages and writing the crawl's verdict when it closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.ok_pages = 0
        self.parse_failures = 0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CrawlHealth":
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        run_id(self.crawler)

    def response_received(self, response: Response, request: Request, spider=None) -> None:
        if request.url.endswith("/robots.txt") or not 200 <= response.status < 300:
            return
        self.ok_pages += 1

    def spider_error(self, failure, response, spider=None) -> None:
        self.parse_failures += 1
        logger.error("could not parse %s: %s", response.url, failure.getErrorMessage())

    def counts(self) -> dict[str, int]:
        stats = self.crawler.stats
        fetch_failed = stats.get_value("councilwatch/fetch_failed", 0)
        not_modified = stats.get_value("councilwatch/not_modified", 0)
        failed = fetch_failed + self.parse_failures + stats.get_value("councilwatch/store_failed", 0)
        return {
            "seen": self.ok_pages + not_modified + fetch_failed,
            "new": stats.get_value("councilwatch/pages_new", 0),
            # nothing new to store: a 304, an unchanged text, a document not yet published
            "unchanged": not_modified + stats.get_value("councilwatch/pages_unchanged", 0)
            + stats.get_value("councilwatch/not_yet_published", 0),
            "failed": failed,
            "items": stats.get_value("item_scraped_count", 0),
            "blocked": stats.get_value("councilwatch/blocked", 0),
            "held_back": stats.get_value("councilwatch/blocked_backoff", 0),
            "off_topic": stats.get_value("councilwatch/off_topic", 0),
        }

    def spider_closed(self, spider, reason: str) -> None:
        counts = self.counts()
        this_run = run_id(self.crawler)
        database = database_for(self.crawler)
        with database.writer() as session:
            previous = session.scalar(
                select(CrawlRun.items).where(CrawlRun.spider == spider.name, CrawlRun.healthy.is_(True),
                                             CrawlRun.id != this_run).order_by(CrawlRun.id.desc()).limit(1)
            )
            verdict = judge(**counts, robots_blocked=bool(self.crawler.stats.get_value("councilwatch/robots_unreachable")),
                            previous_items=previous, blocked_until=self.crawler.stats.get_value("councilwatch/blocked_until"),
                            off_topic_tolerance=getattr(spider, "off_topic_tolerance", MAX_OFF_TOPIC_SHARE))
            if reason not in ("finished",) and verdict.healthy:
                verdict = Verdict(False, f"crawl ended early ({reason}); {verdict.message}")
            run = session.get(CrawlRun, this_run)
            run.finished_at = utcnow()
            run.pages_seen, run.pages_new = counts["seen"] + counts["blocked"], counts["new"]
            run.pages_unchanged, run.pages_failed, run.items = counts["unchanged"], counts["failed"], counts["items"]
            run.healthy, run.status, run.message = verdict.healthy, verdict.status, verdict.message
            run.warc_file = self.crawler.stats.get_value("councilwatch/warc_file") or run.warc_file
        refused = self.crawler.stats.get_value("councilwatch/capture_refused", 0) + \
            self.crawler.stats.get_value("councilwatch/store_refused", 0)
        # A site that challenges the crawler is "blocked" (its own state, with backoff), not
        # a failed crawl; an unhealthy source or a refused capture is.
        if (not verdict.healthy and verdict.status != "blocked") or refused:
            _FAILED.append(spider.name)
        if refused:
            logger.error("%s: %d captures refused as incomplete or too large (nothing stored from them)",
                         spider.name, refused)
        if verdict.healthy:
            logger.info("source %s healthy: %s", spider.name, verdict.message)
        else:
            logger.error("source %s UNHEALTHY: %s (stored data left untouched; see the crawl status page)",
                         spider.name, verdict.message)
        dispose(self.crawler)
