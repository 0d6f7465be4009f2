"""crawls: crawl runs (source health), page fetch state, WARC captures of versions

Revision ID: 0002_crawls
Revises: 0001
Create Date: 2026-12-01 07:00:00

Written by hand from models/crawls.py, then checked against autogenerate.
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0002_crawls'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crawl_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spider', sa.String(length=64), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('started_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('pages_seen', sa.Integer(), nullable=False),
    sa.Column('pages_new', sa.Integer(), nullable=False),
    sa.Column('pages_unchanged', sa.Integer(), nullable=False),
    sa.Column('pages_failed', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('healthy', sa.Boolean(), nullable=True),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('warc_file', sa.String(length=1000), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crawl_run'))
    )
    with op.batch_alter_table('crawl_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crawl_run_spider'), ['spider'], unique=False)

    op.create_table('crawl_page',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spider', sa.String(length=64), nullable=False),
    sa.Column('url_sha256', sa.String(length=64), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('etag', sa.String(length=200), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('text_sha256', sa.String(length=64), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('fetched_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['version.id'], name=op.f('fk_crawl_page_version_id_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crawl_page')),
    sa.UniqueConstraint('spider', 'url_sha256', name=op.f('uq_crawl_page_spider_url_sha256'))
    )
    op.create_table('crawl_capture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('fetched_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('warc_file', sa.String(length=1000), nullable=False),
    sa.Column('warc_offset', sa.BigInteger(), nullable=False),
    sa.Column('warc_record_id', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['crawl_run.id'], name=op.f('fk_crawl_capture_run_id_crawl_run')),
    sa.ForeignKeyConstraint(['version_id'], ['version.id'], name=op.f('fk_crawl_capture_version_id_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crawl_capture')),
    sa.UniqueConstraint('version_id', name=op.f('uq_crawl_capture_version_id'))
    )
    with op.batch_alter_table('crawl_capture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crawl_capture_run_id'), ['run_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('crawl_capture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crawl_capture_run_id'))
    op.drop_table('crawl_capture')
    op.drop_table('crawl_page')
    with op.batch_alter_table('crawl_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crawl_run_spider'))
    op.drop_table('crawl_run')
