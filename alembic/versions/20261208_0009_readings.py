"""frozen readings: the first body of every immutable URL, per engine

Revision ID: 0009_readings
Revises: 0006_mandates
Create Date: 2026-12-08 01:10:00

Append-only, like versions: UPDATE and DELETE are refused by triggers.
"""
import sqlalchemy as sa
from alembic import op

import models.base

revision = "0009_readings"
down_revision = "0006_mandates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frozen_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("path_sha256", sa.String(length=64), nullable=False),
        sa.Column("engine", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("headers", sa.Text(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frozen_response")),
        sa.UniqueConstraint("path_sha256", "engine", name=op.f("uq_frozen_response_path_sha256_engine")),
    )
    with op.batch_alter_table("frozen_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_frozen_response_path_sha256"), ["path_sha256"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER frozen_response_append_only_{action.lower()} BEFORE {action} ON frozen_response "
                       "BEGIN SELECT RAISE(ABORT, 'frozen_response rows are append-only'); END")
    else:
        op.execute(
            "CREATE OR REPLACE FUNCTION councilwatch_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER frozen_response_append_only BEFORE UPDATE OR DELETE ON frozen_response "
                   "FOR EACH ROW EXECUTE FUNCTION councilwatch_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER IF EXISTS frozen_response_append_only ON frozen_response")
    with op.batch_alter_table("frozen_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frozen_response_path_sha256"))
    op.drop_table("frozen_response")
