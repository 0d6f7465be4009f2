"""Real crawls (`python -m scrapy crawl`) against a loopback server serving changing pages."""
import os
import signal
import subprocess
import time

from sqlalchemy import select

from models.crawls import CrawlRun
from models.db import Database
from models.documents import Document, Version
from models.migrate import upgrade

from crawler_testkit import ROOT, Answer, crawl_command, crawl_env


def article(words: str) -> bytes:
    return (f"<html><body><nav>Menu</nav><article><h1>Statement</h1><p>{words}</p></article>"
            f"<footer>generated {time.time()}</footer></body></html>").encode()


def versions(db) -> list[tuple[str, int, str]]:
    with db.reader() as session:
        rows = session.execute(select(Document.key, Version.number, Version.text_sha256).join(Version.document))
        return sorted(tuple(r) for r in rows)


def last_run(db) -> CrawlRun:
    with db.reader() as session:
        return session.scalar(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(1))


def test_503_503_200_gives_one_version(server, crawl, db):
    server.script.set("/a", Answer(503, b"busy"), Answer(503, b"busy"), Answer(200, article("Third time lucky.")))
    done = crawl("news", start_urls=server.url("/a"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(server.script.requests_for("/a")) == 3
    assert len(versions(db)) == 1
    run = last_run(db)
    assert (run.pages_seen, run.pages_new, run.pages_failed, run.healthy) == (1, 1, 0, True)


def test_retry_after_is_respected(server, crawl, db):
    server.script.set("/a", Answer(429, b"slow down", {"Retry-After": "2", "Content-Type": "text/plain"}),
                      Answer(200, article("After the wait.")))
    done = crawl("news", start_urls=server.url("/a"))
    assert done.returncode == 0, done.stderr[-2000:]
    (first, _), (second, _) = server.script.requests_for("/a")
    assert second - first >= 1.95
    assert len(versions(db)) == 1


def test_truncated_body_stores_nothing(server, crawl, db):
    server.script.set("/a", Answer(200, article("Cut short. " * 200), truncate=True))
    crawl("news", start_urls=server.url("/a"), settings={"RETRY_TIMES": "1"})
    assert versions(db) == []
    run = last_run(db)
    assert run.pages_failed == 1 and run.healthy is False


def test_a_change_between_crawls_is_exactly_one_new_version(server, crawl, db):
    headers = {"Content-Type": "text/html", "ETag": '"one"'}
    server.script.set("/a", Answer(200, article("The draft was circulated."), headers))
    crawl("news", start_urls=server.url("/a"))
    crawl("news", start_urls=server.url("/a"))  # unchanged: If-None-Match → 304
    assert server.script.requests_for("/a")[1][1].get("If-None-Match") == '"one"'
    assert last_run(db).pages_unchanged == 1
    server.script.set("/a", Answer(200, article("The draft was put in blue."), {**headers, "ETag": '"two"'}))
    crawl("news", start_urls=server.url("/a"))
    assert [number for _, number, _ in versions(db)] == [1, 2]


def test_robots_txt_answering_503_means_nothing_else_is_fetched(server, crawl, db):
    server.script.set("/robots.txt", Answer(503, b"down", {"Content-Type": "text/plain"}))
    server.script.set("/a", Answer(200, article("Never fetched.")))
    crawl("news", start_urls=server.url("/a"))
    assert set(server.script.paths()) == {"/robots.txt"}
    run = last_run(db)
    assert run.healthy is False and "robots.txt" in run.message
    assert versions(db) == []


def _press_site(server, count: int, delay: float) -> str:
    links = "".join(f'<a href="/en/2022/sc{15000 + n}.doc.htm">item {n}</a>' for n in range(count))
    server.script.set("/en/content/security-council/meetings-coverage",
                      Answer(200, f"<html><body><main>{links}</main></body></html>".encode()))
    for n in range(count):
        body = (f"<html><body><main><article><p>{9000 + n}th Meeting (AM)</p><p>SC/{15000 + n}</p>"
                f"<p>Press release number {n} on the Council's work.</p></article></main></body></html>")
        server.script.set(f"/en/2022/sc{15000 + n}.doc.htm", Answer(200, body.encode(), delay=delay))
    return server.url("/en/content/security-council/meetings-coverage")


def test_kill_9_mid_crawl_then_rerun_reaches_the_uninterrupted_state(server, db_url, db, tmp_path):
    start = _press_site(server, count=24, delay=0.15)
    command = crawl_command("un_press", {"CONCURRENT_REQUESTS_PER_DOMAIN": "1"}, start_urls=start)
    victim = subprocess.Popen(command, cwd=ROOT, env=crawl_env(db_url, tmp_path), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(versions(db)) < 5 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.1)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    interrupted = len(versions(db))
    assert 5 <= interrupted < 24
    rerun = subprocess.run(command, cwd=ROOT, env=crawl_env(db_url, tmp_path), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr[-2000:]

    reference_url = f"sqlite:///{tmp_path / 'reference.sqlite3'}"
    upgrade(reference_url)
    subprocess.run(command, cwd=ROOT, env=crawl_env(reference_url, tmp_path / "ref"), check=True,
                   capture_output=True)
    reference = Database(reference_url)
    try:
        assert versions(db) == versions(reference) and len(versions(reference)) == 24
    finally:
        reference.dispose()
