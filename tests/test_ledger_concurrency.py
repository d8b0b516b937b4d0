"""Concurrent writers on one ledger (issue 14, item 4): articles naming the same new person, stored
by several writers at once, give one person, as they would stored one after another; and the migration
that brought in ``uq_people_identity`` folds the people a race made twice before it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from onrecord.ingest.sources import RawInput
from onrecord.ledger import Ledger, schema, writes
from onrecord.ledger.engine import MIGRATIONS, lock_for_writing, resolve_url
from onrecord.ledger.ingest import parse_chunk
from onrecord.model import Record
from test_ledger_support import BACKENDS, ledger_url_fixture  # noqa: F401

backends = pytest.mark.parametrize("ledger_url", BACKENDS, indirect=True)
postgresql = pytest.mark.parametrize("ledger_url", ["postgresql"], indirect=True)


# ------------------------------------------------------------------------------- concurrent writers


def _full(i: int) -> str:
    return (
        f"Harbour fees to rise ({i})\n\n"
        f"Port director Quentin Marlowe said on Monday that the fees would rise by {i + 2} percent. "
        f"The Harbour Authority said in a statement that ships would pay {i + 5} dollars more.\n"
    )


def _surname(i: int) -> str:
    return (
        f"Harbour fees, day {i}\n\n"
        f"Marlowe said on Tuesday that the fees would rise by {i + 2} percent. "
        f"The Harbour Authority said in a statement that pilots would pay {i + 5} dollars more.\n"
    )


@pytest.fixture(scope="module")
def records() -> dict[str, list[Record]]:
    """Articles naming one person nobody has stored yet: by full name, and by surname alone; and one
    article about someone else."""
    from onrecord import nlp

    pipeline = nlp.load()
    full = [RawInput(f"full-{i}.txt", _full(i).encode()) for i in range(6)]
    bare = [RawInput(f"surname-{i}.txt", _surname(i).encode()) for i in range(3)]
    other = RawInput("other.txt", b"Ferry late\n\nMayor Ana Ruiz said on Friday that the ferry was late.\n")
    parsed = parse_chunk([*full, *bare, other], "2016-03-14", pipeline)
    assert all(isinstance(r, Record) for r in parsed)
    return {"full": parsed[:6], "surname": parsed[6:9], "other": parsed[9:]}  # type: ignore[dict-item]


def _add_at_once(url: str, records: list[Record]) -> None:
    """Each record stored by its own thread and connection pool, all released together."""
    ledgers = [Ledger(url) for _ in records]
    for ledger in ledgers:  # connect first, so the barrier releases writers and not connection set-up
        with ledger.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    barrier = threading.Barrier(len(records))
    errors: list[BaseException] = []

    def write(ledger: Ledger, record: Record) -> None:
        barrier.wait()
        try:
            ledger.add(record)
        except BaseException as err:  # the assertion below reports it
            errors.append(err)

    threads = [threading.Thread(target=write, args=pair) for pair in zip(ledgers, records, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for ledger in ledgers:
        ledger.close()
    assert errors == []


def _people(url: str) -> list[tuple[str, str, int]]:
    with Ledger(url) as ledger:
        return sorted((p.name, p.kind, p.documents) for p in ledger.people())


def _serial(records: list[Record], tmp_path: Path) -> list[tuple[str, str, int]]:
    """The people the records give when stored one after another: what concurrency must not change."""
    url = str(tmp_path / f"serial-{len(records)}.sqlite3")
    with Ledger(url) as ledger:
        for record in records:
            ledger.add(record)
    return _people(url)


#: A race that is lost only sometimes must not pass by luck: each test runs on three fresh ledgers.
attempts = pytest.mark.parametrize("attempt", range(3))


@attempts
@backends
def test_concurrent_writers_make_one_person(
    ledger_url: str, records: dict[str, list[Record]], tmp_path: Path, attempt: int
) -> None:
    """Nine writers at once, six naming "Quentin Marlowe" and three only "Marlowe", none of them stored
    before: one person in nine documents, and the same people as when stored one after another."""
    both = records["full"] + records["surname"]
    expected = _serial(both, tmp_path)
    assert [p for p in expected if p[1] == "person"] == [("Quentin Marlowe", "person", 9)]
    _add_at_once(ledger_url, both)
    assert _people(ledger_url) == expected
    with Ledger(ledger_url) as ledger:
        assert ledger.counts()["documents"] == 9
        assert all(s.person_id is not None for s in ledger.statements())


@attempts
@postgresql
def test_the_identity_index_alone_keeps_one_person(
    ledger_url: str,
    records: dict[str, list[Record]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    attempt: int,
) -> None:
    """Without the write lock, writers race for real; ``uq_people_identity`` and the insert-or-get still
    leave one "Quentin Marlowe" (before them, each of the six writers made its own)."""
    expected = _serial(records["full"], tmp_path)
    assert [p for p in expected if p[1] == "person"] == [("Quentin Marlowe", "person", 6)]
    monkeypatch.setattr(writes, "lock_for_writing", lambda conn, keys=None: None)
    _add_at_once(ledger_url, records["full"])
    assert _people(ledger_url) == expected


@postgresql
def test_writers_wait_only_for_writers_of_the_same_people(
    ledger_url: str, records: dict[str, list[Record]]
) -> None:
    """The write locks are per surname, document and fingerprint, not one for the whole ledger: while
    a transaction holds "Marlowe", an article about Ana Ruiz is stored at once (PostgreSQL worker
    writes still scale), and one about Quentin Marlowe waits for it."""
    from onrecord.ledger.identity import lock_keys

    with Ledger(ledger_url) as ledger, ledger.engine.connect() as holder:
        with holder.begin():
            lock_for_writing(holder, lock_keys(records["full"][0]))
            done = {name: threading.Event() for name in ("other", "full")}
            threads = [
                threading.Thread(target=lambda n=name: (ledger.add(records[n][0]), done[n].set()))
                for name in done
            ]
            for thread in threads:
                thread.start()
            assert done["other"].wait(30), "a writer of other people waited for the lock"
            assert not done["full"].wait(1.0), "a writer of the same person did not wait"
        assert done["full"].wait(30)  # the holder committed: its turn
        for thread in threads:
            thread.join(30)
        assert ledger.counts()["documents"] == 2


# ---------------------------------------------------------------------------------------- migration


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(resolve_url(url))
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


@backends
def test_ledgers_opened_at_once_are_migrated_once(ledger_url: str) -> None:
    """Four processes' worth of ``Ledger(url)`` on a new ledger at once: all open it (on SQLite each
    used to create the tables again: "table documents already exists")."""
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def open_it() -> None:
        barrier.wait()
        try:
            Ledger(ledger_url).close()
        except BaseException as err:  # the assertion below reports it
            errors.append(err)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    with Ledger(ledger_url) as ledger, ledger.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0007"


@backends
def test_a_migration_cut_short_leaves_no_half_made_schema(
    ledger_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first open of a ledger dies after three of its four migrations (as a kill would): nothing
    of them stays, and the next open makes the whole schema. On SQLite the tables of 0001 used to be
    committed one by one, so a later open failed on "table ... already exists"."""
    from alembic import command

    upgrade = command.upgrade

    def cut_short(config, revision):  # type: ignore[no-untyped-def]
        upgrade(config, "0003")
        raise RuntimeError("killed")

    monkeypatch.setattr(command, "upgrade", cut_short)
    with pytest.raises(RuntimeError, match="killed"):
        Ledger(ledger_url)
    assert _tables(ledger_url) == set()
    monkeypatch.setattr(command, "upgrade", upgrade)
    with Ledger(ledger_url) as ledger:
        assert ledger.counts()["documents"] == 0
    assert {"documents", "people", "statements", "alembic_version"} <= _tables(ledger_url)


