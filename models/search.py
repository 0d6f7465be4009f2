"""Full-text search over stored versions: SQLite FTS5, PostgreSQL full-text search.

The index is kept by the database itself (revision "0004_search"): on SQLite an
external-content FTS5 table `version_search` filled by an AFTER INSERT trigger on
`version` (versions are append-only, so inserts are all there is); on PostgreSQL a GIN
index over `to_tsvector('english', title || ' ' || text)`. Neither is an ORM model, so
`include_name` tells Alembic's comparisons to leave them alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import and_, bindparam, column, exists, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from .documents import Document, Fact, Version

FTS_TABLE = "version_search"
PG_INDEX = "ix_version_search"
#: The expression the PostgreSQL index is built on; queries must repeat it exactly.
PG_DOCUMENT = "to_tsvector('english'::regconfig, coalesce(version.title, '') || ' ' || version.text)"
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"
MAX_CANDIDATES = 1000
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic `include_name` hook: False for the search index and FTS5's shadow tables."""
    if type_ == "table" and name and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    if type_ == "index" and name == PG_INDEX:
        return False
    return True


@dataclass(frozen=True)
class Hit:
    """One matching document: its best-ranked matching version and a highlighted snippet."""

    document: Document
    version: Version
    snippet: list[tuple[str, bool]]  # (text, highlighted)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0


def fts5_query(query: str) -> str:
    """A user's words as a safe FTS5 query: each word or "quoted phrase" quoted, all required.

    `Decides "all necessary measures" MINUSCA` → `"decides" "all necessary measures" "minusca"`;
    FTS5 operators and column filters typed by a user are treated as words.
    """
    parts: list[str] = []
    for phrase in _PHRASE.findall(query):
        words = _WORD.findall(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    for word in _WORD.findall(_PHRASE.sub(" ", query)):
        parts.append(f'"{word}"')
    return " ".join(parts)


def split_snippet(snippet: str | None) -> list[tuple[str, bool]]:
    """"…extend the \\x02mandate\\x03 of…" → [("…extend the ", False), ("mandate", True), …]."""
    out: list[tuple[str, bool]] = []
    for index, piece in enumerate(re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_STOP}]", snippet or "")):
        if piece:
            out.append((piece, index % 2 == 1))
    return out


def _filters(kind: str | None, year: int | None, mission: str | None) -> list:
    conditions = []
    if kind:
        conditions.append(Document.kind == kind)
    if year:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
        start_t, end_t = (datetime(d.year, 1, 1, tzinfo=timezone.utc) for d in (start, end))
        conditions.append(or_(
            and_(Version.adopted_on >= start, Version.adopted_on < end),
            and_(Version.adopted_on.is_(None), Version.fetched_at >= start_t, Version.fetched_at < end_t),
        ))
    if mission:
        from .mandates.tables import MandateStep  # the mission's lineage, by registry id ("MINUSCA")

        conditions.append(exists().where(MandateStep.document_id == Version.document_id, MandateStep.entity_id == mission))
    return conditions


def search(
    session: Session,
    query: str,
    *,
    kind: str | None = None,
    year: int | None = None,
    mission: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Documents whose versions contain every word of `query`, best match first, one hit
    per document (its best-ranked matching version), optionally filtered by document kind,
    year (adoption date, else capture date) and mission (a fact's entity)."""
    result = SearchResult(query=query)
    if session.get_bind().dialect.name == "sqlite":
        match = fts5_query(query)
        if not match:
            return result
        fts = table(FTS_TABLE, column("rowid"))
        ranked = select(fts.c.rowid.label("version_id"), literal_column(f"bm25({FTS_TABLE})").label("rank")).where(
            literal_column(FTS_TABLE).op("MATCH")(bindparam("match"))).subquery()
        order = ranked.c.rank.asc()
    else:
        if not _WORD.search(query):
            return result
        tsquery = func.websearch_to_tsquery(literal_column("'english'::regconfig"), bindparam("q"))
        document = literal_column(PG_DOCUMENT)
        ranked = select(Version.id.label("version_id"), func.ts_rank(document, tsquery).label("rank")).where(
            document.op("@@")(tsquery)).subquery()
        order = ranked.c.rank.desc()
    statement = (
        select(Version, Document)
        .join(ranked, ranked.c.version_id == Version.id)
        .join(Document, Document.id == Version.document_id)
        .where(*_filters(kind, year, mission))
        .order_by(order, Version.id.desc())
        .limit(MAX_CANDIDATES)
    )
    params = {"match": match} if session.get_bind().dialect.name == "sqlite" else {"q": query}
    best: dict[int, tuple[Version, Document]] = {}
    for version, document in session.execute(statement, params):
        best.setdefault(document.id, (version, document))
    result.total = len(best)
    page = list(best.values())[offset:offset + limit]
    snippets = _snippets(session, [v.id for v, _ in page], query, params)
    result.hits = [Hit(d, v, split_snippet(snippets.get(v.id))) for v, d in page]
    return result


def _snippets(session: Session, version_ids: list[int], query: str, params: dict) -> dict[int, str]:
    if not version_ids:
        return {}
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(text(
            f"SELECT rowid, snippet({FTS_TABLE}, 1, char(2), char(3), '…', 32) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH :match AND rowid IN ({','.join(str(int(i)) for i in version_ids)})"
        ), params)
    else:
        rows = session.execute(text(
            "SELECT id, ts_headline('english'::regconfig, text, websearch_to_tsquery('english'::regconfig, :q), "
            "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=32, MinWords=12') "
            f"FROM version WHERE id IN ({','.join(str(int(i)) for i in version_ids)})"
        ), params)
    return {row[0]: row[1] for row in rows}
