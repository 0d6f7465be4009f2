"""Does a statement concern the Security Council? Missions and ministries publish far
more than the Council's work (General Assembly debates, bilateral visits, national
days); a statement is stored only when it names the Council ("Security Council",
"UNSC", "Conseil de sécurité", "安理会", or the Council's own formats: "open debate",
"Arria-formula", "As a Council"), a Council document (S/RES/…, S/PRST/…,
S/2025/748, S/PV.…), or a Council agenda item ("The situation in the Middle East,
including the Palestinian question"). The title and the opening of the text decide:
a passing mention deep in a General Assembly speech does not make it a Council
statement.
"""
from __future__ import annotations

import re

from models.text.symbols import symbols_in

#: How far into the text a Council mention still counts.
OPENING = 1500

_COUNCIL = re.compile(
    r"\bSecurity\s+Council\b|\bUNSC\b|\bConseil\s+de\s+s[ée]curit[ée]\b|\bConsejo\s+de\s+Seguridad\b"
    r"|\bopen debate\b|\bArria[- ]formula\b|\bthis Council\b|\bAs a Council\b"
    r"|\bSicherheitsrat|\bСовет[аеу]?\s+Безопасности|\bСБ\s+ООН\b|安理会|安全理事会",
    re.IGNORECASE)
#: Standing agenda items, as the Council's reports list them (wording from the
#: library's meeting tables, e.g. "The situation in the Middle East", "Threats to
#: international peace and security caused by terrorist acts").
_AGENDA = re.compile(
    r"\bThe situation (?:in|concerning|between) (?:the )?[A-Z][\w' -]+|\bThreats to international peace and security\b"
    r"|\bMaintenance of international peace and security\b|\bNon-proliferation\b"
    r"|\bChildren and armed conflict\b|\bWomen and peace and security\b|\bProtection of civilians in armed conflict\b"
    r"|\bUnited Nations peacekeeping operations\b|\bReports of the Secretary-General on the Sudan and South Sudan\b")


#: Other organs a title may name ("UK statement in the UN General Assembly").
_OTHER_ORGAN = re.compile(
    r"\bGeneral Assembly\b|\bHuman Rights Council\b|\bEconomic and Social Council\b|\bECOSOC\b"
    r"|\b(?:First|Second|Third|Fourth|Fifth|Sixth) Committee\b|\bCommission on the Status of Women\b"
    r"|\bAssembl[ée]e g[ée]n[ée]rale\b|\bConseil des droits de l.homme\b|\bUNGA\d*\b|\bCSW\d*\b", re.IGNORECASE)


def concerns_the_council(title: str | None, text: str) -> bool:
    """True when the title names the Council, or (the title naming no other organ) the
    opening of the text names the Council, one of its documents or agenda items. A
    title such as "…: UK statement in the UN General Assembly" decides by itself: a
    passing "Security Council" in that speech does not make it a Council statement."""
    if title and (_COUNCIL.search(title) or any(s.startswith("S/") for s in symbols_in(title))):
        return True
    if title and _OTHER_ORGAN.search(title):
        return False
    head = f"{title or ''}\n{text[:OPENING]}"
    if _COUNCIL.search(head) or _AGENDA.search(head):
        return True
    return any(s.startswith("S/") for s in symbols_in(head))
