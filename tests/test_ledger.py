"""The stored ledger on SQLite and PostgreSQL: migrations, idempotent ingest, a SIGKILL half-way,
queries, people across documents and users' corrections."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import REPO, shared_path
from onrecord.ledger import Ledger, LedgerError
from onrecord.ledger.ingest import ingest_inputs
from onrecord.ledger.schema import metadata
from test_ledger_support import BACKENDS, ledger_url_fixture, statement_set, write_articles  # noqa: F401

backends = pytest.mark.parametrize("ledger_url", BACKENDS, indirect=True)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@backends
def test_migrations_create_the_schema_module_describes(ledger_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.schema import CreateIndex

    with Ledger(ledger_url) as ledger, ledger.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        assert context.get_current_revision() == "0007"

        sqlite = conn.dialect.name == "sqlite"

        def include(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
            # The full-text parts (FTS5 tables, the tsvector column and its index) live only in SQL;
            # SQLite cannot reflect an expression index, so that one is compared by its SQL below.
            return not (name or "").startswith("statements_fts") and name not in (
                "search",
                "ix_statements_search",
                *(["uq_people_identity"] if sqlite else []),
            )

        context.opts["include_object"] = include
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*expression-based index .?uq_people_identity")
            assert compare_metadata(context, metadata) == []
        if sqlite:
            index = next(i for i in metadata.tables["people"].indexes if i.name == "uq_people_identity")
            stored = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'uq_people_identity'"
            ).scalar_one()
            assert " ".join(stored.split()) == " ".join(str(CreateIndex(index).compile(conn)).split())
    Ledger(ledger_url).close()  # opening a current ledger again is a no-op


def test_urls_map_postgresql_to_psycopg_and_paths_to_sqlite(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from onrecord.ledger import resolve_url

    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("ONRECORD_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("ONRECORD_DB")
    assert resolve_url(None).endswith("onrecord/ledger.sqlite3")


@backends
def test_reingest_adds_nothing(ledger_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 6)
    with Ledger(ledger_url) as ledger:
        first = ledger.ingest([folder], workers=0, published="2016-03-14")
        assert (first.stored, first.skipped, first.errors) == (6, 0, [])
        assert first.statements == 18
        counts = ledger.counts()
        before = statement_set(ledger_url)
        # The same folder again, and one article again under another name: same bytes, same id.
        copy = _write(tmp_path / "copy", "renamed.txt", (folder / "article-002.txt").read_text())
        again = ledger.ingest([folder, copy], workers=0, published="2016-03-14")
        assert (again.stored, again.skipped, again.statements) == (0, 7, 0)
        assert ledger.counts() == counts
        assert counts["statements"] == 18 and counts["documents"] == 6
    assert statement_set(ledger_url) == before


@pytest.fixture(scope="module")
def forty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Forty small articles, and the statements an uninterrupted in-process ingest stores from them."""
    folder = tmp_path_factory.mktemp("forty")
    write_articles(folder, 40)
    reference = str(tmp_path_factory.mktemp("reference") / "reference.sqlite3")
    with Ledger(reference) as ledger:
        assert ledger.ingest([folder], workers=0, published="2016-03-14").stored == 40
    return folder, reference


