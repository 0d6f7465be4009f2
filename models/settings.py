"""councilwatch's one configuration, read the same way by the web app, the CLI, the
scheduler and every crawl subprocess.

Each setting has a name (`DATABASE_URL`) and is looked up, in order, in:
1. the environment, as `COUNCILWATCH_<NAME>`;
2. `<instance>/config.py` (a Python file of `NAME = value` lines; `COUNCILWATCH_NAME` also works);
3. the default in `SETTINGS` below.
The instance folder itself comes from `COUNCILWATCH_INSTANCE_PATH` (default `./instance`).

    from models.settings import load
    settings = load()                  # a read-only mapping NAME -> value
    settings["DATABASE_URL"], settings.source("DATABASE_URL")   # value, where it came from
    settings.environment()             # COUNCILWATCH_* variables for a subprocess

Settings no one registered here (another module's `COUNCILWATCH_FOO`, or `FOO = 1` in
config.py) are passed through unchanged, so `app.config["FOO"]` keeps working. This module
imports nothing heavy: the CLI reads it before deciding what else to import.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

PREFIX = "COUNCILWATCH_"
#: The folder holding the installed packages (models/, crawler/, webapp/); in a source
#: checkout it is also the repository root.
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _text(value: str) -> str:
    return value


def _bool(value: str) -> bool:
    lowered = str(value).strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{value!r} is not a yes/no value")


@dataclass(frozen=True)
class Setting:
    """One documented setting: its default is a value or a function of the others."""

    name: str
    default: Any
    doc: str
    parse: Callable[[str], Any] = _text
    default_doc: str | None = None

    def default_for(self, values: Mapping[str, Any]) -> Any:
        return self.default(values) if callable(self.default) else self.default

    def describe_default(self) -> str:
        if self.default_doc is not None:
            return self.default_doc
        return "unset" if self.default is None else f"`{self.default}`"


def _instance(values: Mapping[str, Any]) -> Path:
    return Path(values["INSTANCE_PATH"])


SETTINGS: tuple[Setting, ...] = (
    Setting("INSTANCE_PATH", lambda _: str((Path.cwd() / "instance").resolve()),
            "where local state lives (database, mail, captures, secret key, `config.py`); environment only",
            default_doc="`./instance`"),
    Setting("DATABASE_URL", lambda v: f"sqlite:///{_instance(v) / 'councilwatch.sqlite3'}",
            "SQLAlchemy URL; `postgresql://user@host/db` uses psycopg 3",
            default_doc="`sqlite:///<instance>/councilwatch.sqlite3`"),
    Setting("BASE_URL", "http://127.0.0.1:8000", "the public URL used in permalinks, mails and feeds"),
    Setting("SECRET_KEY", None, "signs tokens and sessions", default_doc="generated once into `<instance>/secret_key`"),
    Setting("SMTP_URL", None, "`smtp://`, `smtp://…?starttls`, `submission://user:password@host`, "
            "`smtps://user:password@host:465` ([alerts](docs/alerts.md))",
            default_doc="unset: mail goes to the Maildir `ALERTS_MAILDIR`"),
    Setting("ALERTS_MAILDIR", lambda v: str(_instance(v) / "mail"), "the Maildir mail goes to without `SMTP_URL`",
            default_doc="`<instance>/mail/`"),
    Setting("MAIL_FROM", None, "sender of alert mails; its domain ends every Message-ID",
            default_doc="`councilwatch <alerts@HOST-OF-BASE_URL>`"),
    Setting("RATELIMIT_STORAGE_URI", "memory://",
            "rate-limit storage, e.g. `redis://127.0.0.1:6379` for several workers"),
    Setting("ALERTS_RATELIMIT_PER_IP", "20 per hour", "POSTs to `/subscribe` per client address"),
    Setting("ALERTS_RATELIMIT_PER_ADDRESS", "5 per hour", "POSTs to `/subscribe` per e-mail address"),
    Setting("ALERTS_RETRY_BASE_SECONDS", 60, "first retry delay of a failed mail (doubling)", int),
    Setting("ALERTS_RETRY_MAX_SECONDS", 6 * 3600, "longest retry delay", int),
    Setting("ALERTS_MAX_ATTEMPTS", 8, "attempts before a mail goes to the dead-letter list", int),
    Setting("ALERTS_SENDING_LEASE_SECONDS", 600, "how long a claimed mail is left to its relay", int),
    Setting("ALERTS_BATCH_SIZE", 100, "mails claimed per transaction", int),
    Setting("ALERT_INTERVAL", 60, "seconds between alert deliveries in the scheduler", int),
    Setting("CRAWL_INTERVALS", "", "per-crawl intervals in seconds, e.g. `un_press=900,undl=0` (0 turns one off)",
            default_doc="see [crawling](docs/crawling.md)"),
    Setting("CRAWL_WORKERS", 3, "crawls the scheduler runs at once (alert delivery has its own thread)", int),
    Setting("CRAWL_STAGGER_SECONDS", 20, "gap between the first runs of successive crawls", int),
    Setting("SCRAPYD_URL", None, "hand crawls to Scrapyd nodes ([crawling](docs/crawling.md))",
            default_doc="unset: crawls run as local subprocesses"),
    Setting("SCRAPYD_PROJECT", "councilwatch", "the Scrapyd project name"),
    Setting("WARC_DIR", lambda v: str(_instance(v) / "warc"), "where crawls write their WARC captures",
            default_doc="`<instance>/warc/`"),
    Setting("CRAWLER_CONTACT", lambda v: str(v["BASE_URL"]).rstrip("/") + "/crawling",
            "the page named in the crawler's User-Agent", default_doc="`<BASE_URL>/crawling`"),
    Setting("CRAWLER_OPERATOR", "the operator of this councilwatch instance",
            "who runs the crawler, as the `/crawling` page names them"),
    Setting("CRAWLER_EMAIL", None, "how site operators reach the crawler's operator (shown on `/crawling`)"),
    Setting("DOWNLOAD_DELAY", 2.0, "seconds between requests to one site", float),
    Setting("BLOCKED_BACKOFF", 3600.0, "seconds a source blocked by its site (AWS WAF challenge) waits before its "
            "next attempt, doubled per blocked run in a row", float),
    Setting("BLOCKED_BACKOFF_MAX", 86400.0, "longest wait of a blocked source", float),
    Setting("NEWS_WATCHLIST", None, "the news spider's watch list (URL, tab, symbol)",
            default_doc="`crawler/news_watchlist.tsv`"),
    Setting("LOG_LEVEL", "INFO", "log level of crawls"),
    Setting("TODAY", None, "pin today's date (ISO) for a reproducible home page"),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


def instance_path(environ: Mapping[str, str] | None = None) -> Path:
    """The instance folder: `COUNCILWATCH_INSTANCE_PATH`, else ./instance."""
    environ = os.environ if environ is None else environ
    return Path(environ.get(PREFIX + "INSTANCE_PATH") or Path.cwd() / "instance").resolve()


def read_instance_config(folder: Path) -> dict[str, Any]:
    """The upper-case names `<instance>/config.py` defines (prefix optional)."""
    path = folder / "config.py"
    if not path.is_file():
        return {}
    namespace: dict[str, Any] = {"__file__": str(path)}
    exec(compile(path.read_bytes(), str(path), "exec"), namespace)  # the operator's own file, as Flask does
    return {key.removeprefix(PREFIX): value for key, value in namespace.items() if key.isupper()}


def _parse_unregistered(raw: str) -> Any:
    """As Flask's from_prefixed_env: JSON when it parses, else the string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


