"""The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`."""
from __future__ import annotations

from typing import Any

_SYMBOL = {"name": "symbol", "in": "path", "required": True, "schema": {"type": "string"},
           "description": "A document symbol as undocs.org spells it, e.g. S/RES/2709(2023); "
                          "other spellings redirect. Symbol-less documents are d/<id>.",
           "example": "S/RES/2709(2023)"}
_REF = {"type": "string", "pattern": r"^.+@\d+$", "example": "S/RES/2149(2014)@1"}


def _ok(schema: str, description: str) -> dict[str, Any]:
    return {"200": {"description": description,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}},
            "404": {"description": "No such document, version or mandate",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}


def _object(properties: dict[str, Any], required: list[str] | None = None, open_: bool = False) -> dict[str, Any]:
    """An object schema; closed (no undocumented fields) unless `open_`: the tests validate
    real responses against these, so a field added to a response must be added here."""
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "required": list(properties) if required is None else required}
    if not open_:
        schema["additionalProperties"] = False
    return schema


_STR, _INT, _URI = {"type": "string"}, {"type": "integer"}, {"type": "string", "format": "uri"}
_NSTR = {"type": ["string", "null"]}
_DATE = {"type": ["string", "null"], "format": "date"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _schemas(fact: dict[str, Any], version_item: dict[str, Any]) -> dict[str, Any]:
    paragraph = _object({"kind": _STR, "number": _NSTR, "anchor": _NSTR, "text": _STR,
                         "children": _array(_ref("Paragraph"))})
    side = _object({"symbol": _NSTR, "version": {"type": ["integer", "null"]}, "title": _NSTR})
    position = {"oneOf": [{"type": "null"}, _object({"kind": _STR, "number": _NSTR, "anchor": _NSTR}, ["kind"], True)]}
    change = {"type": "object", "required": ["change", "old", "new", "words"], "properties": {
        "change": {"enum": ["unchanged", "renumbered", "edited", "inserted", "deleted", "moved", "split", "merged"]},
        "old": position, "new": position, "others": {"type": "array"}, "old_text": _NSTR, "new_text": _NSTR,
        "words": _array({"type": "array", "prefixItems": [{"enum": ["equal", "insert", "delete", "replace"]}, _STR]}),
        "text_changed": {"type": "boolean"}, "children": _array(_ref("ParagraphChange"))}}
    fact_change = {"type": "object", "required": ["kind", "entity", "old", "new", "paragraphs"], "properties": {
        "kind": _STR, "entity": _NSTR, "old": {}, "new": {}, "change": _STR, "label": _STR, "reported": {"type": "boolean"},
        "paragraphs": _object({"old": _array(_STR), "new": _array(_STR)}), "evidence": {"type": ["object", "null"]}}}
    return {
        "Error": _object({"error": _STR, "status": _INT}),
        "Fact": fact,
        "VersionItem": version_item,
        "Paragraph": paragraph,
        "DocumentSummary": _object({"symbol": _STR, "kind": _STR, "title": _NSTR, "url": _URI, "api_url": _URI}),
        "DocumentList": _object({"total": _INT, "limit": _INT, "offset": _INT,
                                 "documents": _array(_ref("DocumentSummary"))}),
        "Document": _object({
            "symbol": {"type": "string", "example": "S/RES/2709 (2023)"}, "kind": _STR, "title": _NSTR, "url": _URI,
            "undocs_url": {"type": ["string", "null"], "format": "uri"},
            "versions": _array(_ref("VersionItem")), "facts": _array(_ref("Fact")),
            "links": _array(_object({"relation": _STR, "symbol": _STR, "kind": _STR, "url": _URI})),
            "mandates": {**_array(_STR), "description": "ids of the registry mandates this document is a step of"}}),
        "VersionList": _object({"symbol": _STR, "versions": _array(_ref("VersionItem"))}),
        "Version": _object({
            "symbol": _STR, "kind": _STR, "version": _INT, "title": _NSTR, "adopted_on": _DATE,
            "meeting": {"type": ["integer", "null"]}, "fetched_at": {"type": "string", "format": "date-time"},
            "source_url": _NSTR, "media_type": _STR,
            "sha256": {"type": "string", "description": "SHA-256 of the normalised text"},
            "raw_sha256": {"type": "string", "description": "SHA-256 of the captured bytes"},
            "url": _URI, "paragraphs": _array(_ref("Paragraph")), "facts": _array(_ref("Fact")), "text": _STR}),
        "FactsByVersion": _object({"symbol": _STR, "versions": _array(_object({"number": _INT, "facts": _array(_ref("Fact"))}))}),
        "ParagraphChange": change,
        "FactChange": fact_change,
        "Comparison": _object({
            "old": side, "new": side, "paragraphs": _array(_ref("ParagraphChange")),
            "facts": _array(_ref("FactChange")), "facts_unchanged": _array(_ref("FactChange")),
            "summary": _STR, "metadata": _array({"type": "object"}), "counts": {"type": "object"},
            "url": {"type": "string", "format": "uri", "description": "The comparison's HTML permalink"}},
            ["old", "new", "paragraphs", "facts", "summary", "url"]),
        "MandateList": _object({"mandates": _array(_object({
            "id": _STR, "name": _STR, "kind": _STR, "agenda_item": _NSTR,
            "status": {"type": "string", "enum": ["current", "ended", "last_known_end", "unknown"]},
            "ends_on": _DATE, "resolutions": _INT, "url": _URI, "api_url": _URI}))}),
        "Mandate": {"type": "object", "required": ["id", "name", "aliases", "kind", "agenda_item", "status", "ends_on",
                                                   "resolutions", "gaps"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
            "kind": {"type": "string", "enum": ["peace_operation", "political_mission", "sanctions_panel", "authorization", "committee"]},
            "agenda_item": {"type": "string"},
            "status": {"type": "string", "enum": ["current", "ended", "last_known_end", "unknown"]},
            "ends_on": {"type": ["string", "null"], "format": "date"},
            "resolutions": {"type": "array", "items": {"type": "object", "properties": {
                "symbol": {"type": "string"}, "adopted_on": {"type": ["string", "null"]},
                "action": {"type": "string", "enum": ["establish", "renew", "adjust", "end"]},
                "mandate_end": {"type": ["string", "null"]}, "period_months": {"type": ["integer", "null"]},
                "troop_ceiling": {"type": ["integer", "null"]}, "police_ceiling": {"type": ["integer", "null"]}}}},
            "gaps": {"type": "array", "items": {"type": "object", "properties": {
                "after": {"type": ["string", "null"]}, "before": {"type": ["string", "null"]},
                "known_symbols": {"type": "array", "items": {"type": "string"}}}}}}},
        "SearchResults": _object({"query": _STR, "total": _INT, "page": _INT, "hits": _array(_object({
            "symbol": _STR, "kind": _STR, "title": _NSTR, "version": _INT, "url": _URI, "snippet": _STR}))}),
    }


def openapi_document(server: str) -> dict[str, Any]:
    fact = {"type": "object", "required": ["kind", "value", "entity", "paragraph", "evidence"], "additionalProperties": False, "properties": {
        "kind": {"type": "string", "example": "mandate_end"}, "value": {},
        "entity": {"type": ["string", "null"], "example": "MINUSCA"},
        "paragraph": {"type": ["string", "null"], "example": "op-1"},
        "evidence": {"type": "string"}, "reported": {"type": "boolean"}}}
    version_item = {"type": "object", "required": ["number", "url", "sha256", "fetched_at"], "additionalProperties": False, "properties": {
        "number": {"type": "integer"}, "url": {"type": "string", "format": "uri"},
        "api_url": {"type": "string", "format": "uri"},
        "sha256": {"type": "string", "description": "SHA-256 of the normalised text"},
        "raw_sha256": {"type": "string", "description": "SHA-256 of the captured bytes"},
        "fetched_at": {"type": "string", "format": "date-time"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "councilwatch API", "version": "1",
                 "description": "Documents of the UN Security Council kept as immutable versions, their facts, "
                                "and comparisons between versions. Version and comparison responses never change "
                                "(strong ETag, Cache-Control: immutable)."},
        "servers": [{"url": server or "/"}],
        "paths": {
            "/api/v1/documents": {"get": {
                "summary": "List documents", "parameters": [
                    {"name": "kind", "in": "query", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}}],
                "responses": _ok("DocumentList", "A page of documents")}},
            "/api/v1/documents/{symbol}": {"get": {
                "summary": "A document: its versions, the facts of its latest version, its links",
                "parameters": [_SYMBOL], "responses": _ok("Document", "The document")}},
            "/api/v1/documents/{symbol}/versions": {"get": {
                "summary": "A document's versions", "parameters": [_SYMBOL],
                "responses": _ok("VersionList", "Versions, oldest first")}},
            "/api/v1/documents/{symbol}/versions/{number}": {"get": {
                "summary": "One immutable version: paragraphs, facts, text",
                "parameters": [_SYMBOL, {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": _ok("Version", "The version")}},
            "/api/v1/documents/{symbol}/facts": {"get": {
                "summary": "Facts of every version", "parameters": [_SYMBOL],
                "responses": _ok("FactsByVersion", "Facts per version")}},
            "/api/v1/compare": {"get": {
                "summary": "Compare two versions (of one document or of two); the `diff --json` object plus `url`",
                "parameters": [{"name": "old", "in": "query", "required": True, "schema": _REF},
                               {"name": "new", "in": "query", "required": True, "schema": _REF}],
                "responses": _ok("Comparison", "The comparison")}},
            "/api/v1/mandates": {"get": {"summary": "Registry mandates with resolutions held: status and last known end",
                                         "responses": _ok("MandateList", "Mandates")}},
            "/api/v1/mandates/{entity}": {"get": {
                "summary": "Every resolution of a mandate with end dates, periods and ceilings",
                "parameters": [{"name": "entity", "in": "path", "required": True, "schema": {"type": "string"},
                                "example": "MINUSCA"}],
                "responses": _ok("Mandate", "The mandate's resolutions, oldest first")}},
            "/api/v1/search": {"get": {
                "summary": "Full-text search over versions",
                "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string"}},
                               {"name": "kind", "in": "query", "schema": {"type": "string"}},
                               {"name": "year", "in": "query", "schema": {"type": "integer"}},
                               {"name": "mission", "in": "query", "schema": {"type": "string"}},
                               {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}}],
                "responses": _ok("SearchResults", "Matching documents, best first")}},
        },
        "components": {"schemas": _schemas(fact, version_item)},
    }
