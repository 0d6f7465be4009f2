""""Reported vs adopted": what a news or press item said a draft would do, beside what
the text the Council adopted says, both quoted.

The Press TV report of 7 November 2025 said the United States draft would "authorize a
two-year mandate" for "a force of 20,000 troops" allowed to "use all necessary
measures"; resolution 2803 (2025), adopted from draft S/2025/748, is the text to hold
those claims against. The report's claims are its reported facts (read from its prose);
the adopted side is the facts of the latest version of the resolution the reported draft
became (`adopted-as`), or of the resolution reported on directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.documents import Document, DocumentKind, Link, LinkKind, Version


@dataclass(frozen=True)
class Claim:
    kind: str
    reported: Any
    reported_quote: str
    adopted: Any = None
    adopted_quote: str | None = None
    adopted_paragraph: str | None = None
    verdict: str = "not in the adopted text"  # "as adopted", "differs", "adopted text not captured yet"


@dataclass(frozen=True)
class Comparison:
    reported_on: Document | None  # the draft or resolution the item reports on
    resolution: Document | None  # the adopted text, when known
    version: Version | None  # its latest stored version, when captured
    claims: list[Claim]


def _latest(session: Session, document: Document) -> Version | None:
    return session.scalar(select(Version).where(Version.document_id == document.id)
                          .order_by(Version.number.desc()).limit(1))


def _adopted_from(session: Session, draft: Document) -> Document | None:
    return session.scalar(select(Document).join(Link, Link.to_id == Document.id)
                          .where(Link.from_id == draft.id, Link.kind == LinkKind.ADOPTED_AS.value).limit(1))


def _same(kind: str, reported: Any, adopted: Any) -> bool:
    if isinstance(reported, bool) or isinstance(adopted, bool):
        return bool(reported) == bool(adopted)
    return str(reported).strip().lower() == str(adopted).strip().lower()


def reported_vs_adopted(session: Session, document: Document, version: Version | None) -> Comparison | None:
    """The item's claims beside the adopted text, or None when it reports no claim."""
    if version is None:
        return None
    claims = [f for f in version.facts if f.reported]
    if not claims:
        return None
    reported_on = session.scalar(
        select(Document).join(Link, Link.to_id == Document.id)
        .where(Link.from_id == document.id, Link.kind == LinkKind.REPORTS_ON.value,
               Document.kind.in_((DocumentKind.DRAFT.value, DocumentKind.RESOLUTION.value)))
        .order_by(Link.id).limit(1))
    resolution = None
    if reported_on is not None:
        resolution = reported_on if reported_on.kind == DocumentKind.RESOLUTION.value else _adopted_from(session, reported_on)
    adopted_version = _latest(session, resolution) if resolution is not None else None
    adopted = [f for f in adopted_version.facts if not f.reported] if adopted_version else []
    out = []
    for claim in claims:
        if adopted_version is None:
            out.append(Claim(claim.kind, claim.value, claim.evidence, verdict="adopted text not captured yet"))
            continue
        same_kind = [f for f in adopted if f.kind == claim.kind]
        match = next((f for f in same_kind if _same(f.kind, claim.value, f.value)), same_kind[0] if same_kind else None)
        if match is None:
            out.append(Claim(claim.kind, claim.value, claim.evidence))
        else:
            verdict = "as adopted" if _same(claim.kind, claim.value, match.value) else "differs"
            out.append(Claim(claim.kind, claim.value, claim.evidence, match.value, match.evidence, match.paragraph, verdict))
    return Comparison(reported_on, resolution, adopted_version, out)


def reporting_items(session: Session, document: Document) -> list[Document]:
    """News and statements that report on this draft or resolution (or its draft)."""
    targets = [document.id]
    drafts = session.scalars(select(Link.from_id).where(Link.to_id == document.id, Link.kind == LinkKind.ADOPTED_AS.value))
    targets += list(drafts)
    return list(session.scalars(
        select(Document).join(Link, Link.from_id == Document.id)
        .where(Link.to_id.in_(targets), Link.kind == LinkKind.REPORTS_ON.value).order_by(Document.id).limit(20)))

