"""Writing statements and the contradictions lists out: JSON lines, CSV and Parquet, with the one column
layout of ``ledger.columns``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from onrecord.ledger.columns import (
    csv_row,
    flat_names,
    flat_schema,
)
from onrecord.ledger.errors import LedgerError
from onrecord.ledger.rows import StoredContradiction, StoredReversal, StoredStatement


def write_rows(
    rows: Iterable[StoredStatement] | Iterable[StoredContradiction | StoredReversal],
    format: str,
    stream: IO[str],
    *,
    columns: Sequence[str] | None = None,
) -> int:
    """Write statements (or anything else with ``to_dict`` and ``flat``: the contradictions lists) as
    JSON lines or CSV (a header, then flat rows) to a text stream; ``columns`` are the CSV's (default:
    the statements', from ``ledger.columns``)."""
    n = 0
    if format == "jsonl":
        for s in rows:
            stream.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
    # the statements' columns, or the columns a caller names (the contradictions lists)
    writer = csv.DictWriter(stream, fieldnames=list(columns) if columns is not None else flat_names())
    writer.writeheader()
    for s in rows:
        writer.writerow(csv_row(s.flat()))
        n += 1
    return n


def export_parquet(rows: Iterable[StoredStatement], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise LedgerError("parquet export needs pyarrow: pip install 'onrecord[parquet]'") from err
    schema = flat_schema()
    n = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), schema) as writer:
        for s in rows:
            batch.append(s.flat())
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
