"""Load the bundled Council data (crawler/bundle/council/, see its PROVENANCE.md) into a
database: every resolution 1–2813 as a document, the votes of the voting data, the veto
list and the library's meeting tables as sources of one reconciled vote each, meetings
with their dates and topics, drafts with their sponsors, presidential statements as
Council acts, and the news items on S/RES/2803 (2025).

Idempotent: the files' SHA-256 is kept (`council_load`); loading the same files again
writes nothing. Usage: `python -m crawler.council.load` (or `load_council(url)`), which
`crawler.replay.replay_bundle` runs after the bundled archive.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.council import CouncilLoad
from models.council_store import act_for, agenda_item_id, draft_for, ensure_agenda_items, finish, get_or_create_meeting, preload
from models.db import Database
from models.documents import Document
from models.store import get_or_create_source
from models.text.symbols import SymbolError, normalise_symbol, resolution_symbol
from models.votes_store import NamedDocument, ensure_documents, ensure_links, record_vote

from . import votingdata

HERE = Path(__file__).resolve().parent.parent / "bundle" / "council"
TABLES = Path(__file__).resolve().parent.parent / "bundle" / "pages" / "dhl-meetings-tables"
LOAD_NAME = "council"
LOADER_VERSION = "2"  # bump when the loader reads the same files differently
LAST_RESOLUTION = 2813
VETO_LIST = "unsc_vetoes_1946_sept2022.csv"
RESOLUTION_LIST = "nklotz_unsc_resolutions_list.csv"
NEWS_ITEMS = "gaza-resolution-2803-news-items.jsonl"
_BAD_TITLE = re.compile(r"^\d+\s*\(\d{4}\)\.\s*Resolution of\b")
_VETO_NAMES = {"Russia": "Russian Federation", "USA": "United States", "UK": "United Kingdom"}


@dataclass
class LoadReport:
    skipped: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    quirks: list[str] = field(default_factory=list)

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def data_files() -> list[Path]:
    files = sorted(p for p in HERE.iterdir() if p.suffix in (".xlsx", ".csv", ".jsonl"))
    return files + sorted(TABLES.glob("*.htm*"))


def fingerprint() -> str:
    digest = hashlib.sha256(LOADER_VERSION.encode())
    for path in data_files():
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def load_council(database_url: str | None = None, force: bool = False) -> LoadReport:
    """Load the bundled Council data unless these very files were loaded already."""
    database = Database(database_url)
    try:
        return load_into(database, force=force)
    finally:
        database.dispose()


def load_into(database: Database, force: bool = False) -> LoadReport:
    with database.reader() as session:
        records_held = _meeting_record_versions(session)
        digest = hashlib.sha256((fingerprint() + repr(records_held)).encode()).hexdigest()
        done = session.scalar(select(CouncilLoad).where(CouncilLoad.name == LOAD_NAME))
        if done is not None and done.sha256 == digest and not force:
            return LoadReport(skipped=True, counts=dict(done.summary or {}))
    report = LoadReport()
    records = votingdata.read_all(HERE, known_years=_known_years())
    report.quirks = [f"{where}: {q.kind}: {q.raw!r} read as {q.read_as!r}" for where, q in votingdata.quirks(records)]
    with database.writer() as session:
        preload(session)
        _resolution_list(session, report)
    with database.writer() as session:
        preload(session)
        for path in sorted(TABLES.glob("*.htm*")):
            _meeting_table(session, path, report)
        finish(session)
    with database.writer() as session:
        preload(session)
        _voting_data(session, records, report)
        _veto_list(session, report)
        _meeting_records(session, records_held, report)
        finish(session)
        _every_resolution(session, report)
        _news_items(session, report)
        row = session.scalar(select(CouncilLoad).where(CouncilLoad.name == LOAD_NAME))
        if row is None:
            row = CouncilLoad(name=LOAD_NAME, sha256=digest)
            session.add(row)
        row.sha256, row.summary = digest, dict(report.counts, quirks=len(report.quirks))
        row.loaded_at = utcnow()
    return report


# --- meeting records held as texts ------------------------------------------------

def _meeting_record_versions(session: Session) -> list[tuple[int, int]]:
    """(document id, version id) of the latest text of every meeting record held."""
    from sqlalchemy import func

    from models.documents import Version

    return [tuple(row) for row in session.execute(
        select(Version.document_id, func.max(Version.id)).join(Document, Document.id == Version.document_id)
        .where(Document.kind == "meeting_record").group_by(Version.document_id).order_by(Version.document_id)).all()]


def _meeting_records(session: Session, held: list[tuple[int, int]], report: LoadReport) -> None:
    """The votes read out in every meeting record whose text the database holds (the
    bundle's S/PV texts, when loaded): each the `meeting-record` source of its vote."""
    from crawler.council.meeting_records import record_meeting_record_text
    from models.documents import Version

    for _, version_id in held:
        version = session.get(Version, version_id)
        symbol = version.document.symbol if version is not None else None
        if not symbol or not symbol.startswith("S/PV."):
            continue
        on = version.adopted_on
        report.add("meeting_record_votes", record_meeting_record_text(session, symbol, version.text, on=on,
                                                                      locator=version.url or symbol))
        report.add("meeting_records_read")


# --- resolutions -------------------------------------------------------------------

def _read_resolution_list() -> list[tuple[int, int, str | None]]:
    rows = []
    with (HERE / RESOLUTION_LIST).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if not (row.get("Number") or "").isdigit() or not (row.get("Year") or "").isdigit():
                continue
            rows.append((int(row["Number"]), int(row["Year"]), " ".join((row.get("Topic") or "").split()) or None))
    return rows


def _known_years() -> dict[int, int]:
    return {number: year for number, year, _ in _read_resolution_list()}


def _resolution_list(session: Session, report: LoadReport) -> None:
    """S/RES/1 – S/RES/2215 with year and topic (n-klotz/UNSC-Resolutions, 2015)."""
    source = get_or_create_source(session, "resolution-list", "List of Security Council resolutions (n-klotz/UNSC-Resolutions)")
    rows = _read_resolution_list()
    documents = ensure_documents(session, [NamedDocument(resolution_symbol(n, y), kind="resolution") for n, y, _ in rows],
                                 source)
    for number, year, topic in rows:
        act = act_for(session, documents[resolution_symbol(number, year)])
        act.subject = act.subject or topic
        _note_source(act, "subject", "resolution-list")
    report.add("resolution_list", len(rows))


def _every_resolution(session: Session, report: LoadReport) -> None:
    """Every resolution 1 – 2813 a document with its act; count the numbers no source
    names (none, with the bundled files); mend titles like "99 (1953). Resolution of …"."""
    known = {}
    for document in session.scalars(select(Document).where(Document.kind == "resolution")):
        match = re.match(r"^S/RES/(\d+) \((\d{4})\)$", document.symbol or "")
        if match:
            known[int(match.group(1))] = document
    missing = [n for n in range(1, LAST_RESOLUTION + 1) if n not in known]
    inferred = _between_neighbours(missing, known)
    documents = ensure_documents(session, [NamedDocument(symbol, kind="resolution") for symbol in inferred.values()])
    for number, symbol in inferred.items():
        known[number] = documents[symbol]
        _note_source(act_for(session, documents[symbol]), "symbol", "numbered between its neighbours")
    report.add("resolutions_inferred_between_neighbours", len(inferred))
    report.add("resolutions_without_source", len(missing) - len(inferred))
    for number, document in known.items():
        act = act_for(session, document)
        if not document.title or _BAD_TITLE.match(document.title):
            document.title = resolution_title(document.symbol, act.subject or _agenda_title(session, act))
    report.add("resolutions", len([n for n in known if n <= LAST_RESOLUTION]))


def _between_neighbours(missing: list[int], known: dict[int, Document]) -> dict[int, str]:
    """Resolutions are numbered in the order of adoption: a number no bundled source
    names (2403, 2580, 2583) whose nearest named neighbours were both adopted in the
    same year is that year's; otherwise it stays unnamed."""
    found = {}
    for number in missing:
        before = next((known[n] for n in range(number - 1, 0, -1) if n in known), None)
        after = next((known[n] for n in range(number + 1, number + 50) if n in known), None)
        years = {re.search(r"\((\d{4})\)$", d.symbol).group(1) for d in (before, after) if d is not None}
        if before is not None and after is not None and len(years) == 1:
            found[number] = resolution_symbol(number, int(years.pop()))
    return found


def resolution_title(symbol: str, subject: str | None) -> str:
    """"Resolution 99 (1953): The India-Pakistan question"."""
    base = symbol.replace("S/RES/", "Resolution ")
    return f"{base}: {subject}" if subject else base


def _agenda_title(session: Session, act) -> str | None:
    from models.council import AgendaItem

    if act.agenda_item_id is None:
        return None
    item = session.get(AgendaItem, act.agenda_item_id)
    return item.title if item else None


def _note_source(act, name: str, source: str) -> None:
    sources = dict(act.sources or {})
    if source not in sources.get(name, []):
        sources[name] = [*sources.get(name, []), source]
        act.sources = sources


# --- the library's meeting tables --------------------------------------------------

def _meeting_table(session: Session, path: Path, report: LoadReport) -> None:
    """One year's meetings (1946–2022) with date and topic, its votes as the table gives
    them, and presidential statements as acts adopted at it; or the veto list."""
    from scrapy.http import HtmlResponse, Request

    from crawler.bundle.build_warc import table_url
    from crawler.spiders.dhl_meetings import DhlMeetingsSpider, _parse_columns, _parse_date, _parse_symbol_cell, _parse_year, _root, _text

    source = get_or_create_source(session, "dhl_meetings", DhlMeetingsSpider.source_title, DhlMeetingsSpider.source_url)
    spider = DhlMeetingsSpider()
    for path in [path]:
        url = table_url(path.name)
        response = HtmlResponse(url=url, body=path.read_bytes(), request=Request(url))
        if "veto" in path.name:
            item = spider.parse_veto_table(response)
        else:
            item = spider.parse_table(response)
            root = _root(response)
            year, columns = _parse_year(root, url), _parse_columns(root)
            statements = []
            ensure_agenda_items(session, [(t, None, None) for t in _topics(root, columns)])
            for row in root.xpath("//table//tr[td]"):
                cells = row.xpath("./td")
                if len(cells) != len(columns):
                    continue
                fields = dict(zip(columns, cells))
                symbol = _parse_symbol_cell(fields.get("meeting"))
                if not symbol or not symbol.startswith("S/PV."):
                    continue
                on = _parse_date(_text(fields.get("date")), year)
                topic = " ".join(_text(fields.get("topic")).split()) or None
                meeting = get_or_create_meeting(session, symbol, date.fromisoformat(on) if on else None, topic,
                                                flush=False)
                if topic and meeting.agenda_item_id is None:
                    meeting.agenda_item_id = agenda_item_id(session, topic)
                report.add("meetings_from_tables")
                statements.append((fields.get("outcome"), meeting))
            session.flush()
            _statements(session, statements, source, report)
        named = ensure_documents(session, [NamedDocument(d.symbol, d.title, d.url, d.kind) for d in item.documents], source)
        for vote in item.votes:
            document = named.get(_symbol(vote.document))
            if document is None:
                continue
            resolution = named.get(_symbol(vote.resolution)) if vote.resolution else None
            record_vote(session, meeting=vote.meeting, document=document, outcome=vote.outcome, resolution=resolution,
                        on=date.fromisoformat(vote.date) if vote.date else None, yes=vote.yes, no=vote.no,
                        abstain=vote.abstain, non_voting=vote.non_voting, members=vote.members, source=source,
                        locator=url)
            report.add("votes_from_tables")
    session.flush()


def _topics(root, columns: list[str]) -> list[str]:
    from crawler.spiders.dhl_meetings import _text

    topics = []
    for row in root.xpath("//table//tr[td]"):
        cells = row.xpath("./td")
        if len(cells) == len(columns):
            topic = " ".join(_text(dict(zip(columns, cells)).get("topic")).split())
            if topic:
                topics.append(topic)
    return topics


def _statements(session: Session, rows, source, report: LoadReport) -> None:
    """Presidential statements named in the outcome cells: acts adopted at the meeting."""
    found = []
    for cell, meeting in rows:
        for anchor in cell.xpath(".//a") if cell is not None else []:
            symbol = _symbol(" ".join(anchor.text_content().split()))
            if symbol and symbol.startswith("S/PRST/"):
                found.append((symbol, meeting))
    documents = ensure_documents(session, [NamedDocument(symbol, kind="statement") for symbol, _ in found], source)
    for symbol, meeting in found:
        act = act_for(session, documents[symbol])
        act.adopted_on = act.adopted_on or meeting.date
        act.meeting_id = act.meeting_id or meeting.id
        act.agenda_item_id = act.agenda_item_id or meeting.agenda_item_id
        _note_source(act, "adopted_on", "dhl_meetings")
        report.add("presidential_statements")


# --- the voting data ---------------------------------------------------------------

def _voting_data(session: Session, records: Iterable[votingdata.VotingRecord], report: LoadReport) -> None:
    source = get_or_create_source(session, "sc-voting-data", "Per-member Security Council voting data (oliverunv/Voting-Agent)")
    records = list(records)
    named = []
    for r in records:
        for symbol, kind in ((r.draft, "draft"), (r.resolution, "resolution"), (r.meeting, "meeting_record")):
            if symbol:
                named.append(NamedDocument(symbol, kind=kind))
    documents = ensure_documents(session, named, source)
    ensure_agenda_items(session, [(r.agenda_item, r.category, r.region) for r in records if r.agenda_item])
    links = []
    for r in records:
        draft, resolution = documents.get(r.draft) if r.draft else None, documents.get(r.resolution) if r.resolution else None
        subject = draft or resolution
        if subject is None:
            report.add("voting_records_without_symbol")
            continue
        counts = {k: sum(1 for v in r.members.values() if v == c) for k, c in (("yes", "Y"), ("no", "N"), ("abstain", "A"))}
        record_vote(session, meeting=r.meeting, document=subject, outcome=r.outcome, resolution=resolution, on=r.on,
                    members=r.members, members_complete=len(r.members) >= 11, source=source, source_name="sc-voting-data",
                    locator=r.locator, notes=[f"{q.kind}: {q.raw!r} read as {q.read_as!r}" for q in r.quirks] or None,
                    agenda_item=r.agenda_item, **counts)
        if r.agenda_item:
            agenda_item_id(session, r.agenda_item, r.category, r.region)
        if draft is not None:
            row = draft_for(session, draft)
            if r.sponsors and not row.sponsors:
                row.sponsors = r.sponsors
            if resolution is not None:
                links.append((draft, resolution, "adopted-as"))
        if r.meeting and r.meeting in documents:
            links.append((documents[r.meeting], resolution or draft, "meeting-of"))
        if resolution is not None and r.topic:
            act = act_for(session, resolution)
            act.subject = act.subject or r.topic
        report.add("votes_from_voting_data")
    ensure_links(session, links, source)


# --- the veto list -----------------------------------------------------------------

def _veto_list(session: Session, report: LoadReport) -> None:
    """Vetoed drafts 1946 – September 2022 (world-politics-datalab). Rows whose draft
    column holds a meeting record (the early years name no draft symbol) are counted,
    not loaded: a vote is on a draft."""
    source = get_or_create_source(session, "veto-list", "Vetoes in the Security Council 1946–2022 (world-politics-datalab)")
    with (HERE / VETO_LIST).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, 2):
        draft, meeting = _symbol(row.get("draft") or ""), _symbol(row.get("meeting_record") or "")
        if not draft or not draft.startswith("S/") or draft.startswith(("S/PV.", "S/RES/")):
            report.add("vetoes_without_draft_symbol")
            continue
        vetoers = [_VETO_NAMES.get(row[k].strip(), row[k].strip()) for k in ("member_veto1", "member_veto2", "member_veto3")
                   if (row.get(k) or "").strip()]
        try:
            on = datetime.strptime(row["date"].strip(), "%m/%d/%Y").date()
        except (KeyError, ValueError):
            on = None
        document = ensure_documents(session, [NamedDocument(draft, kind="draft")], source)[draft]
        record_vote(session, meeting=meeting if meeting and meeting.startswith("S/PV.") else None, document=document,
                    outcome="vetoed", on=on, members={m: "N" for m in vetoers}, members_complete=False,
                    source=source, source_name="veto-list", locator=f"{VETO_LIST}#line={number}",
                    agenda_item=" ".join((row.get("agenda_item") or "").split()) or None)
        report.add("vetoes")


