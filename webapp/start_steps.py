"""What `councilwatch start` does before serving, as a list of steps (each a callable,
run in order in the app context), so new steps slot in without restructuring `start`."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import click

from .cli_support import app, db


def steps(schedule: bool) -> list[Callable[[], None]]:
    chosen = [migrate, load_bundle, report_network]
    if schedule:
        chosen.append(start_scheduler)
    return chosen


def migrate() -> None:
    from models.migrate import upgrade

    upgrade(db().engine.url.render_as_string(hide_password=False))


def load_bundle() -> None:
    """Replay the bundled archive (a crawl subprocess; a second start writes nothing)."""
    from .crawl_cli import run_crawl_command

    run_crawl_command("bundle", replay=None, log_level="WARNING")


def report_network() -> None:
    """Say once, up front, when live sources cannot be reached: the archive stays browsable."""
    from .network import OFFLINE_MESSAGE, sources_reachable

    if not sources_reachable():
        click.echo(OFFLINE_MESSAGE, err=True)


def start_scheduler() -> None:
    from . import subprocess_environment
    from .processes import CHILDREN

    log_path = Path(app().instance_path) / "scheduler.log"
    log = log_path.open("ab")
    CHILDREN.popen([sys.executable, "-m", "webapp", "schedule"], stdout=log, stderr=log,
                   env=subprocess_environment(app()))
    log.close()
    click.echo(f"scheduler running (crawls and alert delivery); its log: {log_path}")
