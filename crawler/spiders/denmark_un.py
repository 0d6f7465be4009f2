"""Denmark on the UN Security Council (elected member 2025-2026): the statements site
https://dkonunsc.dk/statements, each statement at
https://dkonunsc.dk/statements/<dd-mm-yyyy>-<title slug> ("24.10.2025 Statement for open
debate on The United Nations Organization", "Checked Against Delivery").

Discovery: the statements listing (no feed is known for the site); any link of the
statement form is followed. Evidence: statements archived by public web indexes at
https://dkonunsc.dk/statements/24-10-2025-Statement-for-open-debate-on-The-United-Nations-Organization
and …/29-09-2025-statement-by-denmark-at-unga80-general-debate (the latter a General
Assembly statement: the site also carries statements outside the Council).
Parsing: the page's `article` (else `main`); the date is the slug's dd-mm-yyyy.
Relevance: stored only when the statement concerns the Security Council.
Identity: keyed by URL.
"""
from __future__ import annotations

import re

from scrapy.http import Response

from ..items import DocumentItem
from .statements import StatementSpider

_SLUG_DATE = re.compile(r"/statements/(\d{2})-(\d{2})-(\d{4})-")


class DenmarkUnSpider(StatementSpider):
    name = "denmark_un"
    member = "Denmark"
    source_title = "Denmark in the UN Security Council 2025-2026"
    source_url = "https://dkonunsc.dk/"
    default_start_urls = ("https://dkonunsc.dk/statements",)
    listing_pattern = r"dkonunsc\.dk/statements/?(?:\?page=\d+)?$|/statements/?$"
    article_pattern = r"/statements/\d{2}-\d{2}-\d{4}-[A-Za-z0-9-]+$"
    body_selectors = ("article", "main")

    def enrich(self, item: DocumentItem, response: Response) -> None:
        super().enrich(item, response)
        match = _SLUG_DATE.search(response.url)
        if match and "published" not in item.extra:
            day, month, year = match.groups()
            item.extra["published"] = f"{year}-{month}-{day}"
