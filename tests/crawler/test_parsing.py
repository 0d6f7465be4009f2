"""Reading items off the writer's path: a worker process reads and parses exactly as the
crawl process would; a text already seen is not parsed again."""
from __future__ import annotations

import asyncio

from crawler.parsing import Reader, read
from models.store import text_hash

from crawler_testkit import FIXTURES

RAW = (FIXTURES / "ods" / "S_RES_1706_2006.txt").read_bytes()


def test_a_worker_reads_as_the_crawl_process_does():
    here = read(RAW, None, "S_RES_1706_2006.txt", "text/plain", False)
    reader = Reader(workers=1)
    try:
        there = asyncio.run(reader.read(RAW, None, "S_RES_1706_2006.txt", "text/plain", False))
    finally:
        reader.close()
    assert there == here
    assert here.parsed.symbol == "S/RES/1706 (2006)" and here.text_sha256 == text_hash(here.parsed, here.text)


def test_a_text_seen_last_time_is_not_parsed_again():
    first = read(RAW, None, "S_RES_1706_2006.txt", "text/plain", False)
    again = read(RAW, None, "S_RES_1706_2006.txt", "text/plain", False, last_digest=first.digest)
    assert again.parsed is None and again.digest == first.digest
    listing = read(RAW, None, "S_RES_1706_2006.txt", "text/plain", True)
    assert listing.parsed.symbol is None  # a page keyed by its URL names no symbol of its own
