"""`councilwatch schedule`: APScheduler 3 in its own process. Each crawl is a fresh
`python -m scrapy crawl NAME` subprocess on its own interval (a Twisted reactor cannot
restart), or, with COUNCILWATCH_SCRAPYD_URL set, a job handed to Scrapyd nodes through
their schedule.json API. Alert delivery is a job too. Each job has an explicit id,
`coalesce=True` and `max_instances=1`: runs of one job never overlap, missed runs
collapse into one, and a failing job is logged while the scheduler keeps going.

The scheduler cannot starve itself: crawls run in their own bounded pool (`CRAWL_WORKERS`
threads, executor "crawls"), their first runs are staggered (`CRAWL_STAGGER_SECONDS`
apart), and alert delivery has an executor of its own ("alerts"), so however many crawls
are running or queued, alerts go out on time. Without network a crawl is not started:
its source is recorded as "offline" (not unhealthy), once per offline spell in the log.

The web app starts crawls by name, never by import: nothing here imports `crawler`.
"""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from typing import Callable, Mapping

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

logger = logging.getLogger("councilwatch.scheduler")

#: Seconds between crawls of each source (override: COUNCILWATCH_CRAWL_INTERVALS="un_press=900,ods=3600").
DEFAULT_INTERVALS: dict[str, int] = {
    "un_press": 30 * 60,
    "whats_in_blue": 60 * 60,
    "ods": 60 * 60,
    "usun": 2 * 3600,
    "gov_uk": 2 * 3600,
    "delegfrance": 2 * 3600,
    "russiaun": 2 * 3600,
    "news": 6 * 3600,
    "undl": 12 * 3600,
    "dhl_meetings": 24 * 3600,
    "un_statements": 30 * 60,
    "un_journal": 3 * 3600,
    "programme_of_work": 6 * 3600,
    "wib_forecast": 6 * 3600,
    "china_un": 2 * 3600,
    "denmark_un": 2 * 3600,
    "greece_un": 2 * 3600,
    "pakun": 2 * 3600,
}
ALERT_INTERVAL = 60
#: A crawl running longer than this is killed (its next run starts afresh).
CRAWL_TIMEOUT = 3 * 3600


class CrawlFailed(RuntimeError):
    """A crawl subprocess or Scrapyd request that did not succeed."""


def intervals_from(value: str | None) -> dict[str, int]:
    """"un_press=900, ods=3600" → {"un_press": 900, "ods": 3600}; "name=0" turns a crawl off."""
    result = dict(DEFAULT_INTERVALS)
    for part in (value or "").split(","):
        if not part.strip():
            continue
        name, _, seconds = part.partition("=")
        if not seconds.strip().isdigit():
            raise ValueError(f"COUNCILWATCH_CRAWL_INTERVALS: {part.strip()!r} is not NAME=SECONDS")
        result[name.strip()] = int(seconds)
    return {name: seconds for name, seconds in result.items() if seconds > 0}


