"""The councilwatch web app: `create_app()` builds it from `models.settings` (environment,
then the instance's config.py, then defaults) and the caller's `config` overrides.

Nothing heavy is imported at module level: `councilwatch --help` imports this package."""
from __future__ import annotations

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
    from .secret import instance_secret, require_strong

    if app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = require_strong(app.config["SECRET_KEY"], "COUNCILWATCH_SECRET_KEY")
    else:
        app.config["SECRET_KEY"] = instance_secret(Path(app.instance_path))

    app.extensions["councilwatch.db"] = Database(app.config["DATABASE_URL"])
    from . import budget

    budget.install(app)

    from . import crawl_status, crawling, subscribe
    from .extensions import csrf, limiter

    csrf.init_app(app)
    if app.config.get("REDIS_URL") and app.config.get("RATELIMIT_STORAGE_URI") in (None, "", "memory://"):
        # Redis when configured (production: limits shared by workers and kept across restarts)
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    limiter.init_app(app)
    _install_site(app)
    app.register_blueprint(subscribe.bp)
    app.register_blueprint(crawl_status.bp)
    app.register_blueprint(crawling.bp)
    from . import redact
    from .cookies import harden_cookies
    from .proxies import trust_proxies

    harden_cookies(app)
    redact.install(app)
    budget.shield(app)
    trust_proxies(app)
    return app


def _install_site(app: "Flask") -> None:
    """The public site: pages, JSON API, feeds, strict headers, 304s before Flask."""
    from . import api, apiindex, calendars, compare, context, council, documents, home, loading, pagecache, search, site, sitefeed

    context.install(app)
    loading.install(app)
    pagecache.install(app)
    site.install(app)
    for blueprint in (calendars.bp, home.bp, compare.bp, search.bp, council.bp, apiindex.bp, sitefeed.bp, api.bp):
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

