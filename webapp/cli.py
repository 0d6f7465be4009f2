"""The `councilwatch` command (click, through Flask's CLI group)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from . import create_app


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False, set_debug_flag=False)
def main() -> None:
    """councilwatch: watch the Security Council, keep every version, show what changed."""


def _db():
    return current_app.extensions["councilwatch.db"]


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Migrate the configured database to head."""
    from models.migrate import upgrade

    upgrade(str(_db().engine.url.render_as_string(hide_password=False)))
    click.echo(f"database at head: {_db().engine.url.render_as_string(hide_password=True)}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_appcontext
def ingest(paths: tuple[Path, ...]) -> None:
    """Store local files (.txt .html .pdf .xml) as versions; folders are walked."""
    from models.ingest import SUPPORTED_SUFFIXES, IngestError, ingest_file

    files = [p for path in paths for p in _expand(path, SUPPORTED_SUFFIXES)]
    progress = _Progress(len(files)) if sys.stderr.isatty() and len(files) > 20 else None
    failures = created = 0
    for index, path in enumerate(files, 1):
        try:
            with _db().writer() as session:
                result = ingest_file(session, path)
        except IngestError as error:
            failures += 1
            click.echo(f"error: {error}", err=True)
        else:
            created += result.created
            state = "created" if result.created else "unchanged"
            click.echo(f"{state}: {path} -> {result.symbol or 'no symbol'} v{result.version}")
        if progress:
            progress.show(index)
    click.echo(f"{len(files)} files: {created} new versions, {len(files) - created - failures} unchanged, {failures} failed")
    if failures:
        sys.exit(1)


def _expand(path: Path, suffixes: tuple[str, ...]):
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    else:
        yield path


class _Progress:
    """"[120/1000] 35.1 files/s, 0:25 left" on stderr, rewritten in place."""

    def __init__(self, total: int) -> None:
        self.total, self.start = total, time.monotonic()

    def show(self, done: int) -> None:
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = done / elapsed
        left = int((self.total - done) / rate) if rate else 0
        end = "\n" if done == self.total else ""
        click.echo(f"\r[{done}/{self.total}] {rate:.1f} files/s, {left // 60}:{left % 60:02d} left", err=True, nl=False)
        if end:
            click.echo("", err=True)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the structure and facts as JSON.")
def extract(path: Path, as_json: bool) -> None:
    """Structure and facts of one file; no database."""
    parsed = _parse_file(path)
    if as_json:
        click.echo(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{parsed.symbol or '(no symbol)'}: {parsed.title or ''}")
    for fact in parsed.facts:
        click.echo(f"  {fact.kind} = {fact.value!r} [{fact.paragraph or '-'}] «{fact.evidence}»")


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@with_appcontext
def diff(old: str, new: str, as_json: bool) -> None:
    """Compare OLD and NEW: files, or stored refs SYMBOL@N."""
    from models.text.diff import compare

    (old_parsed, old_ref), (new_parsed, new_ref) = _resolve(old), _resolve(new)
    result = compare(old_parsed, new_parsed, old_ref=old_ref, new_ref=new_ref).to_json()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(result["summary"])


def _parse_file(path: Path):
    from models.ingest import IngestError, read_capture
    from models.rawtext import RawTextError, to_text
    from models.text import parse

    try:
        return parse(to_text(read_capture(path), path.name))
    except (IngestError, RawTextError) as error:
        raise click.ClickException(str(error) if isinstance(error, IngestError) else f"{path}: {error}")


def _resolve(ref: str):
    """A file path, or `SYMBOL@N` for stored version N of a document."""
    path = Path(ref)
    if path.exists() or "@" not in ref:
        parsed = _parse_file(path)
        return parsed, {"symbol": parsed.symbol, "version": None, "title": parsed.title}
    from models.readback import parsed_version
    from models.store import get_version

    symbol, _, number = ref.rpartition("@")
    if not number.isdigit():
        raise click.ClickException(f"{ref}: expected SYMBOL@N, N a version number")
    with _db().reader() as session:
        version = get_version(session, symbol, int(number))
        if version is None:
            raise click.ClickException(f"{ref}: no such stored version")
        return parsed_version(version), {"symbol": version.document.symbol or version.document.key,
                                         "version": version.number, "title": version.title}


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@with_appcontext
def serve(host: str, port: int, threads: int) -> None:
    """The web app on a production WSGI server (waitress)."""
    _serve(host, port, threads)


def _serve(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    click.echo(f"councilwatch is running at http://{host}:{port}/")
    sys.stdout.flush()
    waitress_serve(current_app._get_current_object(), host=host, port=port, threads=threads, ident="councilwatch")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--schedule/--no-schedule", default=True, show_default=True, help="Run the scheduler beside the site.")
@click.pass_context
@with_appcontext
def start(ctx: click.Context, host: str, port: int, schedule: bool) -> None:
    """Migrate, run the site at once while the bundled archive of real documents loads in
    the background (pages say how far it is), and the scheduler."""
    import os
    import subprocess

    from models.migrate import upgrade

    from .loading import start_loading, stop_loading, when_loaded

    upgrade(_db().engine.url.render_as_string(hide_password=False))
    os.environ.setdefault("COUNCILWATCH_LOG_LEVEL", "WARNING")  # the crawls' own logs stay short
    loader = start_loading(current_app._get_current_object())
    if loader is not None:
        click.echo(f"loading the bundled archive in the background; pages show its progress; log: "
                   f"{Path(current_app.instance_path) / 'loading.log'}")
    scheduler: list[subprocess.Popen] = []

    def run_scheduler() -> None:
        with log_path.open("ab") as log:
            scheduler.append(subprocess.Popen([sys.executable, "-m", "webapp", "schedule"], stdout=log, stderr=log))

    if schedule:
        log_path = Path(current_app.instance_path) / "scheduler.log"
        when_loaded(loader, run_scheduler)  # its crawls wait for the bundle: one writer, cores for the load
        click.echo(f"scheduler {'running' if loader is None else 'starts once the archive is loaded'} "
                   f"(crawls and alert delivery); its log: {log_path}")
    try:
        _serve(host, port, threads=8)
    finally:
        stop_loading(loader)
        for process in scheduler:
            process.terminate()
            process.wait(30)

# The alert and crawl commands live beside the code they drive.
from .alerts_cli import register as _register_alerts  # noqa: E402
from .crawl_cli import register as _register_crawl  # noqa: E402

_register_alerts(main)
_register_crawl(main)
