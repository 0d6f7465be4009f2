"""Helpers for the web app's tests: real resolutions from the bundled archive."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from models.ingest import ingest_file

BUNDLE = Path(__file__).resolve().parents[2] / "crawler" / "bundle" / "documents" / "resolutions"
MINUSCA = ("S_RES_2149_2014.txt", "S_RES_2709_2023.txt")
MONUSCO = ("S_RES_2556_2020.txt", "S_RES_2717_2023.txt", "S_RES_2765_2024.txt")


def ingest(app, *names: str) -> None:
    """Store bundled resolution files as versions in the app's database."""
    with app.extensions["councilwatch.db"].writer() as session:
        for name in names:
            ingest_file(session, BUNDLE / name)


@pytest.fixture
def minusca(app):
    ingest(app, *MINUSCA)
    return app


@pytest.fixture
def monusco(app):
    ingest(app, *MONUSCO)
    return app


def add_vote(app, symbol: str, resolution: str | None = None) -> None:
    """A recorded vote with a per-member breakdown: 13-0-2, China and Russia abstaining."""
    from models.store import get_document
    from models.votes import PERMANENT_MEMBERS, MemberVote, Vote

    members = ["Algeria", "China", "Ecuador", "France", "Guyana", "Japan", "Malta", "Mozambique",
               "Republic of Korea", "Russian Federation", "Sierra Leone", "Slovenia", "Switzerland",
               "United Kingdom", "United States"]
    with app.extensions["councilwatch.db"].writer() as session:
        document = get_document(session, symbol)
        vote = Vote(meeting="S/PV.9814", date=date(2024, 12, 20), document_id=document.id,
                    resolution_id=get_document(session, resolution).id if resolution else None,
                    yes=13, no=0, abstain=2, outcome="adopted")
        vote.members = [MemberVote(member=m, choice="A" if m in ("China", "Russian Federation") else "Y",
                                   permanent=m in PERMANENT_MEMBERS) for m in members]
        session.add(vote)


NOW = datetime(2026, 1, 5, tzinfo=timezone.utc)
