"""Journal of the United Nations (https://journal.un.org): the Council's meetings
announced in advance ("Security Council, 9786th meeting, 10:00, Security Council
Chamber: The situation in the Middle East").

Discovery: the Journal's site is an Angular application over a public JSON API whose
base it publishes in https://journal.un.org/assets/config.json ("baseUrl":
"https://journal-api.un.org/api/"); the spider asks what the application asks,
`GET https://journal-api.un.org/api/officialsnew/<YYYY-MM-DD>` with the headers
`location: new york` and `language: en`, for today and the next `days` days.
Evidence: public fetchers of the Journal document exactly these calls and the answer's
shape: {"issueDate", "groups": [{"groupNameTitle", "sessions": [{"name", "meetings":
[{"id", "meetingNumber": {"en"}, "title": {"en"}, "startDate", "timeFrom", "timeTo",
"rooms": [{"value"}], "isClosed", "isCancelled", "organSymbol",
"relatedOrganizationFullName"}]}]}]}.
Parsing: only the Security Council's meetings (session or organ named "Security
Council", organ symbol "S"), each kept in `extra["meetings"]`; a numbered meeting
("9786th meeting") names its future record S/PV.9786. Identity: keyed by the day's
Journal page https://journal.un.org/en/new-york/all/<date>; an unchanged day writes
nothing.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any, AsyncIterator, Iterator

from scrapy.http import Request, Response

from ..items import DocRef, DocumentItem, capture
from .base import CouncilSpider, ParseError

API = "https://journal-api.un.org/api/officialsnew/{day}"
PAGE = "https://journal.un.org/en/new-york/all/{day}"
HEADERS = {"location": "new york", "language": "en", "Accept": "application/json"}
_NUMBER = re.compile(r"\b(\d{3,5})(?:st|nd|rd|th)\s+meeting\b", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_DAY = re.compile(r"/officialsnew/(\d{4}-\d{2}-\d{2})$")


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("en") or next((v for v in value.values() if isinstance(v, str)), "")
    if not isinstance(value, str):
        return ""
    return " ".join(_TAGS.sub(" ", value).replace("&nbsp;", " ").split())


class UnJournalSpider(CouncilSpider):
    name = "un_journal"
    source_title = "Journal of the United Nations: Security Council meetings"
    source_url = "https://journal.un.org/"
    replay_order = 12
    routes = ((r"/api/officialsnew/\d{4}-\d{2}-\d{2}$", "parse_day"),)

    def __init__(self, *args, days: str | int = 7, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.start_urls:
            today = datetime.now(timezone.utc).date()
            self.start_urls = [API.format(day=(today + timedelta(days=n)).isoformat()) for n in range(int(days) + 1)]

    async def start(self) -> AsyncIterator[Request]:
        async for request in super().start():
            request.headers.update(HEADERS)
            yield request

    def parse_day(self, response: Response) -> Iterator[DocumentItem]:
        match = _DAY.search(response.url)
        day = match.group(1) if match else None
        if not response.body.strip():
            return  # no Journal issued for that day (weekend, holiday)
        try:
            answer = json.loads(response.body)
        except ValueError as error:
            raise ParseError(f"{response.url}: not JSON: {error}") from None
        if not isinstance(answer, dict) or "groups" not in answer:
            raise ParseError(f"{response.url}: no `groups` in the Journal's answer")
        meetings = list(council_meetings(answer, day))
        item = capture(response, kind="journal", keyed_by_url=True, media_type="text/plain",
                       title=f"Journal of the United Nations, {day}: Security Council")
        item.extra.update({"journal_page": PAGE.format(day=day) if day else None, "day": day, "issue_date": answer.get("issueDate"), "meetings": meetings})
        lines = [f"{m['date']} {m['time'] or ''} {m['room'] or ''}: {m['title']}"
                 f"{' (closed)' if m['closed'] else ''}{' CANCELLED' if m['cancelled'] else ''}"
                 f"{' - ' + m['note'] if m['note'] else ''}" for m in meetings]
        item.text = "\n".join(lines) or f"No Security Council meeting announced for {day}."
        for m in meetings:
            if m["record"]:
                item.documents.append(DocRef(m["record"], title=m["note"] or None, kind="meeting_record"))
        yield item


def council_meetings(answer: dict, day: str | None) -> Iterator[dict]:
    """The Security Council's meetings in one day's Journal answer."""
    seen = set()
    for group in answer.get("groups") or []:
        for session in group.get("sessions") or []:
            organ = " ".join(str(session.get("name") or "").split())
            for meeting in session.get("meetings") or []:
                organ_name = organ or _plain(meeting.get("relatedOrganizationFullName"))
                if "security council" not in organ_name.lower() and meeting.get("organSymbol") != "S":
                    continue
                if meeting.get("id") in seen:
                    continue
                seen.add(meeting.get("id"))
                title = _plain(meeting.get("meetingNumber"))
                number = _NUMBER.search(title)
                start = str(meeting.get("startDate") or "")
                yield {
                    "id": meeting.get("id"), "date": start[:10] or day, "organ": organ_name, "title": title,
                    "note": _plain(meeting.get("title")), "time": (meeting.get("timeFrom") or "").strip() or None,
                    "room": ", ".join(r.get("value") for r in meeting.get("rooms") or [] if r.get("value")) or None,
                    "closed": bool(meeting.get("isClosed")), "cancelled": bool(meeting.get("isCancelled")),
                    "record": f"S/PV.{number.group(1)}" if number else None,
                }


