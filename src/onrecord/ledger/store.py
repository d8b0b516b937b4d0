"""The ledger as a Python object: open a database, store records, ask who said what.

One layer of several, each depending one way: ``errors`` and ``rows`` (what goes wrong, what comes
back) and ``engine`` (opening, migrations, locks) below; ``aliases``, ``identity`` and ``journal``
(people across documents, the corrections log) below this module too; ``export`` (JSON lines, CSV,
Parquet) beside it; ``reads`` (the selects the queries start from, and their rows mapped to ``rows``'
types) and ``writes`` (what one analysed document becomes in the tables) are this module's two halves
below the ``Ledger`` methods. Callers import each name from the module that defines it; the package
(``onrecord.ledger``) gathers the public ones.

``Ledger(url)`` opens (or creates) the database and brings its schema up to date with the Alembic
migrations before anything else happens, so an old ledger file is never read with a newer schema. Every
document is written in one transaction, and only if its id (the SHA-256 of its input bytes) is not there
yet: a document is stored whole or not at all, and storing it again changes nothing. That is what lets an
ingest killed half-way be re-run to finish the job without losing or duplicating anything.

SQLite runs in WAL mode with ``synchronous=NORMAL``: a committed document survives the process being
killed (only an operating-system crash may lose the last few commits, which a re-run adds again), and
readers never block the writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from onrecord import people as names
from onrecord.ledger import journal
from onrecord.ledger import schema as t
from onrecord.ledger.columns import as_date
from onrecord.ledger.engine import create_engine, lock_for_writing, migrate, resolve_url
from onrecord.ledger.errors import AmbiguousName, LedgerError
from onrecord.ledger.export import export_parquet, write_rows
from onrecord.ledger.identity import merge, split
from onrecord.ledger.journal import to_correction, undo
from onrecord.ledger.reads import (
    aliases_of,
    by_name_part,
    contains_text,
    count_rows,
    date_order,
    document_select,
    fts5_query,
    paged,
    people_counts,
    reversal_order,
    row_id,
    row_to_document,
    row_to_reversal,
    row_to_statement,
    span,
    statement_select,
    tsquery,
)
from onrecord.ledger.rows import (
    DocumentDetail,
    DocumentPerson,
    StoredContradiction,
    StoredCorrection,
    StoredDocument,
    StoredPerson,
    StoredReversal,
    StoredStatement,
)
from onrecord.ledger.writes import write_record
from onrecord.model import Record, Removed
from onrecord.resources import DEFAULT_MODEL

if TYPE_CHECKING:
    from onrecord.ledger.ingest import IngestReport, ProgressCallback


ExportFormat = Literal["jsonl", "csv", "parquet"]

# -------------------------------------------------------------------------------------------- ledger


class Ledger:
    """The stored record of who said what, when: ``onrecord ingest`` and the query commands in Python.

    >>> ledger = Ledger("ledger.sqlite3")                      # doctest: +SKIP
    >>> ledger.ingest(["archive/"], published=None)            # doctest: +SKIP
    >>> for s in ledger.timeline("Donald Trump"):              # doctest: +SKIP
    ...     print(s.date, s.content_text)

    ``url`` is a path (SQLite), a SQLAlchemy URL, ``postgresql://...`` (psycopg 3), or None for
    ``ONRECORD_DB`` or the default file under the user's data folder.

    The lists (``statements``, ``search``, ``people``, ``contradictions``, ``documents``) take ``limit``
    and ``offset``, and a ``count_*`` method with the same filters gives the total a pager shows, so a
    client pages without reading the rows it skips; ``statement``, ``person`` and ``document`` read one
    by id.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None, *, create: bool = True) -> None:
        """``create=False`` (what the read-only commands use) refuses a SQLite file that does not exist."""
        self.url = resolve_url(url, create=create)
        try:
            self.engine = create_engine(self.url)
            migrate(self.engine)
        except sa.exc.ArgumentError as err:
            raise LedgerError(f"cannot use database {url!r}: {err}") from err
        self.dialect = self.engine.dialect.name

    # ----------------------------------------------------------------------------- life cycle

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.engine.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------------------------- writing

    def ingest(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        published: str | None = None,
        workers: int | None = None,
        progress: ProgressCallback | None = None,
        model: str | Path | None = DEFAULT_MODEL,
    ) -> IngestReport:
        """Read, analyse and store every input (files, folders, ``-``, PolNeAR/Reuters/BBC corpora).

        Documents already in the ledger are skipped before they are parsed. ``workers`` processes
        parse (default: the CPU count; 0 parses in this process); this process writes. ``model`` is the
        learned attribution model (the shipped one; None for the hand rules alone). Returns the counts
        and the ``InputError`` of every input that could not be stored.
        """
        from onrecord.ledger.ingest import ingest

        return ingest(
            self,
            [os.fspath(p) for p in paths],
            published=published,
            workers=workers,
            progress=progress,
            model=model,
        )

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored, or known as copies of a stored document."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                for table in (t.documents, t.document_copies):
                    found.update(conn.execute(sa.select(table.c.id).where(table.c.id.in_(chunk))).scalars())
        return found

    def add(self, record: Record) -> int | None:
        """Store one analysed document in one transaction; the number of statements, or None if known
        (the same bytes, or a copy of a stored story: ``writes.write_record``).

        Writers storing at once store what one after the other would: each holds the write locks of its
        document, and the primary key and ``uq_people_identity`` back that up, so the same document is
        stored once and a new person made once.
        """
        try:
            with self.engine.begin() as conn:
                return write_record(conn, record)
        except sa.exc.IntegrityError:
            if self.known([record.document.id]):
                return None
            raise

    def copies(self, document_id: str) -> list[dict[str, str]]:
        """The other inputs found to be this document (another format, another fetch)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.document_copies.c.id, t.document_copies.c.source)
                .where(t.document_copies.c.document_id == document_id)
                .order_by(t.document_copies.c.seen_at, t.document_copies.c.id)
            ).all()
        return [{"id": r[0], "source": r[1]} for r in rows]

    def add_contradiction(
        self,
        a: int,
        b: int,
        *,
        score: float,
        kind: str,
        explanation: str,
        person_id: int | None = None,
        scope: Literal["document", "ledger"] = "ledger",
    ) -> int | None:
        """Store a pair of ledger statements that contradict; the new row's id, or None if stored before.

        For cross-document pairing: ``a`` and ``b`` are ``StoredStatement.id`` values. The speaker
        defaults to ``a``'s person.
        """
        with self.engine.begin() as conn:
            existing = conn.execute(
                sa.select(t.contradictions.c.id).where(
                    sa.or_(
                        sa.and_(t.contradictions.c.statement_a == a, t.contradictions.c.statement_b == b),
                        sa.and_(t.contradictions.c.statement_a == b, t.contradictions.c.statement_b == a),
                    )
                )
            ).first()
            if existing:
                return None
            if person_id is None:
                person_id = conn.execute(
                    sa.select(t.statements.c.person_id).where(t.statements.c.id == a)
                ).scalar_one_or_none()
            return conn.execute(
                t.contradictions.insert().returning(t.contradictions.c.id),
                {
                    "statement_a": a,
                    "statement_b": b,
                    "person_id": person_id,
                    "score": float(score),
                    "kind": kind,
                    "explanation": explanation,
                    "scope": scope,
                    "created_at": t.now(),
                },
            ).scalar_one()

    # ------------------------------------------------------------------------------- queries

    def find_people(self, name: str | int) -> list[int]:
        """Ledger person ids for a name a user typed, most statements first.

        An id (``12`` or ``#12``) is that person; otherwise people whose name is exactly ``name``;
        otherwise everyone known by that normalised alias, case, titles and middle initials aside
        ("Mr. Trump" finds whoever has been called "Trump": possibly several people, each shown with
        their own name). A single word ("Brandvold", "Otis") also finds everyone with that surname or
        first name, even if no article called them by it alone: a reader types a surname without
        knowing how the articles wrote it, and a surname two people share must show both.
        """
        text = str(name).strip()
        with self.engine.connect() as conn:
            if re.fullmatch(r"#?\d+", text):
                pid = row_id(text.lstrip("#"))
                if pid is None:
                    return []
                found = conn.execute(sa.select(t.people.c.id).where(t.people.c.id == pid)).scalars().all()
                return list(found)
            ids = list(conn.execute(sa.select(t.people.c.id).where(t.people.c.name == text)).scalars())
            if not ids:
                key = names.name_key(text)
                ids = list(
                    conn.execute(
                        sa.select(t.aliases.c.person_id).where(t.aliases.c.key == key).distinct()
                    ).scalars()
                )
                if key and " " not in key:
                    ids = list(dict.fromkeys([*ids, *conn.execute(by_name_part(key)).scalars()]))
            if len(ids) <= 1:
                return ids
            counts = dict(
                conn.execute(
                    sa.select(t.statements.c.person_id, sa.func.count())
                    .where(t.statements.c.person_id.in_(ids))
                    .group_by(t.statements.c.person_id)
                ).all()
            )
        return sorted(ids, key=lambda i: (-counts.get(i, 0), i))

    def find_person(self, name: str | int) -> int | None:
        """The one person a name a user typed means (see ``find_people``), or None when nobody.

        Raises ``AmbiguousName`` (with the candidates) when it fits several: every query by speaker
        (the CLI, the web API, ``statements``, ``timeline``, ``contradictions``) decides through here,
        so none of them answers for someone the user did not mean.
        """
        ids = self.find_people(name)
        if len(ids) > 1:
            raise AmbiguousName(name, [p for p in map(self.person, ids) if p is not None])
        return ids[0] if ids else None

    def _about_clause(self, text: str) -> sa.ColumnElement[bool] | None:
        if self.dialect == "postgresql":
            tsq = tsquery(text)
            return None if tsq is None else sa.literal_column("statements.search").op("@@")(tsq)
        query = fts5_query(text)
        if query is None:
            return None
        ids = (
            sa.select(sa.literal_column("rowid"))
            .select_from(sa.table("statements_fts"))
            .where(sa.literal_column("statements_fts").op("MATCH")(query))
        )
        return t.statements.c.id.in_(ids)

    def _statement_query(
        self,
        speaker: str | int | None,
        since: str | dt.date | None,
        until: str | dt.date | None,
        about: str | None,
        kind: str | None,
        named: bool | None,
        document: str | None,
    ) -> sa.Select | None:
        """The statements ``statements`` describes, unordered; None when none can match (an unknown
        speaker, a query with no words), so callers skip the database."""
        query = statement_select()
        if speaker is not None:
            pid = self.find_person(speaker)
            if pid is None:
                return None
            query = query.where(t.statements.c.person_id == pid)
        start = sa.func.coalesce(t.statements.c.said_on_start, t.documents.c.published)
        end = sa.func.coalesce(t.statements.c.said_on_end, t.documents.c.published)
        if since is not None:
            query = query.where(end >= as_date(since))
        if until is not None:
            query = query.where(start <= as_date(until))
        if about:
            clause = self._about_clause(about)
            if clause is None:
                return None
            query = query.where(clause)
        if kind is not None:
            query = query.where(t.statements.c.kind == kind)
        if named is not None:
            query = query.where(t.statements.c.named == named)
        if document is not None:
            query = query.where(t.statements.c.document_id == document)
        return query

    def statements(
        self,
        speaker: str | int | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        about: str | None = None,
        kind: str | None = None,
        named: bool | None = None,
        limit: int | None = None,
        *,
        document: str | None = None,
        offset: int = 0,
    ) -> list[StoredStatement]:
        """Statements in date order, filtered; every filter is optional and they combine with AND.

        ``speaker`` is a name or person id (``find_person``: a name that fits several people raises
        ``AmbiguousName``, one that fits nobody matches nothing); ``since``/``until`` keep statements
        whose date (``said_on``, else the publication date) overlaps the range, ends included;
        ``about`` is a full-text query on the statement's words (all words must appear; "quoted
        phrases" stay together; ``OR`` and ``prefix*`` as in ``search``); ``kind`` is direct,
        indirect, mixed or according_to; ``named`` True keeps named speakers, False anonymous
        sources; ``document`` keeps one document's. ``offset``
        skips that many first (ties are broken by id, so pages do not overlap); ``count_statements``
        with the same filters gives the total a pager needs.
        """
        query = self._statement_query(speaker, since, until, about, kind, named, document)
        if query is None:
            return []
        query = paged(query.order_by(*date_order(), t.statements.c.id), limit, offset)
        with self.engine.connect() as conn:
            return [row_to_statement(r) for r in conn.execute(query)]

    def count_statements(
        self,
        speaker: str | int | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        about: str | None = None,
        kind: str | None = None,
        named: bool | None = None,
        *,
        document: str | None = None,
    ) -> int:
        """How many statements ``statements`` (or ``search`` with ``about`` as its text) would list in all."""
        filtered = any(v is not None for v in (speaker, since, until, kind, named, document))
        if about and not filtered and self.dialect == "sqlite":
            # Words alone: count inside the FTS5 index, without joining every match to its document.
            fts = fts5_query(about)
            if fts is None:
                return 0
            sql = "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH :q"
            with self.engine.connect() as conn:
                return int(conn.execute(sa.text(sql), {"q": fts}).scalar_one())
        query = self._statement_query(speaker, since, until, about, kind, named, document)
        if query is None:
            return 0
        with self.engine.connect() as conn:
            return count_rows(conn, query)

    def statement(self, statement_id: int) -> StoredStatement | None:
        """One statement by its ledger id (``StoredStatement.id``), or None."""
        if row_id(statement_id) is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(statement_select().where(t.statements.c.id == statement_id)).first()
        return row_to_statement(row) if row is not None else None

    def timeline(
        self, name: str | int, limit: int | None = None, *, offset: int = 0
    ) -> list[StoredStatement]:
        """A person's statements in the order they were made (``said_on``, else publication date)."""
        pid = self.find_person(name)
        if pid is None:
            raise LedgerError(f"no person called {name!r} in the ledger (see `onrecord people`)")
        return self.statements(speaker=f"#{pid}", limit=limit, offset=offset)

    def statement_days(self, person_id: int) -> tuple[list[tuple[dt.date, int]], int]:
        """How many statements a person made on each day, in date order, and how many have no date.

        The day is the start of ``said_on``, else the publication date, as in ``timeline``; counted in
        the database, so a chart of someone quoted thousands of times reads a few hundred rows.
        """
        if row_id(person_id) is None:
            return [], 0
        day = sa.func.coalesce(t.statements.c.said_on_start, t.documents.c.published)
        query = (
            sa.select(day.label("day"), sa.func.count())
            .select_from(t.statements.join(t.documents, t.documents.c.id == t.statements.c.document_id))
            .where(t.statements.c.person_id == person_id)
            .group_by(day)
        )
        dated: list[tuple[dt.date, int]] = []
        undated = 0
        with self.engine.connect() as conn:
            for value, n in conn.execute(query):
                when = as_date(value)
                if when is None:
                    undated += n
                else:
                    dated.append((when, n))
        return sorted(dated), undated

    def search(
        self,
        text: str,
        limit: int | None = 50,
        *,
        offset: int = 0,
        speaker: str | int | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        kind: str | None = None,
        named: bool | None = None,
        document: str | None = None,
    ) -> list[StoredStatement]:
        """Statements whose words match ``text``, most relevant first (FTS5 bm25 / PostgreSQL ts_rank).

        ``text`` is what people type (``search_query``): words, all of which must appear, ``"quoted
        phrases"``, ``OR`` between terms and ``prefix*``; it means the same on SQLite and PostgreSQL.
        The other filters are those of ``statements``; ``count_statements(about=text, ...)`` counts the
        matches.
        """
        filtered = any(v is not None for v in (speaker, since, until, kind, named, document))
        if self.dialect == "sqlite" and not filtered:
            return self._ranked_search(text, limit, offset)
        query = self._statement_query(speaker, since, until, None, kind, named, document)
        if query is None:
            return []
        if self.dialect == "postgresql":
            tsq = tsquery(text)
            if tsq is None:
                return []
            search: sa.ColumnElement[Any] = sa.literal_column("statements.search")
            query = query.where(search.op("@@")(tsq)).order_by(
                sa.func.ts_rank(search, tsq).desc(), t.statements.c.id
            )
        else:
            fts = fts5_query(text)
            if fts is None:
                return []
            matches = (
                sa.text(
                    "SELECT rowid AS sid, rank AS score FROM statements_fts WHERE statements_fts MATCH :q"
                )
                .bindparams(q=fts)
                .columns(sid=sa.Integer, score=sa.Float)
                .subquery("fts")
            )
            query = query.join(matches, matches.c.sid == t.statements.c.id).order_by(
                matches.c.score, t.statements.c.id
            )
        with self.engine.connect() as conn:
            return [row_to_statement(r) for r in conn.execute(paged(query, limit, offset))]

    def _ranked_search(self, text: str, limit: int | None, offset: int) -> list[StoredStatement]:
        """Words alone on SQLite: rank inside the FTS5 index, then read just the rows wanted (joining
        every match to its document before ranking costs several times more)."""
        fts = fts5_query(text)
        if fts is None:
            return []
        sql = "SELECT rowid FROM statements_fts WHERE statements_fts MATCH :q ORDER BY rank"
        if limit is not None or offset:
            sql += f" LIMIT {int(limit) if limit is not None else -1} OFFSET {int(offset)}"
        with self.engine.connect() as conn:
            ranked = list(conn.execute(sa.text(sql), {"q": fts}).scalars())
            if not ranked:
                return []
            rows = {
                r.id: row_to_statement(r)
                for r in conn.execute(statement_select().where(t.statements.c.id.in_(ranked)))
            }
        return [rows[i] for i in ranked if i in rows]

    def _people_where(self, name: str | int | None, contains: str | None) -> list[sa.ColumnElement[bool]]:
        where: list[sa.ColumnElement[bool]] = []
        if name is not None:
            where.append(t.people.c.id.in_(self.find_people(name)))
        if contains:
            by_alias = sa.select(t.aliases.c.person_id).where(contains_text(t.aliases.c.text, contains))
            where.append(sa.or_(contains_text(t.people.c.name, contains), t.people.c.id.in_(by_alias)))
        return where

    def people(
        self,
        name: str | int | None = None,
        limit: int | None = None,
        *,
        contains: str | None = None,
        offset: int = 0,
    ) -> list[StoredPerson]:
        """Everyone in the ledger, most statements first, with aliases and document/statement counts.

        ``name`` keeps whoever ``find_people`` finds for it; ``contains`` keeps people whose name or an
        alias contains that text, case aside (what a search box wants); ``count_people`` counts them.
        """
        docs, stmts, joined = people_counts()
        query = (
            sa.select(t.people.c.id, t.people.c.name, t.people.c.kind, t.people.c.corrected, docs, stmts)
            .select_from(joined)
            .where(*self._people_where(name, contains))
            .order_by(stmts.desc(), docs.desc(), t.people.c.name, t.people.c.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(paged(query, limit, offset)).all()
            aliases = aliases_of(conn, [r[0] for r in rows])
        return [
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

    def count_people(self, name: str | int | None = None, *, contains: str | None = None) -> int:
        """How many people ``people`` would list in all (no tallies needed, so cheaper than listing)."""
        with self.engine.connect() as conn:
            return count_rows(conn, sa.select(t.people.c.id).where(*self._people_where(name, contains)))

    def person(self, person_id: int) -> StoredPerson | None:
        """One person by ledger id, with their counts, or None.

        The counts are tallied for this person alone: ``people`` tallies everyone before it filters,
        which costs tens of milliseconds on a large ledger.
        """
        pid = row_id(person_id)
        if pid is None:
            return None
        n_docs = (
            sa.select(sa.func.count(sa.distinct(t.document_people.c.document_id)))
            .where(t.document_people.c.person_id == pid)
            .scalar_subquery()
        )
        n_stmts = sa.select(sa.func.count()).where(t.statements.c.person_id == pid).scalar_subquery()
        query = sa.select(
            t.people.c.id, t.people.c.name, t.people.c.kind, t.people.c.corrected, n_docs, n_stmts
        ).where(t.people.c.id == pid)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            aliases = aliases_of(conn, [pid])
        return StoredPerson(
            id=row[0],
            name=row[1],
            kind=row[2],
            aliases=aliases.get(pid, []),
            documents=int(row[4] or 0),
            statements=int(row[5] or 0),
            corrected=bool(row[3]),
        )

    def _contradiction_query(
        self,
        speaker: str | int | None,
        scope: str | None,
        document: str | None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        kind: str | None = None,
        min_score: float | None = None,
    ) -> sa.Select | None:
        query = sa.select(t.contradictions)
        if speaker is not None:
            pid = self.find_person(speaker)
            if pid is None:
                return None
            query = query.where(t.contradictions.c.person_id == pid)
        if scope is not None:
            query = query.where(t.contradictions.c.scope == scope)
        if kind is not None:
            query = query.where(t.contradictions.c.kind == kind)
        if min_score is not None:
            query = query.where(t.contradictions.c.score >= min_score - 1e-9)
        if since is not None or until is not None:
            # A pair is placed on the day of its later statement (a): when the clash came to be.
            day = sa.func.coalesce(t.statements.c.said_on_start, t.documents.c.published)
            later = sa.select(t.statements.c.id).join(
                t.documents, t.documents.c.id == t.statements.c.document_id
            )
            if since is not None:
                later = later.where(day >= as_date(since))
            if until is not None:
                later = later.where(day <= as_date(until))
            query = query.where(t.contradictions.c.statement_a.in_(later))
        if document is not None:
            in_doc = sa.select(t.statements.c.id).where(t.statements.c.document_id == document)
            query = query.where(
                sa.or_(t.contradictions.c.statement_a.in_(in_doc), t.contradictions.c.statement_b.in_(in_doc))
            )
        return query

    def contradictions(
        self,
        speaker: str | int | None = None,
        scope: str | None = None,
        limit: int | None = None,
        *,
        document: str | None = None,
        offset: int = 0,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        kind: str | None = None,
        min_score: float | None = None,
    ) -> list[StoredContradiction]:
        """Stored contradiction pairs (within documents, and across them once pairing adds them),
        strongest first; ``document`` keeps the pairs with a statement in that document,
        ``since``/``until`` those whose later statement falls in the range, and
        ``count_contradictions`` counts them."""
        query = self._contradiction_query(speaker, scope, document, since, until, kind, min_score)
        if query is None:
            return []
        query = query.order_by(t.contradictions.c.score.desc(), t.contradictions.c.id)
        with self.engine.connect() as conn:
            pairs = conn.execute(paged(query, limit, offset)).all()
            wanted = {p.statement_a for p in pairs} | {p.statement_b for p in pairs}
            stmts = (
                {
                    r.id: row_to_statement(r)
                    for r in conn.execute(statement_select().where(t.statements.c.id.in_(wanted)))
                }
                if wanted
                else {}
            )
        return [
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

    def count_contradictions(
        self,
        speaker: str | int | None = None,
        scope: str | None = None,
        *,
        document: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        kind: str | None = None,
        min_score: float | None = None,
    ) -> int:
        """How many pairs ``contradictions`` would list in all."""
        query = self._contradiction_query(speaker, scope, document, since, until, kind, min_score)
        if query is None:
            return 0
        with self.engine.connect() as conn:
            return count_rows(conn, query)

    def contradiction_kinds(self) -> list[str]:
        """The kinds of the stored pairs ("polarity", "flip", ...), for a filter's choices."""
        with self.engine.connect() as conn:
            query = sa.select(t.contradictions.c.kind).distinct().order_by(t.contradictions.c.kind)
            return list(conn.execute(query).scalars())

    def _reversal_query(
        self,
        speaker: str | int | None,
        document: str | None,
        since: str | dt.date | None,
        until: str | dt.date | None,
        min_score: float | None,
    ) -> sa.Select | None:
        r = t.reported_reversals.c
        query = sa.select(
            t.reported_reversals,
            t.documents.c.title,
            t.documents.c.source,
            t.documents.c.published,
            t.documents.c.publisher,
            t.people.c.name.label("person_name"),
        ).select_from(
            t.reported_reversals.join(t.documents, t.documents.c.id == r.document_id).outerjoin(
                t.people, t.people.c.id == r.person_id
            )
        )
        if speaker is not None:
            ids = self.find_people(speaker)
            if not ids:
                return None
            query = query.where(r.person_id.in_(ids))
        if document is not None:
            query = query.where(r.document_id == document)
        # Placed on the day the article reported it: the sentence says the change has happened by then.
        if since is not None:
            query = query.where(t.documents.c.published >= as_date(since))
        if until is not None:
            query = query.where(t.documents.c.published <= as_date(until))
        if min_score is not None:
            query = query.where(r.confidence >= min_score - 1e-9)
        # The same sentence carried by several articles (wire copy) is one reversal, listed once: its
        # first copy in the listing's order (a copy whose holder is a ledger person first), with how
        # many there are. The holder is one whether or not each article let it be resolved.
        copy_of = (r.holder_text, r.evidence_text)
        query = query.add_columns(
            sa.func.row_number()
            .over(partition_by=copy_of, order_by=reversal_order(r, t.documents.c.published))
            .label("copy_rank"),
            sa.func.count().over(partition_by=copy_of).label("copies"),
        )
        folded = query.subquery()
        return sa.select(folded).where(folded.c.copy_rank == 1)

    @staticmethod
    def _with_copies(conn: Connection, listed: list[StoredReversal]) -> list[StoredReversal]:
        """Each listed reversal with every article that carried its sentence, when more than one did
        (one query for the page)."""
        keys = {(i.holder_text, i.evidence_text) for i in listed if i.copies > 1}
        if not keys:
            return listed
        r, d = t.reported_reversals.c, t.documents.c
        query = (
            sa.select(r.id, r.document_id, d.title, r.holder_text, r.evidence_text)
            .select_from(t.reported_reversals.join(t.documents, d.id == r.document_id))
            .where(sa.or_(*(sa.and_(r.holder_text == h, r.evidence_text == e) for h, e in keys)))
            .order_by(*reversal_order(r, d.published))
        )
        copies: dict[tuple[str, str], list[dict[str, str]]] = {}
        for row in conn.execute(query):
            copy = {"reversal_id": str(row.id), "document_id": row.document_id, "title": row.title}
            copies.setdefault((row.holder_text, row.evidence_text), []).append(copy)
        return [
            dataclasses.replace(i, sources=tuple(copies[(i.holder_text, i.evidence_text)]))
            if (i.holder_text, i.evidence_text) in keys
            else i
            for i in listed
        ]

    def reversals(
        self,
        speaker: str | int | None = None,
        limit: int | None = None,
        *,
        document: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        min_score: float | None = None,
        offset: int = 0,
    ) -> list[StoredReversal]:
        """Stored reversals the articles report, most confident first; among equals, those whose holder
        is a ledger person before those left unresolved (a reader can follow the former to a timeline),
        then newest. Filters as ``contradictions``; a reversal's day is its article's publication."""
        query = self._reversal_query(speaker, document, since, until, min_score)
        if query is None:
            return []
        columns = query.selected_columns
        query = query.order_by(*reversal_order(columns, columns.published))
        with self.engine.connect() as conn:
            listed = [row_to_reversal(row) for row in conn.execute(paged(query, limit, offset))]
            return self._with_copies(conn, listed)

    def count_reversals(
        self,
        speaker: str | int | None = None,
        *,
        document: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        min_score: float | None = None,
    ) -> int:
        """How many reversals ``reversals`` would list in all."""
        query = self._reversal_query(speaker, document, since, until, min_score)
        if query is None:
            return 0
        with self.engine.connect() as conn:
            return count_rows(conn, query)

    @staticmethod
    def _documents_where(contains: str | None) -> list[sa.ColumnElement[bool]]:
        if not contains:
            return []
        documents = t.documents.c
        return [sa.or_(contains_text(documents.title, contains), contains_text(documents.source, contains))]

    def documents(
        self, contains: str | None = None, limit: int | None = None, *, offset: int = 0
    ) -> list[StoredDocument]:
        """Documents, newest publication first (undated last), with how many statements each holds;
        ``contains`` keeps those whose title or source contains that text, case aside.

        The ids are found first, on the publication-date index, and only then are their rows and
        statement counts read: sorting whole rows (each carries its text) would read the whole table.
        """
        ids_query = (
            sa.select(t.documents.c.id)
            .where(*self._documents_where(contains))
            .order_by(t.documents.c.published.desc().nulls_last(), t.documents.c.id)
        )
        with self.engine.connect() as conn:
            ids = list(conn.execute(paged(ids_query, limit, offset)).scalars())
            rows = (
                {r.id: r for r in conn.execute(document_select().where(t.documents.c.id.in_(ids)))}
                if ids
                else {}
            )
        return [row_to_document(rows[i]) for i in ids if i in rows]

    def count_documents(self, contains: str | None = None) -> int:
        """How many documents ``documents`` would list in all."""
        with self.engine.connect() as conn:
            return count_rows(conn, sa.select(t.documents.c.id).where(*self._documents_where(contains)))

    def document(self, document_id: str) -> DocumentDetail | None:
        """One document by id with all the ledger holds on it, or None: its text (every span indexes
        into it), the lines removed before reading, its statements in text order, the people it
        names and the contradictions its statements are part of."""
        with self.engine.connect() as conn:
            row = conn.execute(
                document_select()
                .add_columns(t.documents.c.text, t.documents.c.title_start, t.documents.c.title_end)
                .where(t.documents.c.id == document_id)
            ).first()
            if row is None:
                return None
            removed = [
                Removed(text=r.text, kind=r.kind)
                for r in conn.execute(
                    sa.select(t.removed_lines.c.text, t.removed_lines.c.kind)
                    .where(t.removed_lines.c.document_id == document_id)
                    .order_by(t.removed_lines.c.position)
                )
            ]
            stmts = [
                row_to_statement(r)
                for r in conn.execute(
                    statement_select()
                    .where(t.statements.c.document_id == document_id)
                    .order_by(t.statements.c.content_start, t.statements.c.id)
                )
            ]
            named = [
                DocumentPerson(id=r.id, name=r.name, kind=r.kind)
                for r in conn.execute(
                    sa.select(t.people.c.id, t.people.c.name, t.people.c.kind)
                    .select_from(
                        t.document_people.join(t.people, t.people.c.id == t.document_people.c.person_id)
                    )
                    .where(t.document_people.c.document_id == document_id)
                    .distinct()
                    .order_by(t.people.c.name)
                )
            ]
        m = row._mapping
        return DocumentDetail(
            summary=row_to_document(row),
            text=m["text"],
            title_span=span(m["title_start"], m["title_end"]),
            removed=removed,
            statements=stmts,
            people=named,
            contradictions=self.contradictions(document=document_id),
        )

    def delete_document(self, document_id: str) -> StoredDocument:
        """Remove one document (by id, or a prefix of 6 or more characters that only it has) with
        everything read from it: statements, mentions, contradictions, copies; the document as it was.

        People no other document names, and whom no user corrected, go too, so ``people`` does not
        list someone the ledger no longer quotes; correction rules stay. Raises ``LedgerError`` for no
        such document or a prefix that fits several.
        """
        doc = self.find_document(document_id)
        with self.engine.begin() as conn:
            lock_for_writing(conn)
            named = set(
                conn.execute(
                    sa.select(t.document_people.c.person_id).where(t.document_people.c.document_id == doc.id)
                ).scalars()
            )
            conn.execute(t.documents.delete().where(t.documents.c.id == doc.id))
            if named:
                still = sa.select(t.document_people.c.person_id).where(
                    t.document_people.c.person_id.in_(named)
                )
                quoted = sa.select(t.statements.c.person_id).where(t.statements.c.person_id.in_(named))
                conn.execute(
                    t.people.delete().where(
                        t.people.c.id.in_(named),
                        sa.not_(t.people.c.corrected),
                        t.people.c.id.not_in(still),
                        t.people.c.id.not_in(quoted),
                    )
                )
        return doc

    def find_document(self, document_id: str) -> StoredDocument:
        """The document an id, or a prefix of 6 or more characters only it has, names (as a user
        copies it from a table); ``LedgerError`` when none or several do."""
        text = document_id.strip().lower()
        if len(text) < 6:
            raise LedgerError(f"give at least 6 characters of a document id, not {document_id!r}")
        with self.engine.connect() as conn:
            ids = list(
                conn.execute(
                    sa.select(t.documents.c.id)
                    .where(t.documents.c.id.startswith(text, autoescape=True))
                    .limit(5)
                ).scalars()
            )
            if len(ids) > 1:
                raise LedgerError(
                    f"{document_id!r} starts several document ids ({', '.join(ids)}); give more"
                )
            row = conn.execute(document_select().where(t.documents.c.id == ids[0])).first() if ids else None
        if row is None:
            raise LedgerError(f"no document {document_id!r} in the ledger (see `onrecord documents`)")
        return row_to_document(row)

    def counts(self) -> dict[str, int]:
        """How many rows each table holds (documents, people, statements, ...)."""
        with self.engine.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("documents", t.documents),
                    ("people", t.people),
                    ("mentions", t.mentions),
                    ("statements", t.statements),
                    ("contradictions", t.contradictions),
                )
            }

    def iter_statements(self, batch: int = 2000) -> Iterator[StoredStatement]:
        """Every statement in date order, fetched in batches (for exports of any size)."""
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(
                statement_select().order_by(*date_order())
            )
            for row in result:
                yield row_to_statement(row)

    def export(self, format: ExportFormat, path: str | os.PathLike[str] | IO[str] | None = None) -> int:
        """Write every statement as jsonl, csv or parquet; the number written.

        ``path`` is a file name, an open text stream (jsonl, csv), or None for standard output (jsonl,
        csv). Parquet needs a file name and ``pyarrow`` (the ``parquet`` extra).
        """
        if format == "parquet":
            if path is None or not isinstance(path, (str, os.PathLike)):
                raise LedgerError("parquet export needs a file name (--out FILE)")
            return export_parquet(self.iter_statements(), Path(path))
        if format not in ("jsonl", "csv"):
            raise LedgerError(f"unknown export format {format!r}: use jsonl, csv or parquet")
        if path is None or isinstance(path, io.TextIOBase) or hasattr(path, "write"):
            import sys

            stream: IO[str] = path if path is not None else sys.stdout  # type: ignore[assignment]
            return write_rows(self.iter_statements(), format, stream)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            return write_rows(self.iter_statements(), format, fh)

    # --------------------------------------------------------------------------- corrections

    def merge_people(self, keep: str | int, other: str | int) -> StoredPerson:
        """Make ``other`` the same person as ``keep``, now and for every later ingest (see identity).
        The merge is logged (``corrections``) with what it moved, so ``undo_correction`` can reverse it."""
        a, b = self._one_person(keep), self._one_person(other)
        if a == b:
            raise LedgerError("both names are already the same person")
        with self.engine.begin() as conn:
            lock_for_writing(conn)
            log = journal.Journal(conn)
            before = journal.names(conn, [a, b])
            merge(conn, a, b, log)
            log.save("merge", a, b, before)
        return self.people(name=str(a))[0]

    def split_person(
        self,
        person: str | int,
        aliases: Sequence[str] = (),
        documents: Sequence[str] = (),
        into: str | None = None,
    ) -> StoredPerson:
        """Take the documents where ``person`` is called one of ``aliases`` (or the listed documents) away
        from them into a new person named ``into`` (default: the first alias), or into an existing
        person of that name. Rules keep later ingests from joining them again; the split is logged, as
        a merge is, so ``undo_correction`` can fold it back.
        """
        pid = self._one_person(person)
        if not aliases and not documents:
            raise LedgerError("say which mentions to split off: --alias NAME or --document ID")
        target = None
        if into is not None:
            found = self.find_people(into)
            target = found[0] if len(found) == 1 and found[0] != pid else None
        with self.engine.begin() as conn:
            lock_for_writing(conn)
            log = journal.Journal(conn)
            before = journal.names(conn, [pid])
            new_id = split(conn, pid, list(aliases), list(documents), into, target, log)
            log.save("split", pid, new_id, before | journal.names(conn, [new_id]))
        return self.people(name=str(new_id))[0]

    def corrections(
        self, limit: int | None = None, *, offset: int = 0, person: int | None = None
    ) -> list[StoredCorrection]:
        """The merges and splits users made, newest first, undone ones included (``undone_at``): the
        log ``undo_correction`` takes its ids from; ``person`` keeps those a person took part in. The
        rules they left for later ingests are in ``identity_rules``."""
        c = t.corrections.c
        query = sa.select(t.corrections).where(*self._corrections_where(person))
        query = query.order_by(c.created_at.desc(), c.id.desc())
        with self.engine.connect() as conn:
            return [to_correction(row) for row in conn.execute(paged(query, limit, offset))]

    def count_corrections(self, person: int | None = None) -> int:
        """How many merges and splits ``corrections`` lists with the same filter."""
        with self.engine.connect() as conn:
            return count_rows(conn, sa.select(t.corrections.c.id).where(*self._corrections_where(person)))

    @staticmethod
    def _corrections_where(person: int | None) -> list[sa.ColumnElement[bool]]:
        c = t.corrections.c
        return [] if person is None else [sa.or_(c.person_id == person, c.other_id == person)]

    def correction(self, correction_id: int) -> StoredCorrection | None:
        """One logged merge or split by id, or None."""
        cid = row_id(correction_id)
        if cid is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.corrections).where(t.corrections.c.id == cid)).first()
        return to_correction(row) if row is not None else None

    def undo_correction(self, correction_id: int) -> StoredCorrection:
        """Reverse a logged merge or split exactly: a merged-away person comes back with its id,
        statements, mentions and aliases, a split's articles go back and the person it made goes. Rules
        it wrote go, rules it replaced come back; articles ingested since stay where they went.

        Raises ``LedgerError`` (one line saying why) for an unknown id, an undone correction, or a
        ledger changed since in a way that cannot be reversed (undo later corrections first).
        """
        cid = row_id(correction_id)
        if cid is None:
            raise LedgerError(f"no correction #{correction_id} in the ledger (see `onrecord people merges`)")
        with self.engine.begin() as conn:
            lock_for_writing(conn)
            undo(conn, cid)
        done = self.correction(cid)
        assert done is not None
        return done

    def _one_person(self, name: str | int) -> int:
        pid = self.find_person(name)
        if pid is None:
            raise LedgerError(f"no person called {name!r} in the ledger (see `onrecord people`)")
        return pid
