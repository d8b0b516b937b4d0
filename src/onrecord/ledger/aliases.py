"""The alias table: every way a person was written, with counts; shared by the ``Ledger``, people
identity and the corrections journal, which all add to it."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from onrecord import people as names
from onrecord.ledger import schema as t


def add_aliases(conn: Connection, items: Iterable[tuple[int, str, int, str | None]]) -> None:
    """Add ``(person_id, text as written, count, key)`` to the alias table, summing counts already there.

    A key of None is the personal-name key of the text (``people.name_key``).
    """
    # In one order (person, text): two writers upserting the same rows then never wait for each other.
    rows = sorted(
        (
            {"person_id": pid, "text": text, "key": key or names.name_key(text), "count": n}
            for pid, text, n, key in items
        ),
        key=lambda r: (r["person_id"], r["text"]),
    )
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    stmt = insert(t.aliases)
    stmt = stmt.on_conflict_do_update(
        index_elements=["person_id", "text"], set_={"count": t.aliases.c.count + stmt.excluded.count}
    )
    conn.execute(stmt, rows)
