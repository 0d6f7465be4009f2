"""What the mandate pages and the API show, read from the materialised lineage
(`models.mandates`): the registry entity, its steps, its gaps and its status today."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.documents import Document
from models.mandates import Entity, MandateState, MandateStep, load_registry, status, steps_of
from models.mandates.registry import resolution_number

STATUS_LABELS = {"current": "current", "ended": "ended", "last_known_end": "last known end", "unknown": "no end date held"}
KIND_LABELS = {"peace_operation": "Peace operation", "political_mission": "Political mission",
               "sanctions_panel": "Sanctions panel or monitoring team", "authorization": "Authorization",
               "committee": "Committee"}


@dataclass
class Lineage:
    entity: Entity
    state: MandateState | None
    steps: list[MandateStep]
    status: str

    @property
    def gaps(self) -> list[dict[str, Any]]:
        return list(self.state.gaps) if self.state else []

    def gap_before(self, step: MandateStep) -> dict[str, Any] | None:
        """The known resolutions missing between this step and the previous held one."""
        return next((g for g in self.gaps if g["before"] == step.symbol), None)

    def gap_after_last(self) -> dict[str, Any] | None:
        return next((g for g in self.gaps if g["before"] is None and g["after"] is not None), None)


def lineage(session: Session, entity_id: str, today: date) -> Lineage | None:
    entity = load_registry().get(entity_id)
    if entity is None:
        return None
    state = session.get(MandateState, entity_id)
    if state is None or not state.steps:
        return None
    return Lineage(entity, state, steps_of(session, entity_id), status(state, today))


def listing(session: Session, today: date) -> list[tuple[Entity, MandateState, str]]:
    """Every registry entity with at least one held step, by kind then name."""
    registry = load_registry()
    states = session.scalars(select(MandateState).where(MandateState.steps > 0))
    rows = [(registry.entities[s.entity_id], s, status(s, today)) for s in states if s.entity_id in registry.entities]
    return sorted(rows, key=lambda r: (r[0].kind, r[0].id.lower()))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def mandate_json(entity: Entity, state: MandateState | None, steps: list[MandateStep], today: date,
                 absolute) -> dict[str, Any]:
    """`{id, name, aliases, kind, agenda_item, status, ends_on, resolutions, gaps}`."""
    from . import refs

    return {
        "id": entity.id, "name": entity.name, "aliases": list(entity.aliases), "kind": entity.kind,
        "agenda_item": entity.agenda_item, "status": status(state, today), "ends_on": _iso(state.ends_on if state else None),
        "url": absolute(refs.mandate_path(entity.id)),
        "resolutions": [{
            "symbol": s.symbol, "adopted_on": _iso(s.adopted_on), "action": s.action, "mandate_end": _iso(s.mandate_end),
            "period_months": s.period_months, "troop_ceiling": s.troop_ceiling, "police_ceiling": s.police_ceiling,
            "url": absolute(refs.version_path(s.document, s.version.number)),
            "evidence": dict(s.paragraphs or {}),  # fact kind → paragraph anchor; empty: listed, no terms read
        } for s in steps],
        "gaps": [dict(g) for g in (state.gaps if state else [])],
    }


_SPAN = re.compile(r"\b(?:extended|shortened) by (?:about )?[\d.]+ (?:years?|months?|days?) to (\d{1,2} \w+ \d{4})")


def gap_between(session: Session, old: Document, new: Document) -> tuple[str, tuple[str, ...]] | None:
    """(entity id, known resolutions not in the archive) when `old` and `new` are held steps
    of one entity with renewals missing between them; else None."""
    old_steps = {s.entity_id: s for s in session.scalars(select(MandateStep).where(MandateStep.document_id == old.id))}
    for step in session.scalars(select(MandateStep).where(MandateStep.document_id == new.id)):
        before = old_steps.get(step.entity_id)
        if before is None or before.resolution_number is None or step.resolution_number is None:
            continue
        low, high = sorted((before.resolution_number, step.resolution_number))
        entity = load_registry().get(step.entity_id)
        held_between = session.scalar(select(func.count()).select_from(MandateStep).where(
            MandateStep.entity_id == step.entity_id, MandateStep.resolution_number > low,
            MandateStep.resolution_number < high)) or 0
        state = session.get(MandateState, step.entity_id)
        missing = [s for g in (state.gaps if state else []) for s in g["known_symbols"]
                   if low < (resolution_number(s) or 0) < high]
        if entity is not None and (missing or held_between):
            return entity.id, tuple(missing)
    return None


def qualify_summary(summary: str, missing: int) -> str:
    """ "extended by about 9.5 years to 15 November 2024" is not a renewal's length when
    renewals between the two texts are missing: say what is known instead."""
    if not missing:
        return summary
    note = f"{missing} resolution{'s' if missing != 1 else ''} between them not in the archive"
    return _SPAN.sub(lambda m: f"now ends on {m.group(1)} ({note})", summary)
