"""Mandate lineages, materialised when a resolution's version is recorded.

For each entity of the registry: the held resolutions that establish, renew, adjust or
end its mandate (steps), the resolutions another source lists that the archive does not
hold (gaps: "8 resolutions between them are not in the archive"), and the last known end.
Status is read against today: current, ended, or last known end (the end we hold has
passed and no later text is held).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, joinedload

from ..documents import Document, DocumentKind, Version
from ..text.structure import ParsedText
from .registry import Entity, Registry, load_registry, resolution_number
from .resolve import resolve
from .tables import MandateState, MandateStep

STEP_KINDS = ("mandate_end", "mandate_period_months", "troop_ceiling", "police_ceiling", "all_necessary_measures")
_END = re.compile(r"\b(?:terminat\w*|final\s+(?:period|extension)|decides\s+to\s+end|cease\s+to\s+exist|close\s+(?:the\s+)?(?:mission|office))\b",
                  re.IGNORECASE)
_RENEW = re.compile(r"\b(?:extend\w*|extension|renew\w*|prolong\w*)\b", re.IGNORECASE)


def materialise(session: Session, document: Document, version: Version, parsed: ParsedText,
                registry: Registry | None = None, replace: bool | None = None) -> list[MandateStep]:
    """Replace this resolution's steps with what `version` decides, then refresh the state
    of every entity it touches or that lists it. Runs in the caller's transaction."""
    registry = registry or load_registry()
    if document.kind != DocumentKind.RESOLUTION.value:
        return []
    number = resolution_number(document.symbol)
    old: set[str] = set()
    if replace or (replace is None and version.number > 1):  # a new text replaces what the earlier decided
        old = set(session.scalars(select(MandateStep.entity_id).where(MandateStep.document_id == document.id)))
        session.execute(delete(MandateStep).where(MandateStep.document_id == document.id))
    steps = list(_steps(registry, document, version, parsed, number))
    session.add_all(steps)
    session.flush()
    touched = old | {s.entity_id for s in steps} | set(registry.by_known.get(number, ()) if number else ())
    for entity_id in sorted(touched):
        refresh_state(session, registry.entities[entity_id]) if entity_id in registry.entities else None
    return steps


def _clauses(parsed: ParsedText) -> dict[str, str]:
    out = {}
    for top in parsed.paragraphs:
        for paragraph in top.walk():
            out[paragraph.anchor] = paragraph.text
    return out


def decisions(registry: Registry, parsed: ParsedText, number: int | None) -> dict[str, dict[str, Any]]:
    """Entity id → {fact kind: (value, paragraph anchor), "clauses": [...]} for what the
    operative part of a parsed resolution decides (no database)."""
    clauses = _clauses(parsed)
    found: dict[str, dict[str, Any]] = {}
    for fact in parsed.facts:
        if fact.kind not in STEP_KINDS or fact.reported:
            continue
        if fact.paragraph and not fact.paragraph.startswith("op"):
            continue  # a preambular recollection decides nothing
        clause = clauses.get(fact.paragraph or "", fact.evidence)
        entity = resolve(registry, fact.entity, clause, number)
        if entity is None:
            continue
        values = found.setdefault(entity.id, {"clauses": []})
        values.setdefault(fact.kind, (fact.value, fact.paragraph))
        values["clauses"].append(clause)
    return found


