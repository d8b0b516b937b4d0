"""``onrecord ingest --engine ray``: the local ingest's work on a Ray cluster, with Ray Data.

One core parses some thousands of words a second; an archive of millions of articles needs many cores on
many machines, so the work is laid out as a Ray Data pipeline that does exactly what the local path does,
spread out:

1. **Plan** (driver): the paths are split into units (``rows.plan_units``): file paths, not articles,
   so the driver stays small whatever the archive holds.
2. **Read** (Ray tasks): each unit is read with onrecord's own readers (``iter_all``: files, folders,
   WARC, JSONL, URLs and the known corpora) into rows of raw bytes. Decoding and cleaning are *not*
   done here but in ``load_document`` on the parse workers, exactly as locally, so that a document's id,
   text and every offset are the same.
3. **Parse** (a pool of Ray actors, one loaded spaCy model each): ``onrecord.ledger.ingest.parse_chunk``,
   the function the local ``onrecord ingest`` workers run (``load_document`` then ``reader.analyse``),
   over batches of articles. An input that cannot be read or analysed becomes a failure row with its
   stage and reason; it is never dropped.
4. **Write**: statements to Parquet partitioned by publication year (written by Ray's workers), a
   ``documents`` table and a ``failures`` table beside it; and/or the ledger, idempotently by document id,
   either from the driver in input order (the default: the ledger that results is the one the local
   ``onrecord ingest`` builds, because people are resolved in the same order) or from the parse actors
   themselves (``ledger_writes="workers"``: for PostgreSQL with many writers, when the driver's single
   connection is the bottleneck; see ``docs/SCALE.md`` for what that changes).

Order is preserved through the pipeline (``preserve_order``), so results come back in input order.
Ray is imported only here, and only when the function runs: the rest of onrecord never needs it.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from onrecord.errors import InputError
from onrecord.ingest.raw import document_id
from onrecord.ledger.ingest import store_record
from onrecord.resources import DEFAULT_MODEL
from onrecord.scale import rows as R

if TYPE_CHECKING:
    import pyarrow as pa
    from ray.data import Dataset

#: Articles per parse call: ``nlp.pipe`` batches within it; small enough that one slow article does
#: not hold many others back, large enough that Ray's per-batch overhead stays a few per cent.
BATCH_SIZE = 16
#: Input rows per block coming out of a read task (an archive of thousands of pages streams in blocks).
READ_BLOCK_ROWS = 64
#: CPUs reserved by a read task: reading is I/O and cheap next to parsing, so readers must not take a
#: whole core from the parse actors (with 2 CPUs and 2 actors, a 1-CPU reader would never be scheduled).
READ_CPUS = 0

#: Parse actors per read task: a reader fills a batch in milliseconds that an actor parses in seconds.
PARSERS_PER_READER = 8

LedgerWrites = Literal["driver", "workers"]


class RayNotInstalled(RuntimeError):
    """Ray is an optional extra; said with the command that installs it."""


@dataclass(frozen=True)
class Failure:
    """One input that did not make it: where it came from, the stage (read, analyse, store) and why."""

    source: str
    stage: str
    reason: str

    def error(self) -> InputError:
        return InputError(self.source, self.reason)


@dataclass
class RayIngestReport:
    """What a Ray ingest did, with the timings the cost model needs.

    ``stored``/``skipped`` count ledger documents (``skipped``: already there, or a repeat in this run);
    ``statements`` counts statements found in parsed documents (what the Parquet output holds) and
    ``stored_statements`` those added to the ledger. ``errors`` has the same shape as the local
    ``IngestReport.errors`` so ``onrecord ingest`` can print either.
    """

    seen: int = 0
    parsed: int = 0
    stored: int = 0
    skipped: int = 0
    statements: int = 0
    stored_statements: int = 0
    words: int = 0
    failures: list[Failure] = field(default_factory=list)
    workers: int = 0
    startup_seconds: float = 0.0
    parse_seconds: float = 0.0
    write_seconds: float = 0.0
    seconds: float = 0.0
    parquet_dir: str | None = None
    ledger_url: str | None = None

    @property
    def errors(self) -> list[InputError]:
        return [f.error() for f in self.failures]

    @property
    def docs_per_second(self) -> float:
        """Documents parsed per second of the whole run (start-up and writes included)."""
        return self.parsed / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """One line for stderr, like the local ingest's."""
        ledger = (
            f"stored {self.stored} documents ({self.stored_statements} statements), skipped {self.skipped}, "
            if self.ledger_url
            else ""
        )
        parquet = f"Parquet in {self.parquet_dir}, " if self.parquet_dir else ""
        return (
            f"onrecord (ray, {self.workers} workers): parsed {self.parsed} documents "
            f"({self.statements} statements), {ledger}{parquet}{len(self.failures)} errors, "
            f"{self.seconds:.1f} s ({self.docs_per_second:.1f} docs/s; start-up {self.startup_seconds:.1f} s)"
        )


