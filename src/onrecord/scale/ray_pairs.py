"""Contradictions across documents on Ray, one person at a time.

Within one article the pipeline pairs a speaker's statements itself (``onrecord.contradictions.within``);
across a ledger, ``onrecord.contradictions.pairing`` does (candidates about the same thing at other
times, then the rule-based judge), one process for the whole ledger. For an archive-sized ledger the
work is split where it is independent, by person: Ray Data hash-partitions the statements on the
person's key (so all of one person's statements land in one partition), the shuffle finishes, and each
partition goes to an actor holding one loaded spaCy model, which runs the project's own
``pairing.pair`` over it (``pair`` groups by person itself). The verdicts are exactly those of the local
pairing with two differences, both said in ``docs/SCALE.md``: no MiniLM embeddings (lemma vectors only,
as ``onrecord contradictions --no-embeddings``) and no claim-clash re-reading of the two articles
(``ledger_pairs.ClaimRule`` needs the ledger's articles and the full pipeline; it stays local).

Statements come from the Parquet that ``run_ray_ingest`` writes (grouped by ``person_key``, the name
key the ledger stores aliases under: without a ledger there is no resolved identity) or from a ledger
(grouped by the ledger's person id, read in parallel with ``ray.data.read_sql``). Pairs go to a Parquet
file and, for a ledger, into it with ``ledger_pairs.store``, which replaces the ledger-scope pairs in
one transaction, so a re-run leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.ledger.columns import as_date

if TYPE_CHECKING:
    import pyarrow as pa

#: Pairs kept at or above this score (the local pairing's own default).
MIN_SCORE = 0.5


def pair_schema() -> pa.Schema:
    """One candidate contradiction: the person, both statements (refs, texts, dates) and the verdict."""
    import pyarrow as pa

    return pa.schema(
        [
            ("person_key", pa.string()),
            ("person_name", pa.string()),
            ("a_ref", pa.string()),
            ("a_document_id", pa.string()),
            ("a_date", pa.string()),
            ("a_text", pa.string()),
            ("b_ref", pa.string()),
            ("b_document_id", pa.string()),
            ("b_date", pa.string()),
            ("b_text", pa.string()),
            ("kind", pa.string()),  # the evidence: predicate, antonym, flip, axis, ... (see pairing.Found)
            ("label_5", pa.string()),
            ("score", pa.float64()),
            ("similarity", pa.float64()),
            ("explanation", pa.string()),
        ]
    )


def item_of(row: dict[str, Any]) -> Any:
    """A pairing ``Item`` from a statement row, placed in time as ``ledger_pairs.load_items`` places it.

    The said-on interval when there is one, else the publication day; None when neither is known.
    """
    from onrecord.contradictions import pairing

    start, end, published = (
        as_date(row["said_on_start"]),
        as_date(row["said_on_end"]),
        as_date(row["published"]),
    )
    first = start or published
    if first is None:
        return None
    last = (end if start is not None else first) or first
    return pairing.Item(row["ref"], row["key"], row["content_text"], first, last, bool(row["question"]))


class PairJudge:
    """Ray actor: one loaded base model; a partition of people's statements in, their pairs out."""

    def __init__(self, min_score: float) -> None:
        from onrecord.base_model import load_base

        self.nlp = load_base()
        self.min_score = min_score

    def __call__(self, block: pa.Table) -> pa.Table:
        """Every person of a hash partition (which holds all of each of its people's statements)."""
        from onrecord.contradictions import pairing
        from onrecord.scale.rows import table

        rows = block.to_pylist()
        names = {str(r["key"]): r["person_name"] for r in rows}
        docs = {r["ref"]: r["document_id"] for r in rows}
        items = [it for it in (item_of(r) for r in rows) if it is not None]
        stats = pairing.PairingStats()
        found = pairing.pair(items, nlp=self.nlp, min_score=self.min_score, stats=stats)
        out = [
            {
                "person_key": str(f.a.person),
                "person_name": names.get(str(f.a.person)),
                "a_ref": str(f.a.key),
                "a_document_id": docs.get(f.a.key),
                "a_date": f.a.start.isoformat(),
                "a_text": f.a.text,
                "b_ref": str(f.b.key),
                "b_document_id": docs.get(f.b.key),
                "b_date": f.b.start.isoformat(),
                "b_text": f.b.text,
                "kind": f.kind,
                "label_5": f.label_5,
                "score": float(f.score),
                "similarity": float(f.similarity),
                "explanation": f.explanation,
            }
            for f in found
        ]
        return table(out, pair_schema())


# ------------------------------------------------------------------------------------------ driver


@dataclass
class PairingReport:
    """What a pairing run found: statements read, people paired, pairs written, and the time it took."""

    people: int = 0
    pairs: int = 0
    stored: int = 0
    skipped: int = 0
    seconds: float = 0.0
    out: str | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)


