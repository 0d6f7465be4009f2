"""`councilwatch council load [--force]` (the bundled Council data, as `start` loads it)
and `councilwatch council conflicts` (votes whose sources disagree or fail a check: the
operator's list). The load runs as a subprocess: the web app never imports the crawler."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@click.group("council")
def council() -> None:
    """The Council's meetings, drafts and votes."""


@council.command("load")
@click.option("--force", is_flag=True, help="Read the files again even if these very files were loaded.")
@with_appcontext
def load(force: bool) -> None:
    """Load the bundled Council data (crawler/bundle/council/); a second load writes nothing."""
    url = current_app.extensions["councilwatch.db"].engine.url.render_as_string(hide_password=False)
    command = [sys.executable, "-m", "crawler.council.load", url] + (["--force"] if force else [])
    if subprocess.run(command, cwd=PROJECT_ROOT).returncode != 0:
        raise click.ClickException("the council data load failed")


@council.command("conflicts")
@click.option("--limit", default=500, show_default=True, type=int)
@with_appcontext
def conflicts(limit: int) -> None:
    """Every vote whose sources disagree or whose figures fail a check, with both values."""
    from models.council_queries import conflicted_votes

    with current_app.extensions["councilwatch.db"].reader() as session:
        votes = conflicted_votes(session, limit)
        for vote in votes:
            subject = (vote.resolution or vote.document).symbol
            click.echo(f"{vote.date or '?'} {vote.meeting or '?'} {subject}: {vote.outcome} {vote.tally}")
            for conflict in vote.conflicts or []:
                if "check" in conflict:
                    click.echo(f"    check {conflict['check']}: {conflict['detail']}")
                else:
                    said = "; ".join(f"{v['value']} ({v['label']}, {v['locator']})" for v in conflict["values"])
                    click.echo(f"    {conflict['field']}{' of ' + conflict['member'] if conflict.get('member') else ''}: {said}")
    click.echo(f"{len(votes)} votes with conflicts")


def register(main: click.Group) -> None:
    main.add_command(council)
