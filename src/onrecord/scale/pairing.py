"""Contradictions across documents on Ray, one person at a time.

Within one article the pipeline pairs a speaker's statements itself (``onrecord.contradictions.within``).
Across a large ledger the pairs run into the billions, so the work is split where it is independent: by
person. Ray Data partitions the statements by person (a hash shuffle on the person's key, so that all of one
person's statements land in one partition), and each partition is paired, person by person, on one
actor holding one loaded spaCy model:

1. **Candidates** (``candidate_pairs``): two statements of the same person, from different documents,
   made at times that do not overlap (the rule ``within`` uses), neither a question, not the same words
   reported twice, and sharing at least one content word (an inverted index, so a person with thousands
   of statements costs the pairs that can be about the same thing, not all of them). At most
   ``max_pairs`` per person are kept, most shared words first, and the count cut is reported.
2. **Judge**: the project's pair judge, ``onrecord.contradictions.judge`` (offline rules over spaCy
   parses: polarity flips on shared words, antonyms, political axes, numbers, modality). Each statement is
   parsed once per group and held against each of its candidates with ``compare``/``decide``. Pairs the
   judge calls *Inconsistent* with at least ``min_score`` are written. This is the rule-based judge
   (0.41 macro-F1 on the project's judge benchmark, ``docs/BENCHMARKS.judge.md``): its output is a list of
   candidates for a person to read, not a finding.

Statements come from the Parquet that ``run_ray_ingest`` writes (grouped by ``person_key``, the name key
the ledger stores aliases under) or straight from a ledger (grouped by the ledger's resolved person id,
read in parallel with ``ray.data.read_sql``); pairs go to Parquet and, for a ledger, back into it as
``scope="ledger"`` contradictions (``Ledger.add_contradiction`` stores a pair once, so a re-run adds
nothing).
"""

from __future__ import annotations

import os
import re
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

#: Candidate pairs judged per person at most; a head of state quoted in 50,000 articles would otherwise
#: mean a billion pairs in one group.
MAX_PAIRS = 2000
#: The judge's score at or above which an Inconsistent pair is written (the rules give 0.5 to 0.9).
MIN_SCORE = 0.5

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset(
    """that this with have from they them their there what when will would could should about which
    were been being into over more than said says also only just very some such other these those then
    because while where after before again against under until your ours mine it's don't""".split()
)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Item:
    """One statement as the pairing sees it: who, where from, what, and when (ISO interval)."""

    ref: str
    document_id: str
    text: str
    start: str
    end: str


def candidate_pairs(items: Sequence[Item], max_pairs: int = MAX_PAIRS) -> tuple[list[tuple[int, int]], int]:
    """Indices of the pairs worth judging (see the module docstring), and how many were cut by the cap."""
    index: dict[str, list[int]] = defaultdict(list)
    words = [_words(item.text) for item in items]
    for i, ws in enumerate(words):
        for w in ws:
            index[w].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for postings in index.values():
        if len(postings) > 1:
            for i, j in combinations(postings, 2):
                shared[(i, j)] += 1
    keep = []
    for (i, j), n in shared.items():
        a, b = items[i], items[j]
        if a.document_id == b.document_id or _norm(a.text) == _norm(b.text):
            continue
        if not (a.end < b.start or b.end < a.start):
            continue
        keep.append((-n, i, j))
    keep.sort()
    return [(i, j) for _, i, j in keep[:max_pairs]], max(0, len(keep) - max_pairs)


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
            ("label_5", pa.string()),
            ("score", pa.float64()),
            ("explanation", pa.string()),
            ("candidates", pa.int64()),  # pairs judged for this person
            ("cut", pa.int64()),  # pairs over the cap, not judged
        ]
    )


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)[:10]
    return text or None


