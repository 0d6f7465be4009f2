"""Reading votes, dates, drafts and penholders from the prose of press releases, blog
posts and statements: "by a vote of 13 in favour to none against, with 2 abstentions
(China, Russian Federation)", "The US was the penholder", "Tomorrow morning
(13 December), the Security Council is expected to vote on a draft resolution"."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_NUMBER_WORDS = {"none": 0, "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                 "fourteen": 14, "fifteen": 15}
_COUNT = r"(\d{1,2}|none|no|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)"
_IN_FAVOUR = re.compile(rf"\b{_COUNT}\s+(?:votes?\s+)?in\s+favou?r\b", re.IGNORECASE)
_AGAINST = re.compile(rf"\b{_COUNT}\s+(?:votes?\s+)?against\b(?:\s*\(([^)]*)\))?", re.IGNORECASE)
_ABSTAIN = re.compile(rf"\b{_COUNT}\s+abstentions?\b(?:\s*\(([^)]*)\))?", re.IGNORECASE)
_SUPPORT = re.compile(rf"\b(?:garnered|received|won)\s+(?:the\s+)?support\s+(?:from|of)\s+{_COUNT}\s+members\b", re.IGNORECASE)
_VETOED_BY = re.compile(r"\bvetoed\s+by\s+(?:the\s+)?([A-Z][A-Za-z ]+?(?:\s+and\s+(?:the\s+)?[A-Z][A-Za-z ]+?)?)(?=[.;,]|$)")
_UNANIMOUS = re.compile(r"\bunanimously\s+adopt|\badopted\s+unanimously\b", re.IGNORECASE)
_VETO = re.compile(r"\bveto(?:ed|es)?\b|\bnegative vote (?:cast )?by (?:a|two|one) permanent member", re.IGNORECASE)
_FAILED = re.compile(r"\bfail(?:ed|s)?\s+to\s+(?:be\s+)?adopt|\bnot\s+adopted\b|\brejected\b", re.IGNORECASE)
_ADOPTED = re.compile(r"\badopt(?:ed|ing|s)\b", re.IGNORECASE)
_MEMBER_LIST = re.compile(r"\s*(?:,|\band\b)\s*")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_MONTH = "|".join(_MONTHS)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b")
_FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                  "novembre", "décembre"]
_FRENCH_DATE = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({'|'.join(_FRENCH_MONTHS)})\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\((\d{{1,2}})\s+({_MONTH})\)")
_PENHOLDER = re.compile(
    r"\b(?:the\s+)?([A-Z][A-Za-z]*(?:\s+(?:and\s+)?[A-Z][A-Za-z]*){0,3})\s+(?:was|is|are|were)\s+(?:the\s+)?(?:co-)?penholders?\b"
    r"|\bauthored\s+by\s+(?:the\s+)?([A-Z][A-Za-z]*(?:\s+(?:and\s+)?[A-Z][A-Za-z]*){0,3})"
    r"|\bpenholders?\s+(?:on\s+[^,.]+?\s*)?(?:,\s*)?(?:is|are|was|were)?\s*(?:the\s+)?([A-Z][A-Za-z]*(?:\s+(?:and\s+)?[A-Z][A-Za-z]*){0,3})")
_STAGES = (
    ("put_in_blue", re.compile(r"\bput\s+(?:the\s+draft\s+)?(?:in|into)\s+blue|\bin\s+blue\b", re.IGNORECASE)),
    ("silence", re.compile(r"\bunder\s+silence|\bsilence\s+procedure|\bbroke\s+silence", re.IGNORECASE)),
    ("revised", re.compile(r"\brevised\s+draft|\bdraft\s+was\s+revised", re.IGNORECASE)),
    ("circulated", re.compile(r"\bcirculated\s+(?:a|the)\s+(?:zero\s+|first\s+)?draft|\bdraft\s+was\s+circulated", re.IGNORECASE)),
    ("vote_expected", re.compile(r"\bexpected\s+to\s+vote\b|\bscheduled\s+to\s+vote\b|\bwill\s+vote\b", re.IGNORECASE)),
)


@dataclass
class ProseVote:
    outcome: str | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _members(listed: str | None) -> list[str]:
    return [m.strip(" .") for m in _MEMBER_LIST.split(listed or "") if m.strip(" .")]


def vote_in(text: str) -> ProseVote | None:
    """The first recorded vote a text reports, with who voted against or abstained."""
    favour = _IN_FAVOUR.search(text) or _SUPPORT.search(text)
    unanimous = _UNANIMOUS.search(text)
    if not favour and not unanimous:
        return None
    vote = ProseVote()
    vetoed_by = _VETOED_BY.search(text[:3000])
    if vetoed_by:
        vote.against = [re.sub(r"^the\s+", "", m) for m in _members(vetoed_by.group(1))]
        vote.no = len(vote.against)
    if favour:
        window = text[favour.start(): favour.start() + 400]
        vote.yes = _count(favour.group(1))
        against = _AGAINST.search(window)
        if against and not vote.against:
            vote.no, vote.against = _count(against.group(1)), _members(against.group(2))
        abstain = _ABSTAIN.search(window)
        if abstain:
            vote.abstain, vote.abstaining = _count(abstain.group(1)), _members(abstain.group(2))
        else:
            vote.abstain = 0 if vote.no is not None else None
    else:
        vote.no, vote.abstain = 0, 0
    lead = text[:2000]
    if _FAILED.search(lead):
        vote.outcome = "vetoed" if _VETO.search(lead) else "not_adopted"
    elif _ADOPTED.search(lead) or unanimous:
        vote.outcome = "adopted"
    return vote


def iso_date(text: str, default_year: int | None = None) -> str | None:
    """The first date in a text: "25 October 2023", "October 25, 2023", "28 février 2017",
    or "(13 December)" in the year given."""
    found = _DAY_MONTH_YEAR.search(text)
    if found:
        return _iso(int(found.group(3)), found.group(2), int(found.group(1)))
    found = _MONTH_DAY_YEAR.search(text)
    if found:
        return _iso(int(found.group(3)), found.group(1), int(found.group(2)))
    found = _FRENCH_DATE.search(text)
    if found:
        return _iso(int(found.group(3)), _MONTHS[_FRENCH_MONTHS.index(found.group(2).lower())], int(found.group(1)))
    found = _DAY_MONTH.search(text)
    if found and default_year:
        return _iso(default_year, found.group(2), int(found.group(1)))
    return None


def day_in_parentheses(text: str, year: int) -> str | None:
    """"Tomorrow morning (13 December), the Security Council is expected to vote" → 2024-12-13."""
    found = _DAY_MONTH.search(text)
    return _iso(year, found.group(2), int(found.group(1))) if found else None


def _iso(year: int, month: str, day: int) -> str | None:
    try:
        return date(year, _MONTHS.index(month) + 1, day).isoformat()
    except ValueError:
        return None


def penholders(text: str) -> list[str]:
    """Members named as penholders ("The US was the penholder", "authored by the UK")."""
    found: list[str] = []
    for match in _PENHOLDER.finditer(text):
        names = next(group for group in match.groups() if group)
        for name in re.split(r"\s+and\s+", names):
            name = re.sub(r"^[Tt]he\s+", "", name.strip())
            if name and name not in found and name.lower() not in ("the", "council", "security council"):
                found.append(name)
    return found


def draft_stages(text: str) -> list[str]:
    """Which steps of a draft's path a post reports: circulated, revised, silence, put_in_blue, vote_expected."""
    return [name for name, pattern in _STAGES if pattern.search(text)]
