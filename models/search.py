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

from sqlalchemy import and_, bindparam, column, exists, func, literal_column, or_, select, table
from sqlalchemy.orm import Session, defer

from .documents import Document, Version

FTS_TABLE = "version_search"
PG_INDEX = "ix_version_search"
#: The expression the PostgreSQL index is built on; queries must repeat it exactly.
PG_DOCUMENT = "to_tsvector('english'::regconfig, coalesce(version.title, '') || ' ' || version.text)"
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"
MAX_CANDIDATES = 1000
#: Characters of a version's text a snippet (and, on PostgreSQL, the rank) looks at:
#: the cost of a hit is bounded whatever the size of the stored text.
SNIPPET_WINDOW = 100_000
SNIPPET_CHARS = 240
#: Words and phrases of a query used at most (each costs a pass over its doclist).
MAX_TERMS = 12
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
            parts.append('"' + " ".join(words[:MAX_TERMS]) + '"')
    for word in _WORD.findall(_PHRASE.sub(" ", query)):
        parts.append(f'"{word}"')
    unique = list(dict.fromkeys(parts))  # "a a a … a" is one term, not 140
    return " ".join(unique[:MAX_TERMS])


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
        symbol_year = or_(Document.symbol.like(f"% ({year})"), Document.symbol.like(f"S/{year}/%"))
        symbol_dated = or_(Document.symbol.like("% (____)"), Document.symbol.like("S/____/%"))
        conditions.append(or_(
            and_(Version.adopted_on >= start, Version.adopted_on < end),
            and_(Version.adopted_on.is_(None), symbol_year),
            and_(Version.adopted_on.is_(None), Document.symbol.is_(None) | ~symbol_dated,
                 Version.fetched_at >= start_t, Version.fetched_at < end_t),
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
    sort: str = "relevance",
    today: date | None = None,
) -> SearchResult:
    """Documents whose versions contain every word of `query`, best match first, one hit
    per document (its best-ranked matching version), optionally filtered by document kind,
    year (adoption date, else the symbol's year, else capture date) and mission (a fact's
    entity). Documents the query names by symbol ("2709", "res 2709", "S/2025/748") come
    first; the rest by relevance blended with recency and standing (`search_rank`), or by
    date, newest first, when `sort="date"`."""
    from .search_rank import named_documents, symbol_intent

    result = SearchResult(query=query)
    named = [d for d in named_documents(session, symbol_intent(query)) if _passes(session, d, kind, year, mission)]
    if session.get_bind().dialect.name == "sqlite":
        match = fts5_query(query)
        if not match:
            return _only_named(session, result, named, offset, limit)
        fts = table(FTS_TABLE, column("rowid"))
        ranked = select(fts.c.rowid.label("version_id"), literal_column(f"bm25({FTS_TABLE})").label("rank")).where(
            literal_column(FTS_TABLE).op("MATCH")(bindparam("match"))).subquery()
        order = ranked.c.rank.asc()
    else:
        if not _WORD.search(query):
            return _only_named(session, result, named, offset, limit)
        tsquery = func.websearch_to_tsquery(literal_column("'english'::regconfig"), bindparam("q"))
        document = literal_column(PG_DOCUMENT)
        bounded = func.to_tsvector(literal_column("'english'::regconfig"),
                                   func.left(func.coalesce(Version.title, "") + " " + Version.text, SNIPPET_WINDOW))
        ranked = select(Version.id.label("version_id"), func.ts_rank(bounded, tsquery).label("rank")).where(
            document.op("@@")(tsquery)).subquery()
        order = ranked.c.rank.desc()
    statement = (
        select(Version, Document, ranked.c.rank)
        .join(ranked, ranked.c.version_id == Version.id)
        .join(Document, Document.id == Version.document_id)
        .options(defer(Version.text), defer(Version.http_headers))
        .where(*_filters(kind, year, mission))
        .order_by(order, Version.id.desc())
        .limit(MAX_CANDIDATES)
    )
    sqlite = session.get_bind().dialect.name == "sqlite"
    params = {"match": match} if sqlite else {"q": query}
    best: dict[int, tuple[Version, Document, float]] = {}
    for version, document, rank in session.execute(statement, params):
        best.setdefault(document.id, (version, document, -float(rank) if sqlite else float(rank)))
    ordered = _order(list(best.values()), sort, today or date.today())
    pinned = [(latest, d) for d in named if (latest := _latest(session, d)) is not None]
    pinned_ids = {d.id for _, d in pinned}
    everything = pinned + [(v, d) for v, d in ordered if d.id not in pinned_ids]
    result.total = len(everything)
    page = everything[offset:offset + limit]
    snippets = _snippets(session, [v.id for v, _ in page], query)
    result.hits = [Hit(d, v, split_snippet(snippets.get(v.id))) for v, d in page]
    return result


def _order(rows: list, sort: str, today: date) -> list[tuple[Version, Document]]:
    from .search_rank import blended_order, year_of

    if sort == "date":
        def when(row):
            version, document, _ = row
            year = year_of(document, version.adopted_on, None)
            return version.adopted_on or (date(year, 7, 1) if year else version.fetched_at.date())
        return [(v, d) for v, d, _ in sorted(rows, key=when, reverse=True)]
    features = [(rank, year_of(d, v.adopted_on, v.fetched_at), d.kind) for v, d, rank in rows]
    return [(rows[i][0], rows[i][1]) for i in blended_order(features, today.year)]


def _latest(session: Session, document: Document) -> Version | None:
    return session.scalar(select(Version).options(defer(Version.text), defer(Version.http_headers))
                          .where(Version.document_id == document.id).order_by(Version.number.desc()).limit(1))


def _passes(session: Session, document: Document, kind, year, mission) -> bool:
    """Does a document named by symbol pass the search's filters (on its latest version)?"""
    if not (kind or year or mission):
        return True
    found = session.scalar(select(Version.id).join(Document, Document.id == Version.document_id)
                           .where(Version.document_id == document.id, *_filters(kind, year, mission)).limit(1))
    return found is not None


def _only_named(session: Session, result: SearchResult, named: list[Document], offset: int, limit: int) -> SearchResult:
    pinned = [(latest, d) for d in named if (latest := _latest(session, d)) is not None]
    result.total = len(pinned)
    result.hits = [Hit(d, v, []) for v, d in pinned[offset:offset + limit]]
    return result


def _snippets(session: Session, version_ids: list[int], query: str) -> dict[int, str]:
    """A highlighted passage of each version, read from the first SNIPPET_WINDOW
    characters only (the database's own snippet functions read the whole text: minutes
    for a 45 MB document)."""
    if not version_ids:
        return {}
    rows = session.execute(select(Version.id, func.substr(Version.text, 1, SNIPPET_WINDOW))
                           .where(Version.id.in_(version_ids)))
    pattern = _query_pattern(query)
    return {row[0]: bounded_snippet(row[1] or "", pattern) for row in rows}


def _query_pattern(query: str) -> re.Pattern | None:
    """Each query word, matched at a word start with any ending ("decides" finds "decided")."""
    stems = sorted({_stem(w.lower()) for w in _WORD.findall(query)[:32]}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w{0,12}", re.IGNORECASE)


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def bounded_snippet(text: str, pattern: re.Pattern | None, width: int = SNIPPET_CHARS) -> str:
    """About `width` characters around the first match in `text`, matches marked with
    HIGHLIGHT_START/STOP; linear in len(text), which the caller bounds."""
    text = text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, "")
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - width // 3)
    end = min(len(text), start + width)
    passage = " ".join(text[start:end].split())
    if pattern:
        passage = pattern.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_STOP}", passage)
    return ("…" if start else "") + passage + ("…" if end < len(text) else "")
