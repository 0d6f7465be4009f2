"""Which confirmed subscriptions an outbox event concerns.

An event is read once into an `EventContext` (the document, the comparison JSON the
compare page renders, the text) and matched against an index of subscriptions:
  document  the symbol, its /Rev.n, /Corr.n, /Add.n, a resolution a followed draft
            was "adopted-as", and news or statements that "reports-on" any of them;
  mandate   a changed "mandate_end", "mandate_period_months", "troop_ceiling" or
            "police_ceiling" fact of that entity ("MINUSCA"), a renewal included;
  topic     the words in the title or text ("Central African Republic");
  member    a recorded vote of that member, or a statement, press release or meeting
            record that names it;
  search    every term (or "quoted phrase") in the text, one of them in a changed passage.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.documents import Document, DocumentKind, Link, LinkKind, Version
from models.readback import parsed_version
from models.subscriptions import AlertEvent, EventKind, Subscription, SubscriptionState, Suppression, TargetKind
from models.text.diff import compare
from models.text.structure import ParsedText

from ..comparisons import ComparisonCache, side

MANDATE_KINDS = frozenset({"mandate_end", "mandate_period_months", "troop_ceiling", "police_ceiling"})
STATEMENT_KINDS = frozenset({
    DocumentKind.MEETING_RECORD.value, DocumentKind.STATEMENT.value,
    DocumentKind.PRESS_RELEASE.value, DocumentKind.NEWS.value,
})
_SUFFIX = re.compile(r"/(?:Rev|Corr|Add|Amend)\.\d+$")


@dataclass
class EventContext:
    """What one event is about, read once per relay run."""

    event_id: int
    kind: str
    created_at: Any
    document: Document | None = None
    new: Version | None = None
    previous: Version | None = None
    diff: dict[str, Any] | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    followed_symbols: set[str] = field(default_factory=set)
    text: str = ""          # casefolded title + text of the new version
    changed_text: str = ""  # casefolded text of inserted and edited passages

    @property
    def changed_entities(self) -> set[str]:
        """Entities whose mandate facts changed, appeared or disappeared."""
        return {
            (f.get("entity") or "").casefold()
            for f in (self.diff or {}).get("facts", [])
            if f.get("kind") in MANDATE_KINDS and f.get("change") != "unchanged" and f.get("entity")
        }


@dataclass(frozen=True)
class SubRow:
    id: int
    email: str
    target_kind: str
    target_value: str
    frequency: str
    remind_days: int | None


def _changed_passages(entries: Iterable[dict[str, Any]]) -> Iterable[str]:
    for entry in entries:
        if entry.get("change") not in ("unchanged", "renumbered") and entry.get("new_text"):
            yield entry["new_text"]
        yield from _changed_passages(entry.get("children") or [])


def _symbols_followed_by(session: Session, document: Document) -> set[str]:
    """The names a follower of this document may have subscribed under: its own, and
    those of the documents it "reports-on" (a news item on a draft reaches the draft's
    followers)."""
    names = _own_names(session, document)
    reported = session.scalars(
        select(Document).join(Link, Link.to_id == Document.id)
        .where(Link.from_id == document.id, Link.kind == LinkKind.REPORTS_ON.value)
    ).all()
    for target in reported:
        names |= _own_names(session, target)
    return names


def _own_names(session: Session, document: Document) -> set[str]:
    """The symbol, its base without /Rev.n, /Corr.n, /Add.n, the drafts it was adopted
    from and the documents it revises."""
    names = {document.key}
    if document.symbol:
        symbol = document.symbol
        names.add(symbol)
        while _SUFFIX.search(symbol):
            symbol = _SUFFIX.sub("", symbol)
            names.add(symbol)
    drafts = session.scalars(
        select(Document.symbol).join(Link, Link.from_id == Document.id)
        .where(Link.to_id == document.id, Link.kind == LinkKind.ADOPTED_AS.value)
    ).all()
    revised = session.scalars(
        select(Document.symbol).join(Link, Link.to_id == Document.id)
        .where(Link.from_id == document.id, Link.kind == LinkKind.REVISES.value)
    ).all()
    names.update(s for s in (*drafts, *revised) if s)
    return names


def load_context(session: Session, event: AlertEvent, comparisons: ComparisonCache) -> EventContext:
    """Read an event's document, versions and comparison (as the compare page shows it)."""
    ctx = EventContext(event.id, event.kind, event.created_at, payload=dict(event.payload or {}))
    if event.document_id is not None:
        ctx.document = session.get(Document, event.document_id)
        ctx.followed_symbols = _symbols_followed_by(session, ctx.document)
    if event.kind == EventKind.VERSION.value:
        versions = {
            v.number: v for v in session.scalars(select(Version).where(
                Version.document_id == event.document_id,
                Version.number.in_([n for n in (event.version_number, event.previous_number) if n]),
            ))
        }
        ctx.new, ctx.previous = versions[event.version_number], versions.get(event.previous_number)
        if ctx.previous is not None:
            ctx.diff = comparisons.get(ctx.previous, ctx.new)
        else:
            ctx.diff = compare(ParsedText(), parsed_version(ctx.new), old_ref={}, new_ref=side(ctx.new)).to_json()
        ctx.text = f"{ctx.new.title or ''}\n{ctx.new.text}".casefold()
        ctx.changed_text = "\n".join(_changed_passages(ctx.diff.get("paragraphs", []))).casefold()
    return ctx


