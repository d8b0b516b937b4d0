"""A log of users' merges and splits (``corrections``), and ``statements.unresolved``.

A merge deleted the other person's row and a split kept no record of what it moved, so neither could be
undone, and ``onrecord people merges`` could only list the rules they left. Each correction now writes
one ``corrections`` row with the journal of what it changed, which ``Ledger.undo_correction`` replays
backwards. Corrections made before this revision are not in the log (what they moved was never
recorded) and cannot be undone; their rules stay in ``identity_rules`` as before.

``statements.unresolved`` keeps the reader's flag for a speaker no person can be told from ("he" with
nothing before it), so a stored statement has the same ``speaker`` as ``onrecord read`` gives. It is
nullable: statements stored before this revision do not know it, and read back as resolved.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action", sa.String(10), nullable=False, comment="merge | split"),
        sa.Column(
            "person_id", sa.Integer, nullable=False, comment="merge: the person kept; split: the one split"
        ),
        sa.Column("person_name", sa.Text, nullable=False),
        sa.Column(
            "other_id", sa.Integer, nullable=False, comment="merge: the person merged away; split: the other"
        ),
        sa.Column("other_name", sa.Text, nullable=False),
        sa.Column("changes", sa.JSON, nullable=False, comment="the journal an undo replays backwards"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("undone_at", sa.DateTime),
    )
    op.add_column(
        "statements",
        sa.Column("unresolved", sa.Boolean, comment="no person can be told from the text ('he' alone)"),
    )


def downgrade() -> None:
    # In place, not in batch mode: see 0005's downgrade.
    op.drop_column("statements", "unresolved")
    op.drop_table("corrections")
