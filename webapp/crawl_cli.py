"""`councilwatch crawl SPIDER [--replay FILE]`, `councilwatch crawl-status` and
`councilwatch schedule`. Crawls run as `python -m scrapy crawl` subprocesses: the web
app starts crawls by name, never by import. They inherit the app's configuration
(`webapp.subprocess_environment`)."""
from __future__ import annotations

import functools
import logging
import subprocess
import sys
from pathlib import Path

import click

from .cli_support import app, db, with_app


@functools.lru_cache(maxsize=1)
def spider_names() -> tuple[str, ...]:
    """The crawler's spiders, as `scrapy list` prints them (a subprocess: no crawler import)."""
    from . import subprocess_environment

    completed = subprocess.run([sys.executable, "-m", "scrapy", "list"], capture_output=True, text=True,
                               env=subprocess_environment(app()))
    return tuple(line.strip() for line in completed.stdout.splitlines() if line.strip())


def run_crawl_command(spider: str, replay: Path | None = None, arguments: tuple[str, ...] = (),
                      settings: tuple[str, ...] = (), log_level: str | None = None) -> None:
    """One crawl subprocess (stopped with this process); ClickException when it fails."""
    from models.settings import bundle_archive

    from . import subprocess_environment
    from .processes import CHILDREN

    env = subprocess_environment(app())
    if log_level:
        env["COUNCILWATCH_LOG_LEVEL"] = log_level
    if spider == "bundle":
        command = [sys.executable, "-m", "crawler.replay", str((replay or bundle_archive()).resolve())]
    else:
        known = spider_names()
        if spider not in known:
            raise click.ClickException(f"unknown spider {spider!r}; spiders: bundle, {', '.join(known)}")
        command = [sys.executable, "-m", "scrapy", "crawl", spider]
        if replay:
            command += ["-s", f"REPLAY_FILE={replay.resolve()}"]
        for pair in arguments:
            command += ["-a", pair]
        for pair in settings:
            command += ["-s", pair]
    status = CHILDREN.run(command, env=env)
    if status != 0:
        raise click.ClickException(f"crawl {spider} exited with status {status}")


@click.command("crawl")
@click.argument("spider")
@click.option("--replay", "replay", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run over a recorded WARC archive, offline.")
@click.option("-a", "arguments", multiple=True, metavar="NAME=VALUE", help="A spider argument.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="A Scrapy setting.")
@with_app
def crawl(spider: str, replay: Path | None, arguments: tuple[str, ...], settings: tuple[str, ...]) -> None:
    """One crawl of SPIDER; `crawl bundle` replays an archive through every spider that reads it."""
    from .processes import CHILDREN, exit_on_termination

    exit_on_termination()
    try:
        run_crawl_command(spider, replay, arguments, settings)
    finally:
        CHILDREN.stop_all()
    _echo_health([spider] if spider != "bundle" else None)


@click.command("crawl-status")
@with_app
def crawl_status() -> None:
    """The health of every source: its last crawl's counts and verdict."""
    _echo_health(None)


def _echo_health(spiders: list[str] | None) -> None:
    from models.crawls import source_health

    with db().reader() as session:
        runs = [run for run in source_health(session) if spiders is None or run.spider in spiders]
    for run in runs:
        state = "healthy" if run.healthy else "BLOCKED" if run.status == "blocked" else "UNHEALTHY" if run.healthy is False else run.status
        click.echo(f"{run.spider:14} {state:9} seen {run.pages_seen}, new {run.pages_new}, "
                   f"unchanged {run.pages_unchanged}, failed {run.pages_failed} — {run.message or ''}")


@click.command("schedule")
@with_app
def schedule() -> None:
    """Scheduler (own process): every crawl on its interval, and alert delivery."""
    from .processes import CHILDREN, exit_on_termination
    from .scheduler import build_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    exit_on_termination()
    scheduler = build_scheduler(app())
    click.echo(f"scheduler running {len(scheduler.get_jobs())} jobs; Ctrl-C to stop")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        CHILDREN.stop_all()


def register(main: click.Group) -> None:
    """Add the crawl commands to the `councilwatch` group."""
    for command in (crawl, crawl_status, schedule):
        main.add_command(command)
