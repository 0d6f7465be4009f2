"""captures: the first sighting of each document by each spider ("first seen in … at …")

Revision ID: 0010_captures
Revises: 0009_readings
Create Date: 2026-12-08 01:30:00

Written by hand from models/captures.py. Documents stored before this revision get
their captures at the next crawl that reports them.
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = "0010_captures"
down_revision = "0009_readings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_capture",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("spider", sa.String(length=64), nullable=False),
        sa.Column("page_url", sa.Text(), nullable=False),
        sa.Column("found_on", sa.Text(), nullable=True),
        sa.Column("first_seen_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_document_capture_document_id_document")),
        sa.ForeignKeyConstraint(["version_id"], ["version.id"], name=op.f("fk_document_capture_version_id_version")),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_run.id"], name=op.f("fk_document_capture_run_id_crawl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_capture")),
        sa.UniqueConstraint("document_id", "spider", name=op.f("uq_document_capture_document_id_spider")),
    )
    with op.batch_alter_table("document_capture", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_capture_document_id"), ["document_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document_capture", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_capture_document_id"))
    op.drop_table("document_capture")