class PairJudge:
    """Ray actor: one loaded base model; one person's statements in, their contradicting pairs out."""

    def __init__(self, max_pairs: int, min_score: float) -> None:
        from onrecord.nlp import load_base

        self.nlp = load_base()
        self.max_pairs = max_pairs
        self.min_score = min_score

    def __call__(self, block: pa.Table) -> pa.Table:
        """Every person of a hash partition: the partition holds all of each of its people's statements."""
        from onrecord.scale.rows import table

        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in block.to_pylist():
            groups[str(row["key"])].append(row)
        out: list[dict[str, Any]] = []
        for rows in groups.values():
            out.extend(self.person(rows))
        return table(out, pair_schema())

    def person(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The contradicting pairs among one person's statements."""
        from onrecord.contradictions import judge

        items, kept = [], []
        for row in rows:
            start = _iso(row["said_on_start"]) or _iso(row["published"])
            end = _iso(row["said_on_end"]) or _iso(row["published"])
            if row["question"] or not row["content_text"] or start is None or end is None:
                continue
            items.append(Item(row["ref"], row["document_id"], row["content_text"], start, end))
            kept.append(row)
        pairs, cut = candidate_pairs(items, self.max_pairs)
        if not pairs:
            return []
        needed = sorted({i for pair in pairs for i in pair})
        docs = self.nlp.pipe(items[i].text for i in needed)
        readings = dict(zip(needed, (judge.read(doc) for doc in docs), strict=True))
        out = []
        for i, j in pairs:
            verdict = judge.decide(judge.compare(readings[i], readings[j]))
            if verdict.label_3 != "Inconsistent" or verdict.score < self.min_score:
                continue
            later, earlier = (i, j) if items[i].start >= items[j].start else (j, i)
            a, b = items[later], items[earlier]
            out.append(
                {
                    "person_key": str(kept[later]["key"]),
                    "person_name": kept[later]["person_name"],
                    "a_ref": a.ref,
                    "a_document_id": a.document_id,
                    "a_date": a.start,
                    "a_text": a.text,
                    "b_ref": b.ref,
                    "b_document_id": b.document_id,
                    "b_date": b.start,
                    "b_text": b.text,
                    "label_5": verdict.label_5,
                    "score": float(verdict.score),
                    "explanation": verdict.explanation,
                    "candidates": len(pairs),
                    "cut": cut,
                }
            )
        return out


# ------------------------------------------------------------------------------------------ driver


@dataclass
class PairingReport:
    """What a pairing run found: statements read, people paired, pairs written, and the time it took."""

    people: int = 0
    pairs: int = 0
    stored: int = 0
    seconds: float = 0.0
    out: str | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)


def _from_parquet(ray: Any, parquet_dir: str) -> Any:
    """Statements of a ``run_ray_ingest`` Parquet folder, keyed by the person's name key."""
    ds = ray.data.read_parquet(
        f"{parquet_dir}/statements",
        columns=[
            "document_id",
            "statement_id",
            "person_key",
            "speaker_name",
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
        refs = pc.binary_join_element_wise(batch.column("document_id"), batch.column("statement_id"), "#")
        return pa.table(
            {
                "key": batch.column("person_key"),
                "person_name": batch.column("speaker_name"),
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


def store_pairs(ledger: Any, rows: Sequence[dict[str, Any]]) -> int:
    """Store pairs found in a ledger's statements as ``scope="ledger"`` contradictions; how many were new.

    ``Ledger.add_contradiction`` keeps one row per pair in either order, so storing twice adds nothing.
    """
    stored = 0
    for r in rows:
        added = ledger.add_contradiction(
            int(r["a_ref"]),
            int(r["b_ref"]),
            score=r["score"],
            kind=r["label_5"],
            explanation=r["explanation"],
            person_id=int(r["person_key"]),
            scope="ledger",
        )
        stored += added is not None
    return stored


def run_ray_pairing(
    *,
    parquet_dir: str | os.PathLike[str] | None = None,
    db_url: str | None = None,
    out: str | os.PathLike[str] | None = None,
    store: bool = True,
    ray_address: str | None = None,
    num_cpus: int | None = None,
    max_pairs: int = MAX_PAIRS,
    min_score: float = MIN_SCORE,
) -> PairingReport:
    """Pair each person's statements across documents on Ray (see the module docstring).

    Reads ``parquet_dir`` (from ``run_ray_ingest``) or, when it is None, the ledger at ``db_url``;
    writes the pairs to ``out`` (a ``.parquet`` file) when given, and, for a ledger with ``store``,
    into the ledger as ``scope="ledger"`` contradictions. Ray is started as in ``run_ray_ingest``.
    """
    from onrecord.scale.ray_job import _import_ray, _start

    if parquet_dir is None and db_url is None:
        raise ValueError("pairing needs statements: a Parquet folder from run_ray_ingest, or a ledger")
    ray = _import_ray()
    t0 = time.perf_counter()
    started = _start(ray, ray_address, num_cpus, progress=False)
    ledger = None
    try:
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
            fn_constructor_kwargs={"max_pairs": max_pairs, "min_score": min_score},
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
            report.stored = store_pairs(ledger, report.rows)
    finally:
        if started:
            ray.shutdown()
        if ledger is not None:
            ledger.close()
    report.seconds = time.perf_counter() - t0
    return report
