"""Which registry entity a mandate clause speaks of: from the clause itself and the
document's agenda item, never from the nearest acronym.

"Decides to extend the mandate of the Panel of Experts as set out in resolution 2127
(2013) … until 31 August 2025" is the Central African Republic panel because the clause
cites 2127 (2013); a bare "Panel of Experts" in S/RES/2745 (2024) is that panel because
the registry lists 2745 among its resolutions; "Member States" or "the Secretary-General"
alone is never a mission.
"""
from __future__ import annotations

import re

from .registry import Entity, Registry, agenda_matches, normalise

_WORD_EDGE = r"(?<![\w-]){}(?![\w-])(?!\s+(?:I|II|III|IV|V)\b)"
_NUMBERED = re.compile(r"\s(?:I|II|III|IV|V)$")


def resolve(registry: Registry, named: str | None, clause: str, number: int | None) -> Entity | None:
    """The entity `named` (a fact's entity as the text core read it) denotes in `clause`
    of resolution `number`; None when nothing specific is known."""
    specific = registry.by_name(named)
    if specific is not None:
        return specific
    if named is not None and not registry.is_generic(named):
        if _NUMBERED.search(named):
            return None  # "UNAVEM IV" is not UNAVEM: a numbered successor the registry does not hold
        return _single(_named_in(registry, named))  # "French forces in the CAR" → by alias words
    candidates = [e for e in registry.entities.values() if named is not None and normalise(named) in map(normalise, e.generic)]
    if named is None:
        return _single(_named_in(registry, clause))  # a clause that names one entity itself
    cited = [e for e in candidates if any(ref in clause for ref in e.established_refs)]
    if len(cited) == 1:
        return cited[0]
    listed = [e for e in candidates if number is not None and number in e.known_numbers]
    if len(listed) == 1:
        return listed[0]
    info = registry.agenda_of(number)
    if info is None or not info.agenda_item:
        return None
    by_agenda = [e for e in candidates if _agenda_matches(e, info.agenda_item, info.topic, clause)]
    return _single(by_agenda)


def _single(entities: list[Entity]) -> Entity | None:
    unique = {e.id: e for e in entities}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _named_in(registry: Registry, text: str) -> list[Entity]:
    """Entities whose alias (acronyms and full names, not generic phrases) occurs in `text`."""
    found = []
    lowered = normalise(text)
    for alias, entity_id in registry.by_alias.items():
        if len(alias) >= 4 and re.search(_WORD_EDGE.format(re.escape(alias)), lowered):
            found.append(registry.entities[entity_id])
    # a longer alias inside the text beats a shorter one it contains ("unavem ii" over "unavem")
    return [e for e in found if not any(o is not e and any(normalise(a) in normalise(b) and normalise(a) != normalise(b)
                                                           for a in e.aliases for b in o.aliases) for o in found)]


def _agenda_matches(entity: Entity, agenda_item: str, topic: str | None, clause: str) -> bool:
    if not any(agenda_matches(item, agenda_item) for item in (entity.agenda_item, *entity.agenda_aliases)):
        return False
    if entity.topic_words:
        context = " ".join(filter(None, (agenda_item, topic, clause)))
        return any(word.lower() in context.lower() for word in entity.topic_words)
    return True
