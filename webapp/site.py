"""Site-wide wiring: strict headers on every response, the 304 middleware, template
helpers, and error pages (404 for anything unknown, JSON under /api/)."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from models.documents import Document
from models.text.summary import human_value, long_date

from . import refs
from .caching import RevalidationMiddleware
from .ceilings import ceiling_scope
from .jsonout import json_response
from .security import CONTENT_SECURITY_POLICY, SECURITY_HEADERS, add_security_headers, safe_url

FACT_LABELS = {
    "mandate_end": "Mandate ends", "mandate_period_months": "Mandate period (months)",
    "troop_ceiling": "Troop ceiling", "police_ceiling": "Police ceiling", "chapter_vii": "Chapter VII",
    "all_necessary_measures": "All necessary measures", "operative_verb": "Operative verb",
    "reporting_cycle": "Reporting cycle", "sg_request": "Request to the Secretary-General",
}
KIND_LABELS = {
    "resolution": "Resolution", "draft": "Draft resolution", "meeting_record": "Meeting record",
    "press_release": "Press release", "statement": "Presidential statement", "report": "Report", "news": "News",
}
SUBSCRIBE_FORM = Path(__file__).resolve().parent / "templates" / "subscribe" / "_form.html"


def fact_value(value, kind: str | None = None) -> str:
    """How a fact's value reads on a page: dates in UN style, numbers with separators."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if kind == "mandate_end" or (isinstance(value, str) and len(value) in (7, 10) and value[4:5] == "-"):
        return human_value(kind or "", value)
    if isinstance(value, dict) and set(value) == {"months"}:
        return f"every {value['months']} months"
    if isinstance(value, (dict, list)):
        from .jsonout import json_text

        return json_text(value)
    return str(value)


def doc_name(document: Document) -> str:
    """How a document is named on a page: its symbol, else its title; never an internal key."""
    return document.symbol or " ".join((document.title or "").split()) or f"Untitled {KIND_LABELS.get(document.kind, 'document').lower()}"


def install(app: Flask) -> None:
    env = app.jinja_env
    env.filters.update(
        doc_path=refs.document_path, version_path=refs.version_path, mandate_path=refs.mandate_path,
        safe_url=safe_url, fact_value=fact_value, long_date=long_date,
        fact_label=lambda kind: FACT_LABELS.get(kind, kind.replace("_", " ")),
        kind_label=lambda kind: KIND_LABELS.get(kind, kind),
        short=lambda digest: (digest or "")[:12],
        days=lambda n: timedelta(days=n), doc_name=doc_name,
    )
    env.tests["document"] = lambda value: isinstance(value, Document)
    env.globals.update(ceiling_scope=ceiling_scope, compare_path=refs.compare_path, version_path=refs.version_path,
                       has_subscribe_form=SUBSCRIBE_FORM.exists)
    env.trim_blocks = env.lstrip_blocks = True

    @app.after_request
    def _headers(response: Response) -> Response:
        return add_security_headers(response)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if request.path.startswith("/api/"):
            # Werkzeug's default descriptions are written for HTML pages; an API client gets the short name.
            custom = error.description != type(error).description
            response = json_response({"error": error.description if custom else error.name.lower(),
                                      "status": error.code}, error.code or 500)
        else:
            response = Response(render_template("error.html", error=error), status=error.code, mimetype="text/html")
        for name, value in error.get_headers():
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        return response

    app.wsgi_app = RevalidationMiddleware(app.wsgi_app, app.extensions["councilwatch.etags"],
                                          app.extensions["councilwatch.pages"], SECURITY_HEADERS, CONTENT_SECURITY_POLICY)
