"""The table shapes of the Ray path (``onrecord.scale.rows``), which need no Ray: units, input rows and
statement rows must carry everything the local path uses, so the Ray path can give the same results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest.corpora import CorpusInput
from onrecord.ingest.sources import RawInput
from onrecord.ledger.columns import person_key
from onrecord.scale import rows as R

pa = pytest.importorskip("pyarrow")  # comes with the ray extra (ray[data])


def test_plan_units_lists_folders_file_by_file_in_the_local_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-")
    empty = tmp_path / "empty"
    empty.mkdir()
    units = R.plan_units([str(tmp_path), str(empty), "missing.txt", "dump.jsonl"])
    assert [u.path for u in units] == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "2.txt"),
        str(empty),  # passed on whole, so the reader reports it with the local message
        "missing.txt",
        "dump.jsonl",
    ]
    assert [u.index for u in units] == [0, 1, 2, 3, 4]


def test_input_rows_round_trip_raw_and_corpus_inputs_through_arrow() -> None:
    raw = RawInput("a.html", b"<p>x</p>", published="2024-01-02", url="https://x.org/a", kind="html")
    corpus = CorpusInput(
        "r#1", b"text", published="1987-02-26", title="T", publisher="Reuters", authors=["A"]
    )
    error = InputError("bad.txt", "looks like binary data")
    table = R.table(
        [R.input_row(0, i, item) for i, item in enumerate([raw, corpus, error])], R.input_schema()
    )
    back = table.to_pylist()
    assert R.raw_from_row(back[0]) == raw
    assert R.raw_from_row(back[1]) == corpus
    assert isinstance(R.raw_from_row(back[1]), CorpusInput)
    assert back[2]["error"] == "looks like binary data" and back[2]["source"] == "bad.txt"


def test_statement_rows_hold_the_output_contract_and_keep_a_fixed_schema() -> None:
    import onrecord

    example = Path(onrecord.__file__).with_name("examples") / "harbor-city-council.txt"
    record = onrecord.read(example, published="2024-03-14")
    rows = R.statement_rows(record)
    assert len(rows) == len(record.statements) > 0
    for row, stmt in zip(rows, record.statements, strict=True):
        contract = stmt.to_dict()
        assert row["local_id"] == contract["id"] and row["statement_id"] is None  # no ledger, no id
        assert row["content_spans"] == contract["content"]["spans"]
        assert row["content_text"] == contract["content"]["text"]
        assert row["said_on_start"] == (contract["said_on"] or {}).get("start")
        assert row["document_id"] == record.document.id and row["year"] == "2024"
        for start, end in row["content_spans"]:
            assert record.document.text[start:end] in row["content_text"]
    table = R.table(rows, R.statement_schema())
    assert table.schema == R.statement_schema()
    # A batch with nothing but nulls in a column still gets the column's type.
    assert R.table([], R.statement_schema()).schema == R.statement_schema()
    json.dumps(rows)  # rows travel between Ray stages as JSON


def test_person_key_matches_the_ledger_alias_key_and_years_fall_back() -> None:
    from onrecord.model import Person

    assert person_key(Person("p1", "Mr. Donald J. Trump")) == "donald trump"
    assert person_key(Person("p2", "The Federal Reserve", kind="organization")) == "org:federal reserve"
    assert person_key(None) is None
    assert R.year_of("1987-02-26") == "1987" and R.year_of(None) == R.UNKNOWN_YEAR
    assert isinstance(R.failure_schema(), pa.Schema)


def test_statement_rows_carry_the_values_the_ledger_stores(tmp_path: Path) -> None:
    """One column spec serves both layouts: a Parquet row and the ledger's row of the same statement hold
    the same values under the same names (dates as text in one, as dates in the other)."""
    import datetime as dt

    import sqlalchemy as sa

    import onrecord
    from onrecord.ledger import Ledger
    from onrecord.ledger import schema as t

    example = Path(onrecord.__file__).with_name("examples") / "harbor-city-council.txt"
    record = onrecord.read(example, published="2024-03-14")
    rows = R.statement_rows(record)
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        assert ledger.add(record) == len(rows)
        with ledger.engine.connect() as conn:
            stored = {r.local_id: r._mapping for r in conn.execute(sa.select(t.statements))}
    assert any(r["antecedent_text"] for r in rows) or any(r["cue_text"] for r in rows)
    for row in rows:
        ledger_row = stored[row["local_id"]]
        for column, value in row.items():
            if column not in t.statements.c or column in ("person_id", "document_id"):
                continue  # the document's fields, the person's columns and the ledger's own ids
            got = ledger_row[column]
            if isinstance(got, dt.date):
                got = got.isoformat()
            if column == "confidence":
                got = round(got, 3)
            assert got == value, (row["local_id"], column)