class Settings(Mapping[str, Any]):
    """The resolved configuration: NAME -> value, and where each value came from."""

    def __init__(self, values: dict[str, Any], sources: dict[str, str]) -> None:
        self._values, self._sources = values, sources

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def source(self, name: str) -> str:
        """"environment", "config.py", "default" or "override"."""
        return self._sources[name]

    @property
    def instance_path(self) -> Path:
        return Path(self._values["INSTANCE_PATH"])

    def environment(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """`base` (default os.environ) plus COUNCILWATCH_* for every setting with a value,
        so a subprocess resolves exactly the same configuration."""
        env = dict(os.environ if base is None else base)
        for name, value in self._values.items():
            if value is None or not isinstance(value, (str, int, float, bool)):
                continue
            env[PREFIX + name] = value if isinstance(value, str) else json.dumps(value)
        return env


def load(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve every setting: `overrides` (tests, callers), environment, config.py, default."""
    environ = os.environ if environ is None else environ
    overrides = dict(overrides or {})
    folder = Path(overrides["INSTANCE_PATH"]).resolve() if overrides.get("INSTANCE_PATH") else instance_path(environ)
    from_file = read_instance_config(folder)
    values: dict[str, Any] = {"INSTANCE_PATH": str(folder)}
    sources = {"INSTANCE_PATH": "override" if "INSTANCE_PATH" in overrides else
               "environment" if environ.get(PREFIX + "INSTANCE_PATH") else "default"}
    for setting in SETTINGS[1:]:
        name = setting.name
        if name in overrides:
            values[name], sources[name] = overrides[name], "override"
        elif environ.get(PREFIX + name) not in (None, ""):
            raw = environ[PREFIX + name]
            try:
                values[name] = setting.parse(raw)
            except ValueError as error:
                raise ValueError(f"{PREFIX}{name}: {error}") from None
            sources[name] = "environment"
        elif name in from_file:
            values[name], sources[name] = from_file[name], "config.py"
        else:
            values[name], sources[name] = setting.default_for(values), "default"
    # Settings not registered above pass through (environment over config.py), as before.
    for name, value in from_file.items():
        if name not in values:
            values[name], sources[name] = value, "config.py"
    for key, raw in environ.items():
        name = key.removeprefix(PREFIX)
        if key.startswith(PREFIX) and name not in BY_NAME and not name.startswith("TEST_"):
            values[name], sources[name] = _parse_unregistered(raw), "environment"
    for name, value in overrides.items():
        if name not in BY_NAME:
            values[name], sources[name] = value, "override"
    return Settings(values, sources)


def markdown_table() -> str:
    """The README's configuration table, generated from SETTINGS."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for setting in SETTINGS:
        lines.append(f"| `{PREFIX}{setting.name}` | {setting.describe_default()} | {setting.doc} |")
    return "\n".join(lines)


def user_agent(settings: Mapping[str, Any]) -> str:
    """The crawler's User-Agent: product, version, and the page that explains it."""
    return f"councilwatch/0.1 (+{settings['CRAWLER_CONTACT']})"


# Where the installed (or checked-out) project keeps what it ships besides code.

def migrations_dir() -> Path:
    """The Alembic scripts: `models/migrations/` in an installed package (setup.py maps
    the source tree's `alembic/` there), `alembic/` in a source checkout."""
    packaged = PACKAGE_ROOT / "models" / "migrations"
    if (packaged / "env.py").is_file():
        return packaged
    return PACKAGE_ROOT / "alembic"


def bundle_archive() -> Path:
    """The bundled WARC archive of real documents that `start` loads."""
    return PACKAGE_ROOT / "crawler" / "bundle" / "councilwatch-bundle.warc.gz"


if __name__ == "__main__":  # python -m models.settings: the configuration in effect, and where from
    resolved = load()
    for key in resolved:
        shown = "(set)" if key == "SECRET_KEY" and resolved[key] else resolved[key]
        print(f"{PREFIX}{key} = {shown!r}  [{resolved.source(key)}]")
