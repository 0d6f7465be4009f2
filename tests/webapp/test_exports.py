"""Downloads: a comparison of a real renewal pair as Word with tracked changes, opened and
read back; the calendar of mandate expiries parsed with the icalendar library."""
from __future__ import annotations

import io
import zipfile

from icalendar import Calendar

RENEWAL = "/compare.docx?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_comparison_as_word_with_tracked_changes(monusco, client):
    from docx import Document as WordDocument
    from lxml import etree

    response = client.get(RENEWAL)
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    word = WordDocument(io.BytesIO(response.data))  # python-docx opens it
    assert "S/RES/2765 (2024)" in word.paragraphs[0].text
    xml = zipfile.ZipFile(io.BytesIO(response.data)).read("word/document.xml")
    root = etree.fromstring(xml)
    inserted = ["".join(t.text for t in ins.iter(f"{W}t")) for ins in root.iter(f"{W}ins")]
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del")]
    assert any("2025" in text for text in inserted) and any("2024" in text for text in deleted)
    # The mandate end of the renewal: "until 20 December 2024" → "until 20 December 2025".
    paragraph = next(p for p in root.iter(f"{W}p") if "Decides to extend" in "".join(t.text or "" for t in p.iter(f"{W}t")))
    assert "2024" in "".join(t.text for t in paragraph.iter(f"{W}delText"))
    for revision in (*root.iter(f"{W}ins"), *root.iter(f"{W}del")):
        assert revision.get(f"{W}id") and revision.get(f"{W}author") == "councilwatch" and revision.get(f"{W}date")
    assert client.get("/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1").get_data(as_text=True).count(
        'href="/compare.docx?old=S/RES/2717(2023)@1&amp;new=S/RES/2765(2024)@1"') == 1


def test_mandate_expiry_calendars_parse(monusco, client):
    response = client.get("/mandates/MONUSCO/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    ends = sorted(e.decoded("dtstart").isoformat() for e in events)
    assert "2025-12-20" in ends and "2024-12-20" in ends
    latest = next(e for e in events if e.decoded("dtstart").isoformat() == "2025-12-20")
    assert str(latest["url"]).endswith("/mandates/MONUSCO")
    assert "/S/RES/2765(2024)" in str(latest["description"]) and "MONUSCO mandate ends" == str(latest["summary"])
    every = Calendar.from_ical(client.get("/mandates/calendar.ics").data)
    assert any(str(e["summary"]) == "MONUSCO mandate ends" for e in every.walk("VEVENT"))
    assert client.get("/mandates/Nobody/calendar.ics").status_code == 404
