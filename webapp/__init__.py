"""The councilwatch web app: `create_app()` builds it from defaults, the instance
config and `COUNCILWATCH_*` environment variables, in that order."""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Mapping

from flask import Flask

from models.db import Database, instance_path


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(instance_path()), instance_relative_config=True)
    app.config.from_mapping(
        DATABASE_URL=None,
        SMTP_URL=None,
        BASE_URL="http://127.0.0.1:8000",
        SECRET_KEY=None,
    )
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("COUNCILWATCH")
    if config:
        app.config.from_mapping(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))

    app.extensions["councilwatch.db"] = Database(app.config["DATABASE_URL"])

    from . import crawl_status, subscribe
    from .extensions import csrf, limiter

    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    _install_site(app)
    app.register_blueprint(subscribe.bp)
    app.register_blueprint(crawl_status.bp)
    return app


def _install_site(app: Flask) -> None:
    """The public site: pages, JSON API, feeds, strict headers, 304s before Flask."""
    from . import api, compare, context, documents, home, loading, search, site

    context.install(app)
    loading.install(app)
    site.install(app)
    for blueprint in (home.bp, compare.bp, search.bp, api.bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(documents.bp)  # `/<path:target>`: every symbol URL


def database(app: Flask) -> Database:
    return app.extensions["councilwatch.db"]


def _instance_secret(folder: Path) -> str:
    """A secret generated once per instance and kept in instance/secret_key."""
    path = folder / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