def run_crawl(spider: str, env: Mapping[str, str] | str, *, timeout: int = CRAWL_TIMEOUT,
              extra_args: tuple[str, ...] = ()) -> int:
    """One crawl as a fresh `python -m scrapy crawl SPIDER` subprocess (stopped with the
    scheduler); raises CrawlFailed. `env` is the subprocess environment (or a database URL)."""
    from .processes import CHILDREN

    if isinstance(env, str):
        from models.settings import load

        env = {**load({"DATABASE_URL": env}).environment(), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *extra_args]
    logger.info("crawl %s: starting", spider)
    try:
        status = CHILDREN.run(command, env=dict(env), timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CrawlFailed(f"crawl {spider} ran over {timeout}s and was stopped") from None
    if status != 0:
        raise CrawlFailed(f"crawl {spider} exited with status {status}")
    logger.info("crawl %s: finished", spider)
    return status


class Scrapyd:
    """The Scrapyd JSON API (schedule.json, listjobs.json) of one node or load balancer."""

    def __init__(self, url: str, project: str = "councilwatch", timeout: float = 30.0) -> None:
        self.url, self.project, self.timeout = url.rstrip("/"), project, timeout

    def _call(self, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
        target = f"{self.url}/{endpoint}"
        body = None
        if data is None:
            target += "?" + urllib.parse.urlencode({"project": self.project})
        else:
            body = urllib.parse.urlencode([("project", self.project), *data]).encode()
        request = urllib.request.Request(target, data=body, headers={"User-Agent": "councilwatch-scheduler"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            raise CrawlFailed(f"scrapyd {endpoint} at {self.url}: {error}") from None
        if payload.get("status") != "ok":
            raise CrawlFailed(f"scrapyd {endpoint} at {self.url}: {payload.get('message', payload)}")
        return payload

    def active(self, spider: str) -> bool:
        """Whether a job of this spider is pending or running on the node."""
        jobs = self._call("listjobs.json")
        return any(job.get("spider") == spider for state in ("pending", "running") for job in jobs.get(state, []))

    def schedule(self, spider: str, arguments: Mapping[str, str] | None = None,
                 settings: Mapping[str, str] | None = None) -> str | None:
        """Queue one crawl unless one is already pending or running; returns the job id.
        `arguments` are spider arguments, `settings` Scrapy settings for this job."""
        if self.active(spider):
            logger.info("crawl %s: still pending or running on scrapyd, not queued again", spider)
            return None
        data = [("spider", spider), *(arguments or {}).items(),
                *(("setting", f"{name}={value}") for name, value in (settings or {}).items())]
        job = self._call("schedule.json", data)["jobid"]
        logger.info("crawl %s: queued on scrapyd as job %s", spider, job)
        return job


def deliver_alerts(app: Flask) -> None:
    """The alert relay job (imported lazily: it lives in the alerts package)."""
    from webapp.alerts.relay import deliver_due

    with app.app_context():
        deliver_due(app)


class OfflineGate:
    """Checks the network before each live crawl. Offline: no subprocess, a `crawl_run`
    row with status "offline" (healthy unknown), and one log line per offline spell."""

    def __init__(self, app: Flask, probe: Callable[[], bool] | None = None) -> None:
        from .network import sources_reachable

        self.app, self.probe = app, probe or sources_reachable
        self._offline = False
        self._lock = threading.Lock()

    def allows(self, spider: str) -> bool:
        if self.probe():
            with self._lock:
                if self._offline:
                    logger.warning("network is back: crawls resume")
                self._offline = False
            return True
        from .network import OFFLINE_MESSAGE

        with self._lock:
            if not self._offline:
                logger.warning(OFFLINE_MESSAGE)
            self._offline = True
        record_offline(self.app, spider)
        return False


def record_offline(app: Flask, spider: str) -> None:
    """The source's state is "offline": this machine could not reach the network."""
    from models.base import utcnow
    from models.crawls import CrawlRun

    now = utcnow()
    with app.extensions["councilwatch.db"].writer() as session:
        session.add(CrawlRun(spider=spider, mode="live", started_at=now, finished_at=now, status="offline",
                             healthy=None, pages_seen=0, pages_new=0, pages_unchanged=0, pages_failed=0, items=0,
                             message="not crawled: this machine could not reach the network"))


def crawl_job(app: Flask, spider: str, gate: OfflineGate | None = None) -> Callable[[], object]:
    """The callable a crawl job runs: a local subprocess, or a Scrapyd job."""
    scrapyd_url = app.config.get("SCRAPYD_URL")
    if scrapyd_url:
        node = Scrapyd(scrapyd_url, app.config.get("SCRAPYD_PROJECT") or "councilwatch")
        return lambda: node.schedule(spider)
    from . import subprocess_environment

    env = subprocess_environment(app)

    def job():
        if gate is not None and not gate.allows(spider):
            return None
        return run_crawl(spider, env)

    return job


def build_scheduler(app: Flask, scheduler: BaseScheduler | None = None, *,
                    intervals: Mapping[str, int] | None = None, alert_interval: int | None = None,
                    start_now: bool = True, crawl_workers: int | None = None, stagger: float | None = None,
                    job_factory: Callable[[Flask, str], Callable[[], object]] | None = None,
                    offline_probe: Callable[[], bool] | None = None) -> BaseScheduler:
    """A scheduler with one job per crawl (executor "crawls", bounded) and one for alert
    delivery (executor "alerts", its own thread)."""
    scheduler = scheduler or BlockingScheduler(timezone=timezone.utc)
    workers = crawl_workers or int(app.config.get("CRAWL_WORKERS") or 3)
    scheduler.add_executor(ThreadPoolExecutor(max_workers=workers), alias="crawls")
    scheduler.add_executor(ThreadPoolExecutor(max_workers=1), alias="alerts")
    if intervals is None:
        intervals = intervals_from(app.config.get("CRAWL_INTERVALS"))
    gap = float(app.config.get("CRAWL_STAGGER_SECONDS") or 0) if stagger is None else stagger
    now = datetime.now(timezone.utc)
    gate = OfflineGate(app, offline_probe) if job_factory is None else None
    for index, (spider, seconds) in enumerate(sorted(intervals.items(), key=lambda item: (item[1], item[0]))):
        first = now + timedelta(seconds=gap * index) if start_now else None
        job = job_factory(app, spider) if job_factory else crawl_job(app, spider, gate)
        scheduler.add_job(job, "interval", seconds=seconds, id=f"crawl:{spider}", executor="crawls",
                          name=f"crawl {spider}", replace_existing=True, coalesce=True, max_instances=1,
                          next_run_time=first, misfire_grace_time=seconds)
    every = alert_interval or int(app.config.get("ALERT_INTERVAL") or ALERT_INTERVAL)
    scheduler.add_job(deliver_alerts, "interval", seconds=every, args=[app], id="alerts:deliver",
                      executor="alerts", name="deliver alerts", replace_existing=True, coalesce=True,
                      max_instances=1, next_run_time=now if start_now else None, misfire_grace_time=every)
    scheduler.add_listener(_log_event, EVENT_JOB_ERROR | EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
    return scheduler


def _log_event(event: JobExecutionEvent) -> None:
    if event.code == EVENT_JOB_ERROR:
        logger.error("job %s failed: %s (the scheduler keeps going)", event.job_id, event.exception)
    elif event.code == EVENT_JOB_MISSED:
        logger.warning("job %s missed its run time %s", event.job_id, event.scheduled_run_time)
    else:
        logger.info("job %s done", event.job_id)