def _from_parquet(ray: Any, parquet_dir: str) -> Any:
    """Statements of a ``run_ray_ingest`` Parquet folder, keyed by the person's name key."""
    ds = ray.data.read_parquet(
        f"{parquet_dir}/statements",
        columns=[
            "document_id",
            "local_id",
            "person_key",
            "person_name",
            "content_text",
            "question",
            "said_on_start",
            "said_on_end",
            "published",
        ],
    )

    def shape(batch: pa.Table) -> pa.Table:
        import pyarrow as pa
        import pyarrow.compute as pc

        batch = batch.filter(pc.is_valid(batch.column("person_key")))
        refs = pc.binary_join_element_wise(batch.column("document_id"), batch.column("local_id"), "#")
        return pa.table(
            {
                "key": batch.column("person_key"),
                "person_name": batch.column("person_name"),
                "ref": refs,
                "document_id": batch.column("document_id"),
                "content_text": batch.column("content_text"),
                "question": batch.column("question"),
                "said_on_start": batch.column("said_on_start"),
                "said_on_end": batch.column("said_on_end"),
                "published": batch.column("published"),
            }
        )

    return ds.map_batches(shape, batch_format="pyarrow", num_cpus=0)


_LEDGER_SQL = """
SELECT CAST(s.person_id AS TEXT) AS key, p.name AS person_name, CAST(s.id AS TEXT) AS ref,
       s.document_id AS document_id, s.content_text AS content_text, s.question AS question,
       CAST(s.said_on_start AS TEXT) AS said_on_start, CAST(s.said_on_end AS TEXT) AS said_on_end,
       CAST(d.published AS TEXT) AS published
FROM statements s JOIN people p ON p.id = s.person_id JOIN documents d ON d.id = s.document_id
WHERE s.person_id IS NOT NULL
"""


def _connection_factory(url: str) -> Any:
    """A DB-API connection maker for ``ray.data.read_sql`` from the ledger's SQLAlchemy URL."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""

        def sqlite() -> Any:
            import sqlite3

            return sqlite3.connect(path)

        return sqlite
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)

    def postgres() -> Any:
        import psycopg

        return psycopg.connect(conninfo)

    return postgres


def store_pairs(ledger: Any, rows: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """Store pairs found in a ledger's statements with ``ledger_pairs.store``: (stored, skipped).

    It replaces every ledger-scope pair in one transaction (this run paired everyone), so storing the
    same rows twice leaves the same table; pairs the in-document rule already holds are skipped.
    """
    from onrecord.contradictions import ledger_pairs, pairing

    found = []
    for r in rows:
        person = int(r["person_key"])
        a_day, b_day = dt.date.fromisoformat(r["a_date"]), dt.date.fromisoformat(r["b_date"])
        found.append(
            pairing.Found(
                pairing.Item(int(r["a_ref"]), person, r["a_text"], a_day, a_day),
                pairing.Item(int(r["b_ref"]), person, r["b_text"], b_day, b_day),
                r["score"],
                r["kind"],
                r["explanation"],
                r["similarity"],
                r["label_5"],
            )
        )
    return ledger_pairs.store(ledger, found, None)


def run_ray_pairing(
    *,
    parquet_dir: str | os.PathLike[str] | None = None,
    db_url: str | None = None,
    out: str | os.PathLike[str] | None = None,
    store: bool = True,
    ray_address: str | None = None,
    num_cpus: int | None = None,
    min_score: float = MIN_SCORE,
) -> PairingReport:
    """Pair each person's statements across documents on Ray (see the module docstring).

    Reads ``parquet_dir`` (from ``run_ray_ingest``) or, when it is None, the ledger at ``db_url``;
    writes the pairs to ``out`` (a ``.parquet`` file) when given, and, for a ledger with ``store``,
    into the ledger as ``scope="ledger"`` contradictions (replacing those of an earlier run). Ray is
    started as in ``run_ray_ingest``.
    """
    from onrecord.scale.ray_job import _import_ray, ray_session

    if parquet_dir is None and db_url is None:
        raise ValueError("pairing needs statements: a Parquet folder from run_ray_ingest, or a ledger")
    ray = _import_ray()
    t0 = time.perf_counter()
    ledger = None
    try:
        with ray_session(ray, ray_address, num_cpus, progress=False):
            cpus = int(ray.cluster_resources().get("CPU", 1))
            workers = max(1, min(num_cpus or cpus, cpus))
            if parquet_dir is not None:
                statements = _from_parquet(ray, str(Path(parquet_dir).resolve()))
            else:
                from onrecord.ledger import Ledger

                ledger = Ledger(db_url)
                statements = ray.data.read_sql(_LEDGER_SQL, _connection_factory(ledger.url))
            # Partition by person (a hash shuffle on the key), and finish the shuffle before the judges
            # start: a pool of actors holding every CPU would otherwise starve the shuffle of its own.
            partitions = statements.repartition(max(4 * workers, 8), keys=["key"]).materialize()
            pairs = partitions.map_batches(
                PairJudge,
                batch_size=None,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=workers),
                num_cpus=1,
                fn_constructor_kwargs={"min_score": min_score},
            )
            report = PairingReport(rows=list(pairs.iter_rows()))
        report.pairs = len(report.rows)
        report.people = len({r["person_key"] for r in report.rows})
        if out is not None:
            import pyarrow.parquet as pq

            from onrecord.scale.rows import table

            report.out = str(out)
            pq.write_table(table(report.rows, pair_schema()), str(out))
        if ledger is not None and store:
            report.stored, report.skipped = store_pairs(ledger, report.rows)
    finally:
        if ledger is not None:
            ledger.close()
    report.seconds = time.perf_counter() - t0
    return report
