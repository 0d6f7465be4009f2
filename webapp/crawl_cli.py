"""`councilwatch crawl SPIDER [--replay FILE]`, `councilwatch crawl-status` and
`councilwatch schedule`. Crawls run as `python -m scrapy crawl` subprocesses: the web
app starts crawls by name, never by import."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLE = PROJECT_ROOT / "crawler" / "bundle" / "councilwatch-bundle.warc.gz"


def _database_url() -> str:
    return current_app.extensions["councilwatch.db"].engine.url.render_as_string(hide_password=False)


def _env() -> dict[str, str]:
    return {**os.environ, "COUNCILWATCH_DATABASE_URL": _database_url(), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}


@click.command("crawl")
@click.argument("spider")
@click.option("--replay", "replay", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run over a recorded WARC archive, offline.")
@click.option("-a", "arguments", multiple=True, metavar="NAME=VALUE", help="A spider argument.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="A Scrapy setting.")
@with_appcontext
def crawl(spider: str, replay: Path | None, arguments: tuple[str, ...], settings: tuple[str, ...]) -> None:
    """One crawl of SPIDER; `crawl bundle` replays an archive through every spider that reads it."""
    if spider == "bundle":
        command = [sys.executable, "-m", "crawler.replay", str((replay or BUNDLE).resolve())]
    else:
        command = [sys.executable, "-m", "scrapy", "crawl", spider]
        if replay:
            command += ["-s", f"REPLAY_FILE={replay.resolve()}"]
        for pair in arguments:
            command += ["-a", pair]
        for pair in settings:
            command += ["-s", pair]
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=_env())
    _echo_health([spider] if spider != "bundle" else None)
    if completed.returncode != 0:
        raise click.ClickException(f"crawl {spider} failed (exit status {completed.returncode}): "
                                   "see the errors above; nothing incomplete was stored")


@click.command("crawl-status")
@with_appcontext
def crawl_status() -> None:
    """The health of every source: its last crawl's counts and verdict."""
    _echo_health(None)


def _echo_health(spiders: list[str] | None) -> None:
    from models.crawls import source_health

    with current_app.extensions["councilwatch.db"].reader() as session:
        runs = [run for run in source_health(session) if spiders is None or run.spider in spiders]
    for run in runs:
        state = "healthy" if run.healthy else "UNHEALTHY" if run.healthy is False else run.status
        click.echo(f"{run.spider:14} {state:9} seen {run.pages_seen}, new {run.pages_new}, "
                   f"unchanged {run.pages_unchanged}, failed {run.pages_failed} — {run.message or ''}")


@click.command("schedule")
@with_appcontext
def schedule() -> None:
    """Scheduler (own process): every crawl on its interval, and alert delivery."""
    from .scheduler import build_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    scheduler = build_scheduler(current_app._get_current_object())
    click.echo(f"scheduler running {len(scheduler.get_jobs())} jobs; Ctrl-C to stop")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)


def register(main: click.Group) -> None:
    """Add the crawl commands to the `councilwatch` group."""
    for command in (crawl, crawl_status, schedule):
        main.add_command(command)
