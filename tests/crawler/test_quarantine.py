"""Issue 12, finding 1 (second half): a new version that deletes most of a document is
held for the operator — visible on the status page and in the CLI, released or
rejected there — instead of being published and alerted."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone

from click.testing import CliRunner
from sqlalchemy import func, select

from crawler.warc import WarcArchive
from models.documents import Document
from models.quarantine import QuarantinedVersion
from models.store import record_version
from models.subscriptions import AlertEvent

from crawler_testkit import FIXTURES, ROOT

WHEN = datetime(2026, 12, 1, tzinfo=timezone.utc)
URL = "https://undocs.org/en/S/RES/1706(2006)"
SYMBOL = "S/RES/1706 (2006)"
WHOLE = (FIXTURES / "ods" / "S_RES_1706_2006.txt").read_text("utf-8")


def _gutted() -> str:
    """A whole-looking text that keeps the heading, two preambular paragraphs and the
    last operative paragraph: complete by every check, but most of 1706 is gone."""
    lines = WHOLE.splitlines()
    start = lines.index("The Security Council,")
    return "\n".join(lines[: start + 3] + ["1. Decides to remain seized of the matter."]) + "\n"


def _setup(db, tmp_path):
    with db.writer() as session:
        record_version(session, text=WHOLE, raw=WHOLE.encode(), media_type="text/plain", url=URL, symbol=SYMBOL,
                       fetched_at=WHEN)
    path = tmp_path / "gutted.warc.gz"
    with WarcArchive(path, created=WHEN) as archive:
        archive.write_response(URL, 200, {"Content-Type": "text/plain; charset=utf-8"}, _gutted().encode(), WHEN)
    return path


def _replay(db_url, path):
    env = {**os.environ, "COUNCILWATCH_DATABASE_URL": db_url}
    return subprocess.run([sys.executable, "-m", "webapp", "crawl", "ods", "--replay", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def _state(db):
    with db.reader() as session:
        document = session.scalar(select(Document).where(Document.symbol == SYMBOL))
        return (len(document.versions), session.scalar(select(func.count()).select_from(AlertEvent)),
                [(q.state, q.previous_number) for q in session.scalars(select(QuarantinedVersion))])


def _cli(db_url, *args):
    from webapp.cli import main

    return CliRunner().invoke(main, list(args), env={"COUNCILWATCH_DATABASE_URL": db_url})


def test_a_version_deleting_most_of_a_document_is_held_then_released(db_url, db, tmp_path):
    path = _setup(db, tmp_path)
    assert len(_gutted()) < len(WHOLE) / 2
    done = _replay(db_url, path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "held for review" in done.stderr
    assert _state(db) == (1, 1, [("held", 1)])  # not published, not alerted

    again = _replay(db_url, path)  # seen again: still one hold, nothing published
    assert again.returncode == 0 and _state(db) == (1, 1, [("held", 1)])

    listed = _cli(db_url, "quarantine", "list")
    assert listed.exit_code == 0 and SYMBOL in listed.output and "held" in listed.output
    hold_id = listed.output.split()[0]

    from webapp import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "SECRET_KEY": "q" * 40})
    page = app.test_client().get("/status/crawls").get_data(as_text=True)
    assert "Held for review" in page and SYMBOL in page
    status = app.test_client().get("/status/crawls.json").get_json()
    assert [row["document"] for row in status["quarantine"]] == [SYMBOL]

    released = _cli(db_url, "quarantine", "release", hold_id)
    assert released.exit_code == 0 and "v2" in released.output
    assert _state(db) == (2, 2, [("released", 1)])  # published and alerted only now
    assert _cli(db_url, "quarantine", "release", hold_id).exit_code != 0  # decided once


def test_a_rejected_hold_is_never_stored(db_url, db, tmp_path):
    path = _setup(db, tmp_path)
    _replay(db_url, path)
    (hold_id,) = [q for q in _cli(db_url, "quarantine", "list").output.split()[:1]]
    rejected = _cli(db_url, "quarantine", "reject", hold_id)
    assert rejected.exit_code == 0
    assert _replay(db_url, path).returncode == 0
    assert _state(db) == (1, 1, [("rejected", 1)])
    assert "nothing held" in _cli(db_url, "quarantine", "list").output
    assert _cli(db_url, "quarantine", "reject", "99999999999").exit_code != 0  # out of range: refused, no traceback
