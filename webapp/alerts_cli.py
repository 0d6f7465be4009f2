"""`councilwatch alerts send | dead-letters | replay ID`: the relay and its dead letters."""
from __future__ import annotations

import sys

import click

from .cli_support import app as _app
from .cli_support import with_app as with_appcontext


@click.group("alerts")
def alerts() -> None:
    """Email alerts: deliver, inspect and replay."""


@alerts.command("send")
@with_appcontext
def send() -> None:
    """Deliver due alerts now (match events, queue digests and reminders, send)."""
    from .alerts.relay import deliver_due

    report = deliver_due(_app())
    click.echo(str(report))
    if report.deferred:
        sys.exit(75)  # EX_TEMPFAIL: run again later


@alerts.command("dead-letters")
@with_appcontext
def dead_letters_command() -> None:
    """List mails that will not be sent unless replayed."""
    from .alerts.relay import dead_letters

    with _app().extensions["councilwatch.db"].reader() as session:
        letters = dead_letters(session)
        for mail in letters:
            click.echo(f"{mail.id}\t{mail.kind}\t{mail.email}\tattempts={mail.attempts}\t{mail.message_id}\t{mail.last_error}")
        click.echo(f"{len(letters)} dead letters", err=True)


@alerts.command("replay")
@click.argument("mail_id", type=int)
@click.option("--unsuppress", is_flag=True, help="Also lift the address's suppression after a hard bounce.")
@with_appcontext
def replay_command(mail_id: int, unsuppress: bool) -> None:
    """Put dead letter MAIL_ID back on the queue (same Message-ID)."""
    from .alerts.relay import ReplayError, replay

    try:
        with _app().extensions["councilwatch.db"].writer() as session:
            mail = replay(session, mail_id, unsuppress=unsuppress)
            click.echo(f"mail {mail.id} to {mail.email} queued again")
    except ReplayError as error:
        raise click.ClickException(str(error))


def register(main: click.Group) -> None:
    main.add_command(alerts)
