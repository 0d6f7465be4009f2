"""A site that answers crawlers with a challenge instead of the page: "blocked by the
site", a health state of its own, never a parse error.

Recognised: the AWS WAF JavaScript challenge (`202 Accepted` with
`x-amzn-waf-action: challenge`, usually an empty body) and its CAPTCHA variant (`405`
with `x-amzn-waf-action: captcha`), the pairs public crawler projects document for
AWS WAF (germondai/trawl pull request 82, sherlock-project/sherlock pull request 2953);
the UN Digital Library answers this way. Once a host has challenged us, no further
request goes to it in this run; after a run that was challenged, the next runs of the
spider hold back for BLOCKED_BACKOFF seconds, doubled for each challenged run in a row
(at most BLOCKED_BACKOFF_MAX), then try again.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached
from sqlalchemy import select

from models.crawls import CrawlRun

from .database import database_for

logger = logging.getLogger(__name__)

#: CrawlRun.status of a source the site blocked.
BLOCKED = "blocked"


class BlockedBySite(IgnoreRequest):
    """The site answered with a challenge, or this source is backing off after one."""


def challenge_of(status: int, headers) -> str | None:
    """What kind of challenge a response is ("aws-waf challenge"), or None for a page."""
    raw = headers.get(b"x-amzn-waf-action") or headers.get("x-amzn-waf-action") if headers else None
    action = (raw.decode("latin-1") if isinstance(raw, bytes) else raw or "").strip().lower()
    if status == 202 and action == "challenge":
        return "aws-waf challenge"
    if status == 405 and action == "captcha":
        return "aws-waf captcha"
    return None


def backoff_until(runs: list[CrawlRun], base: float, ceiling: float) -> datetime | None:
    """When the next attempt may fetch, given the spider's runs newest first: `base`
    seconds after the last challenged run, doubled for each challenged run in a row
    (runs that only held back do not count), at most `ceiling`."""
    challenged = []
    for run in runs:
        if run.status != BLOCKED:
            break
        if run.pages_seen:
            challenged.append(run)
    if not challenged:
        return None
    wait = min(base * 2 ** (len(challenged) - 1), ceiling)
    started = challenged[0].started_at
    if started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    return started + timedelta(seconds=wait)


class SiteBlockMiddleware:
    """Turns challenges into BlockedBySite (counted as `councilwatch/blocked`) and holds
    requests back while the source is backing off (`councilwatch/blocked_backoff`)."""

    def __init__(self, crawler: Crawler) -> None:
        if crawler.settings.get("REPLAY_FILE"):
            raise NotConfigured
        self.crawler = crawler
        self.base = crawler.settings.getfloat("BLOCKED_BACKOFF", 3600.0)
        self.ceiling = crawler.settings.getfloat("BLOCKED_BACKOFF_MAX", 86400.0)
        self.hosts: set[str] = set()
        self.until: datetime | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SiteBlockMiddleware":
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        with database_for(self.crawler).reader() as session:
            runs = list(session.scalars(
                select(CrawlRun).where(CrawlRun.spider == spider.name, CrawlRun.finished_at.is_not(None))
                .order_by(CrawlRun.id.desc()).limit(12)))
            until = backoff_until(runs, self.base, self.ceiling)
        if until and until > datetime.now(timezone.utc):
            self.until = until
            logger.warning("%s was blocked by the site: backing off until %s", spider.name, until.isoformat())

    def process_request(self, request: Request) -> None:
        if request.url.endswith("/robots.txt"):
            return None
        if self.until is not None:
            self.crawler.stats.inc_value("councilwatch/blocked_backoff")
            self.crawler.stats.set_value("councilwatch/blocked_until", self.until.isoformat())
            raise BlockedBySite(f"backing off until {self.until.isoformat()}: {request.url}")
        if urlparse_cached(request).netloc in self.hosts:
            self.crawler.stats.inc_value("councilwatch/blocked")
            raise BlockedBySite(f"{urlparse_cached(request).netloc} is challenging this crawler: {request.url}")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        challenge = challenge_of(response.status, response.headers)
        if challenge is None:
            return response
        self.hosts.add(urlparse_cached(request).netloc)
        self.crawler.stats.inc_value("councilwatch/blocked")
        self.crawler.stats.set_value("councilwatch/blocked_by", challenge)
        logger.error("blocked by the site (%s, HTTP %s): %s", challenge, response.status, request.url)
        raise BlockedBySite(f"{challenge}: {request.url}")
