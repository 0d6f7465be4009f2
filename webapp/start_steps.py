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
    """Load the bundled archive in the background, unless this database holds it already
    (then nothing is written); pages say how far it is (see `loading`)."""
    from .loading import start_loading

    if start_loading(app()) is not None:
        click.echo(f"loading the bundled archive in the background; pages show its progress; log: "
                   f"{Path(app().instance_path) / 'loading.log'}")


def report_network() -> None:
    """Say once, up front, when live sources cannot be reached: the archive stays browsable."""
    from .network import OFFLINE_MESSAGE, sources_reachable

    if not sources_reachable():
        click.echo(OFFLINE_MESSAGE, err=True)


def start_scheduler() -> None:
    """The scheduler, once the background load (if any) has ended: its crawls would
    compete with the load for the one writer and the cores."""
    from . import subprocess_environment
    from .loading import when_loaded
    from .processes import CHILDREN

    log_path = Path(app().instance_path) / "scheduler.log"
    env = subprocess_environment(app())
    loader = app().extensions.get("councilwatch.loader")

    def run() -> None:
        with log_path.open("ab") as log:
            CHILDREN.popen([sys.executable, "-m", "webapp", "schedule"], stdout=log, stderr=log, env=env)

    when_loaded(loader if loader is not None and loader.poll() is None else None, run)
    state = "running" if loader is None else "starts once the archive is loaded"
    click.echo(f"scheduler {state} (crawls and alert delivery); its log: {log_path}")
