"""The Council's own record of a document, where the store has it: agenda item,
subjects, sponsors and penholder (from the Council entities: meetings, drafts, votes).

Until those entities are in the store this reads what the current tables hold; the
document page shows each row only when there is a value.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from models.documents import Document


def document_council_facts(session: Session, document: Document) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if document.body:
        rows.append(("Issued by", document.body))
    return rows
