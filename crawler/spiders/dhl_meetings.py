"""UN Dag Hammarskjöld Library: "Meetings conducted by the Security Council in YYYY"
and the "Security Council - Veto List".

The research guide pages (https://research.un.org/en/docs/sc/quick/meetings/YYYY and
…/quick/veto) show the tables in an iframe; the tables themselves live at
https://www.un.org/depts/dhl/resguide/scactYYYY_table_en.html (1946-1993 and 2022),
…/scactYYYY_table_en.htm (1994-2021), …/SC_2020-revised.html (2020's remote
meetings) and …/scact_veto_table_en.htm. Each row: meeting record (S/PV link), date,
press release (SC/ link, from 1994), topic, and the outcome with the vote:
"S/RES/2640 (2022) 13-0-2", "Draft resolution S/2022/431 vetoed by China, Russian
Federation 13-2-0", "Draft resolution … not adopted 7-0-8", "S/PRST/2022/5 (PRST)".

Votes taken by letter: from March 2020 to 2021 the Council often voted by written
procedure, without a meeting. The 2020 remote-meetings table (scact2020_covid_table_en,
mistitled "2021") and the 2021 table have seven columns: Meeting Record ("--" for a
vote by letter), Date, Recording, Topic, "Letter with Vote Procedure / Briefings",
"Letter with Vote Outcome", "Security Council Outcome / Vote". A row without an S/PV
but with an outcome is kept: a Vote with procedure "letter", its date, and the symbol
of the letter with the vote outcome (else the procedure letter) as its meeting key.
Evidence: the saved tables in tests/fixtures/dhl_meetings (copied from
intreleng-research/unsc-dataset); counts checked against the per-member voting data
(2020: 57 resolutions, 34 of them by letter).

Identity: each table is keyed by its URL; meetings, press releases, resolutions,
drafts, presidential statements and letters are documents keyed by symbol.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Iterator

from lxml import html as lxml_html
from scrapy.http import Response

from models.text.symbols import SymbolError, normalise_symbol

from ..items import DocRef, DocumentItem, LinkRef, VoteRecord, capture
from .base import CouncilSpider, ParseError

_TITLE_YEAR = re.compile(r"Security Council in\s+(\d{4})")
_URL_YEAR = re.compile(r"(?:scact|SC_)(\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([A-Z][a-z]+)")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})")
_TALLY = re.compile(r"(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})")
_VETOED_BY = re.compile(r"vetoed\s+by\s+([A-Za-z ,.]+?)(?=\d|$|\s*\()", re.IGNORECASE)
_MEMBER_SPLIT = re.compile(r"\s*(?:,|\band\b|/|\n)\s*")
_MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}


class DhlMeetingsSpider(CouncilSpider):
    name = "dhl_meetings"
    source_title = "UN Dag Hammarskjöld Library: Security Council meetings and veto list"
    source_url = "https://research.un.org/en/docs/sc/quick/meetings"
    allowed_domains = ["research.un.org", "www.un.org", "un.org", "127.0.0.1", "localhost"]
    replay_order = 10
    routes = (
        (r"/docs/sc/quick/(?:meetings/\d{4}|veto)/?$", "parse_guide"),
        (r"/resguide/scact_veto_table_en\.html?$", "parse_veto_table"),
        (r"/resguide/(?:scact\d{4}(?:_covid)?_table_en\.html?|SC_2020-revised\.html)$", "parse_table"),
    )

    def __init__(self, *args, years: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.start_urls:
            this_year = datetime.now(timezone.utc).year
            first, _, last = (years or f"{this_year - 1}-{this_year}").partition("-")
            span = range(int(first), int(last or first) + 1)
            self.start_urls = [f"https://research.un.org/en/docs/sc/quick/meetings/{y}" for y in span]
            self.start_urls.append("https://research.un.org/en/docs/sc/quick/veto")

    def parse_guide(self, response: Response) -> Iterator:
        """The research guide page: follow the iframe (or link) to the table itself."""
        targets = response.css("iframe::attr(src)").getall() + response.css("a::attr(href)").getall()
        tables = [t for t in targets if "/resguide/sc" in t.lower() and "table" in t.lower() or "SC_2020-revised" in t]
        if not tables:
            raise ParseError(f"{response.url}: no meetings table linked from the guide page")
        for target in dict.fromkeys(tables):
            request = self.follow_page(response, target)
            if request is not None:
                yield request

    def parse_table(self, response: Response) -> DocumentItem:
        """One year's table: a Vote per resolution adopted or draft put to the vote."""
        root = _root(response)
        year = _parse_year(root, response.url)
        columns = _parse_columns(root)
        item = capture(response, keyed_by_url=True, kind="report", title=_parse_title(root))
        for row in root.xpath("//table//tr[td]"):
            cells = row.xpath("./td")
            if len(cells) != len(columns):
                continue
            fields = dict(zip(columns, cells))
            meeting = _parse_symbol_cell(fields.get("meeting"))
            if meeting is None or not meeting.startswith("S/PV."):
                _add_letter_votes(item, fields, year)
                continue
            _add_meeting(item, meeting, fields, year)
        if not item.documents:
            raise ParseError(f"{response.url}: no meeting rows found")
        return item

    def parse_veto_table(self, response: Response) -> DocumentItem:
        """The veto list: each draft, its meeting and the permanent members voting no."""
        root = _root(response)
        item = capture(response, keyed_by_url=True, kind="report", title=_parse_title(root))
        for row in root.xpath("//table//tr[td]"):
            cells = row.xpath("./td")
            if len(cells) != 5:
                continue
            vote_date = _parse_full_date(_text(cells[0]))
            drafts = [s for s in _parse_symbols(cells[1]) if not s.startswith("S/PV.")]
            records = _parse_symbols(cells[2])
            members = _parse_members(cells[4])
            if not drafts or not records or not members:
                continue
            for draft in drafts:
                item.documents.append(DocRef(draft, kind="draft", title=_text(cells[3]) or None))
                item.documents.append(DocRef(records[0]))
                item.votes.append(VoteRecord(meeting=records[0], document=draft, outcome="vetoed",
                                             date=vote_date, members={m: "N" for m in members}))
        if not item.votes:
            raise ParseError(f"{response.url}: no vetoes found")
        return item


