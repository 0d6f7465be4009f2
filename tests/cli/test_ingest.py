"""`councilwatch ingest`: every good file stored once, every bad one a one-line error."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.documents import Document, Version
from webapp.cli import main

BUNDLE = Path(__file__).resolve().parents[2] / "crawler" / "bundle" / "documents"
MINUSCA = ["S_RES_2149_2014.txt", "S_RES_2709_2023.txt"]


def ingest(runner, *paths):
    return runner.invoke(main, ["ingest", *map(str, paths)])


def versions(app) -> int:
    with app.extensions["councilwatch.db"].reader() as session:
        return session.scalar(select(func.count()).select_from(Version))


def test_ingest_twice_creates_versions_once(app, runner, tmp_path):
    files = [BUNDLE / "resolutions" / name for name in MINUSCA]
    first = ingest(runner, *files)
    assert first.exit_code == 0, first.output
    assert first.output.count("created: ") == 2
    assert "S/RES/2709 (2023) v1" in first.output
    second = ingest(runner, *files)
    assert second.exit_code == 0
    assert second.output.count("unchanged: ") == 2 and "0 new versions" in second.output
    assert versions(app) == 2


def test_symbol_falls_back_to_the_file_name(app, runner, tmp_path):
    path = tmp_path / "S_2025_748_Rev.1.txt"
    path.write_text("The Security Council,\n1. Decides to remain seized of the matter.\n")
    result = ingest(runner, path)
    assert result.exit_code == 0, result.output
    assert "S/2025/748/Rev.1 v1" in result.output


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 200 MB, sparse: refused before it is read
        handle.truncate(200 * 1024 * 1024)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("The Security Council,\n1. D\xe9cide de proroger le mandat;\n".encode("latin-1"))
    return {"empty": empty, "binary": binary, "huge": huge, "non-utf8": latin1, "missing": tmp_path / "missing.txt"}


def test_bad_files_fail_alone_and_the_batch_is_stored(app, runner, tmp_path):
    good = [BUNDLE / "resolutions" / name for name in MINUSCA]
    bad = _bad_files(tmp_path)
    result = ingest(runner, good[0], *bad.values(), good[1])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(bad)
    for name, path in bad.items():
        matching = [line for line in errors if str(path) in line]
        assert len(matching) == 1, (name, errors)
    assert versions(app) == 2
    assert "2 new versions" in result.output and "5 failed" in result.output


def test_ingest_walks_folders(app, runner, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in MINUSCA:
        shutil.copy(BUNDLE / "resolutions" / name, folder / name)
    (folder / "notes.docx").write_bytes(b"ignored: not a supported type")
    result = ingest(runner, folder)
    assert result.exit_code == 0, result.output
    assert versions(app) == 2


def test_db_upgrade_is_repeatable(runner):
    for _ in range(2):
        result = runner.invoke(main, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert "database at head" in result.output


@pytest.mark.parametrize("name", ["S_RES_0186_1964_EN_GOLD.txt", "UNMIS_press_S_RES_1919.txt"])
def test_bundle_texts_name_their_resolution(app, runner, name):
    result = ingest(runner, BUNDLE / "resolutions" / name)
    assert result.exit_code == 0, result.output
    with app.extensions["councilwatch.db"].reader() as session:
        symbol = session.scalar(select(Document.symbol))
    assert symbol == {"S_RES_0186_1964_EN_GOLD.txt": "S/RES/186 (1964)", "UNMIS_press_S_RES_1919.txt": "S/RES/1919 (2010)"}[name]
