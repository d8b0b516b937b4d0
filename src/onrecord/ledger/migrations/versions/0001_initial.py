"""The first ledger: documents, people, aliases, mentions, statements, contradictions, identity rules.

Written out in full rather than created from ``schema.metadata`` so that this migration keeps meaning the
same thing after the schema moves on. Full-text search: an external-content FTS5 table kept in step by
triggers on SQLite, a stored generated tsvector with a GIN index on PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE statements_fts USING fts5("
    "content_text, content='statements', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN "
    "INSERT INTO statements_fts(rowid, content_text) VALUES (new.id, new.content_text); END",
    "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content_text) "
    "VALUES ('delete', old.id, old.content_text); END",
    "CREATE TRIGGER statements_fts_update AFTER UPDATE OF content_text ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content_text) "
    "VALUES ('delete', old.id, old.content_text); "
    "INSERT INTO statements_fts(rowid, content_text) VALUES (new.id, new.content_text); END",
]

_POSTGRES_FTS = [
    "ALTER TABLE statements ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', content_text)) STORED",
    "CREATE INDEX ix_statements_search ON statements USING gin (search)",
]


def _doc_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True, comment="sha256 hex of the input bytes"),
        sa.Column("source", sa.Text, nullable=False, comment="path or URL as given"),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False, comment="the text every span indexes into"),
        sa.Column("title_start", sa.Integer),
        sa.Column("title_end", sa.Integer),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "removed_lines",
        sa.Column("document_id", sa.String(64), _doc_fk(), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False, comment="person | organization"),
        sa.Column("first", sa.Text, comment="normalised first name, NULL when only a surname is known"),
        sa.Column("middle", sa.Text, comment="normalised middle names, space-separated"),
        sa.Column(
            "last", sa.Text, nullable=False, comment="normalised surname (whole key for organisations)"
        ),
        sa.Column("suffix", sa.Text),
        sa.Column("corrected", sa.Boolean, nullable=False, comment="a user merged or split this person"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_people_last", "people", ["last"])
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False, comment="as written, e.g. 'Mr. Trump'"),
        sa.Column("key", sa.Text, nullable=False, comment="normalised, e.g. 'trump'"),
        sa.Column("count", sa.Integer, nullable=False, comment="mentions written this way"),
        sa.UniqueConstraint("person_id", "text", name="uq_aliases_person_text"),
    )
    op.create_index("ix_aliases_key", "aliases", ["key"])
    op.create_table(
        "document_people",
        sa.Column("document_id", sa.String(64), _doc_fk(), primary_key=True),
        sa.Column("local_id", sa.String(20), primary_key=True, comment="the pipeline's id, e.g. 'p2'"),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("name", sa.Text, nullable=False, comment="the name this document gives"),
    )
    op.create_index("ix_document_people_person", "document_people", ["person_id", "document_id"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.String(64), _doc_fk(), nullable=False),
        sa.Column("local_person", sa.String(20), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_mentions_document", "mentions", ["document_id"])
    op.create_index("ix_mentions_person", "mentions", ["person_id"])
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.String(64), _doc_fk(), nullable=False),
        sa.Column("local_id", sa.String(20), nullable=False, comment="the pipeline's id, e.g. 's1'"),
        sa.Column("kind", sa.String(20), nullable=False, comment="direct | indirect | mixed | according_to"),
        sa.Column("cue_class", sa.String(20), nullable=False),
        sa.Column("question", sa.Boolean, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("content_text", sa.Text, nullable=False),
        sa.Column("content_spans", sa.JSON, nullable=False, comment="[[start, end], ...]"),
        sa.Column("content_start", sa.Integer, nullable=False),
        sa.Column("content_end", sa.Integer, nullable=False),
        sa.Column("cue_text", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("speaker_text", sa.Text, comment="resolved name, else the mention as written"),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("speaker_local", sa.String(20), comment="the document's person id, e.g. 'p2'"),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id")),
        sa.Column("named", sa.Boolean, nullable=False),
        sa.Column("description", sa.Text, comment="an anonymous source as written"),
        sa.Column("antecedent_text", sa.Text),
        sa.Column("antecedent_start", sa.Integer),
        sa.Column("antecedent_end", sa.Integer),
        sa.Column("said_on_start", sa.Date),
        sa.Column("said_on_end", sa.Date),
        sa.Column("said_on_precision", sa.String(10)),
        sa.Column("said_on_basis", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("repeated_at", sa.JSON, nullable=False),
        sa.UniqueConstraint("document_id", "local_id", name="uq_statements_document_local"),
    )
    op.create_index("ix_statements_person_date", "statements", ["person_id", "said_on_start"])
    op.create_index("ix_statements_said_on", "statements", ["said_on_start"])
    op.create_table(
        "contradictions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "statement_a", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "statement_b", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id")),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("scope", sa.String(10), nullable=False, comment="document | ledger"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("statement_a", "statement_b", name="uq_contradictions_pair"),
    )
    op.create_index("ix_contradictions_person", "contradictions", ["person_id"])
    op.create_table(
        "identity_rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, comment="normalised alias the rule applies to"),
        sa.Column("document_id", sa.String(64), comment="only in this document; NULL for every document"),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(10), nullable=False, comment="merge | split"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_identity_rules_key", "identity_rules", ["key"])
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE_FTS if dialect == "sqlite" else _POSTGRES_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("statements_fts_insert", "statements_fts_delete", "statements_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS statements_fts")
    for table in (
        "identity_rules",
        "contradictions",
        "statements",
        "mentions",
        "document_people",
        "aliases",
        "people",
        "removed_lines",
        "documents",
    ):
        op.drop_table(table)
