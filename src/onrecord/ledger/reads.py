"""Reading the ledger: the select statements the ``Ledger``'s queries start from, and the mapping of
their rows to the typed rows of ``rows``.

Kept apart from ``store`` so that the SQL a query runs can be read in one place, without the methods
that page, filter and open connections around it. The selects with joins are built once (``@cache``):
a construct never changes (each ``.where()`` makes a copy), and building the joins again cost about a
tenth of a web request.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from onrecord.ledger import schema as t
from onrecord.ledger import search_query
from onrecord.ledger.rows import DocumentRef, ReportedPart, StoredDocument, StoredReversal, StoredStatement
from onrecord.model import Mention, SaidOn

#: The largest row id: SQLite and PostgreSQL keep ids in signed 64-bit integers, and a larger Python int
#: given as a parameter overflows in the driver (an OverflowError, which the web API turned into a 500).
MAX_ID = 2**63 - 1


def row_id(value: int | str) -> int | None:
    """``value`` as an id a row can have, or ``None`` when no row can (zero, negative, past ``MAX_ID``),
    so a typed or requested id is looked up only when it can match."""
    pid = int(value)
    return pid if 1 <= pid <= MAX_ID else None


@cache  # see statement_select
def people_counts() -> tuple[Any, Any, sa.FromClause]:
    """Per-person document and statement counts (0 when none), and ``people`` joined to them."""
    n_docs = (
        sa.select(
            t.document_people.c.person_id,
            sa.func.count(sa.distinct(t.document_people.c.document_id)).label("n"),
        )
        .group_by(t.document_people.c.person_id)
        .subquery()
    )
    n_stmts = (
        sa.select(t.statements.c.person_id, sa.func.count().label("n"))
        .where(t.statements.c.person_id.is_not(None))
        .group_by(t.statements.c.person_id)
        .subquery()
    )
    joined = t.people.outerjoin(n_docs, n_docs.c.person_id == t.people.c.id).outerjoin(
        n_stmts, n_stmts.c.person_id == t.people.c.id
    )
    return sa.func.coalesce(n_docs.c.n, 0), sa.func.coalesce(n_stmts.c.n, 0), joined


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def fts5_query(text: str) -> str | None:
    """The FTS5 MATCH text for what a user typed (``search_query``), or None when it holds no words."""
    return search_query.to_fts5(search_query.parse(text))


def tsquery(text: str) -> sa.ColumnElement[Any] | None:
    """The PostgreSQL tsquery for what a user typed (``search_query``), or None when it holds no words."""
    query = search_query.to_tsquery(search_query.parse(text))
    if query is None:
        return None
    return sa.func.to_tsquery(sa.literal_column("'english'"), query)


_STATEMENT_COLUMNS = [
    t.statements.c.id,
    t.statements.c.local_id,
    t.statements.c.document_id,
    t.statements.c.kind,
    t.statements.c.cue_class,
    t.statements.c.content_text,
    t.statements.c.content_spans,
    t.statements.c.cue_text,
    t.statements.c.cue_start,
    t.statements.c.cue_end,
    t.statements.c.speaker_text,
    t.statements.c.speaker_start,
    t.statements.c.speaker_end,
    t.statements.c.person_id,
    t.statements.c.named,
    t.statements.c.description,
    t.statements.c.antecedent_text,
    t.statements.c.antecedent_start,
    t.statements.c.antecedent_end,
    t.statements.c.unresolved,
    t.statements.c.question,
    t.statements.c.said_on_start,
    t.statements.c.said_on_end,
    t.statements.c.said_on_precision,
    t.statements.c.said_on_basis,
    t.statements.c.confidence,
    t.statements.c.rule,
    t.statements.c.repeated_at,
    t.statements.c.speaker_local,
    t.documents.c.title,
    t.documents.c.source,
    t.documents.c.published,
    t.documents.c.publisher,
    t.documents.c.url,
    t.people.c.name.label("person_name"),
    t.people.c.kind.label("person_kind"),
]


@cache
def statement_select() -> sa.Select:
    """Statement columns with their document and person. Built once: a construct never changes (each
    ``.where()`` makes a copy), and building the joins again cost about a tenth of a web request."""
    return sa.select(*_STATEMENT_COLUMNS).select_from(
        t.statements.join(t.documents, t.documents.c.id == t.statements.c.document_id).outerjoin(
            t.people, t.people.c.id == t.statements.c.person_id
        )
    )


def span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def _load_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def row_to_statement(row: sa.Row) -> StoredStatement:
    m = row._mapping
    said = None
    if m["said_on_start"] is not None:
        said = SaidOn(
            start=_iso(m["said_on_start"]) or "",
            end=_iso(m["said_on_end"]) or _iso(m["said_on_start"]) or "",
            precision=m["said_on_precision"],
            basis=m["said_on_basis"] or "",
        )
    return StoredStatement(
        id=m["id"],
        local_id=m["local_id"],
        document=_document_ref(m),
        kind=m["kind"],
        cue_class=m["cue_class"],
        content_text=m["content_text"],
        content_spans=[tuple(s) for s in _load_json(m["content_spans"])],  # type: ignore[misc]
        cue_text=m["cue_text"],
        cue_span=span(m["cue_start"], m["cue_end"]),
        speaker_text=m["speaker_text"],
        speaker_span=span(m["speaker_start"], m["speaker_end"]),
        person_id=m["person_id"],
        person_name=m["person_name"],
        named=bool(m["named"]),
        description=m["description"],
        question=bool(m["question"]),
        said_on=said,
        confidence=float(m["confidence"]),
        rule=m["rule"],
        repeated_at=[tuple(s) for s in _load_json(m["repeated_at"]) or []],  # type: ignore[misc]
        speaker_local=m["speaker_local"],
        antecedent=_mention(m["antecedent_text"], m["antecedent_start"], m["antecedent_end"]),
        unresolved=bool(m["unresolved"]),
        person_kind=m["person_kind"],
    )


def _mention(text: str | None, start: int | None, end: int | None) -> Mention | None:
    where = span(start, end)
    return Mention(text, where) if text is not None and where is not None else None


def date_order() -> list[Any]:
    """Statements by the day they were made (else published), then by position in their document."""
    day = sa.func.coalesce(t.statements.c.said_on_start, t.documents.c.published)
    return [
        day.is_(None),
        day,
        t.documents.c.published,
        t.statements.c.document_id,
        t.statements.c.content_start,
    ]


def paged(query: sa.Select, limit: int | None, offset: int) -> sa.Select:
    if limit is not None:
        query = query.limit(limit)
    return query.offset(offset) if offset else query


def count_rows(conn: Connection, query: sa.Select) -> int:
    """How many rows ``query`` gives, counted by the database (its ORDER BY dropped)."""
    return int(
        conn.execute(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    )


def by_name_part(word: str) -> sa.Select:
    """People whose first name or surname is ``word`` (normalised, one word): for an organisation,
    whose key starts or ends with it, since the pipeline sometimes takes a person for one."""
    p = t.people.c
    return sa.select(p.id).where(
        sa.or_(
            p.last == word,
            p.first == word,
            sa.and_(
                p.kind == "organization",
                sa.or_(
                    p.last.startswith(word + " ", autoescape=True),
                    p.last.endswith(" " + word, autoescape=True),
                ),
            ),
        )
    )


def contains_text(column: Any, text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive substring match with LIKE's wildcards taken literally."""
    return sa.func.lower(column).contains(text.lower(), autoescape=True)


