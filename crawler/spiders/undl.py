"""UN Digital Library (https://digitallibrary.un.org): MARCXML search exports (`of=xm`)
of Council resolutions, drafts and voting records.

Fields read: 191 $a symbol, 245 $a$b$c title, 269 $a date, 710 $a authors/sponsors,
791 $a the resolution a voting record is about, 856 $u (with $y English) the PDF,
952 $a the meeting record, 967 one member's vote ($a the member's order in the record,
$c its ISO 3166 alpha-3 code "GBR", $d its vote Y/N/A, absent: did not vote, $e its
name as printed "UNITED KINGDOM"), 993 related documents (a draft's 993 names the
resolution it became, a resolution's the draft it came from), 996 the counts ($b yes,
$c no, $d abstentions, $e non-voting, $f total). XML is parsed without entities or network.

Evidence for the layout: the Library's own data dictionary for its voting data
("ms_codes: Member State three-letter code", "ms_names: … official name at the time of
the vote", "ms_votes: Y … N … A … NV") and public parsers of real voting records
(record 4096564: `967 $a 1 $c USA $d N $e UNITED STATES`; a member without `$d`
did not vote); see tests/fixtures/undl/README.md.

Discovery: three MARCXML search exports (voting data, resolutions, drafts), newest
first. Identity: the export page is keyed by its URL; every record names documents by
symbol (191, 791, 993), so a resolution seen here and elsewhere is one document.

Blocking: the Library answers crawlers with an AWS WAF JavaScript challenge (`202
Accepted`, `x-amzn-waf-action: challenge`, empty body). `crawler.blocking` recognises
it before any spider sees it: the source is "blocked by the site" (its own health
state, with backoff), never a parse error; votes still arrive from the library's
meeting tables (dhl_meetings) and the press releases (un_press).
"""
from __future__ import annotations

from typing import Iterator

from lxml import etree
from scrapy.http import Response

from models.text.symbols import SymbolError, normalise_symbol, symbol_kind

from ..blocking import BlockedBySite, challenge_of
from ..items import DocRef, DocumentItem, LinkRef, VoteRecord, capture
from .base import CouncilSpider, ParseError

MARC = "{http://www.loc.gov/MARC21/slim}"
SEARCH = "https://digitallibrary.un.org/search?ln=en&c={collection}&fct__2=Security+Council&sf=latest+first&so=d&rg=50&of=xm"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


class UndlSpider(CouncilSpider):
    name = "undl"
    source_title = "UN Digital Library: Security Council records (MARCXML)"
    source_url = "https://digitallibrary.un.org/"
    replay_order = 15
    default_start_urls = tuple(SEARCH.format(collection=c) for c in
                               ("Voting+Data", "Resolutions+and+Decisions", "Draft+Resolutions+and+Decisions"))
    routes = ((r"/search\?.*\bof=xm\b", "parse_export"),)

    def parse_export(self, response: Response) -> Iterator[DocumentItem]:
        challenge = challenge_of(response.status, response.headers)
        if challenge:
            raise BlockedBySite(f"{response.url}: {challenge}")
        try:
            root = etree.fromstring(response.body, parser=_parser())
        except etree.XMLSyntaxError as error:
            raise ParseError(f"{response.url}: not MARCXML: {error}") from None
        records = root.iter(f"{MARC}record")
        item = capture(response, keyed_by_url=True, kind="report", media_type="application/xml",
                       title="UN Digital Library MARCXML export")
        lines = []
        for record in records:
            lines.append(_add_record(item, record))
        if not lines:
            raise ParseError(f"{response.url}: no MARC records in the export")
        item.text = "\n".join(sorted(line for line in lines if line))
        yield item


def _fields(record, tag: str):
    return record.findall(f"{MARC}datafield[@tag='{tag}']")


def _sub(field, code: str) -> str | None:
    found = field.find(f"{MARC}subfield[@code='{code}']")
    return " ".join(found.text.split()) if found is not None and found.text else None


def _first(record, tag: str, code: str) -> str | None:
    for field in _fields(record, tag):
        value = _sub(field, code)
        if value:
            return value
    return None


