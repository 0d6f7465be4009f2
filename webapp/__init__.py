"""The councilwatch web app: `create_app()` builds it from `models.settings` (environment,
then the instance's config.py, then defaults) and the caller's `config` overrides.

Nothing heavy is imported at module level: `councilwatch --help` imports this package."""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from flask import Flask

    from models.db import Database


def create_app(config: Mapping[str, Any] | None = None) -> "Flask":
    from flask import Flask

    from models.db import Database
    from models.settings import load

    settings = load(config)
    app = Flask(__name__, instance_path=str(settings.instance_path), instance_relative_config=True)
    app.config.from_mapping(dict(settings))
    app.extensions["councilwatch.settings"] = settings
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))

    app.extensions["councilwatch.db"] = Database(app.config["DATABASE_URL"])

    from . import crawl_status, crawling, subscribe
    from .extensions import csrf, limiter

    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    _install_site(app)
    app.register_blueprint(subscribe.bp)
    app.register_blueprint(crawl_status.bp)
    app.register_blueprint(crawling.bp)
    return app


def _install_site(app: "Flask") -> None:
    """The public site: pages, JSON API, feeds, strict headers, 304s before Flask."""
    from . import api, compare, context, documents, home, loading, search, site

    context.install(app)
    loading.install(app)
    site.install(app)
    for blueprint in (home.bp, compare.bp, search.bp, api.bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(documents.bp)  # `/<path:target>`: every symbol URL


def database(app: "Flask") -> "Database":
    return app.extensions["councilwatch.db"]


def subprocess_environment(app: "Flask") -> dict[str, str]:
    """The environment for a crawl or scheduler subprocess: the app's settings as
    COUNCILWATCH_* variables (so it resolves the same configuration), the resolved
    database URL, and the Scrapy settings module."""
    from models.settings import PREFIX, BY_NAME

    env = app.extensions["councilwatch.settings"].environment()
    for name in BY_NAME:
        if name == "SECRET_KEY":  # only as configured: a generated key stays in its instance file
            continue
        value = app.config.get(name)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            env[PREFIX + name] = str(value)
    env[PREFIX + "INSTANCE_PATH"] = app.instance_path
    env[PREFIX + "DATABASE_URL"] = database(app).engine.url.render_as_string(hide_password=False)
    env["SCRAPY_SETTINGS_MODULE"] = "crawler.settings"
    return env


def _instance_secret(folder: Path) -> str:
    """A secret generated once per instance and kept in instance/secret_key."""
    path = folder / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