def _steps(registry: Registry, document: Document, version: Version, parsed: ParsedText,
           number: int | None) -> Iterable[MandateStep]:
    info = registry.agenda_of(number)
    adopted = version.adopted_on or (date.fromisoformat(info.adopted_on) if info and info.adopted_on else None)
    decided = decisions(registry, parsed, number)
    for entity_id in registry.by_known.get(number, ()) if number is not None else ():
        if entity_id not in decided:  # listed by another source; no mandate terms read from the text
            entity = registry.entities[entity_id]
            yield MandateStep(
                entity_id=entity_id, document_id=document.id, version_id=version.id, symbol=document.symbol,
                resolution_number=number, adopted_on=adopted, action=_listed_action(entity, number), paragraphs={})
    for entity_id, values in decided.items():
        entity = registry.entities[entity_id]
        end = _date(values.get("mandate_end", (None,))[0])
        period = _int(values.get("mandate_period_months", (None,))[0])
        yield MandateStep(
            entity_id=entity_id, document_id=document.id, version_id=version.id, symbol=document.symbol,
            resolution_number=number, adopted_on=adopted, action=_action(entity, number, values["clauses"], end or period),
            mandate_end=end, period_months=period,
            troop_ceiling=_int(values.get("troop_ceiling", (None,))[0]),
            police_ceiling=_int(values.get("police_ceiling", (None,))[0]),
            paragraphs={k: v[1] for k, v in values.items() if k != "clauses"},
        )


def _action(entity: Entity, number: int | None, clauses: list[str], has_term: Any) -> str:
    if number is not None and number == entity.established_by:
        return "establish"
    text = " ".join(clauses)
    if (number is not None and number == entity.ended_by) or _END.search(text):
        return "end"
    if has_term and _RENEW.search(text):
        return "renew"
    return "adjust"


def _listed_action(entity: Entity, number: int) -> str:
    if number == entity.established_by:
        return "establish"
    if number == entity.ended_by:
        return "end"
    known = next((k for k in entity.known if k.number == number), None)
    return known.action if known is not None and known.action in ("renew", "adjust") else "adjust"


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _held(session: Session, symbols: list[str]) -> set[str]:
    """Which of these resolution symbols the archive holds a text of (a version)."""
    held: set[str] = set()
    for start in range(0, len(symbols), 500):
        chunk = symbols[start:start + 500]
        held.update(session.scalars(
            select(Document.symbol).where(Document.symbol.in_(chunk),
                                          exists().where(Version.document_id == Document.id))))
    return held


def refresh_state(session: Session, entity: Entity) -> MandateState:
    """Recompute one entity's summary and gaps from its stored steps."""
    steps = list(session.scalars(select(MandateStep).where(MandateStep.entity_id == entity.id)
                                 .order_by(MandateStep.resolution_number, MandateStep.id)))
    numbers = [s.resolution_number for s in steps if s.resolution_number is not None]
    known = {k.number: k.symbol for k in entity.known}
    held = _held(session, sorted(known.values()))
    missing = sorted(n for n, symbol in known.items() if symbol not in held and n not in numbers)
    gaps = _gaps(numbers, [s.symbol for s in steps], missing, known)
    with_end = [s for s in steps if s.mandate_end]
    state = session.get(MandateState, entity.id) or MandateState(entity_id=entity.id)
    state.steps = len(steps)
    state.last_symbol = steps[-1].symbol if steps else None
    state.last_adopted_on = steps[-1].adopted_on if steps else None
    state.ends_on = with_end[-1].mandate_end if with_end else None
    state.ends_by = with_end[-1].symbol if with_end else None
    state.ended = any(s.action == "end" for s in steps) or (entity.ended_by is not None and entity.ended_by in numbers)
    state.later_known = sum(1 for n in missing if not numbers or n > numbers[-1])
    state.gaps = gaps
    session.add(state)
    session.flush()
    return state


def _gaps(numbers: list[int], symbols: list[str], missing: list[int], known: dict[int, str]) -> list[dict[str, Any]]:
    """Known resolutions not in the archive, between held steps (and after the last)."""
    if not numbers:
        return [{"after": None, "before": None, "known_symbols": [known[n] for n in missing]}] if missing else []
    out = []
    bounds = list(zip([None, *symbols], [None, *numbers], [*symbols, None], [*numbers, None]))
    for after_symbol, after, before_symbol, before in bounds:
        between = [n for n in missing if (after is None or n > after) and (before is None or n < before)]
        if between:
            out.append({"after": after_symbol, "before": before_symbol, "known_symbols": [known[n] for n in between]})
    return out


