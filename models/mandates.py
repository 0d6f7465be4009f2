"""Mandates over time, read from the facts of each resolution's latest version.

"Decides to extend the mandate of MINUSCA until 15 November 2024", "for a period of
twelve months", "up to 14,400 military personnel … and 3,020 police personnel": one
point per resolution of a mission's (a fact entity's) lineage, in adoption order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased, defer

from .documents import Document, DocumentKind, Fact, Link, LinkKind, Version

MANDATE_KINDS = ("mandate_end", "mandate_period_months", "troop_ceiling", "police_ceiling")
#: Facts that put a resolution in an entity's lineage: its mandate, or an authorization
#: ("Authorizes MINUSCA to use all necessary means").
LINEAGE_KINDS = MANDATE_KINDS + ("all_necessary_measures",)
_RESOLUTION = re.compile(r"^S/RES/(\d+) \((\d{4})\)")


@dataclass
class MandatePoint:
    """One resolution of a mandate lineage and what it decided."""

    document: Document
    version: Version
    entity: str
    values: dict[str, Any] = field(default_factory=dict)
    paragraphs: dict[str, str | None] = field(default_factory=dict)

    @property
    def mandate_end(self) -> date | None:
        return _as_date(self.values.get("mandate_end"))

    @property
    def period_months(self) -> int | None:
        return _as_int(self.values.get("mandate_period_months"))

    @property
    def troop_ceiling(self) -> int | None:
        return _as_int(self.values.get("troop_ceiling"))

    @property
    def police_ceiling(self) -> int | None:
        return _as_int(self.values.get("police_ceiling"))

    @property
    def adopted_on(self) -> date | None:
        return self.version.adopted_on

    @property
    def approximate_date(self) -> date:
        """Adoption date; else 1 July of the symbol's year; else the capture date."""
        if self.version.adopted_on:
            return self.version.adopted_on
        match = _RESOLUTION.match(self.document.symbol or "")
        return date(int(match.group(2)), 7, 1) if match else self.version.fetched_at.date()


@dataclass(frozen=True)
class PreviousMandate:
    document: Document
    version: Version
    entity: str | None


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _as_int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _is_latest():
    """Condition: the version is its document's latest (correlated, on the unique index)."""
    newer = aliased(Version)
    return ~exists().where(newer.document_id == Version.document_id, newer.number > Version.number)


def _mandate_facts(session: Session, entity: str | None = None):
    query = (
        select(Fact, Version, Document)
        .join(Version, Version.id == Fact.version_id)
        .join(Document, Document.id == Version.document_id)
        .options(defer(Version.text), defer(Version.http_headers))
        .where(Fact.kind.in_(LINEAGE_KINDS), Fact.reported.is_(False), Fact.entity.is_not(None),
               Document.kind == DocumentKind.RESOLUTION.value, _is_latest())
        .order_by(Fact.id)
    )
    if entity is not None:
        query = query.where(Fact.entity == entity)
    return session.execute(query)


def _points(rows) -> dict[str, list[MandatePoint]]:
    by_key: dict[tuple[str, int], MandatePoint] = {}
    for fact, version, document in rows:
        point = by_key.setdefault((fact.entity, version.id), MandatePoint(document, version, fact.entity))
        if fact.kind not in point.values:  # the first statement of each fact, in reading order
            point.values[fact.kind] = fact.value
            point.paragraphs[fact.kind] = fact.paragraph
    series: dict[str, list[MandatePoint]] = {}
    for point in by_key.values():
        series.setdefault(point.entity, []).append(point)
    for points in series.values():
        points.sort(key=_order)
    return series


def _order(point: MandatePoint):
    """Resolutions in number order (the Council numbers them as it adopts them), then by date."""
    match = _RESOLUTION.match(point.document.symbol or "")
    return (int(match.group(1)) if match else 10**9, point.approximate_date, point.document.key)


def mandate_series(session: Session, entity: str) -> list[MandatePoint]:
    """Every resolution with a mandate or authorization fact for `entity` ("MINUSCA"), oldest first."""
    return _points(_mandate_facts(session, entity)).get(entity, [])


def mandate_entities(session: Session) -> list[tuple[str, int]]:
    """(entity, number of resolutions) for every mission or authorization with mandate facts."""
    return sorted(((e, len(p)) for e, p in _points(_mandate_facts(session)).items()), key=lambda item: item[0].lower())


def expiring_mandates(session: Session, today: date, days: int = 60) -> list[MandatePoint]:
    """The latest resolution of each mandate whose end falls within `days` of `today`."""
    horizon = today + timedelta(days=days)
    out = []
    for points in _points(_mandate_facts(session)).values():
        ends = [p for p in points if p.mandate_end]
        if ends and today <= ends[-1].mandate_end <= horizon:
            out.append(ends[-1])
    return sorted(out, key=lambda p: p.mandate_end)


def mandate_entities_of(session: Session, version: Version) -> list[str]:
    """The entities whose mandate this version decides, most-cited first."""
    rows = session.execute(
        select(Fact.entity, func.count()).where(
            Fact.version_id == version.id, Fact.kind.in_(LINEAGE_KINDS), Fact.reported.is_(False),
            Fact.entity.is_not(None)).group_by(Fact.entity).order_by(func.count().desc(), Fact.entity)
    )
    return [entity for entity, _ in rows]


def previous_mandate(session: Session, document: Document) -> PreviousMandate | None:
    """The resolution this one renews: a "renews" link if one was recorded, else the last
    resolution before it in the series of the entity whose mandate it decides."""
    linked = session.scalar(
        select(Document).join(Link, Link.to_id == Document.id)
        .where(Link.from_id == document.id, Link.kind == LinkKind.RENEWS.value).order_by(Link.id).limit(1)
    )
    latest = session.scalar(
        select(Version).where(Version.document_id == document.id).order_by(Version.number.desc()).limit(1)
    )
    if latest is None:
        return None
    entities = mandate_entities_of(session, latest)
    if linked is not None:
        version = session.scalar(
            select(Version).where(Version.document_id == linked.id).order_by(Version.number.desc()).limit(1))
        if version is not None:
            return PreviousMandate(linked, version, entities[0] if entities else None)
    for entity in entities:
        points = mandate_series(session, entity)
        index = next((i for i, p in enumerate(points) if p.document.id == document.id), None)
        if index:
            before = points[index - 1]
            return PreviousMandate(before.document, before.version, entity)
    return None
