"""The JSON API contract other tools rely on, and its OpenAPI description."""
from __future__ import annotations

import json
import subprocess
import sys


def test_document_contract(monusco, client):
    body = client.get("/api/v1/documents/S/RES/2765(2024)").get_json()
    assert {"symbol", "kind", "title", "url", "versions", "facts", "links"} <= set(body)
    assert body["symbol"] == "S/RES/2765 (2024)" and body["kind"] == "resolution"
    assert body["url"] == "http://127.0.0.1:8000/S/RES/2765(2024)"
    (version,) = body["versions"]
    assert {"number", "url", "sha256", "fetched_at"} <= set(version)
    assert version["url"] == "http://127.0.0.1:8000/S/RES/2765(2024)@1" and len(version["sha256"]) == 64
    assert any(f["kind"] == "troop_ceiling" and f["value"] == 11500 for f in body["facts"])


def test_compare_contract_matches_diff_json(monusco, client, monkeypatch):
    from click.testing import CliRunner

    from webapp.cli import main

    body = client.get("/api/v1/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1").get_json()
    assert body["url"] == "http://127.0.0.1:8000/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1"
    monkeypatch.setenv("COUNCILWATCH_DATABASE_URL", monusco.config["DATABASE_URL"])
    cli = CliRunner().invoke(main, ["diff", "S/RES/2717(2023)@1", "S/RES/2765(2024)@1", "--json"])
    assert cli.exit_code == 0, cli.output
    expected = json.loads(cli.output)
    assert {k: v for k, v in body.items() if k != "url"} == expected
    end = next(f for f in body["facts"] if f["kind"] == "mandate_end")
    assert (end["old"], end["new"]) == ("2024-12-20", "2025-12-20")


def test_versions_facts_and_listing(monusco, client):
    version = client.get("/api/v1/documents/S/RES/2765(2024)/versions/1").get_json()
    assert version["version"] == 1 and version["text"] and version["paragraphs"][0]["anchor"]
    facts = client.get("/api/v1/documents/S/RES/2765(2024)/facts").get_json()
    assert facts["versions"][0]["number"] == 1 and facts["versions"][0]["facts"]
    listing = client.get("/api/v1/documents?kind=resolution&limit=2").get_json()
    assert listing["total"] == 3 and len(listing["documents"]) == 2
    mandate = client.get("/api/v1/mandates/MONUSCO").get_json()
    assert [r["mandate_end"] for r in mandate["resolutions"]] == ["2021-12-20", "2024-12-20", "2025-12-20"]


def test_openapi_describes_every_api_route(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    described = set(spec["paths"])
    routes = {r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/") and "openapi" not in r.rule}
    for rule in routes:
        path = rule.replace("<path:target>", "{symbol}").replace("<entity>", "{entity}")
        assert path in described, rule
    for path, item in spec["paths"].items():
        for operation in item.values():
            for ref in json.dumps(operation).split('"$ref": "')[1:]:
                assert ref.split('"')[0].rsplit("/", 1)[1] in spec["components"]["schemas"], (path, ref)


def test_openapi_document_is_valid_json_with_no_server_needed():
    out = subprocess.run([sys.executable, "-c", "import json; from webapp.openapi import openapi_document; "
                          "print(json.dumps(openapi_document('http://x')))"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["info"]["title"] == "councilwatch API"
