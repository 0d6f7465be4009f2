"""The mandate API, pages and "compare with the previous mandate" on real texts."""
from __future__ import annotations

from pathlib import Path

from models.ingest import ingest_file

BUNDLE = Path(__file__).resolve().parents[2] / "crawler" / "bundle" / "documents" / "resolutions"


def _ingest(app, *names):
    with app.extensions["councilwatch.db"].writer() as session:
        for name in names:
            ingest_file(session, BUNDLE / name)


def test_mandate_api_shape_gaps_and_status(app, client):
    _ingest(app, "S_RES_2149_2014.txt", "S_RES_2709_2023.txt")
    app.config["TODAY"] = "2026-12-07"
    body = client.get("/api/v1/mandates/MINUSCA").get_json()
    assert set(body) >= {"id", "name", "aliases", "kind", "agenda_item", "status", "ends_on", "resolutions", "gaps"}
    assert body["kind"] == "peace_operation" and body["status"] == "last_known_end" and body["ends_on"] == "2024-11-15"
    assert [(r["symbol"], r["action"]) for r in body["resolutions"]] == [
        ("S/RES/2149 (2014)", "establish"), ("S/RES/2709 (2023)", "renew")]
    assert set(body["resolutions"][0]) >= {"adopted_on", "mandate_end", "period_months", "troop_ceiling", "police_ceiling"}
    assert body["resolutions"][1]["troop_ceiling"] == 14400
    assert any(g["after"] == "S/RES/2149 (2014)" and "S/RES/2552 (2020)" in g["known_symbols"] for g in body["gaps"])
    listing = client.get("/api/v1/mandates").get_json()["mandates"]
    assert "MINUSCA" in [m["id"] for m in listing]
    assert client.get("/api/v1/mandates/Panel%20of%20Experts").status_code == 404
    assert client.get("/api/v1/documents/S/RES/2709(2023)").get_json()["mandates"] == ["MINUSCA"]


def test_previous_mandate_is_the_text_held_and_says_what_is_missing(app, client):
    _ingest(app, "S_RES_2149_2014.txt", "S_RES_2709_2023.txt")
    page = client.get("/S/RES/2709(2023)").get_data(as_text=True)
    assert 'href="/compare?old=S/RES/2149(2014)@1&amp;new=S/RES/2709(2023)@1"' in page
    assert "not in the archive" in page.split('id="previous-mandate-gap"')[1].split("</span>")[0]
    compare = client.get("/compare?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1").get_data(as_text=True)
    assert "9.5 years" not in compare and 'id="mandate-gap"' in compare
    assert "not in the archive" in compare.split('id="mandate-gap"')[1].split("</p>")[0]
    api = client.get("/api/v1/compare?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1").get_json()
    assert "9.5 years" not in api["summary"] and api["mandate_gap"]["mandate"] == "MINUSCA"
    assert "S/RES/2552 (2020)" in api["mandate_gap"]["known_symbols"]
    mandate = client.get("/mandates/MINUSCA").get_data(as_text=True)
    assert "between S/RES/2149 (2014) and S/RES/2709 (2023)" in mandate and "S/RES/2552 (2020)" in mandate


def test_car_sanctions_do_not_compare_with_south_sudan(app, client):
    _ingest(app, "S_RES_2731_2024.txt", "S_RES_2745_2024.txt")
    page = client.get("/S/RES/2745(2024)").get_data(as_text=True)
    assert 'id="compare-previous-mandate"' not in page
    assert client.get("/api/v1/documents/S/RES/2745(2024)").get_json()["mandates"] == ["car-panel"]
    listing = client.get("/mandates").get_data(as_text=True)
    assert "car-panel" in listing and "south-sudan-panel" in listing and "Panel of Experts</a>" not in listing


def test_rebuild_command_recomputes_lineages(app, runner):
    from models.mandates import MandateStep

    _ingest(app, "S_RES_2149_2014.txt", "S_RES_2709_2023.txt")
    from webapp.cli import main

    result = runner.invoke(main, ["mandates", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "mandate steps:" in result.output
    with app.extensions["councilwatch.db"].reader() as session:
        assert sorted(s.symbol for s in session.query(MandateStep).filter_by(entity_id="MINUSCA")) == [
            "S/RES/2149 (2014)", "S/RES/2709 (2023)"]
