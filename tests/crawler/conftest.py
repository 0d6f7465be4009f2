"""Fixtures for crawler tests; the helpers live in crawler_testkit.py beside this file."""
from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from crawler_testkit import Script, _handler, run_crawl, saved_response  # noqa: E402


@pytest.fixture
def server():
    """A loopback HTTP server: `server.script.set(path, Answer(...))`, `server.url(path)`."""
    script = Script()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    class Server:
        pass

    live = Server()
    live.script = script
    live.port = httpd.server_address[1]
    live.url = lambda path: f"http://127.0.0.1:{live.port}{path}"
    yield live
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def saved():
    """`saved(folder, name, url, content_type)`: a saved page as a Scrapy response."""
    return saved_response


@pytest.fixture
def crawl(db_url, tmp_path):
    """`crawl(spider, settings=None, **spider_arguments)`: one crawl subprocess on the test database."""
    return lambda spider, settings=None, timeout=120, **arguments: run_crawl(
        spider, db_url, tmp_path, settings, timeout, **arguments)
