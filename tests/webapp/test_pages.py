"""The HTML pages on real resolutions: document, version permalink, compare, mandate, search."""
from __future__ import annotations

import hashlib
import html
import re

from models.store import add_link, get_document, get_or_create_document

from .conftest import BUNDLE, add_vote, ingest

RENEWAL = "/S/RES/2765(2024)"
PREVIOUS = "/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"


def test_home_lists_latest_changes_and_expiring_mandates(monusco, client):
    monusco.config["TODAY"] = "2025-11-01"
    page = client.get("/").get_data(as_text=True)
    assert "S/RES/2765 (2024)" in page and "adopted" in page and "20 December 2024" in page
    expiring = page.split("Mandates ending in the next 60 days")[1].split("</section>")[0]
    assert "MONUSCO" in expiring and "20 December 2025" in expiring and "49 days" in expiring
    monusco.config["TODAY"] = "2025-06-01"
    expiring = client.get("/").get_data(as_text=True).split("Mandates ending in the next 60 days")[1].split("</section>")[0]
    assert "MONUSCO" not in expiring


def test_document_page_shows_facts_versions_and_previous_mandate(monusco, client):
    page = client.get(RENEWAL).get_data(as_text=True)
    assert "<h1 class=\"symbol\">S/RES/2765 (2024)</h1>" in page
    assert 'id="compare-previous-mandate"' in page
    assert 'href="/compare?old=S/RES/2717(2023)@1&amp;new=S/RES/2765(2024)@1"' in page
    assert "20 December 2025" in page and "11,500" in page  # mandate end, troop ceiling
    assert 'href="/S/RES/2765(2024)@1"' in page


def test_document_page_shows_lineage_and_vote_breakdown(monusco, client):
    with monusco.extensions["councilwatch.db"].writer() as session:
        draft = get_or_create_document(session, symbol="S/2024/921", title="Draft on the DRC")
        add_link(session, draft, get_document(session, "S/RES/2765 (2024)"), "adopted-as")
    add_vote(monusco, "S/2024/921", "S/RES/2765 (2024)")
    page = client.get(RENEWAL).get_data(as_text=True)
    lineage = page.split('class="lineage"')[1].split("</section>")[0]
    assert lineage.index("S/2024/921") < lineage.index("S/RES/2765 (2024)")  # draft first
    words = re.sub(r"<[^>]+>", "", lineage)
    assert "Draft S/2024/921 → adopted as S/RES/2765 (2024) on 20 December 2024, 13-0-2" in words
    votes = page.split('class="votes"')[1].split("</section>")[0]
    assert "13-0-2" in votes and "S/PV.9814" in votes
    assert re.search(r"Russian Federation</a> <span class=\"badge\">P5</span></td>\s*<td>Abstain", votes)  # linked to its member page
    draft_page = client.get("/S/2024/921").get_data(as_text=True)
    assert "13-0-2" in draft_page and "adopted as" in draft_page


def test_version_permalink_has_paragraph_anchors_downloads_and_citation(monusco, client):
    page = client.get("/S/RES/2765(2024)@1").get_data(as_text=True)
    assert 'id="op-1"' in page and 'href="#op-1"' in page and 'id="pp-1"' in page
    raw = client.get("/S/RES/2765(2024)@1/original")
    digest = hashlib.sha256(raw.data).hexdigest()
    assert raw.data == (BUNDLE / "S_RES_2765_2024.txt").read_bytes()
    assert digest in page and raw.headers["X-Capture-SHA256"] == digest
    assert raw.headers["Content-Disposition"].startswith("attachment;")
    text = client.get("/S/RES/2765(2024)@1/text")
    assert hashlib.sha256(text.data).hexdigest() in page
    data = client.get("/S/RES/2765(2024)@1/json").get_json()
    assert data["version"] == 1 and data["paragraphs"] and data["raw_sha256"] == digest
    assert any(f["kind"] == "mandate_end" and f["value"] == "2025-12-20" for f in data["facts"])
    cite = html.unescape(page.split('id="cite"')[1])
    for needle in ("http://127.0.0.1:8000/S/RES/2765(2024)@1", "S/RES/2765 (2024)", "Version 1", data["sha256"],
                   "@misc{s_res_2765_2024_v1", "urldate = {", '"URL": "http://127.0.0.1:8000/S/RES/2765(2024)@1"'):
        assert needle in cite, needle