def status(state: MandateState | None, today: date) -> str:
    """current | ended | last_known_end | unknown, against `today`."""
    if state is None or not state.steps:
        return "unknown"
    if state.ended:
        return "ended"
    if state.ends_on is None:
        return "unknown"
    return "current" if state.ends_on >= today else "last_known_end"


@dataclass(frozen=True)
class Expiring:
    entity: Entity
    state: MandateState
    days: int


def expiring(session: Session, today: date, days: int = 60, registry: Registry | None = None) -> list[Expiring]:
    """Current mandates whose last known end falls within `days` of `today` (stored states only)."""
    registry = registry or load_registry()
    rows = session.scalars(select(MandateState).where(
        MandateState.ended.is_(False), MandateState.ends_on >= today, MandateState.ends_on <= today + timedelta(days=days))
        .order_by(MandateState.ends_on, MandateState.entity_id))
    return [Expiring(registry.entities[s.entity_id], s, (s.ends_on - today).days) for s in rows
            if s.entity_id in registry.entities]


def steps_of(session: Session, entity_id: str) -> list[MandateStep]:
    """An entity's steps in resolution order, with their documents and version numbers
    (not the versions' texts)."""
    return list(session.scalars(
        select(MandateStep).where(MandateStep.entity_id == entity_id)
        .options(joinedload(MandateStep.document),
                 joinedload(MandateStep.version).load_only(Version.id, Version.document_id, Version.number,
                                                           Version.fetched_at, Version.adopted_on))
        .order_by(MandateStep.resolution_number, MandateStep.id)))


def entities_of(session: Session, document: Document) -> list[MandateStep]:
    """The steps a resolution decides (one per entity), terms first."""
    steps = list(session.scalars(select(MandateStep).where(MandateStep.document_id == document.id)))
    return sorted(steps, key=lambda s: (s.mandate_end is None and s.period_months is None, s.entity_id))


@dataclass(frozen=True)
class PreviousMandate:
    """The previous text actually held for the same entity, and what lies between."""

    document: Document
    version: Version
    entity: Entity
    missing: tuple[str, ...]  # known resolutions between the two that the archive lacks


def previous_mandate(session: Session, document: Document, registry: Registry | None = None) -> PreviousMandate | None:
    registry = registry or load_registry()
    for step in entities_of(session, document):
        entity = registry.get(step.entity_id)
        if entity is None or step.resolution_number is None:
            continue
        before = session.scalar(select(MandateStep).where(
            MandateStep.entity_id == entity.id, MandateStep.resolution_number < step.resolution_number)
            .order_by(MandateStep.resolution_number.desc()).limit(1))
        if before is None:
            continue
        latest = session.scalar(select(Version).where(Version.document_id == before.document_id)
                                .order_by(Version.number.desc()).limit(1))
        state = session.get(MandateState, entity.id)
        missing = next((tuple(g["known_symbols"]) for g in (state.gaps if state else [])
                        if g["after"] == before.symbol and g["before"] == step.symbol), ())
        return PreviousMandate(before.document, latest, entity, missing)
    return None


def rebuild(session: Session, registry: Registry | None = None) -> int:
    """Recompute every resolution's steps from its latest version (for a database loaded
    before mandates were materialised). Returns the number of steps written."""
    from ..text import parse

    registry = registry or load_registry()
    count = 0
    documents = session.scalars(select(Document).where(Document.kind == DocumentKind.RESOLUTION.value).order_by(Document.id))
    for document in documents:
        version = session.scalar(select(Version).where(Version.document_id == document.id)
                                 .order_by(Version.number.desc()).limit(1))
        if version is not None:
            count += len(materialise(session, document, version, parse(version.text), registry, replace=True))
    return count
