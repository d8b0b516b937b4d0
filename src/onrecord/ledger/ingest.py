"""Filling the ledger: inputs in, parsed in worker processes, written one document per transaction.

The work splits where the costs are. Parsing (spaCy and onrecord's components) is CPU-bound and
independent per article, so it runs in ``workers`` processes, each with its own ``nlp.load()``;
writing needs one ordered view of the people already known, so only this process writes. Inputs whose
id (the SHA-256 of their bytes) is already stored are dropped before they are sent to a worker, which
makes a re-run after a crash cost only the documents that are missing. Results are written in input
order, so a run gives the same ledger whatever the number of workers.

Workers ask the kernel to kill them when this process dies (``PR_SET_PDEATHSIG`` on Linux) as their
first import (``onrecord._spawn_guard``), before the seconds spent importing spaCy, so a ``kill -9`` of
``onrecord ingest`` at any moment leaves no orphan parsers behind. Ctrl-C and SIGTERM end the workers
from here (``stop_workers``) instead of letting them finish the chunks already queued.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from onrecord._spawn_guard import PARENT_ENV, die_with_parent
from onrecord.errors import InputError
from onrecord.ingest import document_id, formats, iter_inputs, load_document
from onrecord.ingest.corpora import CorpusInput
from onrecord.ingest.raw import RawInput
from onrecord.model import Document, Record
from onrecord.resources import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language

    from onrecord.ledger.store import Ledger

#: Articles per task sent to a worker: enough for ``nlp.pipe`` to batch, few enough to keep order cheap.
CHUNK = 8
#: Inputs looked up in the ledger at once before parsing.
LOOKUP = 256


@dataclass
class IngestReport:
    """What an ingest did: inputs seen, documents stored and skipped, statements added, errors."""

    seen: int = 0
    stored: int = 0
    skipped: int = 0
    statements: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


ProgressCallback = Callable[[IngestReport, "InputError | None"], None]


# ------------------------------------------------------------------------------------------ inputs


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many inputs the paths hold (for the progress bar's total and time left), as each format
    counts them (``onrecord.ingest.formats``)."""
    return sum(formats.count(given) for given in paths)


