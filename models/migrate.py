"""Run the Alembic migrations shipped with the project (`alembic/` in a source checkout,
`models/migrations/` in an installed package: `models.settings.migrations_dir`)."""
from __future__ import annotations

from alembic import command
from alembic.config import Config

from .db import database_url
from .settings import migrations_dir


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration built in code: no alembic.ini needed, from any directory."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("path_separator", "os")
    config.set_main_option("sqlalchemy.url", database_url(url).replace("%", "%%"))
    config.attributes["configure_logger"] = False  # leave the caller's logging alone
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Migrate the database at `url` (default: the configured one) to `revision`."""
    command.upgrade(alembic_config(url), revision)
