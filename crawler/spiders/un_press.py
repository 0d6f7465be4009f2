"""UN Meetings Coverage and Press Releases (press.un.org): the Security Council listing
https://press.un.org/en/content/security-council/meetings-coverage and its articles,
https://press.un.org/en/2024/sc15907.doc.htm (older ones under
https://www.un.org/press/en/2016/sc12657.doc.htm).

An article names its symbol (SC/15907) and meeting ("9786th Meeting (AM)"), reports
the vote ("received 14 votes in favour to 1 against (United States)"), the draft put
to the vote ("(document S/2024/835)"), the resolution adopted, and often quotes the
resolution in full ("The full text of resolution 2759 (2024) reads as follows:").
An article changes after publication (a pre-vote placeholder becomes the post-vote
story): each change of its text is a new version of SC/15907.

Discovery: the site's RSS 2.0 feed https://press.un.org/en/rss.xml first (about ten
items a day, all organs, served with an ETag: fetched conditionally); only its
Security Council items (`/en/YYYY/scNNNNN.doc.htm`) are followed. The meetings-coverage
listing is the fallback. Evidence: public feed configurations list
https://press.un.org/en/rss.xml as the UN press feed and press.un.org/en/content/
security-council/… as the Council's listings; article URLs as in the library's meeting
tables ("http://www.un.org/press/en/2020/sc14142.doc.htm").
Identity: the press release's own symbol, SC/NNNNN, from its URL.
"""
from __future__ import annotations

import re

from scrapy.http import Response

from models.text.symbols import symbol_kind, symbols_in

from ..items import DocRef, DocumentItem, LinkRef, VoteRecord
from ..prose import vote_in
from .articles import ArticleSpider

_SYMBOL_IN_URL = re.compile(r"/(sc)(\d{4,5})\.doc\.htm", re.IGNORECASE)
_MEETING = re.compile(r"\b(\d{3,5})(?:st|nd|rd|th)\s+Meeting\b", re.IGNORECASE)
_FULL_TEXT = re.compile(r"The full text of resolution\s+(\d{1,4})\s*\((\d{4})\)\s+reads as follows:?", re.IGNORECASE)
_QUOTE_END = re.compile(r"^\s*(?:Statements?|Explanations? of (?:vote|position)|Speaking (?:before|after))\b",
                        re.IGNORECASE | re.MULTILINE)


class UnPressSpider(ArticleSpider):
    name = "un_press"
    source_title = "UN Meetings Coverage and Press Releases: Security Council"
    source_url = "https://press.un.org/en/content/security-council/meetings-coverage"
    default_start_urls = ("https://press.un.org/en/content/security-council/meetings-coverage",)
    feed_urls = ("https://press.un.org/en/rss.xml",)
    feed_pattern = r"/en/rss\.xml$"
    listing_pattern = r"/en/content/security-council/meetings-coverage(?:\?page=\d+)?$"
    article_pattern = r"/(?:en|press/en)/\d{4}/sc\d{4,5}\.doc\.htm$"
    kind = "press_release"
    body_selectors = (".field--name-body", "article", "main")
    title_suffixes = ("| Meetings Coverage and Press Releases", "| UN Press")
    replay_order = 20

    def enrich(self, item: DocumentItem, response: Response) -> None:
        item.keyed_by_url = False
        item.symbol = _parse_symbol(response.url)
        meeting = _parse_meeting(item.text)
        published = item.extra.get("published")
        if meeting:
            item.documents.append(DocRef(meeting, kind="meeting_record"))
            item.links.append(LinkRef("reports-on", target=meeting))
        drafts = [s for s in symbols_in(item.text) if symbol_kind(s) == "draft"]
        resolutions = [s for s in symbols_in(item.text[:3000]) if symbol_kind(s) == "resolution"]
        vote = vote_in(item.text)
        quoted = _parse_quoted_resolutions(item.text)
        if quoted:
            item.extra["quoted_texts"] = quoted
        if vote:
            item.extra["reported_vote"] = {"outcome": vote.outcome, "yes": vote.yes, "no": vote.no,
                                           "abstain": vote.abstain, "against": vote.against,
                                           "abstaining": vote.abstaining}
        if vote and vote.outcome and meeting:
            adopted = vote.outcome == "adopted"
            resolution = (list(quoted) or resolutions or [None])[0] if adopted else None
            document = drafts[0] if drafts else resolution
            if document:
                members = {m: "N" for m in vote.against} | {m: "A" for m in vote.abstaining}
                item.votes.append(VoteRecord(meeting=meeting, document=document, outcome=vote.outcome, date=published,
                                             resolution=resolution, yes=vote.yes, no=vote.no, abstain=vote.abstain,
                                             members=members))
                if drafts and resolution:
                    item.links.append(LinkRef("adopted-as", source=drafts[0], target=resolution))


def _parse_symbol(url: str) -> str | None:
    """`…/en/2024/sc15907.doc.htm` → `SC/15907`."""
    match = _SYMBOL_IN_URL.search(url)
    return f"SC/{match.group(2)}" if match else None


def _parse_meeting(text: str) -> str | None:
    """"9786th Meeting (AM)" → "S/PV.9786"."""
    match = _MEETING.search(text[:1500])
    return f"S/PV.{match.group(1)}" if match else None


def _parse_quoted_resolutions(text: str) -> dict[str, str]:
    """{"S/RES/2759 (2024)": its full text} for each resolution the release quotes."""
    quoted: dict[str, str] = {}
    for match in _FULL_TEXT.finditer(text):
        rest = text[match.end():]
        end = _QUOTE_END.search(rest)
        body = rest[: end.start()] if end else rest
        body = "\n".join(line.strip().strip("\u201c\u201d\"") for line in body.splitlines() if line.strip())
        if body:
            quoted[f"S/RES/{int(match.group(1))} ({match.group(2)})"] = body
    return quoted
