"""Security Council Report's Monthly Forecast: what the Council is expected to do next
month, one brief per situation ("In December, the Council is expected to renew the
mandate of …"; "Overview: In December, the US will hold the presidency").

Discovery: the month's index https://www.securitycouncilreport.org/monthly_forecast/YYYY-MM
(this month and the next), which lists the briefs ("Overview", "Status Update since our
November Forecast", "In Hindsight: …", one per situation, each with "Read more"); each
brief at https://www.securitycouncilreport.org/monthly-forecast/YYYY-MM/<slug>-NN.php
(e.g. …/2024-12/overview-72.php, …/2026-02/syria-88.php). Evidence: those index and
brief pages as public web indexes hold them ("December 2024 Monthly Forecast", "Posted
1 December 2024", "Download Complete Forecast: PDF"), and brief URLs cited across public
documents. Parsing: as What's in Blue (same site): `.entry-content`, else `article`,
`main`; the month from the URL; drafts and resolutions named are linked.
Identity: keyed by URL (a brief is revised in place: each change is a new version).
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

from scrapy.http import Response

from ..items import DocumentItem
from .articles import ArticleSpider

_MONTH = re.compile(r"/monthly-forecast/(\d{4}-\d{2})/")
INDEX = "https://www.securitycouncilreport.org/monthly_forecast/{month}"


def months_from(now: datetime, count: int = 2) -> list[str]:
    """"2026-12", "2027-01" for December 2026."""
    year, month = now.year, now.month
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


class WibForecastSpider(ArticleSpider):
    name = "wib_forecast"
    source_title = "Security Council Report: Monthly Forecast"
    source_url = "https://www.securitycouncilreport.org/monthly-forecast"
    listing_pattern = r"/monthly_forecast/\d{4}-\d{2}/?$"
    article_pattern = r"/monthly-forecast/\d{4}-\d{2}/[a-z0-9_-]+\.php$"
    kind = "report"
    body_selectors = (".entry-content", "article", "main")
    title_suffixes = (": Security Council Report", "| Security Council Report")
    replay_order = 45

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not kwargs.get("start_urls"):
            self.start_urls = [INDEX.format(month=m) for m in months_from(datetime.now(timezone.utc))]

    def enrich(self, item: DocumentItem, response: Response) -> None:
        month = _MONTH.search(response.url)
        if month:
            item.extra["forecast_month"] = month.group(1)