def _downgrade_to_0003(engine: sa.Engine) -> None:
    """Take a ledger back to the revision before ``uq_people_identity``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")


@backends
def test_the_migration_folds_people_made_twice(ledger_url: str, records: dict[str, list[Record]]) -> None:
    """A ledger written before ``uq_people_identity`` may hold one person twice: upgrading folds the
    copy into the oldest row (its statements, mentions, document links and alias counts move) and
    leaves alone a person a user split off, who may share the name."""
    people = schema.people
    with Ledger(ledger_url) as ledger:
        for record in records["full"][:3]:
            ledger.add(record)
        _downgrade_to_0003(ledger.engine)
        with ledger.engine.begin() as conn:
            row = conn.execute(sa.select(people).where(people.c.name == "Quentin Marlowe")).mappings().one()
            keep, copy = row["id"], {k: v for k, v in row.items() if k != "id"}
            twice = conn.execute(people.insert().returning(people.c.id), copy).scalar_one()
            split = conn.execute(people.insert().returning(people.c.id), {**copy, "corrected": True})
            split_id = split.scalar_one()
            moved = records["full"][2].document.id
            for table in (schema.statements, schema.mentions, schema.document_people):
                conn.execute(
                    table.update()
                    .where(table.c.person_id == keep, table.c.document_id == moved)
                    .values(person_id=twice)
                )
            conn.execute(
                schema.aliases.insert(),
                {"person_id": twice, "text": "Quentin Marlowe", "key": "quentin marlowe", "count": 4},
            )
        url = ledger.url
    with Ledger(url) as ledger:  # opening it applies 0004
        found = {p.id: p for p in ledger.people() if p.name == "Quentin Marlowe"}
        assert sorted(found) == [keep, split_id]
        assert (found[keep].documents, found[split_id].documents) == (3, 0)
        assert found[keep].statements == 3
        with ledger.engine.connect() as conn:
            a = schema.aliases.c
            counts = dict(conn.execute(sa.select(a.text, a.count).where(a.person_id == keep)).all())
            stray = conn.execute(sa.select(sa.func.count()).where(schema.mentions.c.person_id == twice))
            assert stray.scalar_one() == 0
        assert counts["Quentin Marlowe"] >= 4  # the copy's 4 added to the kept row's own


@backends
def test_a_split_under_the_same_name_makes_a_second_person(
    ledger_url: str, records: dict[str, list[Record]]
) -> None:
    """The identity index leaves corrected people out: "Quentin Marlowe" split into another "Quentin
    Marlowe" (two men of one name) is a new person, not the insert-or-get's existing one."""
    with Ledger(ledger_url) as ledger:
        for record in records["full"][:2]:
            ledger.add(record)
        doc = records["full"][1].document.id
        other = ledger.split_person("Quentin Marlowe", documents=[doc], into="Quentin Marlowe")
        both = [p for p in ledger.people() if p.name == "Quentin Marlowe"]
        assert len(both) == 2 and other.id in {p.id for p in both}
        assert sorted(p.documents for p in both) == [1, 1]


def test_a_ledger_opened_while_another_holds_the_new_file_waits_past_five_seconds(tmp_path: Path) -> None:
    """The first open of a new SQLite ledger holds it while it migrates, which under load takes more
    than sqlite3's default five-second wait; the others wait for it (the busy timeout is set before the
    switch to WAL), never fail with "database is locked"."""
    import sqlite3

    path = tmp_path / "new.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    released = threading.Timer(6.0, holder.execute, args=("COMMIT",))
    released.start()
    try:
        Ledger(f"sqlite:///{path}").close()
    finally:
        released.join()
        holder.close()