# ------------------------------------------------------------------------------------------ stages


def readers(workers: int) -> int:
    """How many read tasks run at once: enough to keep the parsers fed, few enough that each new Python
    worker's start-up (importing onrecord imports spaCy, some 4 s of CPU) is not paid many times over."""
    return max(1, -(-workers // PARSERS_PER_READER))


def read_units(batch: pa.Table) -> Iterator[pa.Table]:
    """Ray task: read each unit of the batch with onrecord's readers, in blocks of input rows."""
    schema = R.input_schema()
    pending: list[dict[str, Any]] = []
    size = 0
    for index, path in zip(batch.column("index").to_pylist(), batch.column("path").to_pylist(), strict=True):
        for row in R.read_unit(R.Unit(index, path)):
            pending.append(row)
            size += len(row["data"])
            if len(pending) >= READ_BLOCK_ROWS or size >= 64 << 20:
                yield R.table(pending, schema)
                pending, size = [], 0
    if pending:
        yield R.table(pending, schema)


def _failed(row: dict[str, Any], stage: str, reason: str) -> dict[str, Any]:
    return {
        "unit": row["unit"],
        "position": row["position"],
        "source": row["source"],
        "year": R.UNKNOWN_YEAR,
        "status": "failed",
        "stage": stage,
        "error": reason,
    }


class Analyser:
    """Ray actor: one loaded pipeline, fed batches of input rows; one document row out per input.

    Construction is the expensive part (the spaCy model), which is why this is a class run in an actor
    pool rather than a function run as tasks: each actor loads the model once and keeps it.
    """

    def __init__(
        self,
        published: str | None,
        ledger_url: str | None,
        check_known: bool,
        ledger_writes: LedgerWrites,
        model: str | None = str(DEFAULT_MODEL),
    ) -> None:
        from onrecord import nlp

        self.nlp = nlp.load(None, model)
        self.published = published
        self.ledger_writes = ledger_writes
        self.keep_records = ledger_url is not None and ledger_writes == "driver"
        self.ledger = None
        if ledger_url is not None and (check_known or ledger_writes == "workers"):
            from onrecord.ledger import Ledger

            self.ledger = Ledger(ledger_url)

    def __call__(self, batch: pa.Table) -> pa.Table:
        from onrecord.ledger.ingest import parse_chunk

        rows = batch.to_pylist()
        out: list[dict[str, Any] | None] = [None] * len(rows)
        todo: list[tuple[int, Any]] = []
        for i, row in enumerate(rows):
            if row["error"] is not None:
                out[i] = _failed(row, "read", row["error"])
            else:
                todo.append((i, R.raw_from_row(row)))
        if self.ledger is not None and todo:
            ids = [document_id(raw.data) for _, raw in todo]
            known = self.ledger.known(ids)
            for (i, raw), doc_id in zip(todo, ids, strict=True):
                if doc_id in known:
                    out[i] = {
                        "unit": rows[i]["unit"],
                        "position": rows[i]["position"],
                        "source": raw.source,
                        "document_id": doc_id,
                        "year": R.UNKNOWN_YEAR,
                        "status": "skipped",
                    }
            todo = [(i, raw) for i, raw in todo if out[i] is None]
        results = parse_chunk([raw for _, raw in todo], self.published, self.nlp) if todo else []
        for (i, _raw), result in zip(todo, results, strict=True):
            row = rows[i]
            if isinstance(result, InputError):
                out[i] = _failed(row, result.stage, result.reason)
                continue
            out[i] = self._document_row(row, result)
            if self.ledger is not None and self.ledger_writes == "workers":
                self._store(out[i], result)
        assert all(r is not None for r in out)
        return R.table(out, R.document_schema())  # type: ignore[arg-type]

    def _document_row(self, row: dict[str, Any], record: Any) -> dict[str, Any]:
        doc = record.document
        statements = R.statement_rows(record)
        return {
            "unit": row["unit"],
            "position": row["position"],
            "document_id": doc.id,
            "source": doc.source,
            "title": doc.title,
            "publisher": doc.publisher,
            "published": doc.published,
            "year": R.year_of(doc.published),
            "chars": len(doc.text),
            "words": len(doc.text.split()),
            "statements": len(statements),
            "people": len(record.people),
            "status": "parsed",
            "statement_rows": json.dumps(statements, ensure_ascii=False),
            "record": pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL) if self.keep_records else None,
        }

    def _store(self, out: dict[str, Any], record: Any) -> None:
        """``ledger_writes="workers"``: store here, one transaction per document (``Ledger.add``)."""
        assert self.ledger is not None
        added = store_record(self.ledger, record)
        if isinstance(added, InputError):  # that document fails, not the run
            out.update(status="failed", stage=added.stage, error=added.reason)
            return
        out["status"] = "skipped" if added is None else "stored"


def explode_statements(batch: pa.Table) -> pa.Table:
    """Ray task: document rows to statement rows (the JSON each parse actor wrote out)."""
    out: list[dict[str, Any]] = []
    for status, text in zip(
        batch.column("status").to_pylist(), batch.column("statement_rows").to_pylist(), strict=True
    ):
        if status != "failed" and text:
            out.extend(json.loads(text))
    return R.table(out, R.statement_schema())


# ------------------------------------------------------------------------------------------ driver


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise RayNotInstalled(
            "the Ray engine needs the ray extra: pip install 'onrecord[ray]' (or pip install 'ray[data]')"
        ) from err
    return ray


@contextmanager
def ray_session(ray: Any, ray_address: str | None, num_cpus: int | None, progress: bool) -> Iterator[None]:
    """Connect to ``ray_address`` (or ``RAY_ADDRESS``), or start a local Ray, for the ``with`` block.

    A Ray started here is shut down at the end; one already running (a caller's, a test's) is left
    as it is. Ray Data's settings are process-wide, so the ones changed here are put back afterwards.
    """
    from ray.data import DataContext

    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING}
        if ray_address is None and not os.environ.get("RAY_ADDRESS"):
            kwargs["num_cpus"] = num_cpus
        ray.init(address=ray_address, log_to_driver=progress, **kwargs)
        started = True
    ctx = DataContext.get_current()
    logger = logging.getLogger("ray.data")
    saved = (
        ctx.execution_options.preserve_order,
        ctx.enable_progress_bars,
        ctx.print_on_execution_start,
        ctx.enable_auto_log_stats,
        logger.level,
    )
    ctx.execution_options.preserve_order = True  # results in input order: same ledger as the local path
    ctx.enable_progress_bars = progress
    ctx.print_on_execution_start = progress
    ctx.enable_auto_log_stats = False
    if not progress:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        (
            ctx.execution_options.preserve_order,
            ctx.enable_progress_bars,
            ctx.print_on_execution_start,
            ctx.enable_auto_log_stats,
        ) = saved[:4]
        logger.setLevel(saved[4])
        if started:
            ray.shutdown()


