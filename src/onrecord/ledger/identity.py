"""Applying ``onrecord.people``'s rules to the stored people: resolution at ingest, merge and split.

``resolve_people`` maps one article's people (``p1``, ``p2``...) to ledger person ids, inside the
article's own transaction, in the order the rules in ``onrecord.people`` give. ``merge`` and ``split``
are a user's corrections: they move the stored rows and leave ``identity_rules`` behind, keyed by
normalised alias, which ``resolve_people`` consults before anything else, so a correction also holds
for every article ingested later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from onrecord import people as names
from onrecord.ledger import schema as t
from onrecord.ledger.aliases import add_aliases
from onrecord.ledger.errors import LedgerError
from onrecord.ledger.journal import Journal
from onrecord.model import Person, Record


def _key(person: Person) -> str:
    if person.kind == "organization":
        return names.org_key(person.name) or person.name.lower()
    return names.name_key(person.name) or person.name.lower()


def lock_keys(record: Record) -> set[str]:
    """What resolving this article's people reads and may write, as keys for
    ``engine.lock_for_writing``: a person's surname, since every rule below finds candidates by it (a
    full name's alias key holds it, a surname alone is it, a surname-only person is given the full
    name), and an organisation's key. Two articles whose people share none cannot make or change the
    same row.
    """
    keys = set()
    for person in record.people:
        parts = names.parse_name(person.name) if person.kind != "organization" else None
        if parts is not None:
            keys.add(f"surname:{parts.last}")
        else:
            keys.add(f"{person.kind}:{_key(person)}")
    return keys


def resolve_people(conn: Connection, record: Record) -> dict[str, int]:
    """Ledger person id for each person of one analysed article (local id -> ledger id).

    Organisations, full names and surnames with at most one candidate go first, so that their ledger
    ids are known as context when the ambiguous surnames of the same article are decided.
    """

    def order(p: Person) -> int:
        parts = names.parse_name(p.name)
        return 0 if p.kind == "organization" or (parts is not None and parts.full) else 1

    out: dict[str, int] = {}
    deferred: list[Person] = []
    for person in sorted(record.people, key=order):
        pid = _resolve_one(conn, person, record, out, defer=True)
        if pid is None:
            deferred.append(person)
        else:
            out[person.id] = pid
    for person in deferred:
        pid = _resolve_one(conn, person, record, out, defer=False)
        assert pid is not None
        out[person.id] = pid
    return out


def _rule(conn: Connection, key: str, document_id: str) -> int | None:
    """A user's correction for this alias: one made for this document first, else a general one."""
    r = t.identity_rules.c
    row = conn.execute(
        sa.select(r.person_id)
        .where(r.key == key, sa.or_(r.document_id == document_id, r.document_id.is_(None)))
        .order_by(r.document_id.is_(None), r.id.desc())
        .limit(1)
    ).first()
    return row[0] if row else None


