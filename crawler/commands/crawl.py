"""`scrapy crawl SPIDER` that exits non-zero when the crawl failed the archive: the
source was judged unhealthy, or a capture was refused as incomplete (or too big).
Scrapy's own command exits 0 in both cases, which let truncated crawls pass as good."""
from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawl

from ..health import failed_crawls


class Command(ScrapyCrawl):
    def run(self, args, opts) -> None:
        super().run(args, opts)
        if failed_crawls():
            self.exitcode = 1
