"""The comparison page tells one truth: the facts table and the summary agree on a
ceiling with a dropped phase; each ceiling says what it counts; variants are an option."""
from __future__ import annotations

import html
import re

PAIR = "/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_facts_table_and_summary_agree_on_ceilings(monusco, client):
    page = client.get(PAIR).get_data(as_text=True)
    summary = _text(page.split('id="summary">')[1].split("</p>")[0])
    assert "troop ceiling for MONUSCO unchanged at 11,500 (13,500 dropped)" in summary
    row = _text(page.split('fact-troop_ceiling')[1].split('">', 1)[1].split("</tr>")[0])
    assert "11,500 unchanged; 13,500 dropped" in row and "removed" not in row
    assert "observers and staff officers" in row  # what the ceiling counts
    police = _text(page.split('fact-police_ceiling')[1].split("</tr>")[0])
    assert "formed police units not stated" in police
    assert 'id="show-variants"' in page
    assert "30 June 2024" in summary and "2024-06-30" not in summary
