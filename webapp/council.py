"""Member states and their votes: `/members`, `/members/<name>` (votes, vetoes and
abstentions over time) and `GET /api/v1/votes?member=<name>&from=&to=`."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request

from models.council_queries import member_names, member_votes

from . import context
from .caching import short_lived
from .jsonout import json_response

bp = Blueprint("council", __name__)
MAX_NAME = 120


def _date_arg(name: str) -> date | None:
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(400, f"{name}: a date, YYYY-MM-DD")


def _member_or_404(session, name: str, start: date | None = None, end: date | None = None) -> dict:
    if not name or len(name) > MAX_NAME:
        abort(404)
    found = member_votes(session, name, start, end)
    if not found["votes"] and not any(n.lower() == name.lower() for n, _ in member_names(session)):
        abort(404)
    return found


@bp.get("/api/v1/votes")
def votes_api():
    member = (request.args.get("member") or "").strip()
    if not member:
        abort(400, "member: the name of a member state, e.g. China")
    start, end = _date_arg("from"), _date_arg("to")
    with context.db().reader() as session:
        body = _member_or_404(session, member, start, end)
    body["from"], body["to"] = (start.isoformat() if start else None), (end.isoformat() if end else None)
    return short_lived(json_response(body), request)


@bp.get("/members")
def members():
    with context.db().reader() as session:
        page = render_template("members.html", members=member_names(session))
    return short_lived(Response(page, mimetype="text/html"), request)


@bp.get("/members/<name>")
def member(name: str):
    start, end = _date_arg("from"), _date_arg("to")
    with context.db().reader() as session:
        found = _member_or_404(session, name, start, end)
        page = render_template("member.html", found=found, start=start, end=end)
    return short_lived(Response(page, mimetype="text/html"), request)


def document_council_facts(session, document) -> list[tuple[str, str]]:
    """Rows for the document page's details block that the Council record does not give
    (the body that issued a text)."""
    rows: list[tuple[str, str]] = []
    if document.body:
        rows.append(("Issued by", document.body))
    return rows