@backends
def test_sigkill_halfway_then_rerun_equals_an_uninterrupted_run(
    ledger_url: str, forty: tuple[Path, str]
) -> None:
    """``kill -9`` of ``onrecord ingest`` (with a worker process) after some documents are stored; the
    re-run stores the rest, and the ledger then holds exactly what an uninterrupted run stores."""
    folder, reference = forty
    command = [
        sys.executable, "-m", "onrecord.cli", "ingest", str(folder), "--db", ledger_url,
        "--workers", "1", "--no-progress", "--published", "2016-03-14",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = Ledger(ledger_url).url  # creates the schema first, so the poll below can count
    engine = sa.create_engine(url)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            with engine.connect() as conn:
                stored = conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
            if stored >= 1:
                os.killpg(process.pid, signal.SIGKILL)
                break
            time.sleep(0.01)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode() if process.stderr else ""
    with engine.connect() as conn:
        after_kill = conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
    engine.dispose()
    assert 0 < after_kill < 40, "the kill has to land half-way for this test to mean anything"
    # The re-run parses in its own process (--workers 0): the worker pool was exercised by the kill.
    rerun = subprocess.run(
        [*command[:-4], "0", *command[-3:]], env=env, capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {after_kill} already stored" in rerun.stderr
    assert statement_set(ledger_url) == statement_set(reference)
    with Ledger(ledger_url) as ledger:
        assert ledger.counts()["documents"] == 40


@backends
def test_queries_filter_order_search_and_export(ledger_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 12)
    with Ledger(ledger_url) as ledger:
        ledger.ingest([folder], workers=0, published="2016-03-14")
        everyone = ledger.statements()
        assert len(everyone) == 36
        anonymous = ledger.statements(named=False)
        assert len(anonymous) == 12 and all(s.description for s in anonymous)
        assert {s.kind for s in ledger.statements(kind="direct")} == {"direct"}
        ana = ledger.statements(speaker="Ana Ruiz")
        assert ana and {s.person_name for s in ana} == {"Ana Ruiz"}
        assert ledger.statements(speaker="Mayor Ruiz") == ana  # the alias "Ruiz" finds her
        assert ledger.statements(speaker="Nobody Known") == []
        assert ledger.statements(since="2016-03-15") == []
        assert len(ledger.statements(until="2016-03-14")) == 36
        about = ledger.statements(about="crowds ready")
        assert len(about) == 12 and all("crowds" in s.content_text for s in about)
        assert ledger.statements(about="") == everyone
        hits = ledger.search("cost risen")
        assert hits and all("cost" in s.content_text for s in hits)
        assert ledger.search('"risen by 5 percent"')[0].content_text.endswith("risen by 5 percent")
        assert ledger.search("NEAR(( OR") == []  # user text is never FTS syntax
        line = hits[0].to_dict()
        assert set(line["document"]) == {"id", "title", "source", "published", "url"}
        assert line["content"]["spans"] and line["speaker"]["named"] is False
        dates = [s.date for s in everyone]
        assert dates == sorted(dates)
        people = {p.name: p for p in ledger.people()}
        assert people["Ana Ruiz"].statements == len(ana)
        jsonl = tmp_path / "all.jsonl"
        assert ledger.export("jsonl", jsonl) == 36
        rows = [json.loads(x) for x in jsonl.read_text().splitlines()]
        assert rows[0]["document"]["published"] == "2016-03-14"
        assert ledger.export("csv", tmp_path / "all.csv") == 36
        pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq

        assert ledger.export("parquet", tmp_path / "all.parquet") == 36
        assert pq.read_table(tmp_path / "all.parquet").num_rows == 36
        with pytest.raises(LedgerError):
            ledger.timeline("Nobody Known")


@backends
def test_contradictions_are_stored_and_can_be_added(ledger_url: str, tmp_path: Path) -> None:
    text = (
        "Senator flips on the dam\n\n"
        "Senator Rosa Vidal said on Monday that she supports the dam.\n\n"
        "Vidal said on Friday that she does not support the dam.\n"
    )
    path = _write(tmp_path / "in", "dam.txt", text)
    with Ledger(ledger_url) as ledger:
        ledger.ingest([path], workers=0, published="2016-03-18")
        stmts = ledger.statements(speaker="Rosa Vidal")
        assert len(stmts) == 2
        stored = ledger.contradictions()
        for pair in stored:
            assert pair.scope == "document" and pair.person_id == stmts[0].person_id
        before = len(stored)
        added = ledger.add_contradiction(
            stmts[1].id, stmts[0].id, score=0.5, kind="test", explanation="x", scope="ledger"
        )
        expected = before if before else before + 1
        assert len(ledger.contradictions()) == expected
        if added is not None:
            assert ledger.contradictions(scope="ledger")[0].a.id == stmts[1].id
        assert (
            ledger.add_contradiction(stmts[1].id, stmts[0].id, score=0.5, kind="t", explanation="x") is None
        )


# --------------------------------------------------------------------------------------------- people


@backends
def test_one_person_across_documents_and_corrections_survive(ledger_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder, "a.txt", "Rally\n\nDonald Trump said on Monday that the wall will be built.\n")
    _write(folder, "b.txt", "Debate\n\nMr. Trump said on Tuesday that the polls are rigged.\n")
    _write(folder, "c.txt", "Speech\n\nDonald J. Trump said on Wednesday that trade deals are bad.\n")
    _write(folder, "d.txt", "Tour\n\nTrump told the crowd on Thursday that he loves Iowa.\n")
    with Ledger(ledger_url) as ledger:
        ledger.ingest([folder], workers=0, published="2016-08-05")
        trump = ledger.people(name="Donald Trump")
        assert len(trump) == 1 and trump[0].statements == 4 and trump[0].documents == 4
        assert [s.date for s in ledger.timeline("Donald Trump")] == sorted(
            s.date for s in ledger.timeline("Donald Trump")
        )

        # Two people the pipeline cannot join by name alone: a user merges them, and a later article
        # with the merged name joins the same person.
        more = tmp_path / "more"
        _write(more, "e.txt", "Farm bill\n\nBill Clinton said on Monday that farmers need help.\n")
        _write(more, "f.txt", "Speech\n\nWilliam Clinton said on Monday that the deficit is falling.\n")
        ledger.ingest([more], workers=0, published="1996-05-06")
        assert (
            len(ledger.find_people("Bill Clinton")) == 1 and len(ledger.find_people("William Clinton")) == 1
        )
        merged = ledger.merge_people("Bill Clinton", "William Clinton")
        assert merged.name == "Bill Clinton" and merged.statements == 2 and merged.corrected
        later = _write(
            tmp_path / "later", "g.txt", "Trade\n\nWilliam Clinton said on Friday that tariffs hurt.\n"
        )
        ledger.ingest([later], workers=0, published="1996-05-10")
        assert ledger.people(name="Bill Clinton")[0].statements == 3

        # A split: "Trump" alone turns out to be someone else; later articles calling him so follow.
        split = ledger.split_person("Donald Trump", documents=[_doc_id(ledger, "d.txt")], into="Fred Trump")
        assert split.name == "Fred Trump" and split.statements == 1
        assert ledger.people(name="Donald Trump")[0].statements == 3
        with pytest.raises(LedgerError):
            ledger.split_person("Donald Trump", aliases=["Nobody Else"])


def _doc_id(ledger: Ledger, name: str) -> str:
    return next(s.document.id for s in ledger.statements() if s.document.source.endswith(name))


@backends
def test_surname_alone_is_decided_by_context(ledger_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(
        folder,
        "1.txt",
        "Ticket\n\nHillary Clinton said on Tuesday that she would win Ohio. "
        "Tim Kaine said the polls were tightening.\n",
    )
    _write(
        folder,
        "2.txt",
        "Memoir\n\nBill Clinton said on Tuesday that the book was done. Al Gore said he liked it.\n",
    )
    _write(
        folder, "3.txt", "Notes\n\nClinton said on Friday that the tour was over. Gore said it went well.\n"
    )
    _write(folder, "4.txt", "Notes\n\nClinton said on Friday that Ohio was close. Kaine said so too.\n")
    with Ledger(ledger_url) as ledger:
        ledger.ingest([folder], workers=0, published="2016-10-07")
        by_doc = {
            Path(s.document.source).name: s.person_name
            for s in ledger.statements()
            if (s.speaker_text or "").endswith("Clinton")
        }
        assert by_doc["3.txt"] == "Bill Clinton"
        assert by_doc["4.txt"] == "Hillary Clinton"
        # A rule from a split outranks the context: now every "Clinton" alone is Bill.
        ledger.split_person("Hillary Clinton", aliases=["Clinton"], into="Bill Clinton")
        _write(tmp_path / "5", "5.txt", "Notes\n\nClinton said on Friday that Ohio was won. Kaine agreed.\n")
        ledger.ingest([tmp_path / "5"], workers=0, published="2016-10-08")
        last = [
            s
            for s in ledger.statements()
            if s.document.source.endswith("5.txt") and s.speaker_text == "Clinton"
        ]
        assert last[0].person_name == "Bill Clinton"


# --------------------------------------------------------------------------------------- shared data


@pytest.mark.shared
def test_seed_joins_the_polnear_person(tmp_path: Path) -> None:
    """The seed article, ingested with its date, adds to the same Donald Trump as PolNeAR's articles."""
    from onrecord.ingest.corpora import detect

    train = shared_path("data", "polnear", "train")
    seed = shared_path("corpus", "seed", "nbc-2016-trump-putin-moscow.txt")
    wanted = {
        "breitbart_2016-01-10_trump-tells-in-reno-nfl-has-gone.txt",
        "politico_2016-05-06_trump-rips-joe-scarborough.txt",
        "politico_2016-07-29_trump-clinton-should-have-congra.txt",
    }
    corpus = detect(train)
    assert corpus is not None and corpus.kind == "polnear"
    items = [raw for raw in corpus if Path(raw.source).name in wanted]
    assert len(items) == 3
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        assert ingest_inputs(ledger, items, workers=0).stored == 3
        assert ledger.ingest([seed], workers=0, published="2016-07-28").stored == 1
        assert len(ledger.find_people("Donald Trump")) == 1
        line = ledger.timeline("Donald Trump")
        sources = {Path(s.document.source).name for s in line}
        assert sources == wanted | {seed.name}
        dates = [s.date for s in line]
        assert dates == sorted(dates)
        seed_rows = [s for s in line if s.document.source.endswith(seed.name)]
        assert {s.document.published for s in seed_rows} == {"2016-07-28"}
        assert ledger.contradictions(speaker="Donald Trump")  # the seed's own pair is stored


# ------------------------------------------------------------------------------ paging, reads by id


@pytest.fixture
def paged(ledger_url: str, tmp_path: Path) -> Iterator[Ledger]:
    """Twelve small articles (one a day later), the bundled example and an article with a contradiction."""
    from test_web_support import EXAMPLE

    folder = tmp_path / "in"
    paths = write_articles(folder, 12)
    later = _write(tmp_path / "later", paths[-1].name, paths[-1].read_text())
    paths[-1].unlink()
    dam = _write(
        tmp_path / "dam",
        "dam.txt",
        "Senator flips on the dam\n\nSenator Rosa Vidal said on Monday that she supports the dam.\n\n"
        "Vidal said on Friday that she does not support the dam.\n",
    )
    with Ledger(ledger_url) as ledger:
        ledger.ingest([folder, dam], workers=0, published="2016-03-14")
        ledger.ingest([later], workers=0, published="2016-03-15")
        ledger.ingest([EXAMPLE], workers=0, published="2024-03-14")
        yield ledger


def _pages(read: Callable[[int], list[Any]], size: int) -> list[Any]:
    out: list[Any] = []
    for offset in range(0, 1000, size):
        page = read(offset)
        out.extend(page)
        if len(page) < size:
            return out
    raise AssertionError("no last page")


@backends
def test_statements_and_search_page_with_offsets_and_counts(paged: Ledger) -> None:
    ledger = paged
    everyone = ledger.statements()
    assert ledger.count_statements() == len(everyone) > 36
    assert _pages(lambda o: ledger.statements(limit=7, offset=o), 7) == everyone
    ruiz = ledger.statements(speaker="Ana Ruiz")
    assert ledger.statements(speaker="Ana Ruiz", limit=1, offset=1) == ruiz[1:2]
    assert ledger.timeline("Ana Ruiz", limit=1, offset=1) == ruiz[1:2]
    assert ledger.count_statements(speaker="Ana Ruiz") == len(ruiz)
    assert ledger.count_statements(speaker="Nobody Known") == 0
    # The later article's mayor spoke "on Monday", the day before it came out, and told reporters the
    # rest that day too: of its three, only the unnamed official is dated to the day of printing.
    assert ledger.count_statements(since="2016-03-15", until="2016-03-15") == 1
    assert ledger.count_statements(since="2016-03-14", until="2016-03-14") > 24
    one = everyone[0].document.id
    in_one = ledger.statements(document=one)
    assert in_one and {s.document.id for s in in_one} == {one}
    assert ledger.count_statements(document=one, named=False) == len(
        ledger.statements(document=one, named=False)
    )

    hits = ledger.search("crowds ready", limit=None)
    assert len(hits) == ledger.count_statements(about="crowds ready") == 12
    assert _pages(lambda o: ledger.search("crowds ready", limit=5, offset=o), 5) == hits
    assert ledger.count_statements(about="NEAR(( OR") == 0 and ledger.search("NEAR(( OR", offset=3) == []
    # Filters narrow a search without changing its order; a filter matching nobody finds nothing.
    later = next(s.document.id for s in hits if s.document.published == "2016-03-15")
    direct = ledger.search("crowds ready", limit=None, kind="direct", document=later)
    assert [s.id for s in direct] == [s.id for s in hits if s.document.id == later and s.kind == "direct"]
    assert ledger.count_statements(about="crowds ready", kind="direct", document=later) == len(direct) == 1
    assert ledger.search("crowds ready", since="2016-03-15") == []  # told reporters on the Monday
    assert ledger.search("crowds ready", speaker="Nobody Known") == []
    toll = ledger.search("toll", limit=None)
    harbor = toll[0].document.id
    assert ledger.search("toll", limit=None, document=harbor) == [s for s in toll if s.document.id == harbor]
    assert ledger.search("toll", document=hits[0].document.id) == []


@backends
def test_reads_by_id(paged: Ledger) -> None:
    ledger = paged
    some = ledger.statements(speaker="Ana Ruiz")[0]
    assert ledger.statement(some.id) == some
    assert ledger.statement(10**9) is None
    for listed in ledger.people(limit=5):
        assert ledger.person(listed.id) == listed
    assert ledger.person(10**9) is None

    pid = some.person_id
    assert pid is not None
    days, undated = ledger.statement_days(pid)
    assert sum(n for _, n in days) + undated == ledger.person(pid).statements  # type: ignore[union-attr]
    assert [d for d, _ in days] == sorted({dt.date.fromisoformat(s.date) for s in ledger.timeline(pid)})
    assert ledger.statement_days(10**9) == ([], 0)


@backends
def test_people_contains_pages_and_counts(paged: Ledger) -> None:
    ledger = paged
    everyone = ledger.people()
    assert ledger.count_people() == len(everyone)
    assert _pages(lambda o: ledger.people(limit=4, offset=o), 4) == everyone
    ruiz = ledger.people(contains="rUIZ")
    assert [p.name for p in ruiz] == ["Ana Ruiz"] and ledger.count_people(contains="rUIZ") == 1
    # An alias counts: Vidal is found by the name she goes by in the second sentence, and LIKE's
    # wildcards are plain characters.
    assert "Rosa Vidal" in {p.name for p in ledger.people(contains="vidal")}
    assert ledger.people(contains="%") == [] and ledger.count_people(contains="_") == 0
    assert ledger.count_people(name="Ana Ruiz") == len(ledger.people(name="Ana Ruiz")) == 1


@backends
def test_contradictions_page_by_document(paged: Ledger) -> None:
    ledger = paged
    vidal = ledger.statements(speaker="Rosa Vidal")
    assert len(vidal) == 2
    ledger.add_contradiction(vidal[1].id, vidal[0].id, score=0.01, kind="test", explanation="x")
    everything = ledger.contradictions()
    assert ledger.count_contradictions() == len(everything) >= 1
    assert _pages(lambda o: ledger.contradictions(limit=1, offset=o), 1) == everything
    dam = vidal[0].document.id
    in_dam = ledger.contradictions(document=dam)
    assert in_dam and all(dam in (c.a.document.id, c.b.document.id) for c in in_dam)
    assert ledger.count_contradictions(document=dam) == len(in_dam)
    for scope in ("ledger", "document"):
        listed = ledger.contradictions(speaker="Rosa Vidal", scope=scope)
        assert ledger.count_contradictions(speaker="Rosa Vidal", scope=scope) == len(listed)
    assert (
        ledger.count_contradictions(speaker="Rosa Vidal")
        == len(ledger.contradictions(speaker="Rosa Vidal"))
        >= 1
    )
    assert ledger.count_contradictions(speaker="Nobody Known") == 0
    assert ledger.contradictions(document="0" * 64) == []


@backends
def test_documents_list_and_one_document(paged: Ledger) -> None:
    ledger = paged
    docs = ledger.documents()
    assert ledger.count_documents() == len(docs) == 14
    assert [d.published for d in docs[:2]] == ["2024-03-14", "2016-03-15"]  # newest first
    assert _pages(lambda o: ledger.documents(limit=3, offset=o), 3) == docs
    assert sum(d.statements for d in docs) == ledger.count_statements()
    harbor = ledger.documents(contains="gullWING")
    assert len(harbor) == 1 and ledger.count_documents(contains="gullWING") == 1
    assert ledger.count_documents(contains="article-0") == 12 and ledger.documents(contains="%") == []

    detail = ledger.document(harbor[0].id)
    assert detail is not None and detail.summary == harbor[0]
    assert detail.summary.to_dict()["statements"] == len(detail.statements) >= 15
    starts = [s.content_spans[0][0] for s in detail.statements]
    assert starts == sorted(starts)  # text order, not date order
    for s in detail.statements:
        for start, end in s.content_spans:
            assert detail.text[start:end] in s.content_text
    assert detail.title_span is not None
    assert detail.text[slice(*detail.title_span)].startswith("Harbor City Council Approves Gullwing Bridge")
    assert {"Share this article", "Advertisement"} <= {r.text for r in detail.removed}
    assert "Ines Tavernier" in {p.name for p in detail.people}
    assert detail.contradictions == ledger.contradictions(document=harbor[0].id)
    assert ledger.document("0" * 64) is None


@backends
def test_find_person_takes_a_surname_or_first_name_and_refuses_to_guess(
    ledger_url: str, tmp_path: Path
) -> None:
    from onrecord.ledger import AmbiguousName

    text = (
        "Farm bill\n\nBill Clinton said on Monday that farmers need help. Hillary Clinton said on "
        "Tuesday that the bridge will open. Mayor Ana Ruiz said on Monday that the library will close.\n"
    )
    _write(tmp_path / "in", "a.txt", text)
    with Ledger(ledger_url) as ledger:
        ledger.ingest([tmp_path / "in"], workers=0, published="2024-06-14")
        ana = ledger.find_person("Ana Ruiz")
        assert ana is not None and ledger.find_person("Ruiz") == ledger.find_person("ana") == ana
        assert ledger.find_person("Nobody") is None
        with pytest.raises(AmbiguousName) as raised:
            ledger.find_person("Clinton")
        assert sorted(p.name for p in raised.value.candidates) == ["Bill Clinton", "Hillary Clinton"]
        assert "#" in str(raised.value)
        for query in (
            lambda: ledger.statements(speaker="Clinton"),
            lambda: ledger.count_statements(speaker="Clinton"),
            lambda: ledger.search("farmers", speaker="Clinton"),
            lambda: ledger.timeline("Clinton"),
            lambda: ledger.contradictions(speaker="Clinton"),
        ):
            with pytest.raises(AmbiguousName):
                query()
        assert [s.person_name for s in ledger.statements(speaker="Ruiz")] == ["Ana Ruiz"]


@backends
def test_search_takes_prefixes_or_and_phrases_alike_on_both_backends(ledger_url: str, tmp_path: Path) -> None:
    said = {
        "a.txt": "Mayor Ana Ruiz said on Monday that the library will close in May.",
        "b.txt": "Chief Omar Haddad said on Tuesday that the libraries need more money.",
        "c.txt": "Mayor Ana Ruiz said on Wednesday that the new bridge toll is fair.",
        "d.txt": "Chief Omar Haddad said on Thursday that the tunnel will open late.",
    }
    for name, text in said.items():
        _write(tmp_path / "in", name, f"News {name}\n\n{text}\n")
    with Ledger(ledger_url) as ledger:
        ledger.ingest([tmp_path / "in"], workers=0, published="2024-06-14")

        def found(query: str, **filters: Any) -> set[str]:
            rows = ledger.search(query, limit=None, **filters)
            assert ledger.count_statements(about=query, **filters) == len(rows), query
            return {Path(s.document.source).name for s in rows}

        assert found("librar*") == {"a.txt", "b.txt"}
        assert found("bridge OR tunnel") == {"c.txt", "d.txt"}
        assert found("bridge OR tunnel open") == {"d.txt"}  # OR binds first, then AND
        assert found('"bridge toll"') == {"c.txt"} and found('"toll bridge"') == set()
        assert found('"new bridge" OR librar*') == {"a.txt", "b.txt", "c.txt"}
        assert found("librar*", speaker="Haddad") == {"b.txt"}
        assert found("librar* OR tunnel", since="2024-06-12", until="2024-06-13") == {"d.txt"}
        assert found("OR") == found('"') == found("*") == set()
        assert found('NEAR(( "x') == set()


@backends
def test_delete_document_takes_what_was_read_from_it(ledger_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "in", "a.txt", "A\n\nMayor Ana Ruiz said on Monday that the library will reopen.\n")
    _write(tmp_path / "in", "b.txt", "B\n\nChief Omar Haddad said on Monday that the ferry will run.\n")
    with Ledger(ledger_url) as ledger:
        ledger.ingest([tmp_path / "in"], workers=0, published="2024-06-14")
        doc = _doc_id(ledger, "a.txt")
        with pytest.raises(LedgerError):
            ledger.delete_document(doc[:3])
        gone = ledger.delete_document(doc[:8])
        assert gone.id == doc and gone.statements == 1
        assert ledger.document(doc) is None and ledger.search("library") == []
        assert [p.name for p in ledger.people()] == ["Omar Haddad"]
        assert ledger.corrections() == []
        with pytest.raises(LedgerError, match="no document"):
            ledger.delete_document(doc)


# ------------------------------------------------------------------------------ reported reversals

REVERSAL_ARTICLE = """Harbor Mayor Sells The Park

Mayor Ines Carvalho said on Monday that the park must be sold to pay for the new bridge.

Despite saying in May that she would never sell the park, Ines Carvalho announced its sale.

Governor Lena Okafor walked back her comments that the ferry would close.
"""


@backends
def test_reported_reversals_are_stored_once_with_their_person_and_go_with_their_document(
    ledger_url: str, tmp_path: Path
) -> None:
    """Issue 15: a reversal the article reports is stored (holder resolved to the statements' person,
    evidence, cue, earlier position with its date); reading the article again adds nothing, and
    deleting the document removes its reversals."""
    path = _write(tmp_path / "in", "park.txt", REVERSAL_ARTICLE)
    with Ledger(ledger_url) as ledger:
        assert ledger.ingest([path], workers=0, published="2024-03-14").stored == 1
        found = ledger.reversals()
        assert {r.person_name for r in found} == {"Ines Carvalho", "Lena Okafor"}
        carvalho = next(r for r in found if r.person_name == "Ines Carvalho")
        text = ledger.document(carvalho.document.id).text  # type: ignore[union-attr]
        assert text[slice(*carvalho.evidence_span)] == carvalho.evidence_text
        assert text[slice(*carvalho.cue_span)] == carvalho.cue_text == "saying"
        assert carvalho.earlier is not None and "never sell the park" in carvalho.earlier.text
        assert carvalho.earlier.date == "2023-05"
        assert carvalho.document.published == "2024-03-14"
        # The holder is the ledger person her statement has.
        said = ledger.statements(speaker="Ines Carvalho")
        assert said and {s.person_id for s in said} == {carvalho.person_id}
        assert ledger.reversals(speaker="Carvalho") == [carvalho]
        assert ledger.count_reversals() == 2 and ledger.count_reversals(until="2024-03-13") == 0
        d = carvalho.to_dict()
        assert d["kind"] == "reported" and d["a"] is None and d["evidence"]["text"] == carvalho.evidence_text

        again = ledger.ingest([path], workers=0, published="2024-03-14")
        assert (again.stored, again.skipped) == (0, 1)
        assert ledger.count_reversals() == 2

        with ledger.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM documents WHERE id = :id"), {"id": carvalho.document.id})
        assert ledger.reversals() == [] and ledger.count_reversals() == 0


@backends
def test_a_reversal_carried_word_for_word_by_two_articles_is_listed_once_with_both(
    ledger_url: str, tmp_path: Path
) -> None:
    """Wire copy: the same sentence in two articles is one reported reversal in the list, its first
    copy in the list's order, naming both articles; a filter on one article still finds its copy."""
    first = _write(tmp_path / "in", "park.txt", REVERSAL_ARTICLE)
    # another article, not a copy of the first (the ledger folds those whole), with the same sentence
    copy = (
        "The Latest: Harbor Park Sale\n\n"
        "The city council will vote on the bridge budget next week, council clerk Tomas Ibsen said.\n\n"
        "Despite saying in May that she would never sell the park, Ines Carvalho announced its sale.\n\n"
        "Residents gathered outside city hall on Friday evening, and the protest stayed peaceful.\n"
    )
    second = _write(tmp_path / "in2", "latest.txt", copy)
    with Ledger(ledger_url) as ledger:
        ledger.ingest([first], workers=0, published="2024-03-14")
        ledger.ingest([second], workers=0, published="2024-03-15")
        found = ledger.reversals()
        assert ledger.count_reversals() == len(found) == 2
        carvalho = next(r for r in found if r.holder_text == "Ines Carvalho")
        # the copy whose holder is a ledger person comes first (the newer article never names her as a
        # speaker, so there she stays unresolved)
        assert carvalho.copies == 2 and carvalho.person_name == "Ines Carvalho"
        titles = [s["title"] for s in carvalho.sources]
        assert titles == ["Harbor Mayor Sells The Park", "The Latest: Harbor Park Sale"]
        assert carvalho.to_dict()["sources"] == [dict(s) for s in carvalho.sources]
        newer = _doc_id(ledger, "latest.txt")
        (own,) = ledger.reversals(document=newer)
        assert own.document.id == newer and own.person_id is None
        assert ledger.count_reversals(speaker="Okafor") == 1


@backends
def test_merging_people_moves_their_reported_reversals(ledger_url: str, tmp_path: Path) -> None:
    path = _write(tmp_path / "in", "park.txt", REVERSAL_ARTICLE)
    with Ledger(ledger_url) as ledger:
        ledger.ingest([path], workers=0, published="2024-03-14")
        okafor = next(r for r in ledger.reversals() if r.person_name == "Lena Okafor")
        ledger.merge_people("Ines Carvalho", "Lena Okafor")
        (moved,) = [r for r in ledger.reversals() if r.id == okafor.id]
        assert moved.person_name == "Ines Carvalho"


@backends
def test_splitting_a_person_moves_the_reversals_of_the_documents_split_off(
    ledger_url: str, tmp_path: Path
) -> None:
    path = _write(tmp_path / "in", "park.txt", REVERSAL_ARTICLE)
    with Ledger(ledger_url) as ledger:
        ledger.ingest([path], workers=0, published="2024-03-14")
        carvalho = next(r for r in ledger.reversals() if r.person_name == "Ines Carvalho")
        other = ledger.split_person(
            "Ines Carvalho", documents=[carvalho.document.id], into="Ines Carvalho Jr."
        )
        (moved,) = [r for r in ledger.reversals() if r.id == carvalho.id]
        assert moved.person_id == other.id and moved.person_name == "Ines Carvalho Jr."


@backends
def test_migration_0006_upgrades_a_ledger_with_documents_and_downgrades(
    ledger_url: str, tmp_path: Path
) -> None:
    """A ledger written before 0006 keeps its rows and gets an empty ``reported_reversals`` table (its
    documents are not re-read: that needs the pipeline); downgrading drops the table alone."""
    from alembic import command
    from alembic.config import Config

    from onrecord.ledger.engine import MIGRATIONS

    path = _write(tmp_path / "in", "park.txt", REVERSAL_ARTICLE)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with Ledger(ledger_url) as ledger:
        ledger.ingest([path], workers=0, published="2024-03-14")
        assert ledger.count_reversals() == 2
        # Counted first: a ledger at 0005 lacks columns (0007's) that this code's queries read.
        statements = ledger.count_statements()
        with ledger.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
        assert "reported_reversals" not in sa.inspect(ledger.engine).get_table_names()
        url = ledger.url
    with Ledger(url) as ledger:  # opening applies 0006
        assert "reported_reversals" in sa.inspect(ledger.engine).get_table_names()
        assert ledger.count_reversals() == 0 and ledger.count_statements() == statements


# ------------------------------------------------------------------------------- undoing corrections

_PERSON_TABLES = (
    "people",
    "aliases",
    "document_people",
    "mentions",
    "statements",
    "reported_reversals",
    "contradictions",
    "identity_rules",
)


def _snapshot(ledger: Ledger) -> dict[str, list[tuple]]:
    """Every row of every table a correction touches, ids and timestamps included."""
    with ledger.engine.connect() as conn:
        return {
            name: sorted(
                (tuple(str(v) for v in row) for row in conn.execute(sa.select(metadata.tables[name]))),
            )
            for name in _PERSON_TABLES
        }


@backends
def test_merges_and_splits_are_logged_and_undone_exactly(ledger_url: str, tmp_path: Path) -> None:
    """A merge and a split, listed newest first with what they moved; undoing them (in any order when
    they touch different people) gives back the ledger as it was, row for row and id for id."""
    folder = tmp_path / "in"
    _write(folder, "a.txt", "Farm bill\n\nBill Clinton said on Monday that farmers need help.\n")
    _write(folder, "b.txt", "Speech\n\nWilliam Clinton said on Monday that the deficit is falling.\n")
    _write(folder, "c.txt", "Rally\n\nDonald Trump said on Monday that the wall will be built.\n")
    _write(folder, "d.txt", "Tour\n\nTrump told the crowd on Thursday that he loves Iowa.\n")
    _write(folder, "park.txt", REVERSAL_ARTICLE)
    with Ledger(ledger_url) as ledger:
        ledger.ingest([folder], workers=0, published="2016-08-05")
        before = _snapshot(ledger)
        william = ledger.find_person("William Clinton")
        ledger.merge_people("Bill Clinton", "William Clinton")
        ledger.merge_people("Ines Carvalho", "Lena Okafor")
        fred = ledger.split_person("Donald Trump", documents=[_doc_id(ledger, "d.txt")], into="Fred Trump")
        log = ledger.corrections()
        assert [c.action for c in log] == ["split", "merge", "merge"]
        split, reversal_merge, merge = log
        assert (merge.person_name, merge.other_name, merge.other_id) == (
            "Bill Clinton",
            "William Clinton",
            william,
        )
        assert merge.moved["statements"] == 1 and merge.moved["mentions"] == 1 and merge.moved["aliases"] >= 1
        assert reversal_merge.moved["reported_reversals"] == 1
        assert (split.other_id, split.other_name, split.moved["statements"]) == (fred.id, "Fred Trump", 1)
        assert ledger.corrections(limit=1, offset=1) == [reversal_merge]

        undone = ledger.undo_correction(merge.id)
        assert undone.undone_at is not None and ledger.correction(merge.id) == undone
        back = ledger.person(william)  # type: ignore[arg-type]
        assert back is not None and back.name == "William Clinton" and back.statements == 1
        assert ledger.find_people("William Clinton") == [william]
        with pytest.raises(LedgerError, match="undone already"):
            ledger.undo_correction(merge.id)
        ledger.undo_correction(split.id)
        ledger.undo_correction(reversal_merge.id)
        assert _snapshot(ledger) == before
        assert ledger.person(fred.id) is None
        with pytest.raises(LedgerError, match="no correction #999"):
            ledger.undo_correction(999)


@backends
def test_an_undo_the_ledger_has_moved_past_is_refused_with_the_reason(
    ledger_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    _write(folder, "a.txt", "Farm bill\n\nBill Clinton said on Monday that farmers need help.\n")
    _write(folder, "b.txt", "Speech\n\nWilliam Clinton said on Monday that the deficit is falling.\n")
    _write(folder, "c.txt", "Rally\n\nDonald Trump said on Monday that the wall will be built.\n")
    _write(folder, "d.txt", "Tour\n\nTrump told the crowd on Thursday that he loves Iowa.\n")
    with Ledger(ledger_url) as ledger:
        ledger.ingest([folder], workers=0, published="2016-08-05")
        # A later correction of the same people must be undone first.
        ledger.merge_people("Bill Clinton", "William Clinton")
        ledger.split_person("Bill Clinton", aliases=["William Clinton"])
        split, merge = ledger.corrections()
        statements = ledger.count_statements(speaker="Bill Clinton")
        with pytest.raises(LedgerError, match=rf"undo #{split.id} first"):
            ledger.undo_correction(merge.id)
        assert ledger.count_statements(speaker="Bill Clinton") == statements
        ledger.undo_correction(split.id)
        ledger.undo_correction(merge.id)
        # A person a split made, given an article read since (by the split's rule), cannot just go.
        fred = ledger.split_person("Donald Trump", aliases=["Trump"], into="Fred Trump")
        later = _write(tmp_path / "later", "e.txt", "Visit\n\nTrump said on Friday that Ohio is great.\n")
        ledger.ingest([later], workers=0, published="2016-08-06")
        assert ledger.person(fred.id).statements == 2  # type: ignore[union-attr]
        with pytest.raises(LedgerError, match=rf"person #{fred.id} Fred Trump has statements"):
            ledger.undo_correction(ledger.corrections()[0].id)
        assert ledger.person(fred.id).statements == 2  # type: ignore[union-attr]
