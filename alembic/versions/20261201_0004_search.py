"""full-text search over versions

Revision ID: 0004_search
Revises: 0003_alerts
Create Date: 2026-12-01 06:20:00

Written by hand: no ORM tables. SQLite gets an external-content FTS5 table over
version(title, text) kept by an AFTER INSERT trigger (versions are never updated or
deleted); PostgreSQL a GIN expression index that `models.search` queries with the same
expression. Existing versions are indexed on upgrade.
"""
from alembic import op

revision = "0004_search"
down_revision = "0003_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE version_search USING fts5("
            "title, text, content='version', content_rowid='id', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER version_search_index AFTER INSERT ON version BEGIN "
            "INSERT INTO version_search(rowid, title, text) VALUES (new.id, new.title, new.text); END"
        )
        op.execute("INSERT INTO version_search(version_search) VALUES ('rebuild')")
        return
    op.execute(
        "CREATE INDEX ix_version_search ON version USING gin "
        "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS version_search_index")
        op.execute("DROP TABLE IF EXISTS version_search")
        return
    op.execute("DROP INDEX IF EXISTS ix_version_search")
