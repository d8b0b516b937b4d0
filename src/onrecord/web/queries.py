"""Paged reads of the ledger for the API and the pages: what ``Ledger``'s query methods give, plus offsets,
totals and look-ups by id.

``Ledger.statements``/``people``/``contradictions`` take a ``limit`` but no offset and return no total,
and the ledger has no statement-by-id or document-by-id query; a web client needs all of those to page
through a list. Rather than fetch ``offset + limit`` rows and slice (which makes page 100 cost a hundred
pages), these functions build the same SELECTs on the ledger's engine with OFFSET and a COUNT. They reuse
the ledger's row mapping (``_statement_select``/``_row_to_statement``) and name look-up
(``Ledger.find_people``) so that a statement reads the same here as in ``onrecord statements``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import sqlalchemy as sa

from onrecord.ledger import Ledger, StoredContradiction, StoredPerson, StoredStatement
from onrecord.ledger import schema as t
from onrecord.ledger.store import (
    _date_order,
    _fts5_query,
    _row_to_statement,
    _statement_select,
    people_counts,
)

#: The most rows one request may ask for: enough for any page, small enough that one call stays cheap.
MAX_LIMIT = 500
KINDS = ("direct", "indirect", "mixed", "according_to")
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and where it sits: ``total`` rows match, these start at ``offset``."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class StatementFilter:
    """The statement filters every list shares; all optional, combined with AND (as ``Ledger.statements``)."""

    q: str | None = None
    speaker: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    named: bool | None = None
    document: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in self.__dataclass_fields__)


@dataclass(frozen=True)
class DocumentSummary:
    """A document as lists show it: no text, with how many statements it holds."""

    id: str
    title: str | None
    source: str
    publisher: str | None
    published: str | None
    authors: list[str]
    statements: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "publisher": self.publisher,
            "published": self.published,
            "authors": self.authors,
            "statements": self.statements,
        }


@dataclass(frozen=True)
class RemovedLine:
    text: str
    kind: str


@dataclass(frozen=True)
class DocumentPerson:
    """A ledger person as one document names them."""

    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class DocumentDetail:
    """Everything the article page shows: the text every span indexes into, and what was found in it."""

    summary: DocumentSummary
    text: str
    title_span: tuple[int, int] | None
    removed: list[RemovedLine]
    statements: list[StoredStatement]
    people: list[DocumentPerson]
    contradictions: list[StoredContradiction] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ helpers


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def _count(conn: sa.Connection, query: sa.Select) -> int:
    return int(
        conn.execute(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    )


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _contains(column: Any, text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive substring match with LIKE's wildcards taken literally."""
    return sa.func.lower(column).contains(text.lower(), autoescape=True)


# --------------------------------------------------------------------------------------- statements


def _statement_query(ledger: Ledger, f: StatementFilter, relevance: bool) -> sa.Select | None:
    """The filtered SELECT, ordered by relevance (when ``f.q`` and ``relevance``) or by date; None when
    nothing can match (an unknown speaker, a query with no words)."""
    query = _statement_select()
    if f.speaker:
        ids = ledger.find_people(f.speaker)
        if not ids:
            return None
        query = query.where(t.statements.c.person_id.in_(ids))
    start = sa.func.coalesce(t.statements.c.said_on_start, t.documents.c.published)
    end = sa.func.coalesce(t.statements.c.said_on_end, t.documents.c.published)
    if f.since is not None:
        query = query.where(end >= f.since)
    if f.until is not None:
        query = query.where(start <= f.until)
    if f.kind:
        query = query.where(t.statements.c.kind == f.kind)
    if f.named is not None:
        query = query.where(t.statements.c.named == f.named)
    if f.document:
        query = query.where(t.statements.c.document_id == f.document)
    if not f.q:
        return query.order_by(*_date_order(), t.statements.c.id)
    if ledger.dialect == "postgresql":
        tsq = sa.func.websearch_to_tsquery(sa.literal_column("'english'"), f.q)
        search: sa.ColumnElement[Any] = sa.literal_column("statements.search")
        query = query.where(search.op("@@")(tsq))
        if relevance:
            return query.order_by(sa.func.ts_rank(search, tsq).desc(), t.statements.c.id)
        return query.order_by(*_date_order(), t.statements.c.id)
    fts = _fts5_query(f.q)
    if fts is None:
        return None
    matches = (
        sa.text("SELECT rowid AS sid, rank AS score FROM statements_fts WHERE statements_fts MATCH :q")
        .bindparams(q=fts)
        .columns(sid=sa.Integer, score=sa.Float)
        .subquery("fts")
    )
    query = query.join(matches, matches.c.sid == t.statements.c.id)
    if relevance:
        return query.order_by(matches.c.score, t.statements.c.id)
    return query.order_by(*_date_order(), t.statements.c.id)


