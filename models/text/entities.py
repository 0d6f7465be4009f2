"""Who a fact is about: "MINUSCA", "UNFICYP", "Panel of Experts", "Verification Mission".

A text names its missions once in full with an acronym ("United Nations Mission in the
Sudan (UNMIS)") and by acronym after; old texts only in full ("the United Nations
Peace-keeping Force in Cyprus"). Names resolve to the acronym where one is known.
"""
from __future__ import annotations

import re

#: Missions old texts name only in full.
KNOWN_NAMES = {
    "united nations peace-keeping force in cyprus": "UNFICYP",
    "united nations peacekeeping force in cyprus": "UNFICYP",
    "united nations disengagement observer force": "UNDOF",
    "united nations interim force in lebanon": "UNIFIL",
    "united nations emergency force": "UNEF",
    "united nations mission in the sudan": "UNMIS",
    "united nations mission in south sudan": "UNMISS",
    "united nations mission in the republic of south sudan": "UNMISS",
    "united nations truce supervision organization": "UNTSO",
    "united nations military observer group in india and pakistan": "UNMOGIP",
    "united nations operation in the congo": "ONUC",
    "united nations transition assistance group": "UNTAG",
    "united nations iran-iraq military observer group": "UNIIMOG",
    "united nations angola verification mission": "UNAVEM",
    "united nations observer group in central america": "ONUCA",
    "united nations observer mission in el salvador": "ONUSAL",
    "united nations mission for the referendum in western sahara": "MINURSO",
    "united nations protection force": "UNPROFOR",
    "united nations advance mission in cambodia": "UNAMIC",
    "united nations transitional authority in cambodia": "UNTAC",
    "united nations operation in somalia": "UNOSOM",
    "united nations operation in mozambique": "ONUMOZ",
    "united nations observer mission in georgia": "UNOMIG",
    "united nations mission in haiti": "UNMIH",
    "united nations assistance mission for rwanda": "UNAMIR",
    "united nations observer mission in liberia": "UNOMIL",
}
_ROMAN_SUFFIX = re.compile(r"(?:II|III|IV|V)")  # "United Nations Angola Verification Mission II"
_ACRONYM = r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*"
_NAME = r"(?:\d{3,4}\s+)?[A-Z][\w\u2019'\-]*(?:\s+(?:(?:of|for|in|on|to|the|and)\s+)*[A-Z][\w\u2019'\-]*){0,10}"
_MANDATE_OF = re.compile(rf"\b(?:mandates?|stationing|authori[sz]ations?|deployment)\s+(?:in\s+[A-Z]\w+\s+)?(?:of|for)\s+(?:the\s+)?({_NAME})")
_POSSESSIVE = re.compile(rf"\b({_ACRONYM})[\u2019']s\s+(?:mandate|authori[sz]ation)")
_ESTABLISH = re.compile(rf"\b(?:establish|establishes|deploy|deployed)\s+(?:as\s+of\s+\d+\s+\w+\s+\d{{4}}\s+)?(?:the\s+|an?\s+)?({_NAME})")
_SUBJECT = re.compile(rf"\b(?:decides\s+that\s+)(?:the\s+)?({_NAME})\s+(?:shall|will|should)\b", re.IGNORECASE)
_ANY_ACRONYM = re.compile(r"\b([A-Z]{2,}[a-z]?[A-Z]*)\b")
_STATIONING_IN = re.compile(r"\bstationing\s+in\s+([A-Z]\w+)\s+of\s+(?:the\s+)?(" + _NAME + ")")
#: Acronyms of UN missions and offices: UNMISS, MINUSCA, MONUSCO, BINUH, UNFICYP, ONUC …
_MISSION_ACRONYM = re.compile(r"^(?:UN[A-Z]{2,}|MINU[A-Z]+|MONU[A-Z]+|BINU[A-Z]+|ONU[A-Z]+|MIPON[A-Z]*|AMISOM|ATMIS|AUSSOM|UNOCI)$")
_MISSION_NAME = re.compile(r"\b(?:Mission|Force|Office|Operation)\b")
_ESTABLISHED_ACRONYM = re.compile(r"\b(?:establish|establishes|set\s+up)\b[^;]{0,200}?\(([A-Z][A-Za-z\-]{2,14})\)")
_KNOWN_BODY = re.compile(r"\b(Panel of Experts|Group of Experts|Monitoring Team|Monitoring Group|Verification Mission|Intervention Brigade|Office of the Ombudsperson)\b")
_FOLLOWING_ACRONYM = re.compile(r"[^();]{0,90}?\(([A-Z][A-Za-z\-]{2,14})\)")
_LEADING_ARTICLE = re.compile(r"^(?:the|its)\s+", re.IGNORECASE)
_BARE_ACRONYM = re.compile(r"[A-Z]{3,}[a-z]?[A-Z]*")
_ITS_MANDATE = re.compile(r"\b(?:its|the)\s+(?:present\s+|current\s+)?mandate\b|\bits\s+authori[sz]ations?\b")
_AUTHORIZED_AFTER = re.compile(rf"\b({_ACRONYM})\s+(?:is|are|shall\s+be|remains?)\s+authori[sz]ed\b")
_DEPLOY_WORD = re.compile(r"\bdeploy\w*\b")
_DEPLOY_TO = re.compile(rf"\bdeploy\w*\b[^;]{{0,160}}?\bto\s+({_ACRONYM})\b")
_TRAILING_JOINER = re.compile(r"\s+(?:in|for|of|on|to|and|the)$")
_THE_BODY = re.compile(r"\bthe\s+(?:Force|Mission|Operation|multidimensional\s+presence)\b")
_FOLLOWING_MANDATE = re.compile(rf"\b({_ACRONYM})\s+(?:shall|will)\s+have\s+the\s+following\s+mandate\b")
_PROVIDED_TO_FORCES = re.compile(r"\bauthori[sz]ation\b[^;]{0,80}?\bto\s+the\s+((?:[A-Z][a-z]+\s+){1,2}forces)\b")
_NOT_ENTITIES = frozenset(("UN", "DRC", "CAR", "AU", "EU", "SG", "OP", "CPA", "I", "II", "III", "IV", "ECOWAS",
                           "IGAD", "NATO", "LRA", "SPLA", "SAF", "APPR", "FDLR", "ADF", "M23", "ICC", "CPAS"))


