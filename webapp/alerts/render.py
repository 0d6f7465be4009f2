"""What an alert says, as text and HTML, from the comparison JSON the compare page renders.

The facts delta comes first ("mandate end (MINUSCA): 2024-11-15 → 2025-11-15, OP 1"),
then the summary and the paragraph counts, then the link to the comparison permalink.
Both bodies come from the same item dictionaries, through templates/mail/.
"""
from __future__ import annotations

import re
from typing import Any

from flask import current_app
from jinja2 import Environment

from .links import compare_permalink, document_permalink, mandate_permalink, version_permalink
from .matching import EventContext

_ANCHOR = re.compile(r"^(pp|op)-(\d+)((?:-[a-z0-9]+)*)$")
_CHANGE_WORDS = {
    "edited": "edited", "inserted": "inserted", "deleted": "deleted", "moved": "moved",
    "renumbered": "renumbered", "split": "split", "merged": "merged",
}
_VOTE_WORDS = {"Y": "voted in favour", "N": "voted against", "A": "abstained", "X": "did not vote"}


def paragraph_name(anchor: str) -> str:
    """"op-7-a" → "OP 7(a)", "pp-3" → "PP 3"."""
    match = _ANCHOR.match(anchor or "")
    if not match:
        return anchor
    subs = "".join(f"({part})" for part in match.group(3).split("-") if part)
    return f"{match.group(1).upper()} {match.group(2)}{subs}"


def fact_lines(diff: dict[str, Any]) -> list[dict[str, str]]:
    """The facts delta, one line each, with the paragraphs it was read from."""
    lines = []
    for fact in diff.get("facts", []):
        anchors = (fact.get("paragraphs") or {}).get("new") or (fact.get("paragraphs") or {}).get("old") or []
        evidence = (fact.get("evidence") or {}).get("new") or (fact.get("evidence") or {}).get("old")
        lines.append({
            "label": fact.get("label") or fact.get("kind", ""),
            "where": ", ".join(paragraph_name(a) for a in anchors),
            "evidence": " ".join(evidence.split()) if evidence else "",
        })
    return lines


def paragraph_counts(diff: dict[str, Any]) -> str:
    """"operative: 1 edited, 2 renumbered; preambular: 1 inserted" (unchanged left out)."""
    parts = []
    for kind, counts in (diff.get("counts") or {}).items():
        changes = [f"{n} {_CHANGE_WORDS[c]}" for c, n in counts.items() if c in _CHANGE_WORDS and n]
        if changes:
            parts.append(f"{kind}: {', '.join(changes)}")
    return "; ".join(parts)


def _name(ctx: EventContext) -> str:
    document = ctx.document
    return (document.symbol or document.title or document.key) if document is not None else ""


def event_item(ctx: EventContext, base_url: str) -> dict[str, Any]:
    """One event as the mail shows it: headline, facts, summary, counts, link."""
    if ctx.kind == "reminder":
        return _reminder_item(ctx, base_url)
    if ctx.kind == "vote":
        return _vote_item(ctx, base_url)
    diff = ctx.diff or {}
    new, previous = ctx.new, ctx.previous
    if previous is not None:
        headline = f"{_name(ctx)}: version {new.number} (was version {previous.number})"
        link = compare_permalink(base_url, ctx.document, previous.number, new.number)
        link_label = f"Compare version {previous.number} with version {new.number}"
    else:
        headline = f"{_name(ctx)}: new document"
        link = version_permalink(base_url, ctx.document, new.number)
        link_label = "Read it"
    return {
        "kind": "version", "headline": headline, "title": new.title or ctx.document.title or "",
        "facts": fact_lines(diff), "summary": diff.get("summary") or "",
        "counts": paragraph_counts(diff), "link": link, "link_label": link_label,
        "subject": _subject(headline, fact_lines(diff)),
    }


def _reminder_item(ctx: EventContext, base_url: str) -> dict[str, Any]:
    p = ctx.payload
    entity = p.get("entity") or ""
    headline = f"{entity}: mandate ends on {p.get('mandate_end')}"
    where = f"{p.get('symbol') or ''} {paragraph_name(p.get('paragraph') or '')}".strip()
    return {
        "kind": "reminder", "headline": headline, "title": "",
        "facts": [{"label": f"mandate end ({entity}): {p.get('mandate_end')}", "where": where,
                   "evidence": " ".join((p.get("evidence") or "").split())}],
        "summary": "", "counts": "", "link": mandate_permalink(base_url, entity),
        "link_label": f"The {entity} mandate", "subject": f"Reminder: {headline}",
    }


def _vote_item(ctx: EventContext, base_url: str) -> dict[str, Any]:
    p = ctx.payload
    tally = f"{p.get('yes')}-{p.get('no')}-{p.get('abstain')}"
    headline = f"{_name(ctx)}: vote at {p.get('meeting')} ({str(p.get('outcome', '')).replace('_', ' ')}, {tally})"
    facts = [{"label": f"{member} {_VOTE_WORDS.get(choice, choice)}", "where": "", "evidence": ""}
             for member, choice in sorted((p.get("members") or {}).items())]
    link = base_url.rstrip("/") + "/" if ctx.document is None else document_permalink(base_url, ctx.document)
    return {"kind": "vote", "headline": headline, "title": "", "facts": facts, "summary": "", "counts": "",
            "link": link, "link_label": "The document", "subject": headline}


def _subject(headline: str, facts: list[dict[str, str]]) -> str:
    subject = f"{headline} — {facts[0]['label']}" if facts else headline
    return subject if len(subject) <= 160 else subject[:157] + "…"


def mail_environment() -> Environment:
    """The app's templates with the whitespace rules the mail templates are written for
    (block tags on lines of their own vanish), whatever the site's environment uses."""
    env = current_app.extensions.get("councilwatch.mail_env")
    if env is None:
        env = current_app.jinja_env.overlay(trim_blocks=True, lstrip_blocks=True)
        current_app.extensions["councilwatch.mail_env"] = env
    return env


def render_pair(template: str, **context: Any) -> tuple[str, str]:
    """templates/mail/<template>.txt and .html rendered with the same context
    (.html autoescaped, .txt not: it is never shown as HTML)."""
    env = mail_environment()
    return (env.get_template(f"mail/{template}.txt").render(**context),
            env.get_template(f"mail/{template}.html").render(**context))
