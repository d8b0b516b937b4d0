"""Keep each document's web address (``documents.url``), so a reader can check the original article.

``source`` says where the input was read from, which for a folder of saved pages is a local path; the
page's own address (its canonical link, a JSONL line's ``url``, the URL fetched) was lost. The column is
nullable: documents stored before this revision, and inputs that name no address, have none.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "documents", sa.Column("url", sa.Text, comment="the article on the web (http/https), when known")
    )


def downgrade() -> None:
    # SQLite (3.35+) drops a column in place; alembic's batch mode would copy the documents table and
    # drop the original, which SQLite refuses ("table is locked") while other tables' foreign keys
    # point at it inside the same transaction.
    op.drop_column("documents", "url")