def _root(response: Response):
    """The page's tree; "</br>", which the tables use as a line break, read as a
    browser reads it (HTML: an end tag "br" is treated as <br>)."""
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True)
    body = re.sub(rb"</br\s*>", b"<br>", response.body, flags=re.IGNORECASE)
    return lxml_html.document_fromstring(body, parser=parser)


def _text(element) -> str:
    if element is None:
        return ""
    pieces = []
    for node in element.iter():
        if node.tag == "br":
            pieces.append("\n")
        if node.text and node.tag not in ("script", "style"):
            pieces.append(node.text)
        if node is not element and node.tail:
            pieces.append(node.tail)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _parse_title(root) -> str:
    header = root.xpath("//th[contains(@class, 'tbltitle')]")
    return " ".join(_text(header[0]).split()) if header else ""


def _parse_year(root, url: str) -> int:
    """The year from the URL ("scact2022", "SC_2020-revised"; the 2020 remote-meetings
    page is titled 2021 by mistake), else from the title."""
    match = _URL_YEAR.search(url) or _TITLE_YEAR.search(_parse_title(root))
    if not match:
        raise ParseError(f"{url}: no year in the table title or URL")
    return int(match.group(1))


def _parse_columns(root) -> list[str]:
    """Column names from the header row: meeting, date, press, topic, outcome."""
    for row in root.xpath("//table//tr[th]"):
        names = []
        for th in row.xpath("./th"):
            label = " ".join(_text(th).lower().split())
            if "letter" in label:
                names.append("letter_outcome" if "outcome" in label else "letter_procedure")
            elif "meeting" in label:
                names.append("meeting")
            elif "date" in label:
                names.append("date")
            elif "press" in label:
                names.append("press")
            elif "topic" in label:
                names.append("topic")
            elif "outcome" in label or "vote" in label:
                names.append("outcome")
            else:
                names.append(label or "other")
        if "meeting" in names and "outcome" in names:
            return names
    raise ParseError("no header row with Meeting Record and Outcome columns")


def _parse_symbols(cell) -> list[str]:
    found = []
    for anchor in cell.xpath(".//a"):
        symbol = _symbol(_text(anchor))
        if symbol and symbol not in found:
            found.append(symbol)
    return found


def _parse_symbol_cell(cell) -> str | None:
    if cell is None:
        return None
    symbols = _parse_symbols(cell)
    return symbols[0] if symbols else None


def _symbol(raw: str) -> str | None:
    try:
        return normalise_symbol(raw.split("\n")[0])
    except SymbolError:
        return None


def _parse_date(raw: str, year: int) -> str | None:
    match = _DAY_MONTH.search(raw)
    if not match or match.group(2) not in _MONTHS:
        return None
    try:
        return date(year, _MONTHS[match.group(2)], int(match.group(1))).isoformat()
    except ValueError:
        return None


def _parse_full_date(raw: str) -> str | None:
    match = _DAY_MONTH_YEAR.search(raw)
    if not match or match.group(2) not in _MONTHS:
        return None
    try:
        return date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1))).isoformat()
    except ValueError:
        return None


def _parse_members(cell) -> list[str]:
    """"China</br>Russian Federation", "France, UK, USA" → ["China", "Russian Federation"] …"""
    members = [m.strip(" .") for m in _MEMBER_SPLIT.split(_text(cell)) if m.strip(" .")]
    return [m for m in members if not m[0].isdigit()]


