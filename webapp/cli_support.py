"""What the `councilwatch` commands share, imported before anything heavy: the app for
the commands that need one (made on first use), and plain one-line errors."""
from __future__ import annotations

import functools
from typing import Any, Callable

import click


def with_app(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run the command inside an application context: the test runner's app (Flask's
    ScriptInfo in the click context) or one `create_app()` builds from the settings."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from flask import current_app
        from flask.cli import ScriptInfo

        if current_app:
            return function(*args, **kwargs)
        ctx = click.get_current_context()
        info = ctx.find_object(ScriptInfo)
        if info is not None and (info.create_app is not None or info.app_import_path):
            app = info.load_app()
        else:
            from . import create_app

            app = create_app()
        with app.app_context():
            return function(*args, **kwargs)

    return wrapper


def app():
    """The current Flask app (inside a `with_app` command)."""
    from flask import current_app

    return current_app._get_current_object()


def db():
    return app().extensions["councilwatch.db"]