def statements(
    ledger: Ledger, f: StatementFilter, limit: int = 50, offset: int = 0, relevance: bool = True
) -> Page[StoredStatement]:
    """Statements matching ``f``: most relevant first when there is a query, else in date order."""
    limit, offset = _clamp(limit, offset)
    if f.q and relevance and ledger.dialect == "sqlite" and f == StatementFilter(q=f.q):
        return _ranked_search(ledger, f.q, limit, offset)
    query = _statement_query(ledger, f, relevance)
    if query is None:
        return Page([], 0, limit, offset)
    with ledger.engine.connect() as conn:
        rows = [_row_to_statement(r) for r in conn.execute(query.limit(limit).offset(offset))]
        total = len(rows) + offset if len(rows) < limit and (rows or offset == 0) else _count(conn, query)
    return Page(rows, total, limit, offset)


def _ranked_search(ledger: Ledger, q: str, limit: int, offset: int) -> Page[StoredStatement]:
    """A words-only search on SQLite: rank and count inside the FTS5 index, then read just the page's
    rows (joining every match to its document before ranking costs several times more)."""
    fts = _fts5_query(q)
    if fts is None:
        return Page([], 0, limit, offset)
    ranked_sql = (
        "SELECT rowid FROM statements_fts WHERE statements_fts MATCH :q ORDER BY rank LIMIT :l OFFSET :o"
    )
    with ledger.engine.connect() as conn:
        ids = list(conn.execute(sa.text(ranked_sql), {"q": fts, "l": limit, "o": offset}).scalars())
        if len(ids) < limit and (ids or offset == 0):
            total = len(ids) + offset
        else:
            count_sql = "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH :q"
            total = int(conn.execute(sa.text(count_sql), {"q": fts}).scalar_one())
        rows = (
            {
                r.id: _row_to_statement(r)
                for r in conn.execute(_statement_select().where(t.statements.c.id.in_(ids)))
            }
            if ids
            else {}
        )
    return Page([rows[i] for i in ids if i in rows], total, limit, offset)


def statement(ledger: Ledger, statement_id: int) -> StoredStatement | None:
    with ledger.engine.connect() as conn:
        row = conn.execute(_statement_select().where(t.statements.c.id == statement_id)).first()
    return _row_to_statement(row) if row is not None else None


def statement_days(ledger: Ledger, person_id: int) -> tuple[list[tuple[dt.date, int]], int]:
    """How many statements a person made on each day (``said_on`` start, else publication), and how
    many carry no date at all: what the timeline chart draws."""
    day = sa.func.coalesce(t.statements.c.said_on_start, t.documents.c.published)
    query = (
        sa.select(day.label("day"), sa.func.count())
        .select_from(t.statements.join(t.documents, t.documents.c.id == t.statements.c.document_id))
        .where(t.statements.c.person_id == person_id)
        .group_by(day)
    )
    dated: list[tuple[dt.date, int]] = []
    undated = 0
    with ledger.engine.connect() as conn:
        for value, n in conn.execute(query):
            if value is None:
                undated += n
                continue
            try:
                dated.append(
                    (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10]), n)
                )
            except ValueError:
                undated += n
    return sorted(dated), undated


# ------------------------------------------------------------------------------------------- people


