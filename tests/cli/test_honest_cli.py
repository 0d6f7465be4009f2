"""The `councilwatch` command as a new user meets it: its own --help and --version, fast
start-up (nothing heavy imported for extract, diff on files, --help), many files per call,
one-line errors, refs without @N meaning latest, a readable diff, and SIGTERM stopping
everything `start` started."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import webapp.cli as cli
from webapp.cli import main

RESOLUTIONS = Path(__file__).resolve().parents[2] / "crawler" / "bundle" / "documents" / "resolutions"
MONUSCO = [RESOLUTIONS / "S_RES_2717_2023.txt", RESOLUTIONS / "S_RES_2765_2024.txt"]


def test_help_lists_councilwatch_commands_only():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for own in ("start", "serve", "ingest", "extract", "diff", "crawl", "schedule", "alerts", "db"):
        assert f"  {own} " in result.output
    for flask_only in ("-e, --env-file", "-A, --app", "--debug", "limiter", "routes", "shell"):
        assert flask_only not in result.output


def test_version_is_councilwatchs_own():
    from importlib.metadata import version

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"councilwatch {version('councilwatch')}"
    assert "Flask" not in result.output and "Werkzeug" not in result.output


@pytest.mark.parametrize("argv", [["--help"], ["extract", str(MONUSCO[0]), "--json"],
                                  ["diff", str(MONUSCO[0]), str(MONUSCO[1])]])
def test_file_commands_import_nothing_they_do_not_use(argv):
    """Start-up time is import time: no Flask, SQLAlchemy, Scrapy or APScheduler for these."""
    code = ("import sys\nfrom webapp.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
            "    code = e.code\nheavy = [m for m in ('flask', 'sqlalchemy', 'scrapy', 'apscheduler', 'waitress', 'twisted') "
            "if m in sys.modules]\nprint('HEAVY=' + ','.join(heavy), file=sys.stderr)\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "HEAVY=\n" in done.stderr, done.stderr


def test_extract_takes_many_files(tmp_path):
    bad = tmp_path / "notes.doc"
    bad.write_text("x")
    result = CliRunner().invoke(main, ["extract", *map(str, MONUSCO), "--json"])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [o["symbol"] for o in objects] == ["S/RES/2717 (2023)", "S/RES/2765 (2024)"]
    assert objects[0]["path"] == str(MONUSCO[0])
    mixed = CliRunner().invoke(main, ["extract", str(MONUSCO[0]), str(bad), "--json"])
    assert mixed.exit_code == 1 and "unsupported file type" in mixed.output
    single = CliRunner().invoke(main, ["extract", str(MONUSCO[0]), "--json"])
    assert json.loads(single.output)["symbol"] == "S/RES/2717 (2023)"  # one file: one object, as before


def test_diff_without_json_reads_in_a_terminal():
    result = CliRunner().invoke(main, ["diff", *map(str, MONUSCO)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("S/RES/2717 (2023) → S/RES/2765 (2024)")
    assert "Facts that changed" in out and "mandate end (MONUSCO): 2024-12-20 → 2025-12-20" in out
    assert "Paragraphs that changed" in out and "EDITED  OP" in out and "[-" in out and "{+" in out


def test_refs_without_a_version_mean_the_latest(app, runner):
    runner.invoke(main, ["ingest", *map(str, MONUSCO)])
    latest = runner.invoke(main, ["diff", "S/RES/2717(2023)", "S/RES/2765(2024)", "--json"])
    assert latest.exit_code == 0, latest.output
    data = json.loads(latest.output)
    assert (data["old"]["version"], data["new"]["version"]) == (1, 1)
    pinned = runner.invoke(main, ["diff", "S/RES/2717(2023)@1", "S/RES/2765(2024)@1", "--json"])
    assert json.loads(pinned.output) == data
    missing = runner.invoke(main, ["diff", "S/RES/2717(2023)@7", "S/RES/2765(2024)"])
    assert missing.exit_code == 1 and "has no version 7" in missing.output and "Traceback" not in missing.output
    unknown = runner.invoke(main, ["diff", "S/RES/9999(2030)", "S/RES/2765(2024)"])
    assert unknown.exit_code == 1 and "no stored document" in unknown.output


def test_unknown_spider_lists_the_spiders(app, runner):
    result = runner.invoke(main, ["crawl", "nosuchspider"])
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith("Error: unknown spider 'nosuchspider'; spiders: bundle, ") and "un_press" in line
    assert "\n" not in line and "Traceback" not in result.output


def test_a_busy_port_is_an_error_before_any_announcement(app, runner):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert "running at" not in result.output
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "Traceback" not in result.output


def test_start_stops_what_it_started_when_terminated(app, runner, monkeypatch):
    """SIGTERM while serving (here raised where the server would be running): the
    scheduler and any crawl `start` started are stopped before it exits."""
    import webapp.start_steps as start_steps
    from webapp.processes import CHILDREN, Stop

    started = []

    def spawn():
        started.append(CHILDREN.popen([sys.executable, "-c", "import time; time.sleep(300)"]))

    def terminated_while_serving(host, port, threads, server):
        os.kill(os.getpid(), signal.SIGTERM)  # the handler start installed turns this into Stop
        time.sleep(5)
        raise AssertionError("SIGTERM did not stop the server")

    previous = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(start_steps, "steps", lambda schedule: [spawn, spawn])
    monkeypatch.setattr(cli, "_serve", terminated_while_serving)
    try:
        result = runner.invoke(main, ["start", "--port", "0"])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert isinstance(result.exception, Stop) or result.exit_code == 128 + signal.SIGTERM, result.output
    assert len(started) == 2 and all(process.poll() is not None for process in started)
    assert CHILDREN.running() == []


def test_sigterm_to_a_process_stops_its_children(tmp_path):
    """The same machinery across real processes: the parent gets SIGTERM, its child dies too."""
    pid_file = tmp_path / "child.pid"
    code = ("import sys, time\nfrom webapp.processes import CHILDREN, exit_on_termination\nexit_on_termination()\n"
            "child = CHILDREN.popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
            f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
            "try:\n    time.sleep(300)\nfinally:\n    CHILDREN.stop_all()\n")
    parent = subprocess.Popen([sys.executable, "-c", code])
    for _ in range(300):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.1)
    child = int(pid_file.read_text())
    parent.send_signal(signal.SIGTERM)
    assert parent.wait(60) == 128 + signal.SIGTERM
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the child outlived its parent's SIGTERM")


def test_start_offline_says_so_once_and_serves(app, runner, monkeypatch):
    import webapp.network as network
    import webapp.start_steps as start_steps

    served = []
    monkeypatch.setattr(network, "sources_reachable", lambda *a, **k: False)
    monkeypatch.setattr(start_steps, "steps", lambda schedule: [start_steps.migrate, start_steps.report_network])
    monkeypatch.setattr(cli, "_serve", lambda host, port, threads, server: served.append(port))
    result = runner.invoke(main, ["start", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert result.output.count("live sources are unreachable") == 1 and "Traceback" not in result.output
    assert served == [0]
