"""Search knows symbols and ranks recent, adopted texts first; sorts by date; filters by year."""
from __future__ import annotations

import re

from models.search import search
from models.search_rank import symbol_intent

from .conftest import ingest


def _symbols(client, query: str) -> list[str]:
    page = client.get("/search", query_string=query).get_data(as_text=True)
    return re.findall(r'<a class="sym" href="[^"]+">([^<]+)</a>', page)


def test_symbol_intent_reads_the_ways_people_type_a_resolution():
    assert symbol_intent("2709").resolution_numbers == (2709,) and symbol_intent("2709").meeting_numbers == (2709,)
    for typed in ("S/RES/2709", "res 2709", "Res. 2709", "resolution 2709", "s/res/2709"):
        assert symbol_intent(typed).resolution_numbers == (2709,), typed
        assert symbol_intent(typed).meeting_numbers == (), typed
    assert symbol_intent("S/RES/2709 (2023)").symbols == ("S/RES/2709 (2023)",)
    assert symbol_intent("S/2025/748").symbols == ("S/2025/748",)
    assert not symbol_intent("stabilization force")


def test_symbols_go_to_that_resolution_first(minusca, client):
    ingest(minusca, "S_RES_2717_2023.txt", "S_RES_2765_2024.txt")
    for typed in ("2709", "S/RES/2709", "res 2709", "S/RES/2709 (2023)"):
        found = _symbols(client, {"q": typed})
        assert found and found[0] == "S/RES/2709 (2023)", (typed, found)


def test_recent_texts_rank_above_old_ones_and_date_sort(minusca, client):
    ingest(minusca, "S_RES_0082_1950_EN_GOLD.txt", "S_RES_0083_1950_EN_GOLD.txt", "S_RES_2717_2023.txt", "S_RES_2765_2024.txt")
    found = _symbols(client, {"q": "Security Council"})
    assert not found[0].endswith("(1950)") and found[-1].endswith("(1950)")
    dated = _symbols(client, {"q": "Security Council", "sort": "date"})
    years = [int(s[-5:-1]) for s in dated]
    assert years == sorted(years, reverse=True) and years[0] == 2024
    in_2014 = _symbols(client, {"q": "Security Council", "year": "2014"})
    assert in_2014 == ["S/RES/2149 (2014)"]
    assert client.get("/search?q=x&sort=sideways").status_code == 400


def test_search_function_pins_named_documents_within_filters(minusca):
    with minusca.extensions["councilwatch.db"].reader() as session:
        assert [h.document.symbol for h in search(session, "2709").hits][:1] == ["S/RES/2709 (2023)"]
        assert search(session, "2709", kind="draft").total == 0
