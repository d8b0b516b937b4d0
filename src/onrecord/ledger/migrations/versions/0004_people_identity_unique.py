"""At most one person per identity: a unique index on what the ingest matches people by.

Two writers on PostgreSQL that both found no "Jane Doe" each created one (issue 14), and nothing in the
database stopped them. The index covers the people ingest makes: the same kind, normalised surname (an
organisation's whole key), first name, middle names and suffix. People a user merged or split
(``corrected``) are left out, because two people of one name is exactly what a split can mean.

A ledger written before this revision may already hold such duplicates. They are folded into the
oldest of each group first (its statements, mentions, document links, contradictions, correction
rules and alias counts move; nothing is deleted but the empty duplicate rows), because every row of a
group is one person the ingest would have found had it run alone. No correction rule is written and
nothing is marked ``corrected``: this repairs a race, it is not a user's decision.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PEOPLE = sa.table(
    "people",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("first", sa.Text),
    sa.column("middle", sa.Text),
    sa.column("last", sa.Text),
    sa.column("suffix", sa.Text),
    sa.column("corrected", sa.Boolean),
)
_ALIASES = sa.table(
    "aliases",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("text", sa.Text),
    sa.column("count", sa.Integer),
)
#: Tables whose ``person_id`` points at a person (aliases are handled apart: they are unique per text).
_REFERENCES = ("statements", "mentions", "document_people", "contradictions", "identity_rules")


def _fold(conn: Connection, keep: int, other: int) -> None:
    """Move everything of ``other`` to ``keep`` and delete ``other``'s row."""
    for name in _REFERENCES:
        table = sa.table(name, sa.column("person_id", sa.Integer))
        conn.execute(table.update().where(table.c.person_id == other).values(person_id=keep))
    a = _ALIASES.c
    kept = dict(conn.execute(sa.select(a.text, a.id).where(a.person_id == keep)).all())
    for alias_id, text, count in conn.execute(
        sa.select(a.id, a.text, a.count).where(a.person_id == other)
    ).all():
        if text in kept:
            conn.execute(_ALIASES.update().where(a.id == kept[text]).values(count=a.count + count))
            conn.execute(_ALIASES.delete().where(a.id == alias_id))
        else:
            conn.execute(_ALIASES.update().where(a.id == alias_id).values(person_id=keep))
    conn.execute(_PEOPLE.delete().where(_PEOPLE.c.id == other))


def merge_duplicates(conn: Connection) -> int:
    """Fold every group of uncorrected people with one identity into its oldest row; rows removed."""
    p = _PEOPLE.c
    groups: defaultdict[tuple[str, str, str, str, str], list[int]] = defaultdict(list)
    rows = conn.execute(
        sa.select(p.id, p.kind, p.last, p.first, p.middle, p.suffix)
        .where(p.corrected == sa.false())
        .order_by(p.id)
    )
    for pid, kind, last, first, middle, suffix in rows:
        groups[(kind, last, first or "", middle or "", suffix or "")].append(pid)
    removed = 0
    for ids in groups.values():
        for other in ids[1:]:
            _fold(conn, ids[0], other)
            removed += 1
    return removed


def upgrade() -> None:
    merge_duplicates(op.get_bind())
    op.create_index(
        "uq_people_identity",
        "people",
        [
            sa.text("kind"),
            sa.text("last"),
            sa.text("coalesce(first, '')"),
            sa.text("coalesce(middle, '')"),
            sa.text("coalesce(suffix, '')"),
        ],
        unique=True,
        sqlite_where=sa.text("corrected = 0"),
        postgresql_where=sa.text("NOT corrected"),
    )


def downgrade() -> None:
    op.drop_index("uq_people_identity", table_name="people")
