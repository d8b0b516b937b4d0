"""Writing one analysed document into the ledger: its rows, or a note that it is a copy of one stored.

Everything here runs on the caller's connection, inside the one transaction ``Ledger.add`` opens, so a
document is stored whole or not at all. Kept apart from ``store`` so that the write path (what a record
becomes in the tables, and the locks it takes) reads in one place, apart from the queries.
"""

from __future__ import annotations

import re
from collections import Counter

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from onrecord import people as names
from onrecord.ledger import schema as t
from onrecord.ledger.aliases import add_aliases
from onrecord.ledger.columns import as_date, ledger_values, reversal_rows
from onrecord.ledger.engine import lock_for_writing
from onrecord.ledger.fingerprints import fingerprint, needed, same_story
from onrecord.ledger.identity import lock_keys, resolve_people
from onrecord.model import REPORTED, Record

_POSSESSIVE = re.compile(r"['’‘]s$")


def write_record(conn: Connection, record: Record) -> int | None:
    """Store one analysed document on ``conn``; the number of statements, or None if known.

    Known means the same bytes (the id) or the same story: a copy whose longest sentences are mostly a
    stored document's (``fingerprints.py``) is recorded in ``document_copies`` against it and adds no
    statements, so the same article read as text and as HTML is counted once. It first takes the write
    locks of its id, fingerprints and people (``lock_for_writing``), so writers storing at once store
    what one after the other would.
    """
    hashes = fingerprint(record.document.text)
    keys = [f"document:{record.document.id}", *(f"print:{h}" for h in hashes), *lock_keys(record)]
    lock_for_writing(conn, keys)
    exists = conn.execute(sa.select(t.documents.c.id).where(t.documents.c.id == record.document.id)).first()
    if exists:
        return None
    original = _copy_of(conn, hashes, record.document.title)
    if original is not None:
        conn.execute(
            t.document_copies.insert(),
            {
                "id": record.document.id,
                "document_id": original,
                "source": record.document.source,
                "seen_at": t.now(),
            },
        )
        return None
    stored = _insert(conn, record)
    if hashes:
        conn.execute(
            t.document_fingerprints.insert(),
            [{"document_id": record.document.id, "hash": h} for h in dict.fromkeys(hashes)],
        )
    return stored


def _written(text: str) -> str:
    """A name as written, for the alias list: one space between words, no possessive ("Trump’s")."""
    return _POSSESSIVE.sub("", " ".join(text.split())) or text


def _copy_of(conn: Connection, hashes: list[str], title: str | None) -> str | None:
    """The stored document these fingerprint hashes mostly belong to, or None.

    Its title must tell the same story too: two stories of one site can share long boilerplate
    sentences (a standard closing paragraph), never their headline.
    """
    need = needed(hashes)
    if need is None:
        return None
    shared = sa.func.count().label("shared")
    row = conn.execute(
        sa.select(t.document_fingerprints.c.document_id, shared)
        .where(t.document_fingerprints.c.hash.in_(list(dict.fromkeys(hashes))))
        .group_by(t.document_fingerprints.c.document_id)
        .order_by(shared.desc(), t.document_fingerprints.c.document_id)
        .limit(1)
    ).first()
    if row is None or row[1] < need:
        return None
    stored = conn.execute(sa.select(t.documents.c.title).where(t.documents.c.id == row[0])).scalar()
    return str(row[0]) if same_story(title, stored) else None


def _insert(conn: Connection, record: Record) -> int:
    """The document's rows: the document, its removed lines, people, statements, reported reversals and
    in-article pairs; the number of statements."""
    doc = record.document
    conn.execute(
        t.documents.insert(),
        {
            "id": doc.id,
            "source": doc.source,
            "title": doc.title,
            "publisher": doc.publisher,
            "published": as_date(doc.published),
            "authors": list(doc.authors),
            "text": doc.text,
            "title_start": doc.title_span[0] if doc.title_span else None,
            "title_end": doc.title_span[1] if doc.title_span else None,
            "ingested_at": t.now(),
            "url": doc.url,
        },
    )
    if doc.removed:
        conn.execute(
            t.removed_lines.insert(),
            [
                {"document_id": doc.id, "position": i, "text": r.text, "kind": r.kind}
                for i, r in enumerate(doc.removed)
            ],
        )
    person_map = resolve_people(conn, record)
    _insert_people(conn, record, person_map)
    rows = []
    for s in record.statements:
        values = ledger_values(s)
        local = values["speaker_local"]
        rows.append({"document_id": doc.id, **values, "person_id": person_map.get(local) if local else None})
    if rows:
        conn.execute(t.statements.insert(), rows)
    reversals = [c for c in record.contradictions if c.kind == REPORTED]
    if reversals:
        found = [{**r, "created_at": t.now()} for r in reversal_rows(doc.id, reversals, person_map)]
        if found:
            conn.execute(t.reported_reversals.insert(), found)
    if any(c.kind != REPORTED for c in record.contradictions):
        ids = dict(
            conn.execute(
                sa.select(t.statements.c.local_id, t.statements.c.id).where(
                    t.statements.c.document_id == doc.id
                )
            ).all()
        )
        pairs = []
        seen: set[tuple[int, int]] = set()
        for c in record.contradictions:
            if c.kind == REPORTED:
                continue
            a, b = ids.get(c.a), ids.get(c.b)
            if a is None or b is None or (a, b) in seen:
                continue
            seen.add((a, b))
            pairs.append(
                {
                    "statement_a": a,
                    "statement_b": b,
                    "person_id": person_map.get(c.speaker),
                    "score": float(c.score),
                    "kind": c.kind,
                    "explanation": c.explanation,
                    "scope": "document",
                    "created_at": t.now(),
                }
            )
        if pairs:
            conn.execute(t.contradictions.insert(), pairs)
    return len(rows)


def _insert_people(conn: Connection, record: Record, person_map: dict[str, int]) -> None:
    doc_id = record.document.id
    dp_rows, mention_rows = [], []
    alias_counts: Counter[tuple[int, str, bool]] = Counter()
    for person in record.people:
        pid = person_map.get(person.id)
        if pid is None:
            continue
        dp_rows.append({"document_id": doc_id, "local_id": person.id, "person_id": pid, "name": person.name})
        org = person.kind == "organization"
        alias_counts[(pid, _written(person.name), org)] += 0
        for m in person.mentions:
            mention_rows.append(
                {
                    "document_id": doc_id,
                    "local_person": person.id,
                    "person_id": pid,
                    "text": m.text,
                    "start": m.span[0],
                    "end": m.span[1],
                }
            )
            written = _written(m.text)
            if names.is_alias(written, person.name, organization=org):
                alias_counts[(pid, written, org)] += 1
    if dp_rows:
        conn.execute(t.document_people.insert(), dp_rows)
    if mention_rows:
        conn.execute(t.mentions.insert(), mention_rows)
    if alias_counts:
        add_aliases(
            conn,
            [
                (pid, text, n, names.org_key(text) if org else None)
                for (pid, text, org), n in alias_counts.items()
            ],
        )
