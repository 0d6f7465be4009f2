"""Facts an analyst reads off a Council text, each with the exact words it rests on.

mandate_end ("extend the mandate of UNMISS until 30 April 2025" → "2025-04-30"),
mandate_period_months ("for a period of twelve months" → 12, "a two-year mandate" → 24),
troop_ceiling / police_ceiling ("up to 14,400 military personnel … and 3,020 police
personnel"), chapter_vii ("Acting under Chapter VII of the Charter"), all_necessary_measures
(an operative "Authorizes … to use all necessary means"), reporting_cycle ("report … every
90 days" → {"days": 90}), sg_request ("Requests the Secretary-General … by 15 August 2024"
→ "2024-08-15") and operative_verb ("Decides" → "decide").

Precision first: a date or a ceiling is only reported when the clause around it says it
is one; a preambular recollection never makes a mandate.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Iterator

from .dates import DATE, MONTH_YEAR, MONTHS, date_of
from .entities import Entities
from .lexicon import operative_lemma
from .numbers import COUNT, FIGURE, count_value, figure_value
from .structure import Fact

if TYPE_CHECKING:
    from .paragraphs import Item

MAX_FACT_PARAGRAPH = 20000  # characters of one paragraph searched for facts
_SHORTEST_FACT = 9  # no fact reads in fewer characters ("500 troops", "every month")
_CHAPTER_VII = re.compile(r"\b[Aa]cting\s+(?:[a-z]+\s+){0,3}?under\s+Chapters?\s+VII\b(?:\s+of\s+the\s+Charter(?:\s+of\s+the\s+United\s+Nations)?)?")
_ANM = re.compile(r"\ball\s+(?:the\s+)?necessary\s+(?:measures|means|action)\b")
#: Verbs that ask rather than decide: "… urges the two Governments to take all necessary steps".
_EXHORT = re.compile(r"\b(?:urges|calls\s+(?:up)?on|requests|encourages|demands|invites|appeals|exhorts|welcomes|"
                     r"notes|recalls|stresses|underlines|emphasizes|reiterates|expresses|commends)\b")
_AUTHORIZE = re.compile(r"\b(?:[Aa]uthori[sz](?:es|ed|e|ing|ation)|[Pp]ermit(?:s|ted)?|[Ee]mpower(?:s|ed)?|allowed)\b")
_AUTHORIZED_SUBJECT = re.compile(r"\b([A-Z][A-Za-z]{2,}(?:\s+[A-Z][A-Za-z]+){0,3})\s+(?:is|are|shall\s+be|will\s+be)\s+authori[sz]ed\s+to\s+(?:use|take)\b")
_AUTH_ENTITY = re.compile(r"\b[Aa]uthori[sz]es\s+(?:the\s+)?([A-Z][^,;:]{1,80}?)(?:,[^;]{0,200}?)?\s+to\s+(?:use|take)\b")

_BEFORE_END = re.compile(
    r"(?:\buntil|\btill|\bending(?:\s+on)?|\bexpiring(?:\s+on)?|\bthrough|\bup\s+to\s+and\s+including"
    r"|\b(?:terminate|expire|end)s?\s+on|\bterminating\s+on|\bthat\s+is,?\s+until|\bto)\s*,?\s*$"
)
_MANDATE_WORD = re.compile(
    r"\bmandates?\b|\bauthori[sz]ations?\b|\bstationing\b|\bdeploy(?:ed|ment|s)?\b|\bpresences?\b"
    r"|\bdecisions\s+in\s+paragraphs?\b", re.IGNORECASE
)
_MANDATE_AFTER = re.compile(
    r"^\s*,?\s*(?:the\s+)?(?:present\s+|current\s+)?(?:mandates?\b|authori[sz]ations?\b|[A-Z][A-Za-z]{2,}[\u2019']s\s+mandate\b)"
)
_BODY = r"(?:mission|force|operation|office|panel|committee|team|group|presence|brigade|authority|administration)s?"
_BODY_WORD = re.compile(
    rf"\b(?:establish|set\s+up|appoint|create)\w*\b[^;]{{0,200}}\b{_BODY}\b|\b{_BODY}\b[^;]{{0,200}}\b(?:be\s+)?(?:established|set\s+up|stationed|appointed|created)\b|\bstationing\b",
    re.IGNORECASE,
)
_EXTEND_WORD = re.compile(r"\b(?:extend|extension|renew|prolong|deploy|terminate|expire|establish|set\s+up|appoint|station|create"
                          r"|(?:shall|will)\s+have\s+the\s+following\s+mandate)", re.IGNORECASE)
#: A deciding verb in the clause itself ("… and decides to extend …"): the Council's own
#: third-person verb; "as decided in resolution 2567", "the proposal … to establish" are mentions.
_DECIDING = re.compile(r"\b(?:decides|extends|renews|authori[sz]es|agrees|resolves|establishes|maintains)\b", re.IGNORECASE)
_DECIDING_LEMMAS = frozenset(("decide", "extend", "renew", "authorize", "authorise", "agree", "resolve",
                              "establish", "endorse", "approve", "recommend", "maintain"))
_AUTHORIZES = re.compile(r"\b[Aa]uthori[sz]es\b")
_AUTHORIZED_FORCES = re.compile(r"\b(?:the\s+)?((?:[A-Z][a-z]+\s+){1,3}forces)\s+to\s+(?:use|take|deploy|maintain|continue|carry)\b")
_PERIOD = re.compile(
    rf"\bfor\s+(?:up\s+to\s+)?(?:(?:a|an|another)\s+)?(?:(?:further|additional|initial|new|final|second|"
    rf"subsequent|limited|last)\s+)*(?:period\s+(?:of\s+|not\s+(?:to\s+)?exceed(?:ing)?\s+)|term\s+of\s+)?(?:up\s+to\s+)?({COUNT})\s+"
    rf"(?:(?:more|further|additional)\s+)?(months?|years?)\b",
    re.IGNORECASE,
)
_PERIOD_ADJ = re.compile(
    rf"\b(?:(for\s+(?:a|an|another)\s+(?:further\s+|initial\s+|new\s+|final\s+|last\s+|additional\s+)?)|an?\s+)?({COUNT})[-\s](year|month)\s+"
    rf"(?:(mandate|extension|term|renewal)|period)\b",
    re.IGNORECASE,
)
_TROOP_UNIT = r"(?:troops|military\s+personnel|soldiers|uniformed\s+(?:military\s+)?personnel|military\s+troops|military\b(?!\s+(?:observers|staff|liaison|experts|advisers)))"
_POLICE_UNIT = (r"(?:police\s+personnel|police\s+officers|(?:individual\s+)?police(?!\s+units)\b|(?i:civilian\s+police)\b|"
                r"personnel\s+of\s+formed\s+police\s+units|formed\s+police\s+unit\s+personnel)")
_CEILING_NUMBER = re.compile(rf"({FIGURE})\s+(?:authori[sz]ed\s+)?(?:({_TROOP_UNIT})|({_POLICE_UNIT}))")
_INCLUDING = re.compile(r"\bincluding\b")
_FOR_NAMED = r"(?:(?:for|of)\s+(?:the\s+)?([A-Z][\w\u2019'-]*(?:\s+[A-Z][\w\u2019'-]*){0,4})\s+)?"  # "ceiling for UNISFA to"
_TROOP_CEILING_OF = re.compile(rf"\b(?:troop|force|military)\s+(?:ceiling|strength|level)\s+{_FOR_NAMED}(?:of|at|to)\s+(?:up\s+to\s+|a\s+maximum\s+of\s+)?({FIGURE})\b(?!\s+(?:police|civilian))")
_POLICE_CEILING_OF = re.compile(rf"\bpolice\s+(?:ceiling|strength|component|force)\b(?:\s+{_FOR_NAMED})?[^;\d]{{0,70}}?\b(?:of|at|to|not\s+exceeding)\s+(?:up\s+to\s+|a\s+maximum\s+of\s+)?({FIGURE})\b")
_MONTH_NAME = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d")
_PERSONNEL = re.compile(r"troop|military|police|soldier|personnel", re.IGNORECASE)
_THREE_DIGITS = re.compile(r"\d{3}|\d,\d{3}")
_CEILING_FOR = re.compile(rf"\bceiling\s+for\s+(troops|police|military\s+personnel)\b[^;]{{0,120}}?\b(?:up\s+to|of|to)\s+({FIGURE})\b")
_CEILING_CUE = re.compile(
    r"\b(?:up\s+to|maximum|ceiling|strength|comprise|comprising|total\s+of|force\s+of|consist(?:s|ing)?\s+of|"
    r"level\s+of|levels?|authori[sz]ed|not\s+exceed(?:ing)?)\b", re.IGNORECASE,
)
_REINFORCED_BY = re.compile(r"\b(?:strengthen|increas|reinforc|augment|expand)\w*\s+(?:\w+\s+){0,2}?by\b", re.IGNORECASE)
_CEILING_STOP = re.compile(r"\b(?:withdraw\w*|reduc\w*\s+(?:of|by)|repatriat\w*|additional|drawdown\s+of|by\s*$)\b", re.IGNORECASE)
_REPORT_EVERY = re.compile(rf"\bevery\s+(?:({COUNT})\s+(days|weeks|months|years)|(month|week|year))\b"
                           r"|\b(?:on\s+a\s+)?(monthly|quarterly)\b(?:\s+basis\b|(?=\s+(?:written\s+)?(?:reports?|briefings?)\b))?", re.IGNORECASE)
_SUBMIT_BEFORE = re.compile(r"\b(?:provide|submit|present|deliver|give|make)\s*$", re.IGNORECASE)
_REPORT_NOUN_AFTER = re.compile(r"\s+(?:written\s+)?(?:reports?|briefings?)\b", re.IGNORECASE)
_PER_ADVERB = {"monthly": ("months", 1), "quarterly": ("months", 3)}
_REPORT_WORD = re.compile(r"\b(?:report|reports|reporting|brief|briefing|briefings|update|updates|inform|informed)\b", re.IGNORECASE)
_SG_REQUEST = re.compile(r"\brequests\s+(?:the\s+)?Secretary[-\u2010\u2011\s]General\b", re.IGNORECASE)
_DEADLINE = re.compile(
    rf"\b(?:by|no\s+later\s+than|not\s+later\s+than|before|on|within)\s+(?:(\d{{1,2}}\s+[A-Z][a-z]+\.?,?\s+\d{{4}}|[A-Z][a-z]+\.?\s+\d{{1,2}},?\s+\d{{4}})|([A-Z][a-z]+\s+\d{{4}})|({COUNT})\s+(days|months|weeks)\b)"
)
_NOT_DEADLINE = re.compile(r"\b(?:beginning|starting|commencing|effective|from|as\s+of|since|dated|of)\s*$", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;:]|\.\s")
_SANCTIONS = re.compile(r"\b(?:measures|provisions|sanctions)\b")
_PROSE_BODY = re.compile(r"\b(?:force|mission|mandate)\b")
_TERMINATE = re.compile(r"\bterminat\w*\b", re.IGNORECASE)
_UNTIL_AUTHORIZED = re.compile(r",[^;:]{0,260}?\b(?:is|are|shall\s+be|remains?)\s+(authori[sz]ed)\b")
_LATER_PHASE = re.compile(rf"\bfrom\s+{DATE.pattern}")
_NOT_A_TERM = re.compile(r"\b(?:within|every|after)\s*$", re.IGNORECASE)
_QUOTE_FROM = re.compile(r"\b(?:extend|renew|prolong|establish|decides?|authori[sz]e|mandate)", re.IGNORECASE)
_USE_BEFORE = re.compile(r"\buse\W*$")
_USE_OR_TAKE = re.compile(r"\b(?:use|take|employ)\b|\bwith\s*$")
_AUTHORIZED_OBJECT = re.compile(r"\b[Aa]uthori[sz]es\s+(?:the\s+)?([A-Z][^;:]{0,300}?)\s+to\s+[a-z]")
_MEMBER_STATES = re.compile(r"\bMember\s+States\b")
_CLAUSE_END = re.compile(r";|\.\s+[A-Z]|\brequests\b", re.IGNORECASE)


class _Collector:
    """Facts in order, without repeats, each quoting the input."""

    def __init__(self, source: str, reported: bool) -> None:
        self.source = source
        self.reported = reported
        self.facts: list[Fact] = []
        self._seen: set[tuple[str, str, str | None, str | None]] = set()

    def add(self, kind: str, value: Any, entity: str | None, item: "Item", start: int, end: int,
            once_per_text: bool = False) -> None:
        key = (kind, json.dumps(value, sort_keys=True), entity, None if once_per_text else item.anchor)
        if once_per_text or self.reported:
            key = (kind, key[1], None, None)
        if key in self._seen:
            return
        a, b = item.text.source_span(start, end)
        evidence = self.source[a:b]
        if not evidence:
            return
        self._seen.add(key)
        self.facts.append(Fact(kind, value, entity, item.anchor or None, evidence, self.reported))


def extract_facts(items: list["Item"], source: str, prose: bool = False) -> list[Fact]:
    """All facts of a paragraph tree built over `source` (see `paragraphs.read_structure`)."""
    out = _Collector(source, prose)
    entities = Entities(" ".join(item.text.text[:MAX_FACT_PARAGRAPH] for item in items[:2000]))
    for top in items:
        lemma = _lemma(top) if top.kind == "operative" else None
        if lemma:
            _operative_verb(out, top, lemma)
        for item in top.walk():
            if item.kind == "heading":
                continue
            text = item.text.text[:MAX_FACT_PARAGRAPH]
            if len(text) < _SHORTEST_FACT:
                continue
            _chapter_vii(out, item, text)
            if not (top.kind == "operative" or prose):
                continue  # preambles recall mandates; only operative paragraphs make them
            deciding = prose or (lemma in _DECIDING_LEMMAS)
            # "Requests the Secretary-General to establish … for an initial period of 12 months":
            # the Council sets a body up through the Secretary-General; a welcomed or noted
            # proposal "to establish" does not.
            creating = lemma == "request"
            _mandates(out, item, text, deciding, entities, prose, creating)
            _ceilings(out, item, text, deciding, entities, prose, creating)
            _necessary_measures(out, item, text, lemma, entities, prose)
            if not prose:
                _reporting(out, item, text)
                _sg_requests(out, item, text)
    return out.facts


_TO_CREATE = re.compile(r"\bto\s+(?:establish|set\s+up|create)\b", re.IGNORECASE)


def _decides(clause: str, creating: bool) -> bool:
    """A deciding verb of the Council in this clause ("… and decides to extend"), or, in
    a request to the Secretary-General, "to establish" / "to create"."""
    return bool(_DECIDING.search(clause) or creating and _TO_CREATE.search(clause))


def _lemma(item: "Item") -> str | None:
    return operative_lemma(item.text.text.split(None, 3)[:3])


def _operative_verb(out: _Collector, item: "Item", lemma: str) -> None:
    """ "Further decides" → decide, quoting the words up to the verb."""
    for word in item.text.text.split(None, 3)[:3]:
        if operative_lemma([word]) == lemma:
            out.add("operative_verb", lemma, None, item, 0, item.text.text.find(word) + len(word))
            return


def _chapter_vii(out: _Collector, item: "Item", text: str) -> None:
    if "Chapter" not in text:
        return
    m = _CHAPTER_VII.search(text)
    if m:
        out.add("chapter_vii", True, None, item, m.start(), m.end(), once_per_text=True)


def _clause_start(text: str, pos: int, limit: int = 300) -> int:
    """Where the clause holding `pos` begins: after the last ";" or sentence end, bounded."""
    floor = max(0, pos - limit)
    cut = max(text.rfind(";", floor, pos), text.rfind(". ", floor, pos), text.rfind(": ", floor, pos))
    return cut + 1 if cut >= 0 else floor


def _clause_end(text: str, pos: int, limit: int = 200) -> int:
    m = _CLAUSE_STOP.search(text, pos, min(len(text), pos + limit))
    return m.start() if m else min(len(text), pos + limit)


def _mandates(out: _Collector, item: "Item", text: str, deciding: bool, entities: Entities, prose: bool,
              creating: bool = False) -> None:
    if not (_MONTH_NAME.search(text) or "month" in text or "year" in text):
        return
    if not (_MANDATE_WORD.search(text) or _BODY_WORD.search(text) or "uthori" in text
            or prose and "mandate" in text.lower()):
        return
    for m in DATE.finditer(text):
        value = date_of(m)
        if not value:
            continue
        start = _clause_start(text, m.start(), 700)
        pre = text[start:m.start()]
        if not _BEFORE_END.search(pre[-40:]):
            continue
        post = text[m.end():_clause_end(text, m.end(), 120)]
        if _UNTIL_AUTHORIZED.match(text, m.end(), _clause_end(text, m.end(), 300)):
            post = text[m.end():_clause_end(text, m.end(), 300)]  # "until 31 December 2023, MINUSMA is authorized to"
        if _LATER_PHASE.search(post):
            continue  # "up to 17,626 … until 30 September 2023, and 14,626 … from 1 October 2023 to …"
        authorized_after = _UNTIL_AUTHORIZED.match(post)
        has_word = (_MANDATE_WORD.search(pre) or _MANDATE_AFTER.match(post) or _BODY_WORD.search(pre)
                    or authorized_after)
        if not has_word or not (_EXTEND_WORD.search(pre) or _EXTEND_WORD.search(post[:30]) or authorized_after):
            continue
        if not (deciding or _decides(pre, creating)):
            continue
        if _SANCTIONS.search(pre[-60:]) and not _MANDATE_WORD.search(pre[-60:]):
            continue
        entity = entities.subject(pre, post, text[:start])
        ev_start = _evidence_start(text, start, m.start())
        out.add("mandate_end", value, entity, item, ev_start, m.end())
    for m, number, unit in _iter_periods(text):
        count = count_value(number)
        if count is None or count <= 0:
            continue
        months = count * 12 if unit.lower().startswith("year") else count
        if months > 120:
            continue
        start = _clause_start(text, m.start(), 600)
        pre = text[start:m.start()]
        post = text[m.end():_clause_end(text, m.end(), 160)]
        window = pre + m.group(0) + post
        authorizes = _AUTHORIZES.search(pre)  # "Authorizes for a period of 12 months … the French forces"
        if not (_MANDATE_WORD.search(window) or _BODY_WORD.search(window) or authorizes
                or prose and _PROSE_BODY.search(window)):
            continue
        if not prose and not (_EXTEND_WORD.search(pre) or _BODY_WORD.search(window) or authorizes):
            continue
        if not (deciding or _decides(pre, creating) or prose):
            continue
        if _NOT_A_TERM.search(pre[-20:]) or _TERMINATE.search(pre):
            continue
        entity = entities.subject(pre, post, text[:start])
        forces = _AUTHORIZED_FORCES.search(text, m.end(), _clause_end(text, m.end(), 200)) if authorizes else None
        if forces and not entity:
            entity = forces.group(1)
        ev_start = _evidence_start(text, start, m.start())
        out.add("mandate_period_months", months, entity, item, ev_start, m.end())


def _iter_periods(text: str) -> Iterator[tuple[re.Match[str], str, str]]:
    """ "for a period of twelve months", "for one year", "a two-year mandate" (not "the six month period")."""
    if "month" not in text and "year" not in text:
        return
    for m in _PERIOD.finditer(text):
        yield m, m.group(1), m.group(2)
    for m in _PERIOD_ADJ.finditer(text):
        if m.group(1) or m.group(4):
            yield m, m.group(2), m.group(3)


def _evidence_start(text: str, clause_start: int, target: int) -> int:
    """Start the quote at the operative verb of the clause ("extend the mandate …")."""
    window = text[clause_start:target]
    m = _QUOTE_FROM.search(window)
    pos = clause_start + (m.start() if m else 0)
    if target - pos > 240:
        pos = target - 240
        space = text.find(" ", pos)
        pos = space + 1 if 0 <= space < target else pos
    while pos < target and text[pos] in " ,":
        pos += 1
    return pos


def _ceilings(out: _Collector, item: "Item", text: str, deciding: bool, entities: Entities, prose: bool,
              creating: bool = False) -> None:
    """ "up to 14,400 military personnel … and 3,020 police personnel", "a troop ceiling of 17,000"."""
    if not _THREE_DIGITS.search(text) or not _PERSONNEL.search(text):
        return
    if not (deciding or _decides(text, creating) or prose):
        return
    police_open = None  # end of the police figure that opened the current list
    troop_open = None  # end of the troop figure before: "7392 military personnel, … including … 7200 troops"
    for m in _CEILING_NUMBER.finditer(text):
        value = figure_value(m.group(1))
        if value is None or value < 50:
            continue
        start = _clause_start(text, m.start(), 300)
        pre = text[start:m.start()]
        if not _CEILING_CUE.search(pre) or _CEILING_STOP.search(pre[-70:]) or _REINFORCED_BY.search(pre):
            continue
        if not prose and not (_decides(pre, creating) or deciding):
            continue
        kind = "troop_ceiling" if m.group(2) else "police_ceiling"
        if kind == "police_ceiling":
            if police_open is not None and m.start() - police_open < 200:
                police_open = m.end()
                continue
            police_open = m.end()
        else:
            police_open = None
            if troop_open is not None and m.start() - troop_open < 200 and _INCLUDING.search(text, troop_open, m.start()):
                continue
            troop_open = m.end()
        entity = (_own_body(text, m.end(), entities) or entities.nearest_mission(text[:m.start()])) if not prose else None
        out.add(kind, value, entity, item, _cue_start(text, m.start()), m.end())
    for pattern, kind in ((_TROOP_CEILING_OF, "troop_ceiling"), (_POLICE_CEILING_OF, "police_ceiling"),
                          (_CEILING_FOR, None)):
        for m in pattern.finditer(text):
            value = figure_value(m.group(m.lastindex))
            if value is None or value < 50:
                continue
            start = _clause_start(text, m.start(), 260)
            if _CEILING_STOP.search(text[start:m.start()][-50:]):
                continue
            fact_kind = kind or ("police_ceiling" if m.group(1).lower().startswith("police") else "troop_ceiling")
            named = m.group(1) if kind and m.lastindex > 1 and m.group(1) else None  # "ceiling for UNISFA to …"
            if named and not entities.is_mission(named.split()[0]):
                named = None
            entity = (named.split()[0] if named else entities.nearest_mission(text[:m.start()])) if not prose else None
            out.add(fact_kind, value, entity, item, m.start(), m.end())


_TO_BODY = re.compile(r"[^;:.]{0,140}?\b(?<!addition\s)(?:to|for|within|of)\s+(?:the\s+)?([A-Z]{3,}[a-z]?[A-Z]*)\b")


def _own_body(text: str, pos: int, entities: Entities) -> str | None:
    """The body a figure is given to in its own clause: "deploy up to 12,626 uniformed
    personnel, including 1,040 police personnel, to AUSSOM" → AUSSOM (not the ATMIS named
    before it)."""
    m = _TO_BODY.match(text, pos)
    if m and entities.is_mission(m.group(1)):
        return m.group(1)
    return None


def _cue_start(text: str, pos: int) -> int:
    window = text[max(0, pos - 90):pos]
    cues = list(_CEILING_CUE.finditer(window))
    return max(0, pos - 90) + cues[-1].start() if cues else pos


def _necessary_measures(out: _Collector, item: "Item", text: str, lemma: str | None, entities: Entities,
                        prose: bool) -> None:
    if "necessary" not in text:
        return
    for m in _ANM.finditer(text):
        start = _clause_start(text, m.start(), 400)
        pre = text[start:m.start()]
        if prose:
            sentence = text[max(0, text.rfind(". ", 0, m.start()) + 1):m.start()]
            if not (_AUTHORIZE.search(sentence) or _USE_BEFORE.search(pre)):
                continue
        else:
            if lemma in ("recall", "reaffirm", "note", "welcome", "recognize", "recognise", "stress", "underline",
                         "emphasize", "emphasise", "express", "commend") and not _DECIDING.search(pre):
                continue
            if not _AUTHORIZE.search(pre) or not _USE_OR_TAKE.search(pre[-40:]):
                continue
            last_auth = list(_AUTHORIZE.finditer(pre))[-1]
            if _EXHORT.search(pre, last_auth.end()):
                continue  # "only UNISFA is authorized to carry weapons …, and urges the two Governments to take all necessary …"
        auth = _AUTH_ENTITY.search(text[start:m.end()]) or _AUTHORIZED_SUBJECT.search(text[start:m.end()])
        entity = entities.canonical(auth.group(1).strip()) if auth else None
        who = auth or _AUTHORIZED_OBJECT.search(text[start:m.end()])
        if who and _MEMBER_STATES.search(who.group(1)) and not (entity and entities.is_mission(entity)):
            entity = "Member States"  # "Authorizes Member States co-operating with the Government of Kuwait …"
        if entity and len(entity.split()) > 6:
            entity = None
        if entity is None:
            forces = _AUTHORIZED_FORCES.search(text, start, m.start())
            entity = forces.group(1) if forces else None
        ev = _AUTHORIZE.search(pre)
        ev_start = start + ev.start() if ev and m.start() - (start + ev.start()) < 300 else m.start()
        out.add("all_necessary_measures", True, entity, item, ev_start, m.end())


def _reporting(out: _Collector, item: "Item", text: str) -> None:
    if "every" not in text and "monthly" not in text and "quarterly" not in text:
        return
    for m in _REPORT_EVERY.finditer(text):
        start = _clause_start(text, m.start(), 250)
        pre = text[start:m.start()]
        # "to provide quarterly reports" sets a cycle; "in his quarterly reports" refers to one
        noun_after = (_REPORT_NOUN_AFTER.match(text, m.end(4)) if m.group(4) and _SUBMIT_BEFORE.search(pre[-30:])
                      else None)
        if not _REPORT_WORD.search(pre) and not noun_after:
            continue
        if m.group(4):
            # "report … on a monthly basis", "provide quarterly reports"
            if not (_REPORT_WORD.search(pre[-60:]) or noun_after):
                continue
            unit, count = _PER_ADVERB[m.group(4).lower()]
        elif m.group(3):
            unit, count = m.group(3).lower() + "s", 1
        else:
            unit, count = m.group(2).lower(), count_value(m.group(1))
        if not count:
            continue
        if unit == "weeks":
            unit, count = "days", count * 7
        if unit == "years":
            unit, count = "months", count * 12
        report = _REPORT_WORD.search(pre)
        if report:
            out.add("reporting_cycle", {unit: count}, None, item, start + report.start(), m.end())
        else:
            out.add("reporting_cycle", {unit: count}, None, item, m.start(), noun_after.end())


def _sg_requests(out: _Collector, item: "Item", text: str) -> None:
    if "Secretary" not in text:
        return
    for m in _SG_REQUEST.finditer(text):
        end = _request_end(text, m.end())
        d = _DEADLINE.search(text, m.end(), end)
        while d and _NOT_DEADLINE.search(text[max(0, d.start() - 20):d.start()]):
            d = _DEADLINE.search(text, d.end(), end)
        value = None
        ev_end = m.end()
        if d:
            if d.group(1):
                dm = DATE.search(d.group(1))
                value = date_of(dm) if dm else None
            elif d.group(2):
                month, year = d.group(2).split()
                number = MONTHS.get(month.lower())
                value = f"{year}-{number:02d}" if number and MONTH_YEAR.fullmatch(d.group(2)) else None
            else:
                value = " ".join(d.group(0).split())
            if value is not None and d.end() - m.start() <= 400:
                ev_end = d.end()
        out.add("sg_request", value, "Secretary-General", item, m.start(), ev_end)


def _request_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + 700))
    return m.start() if m else min(len(text), pos + 700)
