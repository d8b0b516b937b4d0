"""The ledger's tables, plain enough to read with ``sqlite3`` or ``psql`` and no onrecord at hand.

One row per thing a reader would name: a document, a person, an alias, a mention, a statement, a
contradiction, a reversal the article reports. Spans are character offsets into ``documents.text``
(half-open, as in the JSON output); dates are ISO dates (``YYYY-MM-DD``; SQLite stores them as that
text). Per-document ids from the pipeline (``s1``, ``p2``) are kept in ``local_id`` / ``speaker_local``
columns so that a stored row can be matched to ``onrecord read`` output for the same document.

This module is the source of truth for the Python side; the Alembic migrations under
``onrecord/ledger/migrations`` create the same tables (a test checks they agree), plus the full-text
index that SQLAlchemy cannot describe: an FTS5 table ``statements_fts`` on SQLite, a generated
``statements.search`` tsvector with a GIN index on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from onrecord.model import STATEMENT_KINDS

metadata = sa.MetaData()


def now() -> dt.datetime:
    """The time a row is stamped with (``created_at``, ``ingested_at``, ``seen_at``, ``undone_at``): UTC
    with no zone and whole seconds, so SQLite's text and PostgreSQL's ``timestamp`` read back the same."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment="sha256 hex of the input bytes"),
    sa.Column("source", sa.Text, nullable=False, comment="path or URL as given"),
    sa.Column("title", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("authors", sa.JSON, nullable=False),
    sa.Column("text", sa.Text, nullable=False, comment="the text every span indexes into"),
    sa.Column("title_start", sa.Integer),
    sa.Column("title_end", sa.Integer),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Column("url", sa.Text, comment="the article on the web (http/https), when known"),
)

document_fingerprints = sa.Table(
    "document_fingerprints",
    metadata,
    sa.Column(
        "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("hash", sa.String(16), primary_key=True, comment="one of the longest sentences, hashed"),
    sa.Index("ix_document_fingerprints_hash", "hash"),
)

document_copies = sa.Table(
    "document_copies",
    metadata,
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
    sa.Index("ix_document_copies_document", "document_id"),
)

removed_lines = sa.Table(
    "removed_lines",
    metadata,
    sa.Column(
        "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
)

people = sa.Table(
    "people",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False, comment="person | organization"),
    sa.Column("first", sa.Text, comment="normalised first name, NULL when only a surname is known"),
    sa.Column("middle", sa.Text, comment="normalised middle names, space-separated"),
    sa.Column("last", sa.Text, nullable=False, comment="normalised surname (whole key for organisations)"),
    sa.Column("suffix", sa.Text),
    sa.Column("corrected", sa.Boolean, nullable=False, comment="a user merged or split this person"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_people_last", "last"),
    sa.Index("ix_people_name", "name"),
)

#: One row per identity among the people ingest makes: the same kind, surname (an organisation's whole
#: key), first, middle names and suffix. Without it two writers that both find no "Jane Doe" each
#: create one (PostgreSQL, issue 14). People a user merged or split (``corrected``) are left out: two
#: people of one name is what a split means.
sa.Index(
    "uq_people_identity",
    people.c.kind,
    people.c.last,
    sa.func.coalesce(people.c.first, ""),
    sa.func.coalesce(people.c.middle, ""),
    sa.func.coalesce(people.c.suffix, ""),
    unique=True,
    sqlite_where=sa.not_(people.c.corrected),
    postgresql_where=sa.not_(people.c.corrected),
)

aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("text", sa.Text, nullable=False, comment="as written, e.g. 'Mr. Trump'"),
    sa.Column("key", sa.Text, nullable=False, comment="normalised, e.g. 'trump'"),
    sa.Column("count", sa.Integer, nullable=False, comment="mentions written this way"),
    sa.UniqueConstraint("person_id", "text", name="uq_aliases_person_text"),
    sa.Index("ix_aliases_key", "key"),
)

document_people = sa.Table(
    "document_people",
    metadata,
    sa.Column(
        "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("local_id", sa.String(20), primary_key=True, comment="the pipeline's id, e.g. 'p2'"),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
    sa.Column("name", sa.Text, nullable=False, comment="the name this document gives"),
    sa.Index("ix_document_people_person", "person_id", "document_id"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("local_person", sa.String(20), nullable=False),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Index("ix_mentions_document", "document_id"),
    sa.Index("ix_mentions_person", "person_id"),
)

statements = sa.Table(
    "statements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("local_id", sa.String(20), nullable=False, comment="the pipeline's id, e.g. 's1'"),
    sa.Column("kind", sa.String(20), nullable=False, comment=" | ".join(STATEMENT_KINDS)),
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
    sa.Column("unresolved", sa.Boolean, comment="no person can be told from the text ('he' alone)"),
    sa.Column("said_on_start", sa.Date),
    sa.Column("said_on_end", sa.Date),
    sa.Column("said_on_precision", sa.String(10)),
    sa.Column("said_on_basis", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("repeated_at", sa.JSON, nullable=False),
    sa.UniqueConstraint("document_id", "local_id", name="uq_statements_document_local"),
    sa.Index("ix_statements_person_date", "person_id", "said_on_start"),
    sa.Index("ix_statements_said_on", "said_on_start"),
)

contradictions = sa.Table(
    "contradictions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("statement_a", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), nullable=False),
    sa.Column("statement_b", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), nullable=False),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id")),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.Column("scope", sa.String(10), nullable=False, comment="document | ledger"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("statement_a", "statement_b", name="uq_contradictions_pair"),
    sa.Index("ix_contradictions_person", "person_id"),
)

#: Reversals the article itself reports ("later walked back", "despite saying in May ..."): no
#: statement pair, so a table of their own rather than nullable columns in ``contradictions``. The
#: evidence sentence, the cue and the holder are spans into ``documents.text``; the earlier and later
#: positions are too when the sentence gives them, with their dates as the normaliser wrote them
#: ("2016-05", "2015-W12"), kept as text because their precision varies. Rows go with their document.
reported_reversals = sa.Table(
    "reported_reversals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
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
    sa.Index("ix_reported_reversals_person", "person_id"),
)

identity_rules = sa.Table(
    "identity_rules",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, comment="normalised alias the rule applies to"),
    sa.Column("document_id", sa.String(64), comment="only in this document; NULL for every document"),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("action", sa.String(10), nullable=False, comment="merge | split"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_identity_rules_key", "key"),
)

#: Every merge and split a user made, so it can be listed and undone (``Ledger.undo_correction``). The
#: people are kept by id and name without foreign keys: a merge deletes one of them, and the log must
#: still say who it was. ``changes`` is the journal ``ledger.journal`` wrote while the correction ran
#: (rows moved by key with their values before, rows inserted, rows deleted whole, alias counts added),
#: which an undo replays backwards; ``undone_at`` is set when it has been.
corrections = sa.Table(
    "corrections",
    metadata,
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