def _absolute(uri: str) -> str:
    return uri if "://" in uri else str(Path(uri).expanduser().resolve())


def _check_empty(uri: str) -> None:
    """Refuse to write into a non-empty output folder: appended files would double every statement."""
    import pyarrow.fs as pafs

    fs, root = pafs.FileSystem.from_uri(uri)
    info = fs.get_file_info(root)
    if info.type == pafs.FileType.NotFound:
        return
    if info.type != pafs.FileType.Directory:
        raise ValueError(f"{uri} exists and is not a folder")
    if fs.get_file_info(pafs.FileSelector(root, recursive=False)):
        raise ValueError(f"{uri} is not empty: write each run's Parquet to a new folder")


def _write_failures(uri: str, failures: list[Failure]) -> None:
    """``failures.parquet`` beside the statements, written whole by the driver (it is small)."""
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    fs, root = pafs.FileSystem.from_uri(uri)
    fs.create_dir(root, recursive=True)
    rows = [{"source": f.source, "stage": f.stage, "reason": f.reason} for f in failures]
    pq.write_table(R.table(rows, R.failure_schema()), f"{root}/failures.parquet", filesystem=fs)


def _wants_ledger(db_url: str | None, parquet_dir: str | None) -> bool:
    """The ledger is written when named (``db_url`` or ``ONRECORD_DB``), or when no Parquet is asked for."""
    return db_url is not None or bool(os.environ.get("ONRECORD_DB")) or parquet_dir is None


