"""One column layout for a statement: the ledger's ``statements`` rows, the Parquet files of both
``onrecord export --format parquet`` and ``onrecord ingest --engine ray --parquet``, and the CSV export.

Each column is written down once, as a name, an Arrow type and a getter on the pipeline's objects
(``Document``, ``Statement``, ``Person``). The layouts used to be written out separately and had drifted
(``content`` here, ``content_text`` there; spans as JSON text in one file and numbers in the other), so
the same statement read differently depending on which command wrote it.

- ``STATEMENT_COLUMNS`` are the ledger's own statement columns (``ledger_values``: what ``Ledger.add``
  inserts); their names are the ledger's column names, which is what lets a stored statement be
  turned back into the pipeline's objects (``StoredStatement.as_model``) and flattened by the same
  getters as a fresh one.
- ``flat_row`` is one row of the flat layout (``flat_schema``): the document's columns, the ledger's
  statement id, the statement's columns, the ledger's person id and the person's columns. The two ids
  are the ledger's own, null where no ledger is written (the Ray path's Parquet).

Values are as the pipeline gives them; a column's ``type`` says how each layout writes them: a ``date``
is a ``Date`` in the ledger and ISO text in Parquet and CSV, ``spans`` are lists of ``[start, end]`` in
Parquet and JSON text in CSV, and ``confidence`` is rounded to three places outside the ledger.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from onrecord import people as names
from onrecord.model import REPORTED

if TYPE_CHECKING:
    import pyarrow as pa

    from onrecord.model import Contradiction, Document, Person, Statement

T = TypeVar("T")
ColumnType = Literal["string", "int64", "bool", "float64", "date", "spans"]


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its name, its type (``ColumnType``, see the module docstring) and how to get its
    value from the pipeline's object; ``digits`` rounds a float outside the ledger."""

    name: str
    type: ColumnType
    get: Callable[[T], Any]
    digits: int | None = None


def _cue_span(s: Statement, i: int) -> int | None:
    return s.cue.span[i] if s.cue else None


def _speaker_span(s: Statement, i: int) -> int | None:
    return s.speaker.span[i] if s.speaker and s.speaker.span else None


def _antecedent(s: Statement) -> Any:
    return s.speaker.antecedent if s.speaker else None


def _said_on(s: Statement, part: str) -> str | None:
    return getattr(s.said_on, part) if s.said_on else None


def person_key(person: Person | None) -> str | None:
    """A name key that the same person shares across documents (``"donald trump"``), for pairing.

    The ledger resolves people properly (``onrecord.ledger.identity``); Parquet output without a ledger
    has only this key, the one the ledger stores aliases under, to group by.
    """
    if person is None:
        return None
    if person.kind == "organization":
        return "org:" + (names.org_key(person.name) or person.name.lower())
    return names.name_key(person.name) or person.name.lower()


#: The document's columns: each is one attribute of ``Document`` as it is (name, type, attribute).
DOCUMENT_COLUMNS: tuple[Column[Document], ...] = tuple(
    Column(name, kind, attrgetter(attribute))
    for name, kind, attribute in (
        ("document_id", "string", "id"),
        ("source", "string", "source"),
        ("title", "string", "title"),
        ("publisher", "string", "publisher"),
        ("published", "date", "published"),
        ("url", "string", "url"),
    )
)

STATEMENT_COLUMNS: tuple[Column[Statement], ...] = (
    Column("local_id", "string", lambda s: s.id),
    Column("kind", "string", lambda s: s.kind),
    Column("cue_class", "string", lambda s: s.cue_class),
    Column("question", "bool", lambda s: s.question),
    Column("rule", "string", lambda s: s.rule),
    Column("content_text", "string", lambda s: s.content_text),
    Column("content_spans", "spans", lambda s: [list(x) for x in s.content_spans]),
    Column("content_start", "int64", lambda s: s.start),
    Column("content_end", "int64", lambda s: s.end),
    Column("cue_text", "string", lambda s: s.cue.text if s.cue else None),
    Column("cue_start", "int64", lambda s: _cue_span(s, 0)),
    Column("cue_end", "int64", lambda s: _cue_span(s, 1)),
    Column("speaker_text", "string", lambda s: s.speaker.text if s.speaker else None),
    Column("speaker_start", "int64", lambda s: _speaker_span(s, 0)),
    Column("speaker_end", "int64", lambda s: _speaker_span(s, 1)),
    Column("speaker_local", "string", lambda s: s.speaker.person if s.speaker else None),
    Column("named", "bool", lambda s: bool(s.speaker.named) if s.speaker else False),
    Column("description", "string", lambda s: s.speaker.description if s.speaker else None),
    Column("antecedent_text", "string", lambda s: a.text if (a := _antecedent(s)) else None),
    Column("antecedent_start", "int64", lambda s: a.span[0] if (a := _antecedent(s)) else None),
    Column("antecedent_end", "int64", lambda s: a.span[1] if (a := _antecedent(s)) else None),
    Column("unresolved", "bool", lambda s: bool(s.speaker.unresolved) if s.speaker else None),
    Column("said_on_start", "date", lambda s: _said_on(s, "start")),
    Column("said_on_end", "date", lambda s: _said_on(s, "end")),
    Column("said_on_precision", "string", lambda s: _said_on(s, "precision")),
    Column("said_on_basis", "string", lambda s: _said_on(s, "basis")),
    Column("confidence", "float64", lambda s: float(s.confidence), digits=3),
    Column("repeated_at", "spans", lambda s: [list(x) for x in s.repeated_at]),
)

