"""`councilwatch quarantine list|release ID|reject ID`: the operator's review of new
versions held because they would delete most of a document (models.quarantine)."""
from __future__ import annotations

import click

from .cli_support import db as _db
from .cli_support import with_app as with_appcontext


@click.group("quarantine")
def quarantine() -> None:
    """New versions held for review instead of published."""


@quarantine.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also the released and rejected ones.")
@with_appcontext
def list_held(show_all: bool) -> None:
    """Held captures: id, document, reason."""
    from models.quarantine import HoldState, held

    with _db().reader() as session:
        rows = held(session, None if show_all else HoldState.HELD.value)
        for row in rows:
            click.echo(f"{row.id:5} {row.state:9} {row.document.key}  after v{row.previous_number or 0}: "
                       f"{row.reason} (held {row.held_at:%Y-%m-%d %H:%M} UTC)")
        if not rows:
            click.echo("nothing held")


@quarantine.command("release")
@click.argument("hold_id", type=click.IntRange(min=1, max=2**31 - 1))
@with_appcontext
def release_held(hold_id: int) -> None:
    """Store held capture HOLD_ID as its document's next version (and alert followers)."""
    from models.quarantine import QuarantineError, release

    try:
        with _db().writer() as session:
            recorded = release(session, hold_id)
            click.echo(f"released: {recorded.version.document.key} v{recorded.version.number}")
    except QuarantineError as error:
        raise click.ClickException(str(error)) from None


@quarantine.command("reject")
@click.argument("hold_id", type=click.IntRange(min=1, max=2**31 - 1))
@with_appcontext
def reject_held(hold_id: int) -> None:
    """Never store held capture HOLD_ID."""
    from models.quarantine import QuarantineError, reject

    try:
        with _db().writer() as session:
            row = reject(session, hold_id)
            click.echo(f"rejected: {row.document.key} (held {row.id})")
    except QuarantineError as error:
        raise click.ClickException(str(error)) from None


def register(main: click.Group) -> None:
    main.add_command(quarantine)
