"""Fingerprints of each document's longest sentences, and the copies found by them, so that the same
story read twice (as text and as HTML, or fetched again) is stored once.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from onrecord.ledger.fingerprints import fingerprint

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_fingerprints",
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("hash", sa.String(16), primary_key=True, comment="one of the longest sentences, hashed"),
    )
    op.create_index("ix_document_fingerprints_hash", "document_fingerprints", ["hash"])
    op.create_table(
        "document_copies",
        sa.Column("id", sa.String(64), primary_key=True, comment="sha256 hex of the copy's input bytes"),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            comment="the stored document it repeats",
        ),
        sa.Column("source", sa.Text, nullable=False, comment="where the copy was read from"),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_document_copies_document", "document_copies", ["document_id"])
    # Documents stored before this revision get their fingerprints too, so copies of them are found.
    conn = op.get_bind()
    documents = sa.table("documents", sa.column("id", sa.String), sa.column("text", sa.Text))
    prints = sa.table(
        "document_fingerprints", sa.column("document_id", sa.String), sa.column("hash", sa.String)
    )
    for doc_id, text in conn.execute(sa.select(documents.c.id, documents.c.text)).all():
        rows = [{"document_id": doc_id, "hash": h} for h in dict.fromkeys(fingerprint(text))]
        if rows:
            conn.execute(prints.insert(), rows)


def downgrade() -> None:
    op.drop_index("ix_document_copies_document", table_name="document_copies")
    op.drop_table("document_copies")
    op.drop_index("ix_document_fingerprints_hash", table_name="document_fingerprints")
    op.drop_table("document_fingerprints")