_PAREN_ACRONYM = re.compile(r"\((?:the\s+)?[\u201c\"]?([A-Z][A-Za-z\-]{1,14})[\u201d\"]?\)")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w\u2019'\-]*|of|for|in|on|to|the|and|de|du|des)$")


def _name_before(text: str, end: int) -> str | None:
    """ "United Nations Mission in the Sudan" before "(UNMIS)": capitalised words and joiners."""
    words = text[max(0, end - 160):end].split()
    name: list[str] = []
    for word in reversed(words):
        if not _NAME_WORD.match(word):
            break
        name.append(word)
    while name and not name[-1][:1].isupper():
        name.pop()
    while name and not name[0][:1].isupper():
        name.pop(0)
    return " ".join(reversed(name)) if len(name) >= 2 else None


class Entities:
    """The names a text defines, and how to read the subject of a mandate clause."""

    def __init__(self, text: str) -> None:
        self.names: dict[str, str] = dict(KNOWN_NAMES)
        self.acronyms: set[str] = set(KNOWN_NAMES.values())
        lowered = text[:400000].lower()
        known = [(lowered.find(name), acronym) for name, acronym in KNOWN_NAMES.items() if name in lowered]
        self.primary: str | None = min(known)[1] if known else None
        counts: dict[str, int] = {}
        for m in _ANY_ACRONYM.finditer(text[:400000]):
            if _MISSION_ACRONYM.match(m.group(1)) and m.group(1) not in _NOT_ENTITIES:
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        if counts:
            self.primary = max(counts, key=lambda k: counts[k])
        for m in _PAREN_ACRONYM.finditer(text[:400000]):
            acronym = m.group(1)
            if sum(1 for c in acronym if c.isupper()) < 2:
                continue  # "(the Panel)", "(Committee)": a short name, not an acronym
            name = _name_before(text, m.start())
            if name:
                self.names[name.lower()] = acronym
                self.acronyms.add(acronym)


    def canonical(self, name: str) -> str:
        """The acronym for a full name when the text (or the table) gives one."""
        cleaned = _LEADING_ARTICLE.sub("", " ".join(name.split())).strip(" ,")
        lowered = cleaned.lower()
        if lowered in self.names:
            return self.names[lowered]
        for full, acronym in self.names.items():
            if lowered.startswith(full + " ") or lowered.startswith(full + ","):
                suffix = cleaned[len(full) + 1:].split(" ", 1)[0]
                return f"{acronym} {suffix}" if _ROMAN_SUFFIX.fullmatch(suffix) else acronym
        first = cleaned.split(" ", 1)[0].rstrip("\u2019's")
        if first in self.acronyms or _BARE_ACRONYM.fullmatch(first):
            return first
        return cleaned

    def subject(self, pre: str, post: str, before: str) -> str | None:
        """Whose mandate: "mandate of UNMISS", "UNSOM’s mandate", "its mandate" (nearest name)."""
        for text in (pre, post):
            found = None
            for m in _STATIONING_IN.finditer(text):
                found = self.canonical(f"{m.group(2)} in {m.group(1)}")
            if found:
                return found
            found_at = 0
            for m in _MANDATE_OF.finditer(text):
                found, found_at = m.group(1), m.end()
            if found:
                if found in ("Force", "Mission", "Operation", "Office"):
                    return self.primary
                named = _FOLLOWING_ACRONYM.match(text, found_at)
                return named.group(1) if named else self._trim(self.canonical(found))
            for m in _POSSESSIVE.finditer(text):
                found = m.group(1)
            if found:
                return self.canonical(found)
        m = _ESTABLISHED_ACRONYM.search(pre)
        if m:
            return m.group(1)
        m = _FOLLOWING_MANDATE.search(pre)  # "UNOCI shall have the following mandate … until …"
        if m and self._mission_like(m.group(1)):
            return m.group(1)
        m = _PROVIDED_TO_FORCES.search(post)  # "extend until … the authorization … provided to the French forces"
        if m:
            return m.group(1)
        for m in _ESTABLISH.finditer(pre):
            return self._trim(self.canonical(m.group(1)))
        m = _SUBJECT.search(pre)
        if m:
            name = self.canonical(m.group(1))
            return self.primary if name in ("Force", "Mission", "Operation", "Office") else self._trim(name)
        m = _KNOWN_BODY.search(post[:160]) or _KNOWN_BODY.search(pre)
        if m:
            return m.group(1)
        if _ITS_MANDATE.search(pre + " " + post):
            return self._nearest(before + " " + pre) or self.primary
        if _THE_BODY.search(pre):
            return self.primary
        for m in _DEPLOY_TO.finditer(pre):  # "to deploy up to 12,626 uniformed personnel to ATMIS until …"
            if self._mission_like(m.group(1)):
                return m.group(1)
        m = _AUTHORIZED_AFTER.search(post)  # "until 31 December 2023, MINUSMA is authorized to …"
        if m and self._mission_like(m.group(1)):
            return m.group(1)
        if _DEPLOY_WORD.search(pre):
            return self.primary  # "Authorises … to deploy up to 14,626 uniformed personnel … until …"
        return None

    def nearest_mission(self, text: str) -> str | None:
        """The mission named last before a figure ("MINUSCA will initially comprise up to …")."""
        return self._nearest(text) or self.primary

    def _nearest(self, text: str) -> str | None:
        last = None
        for m in _ANY_ACRONYM.finditer(text[-600:]):
            word = m.group(1)
            if self._mission_like(word):
                last = word
        return last

    def is_mission(self, name: str) -> bool:
        """Is this a mission's acronym ("AMISOM", "MINUSCA"), not a body or a State?"""
        return self._mission_like(name.split(" ", 1)[0])

    def _mission_like(self, word: str) -> bool:
        return word not in _NOT_ENTITIES and (word in self.acronyms or bool(_MISSION_ACRONYM.match(word)))

    @staticmethod
    def _trim(name: str) -> str | None:
        name = _TRAILING_JOINER.sub("", name).strip()
        if not name or name.lower() in ("secretary-general", "council", "security council", "present resolution"):
            return None
        if len(name.split()) > 9:
            return None
        return name
