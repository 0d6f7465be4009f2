""""Cite this": plain text, BibTeX and CSL-JSON for one immutable version.

Each names the permalink, the symbol, the version number, the retrieval date (when the
version was captured) and the SHA-256 of its normalised text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from models.documents import Document, Version

AUTHOR = "United Nations Security Council"
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_BIBTEX_REPLACE = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Citation:
    plain: str
    bibtex: str
    csl_json: str


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACE.get(m.group(1), "\\" + m.group(1)), " ".join(text.split()))


def _date_parts(day) -> list[list[int]]:
    return [[day.year, day.month, day.day]]


def cite(document: Document, version: Version, permalink: str, news=None) -> Citation:
    """The three citation forms of `version` of `document`, at `permalink`. A news or
    press item (`news`, a `webapp.newsitem.NewsItem`) is cited by its outlet, publisher,
    title and publication date, never by an internal key or as the Council's own text."""
    title = " ".join((version.title or document.title or document.symbol or "Untitled").split())
    name = document.symbol or (news.publisher if news and news.publisher else title)
    author = AUTHOR if document.symbol or news is None else (news.byline or news.publisher or "Unknown author")
    retrieved = version.fetched_at.date().isoformat()
    issued = version.adopted_on or (news.published if news else None)
    verb = "adopted" if document.kind == "resolution" else "published"
    plain = (
        f"{author}. {title}. {name}"
        + (f", {verb} {issued.isoformat()}" if issued else "")
        + f". Version {version.number}, retrieved {retrieved}. SHA-256 {version.text_sha256}. {permalink}"
    )
    key_source = document.symbol or f"{name} {issued.isoformat() if issued else ''} {title[:40]}"
    key = re.sub(r"[^A-Za-z0-9]+", "_", key_source).strip("_").lower() + f"_v{version.number}"
    fields = [
        ("author", "{" + _bibtex_escape(author) + "}"),
        ("title", "{" + _bibtex_escape(title) + "}"),
        ("number", _bibtex_escape(name)),
        ("version", str(version.number)),
        ("year", str((issued or version.fetched_at).year)),
        ("url", permalink),
        ("urldate", retrieved),
        ("note", f"SHA-256 {version.text_sha256}"),
    ]
    bibtex = "@misc{" + key + ",\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields) + "\n}"
    csl = {
        "id": key,
        "type": "legislation" if document.kind == "resolution" else
                ("article-newspaper" if document.kind == "news" else "document"),
        "title": title,
        "author": [{"literal": author}],
        "number": name,
        "version": str(version.number),
        "URL": permalink,
        "accessed": {"date-parts": _date_parts(version.fetched_at.date())},
        "note": f"SHA-256 {version.text_sha256}",
    }
    if issued:
        csl["issued"] = {"date-parts": _date_parts(issued)}
    return Citation(plain, bibtex, json.dumps(csl, ensure_ascii=False, indent=2))
