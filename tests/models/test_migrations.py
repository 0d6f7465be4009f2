"""The migrated schema is exactly the models' schema, on every backend."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from models.db import database_url
from models.metadata import metadata
from models.search import include_name as search_index_excluded


def test_migrated_schema_equals_models(db_url):
    engine = create_engine(database_url(db_url))
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": search_index_excluded})
        assert compare_metadata(context, metadata) == []
        assert set(inspect(connection).get_table_names()) >= set(metadata.tables)
    engine.dispose()


def test_every_revision_downgrades_and_upgrades_again(db_url):
    from alembic import command

    from models.migrate import alembic_config

    config = alembic_config(db_url)
    command.downgrade(config, "base")
    engine = create_engine(database_url(db_url))
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(config, "head")
    test_migrated_schema_equals_models(db_url)
