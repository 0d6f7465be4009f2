"""`councilwatch council load [--force]` (the bundled Council data, as `start` loads it)
and `councilwatch council conflicts` (votes whose sources disagree or fail a check: the
operator's list). The load runs as a subprocess: the web app never imports the crawler."""
from __future__ import annotations

import subprocess
import sys

import click

from .cli_support import app, db, with_app


@click.group("council")
def council() -> None:
    """The Council's meetings, drafts and votes."""


@council.command("load")
@click.option("--force", is_flag=True, help="Read the files again even if these very files were loaded.")
@with_app
def load(force: bool) -> None:
    """Load the bundled Council data (crawler/bundle/council/); a second load writes nothing."""
    from models.settings import PACKAGE_ROOT

    from . import subprocess_environment

    command = [sys.executable, "-m", "crawler.council.load"] + (["--force"] if force else [])
    if subprocess.run(command, cwd=PACKAGE_ROOT, env=subprocess_environment(app())).returncode != 0:
        raise click.ClickException("the council data load failed")


@council.command("conflicts")
@click.option("--limit", default=500, show_default=True, type=int)
@with_app
def conflicts(limit: int) -> None:
    """Every vote whose sources disagree or whose figures fail a check, with both values."""
    from models.council_queries import conflicted_votes

    with db().reader() as session:
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