PERSON_COLUMNS: tuple[Column[Person | None], ...] = (
    Column("person_name", "string", lambda p: p.name if p else None),
    Column("person_kind", "string", lambda p: p.kind if p else None),
    Column("person_key", "string", person_key),
)

#: The ledger's own ids, after the document's and the statement's columns: null without a ledger.
STATEMENT_ID: Column[Any] = Column("statement_id", "int64", lambda _: None)
PERSON_ID: Column[Any] = Column("person_id", "int64", lambda _: None)

FLAT_COLUMNS: tuple[Column[Any], ...] = (
    *DOCUMENT_COLUMNS,
    STATEMENT_ID,
    *STATEMENT_COLUMNS,
    PERSON_ID,
    *PERSON_COLUMNS,
)


def flat_names() -> list[str]:
    """The flat layout's column names, in order (the CSV header)."""
    return [c.name for c in FLAT_COLUMNS]


def ledger_values(s: Statement) -> dict[str, Any]:
    """The statement's own columns as the ledger stores them (dates as ``Date``), by ledger name: not
    its document's, not the ledger's person id, which ``Ledger.add`` adds."""
    out: dict[str, Any] = {}
    for c in STATEMENT_COLUMNS:
        value = c.get(s)
        out[c.name] = as_date(value) if c.type == "date" else value
    return out


def _flat(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if column.type == "date":
        day = as_date(value)
        return day.isoformat() if day else None
    if column.digits is not None:
        return round(float(value), column.digits)
    return value


def flat_row(
    document: Document,
    statement: Statement,
    person: Person | None,
    *,
    statement_id: int | None = None,
    person_id: int | None = None,
) -> dict[str, Any]:
    """One statement as a row of the flat layout (``flat_schema``), spans as lists."""
    groups: Sequence[tuple[Sequence[Column[Any]], Any]] = (
        (DOCUMENT_COLUMNS, document),
        (STATEMENT_COLUMNS, statement),
        (PERSON_COLUMNS, person),
    )
    row = {c.name: _flat(c, c.get(obj)) for cols, obj in groups for c in cols}
    row[STATEMENT_ID.name] = statement_id
    row[PERSON_ID.name] = person_id
    return {name: row[name] for name in flat_names()}


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A flat row for CSV, which holds no lists: spans as JSON text."""
    spans = {c.name for c in FLAT_COLUMNS if c.type == "spans"}
    return {k: json.dumps(v) if k in spans and v is not None else v for k, v in row.items()}


def arrow_type(column: Column[Any]) -> pa.DataType:
    """The column's Arrow type (dates as ISO text, as every Parquet file onrecord wrote has them)."""
    import pyarrow as pa

    if column.type == "spans":
        return pa.list_(pa.list_(pa.int64()))
    simple = {"string": pa.string, "date": pa.string, "int64": pa.int64, "bool": pa.bool_}
    return simple.get(column.type, pa.float64)()


def flat_schema() -> pa.Schema:
    """The Arrow schema of the flat layout: every Parquet file of statements onrecord writes."""
    import pyarrow as pa

    return pa.schema([(c.name, arrow_type(c)) for c in FLAT_COLUMNS])


def reversal_rows(
    document_id: str, found: list[Contradiction], person_map: dict[str, int]
) -> list[dict[str, Any]]:
    """``reported_reversals`` rows for the document's reported reversals (other kinds are skipped).

    The holder's ledger person comes from ``person_map`` (document person id -> ledger id), the map
    ``identity.resolve_people`` made for the document's statements, so a reversal and a statement of
    one person in one article land on one ledger person. One cue of one holder is one row: the finder
    may reach the same words by two rules, and the table's unique key would refuse the second.
    """
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for c in found:
        if c.kind != REPORTED or c.evidence is None or c.reported is None:
            continue
        holder, cue = c.reported["holder"], c.reported["cue"]
        key = (int(cue["span"][0]), int(holder["span"][0]))
        if key in seen:
            continue
        seen.add(key)
        row: dict[str, Any] = {
            "document_id": document_id,
            "person_id": person_map.get(c.speaker) if c.speaker else None,
            "holder_local": c.speaker,
            "holder_text": holder["text"],
            "holder_start": holder["span"][0],
            "holder_end": holder["span"][1],
            "evidence_text": c.evidence["text"],
            "evidence_start": c.evidence["span"][0],
            "evidence_end": c.evidence["span"][1],
            "cue_text": cue["text"],
            "cue_start": cue["span"][0],
            "cue_end": cue["span"][1],
            "confidence": float(c.score),
            "explanation": c.explanation,
        }
        for side in ("earlier", "later"):
            part = c.reported.get(side)
            row[f"{side}_text"] = part["text"] if part else None
            row[f"{side}_start"] = part["span"][0] if part else None
            row[f"{side}_end"] = part["span"][1] if part else None
            row[f"{side}_date"] = part.get("date") if part else None
        rows.append(row)
    return rows


def as_date(value: object) -> dt.date | None:
    """A date column's value as a date: drivers give ``date`` objects, SQLite and Parquet ISO text
    (a timestamp's date part counts); anything else is no date."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