def test_compare_page_shows_fact_delta_and_word_changes(monusco, client):
    page = client.get(PREVIOUS).get_data(as_text=True)
    delta = page.split('id="facts-delta"')[1].split("</section>")[0]
    row = delta.split('fact-mandate_end')[1].split("</tr>")[0]
    assert "<del>20 December 2024</del>" in row and "<mark>20 December 2025</mark>" in row
    assert "extended by 12 months" in page  # the summary
    paragraphs = page.split('id="paragraphs"')[1]
    assert re.search(r"<del>[^<]*2024[^<]*</del>", paragraphs) and re.search(r"<ins>[^<]*2025[^<]*</ins>", paragraphs)
    assert 'id="chg-1"' in paragraphs and 'class="inline"' in paragraphs
    assert 'id="view-side"' in paragraphs and 'id="view-inline"' in paragraphs


def test_compare_marks_moved_paragraphs(app, client):
    from models.store import record_version

    first = "The Security Council,\nRecalling its resolutions,\n1. Decides one thing;\n2. Requests the Secretary-General to report;\n3. Decides to remain seized of the matter.\n"
    second = "The Security Council,\nRecalling its resolutions,\n1. Requests the Secretary-General to report;\n2. Decides one thing;\n3. Decides to remain seized of the matter.\n"
    with app.extensions["councilwatch.db"].writer() as session:
        for text in (first, second):
            record_version(session, text=text, raw=text.encode(), media_type="text/plain", symbol="S/2099/1")
    page = client.get("/compare?old=S/2099/1@1&new=S/2099/1@2").get_data(as_text=True)
    assert "change-moved" in page and "moved from OP" in page


def test_compare_across_documents_and_latest_redirect(minusca, client):
    response = client.get("/compare?old=S/RES/2149(2014)&new=S/RES/2709(2023)")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/compare?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1")
    page = client.get("/compare?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1")
    assert page.status_code == 200 and "S/RES/2149 (2014)" in page.get_data(as_text=True)
    renewal = client.get("/S/RES/2709(2023)").get_data(as_text=True)
    assert 'href="/compare?old=S/RES/2149(2014)@1&amp;new=S/RES/2709(2023)@1"' in renewal


def test_mandate_page_lists_lineage_and_draws_chart(monusco, client):
    page = client.get("/mandates/MONUSCO").get_data(as_text=True)
    table = page.split("mandate-table")[1]
    assert table.index("S/RES/2765 (2024)") < table.index("S/RES/2717 (2023)") < table.index("S/RES/2556 (2020)")
    assert "20 December 2025" in table and "13,500" in table and "443" in table
    assert "<svg" in page and page.count('class="dot troops"') == 3 and "<rect class=\"bar\"" in page
    assert 'href="/compare?old=S/RES/2717(2023)@1&amp;new=S/RES/2765(2024)@1"' in table
    assert client.get("/mandates/NOPE").status_code == 404
    assert "MONUSCO" in client.get("/mandates").get_data(as_text=True)


def test_search_finds_words_and_filters(monusco, client):
    page = client.get("/search?q=stabilisation").get_data(as_text=True)
    assert "<mark>" in page and "S/RES/" in page
    hits = client.get("/api/v1/search?q=Tshisekedi").get_json()
    assert {h["symbol"] for h in hits["hits"]} >= {"S/RES/2765 (2024)"}
    only_2024 = client.get("/api/v1/search?q=MONUSCO&year=2024").get_json()
    assert {h["symbol"] for h in only_2024["hits"]} == {"S/RES/2765 (2024)"}
    assert client.get("/api/v1/search?q=MONUSCO&mission=MINUSCA").get_json()["total"] == 0
    assert client.get("/api/v1/search?q=MONUSCO&kind=draft").get_json()["total"] == 0
    assert client.get("/search?q=x&year=abc").status_code == 400
    assert client.get('/search?q=" OR * NEAR( col:').status_code == 200  # FTS syntax is only words


def test_search_index_follows_new_versions(app, client):
    assert client.get("/api/v1/search?q=MONUSCO").get_json()["total"] == 0
    ingest(app, "S_RES_2717_2023.txt")
    assert client.get("/api/v1/search?q=MONUSCO").get_json()["total"] == 1


def test_feeds_are_atom(monusco, client):
    for url in ("/S/RES/2765(2024)/feed.atom", "/mandates/MONUSCO/feed.atom", "/search/feed.atom?q=MONUSCO"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "application/atom+xml", url
        assert b'<feed xmlns="http://www.w3.org/2005/Atom">' in response.data
        assert b"<entry>" in response.data
