"""JSON bodies that stay inert wherever they end up: `<`, `>` and `&` are written as
`\\u003c`, `\\u003e`, `\\u0026` (the same JSON value), so a scraped `<script>` can never
be read as markup, even by a client that sniffs."""
from __future__ import annotations

import json
from typing import Any

from flask import Response

_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_text(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, default=str).translate(_ESCAPES)


def json_bytes(data: Any) -> bytes:
    return json_text(data, indent=1).encode("utf-8")


def json_response(data: Any, status: int = 200) -> Response:
    return Response(json_bytes(data), status=status, mimetype="application/json")