# --- the founding story's news items -----------------------------------------------

def _news_items(session: Session, report: LoadReport) -> None:
    """News items of 18 November 2025 on S/RES/2803 (2025): metadata only (title, link,
    publication time), each a document that reports on the resolution."""
    source = get_or_create_source(session, "news-items", "News items on S/RES/2803 (2025) (public RSS link databases)")
    target = ensure_documents(session, [NamedDocument("S/RES/2803 (2025)", kind="resolution")], source)["S/RES/2803 (2025)"]
    pairs = []
    for line in (HERE / NEWS_ITEMS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        link = entry.get("link")
        if not link and entry.get("repo") and entry.get("path") and entry.get("commit"):
            # an item without a link of its own (a blog post's source file): its public address
            link = f"https://github.com/{entry['repo']}/blob/{entry['commit']}/{entry['path']}"
        if not link:
            continue
        key = f"news-items:{link}"[:600]
        document = session.scalar(select(Document).where(Document.key == key))
        if document is None:
            title = entry.get("title") or entry.get("description") or link
            published = (entry.get("date_published") or "")[:10]
            document = Document(key=key, kind="news", title=f"{title} ({published})" if published else title,
                                canonical_url=link, source_id=source.id)
            session.add(document)
            session.flush()
        pairs.append((document, target, "reports-on"))
        report.add("news_items")
    ensure_links(session, pairs, source)


def _symbol(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return normalise_symbol(raw)
    except SymbolError:
        return None


def main(argv: list[str]) -> int:
    """`python -m crawler.council.load [DATABASE_URL] [--force]`."""
    urls = [a for a in argv if not a.startswith("--")]
    report = load_council(urls[0] if urls else None, force="--force" in argv)
    print(json.dumps({"skipped": report.skipped, **report.counts, "quirks": len(report.quirks)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
