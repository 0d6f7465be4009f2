"""The Council's statements as press.un.org publishes them: press statements
("Security Council Press Statement on …", issued as SC/ press releases listed at
https://press.un.org/en/content/security-council/press-release) and presidential
statements (S/PRST/YYYY/N, adopted at a meeting and quoted in full in its coverage:
"The full text of presidential statement S/PRST/2024/5 reads as follows:").

Discovery: the RSS feed https://press.un.org/en/rss.xml first (shared with un_press,
fetched conditionally), the press-release listing as fallback. Parsing and identity
as un_press (the SC/ symbol); a press statement is stored as kind `press_statement`;
a presidential statement's quoted text is stored, provisionally, as the text of
S/PRST/YYYY/N until the official document is captured. An SC/ release that is
neither is left to un_press (not stored here). Evidence: public crawler
configurations list https://press.un.org/en/content/security-council/press-release
("UN SC -- Press Releases", items `//article|//div[contains(@class,"views-row")]`).
"""
from __future__ import annotations

import re
from typing import Iterator

from scrapy.http import Response

from ..items import DocRef, DocumentItem, LinkRef
from .un_press import UnPressSpider

_PRESS_STATEMENT = re.compile(r"\bSecurity Council Press Statement\b|\bpress statement\b", re.IGNORECASE)
_PRST_QUOTED = re.compile(r"The full text of (?:the )?presidential statement,?\s+(?:which will be issued as "
                          r"document\s+)?(S/PRST/\d{4}/\d+),?\s+reads(?: as follows)?:?", re.IGNORECASE)
_QUOTE_END = re.compile(r"^\s*(?:Statements?|Briefings?|Explanations? of (?:vote|position)|Speaking)\b",
                        re.IGNORECASE | re.MULTILINE)


class UnStatementsSpider(UnPressSpider):
    name = "un_statements"
    source_title = "UN Press: Security Council press statements and presidential statements"
    source_url = "https://press.un.org/en/content/security-council/press-release"
    default_start_urls = ("https://press.un.org/en/content/security-council/press-release",)
    listing_pattern = r"/en/content/security-council/press-release(?:\?page=\d+)?$"
    replay_order = 21

    def parse_article(self, response: Response) -> Iterator[DocumentItem]:
        for item in super().parse_article(response):
            if not isinstance(item, DocumentItem):
                yield item
                continue
            heading = f"{item.title or ''}\n{item.text[:300]}"
            quoted = parse_presidential_statements(item.text)
            if _PRESS_STATEMENT.search(heading):
                item.kind = "press_statement"
            elif not quoted:
                continue  # meetings coverage without a statement: un_press stores it
            for symbol, text in quoted.items():
                item.documents.append(DocRef(symbol, kind="statement"))
                item.links.append(LinkRef("reports-on", target=symbol))
                item.extra.setdefault("quoted_texts", {})[symbol] = text
            yield item


def parse_presidential_statements(text: str) -> dict[str, str]:
    """{"S/PRST/2024/5": its text} for each presidential statement quoted in full."""
    found: dict[str, str] = {}
    for match in _PRST_QUOTED.finditer(text):
        rest = text[match.end():]
        end = _QUOTE_END.search(rest)
        body = rest[: end.start()] if end else rest
        body = "\n".join(line.strip().strip("\u201c\u201d\"") for line in body.splitlines() if line.strip())
        if body:
            found[match.group(1).upper()] = body
    return found
