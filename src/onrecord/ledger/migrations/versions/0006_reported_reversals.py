"""Reversals the article itself reports ("later walked back", "flip-flopped"), stored with their evidence.

The reader has found them since issue 15, but the ledger kept only statement pairs, so ``onrecord
contradictions`` and the web pages could not show the one kind of contradiction that comes with the
article's own words. They need no statement pair, hence a table of their own; its rows go with their
document (``ON DELETE CASCADE``) and one cue of one holder in one document is stored once.

Ledgers written before this revision get an empty table: their documents are not re-read here (that
needs spaCy), and re-ingesting skips known documents, so a fresh ingest is how an old ledger gets them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reported_reversals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), comment="the holder, when resolved"),
        sa.Column("holder_local", sa.String(20), comment="the document's person id, e.g. 'p2'"),
        sa.Column("holder_text", sa.Text, nullable=False, comment="the holder as written"),
        sa.Column("holder_start", sa.Integer, nullable=False),
        sa.Column("holder_end", sa.Integer, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False, comment="the sentence that reports the reversal"),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("cue_text", sa.Text, nullable=False),
        sa.Column("cue_start", sa.Integer, nullable=False),
        sa.Column("cue_end", sa.Integer, nullable=False),
        sa.Column("earlier_text", sa.Text),
        sa.Column("earlier_start", sa.Integer),
        sa.Column("earlier_end", sa.Integer),
        sa.Column("earlier_date", sa.String(32)),
        sa.Column("later_text", sa.Text),
        sa.Column("later_start", sa.Integer),
        sa.Column("later_end", sa.Integer),
        sa.Column("later_date", sa.String(32)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "cue_start", "holder_start", name="uq_reported_reversals_cue"),
    )
    op.create_index("ix_reported_reversals_person", "reported_reversals", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_reported_reversals_person", table_name="reported_reversals")
    op.drop_table("reported_reversals")