@lru_cache(maxsize=4096)
def _word_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.casefold().split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def search_terms(query: str) -> tuple[str, ...]:
    """`"all necessary measures" MINUSCA` → ("all necessary measures", "MINUSCA")."""
    try:
        terms = shlex.split(query)
    except ValueError:  # an unbalanced quote: take the words as they are
        terms = query.replace('"', " ").split()
    return tuple(t for t in terms if t.strip())


def _mentions(text: str, phrase: str) -> bool:
    return bool(phrase.split()) and _word_pattern(phrase).search(text) is not None


class SubscriptionIndex:
    """Confirmed subscriptions of addresses that are not suppressed, by target."""

    def __init__(self, rows: Iterable[SubRow]) -> None:
        self.by_document: dict[str, list[SubRow]] = {}
        self.by_entity: dict[str, list[SubRow]] = {}
        self.topics: list[SubRow] = []
        self.members: list[SubRow] = []
        self.searches: list[tuple[SubRow, tuple[str, ...]]] = []
        for row in rows:
            if row.target_kind == TargetKind.DOCUMENT.value:
                self.by_document.setdefault(row.target_value, []).append(row)
            elif row.target_kind == TargetKind.MANDATE.value:
                self.by_entity.setdefault(row.target_value.casefold(), []).append(row)
            elif row.target_kind == TargetKind.TOPIC.value:
                self.topics.append(row)
            elif row.target_kind == TargetKind.MEMBER.value:
                self.members.append(row)
            elif row.target_kind == TargetKind.SEARCH.value:
                self.searches.append((row, search_terms(row.target_value)))

    @classmethod
    def load(cls, session: Session) -> "SubscriptionIndex":
        suppressed = select(Suppression.email)
        rows = session.execute(
            select(Subscription.id, Subscription.email, Subscription.target_kind, Subscription.target_value,
                   Subscription.frequency, Subscription.remind_days)
            .where(Subscription.state == SubscriptionState.CONFIRMED.value, Subscription.email.not_in(suppressed))
        ).all()
        return cls(SubRow(*row) for row in rows)

    def matches(self, ctx: EventContext) -> list[SubRow]:
        """Every subscription the event concerns, each once."""
        found: dict[int, SubRow] = {}

        def add(rows: Iterable[SubRow]) -> None:
            for row in rows:
                found.setdefault(row.id, row)

        if ctx.kind == EventKind.VERSION.value:
            for name in ctx.followed_symbols:
                add(self.by_document.get(name, ()))
            for entity in ctx.changed_entities:
                add(self.by_entity.get(entity, ()))
            add(r for r in self.topics if _mentions(ctx.text, r.target_value))
            if ctx.document is not None and ctx.document.kind in STATEMENT_KINDS:
                add(r for r in self.members if _mentions(ctx.text, r.target_value))
            add(row for row, terms in self.searches if self._search_hits(ctx, terms))
        elif ctx.kind == EventKind.VOTE.value:
            voters = {m.casefold() for m in (ctx.payload.get("members") or {})}
            add(r for r in self.members if r.target_value.casefold() in voters)
            for name in ctx.followed_symbols:
                add(self.by_document.get(name, ()))
        return list(found.values())

    @staticmethod
    def _search_hits(ctx: EventContext, terms: tuple[str, ...]) -> bool:
        if not terms or not all(_mentions(ctx.text, t) for t in terms):
            return False
        return ctx.previous is None or any(_mentions(ctx.changed_text, t) for t in terms)
