"""What a user's merge or split changed, written down as it runs so that it can be undone exactly.

A merge deletes the other person's row and a split moves rows by document, so neither can be reversed
from what is left afterwards. ``identity.merge`` and ``identity.split`` make every change through a
``Journal`` instead: rows updated (their keys and the values they had), rows inserted (their keys),
rows deleted (whole), alias counts added. ``Journal.save`` stores that list in the ``corrections`` log
in the same transaction, and ``undo`` replays it backwards: a merged-away person comes back with its id,
statements, mentions and aliases; a split is folded back and the person it made is removed.

Articles ingested after a correction are left where they went, and an undo refuses (``LedgerError``,
one line saying why) rather than guess when the ledger has changed in a way it cannot reverse: a later
correction of the same people that is still in force, a person made by a split that articles have been
given since, a restored person's id taken by someone else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from onrecord.ledger import schema as t
from onrecord.ledger.aliases import add_aliases
from onrecord.ledger.errors import LedgerError
from onrecord.ledger.rows import StoredCorrection

#: Tables whose ``person_id`` points at a person without ``ON DELETE CASCADE``, and the names a listing
#: of what moved gives them.
PERSON_REFERENCES = {
    "statements": "statements",
    "mentions": "mentions",
    "document_people": "documents",
    "reported_reversals": "reported_reversals",
    "contradictions": "contradictions",
}


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _stored(column: sa.Column[Any], value: Any) -> Any:
    """A value from the journal's JSON as the column takes it (dates went in as ISO text)."""
    if value is not None and isinstance(column.type, sa.DateTime):
        return dt.datetime.fromisoformat(value)
    if value is not None and isinstance(column.type, sa.Date):
        return dt.date.fromisoformat(value)
    return value


def _key_clause(table: sa.Table, key: Sequence[Any]) -> sa.ColumnElement[bool]:
    return sa.and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))


def _what(table: sa.Table, key: Sequence[Any]) -> str:
    """A row as an undo refusal names it."""
    if table is t.people:
        return f"person #{key[0]}"
    if table is t.document_people:
        return f"person {key[1]} of document {str(key[0])[:10]}"
    return f"{table.name.rstrip('s').replace('_', ' ')} #{key[0]}"


class Journal:
    """The changes one correction makes on ``conn``, made and recorded by the same calls."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.changes: list[dict[str, Any]] = []

    def update(self, table: sa.Table, where: sa.ColumnElement[bool], values: dict[str, Any]) -> None:
        """``UPDATE table SET values WHERE where``, keeping each row's key and the values it had."""
        pk = list(table.primary_key.columns)
        rows = self.conn.execute(sa.select(*pk, *(table.c[k] for k in values)).where(where)).all()
        if not rows:
            return
        self.conn.execute(table.update().where(where).values(values))
        self.changes.append(
            {
                "op": "update",
                "table": table.name,
                "after": values,
                "rows": [[list(r[: len(pk)]), dict(zip(values, r[len(pk) :], strict=True))] for r in rows],
            }
        )

    def insert(self, table: sa.Table, values: dict[str, Any]) -> int:
        """Insert one row of a table keyed by ``id``; its id."""
        new_id: int = self.conn.execute(table.insert().returning(table.c.id), values).scalar_one()
        self.inserted(table, new_id)
        return new_id

    def inserted(self, table: sa.Table, *key: Any) -> None:
        """Record a row another function inserted (``identity._create``'s new person)."""
        self.changes.append({"op": "insert", "table": table.name, "keys": [list(key)]})

    def delete(self, table: sa.Table, where: sa.ColumnElement[bool]) -> None:
        """``DELETE FROM table WHERE where``, keeping the rows whole."""
        rows = self.conn.execute(sa.select(table).where(where)).mappings().all()
        if not rows:
            return
        self.conn.execute(table.delete().where(where))
        self.changes.append(
            {
                "op": "delete",
                "table": table.name,
                "rows": [{k: _jsonable(v) for k, v in r.items()} for r in rows],
            }
        )

    def add_aliases(self, items: Sequence[tuple[int, str, int, str | None]]) -> None:
        """``aliases.add_aliases``, keeping whether each (person, text) was there already."""
        if not items:
            return
        a = t.aliases.c
        done = []
        for pid, text, count, _key in items:
            existed = self.conn.execute(sa.select(a.id).where(a.person_id == pid, a.text == text)).first()
            done.append([pid, text, count, existed is not None])
        add_aliases(self.conn, items)
        self.changes.append({"op": "alias", "items": done})

    def save(self, action: str, person: int, other: int, names: dict[int, str]) -> int:
        """Write the log row for this correction; its id."""
        return int(
            self.conn.execute(
                t.corrections.insert().returning(t.corrections.c.id),
                {
                    "action": action,
                    "person_id": person,
                    "person_name": names.get(person, f"#{person}"),
                    "other_id": other,
                    "other_name": names.get(other, f"#{other}"),
                    "changes": self.changes,
                    "created_at": t.now(),
                },
            ).scalar_one()
        )


