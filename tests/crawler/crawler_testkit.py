"""Crawler test kit: saved pages as Scrapy responses, a scripted loopback HTTP server,
and crawls run as real `python -m scrapy crawl` subprocesses (imported by the tests
through tests/crawler/conftest.py, which puts this folder on sys.path)."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def saved_response(folder: str, name: str, url: str, content_type: str = "text/html; charset=utf-8") -> TextResponse:
    """A saved page as the response its spider would get from `url`."""
    body = (FIXTURES / folder / name).read_bytes()
    cls = XmlResponse if "xml" in content_type else HtmlResponse if "html" in content_type else TextResponse
    return cls(url=url, body=body, headers={"Content-Type": content_type}, request=Request(url), encoding="utf-8")


@dataclass
class Answer:
    """One scripted HTTP answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    truncate: bool = False  # announce the full length, send half, close


class Script:
    """Path → answers, served in order (the last one repeats); every request logged."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.lock = threading.Lock()

    def set(self, path: str, *answers: Answer) -> None:
        with self.lock:
            self.routes[path] = list(answers)

    def next(self, path: str) -> Answer:
        with self.lock:
            answers = self.routes.get(path)
            if not answers:
                return Answer(404, b"not found", {"Content-Type": "text/plain"})
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def requests_for(self, path: str) -> list[tuple[float, dict[str, str]]]:
        return [(at, headers) for at, p, headers in self.log if p == path]

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.log]


def _handler(script: Script):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            script.log.append((time.monotonic(), self.path, {k: v for k, v in self.headers.items()}))
            answer = script.next(self.path)
            if answer.delay:
                time.sleep(answer.delay)
            etag = answer.headers.get("ETag")
            if etag and answer.status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            if answer.truncate:
                self.send_header("Connection", "close")
            self.end_headers()
            if answer.truncate:
                self.wfile.write(answer.body[: len(answer.body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(answer.body)

    return Handler


#: Test crawls are not polite to the loopback server (no delays), everything else as configured.
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "INFO", "RETRY_AFTER_MAX": "30"}


def crawl_command(spider: str, settings: dict[str, str] | None = None, **arguments: str) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in {**FAST, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    for name, value in arguments.items():
        command += ["-a", f"{name}={value}"]
    return command


def crawl_env(db_url: str, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "COUNCILWATCH_DATABASE_URL": db_url, "SCRAPY_SETTINGS_MODULE": "crawler.settings",
            "COUNCILWATCH_WARC_DIR": str(tmp_path / "warc")}


def run_crawl(spider: str, db_url: str, tmp_path: Path, settings: dict[str, str] | None = None,
              timeout: float = 120, **arguments: str) -> subprocess.CompletedProcess:
    """One crawl to completion; its log (stderr) is on the result."""
    return subprocess.run(crawl_command(spider, settings, **arguments), cwd=ROOT, env=crawl_env(db_url, tmp_path),
                          capture_output=True, text=True, timeout=timeout)
