"""The table shapes the Ray path moves and writes, kept free of Ray so they can be tested and reused alone.

Ray Data moves Arrow tables between processes and machines, so every object that crosses a stage is
turned into a row here and back again, with an explicit Arrow schema: a batch in which every ``cue`` is
null must still be written with the same column types as the others, or the Parquet files of one run
would not read back as one table.

- **units** (``plan_units``): what the driver enumerates. Only paths, never the articles themselves,
  so the driver stays small however large the archive: one unit per file of a folder, per
  ``reut2-NNN.json`` of a Reuters folder, per WARC or JSONL file, and one per other corpus or URL.
- **inputs** (``INPUT_SCHEMA``, ``input_rows``, ``raw_from_row``): one row per article read by a unit
  with onrecord's own readers (``onrecord.ledger.ingest.iter_all``: ``iter_inputs`` plus the corpus
  readers), bytes untouched, so that decoding and cleaning stay in ``load_document`` and the document id
  (the SHA-256 of those bytes) is the same as on the local path. A reader error is a row too, with its
  reason, so it travels in order with the rest and is reported, not dropped.
- **statements** (``statement_schema``, ``statement_rows``): one row per statement in the flat layout of
  ``onrecord.ledger.columns`` (the one ``onrecord export --format parquet`` writes), plus a ``year`` to
  partition by.
- **documents** and **failures**: one row per document read, one per input that failed, with the stage
  it failed in and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from onrecord.errors import InputError
from onrecord.ingest import formats
from onrecord.ingest.corpora import CorpusInput
from onrecord.ingest.raw import RawInput
from onrecord.ledger.columns import flat_row, flat_schema

if TYPE_CHECKING:
    import pyarrow as pa

    from onrecord.model import Record

#: Partition value for documents with no publication date (Hive partitioning needs a non-null value).
UNKNOWN_YEAR = "unknown"


# ------------------------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    """One piece of work for a read task: a path (file, archive, dump, corpus, URL) read whole."""

    index: int
    path: str


def plan_units(paths: Sequence[str]) -> list[Unit]:
    """Split the given paths into units that read tasks can take in parallel, in input order.

    Each path is split as its format says (``onrecord.ingest.formats.units``): a plain folder into its
    files (listed as ``iter_inputs`` lists them), a Reuters folder into its JSON files; PolNeAR and BBC
    stay whole (their metadata is per corpus and they are small), as do files, WARC archives, JSONL
    dumps and URLs. Anything else (a missing path, an empty folder) is passed through as given, so that
    the reader running on the worker reports it with the local path's own message. Standard input
    (``-``) cannot be shipped to a cluster and is refused by ``run_ray_ingest``.
    """
    return [Unit(i, p) for i, p in enumerate(p for given in paths for p in formats.units(given))]


# ------------------------------------------------------------------------------------------ inputs


def input_schema() -> pa.Schema:
    """One article as read from a unit: the raw bytes and what the container says about them."""
    import pyarrow as pa

    return pa.schema(
        [
            ("unit", pa.int64()),
            ("position", pa.int64()),
            ("source", pa.string()),
            ("data", pa.large_binary()),
            ("published", pa.string()),
            ("url", pa.string()),
            ("kind", pa.string()),
            ("published_fallback", pa.string()),
            ("corpus", pa.bool_()),
            ("title", pa.string()),
            ("publisher", pa.string()),
            ("authors", pa.list_(pa.string())),
            ("error", pa.string()),
        ]
    )


def input_row(unit: int, position: int, item: RawInput | InputError) -> dict[str, Any]:
    """A ``RawInput`` (or the ``InputError`` read in its place) as a row of ``input_schema``."""
    if isinstance(item, InputError):
        return {
            "unit": unit,
            "position": position,
            "source": item.source,
            "data": b"",
            "published": None,
            "url": None,
            "kind": None,
            "published_fallback": None,
            "corpus": False,
            "title": None,
            "publisher": None,
            "authors": [],
            "error": item.reason,
        }
    corpus = isinstance(item, CorpusInput)
    return {
        "unit": unit,
        "position": position,
        "source": item.source,
        "data": item.data,
        "published": item.published,
        "url": item.url,
        "kind": item.kind,
        "published_fallback": item.published_fallback,
        "corpus": corpus,
        "title": item.title if corpus else None,  # type: ignore[union-attr]
        "publisher": item.publisher if corpus else None,  # type: ignore[union-attr]
        "authors": list(item.authors) if corpus else [],  # type: ignore[union-attr]
        "error": None,
    }


def read_unit(unit: Unit) -> Iterator[dict[str, Any]]:
    """Every article of one unit as input rows, read with the local path's readers."""
    from onrecord.ledger.ingest import iter_all

    for position, item in enumerate(iter_all([unit.path])):
        yield input_row(unit.index, position, item)


