"""loading: the record of a bundled archive's background load (progress for the pages'
banner; "complete" lets a second start write nothing)

Revision ID: 0007_loading
Revises: 0005_council
Create Date: 2026-12-08 01:30:00

Written by hand from models/loading.py, checked against autogenerate.
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = "0007_loading"
down_revision = "0005_council"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bundle_load",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("archive_sha256", sa.String(length=64), nullable=False),
        sa.Column("archive", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=200), nullable=True),
        sa.Column("started_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_load")),
        sa.UniqueConstraint("archive_sha256", name=op.f("uq_bundle_load_archive_sha256")),
    )


def downgrade() -> None:
    op.drop_table("bundle_load")
