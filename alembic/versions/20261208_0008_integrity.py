"""integrity: quarantine of versions held for review; subscription limits and token epochs

Revision ID: 0008_integrity
Revises: 0010_captures
Create Date: 2026-12-08 01:20:00
"""
import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime

revision = "0008_integrity"
down_revision = "0010_captures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quarantined_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("previous_number", sa.Integer(), nullable=True),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("http_headers", sa.JSON(), nullable=True),
        sa.Column("held_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("version_number", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"],
                                name=op.f("fk_quarantined_version_document_id_document")),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], name=op.f("fk_quarantined_version_source_id_source")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantined_version")),
        sa.UniqueConstraint("document_id", "text_sha256", name=op.f("uq_quarantined_version_document_id_text_sha256")),
    )
    op.create_index(op.f("ix_quarantined_version_document_id"), "quarantined_version", ["document_id"])
    op.create_index(op.f("ix_quarantined_version_state"), "quarantined_version", ["state"])
    with op.batch_alter_table("subscription") as batch:
        batch.add_column(sa.Column("mailbox", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("confirmation_sent_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("token_epoch", sa.Integer(), server_default="0", nullable=False))
        batch.create_index(batch.f("ix_subscription_mailbox"), ["mailbox"])


def downgrade() -> None:
    with op.batch_alter_table("subscription") as batch:
        batch.drop_index(batch.f("ix_subscription_mailbox"))
        batch.drop_column("token_epoch")
        batch.drop_column("confirmation_sent_at")
        batch.drop_column("mailbox")
    op.drop_index(op.f("ix_quarantined_version_state"), table_name="quarantined_version")
    op.drop_index(op.f("ix_quarantined_version_document_id"), table_name="quarantined_version")
    op.drop_table("quarantined_version")
