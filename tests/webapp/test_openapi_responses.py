"""The OpenAPI document validated against real responses: every described path is
requested, and each body must match the schema the document gives for its status —
closed schemas, so an undocumented field fails as surely as a missing one."""
from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator, FormatChecker

CALLS = [
    ("/api/v1/documents", "/api/v1/documents?limit=1&offset=1", 200),
    ("/api/v1/documents", "/api/v1/documents?kind=resolution", 200),
    ("/api/v1/documents/{symbol}", "/api/v1/documents/S/RES/2765(2024)", 200),
    ("/api/v1/documents/{symbol}", "/api/v1/documents/S/RES/9999(2030)", 404),
    ("/api/v1/documents/{symbol}/versions", "/api/v1/documents/S/RES/2765(2024)/versions", 200),
    ("/api/v1/documents/{symbol}/versions/{number}", "/api/v1/documents/S/RES/2765(2024)/versions/1", 200),
    ("/api/v1/documents/{symbol}/versions/{number}", "/api/v1/documents/S/RES/2765(2024)/versions/9", 404),
    ("/api/v1/documents/{symbol}/facts", "/api/v1/documents/S/RES/2717(2023)/facts", 200),
    ("/api/v1/compare", "/api/v1/compare?old=S/RES/2717(2023)@1&new=S/RES/2765(2024)@1", 200),
    ("/api/v1/mandates", "/api/v1/mandates", 200),
    ("/api/v1/mandates/{entity}", "/api/v1/mandates/MONUSCO", 200),
    ("/api/v1/search", "/api/v1/search?q=Democratic+Republic+of+the+Congo&page=1", 200),
]


def _validator(spec: dict, path: str, status: int) -> Draft202012Validator:
    content = spec["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]
    schema = {**content["schema"], "components": spec["components"]}
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_every_described_path_is_exercised(monusco, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert set(spec["paths"]) == {path for path, _, _ in CALLS}


@pytest.mark.parametrize("path, url, status", CALLS, ids=[url for _, url, _ in CALLS])
def test_real_responses_match_the_openapi_document(monusco, client, path, url, status):
    spec = client.get("/api/v1/openapi.json").get_json()
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    body = response.get_json()
    errors = sorted(_validator(spec, path, status).iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
    for parameter in spec["paths"][path]["get"].get("parameters", []):
        if parameter["in"] == "query" and parameter.get("required"):
            assert re.search(rf"[?&]{parameter['name']}=", url), parameter["name"]


def test_documented_paging_parameters_are_the_real_ones(monusco, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    listing = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/documents"]["get"]["parameters"]}
    body = client.get("/api/v1/documents").get_json()
    assert (body["limit"], body["offset"]) == (listing["limit"]["default"], listing["offset"]["default"])
    assert client.get(f"/api/v1/documents?limit={listing['limit']['maximum'] + 1}").status_code == 400
    assert client.get(f"/api/v1/documents?limit={listing['limit']['maximum']}").status_code == 200
    search = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert client.get("/api/v1/search?q=Congo").get_json()["page"] == search["page"]["default"]
