"""The outbox: an alert event is written in the transaction of its version, or not at all."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.documents import Version
from models.store import record_version
from models.subscriptions import AlertEvent

from .conftest import RES_889, RES_889_V2

SYMBOL = "S/RES/889 (1993)"


def _record(session, text):
    return record_version(session, text=text, raw=text.encode(), media_type="text/plain", symbol=SYMBOL)


def _count(db, model) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_each_new_version_writes_one_event_with_its_predecessor(db):
    with db.writer() as session:
        first = _record(session, RES_889).version
        second = _record(session, RES_889_V2).version
        assert _record(session, RES_889_V2).created is False  # same text: no version, no event
    with db.reader() as session:
        events = session.execute(select(AlertEvent.kind, AlertEvent.document_id, AlertEvent.version_number,
                                        AlertEvent.previous_number).order_by(AlertEvent.id)).all()
    assert events == [("version", first.document_id, 1, None), ("version", second.document_id, 2, 1)]


def test_event_rolls_back_with_its_version(db):
    with pytest.raises(RuntimeError):
        with db.writer() as session:
            _record(session, RES_889)
            raise RuntimeError("the pipeline failed after storing")
    assert (_count(db, Version), _count(db, AlertEvent)) == (0, 0)
    with db.writer() as session:
        _record(session, RES_889)
    assert (_count(db, Version), _count(db, AlertEvent)) == (1, 1)
