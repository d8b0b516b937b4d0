"""Support for the ledger tests (no tests here): a fresh database per test, on SQLite and PostgreSQL.

PostgreSQL comes from ``ONRECORD_TEST_PG`` (``.ci/postgres.sh`` starts a server on loopback and prints
it); each test gets its own database, created and dropped around it. Without the variable the
PostgreSQL cases skip, except under ``CI=true``, where they fail: CI must test both back ends.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

BACKENDS = ["sqlite", "postgresql"]

FIRST = "Ana Boris Carla Dmitri Elena Farid Greta Hugo Ines Jonas".split()
LAST = "Ruiz Novak Weber Ortega Lindqvist Haddad Moreau Tanaka Kowalski Brennan".split()
THINGS = "bridge library ferry terminal stadium clinic tunnel market school park".split()


def pg_admin_url() -> str | None:
    url = os.environ.get("ONRECORD_TEST_PG")
    if not url:
        reason = 'ONRECORD_TEST_PG is unset: start a server with `eval "$(bash .ci/postgres.sh)"`'
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true requires the PostgreSQL tests")
        pytest.skip(reason)
    return url


@pytest.fixture(name="ledger_url")
def ledger_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty ledger of the backend the test is parametrised with."""
    backend = request.param
    if backend == "sqlite":
        yield str(tmp_path / "ledger.sqlite3")
        return
    admin_url = pg_admin_url()
    assert admin_url is not None
    name = f"onrecord_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    url = sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            )
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        admin.dispose()


def article(i: int) -> str:
    """A small, unique news article with a dated indirect statement, a quote and an anonymous source."""
    first, last = FIRST[i % 10], LAST[(i // 10 + i) % 10]
    thing = THINGS[i % 10]
    return (
        f"{thing.title()} to reopen, officials say ({i})\n\n"
        f"Mayor {first} {last} said on Monday that the {thing} will reopen in {i % 12 + 1} weeks.\n\n"
        f'"We are ready for the crowds," {last} told reporters. '
        f"An official familiar with the plan said the cost had risen by {i + 3} percent.\n"
    )


def write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths


def statement_set(url: str) -> set[tuple]:
    """Everything that identifies the stored statements, without ledger-assigned ids."""
    from onrecord.ledger import Ledger

    with Ledger(url) as ledger:
        return {
            (
                s.document.id,
                s.local_id,
                s.kind,
                s.content_text,
                s.speaker_text,
                s.person_name,
                s.date,
                s.document.published,
            )
            for s in ledger.iter_statements()
        }
