"""`/api/v1/`: what the API offers, for people (an HTML page) and for programs (JSON when
the request prefers `application/json`), read from the same OpenAPI description that
`/api/v1/openapi.json` serves, plus the site's feeds and downloads."""
from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request

from . import context
from .caching import short_lived
from .jsonout import json_response
from .openapi import openapi_document

bp = Blueprint("apiindex", __name__)

#: Outside /api/v1 but part of what programs use: feeds, calendars, downloads.
OTHER_ENDPOINTS = [
    ("/feed.atom", "Atom feed of what happened at the Council, by event date (adoptions, votes, publications)"),
    ("/S/RES/2709(2023)/feed.atom", "Atom feed of one document's versions"),
    ("/mandates/MINUSCA/feed.atom", "Atom feed of one mandate's resolutions"),
    ("/search/feed.atom?q=all+necessary+measures", "Atom feed of a search"),
    ("/mandates/calendar.ics", "iCalendar feed of every mandate's expiry"),
    ("/mandates/MINUSCA/calendar.ics", "iCalendar feed of one mandate's expiry"),
    ("/compare.docx?old=S/RES/2149(2014)@1&new=S/RES/2709(2023)@1",
     "A comparison as a Word document with tracked changes (w:ins / w:del)"),
]


def endpoints() -> list[dict]:
    spec = openapi_document(context.absolute(""))
    out = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            params = [p["name"] + ("" if p.get("required") else "?") for p in operation.get("parameters", [])]
            out.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                        "parameters": params})
    return out


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes["application/json"] > request.accept_mimetypes["text/html"]


@bp.get("/api/v1/")
def index():
    items = endpoints()
    if _wants_json() or request.args.get("format") == "json":
        return short_lived(json_response({
            "title": "councilwatch API", "version": "1", "openapi": context.absolute("/api/v1/openapi.json"),
            "endpoints": [{**e, "url": context.absolute(e["path"])} for e in items],
            "feeds": [{"url": context.absolute(path), "description": text} for path, text in OTHER_ENDPOINTS],
        }), request)
    page = render_template("api.html", endpoints=items, others=OTHER_ENDPOINTS)
    response = short_lived(Response(page, mimetype="text/html"), request)
    response.vary.add("Accept")
    return response


@bp.get("/api/v1")
@bp.get("/api")
@bp.get("/api/")
def to_index():
    return redirect("/api/v1/", code=301)