def run_ray_ingest(
    paths: Sequence[str | os.PathLike[str]],
    *,
    ray_address: str | None = None,
    db_url: str | None = None,
    parquet_dir: str | os.PathLike[str] | None = None,
    published: str | None = None,
    num_cpus: int | None = None,
    ledger_writes: LedgerWrites = "driver",
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
    on_store: Callable[[RayIngestReport], None] | None = None,
    model: str | os.PathLike[str] | None = DEFAULT_MODEL,
) -> RayIngestReport:
    """Ingest ``paths`` on Ray (see the module docstring); never raises for one bad input.

    ``ray_address``: a running cluster (``ray://head:10001`` or ``auto``); by default ``RAY_ADDRESS``,
    else a Ray started on this machine with ``num_cpus`` CPUs (and shut down at the end). ``num_cpus``
    also caps the parse actors (default: every CPU of the cluster). ``db_url``: the ledger (a SQLite
    path or ``postgresql://``; see ``_wants_ledger`` for when the default ledger is used).
    ``parquet_dir``: a new folder or ``s3://``-style URI for ``statements/year=YYYY/*.parquet``,
    ``documents/*.parquet`` and ``failures.parquet``. ``published``: the date for inputs with none of
    their own, as in ``onrecord ingest``. ``on_store`` is called on the driver after each ledger batch.
    ``model``: the learned attribution model, the shipped one by default (inside the package, so every
    node has it), ``None`` for the hand rules alone; another file must exist at that path on every node.
    """
    from onrecord.reader import parse_date

    parse_date(published)  # a malformed date is the caller's error, before anything starts
    ray = _import_ray()  # before the ledger is opened (and perhaps created) for nothing
    given = [os.fspath(p) for p in paths]
    if "-" in given:
        raise ValueError("standard input cannot be read by a Ray cluster: save it to a file first")
    parquet = _absolute(os.fspath(parquet_dir)) if parquet_dir is not None else None
    if parquet is not None:
        _check_empty(parquet)
    ledger = None
    if _wants_ledger(db_url, parquet):
        from onrecord.ledger import Ledger

        ledger = Ledger(db_url)  # migrations run here, once, before any worker opens it
    report = RayIngestReport(parquet_dir=parquet, ledger_url=ledger.url if ledger else None)
    t0 = time.perf_counter()
    try:
        with ray_session(ray, ray_address, num_cpus, progress):
            report.startup_seconds = time.perf_counter() - t0
            _run(
                ray,
                report,
                given,
                published,
                ledger,
                ledger_writes,
                num_cpus,
                batch_size,
                on_store,
                model=None if model is None else os.fspath(model),
            )
    finally:
        if ledger is not None:
            ledger.close()
    report.seconds = time.perf_counter() - t0
    return report


