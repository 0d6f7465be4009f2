"""The Security Council's monthly programme of work: the provisional schedule the
presidency agrees with members at the start of each month ("Provisional Programme of
Work"), published on the Council's site at
https://main.un.org/securitycouncil/en/content/programme-work.

Discovery: that page (the Council site's "Security Council Programme of Work — Discover
the Security Council's lineup of events scheduled for this month. Provisional Programme
of Work · Go to Calendar"); a PDF of the programme linked from it is followed and read
through the PDF-layer reader. Evidence: the Council site's home page as public web
indexes hold it (that wording and link), the Library's FAQ ("Provisional monthly
programmes of work … can be found on the Security Council website under Programme of
Work"), and Security Council Report's monthly notes ("Council members adopted the
provisional programme of work for the month earlier today (3 February)").
Parsing: the page's content region (`main`, else `article`); each table row with a
date becomes an entry in `extra["events"]` (date as printed, then the row's item);
the month from the heading ("Programme of Work for December 2026"), else the fetch
date. Identity: keyed by URL: each month's programme, and each change to it, is a new
version of the same page.
"""
from __future__ import annotations

import re
from typing import Iterator

from scrapy.http import Response

from models.rawtext import to_text

from ..items import DocumentItem, capture
from .base import CouncilSpider, ParseError

_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
                    r"\s+(\d{4})\b")
_DAY = re.compile(r"^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)?[a-z]*\.?,?\s*\d{1,2}\b|^\s*\d{1,2}\s+[A-Z][a-z]+")


class ProgrammeOfWorkSpider(CouncilSpider):
    name = "programme_of_work"
    source_title = "Security Council: provisional programme of work"
    source_url = "https://main.un.org/securitycouncil/en/content/programme-work"
    default_start_urls = ("https://main.un.org/securitycouncil/en/content/programme-work",)
    replay_order = 13
    routes = (
        (r"/securitycouncil/(?:[a-z]{2}/)?content/programme-work/?$", "parse_programme"),
        (r"/securitycouncil/sites/.+\.pdf$|/programme[-_]of[-_]work.*\.pdf$", "parse_programme_pdf"),
    )

    def parse_programme(self, response: Response) -> Iterator:
        region = response.css("main").get() or response.css("article").get()
        if not region:
            raise ParseError(f"{response.url}: no content region")
        text = to_text(region.encode("utf-8"), "programme.html", "text/html")
        if "programme" not in text.lower():
            raise ParseError(f"{response.url}: no programme of work on the page")
        item = capture(response, kind="programme_of_work", keyed_by_url=True)
        item.text = text
        month = _MONTH.search(text)
        item.title = f"Programme of work, {month.group(0)}" if month else "Programme of work"
        if month:
            item.extra["month"] = month.group(0)
        item.extra["events"] = _parse_events(response)
        yield item
        for href in response.css("main a::attr(href), article a::attr(href)").getall():
            if href.lower().endswith(".pdf") and "programme" in href.lower():
                request = self.follow_page(response, href, self.parse_programme_pdf)
                if request is not None:
                    yield request

    def parse_programme_pdf(self, response: Response) -> Iterator[DocumentItem]:
        """The programme as a PDF: stored as is, its text read by the pipeline's PDF-layer reader."""
        yield capture(response, kind="programme_of_work", keyed_by_url=True, media_type="application/pdf",
                      title="Programme of work (PDF)")


def _parse_events(response: Response) -> list[dict[str, str]]:
    events = []
    for row in response.css("main table tr, article table tr"):
        cells = [" ".join("".join(c.css("*::text").getall()).split()) for c in row.css("td")]
        cells = [c for c in cells if c]
        if len(cells) >= 2 and _DAY.match(cells[0]):
            events.append({"date": cells[0], "item": " — ".join(cells[1:])})
    return events
