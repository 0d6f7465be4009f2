"""`councilwatch schedule`: APScheduler jobs, failures logged while the scheduler goes on,
alert delivery as a job, and crawls handed to a real Scrapyd on loopback."""
import logging
import os
import socket
import subprocess
import sys
import time
import types

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from models.documents import Version
from webapp.scheduler import DEFAULT_INTERVALS, CrawlFailed, Scrapyd, build_scheduler, deliver_alerts, intervals_from, run_crawl

from crawler_testkit import FAST, Answer


def test_every_source_and_the_alerts_get_a_job(app):
    scheduler = build_scheduler(app, BackgroundScheduler(), start_now=False)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {f"crawl:{name}" for name in DEFAULT_INTERVALS} | {"alerts:deliver"}
    assert all(job.coalesce and job.max_instances == 1 for job in jobs.values())
    assert jobs["crawl:un_press"].trigger.interval.total_seconds() == 1800


def test_intervals_are_configurable():
    intervals = intervals_from("un_press=900, ods=0")
    assert intervals["un_press"] == 900 and "ods" not in intervals
    with pytest.raises(ValueError):
        intervals_from("un_press=soon")


def test_a_failing_job_is_logged_and_the_scheduler_keeps_going(app, caplog):
    scheduler = BackgroundScheduler()
    build_scheduler(app, scheduler, intervals={"no_such_spider": 1}, alert_interval=3600, start_now=True,
                    offline_probe=lambda: True)
    ticks = []
    scheduler.add_job(lambda: ticks.append(time.monotonic()), "interval", seconds=1, id="tick", next_run_time=None)
    scheduler.get_job("alerts:deliver").pause()
    def failures():
        return [r for r in caplog.records if "job crawl:no_such_spider failed" in r.getMessage()]

    with caplog.at_level(logging.ERROR, logger="councilwatch.scheduler"):
        scheduler.start()
        scheduler.get_job("tick").resume()
        deadline = time.monotonic() + 180  # a busy machine: wait for the events, not a fixed time
        while (len(failures()) < 2 or len(ticks) < 3) and time.monotonic() < deadline:
            time.sleep(0.5)
        scheduler.shutdown(wait=True)
    failures = failures()
    assert len(failures) >= 2 and len(ticks) >= 3


def test_run_crawl_raises_on_a_failed_subprocess(db_url):
    with pytest.raises(CrawlFailed):
        run_crawl("no_such_spider", db_url, timeout=60)


def test_alert_delivery_job_calls_the_relay(app, monkeypatch):
    calls = []
    relay = types.ModuleType("webapp.alerts.relay")
    relay.deliver_due = lambda given: calls.append(given)
    monkeypatch.setitem(sys.modules, "webapp.alerts.relay", relay)
    deliver_alerts(app)
    assert calls == [app]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def scrapyd(tmp_path, db_url):
    port = _free_port()
    (tmp_path / "scrapy.cfg").write_text(
        "[settings]\ncouncilwatch = crawler.settings\n\n[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\npoll_interval = 0.5\nlogs_dir = {tmp_path / 'logs'}\neggs_dir = {tmp_path / 'eggs'}\n"
        f"dbs_dir = {tmp_path / 'dbs'}\nitems_dir =\n")
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": db_url, "COUNCILWATCH_WARC_DIR": str(tmp_path / "warc")}
    process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    node = Scrapyd(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while True:
        try:
            node._call("daemonstatus.json")
            break
        except CrawlFailed:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("scrapyd did not start")
            time.sleep(0.3)
    yield node
    process.terminate()
    process.wait(20)


def test_crawls_are_handed_to_scrapyd_and_never_overlap(scrapyd, server, db):
    server.script.set("/a", Answer(200, b"<html><body><article><p>Queued on Scrapyd.</p></article></body></html>",
                                   delay=1.5))
    job = scrapyd.schedule("news", {"start_urls": server.url("/a")}, FAST)
    assert job
    assert scrapyd.schedule("news", {"start_urls": server.url("/a")}, FAST) is None  # still pending or running
    deadline = time.monotonic() + 90
    while scrapyd.active("news") and time.monotonic() < deadline:
        time.sleep(0.5)
    with db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Version)) == 1


def test_the_scheduler_uses_scrapyd_when_configured(app, scrapyd, monkeypatch):
    monkeypatch.setitem(app.config, "SCRAPYD_URL", scrapyd.url)
    scheduler = build_scheduler(app, BackgroundScheduler(), intervals={"news": 3600}, start_now=False)
    scheduler.get_job("crawl:news").func()
    jobs = scrapyd._call("listjobs.json")
    assert any(j["spider"] == "news" for state in ("pending", "running", "finished") for j in jobs[state])