def _parse_actions(cell) -> list[tuple[str, str]]:
    """The outcome cell as (symbol, words after it up to the next link) pairs; the words
    before the first link ("Draft resolution") are prefixed to the first pair's words."""
    actions: list[list[str]] = []
    lead: list[str] = []

    def add_text(value: str | None) -> None:
        if value:
            (actions[-1][1] if actions else lead).append(value)

    add_text(cell.text)
    for node in cell.iterdescendants():
        if node.tag == "a":
            symbol = _symbol(_text(node))
            if symbol:
                actions.append([symbol, []])
                if lead and len(actions) == 1:
                    actions[0][1].extend(lead)
            else:
                add_text(_text(node))
        elif node.tag == "br":
            add_text("\n")
        elif node.text and node.getparent() is not None and node.getparent().tag != "a":
            add_text(node.text)
        if node.tail:
            add_text(node.tail)
    return [(symbol, " ".join("".join(words).split())) for symbol, words in actions]


def _parse_outcome(symbol: str, words: str, meeting: str, on: str | None) -> VoteRecord | None:
    """"13-0-2", "adopted unanimously", "vetoed by USSR 9-1-1", "not adopted 7-0-8"."""
    tally = _TALLY.search(words)
    counts = dict(zip(("yes", "no", "abstain"), map(int, tally.groups()))) if tally else {}
    lowered = words.lower()
    if symbol.startswith("S/RES/"):
        if not counts and "unanimously" in lowered:
            counts = {"no": 0, "abstain": 0}
        return VoteRecord(meeting=meeting, document=symbol, resolution=symbol, outcome="adopted", date=on, **counts)
    if symbol.startswith(("S/PRST/", "S/PV.")):
        return None
    vetoed = _VETOED_BY.search(words)
    if vetoed:
        members = [m.strip(" .") for m in _MEMBER_SPLIT.split(vetoed.group(1)) if m.strip(" .")]
        return VoteRecord(meeting=meeting, document=symbol, outcome="vetoed", date=on,
                          members={m: "N" for m in members}, **counts)
    if "not adopted" in lowered or ("draft" in lowered and counts):
        return VoteRecord(meeting=meeting, document=symbol, outcome="not_adopted", date=on, **counts)
    return None


def _add_meeting(item: DocumentItem, meeting: str, fields: dict, year: int) -> None:
    topic = " ".join(_text(fields.get("topic")).split()) or None
    on = _parse_date(_text(fields.get("date")), year)
    item.documents.append(DocRef(meeting, title=topic, kind="meeting_record"))
    press = _parse_symbol_cell(fields.get("press"))
    if press and press.startswith("SC/"):
        href = fields["press"].xpath(".//a/@href")
        item.documents.append(DocRef(press, title=topic, url=href[0].strip() if href else None, kind="press_release"))
        item.links.append(LinkRef("reports-on", source=press, target=meeting))
    outcome_cell = fields.get("outcome")
    if outcome_cell is None:
        return
    for symbol, words in _parse_actions(outcome_cell):
        vote = _parse_outcome(symbol, words, meeting, on)
        kind = "draft" if vote is not None and vote.resolution is None else None
        item.documents.append(DocRef(symbol, kind=kind))
        item.links.append(LinkRef("meeting-of", source=meeting, target=symbol))
        if vote is not None:
            item.votes.append(vote)


def _add_letter_votes(item: DocumentItem, fields: dict, year: int) -> None:
    """A row without a meeting record: the Council's decisions taken by letter, kept
    with their date and the symbol of the letter announcing the outcome."""
    outcome_cell = fields.get("outcome")
    if outcome_cell is None:
        return
    actions = _parse_actions(outcome_cell)
    if not actions:
        return
    on = _parse_date(_text(fields.get("date")), year)
    topic = " ".join(_text(fields.get("topic")).split()) or None
    letters = {name: _parse_symbol_cell(fields.get(name)) for name in ("letter_outcome", "letter_procedure")}
    for letter in filter(None, letters.values()):
        item.documents.append(DocRef(letter, title=topic, kind="letter"))
    letter = letters["letter_outcome"] or letters["letter_procedure"]
    key = letter or f"letter of {on or year}"
    for symbol, words in actions:
        vote = _parse_outcome(symbol, words, key, on)
        kind = "draft" if vote is not None and vote.resolution is None else None
        item.documents.append(DocRef(symbol, title=topic if kind is None else None, kind=kind))
        if letter:
            item.links.append(LinkRef("reports-on", source=letter, target=symbol))
        if vote is not None:
            vote.procedure, vote.letter = "letter", letter
            item.votes.append(vote)
