"""The curated registry of mandates, read from `data/registry.json` (data, not code).

Peace operations ("United Nations Disengagement Observer Force" = UNDOF), political
missions, sanctions regimes' panels and monitoring teams (each panel its own entity: the
Libya, Yemen, Central African Republic and South Sudan panels differ), and authorizations
("Member States acting nationally or through regional organizations"), each with its
aliases, kind, agenda item and the resolutions other sources know concern it.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REGISTRY_FILE = Path(__file__).resolve().parent / "data" / "registry.json"
_SPACE = re.compile(r"\s+")
_SYMBOL = re.compile(r"^S/RES/(\d+) \((\d{4})\)$")


def normalise(name: str | None) -> str:
    """How names are compared: case, spacing, "peace-keeping", a dropped "s" in "United Nation"."""
    text = _SPACE.sub(" ", (name or "").replace("\u2019", "'")).strip().lower()
    text = re.sub(r"^(?:the|its)\s+", "", text)
    text = text.replace("peace-keeping", "peacekeeping").replace("united nation ", "united nations ")
    return text


_SUDAN = re.compile(r"^reports? of the secretary-general on the ")


def _agenda_key(text: str | None) -> str:
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()  # "Côte" = "Cote"
    return _SUDAN.sub("", " ".join(folded.lower().split()))


def agenda_matches(curated: str, recorded: str | None) -> bool:
    """ "The situation in the Middle East" matches itself; the Sudan items ("Report(s) of the
    Secretary-General on the Sudan [and South Sudan]") match each other (renamed in 2011)."""
    a, b = _agenda_key(curated), _agenda_key(recorded)
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))


def resolution_number(symbol: str | None) -> int | None:
    match = _SYMBOL.match(symbol or "")
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Known:
    """A resolution another source says concerns the entity."""

    number: int
    symbol: str
    adopted_on: str | None
    sources: tuple[str, ...]
    pema_action: str | None = None
    action: str | None = None  # "renew" | "adjust" where a source says so


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    agenda_item: str
    aliases: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    agenda_aliases: tuple[str, ...] = ()
    topic_words: tuple[str, ...] = ()
    established_by: int | None = None
    ended_by: int | None = None
    established_refs: tuple[str, ...] = ()
    regime: str | None = None
    known: tuple[Known, ...] = field(default=(), compare=False)

    @property
    def known_numbers(self) -> frozenset[int]:
        return frozenset(k.number for k in self.known)


@dataclass(frozen=True)
class ResolutionInfo:
    symbol: str
    adopted_on: str | None
    agenda_item: str | None
    topic: str | None


class Registry:
    """Entities by id and alias, generic phrases, and each resolution's agenda item."""

    def __init__(self, data: dict) -> None:
        self.entities: dict[str, Entity] = {}
        for raw in data["entities"]:
            entity = Entity(
                id=raw["id"], name=raw["name"], kind=raw["kind"], agenda_item=raw["agenda_item"],
                aliases=tuple(raw.get("aliases", ())), generic=tuple(raw.get("generic", ())),
                agenda_aliases=tuple(raw.get("agenda_aliases", ())), topic_words=tuple(raw.get("topic_words", ())),
                established_by=raw.get("established_by"), ended_by=raw.get("ended_by"),
                established_refs=tuple(raw.get("established_refs", ())), regime=raw.get("regime"),
                known=tuple(Known(k["number"], k["symbol"], k.get("adopted_on"), tuple(k["sources"]), k.get("pema_action"),
                                  k.get("action"))
                            for k in raw.get("known", ())),
            )
            self.entities[entity.id] = entity
        self.generic_phrases = frozenset(normalise(p) for p in data["generic_phrases"])
        self.by_alias: dict[str, str] = {}
        for entity in self.entities.values():
            for alias in (entity.id, *entity.aliases):
                key = normalise(alias)
                if key and key not in self.generic_phrases:
                    self.by_alias.setdefault(key, entity.id)
        self.by_known: dict[int, tuple[str, ...]] = {}
        for entity in self.entities.values():
            for number in entity.known_numbers | ({entity.established_by} if entity.established_by else set()):
                self.by_known[number] = self.by_known.get(number, ()) + (entity.id,)
        self.resolutions = {int(n): ResolutionInfo(r["symbol"], r.get("adopted_on"), r.get("agenda_item"), r.get("topic"))
                            for n, r in data["resolutions"].items()}

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def by_name(self, name: str | None) -> Entity | None:
        """The entity a specific name or acronym denotes; None for a generic phrase."""
        key = normalise(name)
        if not key or key in self.generic_phrases:
            return None
        found = self.by_alias.get(key)
        return self.entities[found] if found else None

    def is_generic(self, name: str | None) -> bool:
        return normalise(name) in self.generic_phrases

    def agenda_of(self, number: int | None) -> ResolutionInfo | None:
        return self.resolutions.get(number) if number is not None else None

    def known_symbol(self, number: int) -> str | None:
        info = self.resolutions.get(number)
        return info.symbol if info else None


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The packaged registry, read once per process."""
    return Registry(json.loads(REGISTRY_FILE.read_text(encoding="utf-8")))
