"""Permanent Mission of Pakistan to the UN (https://pakun.org; elected member
2025-2026): official statements at https://pakun.org/official-statements/<id>
(e.g. /official-statements/09252024-01, "Statement at UN Security Council High-Level
Open Debate on Leadership for Peace", 25 September 2024), listed at
https://pakun.org/official-statements.

Discovery: the listing (no feed is known); any link of the statement form is followed.
Evidence: a public speech collection cites pakun.org/official-statements/09252024-01
with that title and date; the id is the date (mmddyyyy) and a running number.
Parsing: the page's `article` (else `main`); the date from the id when the page has
none. Relevance: stored only when the statement concerns the Security Council (the
mission also speaks at the General Assembly and ECOSOC). Identity: keyed by URL.
"""
from __future__ import annotations

import re

from scrapy.http import Response

from ..items import DocumentItem
from .statements import StatementSpider

_ID_DATE = re.compile(r"/official-statements/(\d{2})(\d{2})(\d{4})-\d+$")


class PakUnSpider(StatementSpider):
    name = "pakun"
    member = "Pakistan"
    source_title = "Permanent Mission of Pakistan to the United Nations"
    source_url = "https://pakun.org/"
    default_start_urls = ("https://pakun.org/official-statements",)
    listing_pattern = r"/official-statements/?(?:\?page=\d+)?$"
    article_pattern = r"/official-statements/\d{8}-\d+$"
    body_selectors = ("article", "main")

    def enrich(self, item: DocumentItem, response: Response) -> None:
        super().enrich(item, response)
        match = _ID_DATE.search(response.url)
        if match and "published" not in item.extra:
            month, day, year = match.groups()
            item.extra["published"] = f"{year}-{month}-{day}"
