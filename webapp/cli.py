"""The `councilwatch` command. A plain click group (not Flask's): `--help` lists
councilwatch's own commands, and nothing heavy is imported until a command needs it, so
`extract`, `diff` on files and `--help` start in a fraction of a second."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .cli_support import app as _app
from .cli_support import db as _db
from .cli_support import with_app

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(message="councilwatch %(version)s", version=None, package_name="councilwatch")
def main() -> None:
    """councilwatch: watch the Security Council, keep every version, show what changed."""


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@with_app
def db_upgrade() -> None:
    """Migrate the configured database to head."""
    from models.migrate import upgrade

    upgrade(str(_db().engine.url.render_as_string(hide_password=False)))
    click.echo(f"database at head: {_db().engine.url.render_as_string(hide_password=True)}")


@main.group()
def mandates() -> None:
    """Mandate lineages (materialised when versions are recorded)."""


@mandates.command("rebuild")
@with_app
def mandates_rebuild() -> None:
    """Recompute every resolution's mandate steps from its latest version (after upgrading a
    database loaded before lineages were materialised, or after a registry update)."""
    from models.mandates import rebuild

    with _db().writer() as session:
        count = rebuild(session)
    click.echo(f"mandate steps: {count}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_app
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
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print the structure and facts as JSON (one object; one per line for several files).")
def extract(paths: tuple[Path, ...], as_json: bool) -> None:
    """Structure and facts of files; no database. Folders are walked."""
    from models.capture import SUPPORTED_SUFFIXES
    from models.text import parse

    files = [p for path in paths for p in _expand(path, SUPPORTED_SUFFIXES)]
    failures = 0
    for path in files:
        try:
            text = _read_file(path)
        except click.ClickException as error:
            if len(files) == 1:
                raise
            failures += 1
            click.echo(f"error: {error.message}", err=True)
            continue
        parsed = parse(text)
        if as_json:
            data = _extract_json(text, parsed)
            if len(files) == 1:
                click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                click.echo(json.dumps({"path": str(path), **data}, ensure_ascii=False))
            continue
        prefix = f"{path}: " if len(files) > 1 else ""
        click.echo(f"{prefix}{parsed.symbol or '(no symbol)'}: {parsed.title or ''}")
        for fact in parsed.facts:
            click.echo(f"  {fact.kind} = {fact.value!r} [{fact.paragraph or '-'}] «{fact.evidence}»")
    if failures:
        sys.exit(1)


def _extract_json(text: str, parsed) -> dict:
    """`extract --json`'s object; a meeting record (S/PV.NNNN) adds its votes and speakers."""
    from models.text.meeting_record import is_meeting_record, read_meeting_record

    data = parsed.to_json()
    if is_meeting_record(text):
        record = read_meeting_record(text).to_json()
        data.update(votes=record["votes"], speakers=record["speakers"])
    return data


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
def diff(old: str, new: str, as_json: bool) -> None:
    """Compare OLD and NEW: files, or stored documents (SYMBOL@N, or SYMBOL for its latest version)."""
    from models.text.diff import compare

    (old_parsed, old_ref), (new_parsed, new_ref) = _resolve(old), _resolve(new)
    result = compare(old_parsed, new_parsed, old_ref=old_ref, new_ref=new_ref).to_json()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        from .diff_text import render

        click.echo(render(result, color=sys.stdout.isatty()))


def _parse_file(path: Path):
    from models.text import parse

    return parse(_read_file(path))


def _read_file(path: Path) -> str:
    from models.capture import IngestError, read_capture
    from models.rawtext import RawTextError, to_text

    try:
        return to_text(read_capture(path), path.name)
    except (IngestError, RawTextError) as error:
        raise click.ClickException(str(error) if isinstance(error, IngestError) else f"{path}: {error}")


def _resolve(ref: str):
    """A file path, or a stored document: `SYMBOL@N` (version N) or `SYMBOL` (its latest
    version), read as the site reads them."""
    path = Path(ref)
    if path.exists() or (path.suffix.lower() in (".txt", ".html", ".htm", ".pdf", ".xml") and "@" not in ref):
        parsed = _parse_file(path)
        return parsed, {"symbol": parsed.symbol, "version": None, "title": parsed.title}
    return _stored(ref)


@with_app
def _stored(ref: str):
    from models.readback import parsed_version

    from . import refs

    try:
        document_ref, number = refs.parse_version_ref(ref)
    except refs.RefError:
        raise click.ClickException(f"{ref}: neither a file nor a document symbol (SYMBOL or SYMBOL@N)")
    with _db().reader() as session:
        document = refs.find_document(session, document_ref)
        if document is None:
            raise click.ClickException(f"{ref}: no such file, and no stored document with that symbol")
        version = refs.find_version(session, document, number)
        if version is None:
            raise click.ClickException(f"{ref}: {document.symbol or document.key} has no version {number}")
        return parsed_version(version), {"symbol": document.symbol or document.key,
                                         "version": version.number, "title": version.title}


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@with_app
def serve(host: str, port: int, threads: int) -> None:
    """The web app on a production WSGI server (waitress)."""
    _serve(host, port, threads)


def _bind(host: str, port: int, threads: int):
    """The WSGI server, its port bound; a clear error when the port is taken."""
    from waitress.server import create_server

    try:
        return create_server(_app(), host=host, port=port, threads=threads, ident="councilwatch")
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {error.strerror or error} (another server running? try --port)")


def _serve(host: str, port: int, threads: int, server=None) -> None:
    server = server or _bind(host, port, threads)
    click.echo(f"councilwatch is running at http://{host}:{port}/")
    sys.stdout.flush()
    try:
        server.run()
    finally:
        _close(server)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--schedule/--no-schedule", default=True, show_default=True, help="Run the scheduler beside the site.")
@with_app
def start(host: str, port: int, schedule: bool) -> None:
    """Migrate, load the bundled archive of real documents, run the scheduler and the site.
    SIGTERM or Ctrl-C stops everything it started."""
    from .processes import CHILDREN, exit_on_termination
    from .start_steps import steps

    exit_on_termination()
    server = _bind(host, port, threads=8)  # a busy port fails here, before anything is announced
    try:
        for step in steps(schedule):
            step()
        _serve(host, port, 8, server)
    except KeyboardInterrupt:
        click.echo("councilwatch stopped", err=True)
    finally:
        CHILDREN.stop_all()
        _close(server)


def _close(server) -> None:
    try:
        server.close()
    except OSError:
        pass


# The alert and crawl commands live beside the code they drive.
from .alerts_cli import register as _register_alerts  # noqa: E402
from .crawl_cli import register as _register_crawl  # noqa: E402

_register_alerts(main)
_register_crawl(main)
