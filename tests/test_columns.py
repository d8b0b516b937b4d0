"""One column layout: the same article written through both Parquet paths (``onrecord export --format
parquet`` from a ledger, and the Ray path's statement rows) has the same columns, types and values; the
CSV export has the same column names; the statement kinds come from the model's type."""

from __future__ import annotations

import csv
import typing
from pathlib import Path

import pytest

import onrecord
from onrecord.ledger import Ledger
from onrecord.ledger.columns import flat_names
from onrecord.model import STATEMENT_KINDS, StatementKind
from onrecord.scale import rows as R

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

#: Ids only a ledger gives (null in the Ray path's Parquet, which writes no ledger).
LEDGER_IDS = ("statement_id", "person_id")


def _record() -> onrecord.Record:
    example = Path(onrecord.__file__).with_name("examples") / "harbor-city-council.txt"
    return onrecord.read(example, published="2024-03-14")


def test_both_parquet_paths_and_csv_write_one_layout(tmp_path: Path) -> None:
    record = _record()
    # The Ray path: statement rows as its writers get them; Hive partitioning keeps ``year`` out of
    # the files (it is in the folder name), so it is dropped as ``write_parquet(partition_cols=...)``.
    ray_file = tmp_path / "ray.parquet"
    pq.write_table(R.table(R.statement_rows(record), R.statement_schema()).drop_columns(["year"]), ray_file)
    export_file, csv_file = tmp_path / "export.parquet", tmp_path / "export.csv"
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        assert ledger.add(record) == len(record.statements) > 0
        ledger.export("parquet", export_file)
        ledger.export("csv", csv_file)

    ray, export = pq.read_table(ray_file), pq.read_table(export_file)
    assert ray.schema.names == export.schema.names == flat_names()
    assert ray.schema == export.schema
    assert export.schema.field("content_spans").type == pa.list_(pa.list_(pa.int64()))

    by_local = {r["local_id"]: r for r in export.to_pylist()}
    for row in ray.to_pylist():
        stored = by_local[row["local_id"]]
        assert row["statement_id"] is None and stored["statement_id"] is not None
        assert row["person_id"] is None and (stored["person_id"] is None) == (row["person_name"] is None)
        same = {k: v for k, v in row.items() if k not in LEDGER_IDS}
        assert same == {k: v for k, v in stored.items() if k not in LEDGER_IDS}, row["local_id"]
    assert any(r["said_on_start"] for r in by_local.values())
    assert any(r["person_key"] for r in by_local.values())

    with csv_file.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == flat_names()


def test_empty_csv_export_has_the_header(tmp_path: Path) -> None:
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        assert ledger.export("csv", tmp_path / "none.csv") == 0
    assert (tmp_path / "none.csv").read_text(encoding="utf-8").strip() == ",".join(flat_names())


def test_statement_kinds_come_from_the_model() -> None:
    from onrecord.commands.ledger import Kind
    from onrecord.evaluation.polnear import KINDS
    from onrecord.web import queries, schemas

    assert typing.get_args(StatementKind) == STATEMENT_KINDS
    assert KINDS == queries.KINDS == STATEMENT_KINDS
    assert [k.value for k in Kind] == list(STATEMENT_KINDS)
    assert typing.get_args(schemas.Kind) == STATEMENT_KINDS
