"""The scheduler cannot starve itself: ten crawls that never finish still leave alert
delivery running on its own executor; first runs are staggered; offline is a state of
its own, never "unhealthy"."""
from __future__ import annotations

import threading
from datetime import timedelta

from apscheduler.events import EVENT_JOB_MISSED
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from models.crawls import CrawlRun, source_health
from webapp.scheduler import DEFAULT_INTERVALS, build_scheduler, crawl_job, OfflineGate
import webapp.scheduler as scheduler_module


def test_ten_slow_crawls_do_not_delay_alert_delivery(app, monkeypatch):
    release = threading.Event()
    crawls_started = []
    alerts_done = threading.Event()
    deliveries = []

    def slow_crawl(_app, spider):
        def job():
            crawls_started.append(spider)
            release.wait(120)  # a crawl that outlasts the test
        return job

    def deliver(_app):
        deliveries.append(len(crawls_started))
        if len(deliveries) >= 3:
            alerts_done.set()

    monkeypatch.setattr(scheduler_module, "deliver_alerts", deliver)
    scheduler = BackgroundScheduler()
    build_scheduler(app, scheduler, intervals={name: 1 for name in DEFAULT_INTERVALS}, alert_interval=1,
                    start_now=True, crawl_workers=3, stagger=0, job_factory=slow_crawl)
    missed = []
    scheduler.add_listener(lambda event: missed.append(event.job_id), EVENT_JOB_MISSED)
    scheduler.start()
    try:
        assert alerts_done.wait(60), "alert delivery starved by the crawls"
        running = set(crawls_started)  # before release: the queued crawls then run too
    finally:
        release.set()
        scheduler.shutdown(wait=True)
    assert len(running) == 3  # the bounded crawl pool: three at a time, the rest wait
    assert "alerts:deliver" not in missed
    assert deliveries[-1] == 3  # delivered while all three crawl threads were busy


def test_first_runs_are_staggered_and_jobs_use_their_own_executors(app):
    scheduler = build_scheduler(app, BackgroundScheduler(), stagger=30)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    crawls = sorted((job for job in jobs.values() if job.id.startswith("crawl:")), key=lambda job: job.next_run_time)
    gaps = {later.next_run_time - earlier.next_run_time for earlier, later in zip(crawls, crawls[1:])}
    assert gaps == {timedelta(seconds=30)}
    assert {job.executor for job in crawls} == {"crawls"}
    assert jobs["alerts:deliver"].executor == "alerts"
    assert jobs["alerts:deliver"].next_run_time <= crawls[0].next_run_time


def test_offline_crawls_are_recorded_offline_not_unhealthy(app, caplog):
    gate = OfflineGate(app, probe=lambda: False)
    with caplog.at_level("WARNING", logger="councilwatch.scheduler"):
        for _ in range(3):
            crawl_job(app, "un_press", gate)()
            crawl_job(app, "ods", gate)()
    with app.extensions["councilwatch.db"].reader() as session:
        runs = source_health(session)
        assert {(run.spider, run.status, run.healthy) for run in runs} == {("ods", "offline", None),
                                                                            ("un_press", "offline", None)}
        assert session.scalars(select(CrawlRun).where(CrawlRun.healthy.is_(False))).all() == []
    said = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(said) == 1  # said once, not once per crawl