def raw_from_row(row: dict[str, Any]) -> RawInput:
    """The ``RawInput`` (or ``CorpusInput``) a row of ``input_schema`` was made from."""
    common = {
        "source": row["source"],
        "data": bytes(row["data"]),
        "published": row["published"],
        "url": row["url"],
        "kind": row["kind"],
        "published_fallback": row["published_fallback"],
    }
    if row["corpus"]:
        return CorpusInput(
            **common, title=row["title"], publisher=row["publisher"], authors=list(row["authors"] or [])
        )
    return RawInput(**common)


# -------------------------------------------------------------------------------------- statements


def year_of(published: str | None) -> str:
    """The partition value for a publication date: its year, or ``unknown``."""
    if published and len(published) >= 4 and published[:4].isdigit():
        return published[:4]
    return UNKNOWN_YEAR


def statement_schema() -> pa.Schema:
    """One statement in the flat layout that ``onrecord export --format parquet`` writes too
    (``onrecord.ledger.columns``), plus the ``year`` the files are partitioned by (which Hive
    partitioning keeps in the folder names, not in the files)."""
    import pyarrow as pa

    return flat_schema().append(pa.field("year", pa.string()))


def statement_rows(record: Record) -> list[dict[str, Any]]:
    """One row per statement of a record (see ``statement_schema``), in the record's order.

    The columns and values are ``columns.flat_row``'s, as the ledger's export has them; the ledger's
    ids are null here (no ledger), so statements carry ``person_key`` to group a person by.
    """
    doc = record.document
    people = {p.id: p for p in record.people}
    year = year_of(doc.published)
    rows = []
    for s in record.statements:
        local = s.speaker.person if s.speaker else None
        person = people.get(local) if local else None
        rows.append(flat_row(doc, s, person) | {"year": year})
    return rows


# ------------------------------------------------------------------------------ documents, failures


def document_schema() -> pa.Schema:
    """One row per input: the document it became (or why it did not), and how it ended."""
    import pyarrow as pa

    return pa.schema(
        [
            ("unit", pa.int64()),
            ("position", pa.int64()),
            ("document_id", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("publisher", pa.string()),
            ("published", pa.string()),
            ("year", pa.string()),
            ("chars", pa.int64()),
            ("words", pa.int64()),
            ("statements", pa.int64()),
            ("people", pa.int64()),
            ("status", pa.string()),  # parsed | stored | skipped | failed
            ("stage", pa.string()),  # read | analyse | store, for failures
            ("error", pa.string()),
            ("statement_rows", pa.large_string()),  # JSON list of statement rows (dropped before writing)
            ("record", pa.large_binary()),  # pickled Record when the driver writes the ledger
        ]
    )


def failure_schema() -> pa.Schema:
    """An input that was not read, analysed or stored: where it came from, at which stage, and why."""
    import pyarrow as pa

    return pa.schema([("source", pa.string()), ("stage", pa.string()), ("reason", pa.string())])


def table(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """An Arrow table with exactly ``schema`` (columns missing from the rows are null)."""
    import pyarrow as pa

    rows = list(rows)
    return pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