def iter_all(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[RawInput | InputError]:
    """Every input of every path: known corpora through their readers, the rest through ``iter_inputs``."""
    return iter_inputs(list(paths), stdin=stdin, corpora=True)


# ----------------------------------------------------------------------------------------- workers

_NLP: Language | None = None


def _init_worker(model: str | None = str(DEFAULT_MODEL)) -> None:
    """Load the pipeline once per worker (with the learned attribution ``model``), after making sure
    the worker dies with this process.

    ``onrecord._spawn_guard`` has done that already, as the worker's first import; doing it again here
    covers a worker whose environment lost ``ONRECORD_INGEST_PARENT`` (the check then uses the parent
    multiprocessing knows, and the worker lingers at most its start-up before it notices).
    ``die_with_parent`` is imported from there and used here and by ``onrecord serve``'s workers.
    """
    global _NLP
    die_with_parent()
    from onrecord import nlp

    _NLP = nlp.load(None, model)


def _document(raw: RawInput, published: str | None) -> Document:
    # A date the corpus gives (PolNeAR's metadata, a Reuters record) outranks --published, which
    # outranks a date found in the text.
    document = load_document(raw, published=raw.published or published)
    if isinstance(raw, CorpusInput):
        document.title = document.title or raw.title
        document.publisher = document.publisher or raw.publisher
        document.authors = document.authors or list(raw.authors)
    return document


def parse_chunk(
    items: list[RawInput], published: str | None, nlp: Language | None = None
) -> list[Record | InputError]:
    """Parse some inputs into Records (or InputErrors), in order; one bad article never fails the rest."""
    from onrecord.reader import analyse

    nlp = nlp or _NLP
    if nlp is None:
        from onrecord import nlp as nlp_module

        nlp = nlp_module.load()
    out: list[Record | InputError | None] = [None] * len(items)
    docs: list[tuple[int, Document]] = []
    for i, raw in enumerate(items):
        try:
            docs.append((i, _document(raw, published)))
        except InputError as err:
            out[i] = err
        except Exception as err:  # a reader bug must not stop the batch; say which input hit it
            out[i] = InputError(raw.source, f"could not be read ({type(err).__name__}: {err})")
    try:
        for (i, _), record in zip(docs, analyse([d for _, d in docs], nlp), strict=True):
            out[i] = record
    except Exception:
        # Find the article that breaks the pipeline by parsing them one at a time.
        for i, document in docs:
            try:
                out[i] = next(analyse([document], nlp))
            except Exception as err:
                out[i] = InputError(
                    document.source, f"analysis failed ({type(err).__name__}: {err})", "analyse"
                )
    return [r if r is not None else InputError("?", "lost") for r in out]


def stop_workers(pool: ProcessPoolExecutor, grace: float = 2.0) -> None:
    """End a pool's workers at once: queued chunks are dropped, running ones cut short.

    Each worker gets SIGTERM, then SIGKILL after ``grace`` seconds; nothing they were doing needs to
    be finished, since only this process writes to the ledger and a document is stored whole or not at
    all. ``ProcessPoolExecutor`` has no public way to do this before Python 3.14
    (``terminate_workers``), so its ``_processes`` (pid -> Process, there since 3.2) is read, and its
    ``_executor_manager_thread`` (there since 3.9) is waited for.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
    # The pool's manager thread closes its wake-up pipe as it ends. Left running, it races Python's
    # exit hook for that pipe (``concurrent.futures.process._python_exit`` in 3.11 writes to it without
    # the pool's lock), and a stopped ingest then ends with an "Exception ignored ... Bad file
    # descriptor" traceback under its one line. With the workers gone it ends within moments.
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(grace)


# ------------------------------------------------------------------------------------------ ingest


def _chunks(
    ledger: Ledger,
    items: Iterator[RawInput | InputError],
    report: IngestReport,
    progress: ProgressCallback | None,
) -> Iterator[list[RawInput]]:
    """Chunks of inputs that still need parsing; known and repeated ones are counted as skipped."""
    seen_ids: set[str] = set()
    pending: list[tuple[str, RawInput]] = []
    chunk: list[RawInput] = []

    def flush_lookup() -> Iterator[list[RawInput]]:
        nonlocal chunk
        known = ledger.known(doc_id for doc_id, _ in pending)
        for doc_id, raw in pending:
            if doc_id in known:
                report.skipped += 1
                if progress:
                    progress(report, None)
                continue
            chunk.append(raw)
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
        pending.clear()

    for item in items:
        report.seen += 1
        if isinstance(item, InputError):
            report.errors.append(item)
            if progress:
                progress(report, item)
            continue
        doc_id = document_id(item.data)
        if doc_id in seen_ids:
            report.skipped += 1
            if progress:
                progress(report, None)
            continue
        seen_ids.add(doc_id)
        pending.append((doc_id, item))
        if len(pending) >= LOOKUP:
            yield from flush_lookup()
    yield from flush_lookup()
    if chunk:
        yield chunk


def ingest(
    ledger: Ledger,
    paths: list[str],
    *,
    published: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    stdin: BinaryIO | None = None,
    model: str | Path | None = DEFAULT_MODEL,
) -> IngestReport:
    """Store every input of ``paths`` in ``ledger`` (see the module docstring); never raises for one input.
    ``model`` is the learned attribution model (the shipped one; ``None`` for the hand rules alone)."""
    return ingest_inputs(
        ledger,
        iter_all(paths, stdin=stdin),
        published=published,
        workers=workers,
        progress=progress,
        model=model,
    )


def store_record(ledger: Ledger, record: Record) -> int | InputError | None:
    """Store one analysed document: its number of new statements, None when the ledger already had it,
    or an ``InputError`` of stage ``store`` for a database error, so the batch reports it and goes on.

    Local ingest and both Ray write paths store through here, so they report the same way."""
    try:
        return ledger.add(record)
    except Exception as err:  # a database error for one document: report it, go on
        reason = f"could not be stored ({type(err).__name__}: {err})"
        return InputError(record.document.source, reason, "store")


def ingest_inputs(
    ledger: Ledger,
    items: Iterable[RawInput | InputError],
    *,
    published: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    model: str | Path | None = DEFAULT_MODEL,
) -> IngestReport:
    """``ingest`` for inputs already read (``RawInput``s, e.g. a sample of a corpus, or errors to report)."""
    report = IngestReport()
    started = time.perf_counter()
    workers = (os.cpu_count() or 1) if workers is None else max(0, workers)
    chunks = _chunks(ledger, iter(items), report, progress)

    def store(results: list[Record | InputError]) -> None:
        for result in results:
            if isinstance(result, InputError):
                report.errors.append(result)
                if progress:
                    progress(report, result)
                continue
            added = store_record(ledger, result)
            if isinstance(added, InputError):
                report.errors.append(added)
                if progress:
                    progress(report, added)
                continue
            if added is None:
                report.skipped += 1
            else:
                report.stored += 1
                report.statements += added
            report.seconds = time.perf_counter() - started
            if progress:
                progress(report, None)

    model_file = None if model is None else str(model)  # a str crosses to the workers as it is
    if workers == 0:
        from onrecord import nlp as nlp_module

        nlp = nlp_module.load(None, model_file)
        for chunk in chunks:
            store(parse_chunk(chunk, published, nlp))
    else:
        context = multiprocessing.get_context("spawn")
        # Workers read this as their first import (``onrecord._spawn_guard``) to die with this process.
        previous = os.environ.get(PARENT_ENV)
        os.environ[PARENT_ENV] = str(os.getpid())
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(model_file,)
        )
        try:
            window: deque[tuple[Future[Any], list[RawInput]]] = deque()

            def collect() -> None:
                future, sent = window.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    raise
                except Exception as err:  # e.g. a result that cannot be pickled: these inputs fail
                    results = [
                        InputError(r.source, f"worker failed ({type(err).__name__}: {err})") for r in sent
                    ]
                store(results)

            for chunk in chunks:
                window.append((pool.submit(parse_chunk, chunk, published), chunk))
                while len(window) > workers * 3:
                    collect()
            while window:
                collect()
        except BaseException:
            # Ctrl-C, SIGTERM (the CLI makes it an exception), a database gone: stop parsing now.
            # ``shutdown(wait=True)`` would first parse every chunk already queued, minutes of work
            # whose results nobody will store.
            stop_workers(pool)
            raise
        else:
            pool.shutdown(wait=True)
        finally:
            if previous is None:
                os.environ.pop(PARENT_ENV, None)
            else:
                os.environ[PARENT_ENV] = previous
    report.seconds = time.perf_counter() - started
    return report