def _insert(conn: Connection) -> Any:
    """An INSERT into ``people`` of this connection's dialect, which can say ON CONFLICT DO NOTHING."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    return insert(t.people)


def _create(conn: Connection, name: str, kind: str, key: str, *, corrected: bool = False) -> int:
    """The id of the person with this name's identity: a new row, or the row a concurrent writer made.

    ``uq_people_identity`` allows one uncorrected person per (kind, last, first, middle, suffix), so
    the insert is an insert-or-get: when another transaction stored the same identity after this one
    looked and found nobody, PostgreSQL waits for it to commit, skips the insert, and the row it
    committed is read back instead of a second "Jane Doe" being made. ``corrected`` people (a user's
    split) are outside the index and always new.
    """
    parts = names.parse_name(name) if kind == "person" else None
    values = {
        "name": name,
        "kind": kind,
        "first": parts.first if parts else None,
        "middle": " ".join(parts.middle) if parts and parts.middle else None,
        "last": parts.last if parts else key,
        "suffix": parts.suffix if parts else None,
        "corrected": corrected,
        "created_at": t.now(),
    }
    p = t.people.c
    if corrected:
        pid = conn.execute(t.people.insert().returning(p.id), values).scalar_one()
    else:
        pid = conn.execute(
            _insert(conn).values(values).on_conflict_do_nothing().returning(p.id)
        ).scalar_one_or_none()
        if pid is None:
            pid = conn.execute(
                sa.select(p.id).where(
                    p.kind == kind,
                    p.last == values["last"],
                    sa.func.coalesce(p.first, "") == (values["first"] or ""),
                    sa.func.coalesce(p.middle, "") == (values["middle"] or ""),
                    sa.func.coalesce(p.suffix, "") == (values["suffix"] or ""),
                    sa.not_(p.corrected),
                )
            ).scalar_one()
    # The name goes in as an alias at once, so a second mention of it in the same article finds it.
    add_aliases(conn, [(pid, name, 0, key)])
    return pid


def _documents(conn: Connection, ids: Sequence[int]) -> dict[int, int]:
    dp = t.document_people.c
    rows = conn.execute(
        sa.select(dp.person_id, sa.func.count(sa.distinct(dp.document_id)))
        .where(dp.person_id.in_(ids))
        .group_by(dp.person_id)
    ).all()
    return {pid: n for pid, n in rows}


def _resolve_one(
    conn: Connection, person: Person, record: Record, done: dict[str, int], defer: bool = False
) -> int | None:
    """The ledger id for one person, or None when ``defer`` and only context can decide."""
    doc = record.document
    key = _key(person)
    ruled = _rule(conn, key, doc.id)
    if ruled is not None:
        return ruled
    p, a = t.people.c, t.aliases.c
    if person.kind == "organization":
        row = conn.execute(
            sa.select(a.person_id)
            .join(t.people, p.id == a.person_id)
            .where(a.key == key, p.kind == "organization")
            .order_by(a.count.desc(), a.person_id)
            .limit(1)
        ).first()
        return row[0] if row else _create(conn, person.name, "organization", key)
    parts = names.parse_name(person.name)
    if parts is None:
        return _create(conn, person.name, "person", key)
    if parts.full:
        return _resolve_full(conn, person, parts, key)
    return _resolve_surname(conn, person, parts, record, done, defer)


def _resolve_full(conn: Connection, person: Person, parts: names.NameParts, key: str) -> int:
    p, a = t.people.c, t.aliases.c
    rows = conn.execute(
        sa.select(p.id, p.middle, p.suffix)
        .where(p.kind == "person", p.id.in_(sa.select(a.person_id).where(a.key == key)))
        .order_by(p.id)
    ).all()
    compatible = [r for r in rows if names.middles_compatible(tuple((r.middle or "").split()), parts.middle)]
    if compatible:
        if len(compatible) == 1:
            return compatible[0].id
        exact = [r for r in compatible if tuple((r.middle or "").split()) == parts.middle]
        pool = exact or compatible
        docs = _documents(conn, [r.id for r in pool])
        return max(pool, key=lambda r: (docs.get(r.id, 0), -r.id)).id
    # A surname-only person from earlier articles becomes this full name, unless a user corrected them
    # or someone else of that surname already has a full name (then "Trump" alone was not decidable).
    same_last = conn.execute(
        sa.select(p.id, p.first, p.corrected).where(
            p.kind == "person", p.last == parts.last, sa.func.coalesce(p.suffix, "") == (parts.suffix or "")
        )
    ).all()
    bare = [r for r in same_last if r.first is None and not r.corrected]
    if len(bare) == 1 and not any(r.first is not None for r in same_last):
        pid = bare[0].id
        conn.execute(
            t.people.update()
            .where(p.id == pid)
            .values(
                name=person.name,
                first=parts.first,
                middle=" ".join(parts.middle) or None,
            )
        )
        add_aliases(conn, [(pid, person.name, 0, key)])
        return pid
    return _create(conn, person.name, "person", key)


def _resolve_surname(
    conn: Connection,
    person: Person,
    parts: names.NameParts,
    record: Record,
    done: dict[str, int],
    defer: bool = False,
) -> int | None:
    p, a = t.people.c, t.aliases.c
    rows = conn.execute(
        sa.select(p.id, p.name, p.first).where(
            p.kind == "person",
            sa.or_(p.last == parts.last, p.id.in_(sa.select(a.person_id).where(a.key == parts.key))),
        )
    ).all()
    if not rows:
        return _create(conn, person.name, "person", parts.key)
    if len(rows) == 1:
        return rows[0].id
    if defer:
        return None
    ids = [r.id for r in rows]
    docs = _documents(conn, ids)
    written: dict[int, set[str]] = {}
    for pid, text in conn.execute(sa.select(a.person_id, a.text).where(a.person_id.in_(ids))):
        written.setdefault(pid, set()).add(text.lower())
    others = sorted(set(done.values()) - set(ids))
    comentions: dict[int, int] = {}
    if others:
        dp1, dp2 = t.document_people.alias("dp1"), t.document_people.alias("dp2")
        comentions = dict(
            conn.execute(
                sa.select(dp1.c.person_id, sa.func.count(sa.distinct(dp1.c.document_id)))
                .join(dp2, dp1.c.document_id == dp2.c.document_id)
                .where(dp1.c.person_id.in_(ids), dp2.c.person_id.in_(others))
                .group_by(dp1.c.person_id)
            ).all()
        )
    candidates = [
        names.Candidate(
            id=r.id,
            name=r.name,
            documents=docs.get(r.id, 0),
            aliases_written=frozenset(written.get(r.id, ())),
            comentions=comentions.get(r.id, 0),
        )
        for r in rows
    ]
    mentions_written = [m.text for m in person.mentions if names.is_alias(m.text, person.name)]
    ranked = names.context_scores(candidates, record.document.text, mentions_written)
    return ranked[0][2].id


# ------------------------------------------------------------------------------------ corrections


def _replace_rule(journal: Journal, key: str, document_id: str | None, person_id: int, action: str) -> None:
    r = t.identity_rules.c
    doc_clause = r.document_id.is_(None) if document_id is None else r.document_id == document_id
    journal.delete(t.identity_rules, sa.and_(r.key == key, doc_clause))
    journal.insert(
        t.identity_rules,
        {
            "key": key,
            "document_id": document_id,
            "person_id": person_id,
            "action": action,
            "created_at": t.now(),
        },
    )


def _move_aliases(journal: Journal, source: int, target: int, keys: set[str] | None = None) -> None:
    a = t.aliases.c
    query = sa.select(a.id, a.text, a.key, a.count).where(a.person_id == source)
    rows = [r for r in journal.conn.execute(query) if keys is None or r.key in keys]
    if rows:
        journal.add_aliases([(target, r.text, r.count, r.key) for r in rows])
        journal.delete(t.aliases, a.id.in_([r.id for r in rows]))


def merge(conn: Connection, keep: int, other: int, journal: Journal | None = None) -> None:
    """Fold ``other`` into ``keep``: rows, aliases and rules move; ``other``'s names become rules.

    A rule is written for each of ``other``'s alias keys that no third person uses, so "William
    Clinton" merged into "Bill Clinton" stays merged, while a shared surname ("Clinton") is left to
    the context rules. ``keep`` takes ``other``'s full name if it only had a surname. Every change goes
    through ``journal`` (a throw-away one by default), which is what lets the merge be undone.
    """
    journal = journal or Journal(conn)
    p = t.people.c
    a = t.aliases.c
    people = {r.id: r for r in conn.execute(sa.select(t.people).where(p.id.in_([keep, other])))}
    keys = set(conn.execute(sa.select(a.key).where(a.person_id == other)).scalars())
    for table in (
        t.statements,
        t.mentions,
        t.document_people,
        t.contradictions,
        t.reported_reversals,
        t.identity_rules,
    ):
        journal.update(table, table.c.person_id == other, {"person_id": keep})
    _move_aliases(journal, other, keep)
    for key in sorted(keys):
        shared = conn.execute(
            sa.select(sa.func.count()).where(a.key == key, a.person_id.not_in([keep, other]))
        ).scalar_one()
        if not shared:
            _replace_rule(journal, key, None, keep, "merge")
    values: dict[str, Any] = {"corrected": True}
    if people[keep].first is None and people[other].first is not None:
        values.update(
            name=people[other].name,
            first=people[other].first,
            middle=people[other].middle,
            last=people[other].last,
            suffix=people[other].suffix,
        )
    journal.update(t.people, p.id == keep, values)
    journal.delete(t.people, p.id == other)


def split(
    conn: Connection,
    person: int,
    aliases: Sequence[str],
    documents: Sequence[str],
    into: str | None,
    target: int | None,
    journal: Journal | None = None,
) -> int:
    """Move the articles where ``person`` goes by one of ``aliases`` (or one of ``documents``, ids or
    id prefixes) to ``target`` or a new person; rules keep later ingests apart. Returns the new id.
    Every change goes through ``journal``, as in ``merge``.
    """
    journal = journal or Journal(conn)
    keys = {names.name_key(x) for x in aliases}
    dp = t.document_people.c
    rows = conn.execute(sa.select(dp.document_id, dp.local_id, dp.name).where(dp.person_id == person)).all()

    def chosen(doc_id: str, name: str) -> bool:
        return names.name_key(name) in keys or any(doc_id.startswith(d) for d in documents if d)

    moved = [r for r in rows if chosen(r.document_id, r.name)]
    alias_hit = conn.execute(
        sa.select(sa.func.count()).where(t.aliases.c.person_id == person, t.aliases.c.key.in_(keys))
    ).scalar_one()
    if not moved and not alias_hit:
        raise LedgerError("nothing to split: no document calls that person by those names or ids")
    if target is None:
        name = into or (aliases[0] if aliases else moved[0].name)
        # Made corrected from the start: a split may well give it the same name as ``person``.
        target = _create(conn, name, "person", names.name_key(name), corrected=True)
        journal.inserted(t.people, target)
    s, m, rr = t.statements.c, t.mentions.c, t.reported_reversals.c
    for r in moved:
        to_target = {"person_id": target}
        journal.update(
            t.document_people, sa.and_(dp.document_id == r.document_id, dp.local_id == r.local_id), to_target
        )
        journal.update(
            t.mentions, sa.and_(m.document_id == r.document_id, m.local_person == r.local_id), to_target
        )
        stmt_ids = sa.select(s.id).where(s.document_id == r.document_id, s.speaker_local == r.local_id)
        journal.update(t.contradictions, t.contradictions.c.statement_a.in_(stmt_ids), to_target)
        journal.update(
            t.reported_reversals,
            sa.and_(rr.document_id == r.document_id, rr.holder_local == r.local_id),
            to_target,
        )
        journal.update(
            t.statements, sa.and_(s.document_id == r.document_id, s.speaker_local == r.local_id), to_target
        )
        if names.name_key(r.name) not in keys:
            _replace_rule(journal, names.name_key(r.name), r.document_id, target, "split")
    _move_aliases(journal, person, target, keys)
    for key in sorted(keys):
        _replace_rule(journal, key, None, target, "split")
    journal.update(t.people, t.people.c.id.in_([person, target]), {"corrected": True})
    return target
