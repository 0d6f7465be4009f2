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


def openapi_document(server: str) -> dict[str, Any]:
    fact = {"type": "object", "required": ["kind", "value", "entity", "paragraph", "evidence"], "properties": {
        "kind": {"type": "string", "example": "mandate_end"}, "value": {},
        "entity": {"type": ["string", "null"], "example": "MINUSCA"},
        "paragraph": {"type": ["string", "null"], "example": "op-1"},
        "evidence": {"type": "string"}, "reported": {"type": "boolean"}}}
    version_item = {"type": "object", "required": ["number", "url", "sha256", "fetched_at"], "properties": {
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
            "/api/v1/": {"get": {
                "summary": "This API's endpoints, feeds and downloads (an HTML page; JSON for Accept: application/json)",
                "responses": {"200": {"description": "The endpoints", "content": {
                    "text/html": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object"}}}}}}},
            "/api/v1/documents": {"get": {
                "summary": "List documents", "parameters": [
                    {"name": "kind", "in": "query", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 200}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer"}}],
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
            "/api/v1/mandates": {"get": {"summary": "Missions and authorizations with mandate facts",
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
                               {"name": "page", "in": "query", "schema": {"type": "integer"}}],
                "responses": _ok("SearchResults", "Matching documents, best first")}},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
            "Fact": fact,
            "VersionItem": version_item,
            "DocumentSummary": {"type": "object", "properties": {
                "symbol": {"type": "string"}, "kind": {"type": "string"}, "title": {"type": ["string", "null"]},
                "url": {"type": "string"}, "api_url": {"type": "string"}}},
            "DocumentList": {"type": "object", "properties": {
                "total": {"type": "integer"}, "documents": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentSummary"}}}},
            "Document": {"type": "object", "required": ["symbol", "kind", "title", "url", "versions", "facts", "links"],
                         "properties": {
                             "symbol": {"type": "string", "example": "S/RES/2709 (2023)"}, "kind": {"type": "string"},
                             "title": {"type": ["string", "null"]}, "url": {"type": "string", "format": "uri"},
                             "versions": {"type": "array", "items": {"$ref": "#/components/schemas/VersionItem"}},
                             "facts": {"type": "array", "items": {"$ref": "#/components/schemas/Fact"}},
                             "links": {"type": "array", "items": {"type": "object", "properties": {
                                 "relation": {"type": "string"}, "symbol": {"type": "string"},
                                 "kind": {"type": "string"}, "url": {"type": "string"}}}}}},
            "VersionList": {"type": "object", "properties": {
                "symbol": {"type": "string"}, "versions": {"type": "array", "items": {"$ref": "#/components/schemas/VersionItem"}}}},
            "Version": {"type": "object", "properties": {
                "symbol": {"type": "string"}, "version": {"type": "integer"}, "sha256": {"type": "string"},
                "raw_sha256": {"type": "string"}, "fetched_at": {"type": "string", "format": "date-time"},
                "url": {"type": "string"}, "paragraphs": {"type": "array", "items": {"type": "object"}},
                "facts": {"type": "array", "items": {"$ref": "#/components/schemas/Fact"}}, "text": {"type": "string"}}},
            "FactsByVersion": {"type": "object", "properties": {"symbol": {"type": "string"}, "versions": {
                "type": "array", "items": {"type": "object", "properties": {
                    "number": {"type": "integer"}, "facts": {"type": "array", "items": {"$ref": "#/components/schemas/Fact"}}}}}}},
            "Comparison": {"type": "object", "required": ["old", "new", "paragraphs", "facts", "summary", "url"],
                           "properties": {
                               "old": {"type": "object"}, "new": {"type": "object"},
                               "paragraphs": {"type": "array", "items": {"type": "object", "properties": {
                                   "change": {"enum": ["unchanged", "renumbered", "edited", "inserted", "deleted",
                                                       "moved", "split", "merged"]},
                                   "old": {"type": ["object", "null"]}, "new": {"type": ["object", "null"]},
                                   "words": {"type": "array"}}}},
                               "facts": {"type": "array", "items": {"type": "object"}},
                               "summary": {"type": "string"},
                               "url": {"type": "string", "format": "uri", "description": "The comparison's HTML permalink"}}},
            "MandateList": {"type": "object", "properties": {"mandates": {"type": "array", "items": {"type": "object"}}}},
            "Mandate": {"type": "object", "properties": {"entity": {"type": "string"},
                                                         "resolutions": {"type": "array", "items": {"type": "object"}}}},
            "SearchResults": {"type": "object", "properties": {
                "query": {"type": "string"}, "total": {"type": "integer"}, "hits": {"type": "array", "items": {"type": "object"}}}},
        }},
    }
