"""Security Council Report, "What's in Blue" (https://www.securitycouncilreport.org/whatsinblue):
posts on drafts circulated, revised, put in blue, vote dates and penholders ("Tomorrow
morning (13 December), the Security Council is expected to vote on a draft resolution
renewing the mandate of … The US was the penholder on the resolution."), linked to the
documents they discuss.

Discovery: the listing https://www.securitycouncilreport.org/whatsinblue (newest first,
`?page=N`), posts at /whatsinblue/YYYY/MM/<slug>.php (the URL form public documents cite;
fixture README). Parsing: `.entry-content`, else `article`, `main`; stages, penholders and
the expected vote date from the prose (crawler.prose). Identity: keyed by URL (a post
updated in place makes a new version). The Monthly Forecast has its own spider
(wib_forecast).
"""
from __future__ import annotations

import re

from scrapy.http import Response

from ..items import DocumentItem
from ..prose import day_in_parentheses, draft_stages, penholders
from .articles import ArticleSpider

_YEAR_IN_URL = re.compile(r"/whatsinblue/(\d{4})/")


class WhatsInBlueSpider(ArticleSpider):
    name = "whats_in_blue"
    source_title = "Security Council Report: What's in Blue"
    source_url = "https://www.securitycouncilreport.org/whatsinblue"
    default_start_urls = ("https://www.securitycouncilreport.org/whatsinblue",)
    listing_pattern = r"/whatsinblue/?(?:\?page=\d+)?$"
    article_pattern = r"/whatsinblue/\d{4}/\d{2}/[a-z0-9-]+\.php$"
    kind = "report"
    body_selectors = (".entry-content", "article", "main")
    title_suffixes = (": Security Council Report", "| Security Council Report")

    def enrich(self, item: DocumentItem, response: Response) -> None:
        year = _YEAR_IN_URL.search(response.url)
        item.extra["stages"] = draft_stages(item.text)
        item.extra["penholders"] = penholders(item.text)
        expected = day_in_parentheses(item.text[:600], int(year.group(1))) if year else None
        if expected and "vote_expected" in item.extra["stages"]:
            item.extra["vote_expected_on"] = expected