def _run(
    ray: Any,
    report: RayIngestReport,
    given: list[str],
    published: str | None,
    ledger: Any,
    ledger_writes: LedgerWrites,
    num_cpus: int | None,
    batch_size: int,
    on_store: Callable[[RayIngestReport], None] | None,
    *,
    model: str | None,
) -> None:
    """The plan, parse and write stages on a connected Ray (see the module docstring)."""
    parquet = report.parquet_dir
    cpus = int(ray.cluster_resources().get("CPU", 1))
    workers = max(1, min(num_cpus or cpus, cpus))
    report.workers = workers
    # A worker on another machine must not open (and so create) a SQLite file of its own.
    nodes = sum(1 for node in ray.nodes() if node.get("Alive", True))
    check_known = ledger is not None and (ledger.dialect != "sqlite" or nodes == 1)
    sqlite = ledger is not None and ledger.dialect == "sqlite"
    if ledger_writes == "workers" and sqlite and not check_known:
        raise ValueError("ledger_writes='workers' on a multi-machine cluster needs a PostgreSQL ledger")

    units = R.plan_units(given)
    t1 = time.perf_counter()
    docs = _parse(ray, units, published, ledger, check_known, ledger_writes, workers, batch_size, model=model)
    report.parse_seconds = time.perf_counter() - t1

    t2 = time.perf_counter()
    _collect(docs, report, ledger if ledger_writes == "driver" else None, on_store)
    if parquet is not None and docs is not None:
        docs.map_batches(
            explode_statements,
            batch_format="pyarrow",
            num_cpus=READ_CPUS,
            compute=ray.data.TaskPoolStrategy(size=readers(workers)),
        ).write_parquet(f"{parquet}/statements", partition_cols=["year"])
        docs.drop_columns(["statement_rows", "record"]).write_parquet(f"{parquet}/documents")
        _write_failures(parquet, report.failures)
    report.write_seconds = time.perf_counter() - t2


def _parse(
    ray: Any,
    units: list[R.Unit],
    published: str | None,
    ledger: Any,
    check_known: bool,
    ledger_writes: LedgerWrites,
    workers: int,
    batch_size: int,
    *,
    model: str | None,
) -> Dataset | None:
    """Read and parse every unit; the document rows, materialised once for the writers that follow."""
    if not units:
        return None
    items = [{"index": u.index, "path": u.path} for u in units]
    ds = ray.data.from_items(items, override_num_blocks=min(len(items), max(4 * workers, 8)))
    inputs = ds.map_batches(
        read_units,
        batch_format="pyarrow",
        batch_size=None,
        num_cpus=READ_CPUS,
        compute=ray.data.TaskPoolStrategy(size=readers(workers)),
    )
    analysed = inputs.map_batches(
        Analyser,
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
        fn_constructor_kwargs={
            "published": published,
            "ledger_url": ledger.url if ledger is not None else None,
            "check_known": check_known,
            "ledger_writes": ledger_writes,
            "model": model,
        },
    )
    return analysed.materialize()


def _collect(
    docs: Dataset | None,
    report: RayIngestReport,
    ledger: Any,
    on_store: Callable[[RayIngestReport], None] | None,
) -> None:
    """Count, gather failures and (driver writes) store each record in input order, idempotently."""
    if docs is None:
        return
    columns = ["source", "status", "stage", "error", "statements", "words"]
    if ledger is not None:
        columns.append("record")
    for batch in docs.select_columns(columns).iter_batches(batch_format="pyarrow", batch_size=256):
        for row in batch.to_pylist():
            report.seen += 1
            status = row["status"]
            if status == "failed":
                report.failures.append(Failure(row["source"], row["stage"] or "read", row["error"] or "?"))
                continue
            if status == "skipped":
                report.skipped += 1
                continue
            report.parsed += 1
            report.statements += row["statements"] or 0
            report.words += row["words"] or 0
            if status == "stored":  # stored by a worker
                report.stored += 1
                report.stored_statements += row["statements"] or 0
            elif ledger is not None and row["record"] is not None:
                _store(ledger, pickle.loads(row["record"]), report)
        if on_store is not None:
            on_store(report)


def _store(ledger: Any, record: Any, report: RayIngestReport) -> None:
    added = store_record(ledger, record)
    if isinstance(added, InputError):
        report.failures.append(Failure(added.source, added.stage, added.reason))
        return
    if added is None:
        report.skipped += 1
    else:
        report.stored += 1
        report.stored_statements += added