def aliases_of(conn: Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    """Each person's aliases, most used first."""
    out: dict[int, list[str]] = {}
    for i in range(0, len(ids), 500):
        for pid, text in conn.execute(
            sa.select(t.aliases.c.person_id, t.aliases.c.text)
            .where(t.aliases.c.person_id.in_(list(ids[i : i + 500])))
            .order_by(t.aliases.c.person_id, t.aliases.c.count.desc(), t.aliases.c.text)
        ):
            out.setdefault(pid, []).append(text)
    return out


@cache  # see statement_select
def document_select() -> sa.Select:
    """Document columns with their statement count (a correlated count: use it for a handful of rows)."""
    n = (
        sa.select(sa.func.count())
        .where(t.statements.c.document_id == t.documents.c.id)
        .correlate(t.documents)
        .scalar_subquery()
    )
    return sa.select(
        t.documents.c.id,
        t.documents.c.title,
        t.documents.c.source,
        t.documents.c.publisher,
        t.documents.c.published,
        t.documents.c.authors,
        t.documents.c.url,
        n.label("n_statements"),
    )


def row_to_document(row: sa.Row) -> StoredDocument:
    m = row._mapping
    return StoredDocument(
        id=m["id"],
        title=m["title"],
        source=m["source"],
        publisher=m["publisher"],
        published=_iso(m["published"]),
        authors=list(_load_json(m["authors"]) or []),
        statements=int(m["n_statements"] or 0),
        url=m["url"],
    )


def _part_of(m: Any, side: str) -> ReportedPart | None:
    text = m[f"{side}_text"]
    if text is None:
        return None
    return ReportedPart(text, (m[f"{side}_start"], m[f"{side}_end"]), m[f"{side}_date"])


def _document_ref(m: Any) -> DocumentRef:
    """The document a statement or reversal row came from (its joined document columns)."""
    return DocumentRef(
        id=m["document_id"],
        title=m["title"],
        source=m["source"],
        published=_iso(m["published"]),
        publisher=m["publisher"],
        url=m.get("url"),
    )


def reversal_order(c: Any, published: Any) -> tuple[sa.ColumnElement[Any], ...]:
    """The reversals' listing order over columns ``c`` and the article's ``published``: most confident
    first, a resolved holder before an unresolved one, newest."""
    return (c.confidence.desc(), c.person_id.is_(None), published.is_(None), published.desc(), c.id)


def row_to_reversal(row: sa.Row) -> StoredReversal:
    m = row._mapping
    return StoredReversal(
        id=m["id"],
        document=_document_ref(m),
        person_id=m["person_id"],
        person_name=m["person_name"],
        holder_text=m["holder_text"],
        holder_span=(m["holder_start"], m["holder_end"]),
        evidence_text=m["evidence_text"],
        evidence_span=(m["evidence_start"], m["evidence_end"]),
        cue_text=m["cue_text"],
        cue_span=(m["cue_start"], m["cue_end"]),
        earlier=_part_of(m, "earlier"),
        later=_part_of(m, "later"),
        confidence=float(m["confidence"]),
        explanation=m["explanation"],
        copies=int(m.get("copies") or 1),
    )
