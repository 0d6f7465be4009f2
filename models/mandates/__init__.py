"""Mandates as curated entities with materialised lineages.

`registry` (data with provenance) names the entities; `resolve` reads which one a clause
speaks of; `lineage` stores steps, gaps and the last known end when a resolution's version
is recorded; pages and the API read what is stored.
"""
from .lineage import (  # noqa: F401
    Expiring,
    PreviousMandate,
    entities_of,
    expiring,
    materialise,
    previous_mandate,
    rebuild,
    refresh_state,
    status,
    steps_of,
)
from .registry import Entity, Registry, load_registry  # noqa: F401
from .tables import MandateState, MandateStep  # noqa: F401
