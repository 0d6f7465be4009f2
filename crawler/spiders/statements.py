"""Council members' missions: statements and explanations of vote. Each site's spider
names its feeds, listing and article URL patterns and its content selectors; the
article is stored as kind `statement` (only when it concerns the Security Council),
linked to the drafts and resolutions it names."""
from __future__ import annotations

import re

from scrapy.http import Response

from ..items import DocumentItem
from .articles import ArticleSpider

_EXPLANATION = re.compile(
    r"\bexplanation\s+of\s+(?:vote|position)\b|\bexplication\s+de\s+vote\b|\((?:après|avant)\s+le\s+vote\)",
    re.IGNORECASE)
#: Where sites put a statement's standfirst ("Explanation of Vote by Ambassador …").
_STANDFIRST = "h1 *::text, h1::text, .gem-c-lead-paragraph::text, .chapo::text, meta[name=description]::attr(content)"


class StatementSpider(ArticleSpider):
    kind = "statement"
    #: A mission speaks in many rooms: only what concerns the Security Council is stored.
    council_only = True
    #: Missions also speak at the General Assembly and elsewhere: a run is unhealthy only
    #: when more than this share of its articles is off-topic (a lost feed filter).
    off_topic_tolerance = 0.8
    #: The member whose mission publishes the statements.
    member: str = ""

    def enrich(self, item: DocumentItem, response: Response) -> None:
        item.extra["member"] = self.member
        standfirst = " ".join(response.css(_STANDFIRST).getall())
        heading = f"{item.title or ''}\n{standfirst}\n{item.text[:400]}"
        item.extra["explanation_of_vote"] = bool(_EXPLANATION.search(heading))
