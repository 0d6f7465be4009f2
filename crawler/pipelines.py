"""The one pipeline: each item is stored in ONE writer transaction through
`models.store.record_version` — the version (if the text is new), the documents and
links it names, its votes, the WARC record of its raw response, and the page's fetch
state. A page whose extracted text and validators are as last seen writes nothing."""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import select

from models.captures import record_captures
from models.crawls import CrawlCapture, CrawlPage
from models.db import instance_path
from models.documents import Document, Paragraph, Source
from models.integrity import IncompleteCapture, admit, check_text
from models.quarantine import hold
from models.rawtext import RawTextError
from models.store import StoreError, document_key, get_or_create_source, latest_version, record_version, text_hash
from models.text.symbols import SymbolError, normalise_symbol, symbol_kind
from models.votes_store import NamedDocument, ensure_documents, ensure_links, record_vote

from .database import database_for
from .health import run_id
from .items import DocumentItem
from .parsing import Reader, ReadText, page_digest, read as read_text  # noqa: F401  (page_digest: imported from here by others)
from .urls import canonical_url
from .warc import WarcArchive

logger = logging.getLogger(__name__)


@dataclass
class PageState:
    text_sha256: str | None
    etag: str | None
    last_modified: str | None


def url_digest(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.replaying = bool(crawler.settings.get("REPLAY_FILE"))
        self.warc_dir = Path(crawler.settings.get("WARC_DIR") or instance_path() / "warc")
        self.archive: WarcArchive | None = None
        self.pages: dict[str, PageState] = {}
        self.source_id: int | None = None
        self.reader = Reader(crawler.settings.getint("COUNCILWATCH_PARSE_WORKERS", 0))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.db = database_for(self.crawler)
        self.run_id = run_id(self.crawler)
        with self.db.writer() as session:
            source = get_or_create_source(session, spider.name, getattr(spider, "source_title", None),
                                          getattr(spider, "source_url", None))
            self.source_id = source.id
        with self.db.reader() as session:
            rows = session.execute(select(CrawlPage.url_sha256, CrawlPage.text_sha256, CrawlPage.etag,
                                          CrawlPage.last_modified).where(CrawlPage.spider == spider.name))
            self.pages = {key: PageState(text, etag, modified) for key, text, etag, modified in rows}

    def close_spider(self) -> None:
        self.reader.close()
        if self.archive is not None:
            self.archive.close()

    def process_item(self, item: DocumentItem):
        """Store the item; with parse workers, its text is read in a worker meanwhile and a
        coroutine is returned (Scrapy awaits it), else all happens here."""
        if not isinstance(item, DocumentItem):
            raise DropItem(f"not a DocumentItem: {type(item).__name__}")
        url = canonical_url(item.url)
        key, etag, modified = url_digest(url), _header(item, "ETag"), _header(item, "Last-Modified")
        known = self.pages.get(key)
        last = known.text_sha256 if known and (known.etag, known.last_modified) == (etag, modified) else None
        args = (item.raw, item.text, _name(url), item.media_type, item.keyed_by_url, last)
        if self.reader.workers:
            return self._read_then_write(item, url, key, etag, modified, args)  # Scrapy awaits it
        try:
            read = read_text(*args)
        except (RawTextError, ValueError) as error:  # no text in the bytes, or none a reader takes
            self._unreadable(url, error)
        return self._write(item, url, key, etag, modified, read)

    async def _read_then_write(self, item: DocumentItem, url: str, key: str, etag, modified, args) -> DocumentItem:
        try:  # bytes to text and its parse, in a worker: off the writer's path (see crawler.parsing)
            read = await self.reader.read(*args)
        except (RawTextError, ValueError) as error:
            self._unreadable(url, error)
        return self._write(item, url, key, etag, modified, read)

    def _unreadable(self, url: str, error: ValueError) -> None:
        self.crawler.stats.inc_value("councilwatch/store_failed")
        if isinstance(error, IncompleteCapture):  # cut short: the crawl must fail
            self.crawler.stats.inc_value("councilwatch/store_refused")
        raise DropItem(f"{url}: {error}") from None

    def _write(self, item: DocumentItem, url: str, key: str, etag, modified, read: ReadText) -> DocumentItem:
        stats = self.crawler.stats
        if read.parsed is None:
            stats.inc_value("councilwatch/pages_unchanged")
            return item
        try:
            with self.db.writer() as session:
                created = self._store(session, item, url, read, key, etag, modified)
        except IncompleteCapture as error:
            stats.inc_value("councilwatch/store_failed")
            stats.inc_value("councilwatch/store_refused")
            raise DropItem(f"{url}: {error}") from None
        except (StoreError, SymbolError, ValueError) as error:
            stats.inc_value("councilwatch/store_failed")
            raise DropItem(f"{url}: {error}") from None
        if created is None:
            stats.inc_value("councilwatch/pages_held")
            return item
        self.pages[key] = PageState(read.digest, etag, modified)
        stats.inc_value("councilwatch/pages_new" if created else "councilwatch/pages_unchanged")
        return item

    def _store(self, session, item: DocumentItem, url: str, read: ReadText, key: str,
               etag: str | None, modified: str | None) -> bool | None:
        """True: a new version; False: nothing new; None: held in quarantine."""
        source = session.get(Source, self.source_id)
        text, digest, parsed = read.text, read.digest, read.parsed
        if self._held(session, item, url, text, parsed, source):
            return None
        recorded = record_version(
            session, text=text, raw=item.raw, media_type=item.media_type, symbol=item.symbol,
            source=source, url=url, kind=item.kind, title=item.title, fetched_at=item.fetched_at,
            etag=etag, last_modified=modified, headers=item.headers, parsed=read.parsed,
            text_sha256=read.text_sha256,
        )
        own = recorded.version.document
        if recorded.created:
            self._capture(session, item, recorded.version.id, url)
        named = ensure_documents(session, _named(item), source)
        record_captures(session, (d.id for d in named.values()), spider=self.crawler.spider.name, page_url=url,
                        found_on=canonical_url(item.found_on) if item.found_on else None, seen_at=item.fetched_at,
                        run_id=self.run_id, own=(own.id, recorded.version.id))
        self._links(session, item, own, named, source)
        self._votes(session, item, named, source)
        self._quoted_texts(session, item, source)
        self._page_state(session, key, url, digest, etag, modified, recorded.version.id, item.fetched_at)
        return recorded.created

    def _held(self, session, item: DocumentItem, url: str, text: str, parsed, source) -> bool:
        """Refuse a text cut short (IncompleteCapture); hold one deleting most of its
        document (quarantine); False lets it be stored."""
        symbol = item.symbol or parsed.symbol
        document = session.scalar(select(Document).where(Document.key == document_key(symbol, source.name, url)))
        previous = latest_version(session, document) if document is not None else None
        had_operative = previous is not None and session.scalar(select(Paragraph.id).where(
            Paragraph.version_id == previous.id, Paragraph.kind == "operative").limit(1)) is not None
        check_text(parsed, text, symbol=symbol and _symbol(symbol), previous_text=previous.text if previous else None,
                   previous_had_operative=had_operative)
        if previous is None or text_hash(parsed, text) == previous.text_sha256:
            return False
        admission = admit(parsed, text, previous_text=previous.text)
        if not admission.hold:
            return False
        _, fresh = hold(session, document=document, previous_number=previous.number, reason=admission.reason,
                        text=text, text_sha256=text_hash(parsed, text), raw=item.raw, media_type=item.media_type,
                        url=url, kind=item.kind, title=item.title, source=source, fetched_at=item.fetched_at,
                        etag=_header(item, "ETag"), last_modified=_header(item, "Last-Modified"),
                        headers=item.headers)
        if fresh:
            logger.warning("held for review: %s v%d would %s (councilwatch quarantine list)",
                           document.key, previous.number + 1, admission.reason)
        return True

    def _capture(self, session, item: DocumentItem, version_id: int, url: str) -> None:
        if item.warc_file is not None and item.warc_offset is not None:
            warc_file, offset, record_id = item.warc_file, item.warc_offset, item.warc_record_id or ""
        else:
            archive = self._archive()
            offset, record_id = archive.write_response(item.url, item.status, item.headers, item.raw, item.fetched_at)
            warc_file = str(archive.path)
        session.add(CrawlCapture(version_id=version_id, run_id=self.run_id, url=url, fetched_at=item.fetched_at,
                                 warc_file=warc_file, warc_offset=offset, warc_record_id=record_id))

    def _archive(self) -> WarcArchive:
        if self.archive is None:
            name = self.crawler.spider.name
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            path = self.warc_dir / name / f"{name}-{stamp}-{os.getpid()}.warc.gz"
            self.archive = WarcArchive(path, info={"operator-crawl": name})
            self.crawler.stats.set_value("councilwatch/warc_file", str(path))
        return self.archive

    def _links(self, session, item: DocumentItem, own: Document, named: dict[str, Document], source) -> None:
        pairs = []
        for link in item.links:
            start = own if link.source is None else named.get(_symbol(link.source))
            end = own if link.target is None else named.get(_symbol(link.target))
            if start is not None and end is not None:
                pairs.append((start, end, link.kind))
        ensure_links(session, pairs, source)

    def _votes(self, session, item: DocumentItem, named: dict[str, Document], source) -> None:
        for vote in item.votes:
            document = named.get(_symbol(vote.document))
            if document is None:
                continue
            resolution = named.get(_symbol(vote.resolution)) if vote.resolution else None
            record_vote(session, meeting=vote.meeting, document=document, outcome=vote.outcome,
                        resolution=resolution, on=date.fromisoformat(vote.date) if vote.date else None,
                        yes=vote.yes, no=vote.no, abstain=vote.abstain, non_voting=vote.non_voting,
                        members=vote.members, source=source, locator=canonical_url(item.url))

    def _quoted_texts(self, session, item: DocumentItem, source) -> None:
        """A press release quoting an adopted resolution (or presidential statement) in full: the provisional text,
        stored only while the resolution has no text of its own yet."""
        for symbol, quoted in item.extra.get("quoted_texts", {}).items():
            document = session.scalar(select(Document).where(Document.key == _symbol(symbol)))
            if document is not None and document.versions:
                continue
            record_version(session, text=quoted, raw=quoted.encode("utf-8"), media_type="text/plain",
                           symbol=symbol, source=source, url=canonical_url(item.url), kind=symbol_kind(_symbol(symbol)),
                           fetched_at=item.fetched_at)

    def _page_state(self, session, key, url, digest, etag, modified, version_id, fetched_at) -> None:
        spider = self.crawler.spider.name
        page = session.scalar(select(CrawlPage).where(CrawlPage.spider == spider, CrawlPage.url_sha256 == key))
        if page is None:
            page = CrawlPage(spider=spider, url_sha256=key, url=url)
            session.add(page)
        page.text_sha256, page.etag, page.last_modified = digest, etag, modified
        page.version_id, page.fetched_at = version_id, fetched_at


def _named(item: DocumentItem) -> list[NamedDocument]:
    named = [NamedDocument(d.symbol, d.title, d.url, d.kind) for d in item.documents]
    mentioned = {ref for link in item.links for ref in (link.source, link.target) if ref}
    mentioned |= {ref for vote in item.votes for ref in (vote.document, vote.resolution) if ref}
    named += [NamedDocument(ref) for ref in sorted(mentioned)]
    return named


def _symbol(raw: str) -> str:
    try:
        return normalise_symbol(raw)
    except SymbolError:
        return raw


def _header(item: DocumentItem, name: str) -> str | None:
    for key, value in item.headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1] or "index.html"