def names(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    """People's names as they are now, for the log (a merge is about to delete one of them)."""
    p = t.people.c
    return {pid: name for pid, name in conn.execute(sa.select(p.id, p.name).where(p.id.in_(list(ids))))}


# ------------------------------------------------------------------------------------------- undoing


def undo(conn: Connection, correction_id: int) -> None:
    """Reverse one logged correction in ``conn``'s transaction, or raise ``LedgerError`` saying why not
    (the caller's transaction then rolls back whatever was already reversed)."""
    c = t.corrections.c
    row = conn.execute(sa.select(t.corrections).where(c.id == correction_id)).first()
    if row is None:
        raise LedgerError(f"no correction #{correction_id} in the ledger (see `onrecord people merges`)")
    if row.undone_at is not None:
        raise LedgerError(f"correction #{correction_id} was undone already ({str(row.undone_at)[:19]})")
    people = [row.person_id, row.other_id]
    later = conn.execute(
        sa.select(c.id, c.action)
        .where(
            c.id > correction_id,
            c.undone_at.is_(None),
            sa.or_(c.person_id.in_(people), c.other_id.in_(people)),
        )
        .order_by(c.id.desc())
        .limit(1)
    ).first()
    if later is not None:
        raise LedgerError(
            f"cannot undo correction #{correction_id}: the later {later.action} #{later.id} changed the same "
            f"people; undo #{later.id} first"
        )
    try:
        for change in reversed(row.changes):
            _REVERSE[change["op"]](conn, change)
    except LedgerError as err:
        raise LedgerError(f"cannot undo correction #{correction_id}: {err}") from None
    except sa.exc.IntegrityError as err:
        reason = str(err.orig).splitlines()[0] if err.orig else str(err)
        raise LedgerError(
            f"cannot undo correction #{correction_id}: the ledger has changed since ({reason})"
        ) from None
    conn.execute(t.corrections.update().where(c.id == correction_id).values(undone_at=t.now()))


def _undo_update(conn: Connection, change: dict[str, Any]) -> None:
    table = t.metadata.tables[change["table"]]
    after = change["after"]
    for key, before in change["rows"]:
        now = conn.execute(sa.select(*(table.c[k] for k in after)).where(_key_clause(table, key))).first()
        if now is None:
            continue  # gone with its document since: nothing to move back
        if dict(zip(after, now, strict=True)) != after:
            raise LedgerError(f"{_what(table, key)} has changed since")
        conn.execute(table.update().where(_key_clause(table, key)).values(before))


def _undo_insert(conn: Connection, change: dict[str, Any]) -> None:
    table = t.metadata.tables[change["table"]]
    for key in change["keys"]:
        if table is t.people:
            _refuse_if_used(conn, key[0])
        conn.execute(table.delete().where(_key_clause(table, key)))


def _refuse_if_used(conn: Connection, person_id: int) -> None:
    """A person a split made goes with the undo, unless articles read since were given to them."""
    for name in PERSON_REFERENCES:
        table = t.metadata.tables[name]
        if conn.execute(sa.select(table.c.person_id).where(table.c.person_id == person_id).limit(1)).first():
            who = names(conn, [person_id]).get(person_id, "")
            raise LedgerError(
                f"person #{person_id} {who} has {PERSON_REFERENCES[name]} from articles read since it was "
                "made; merge them instead"
            )


def _undo_delete(conn: Connection, change: dict[str, Any]) -> None:
    table = t.metadata.tables[change["table"]]
    for stored in change["rows"]:
        values = {k: _stored(table.c[k], v) for k, v in stored.items()}
        key = [values[c.name] for c in table.primary_key.columns]
        if conn.execute(sa.select(*table.primary_key.columns).where(_key_clause(table, key))).first():
            if table is t.people:
                who = names(conn, key).get(key[0], "")
                raise LedgerError(f"person #{key[0]}'s id has since been given to {who}")
            values.pop("id")  # a rule or alias row: its id is no one's reference
        conn.execute(table.insert(), values)


def _undo_alias(conn: Connection, change: dict[str, Any]) -> None:
    a = t.aliases.c
    for pid, text, count, existed in reversed(change["items"]):
        now = conn.execute(sa.select(a.id, a.count).where(a.person_id == pid, a.text == text)).first()
        if now is None:
            continue
        left = max(now.count - count, 0)
        if existed or left:
            conn.execute(t.aliases.update().where(a.id == now.id).values(count=left))
        else:
            conn.execute(t.aliases.delete().where(a.id == now.id))


_REVERSE = {"update": _undo_update, "insert": _undo_insert, "delete": _undo_delete, "alias": _undo_alias}


# ------------------------------------------------------------------------------------------- listing


def moved(changes: Sequence[dict[str, Any]]) -> dict[str, int]:
    """How many rows of each kind a correction moved to another person, and the rules it wrote."""
    out = dict.fromkeys([*PERSON_REFERENCES.values(), "aliases", "rules"], 0)
    for change in changes:
        name = change.get("table")
        if change["op"] == "update" and name in PERSON_REFERENCES and "person_id" in change["after"]:
            out[PERSON_REFERENCES[name]] += len(change["rows"])
        elif change["op"] == "delete" and name == "aliases":
            out["aliases"] += len(change["rows"])
        elif change["op"] == "insert" and name == "identity_rules":
            out["rules"] += len(change["keys"])
    return out


def to_correction(row: Any) -> StoredCorrection:
    """A ``corrections`` row as ``Ledger.corrections`` gives it."""
    return StoredCorrection(
        id=row.id,
        action=row.action,
        person_id=row.person_id,
        person_name=row.person_name,
        other_id=row.other_id,
        other_name=row.other_name,
        moved=moved(row.changes),
        created_at=str(row.created_at)[:19],
        undone_at=str(row.undone_at)[:19] if row.undone_at is not None else None,
    )
