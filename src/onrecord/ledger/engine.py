"""Opening a ledger: where it lives, the engine, the schema migrations applied on open, and the
locks that keep concurrent writers apart (SQLite's immediate transactions, PostgreSQL advisory locks).

Kept apart from the ``Ledger`` so that the layers below it (people identity, the corrections journal)
can take a lock without importing it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from onrecord.ledger.errors import LedgerError

MIGRATIONS = Path(__file__).with_name("migrations")


def default_path() -> Path:
    """``ONRECORD_DB`` if set, else ``ledger.sqlite3`` in the user's data folder (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("onrecord", appauthor=False) / "ledger.sqlite3"


def resolve_url(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> str:
    """A SQLAlchemy URL from what a user typed: a path, a ``sqlite:`` or ``postgresql:`` URL, or nothing.

    ``postgresql://`` and ``postgres://`` mean psycopg 3 (the driver onrecord installs), so users can
    paste the URL their server prints. A SQLite file's folder is made only when ``create`` is true: a
    command that only reads must never leave an empty ledger (or folder) behind a typo.
    """
    value = os.fspath(db) if db is not None else os.environ.get("ONRECORD_DB") or None
    if value is None or "://" not in value:
        path = default_path() if value is None else Path(value).expanduser().resolve()
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.is_file():
            shown = value if value is not None else str(path)
            raise LedgerError(f"no ledger at {shown}: run `onrecord ingest ARTICLES --db {shown}` first")
        return f"sqlite:///{path}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # the wait first: switching a new file to WAL takes a lock, and without a busy timeout a connection
    # opened while another holds it fails at once with "database is locked"
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _switch_to_wal(cursor)
    for pragma in ("synchronous=NORMAL", "foreign_keys=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


#: How long a connection keeps trying to switch a new ledger file to WAL, and how often.
_WAL_PATIENCE_S = 30.0
_WAL_RETRY_S = 0.05


def _switch_to_wal(cursor: Any) -> None:
    """Several connections switching a new file to WAL at once can deadlock on its locks, which SQLite
    answers at once with "database is locked", whatever the busy timeout (four ledgers opened at once
    hit it about one time in twenty); the switch is tried again until one of them has made it."""
    deadline = time.monotonic() + _WAL_PATIENCE_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(_WAL_RETRY_S)


def create_engine(url: str) -> Engine:
    """An engine with the settings the ledger relies on (WAL and foreign keys on SQLite)."""
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Apply every Alembic migration the database lacks; cheap when it is already current.

    All of it is one transaction, which one process at a time holds: on PostgreSQL under an advisory
    lock, on SQLite under ``BEGIN IMMEDIATE``. Without that explicit BEGIN, Python's sqlite3 module
    runs DDL outside any transaction, so two ``onrecord ingest`` opening a new SQLite ledger at once
    both created the tables ("table documents already exists"), and a kill during the first open left
    a half-made schema that no later open could finish (issue 14). A process that waited finds the
    ledger current and does nothing.
    """
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(7100101)"))
        elif conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


#: The first key of the PostgreSQL advisory locks ledger writers take (two-key locks: a key space apart
#: from the migrations' single-key lock 7100101). Second key 0 is the whole ledger.
LOCK_SPACE = 7100102


def _lock_id(key: str) -> int:
    """A lock's second key: 32 bits of the text key's hash, never 0 (a collision only makes two writers
    wait for each other)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big", signed=True) or 1


def lock_for_writing(conn: Connection, keys: Iterable[str] | None = None) -> None:
    """Lock, in the transaction ``conn`` has just begun, what it is about to read and then write.

    Which stored person a name is, and whether a document is a copy of one stored already, are decided
    by reading what is stored and then writing: two writers that read at once decide alike and each
    writes its own "Jane Doe" (issue 14). ``keys`` name what a document's transaction decides on (its
    id, its fingerprint hashes, its people's surnames: ``identity.lock_keys``); two writers that share
    a key take turns, and the later one sees what the earlier stored, as if they had run one after the
    other. Writers that share none run at once, so PostgreSQL worker writes (docs/SCALE.md) still scale.
    ``keys=None`` locks the whole ledger (a user's merge or split, which moves many people's rows).

    PostgreSQL: transaction-level advisory locks, released at commit or rollback, which readers never
    wait for; a document's writer holds the whole-ledger lock shared, its own keys exclusively, taken in
    one order (sorted) so that two writers cannot each wait for the other. SQLite allows one writer at
    a time anyway: ``BEGIN IMMEDIATE`` takes its lock before the reads (waiting up to ``busy_timeout``)
    instead of at the first INSERT, after them.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        whole = "pg_advisory_xact_lock" if keys is None else "pg_advisory_xact_lock_shared"
        conn.execute(sa.text(f"SELECT {whole}(:space, 0)"), {"space": LOCK_SPACE})
        take = sa.text("SELECT pg_advisory_xact_lock(:space, :id)")
        for lock in sorted({_lock_id(k) for k in keys or ()}):
            conn.execute(take, {"space": LOCK_SPACE, "id": lock})
