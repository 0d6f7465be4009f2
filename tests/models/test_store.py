"""The store keeps every version of every document, once, forever."""
from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, select, text

from models.documents import Blob, Document, Fact, Paragraph, Version
from models.immutability import ImmutableError
from models.store import StoreError, get_document, record_version

RES_2709_OP1 = (
    "Resolution 2709 (2023)\n"
    "Adopted by the Security Council at its 9476th meeting, on 15 November 2023\n"
    "The Security Council,\n"
    "Recalling all of its previous resolutions on the Central African Republic (CAR),\n"
    "Acting under Chapter VII of the Charter of the United Nations,\n"
    "1. Decides to extend the mandate of MINUSCA until 15 November 2024;\n"
)
RES_2709_OP1_EDITED = RES_2709_OP1.replace("15 November 2024", "15 November 2025")


def record(session, body: str = RES_2709_OP1, symbol: str | None = "S/RES/2709 (2023)"):
    return record_version(session, text=body, raw=body.encode(), media_type="text/plain", symbol=symbol)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_same_content_twice_writes_nothing(db):
    with db.writer() as session:
        first = record(session)
    with db.writer() as session:
        again = record(session)
        assert again.created is False
        assert again.version.id == first.version.id
        assert (count(session, Version), count(session, Blob)) == (1, 1)


def test_layout_only_change_is_the_same_version(db):
    rewrapped = RES_2709_OP1.replace("Recalling all of its previous", "Recalling  all of its\nprevious").replace(
        "Charter of the United Nations", "Charter of the United\u00a0Nations")
    with db.writer() as session:
        record(session)
        assert record(session, rewrapped).created is False


def test_changed_text_appends_the_next_number(db):
    with db.writer() as session:
        record(session)
        second = record(session, RES_2709_OP1_EDITED)
        assert second.created and second.version.number == 2
        # Going back to the first text finds version 1; history is not rewritten.
        back = record(session, RES_2709_OP1)
        assert (back.created, back.version.number) == (False, 1)


def test_version_carries_paragraphs_and_facts(db):
    with db.writer() as session:
        version = record(session).version
    with db.reader() as session:
        version = session.get(Version, version.id)
        assert [p.kind for p in version.paragraphs if p.kind == "operative"] == ["operative"]
        assert version.adopted_on.isoformat() == "2023-11-15" and version.meeting == 9476
        ends = [f for f in version.facts if f.kind == "mandate_end"]
        assert ends and ends[0].value == "2024-11-15" and ends[0].evidence in version.text


@pytest.mark.parametrize("spelling", ["S/RES/2709(2023)", "s/res/2709 (2023)", "S/RES/2709  (2023)"])
def test_symbol_spellings_are_one_document(db, spelling):
    with db.writer() as session:
        record(session, symbol="S/RES/2709 (2023)")
        assert record(session, RES_2709_OP1_EDITED, symbol=spelling).version.number == 2
        assert count(session, Document) == 1
        assert get_document(session, spelling).symbol == "S/RES/2709 (2023)"


def test_orm_refuses_to_update_or_delete_a_version(db):
    with db.writer() as session:
        record(session)
    with pytest.raises(ImmutableError):
        with db.writer() as session:
            session.scalar(select(Version)).text = "rewritten"
    with pytest.raises(ImmutableError):
        with db.writer() as session:
            session.delete(session.scalar(select(Paragraph)))
    with db.reader() as session:
        assert session.scalar(select(Version)).text == RES_2709_OP1


@pytest.mark.parametrize("table", ["version", "paragraph", "fact", "blob"])
def test_database_refuses_to_update_or_delete_captured_rows(db, table):
    with db.writer() as session:
        record(session)
    for statement in (f"UPDATE {table} SET {'size' if table == 'blob' else 'text' if table != 'fact' else 'evidence'} = "
                      f"{'0' if table == 'blob' else repr('x')}", f"DELETE FROM {table}"):
        with pytest.raises(Exception, match="append-only"):
            with db.writer() as session:
                session.execute(text(statement))
    with db.reader() as session:
        assert count(session, {"version": Version, "paragraph": Paragraph, "fact": Fact, "blob": Blob}[table]) > 0


def test_crash_inside_the_transaction_leaves_no_partial_version(db, monkeypatch):
    import models.store as store

    def explode(*_args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "_store_structure", explode)
    with pytest.raises(RuntimeError, match="power cut"):
        with db.writer() as session:
            record(session)
    with db.reader() as session:
        assert [count(session, m) for m in (Document, Version, Paragraph, Fact, Blob)] == [0, 0, 0, 0, 0]


def test_empty_text_is_refused(db):
    with pytest.raises(StoreError, match="empty"):
        with db.writer() as session:
            record(session, "  \n ")


def _writer_process(url: str, bodies: list[str], barrier) -> None:
    from models.db import Database

    database = Database(url)
    barrier.wait()
    for body in bodies:
        with database.writer() as session:
            record(session, body)
    database.dispose()


@pytest.mark.parametrize("same_content", [True, False], ids=["same", "different"])
def test_two_writer_processes_yield_one_version_per_distinct_content(db, db_url, same_content):
    texts = [RES_2709_OP1.replace("2024", str(2024 + i)) for i in range(6)]
    plans = [texts, texts] if same_content else [texts[:3], texts[3:]]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(plans))
    workers = [context.Process(target=_writer_process, args=(db_url, plan, barrier)) for plan in plans]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with db.reader() as session:
        versions = session.scalars(select(Version).order_by(Version.number)).all()
        assert [v.number for v in versions] == list(range(1, len(texts) + 1))
        assert len({v.text_sha256 for v in versions}) == len(texts)