def people(ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[StoredPerson]:
    """People, most statements first; ``q`` keeps those whose name or an alias contains it."""
    limit, offset = _clamp(limit, offset)
    docs, stmts, joined = people_counts()
    where: list[sa.ColumnElement[bool]] = []
    if q:
        by_alias = sa.select(t.aliases.c.person_id).where(_contains(t.aliases.c.text, q))
        where.append(sa.or_(_contains(t.people.c.name, q), t.people.c.id.in_(by_alias)))
    query = (
        sa.select(t.people.c.id, t.people.c.name, t.people.c.kind, t.people.c.corrected, docs, stmts)
        .select_from(joined)
        .where(*where)
        .order_by(stmts.desc(), docs.desc(), t.people.c.name, t.people.c.id)
    )
    with ledger.engine.connect() as conn:
        rows = conn.execute(query.limit(limit).offset(offset)).all()
        if len(rows) < limit and (rows or offset == 0):
            total = len(rows) + offset
        else:  # the count needs no statement or document tallies
            total = _count(conn, sa.select(t.people.c.id).where(*where))
        aliases = _aliases(conn, [r[0] for r in rows])
    items = [
        StoredPerson(
            id=r[0],
            name=r[1],
            kind=r[2],
            aliases=aliases.get(r[0], []),
            documents=r[4],
            statements=r[5],
            corrected=bool(r[3]),
        )
        for r in rows
    ]
    return Page(items, total, limit, offset)


def _aliases(conn: sa.Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if not ids:
        return out
    for pid, text in conn.execute(
        sa.select(t.aliases.c.person_id, t.aliases.c.text)
        .where(t.aliases.c.person_id.in_(list(ids)))
        .order_by(t.aliases.c.person_id, t.aliases.c.count.desc(), t.aliases.c.text)
    ):
        out.setdefault(pid, []).append(text)
    return out


def person(ledger: Ledger, person_id: int) -> StoredPerson | None:
    """One person with their counts, tallied for them alone (``Ledger.people`` tallies everyone first,
    which costs tens of milliseconds on a large ledger)."""
    pid = int(person_id)
    n_docs = (
        sa.select(sa.func.count(sa.distinct(t.document_people.c.document_id)))
        .where(t.document_people.c.person_id == pid)
        .scalar_subquery()
    )
    n_stmts = sa.select(sa.func.count()).where(t.statements.c.person_id == pid).scalar_subquery()
    query = sa.select(
        t.people.c.id, t.people.c.name, t.people.c.kind, t.people.c.corrected, n_docs, n_stmts
    ).where(t.people.c.id == pid)
    with ledger.engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None:
            return None
        aliases = _aliases(conn, [pid])
    return StoredPerson(
        id=row[0],
        name=row[1],
        kind=row[2],
        aliases=aliases.get(pid, []),
        documents=int(row[4] or 0),
        statements=int(row[5] or 0),
        corrected=bool(row[3]),
    )


# ------------------------------------------------------------------------------------ contradictions


def contradictions(
    ledger: Ledger,
    person_id: int | None = None,
    speaker: str | None = None,
    scope: str | None = None,
    document: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[StoredContradiction]:
    """Stored contradiction pairs, strongest first, for one person, a name, a scope or one document."""
    limit, offset = _clamp(limit, offset)
    query = sa.select(t.contradictions)
    if person_id is not None:
        query = query.where(t.contradictions.c.person_id == person_id)
    if speaker:
        ids = ledger.find_people(speaker)
        if not ids:
            return Page([], 0, limit, offset)
        query = query.where(t.contradictions.c.person_id.in_(ids))
    if scope:
        query = query.where(t.contradictions.c.scope == scope)
    if document:
        in_doc = sa.select(t.statements.c.id).where(t.statements.c.document_id == document)
        query = query.where(
            sa.or_(t.contradictions.c.statement_a.in_(in_doc), t.contradictions.c.statement_b.in_(in_doc))
        )
    query = query.order_by(t.contradictions.c.score.desc(), t.contradictions.c.id)
    with ledger.engine.connect() as conn:
        pairs = conn.execute(query.limit(limit).offset(offset)).all()
        total = len(pairs) + offset if len(pairs) < limit and (pairs or offset == 0) else _count(conn, query)
        wanted = {p.statement_a for p in pairs} | {p.statement_b for p in pairs}
        stmts = (
            {
                r.id: _row_to_statement(r)
                for r in conn.execute(_statement_select().where(t.statements.c.id.in_(wanted)))
            }
            if wanted
            else {}
        )
    items = [
        StoredContradiction(
            id=p.id,
            a=stmts[p.statement_a],
            b=stmts[p.statement_b],
            person_id=p.person_id,
            score=p.score,
            kind=p.kind,
            explanation=p.explanation,
            scope=p.scope,
        )
        for p in pairs
        if p.statement_a in stmts and p.statement_b in stmts
    ]
    return Page(items, total, limit, offset)


# ---------------------------------------------------------------------------------------- documents


_DOCUMENT_COLUMNS = [
    t.documents.c.id,
    t.documents.c.title,
    t.documents.c.source,
    t.documents.c.publisher,
    t.documents.c.published,
    t.documents.c.authors,
]


def _document_select() -> sa.Select:
    """Document columns with their statement count (a correlated count: use it for a handful of rows)."""
    n = (
        sa.select(sa.func.count())
        .where(t.statements.c.document_id == t.documents.c.id)
        .correlate(t.documents)
        .scalar_subquery()
    )
    return sa.select(*_DOCUMENT_COLUMNS, n.label("n_statements"))


def _summary(row: sa.Row) -> DocumentSummary:
    m = row._mapping
    authors = m["authors"]
    if isinstance(authors, str):
        import json

        authors = json.loads(authors)
    return DocumentSummary(
        id=m["id"],
        title=m["title"],
        source=m["source"],
        publisher=m["publisher"],
        published=_iso(m["published"]),
        authors=list(authors or []),
        statements=int(m["n_statements"] or 0),
    )


def documents(
    ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0
) -> Page[DocumentSummary]:
    """Documents, newest publication first (undated last); ``q`` keeps those whose title or source
    contains it.

    The page's ids are found first, on the publication-date index, and only then are their rows and
    statement counts read: sorting whole rows (each carries its text) would read the whole table.
    """
    limit, offset = _clamp(limit, offset)
    where: list[sa.ColumnElement[bool]] = []
    if q:
        where.append(sa.or_(_contains(t.documents.c.title, q), _contains(t.documents.c.source, q)))
    ids_query = (
        sa.select(t.documents.c.id)
        .where(*where)
        .order_by(t.documents.c.published.desc().nulls_last(), t.documents.c.id)
    )
    with ledger.engine.connect() as conn:
        ids = list(conn.execute(ids_query.limit(limit).offset(offset)).scalars())
        if len(ids) < limit and (ids or offset == 0):
            total = len(ids) + offset
        else:
            total = _count(conn, sa.select(t.documents.c.id).where(*where))
        rows = (
            {r.id: r for r in conn.execute(_document_select().where(t.documents.c.id.in_(ids)))}
            if ids
            else {}
        )
    return Page([_summary(rows[i]) for i in ids if i in rows], total, limit, offset)


def document_summary(ledger: Ledger, document_id: str) -> DocumentSummary | None:
    with ledger.engine.connect() as conn:
        row = conn.execute(_document_select().where(t.documents.c.id == document_id)).first()
    return _summary(row) if row is not None else None


def document(ledger: Ledger, document_id: str) -> DocumentDetail | None:
    """One document with its text, removed lines, statements (in text order), people and contradictions."""
    with ledger.engine.connect() as conn:
        row = conn.execute(
            _document_select()
            .add_columns(t.documents.c.text, t.documents.c.title_start, t.documents.c.title_end)
            .where(t.documents.c.id == document_id)
        ).first()
        if row is None:
            return None
        removed = [
            RemovedLine(text=r.text, kind=r.kind)
            for r in conn.execute(
                sa.select(t.removed_lines.c.text, t.removed_lines.c.kind)
                .where(t.removed_lines.c.document_id == document_id)
                .order_by(t.removed_lines.c.position)
            )
        ]
        stmts = [
            _row_to_statement(r)
            for r in conn.execute(
                _statement_select()
                .where(t.statements.c.document_id == document_id)
                .order_by(t.statements.c.content_start, t.statements.c.id)
            )
        ]
        named = [
            DocumentPerson(id=r.id, name=r.name, kind=r.kind)
            for r in conn.execute(
                sa.select(t.people.c.id, t.people.c.name, t.people.c.kind)
                .select_from(t.document_people.join(t.people, t.people.c.id == t.document_people.c.person_id))
                .where(t.document_people.c.document_id == document_id)
                .distinct()
                .order_by(t.people.c.name)
            )
        ]
    m = row._mapping
    title_span = (m["title_start"], m["title_end"]) if m["title_start"] is not None else None
    pairs = contradictions(ledger, document=document_id, limit=MAX_LIMIT).items
    return DocumentDetail(
        summary=_summary(row),
        text=m["text"],
        title_span=title_span,
        removed=removed,
        statements=stmts,
        people=named,
        contradictions=pairs,
    )


def counts(ledger: Ledger) -> dict[str, int]:
    return ledger.counts()
