"""The Ray path (``onrecord.scale.ray_job``) against the local path, on a local Ray of 2 CPUs.

A real multi-node start (a head and a worker joined over the network) is not possible on this machine,
so ``ray.init(num_cpus=2)`` stands in: the same actors, tasks, object store and Parquet writers, on one
node. The 200 BBC articles (../shared; skipped when absent, failing under CI=true) plus a few bad
inputs, a JSONL dump and a WARC archive go through both ``onrecord.read_all`` and ``run_ray_ingest``,
and every statement (ids, spans, speakers, dates) and every failure must agree. Skips when Ray is not
installed, except under CI=true, where the ``ray`` extra is installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from test_ledger_support import ledger_url_fixture, write_articles  # noqa: F401

if importlib.util.find_spec("ray") is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true needs the 'ray' extra (pip install -e '.[ray]')", pytrace=False)
    pytest.skip("the 'ray' extra is not installed", allow_module_level=True)

import pyarrow.dataset as pads
import pyarrow.parquet as pq

import onrecord
from onrecord.errors import InputError
from onrecord.ledger import Ledger
from onrecord.scale.ray_job import run_ray_ingest

TOPICS = ("business", "entertainment", "politics", "sport", "tech")
PER_TOPIC = 40


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One local Ray of 2 CPUs for the module, so its start-up is paid once."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def _other_inputs(folder: Path) -> list[str]:
    """Bad inputs and archives: a missing file, binary data, an empty file, a JSONL dump with one good
    and one bad line, and a gzipped WARC with two articles and an index page (no article)."""
    from test_ingest_archives import write_warc

    folder.mkdir(parents=True, exist_ok=True)
    write_warc(folder / "crawl.warc.gz", gzipped=True)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (folder / "empty.txt").write_bytes(b"")
    good = "Mayor Ana Ruiz said on Monday that the bridge will reopen next week."
    (folder / "dump.jsonl").write_text(
        json.dumps({"text": good, "url": "https://example.org/a", "published": "2024-03-14"})
        + "\n{not json\n",
        encoding="utf-8",
    )
    return [
        str(folder / "missing.txt"),
        str(folder / "binary.txt"),
        str(folder / "empty.txt"),
        str(folder / "dump.jsonl"),
        str(folder / "crawl.warc.gz"),
    ]


def _local_key(stmt: Any) -> tuple:
    d = stmt.to_dict()
    sp, said = d["speaker"] or {}, d["said_on"] or {}
    return (
        d["id"],
        d["kind"],
        d["cue_class"],
        d["content"]["text"],
        tuple(tuple(s) for s in d["content"]["spans"]),
        (d["cue"] or {}).get("text"),
        tuple((d["cue"] or {}).get("span") or ()),
        sp.get("text"),
        tuple(sp.get("span") or ()),
        sp.get("person"),
        sp.get("named", False),
        sp.get("description"),
        said.get("start"),
        said.get("end"),
        said.get("precision"),
        said.get("basis"),
        d["question"],
        d["confidence"],
        d["rule"],
        tuple(tuple(s) for s in d.get("repeated_at", [])),
    )


def _ray_key(row: dict[str, Any]) -> tuple:
    return (
        row["local_id"],
        row["kind"],
        row["cue_class"],
        row["content_text"],
        tuple(tuple(s) for s in row["content_spans"]),
        row["cue_text"],
        (row["cue_start"], row["cue_end"]) if row["cue_start"] is not None else (),
        row["speaker_text"],
        (row["speaker_start"], row["speaker_end"]) if row["speaker_start"] is not None else (),
        row["speaker_local"],
        row["named"],
        row["description"],
        row["said_on_start"],
        row["said_on_end"],
        row["said_on_precision"],
        row["said_on_basis"],
        row["question"],
        row["confidence"],
        row["rule"],
        tuple(tuple(s) for s in row["repeated_at"]),
    )


def _by_document(pairs: Iterator[tuple[str, tuple]]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for doc_id, key in pairs:
        out.setdefault(doc_id, []).append(key)
    return {k: sorted(v, key=lambda t: int(t[0].lstrip("s"))) for k, v in out.items()}


@pytest.mark.shared
def test_ray_gives_the_local_statements_and_failures_on_200_bbc_articles(
    local_ray: None, tmp_path: Path
) -> None:
    bbc = shared_path("data", "bbc")
    articles = [str(p) for t in TOPICS for p in sorted((bbc / t).glob("*.txt"))[:PER_TOPIC]]
    assert len(articles) == 200
    paths = articles + _other_inputs(tmp_path / "other")

    local = list(onrecord.read_all(paths))
    local_errors = {(e.source, e.reason) for e in local if isinstance(e, InputError)}
    records = [r for r in local if not isinstance(r, InputError)]
    # 200 articles, the JSONL's good line and the WARC's two articles; 5 failures (one in the WARC).
    assert len(local_errors) == 5 and len(records) == 203

    out = tmp_path / "parquet"
    report = run_ray_ingest(paths, parquet_dir=out, db_url=str(tmp_path / "ledger.sqlite3"))

    # Failures: every one collected, with the local path's source and reason, none dropped.
    assert {(f.source, f.reason) for f in report.failures} == local_errors
    assert {f.stage for f in report.failures} == {"read"}
    failures = pq.read_table(out / "failures.parquet").to_pylist()
    assert {(f["source"], f["reason"]) for f in failures} == local_errors
    assert report.seen == 200 + 3 + 2 + 3  # files, the dump's two lines, the WARC's three pages
    assert report.parsed == len(records)

    # Statements: the same in every field the output contract has.
    expected = _by_document((r.document.id, _local_key(s)) for r in records for s in r.statements)
    table = pads.dataset(out / "statements", partitioning="hive").to_table()
    got = _by_document((row["document_id"], _ray_key(row)) for row in table.to_pylist())
    assert sum(map(len, expected.values())) == table.num_rows == report.statements > 500
    assert got == expected
    documents = pq.read_table(out / "documents").to_pylist()
    assert {d["document_id"] for d in documents if d["status"] == "parsed"} == {
        r.document.id for r in records
    }

    # The ledger: every distinct document stored once, with its statements.
    unique = {r.document.id: len(r.statements) for r in records}
    assert report.stored + report.skipped == len(records)
    assert report.stored == len(unique)
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        counts = ledger.counts()
    assert counts["documents"] == len(unique)
    assert counts["statements"] == report.stored_statements == sum(unique.values())

    # Again, into the same ledger: every document is known, so nothing is parsed or stored twice.
    again = run_ray_ingest(articles, db_url=str(tmp_path / "ledger.sqlite3"))
    assert (again.parsed, again.stored, again.skipped, again.failures) == (0, 0, 200, [])
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        assert ledger.counts() == counts


@pytest.mark.parametrize("ledger_url", ["postgresql"], indirect=True)
def test_ray_workers_write_a_postgresql_ledger_idempotently(
    local_ray: None, tmp_path: Path, ledger_url: str
) -> None:
    """Many writers: the parse actors store their own documents (``ledger_writes="workers"``)."""
    paths = [str(p) for p in write_articles(tmp_path / "in", 12)]
    first = run_ray_ingest(paths, db_url=ledger_url, ledger_writes="workers")
    assert (first.stored, first.skipped, first.failures) == (12, 0, [])
    again = run_ray_ingest(paths, db_url=ledger_url, ledger_writes="workers")
    assert (again.stored, again.skipped, again.parsed) == (0, 12, 0)  # known ids are not even parsed
    with Ledger(ledger_url) as ledger:
        assert ledger.counts()["documents"] == 12
        assert ledger.counts()["statements"] == first.stored_statements > 12


def test_ray_refuses_stdin_and_a_used_parquet_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="standard input"):
        run_ray_ingest(["-"], parquet_dir=tmp_path / "a")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x.parquet").write_bytes(b"")
    with pytest.raises(ValueError, match="not empty"):
        run_ray_ingest(["x.txt"], parquet_dir=tmp_path / "used")


def test_ray_pairing_by_person_finds_a_flip_across_documents(local_ray: None, tmp_path: Path) -> None:
    from onrecord.contradictions import ledger_pairs
    from onrecord.scale.ray_pairs import run_ray_pairing, store_pairs

    said = [
        ("2020-01-08", "Mayor Ana Ruiz said on Monday that she supports the new toll on the bridge."),
        ("2021-06-03", "Mayor Ana Ruiz said on Tuesday that she opposes the new toll on the bridge."),
        ("2021-06-04", "Mayor Ana Ruiz said on Wednesday that she opposes the new toll on the bridge."),
        ("2021-06-05", "Chief Omar Haddad said on Thursday that the ferry will run at night."),
    ]
    dump = tmp_path / "said.jsonl"
    dump.write_text("".join(json.dumps({"text": t, "published": d}) + "\n" for d, t in said))
    db = str(tmp_path / "ledger.sqlite3")
    run_ray_ingest([str(dump)], parquet_dir=tmp_path / "pq", db_url=db)

    from_parquet = run_ray_pairing(parquet_dir=tmp_path / "pq", out=tmp_path / "pairs.parquet")
    # 2020 "supports" against 2021 "opposes": the two 2021 reports say the same words, so they fold
    # into one claim (issue 15, "fold repeats") and make one pair, not two.
    assert from_parquet.pairs == 1 and from_parquet.people == 1
    rows = pq.read_table(tmp_path / "pairs.parquet").to_pylist()
    assert {r["person_key"] for r in rows} == {"ana ruiz"}
    assert all(r["a_date"] > r["b_date"] == "2020-01-06" for r in rows)
    assert all("opposes" in r["a_text"] and "supports" in r["b_text"] for r in rows)

    from_ledger = run_ray_pairing(db_url=db)
    assert (from_ledger.pairs, from_ledger.stored) == (1, 1)
    # The same pairs, scores and evidence as the local pairing of the ledger (lemma vectors, no claims).
    with Ledger(db) as ledger:
        local = ledger_pairs.pair_ledger(ledger, embeddings=False, claims=False, save=False).found
    assert {(str(f.a.key), str(f.b.key), f.score, f.kind) for f in local} == {
        (r["a_ref"], r["b_ref"], r["score"], r["kind"]) for r in from_ledger.rows
    }
    with Ledger(db) as ledger:
        assert store_pairs(ledger, from_ledger.rows) == (1, 0)  # a re-run replaces, never doubles
        assert ledger.counts()["contradictions"] == 1
        assert {c.scope for c in ledger.contradictions()} == {"ledger"}