def _symbol(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return normalise_symbol(raw)
    except SymbolError:
        return None


def _parse_title(record) -> str | None:
    field = next(iter(_fields(record, "245")), None)
    if field is None:
        return None
    parts = [_sub(field, code) for code in ("a", "b", "c")]
    return " ".join(p.rstrip(" /:") for p in parts if p) or None


def _parse_pdf(record) -> str | None:
    for field in _fields(record, "856"):
        url = _sub(field, "u")
        if url and (_sub(field, "y") == "English" or url.endswith("-EN.pdf")):
            return url
    return None


def _parse_counts(record) -> dict[str, int]:
    field = next(iter(_fields(record, "996")), None)
    if field is None:
        return {}
    counts = {}
    for code, name in (("b", "yes"), ("c", "no"), ("d", "abstain"), ("e", "non_voting")):
        value = _sub(field, code)
        if value and value.isdigit():
            counts[name] = int(value)
    return counts


def _order(field) -> int:
    value = _sub(field, "a") or ""
    return int(value) if value.isdigit() else 10_000


def _parse_members(record) -> dict[str, str]:
    """{member name ($e): Y/N/A/X ($d; absent: did not vote)} in the record's $a order.
    A field without $e falls back to its alpha-3 code ($c)."""
    members: dict[str, str] = {}
    for field in sorted(_fields(record, "967"), key=_order):
        name = _sub(field, "e") or _sub(field, "c")
        if name:
            members[name] = (_sub(field, "d") or "X").upper()
    return members


def _parse_member_codes(record) -> dict[str, str]:
    """{member name ($e): ISO 3166 alpha-3 code ($c)}."""
    return {_sub(f, "e"): _sub(f, "c") for f in _fields(record, "967") if _sub(f, "e") and _sub(f, "c")}


def _add_record(item: DocumentItem, record) -> str:
    """Add one record's documents, links and vote to the item; return its summary line."""
    symbol = _symbol(_first(record, "191", "a"))
    resolution = _symbol(_first(record, "791", "a"))
    title, on = _parse_title(record), _first(record, "269", "a")
    related = [s for s in (_symbol(_sub(f, "a")) for f in _fields(record, "993")) if s]
    members = _parse_members(record)
    if resolution and (members or _fields(record, "996")):
        return _add_voting_record(item, record, resolution, related, members, on)
    if symbol is None:
        return ""
    summary = f"{symbol} | {title or ''} | {on or ''} | {', '.join(related)} | {_parse_pdf(record) or ''}"
    if not symbol.startswith("S/"):
        return summary  # not a Council document: read, summarised, not stored
    kind = "draft" if title and "draft resolution" in title.lower() else symbol_kind(symbol)
    item.documents.append(DocRef(symbol, title=title, kind=kind))
    for other in related:
        item.documents.append(DocRef(other))
        if kind == "draft" and symbol_kind(other) == "resolution":
            item.links.append(LinkRef("adopted-as", source=symbol, target=other))
        elif kind == "resolution" and symbol_kind(other) == "draft":
            item.links.append(LinkRef("adopted-as", source=other, target=symbol))
    return summary


def _add_voting_record(item: DocumentItem, record, resolution: str, related: list[str],
                       members: dict[str, str], on: str | None) -> str:
    meeting = _symbol(_first(record, "952", "a"))
    drafts = [s for s in related if symbol_kind(s) == "draft"]
    counts = _parse_counts(record)
    item.documents.append(DocRef(resolution, kind="resolution"))
    for draft in drafts:
        item.documents.append(DocRef(draft, kind="draft"))
        item.links.append(LinkRef("adopted-as", source=draft, target=resolution))
    if meeting:
        item.documents.append(DocRef(meeting, kind="meeting_record"))
        item.votes.append(VoteRecord(meeting=meeting, document=drafts[0] if drafts else resolution,
                                     resolution=resolution, outcome="adopted", date=on, members=members, **counts))
    codes = item.extra.setdefault("member_codes", {})
    codes.update(_parse_member_codes(record))
    tally = "-".join(str(counts.get(k, "")) for k in ("yes", "no", "abstain"))
    votes = ", ".join(f"{name}={choice}" for name, choice in sorted(members.items()))
    return f"vote {resolution} | {meeting or ''} | {on or ''} | {tally} | {votes}"
