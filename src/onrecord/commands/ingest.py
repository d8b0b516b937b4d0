"""`onrecord ingest`: fill the ledger from files, folders and the known corpora (``Ledger.ingest``)."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from onrecord.commands.common import ModelOption, NoModelOption, chosen_model, say_error

DB_HELP = (
    "Ledger: a SQLite file path or postgresql://user@host/db (default: $ONRECORD_DB, else the user data dir)."
)


class Engine(str, Enum):
    local = "local"
    ray = "ray"


def _ingest_on_ray(
    paths: list[str],
    db: str | None,
    published: str | None,
    address: str | None,
    parquet: str | None,
    progress: bool,
    workers: int | None,
    model: Path | None,
) -> None:
    """The same per-document function on Ray Data (``onrecord.scale.ray_job``); see docs/SCALE.md."""
    from onrecord.ledger import LedgerError
    from onrecord.ledger.engine import resolve_url
    from onrecord.scale.ray_job import RayNotInstalled, run_ray_ingest

    db_url = resolve_url(db) if db is not None or parquet is None else None
    try:
        report = run_ray_ingest(
            paths,
            ray_address=address,
            db_url=db_url,
            parquet_dir=parquet,
            published=published,
            progress=progress,
            num_cpus=workers or None,
            model=model,
        )
    except (
        RayNotInstalled,
        ValueError,
        LedgerError,
    ) as e:  # no ray extra, stdin, a used folder, a bad ledger
        say_error(str(e))
        raise typer.Exit(2) from None
    for error in report.errors:
        say_error(str(error))
    sys.stderr.write(report.summary() + "\n")
    if report.failures:
        raise typer.Exit(1)


class Terminated(BaseException):
    """SIGTERM, raised where the main thread is, so that it unwinds like Ctrl-C does.

    Python's default for SIGTERM ends the process on the spot: the ingest's workers then die only by
    their death signal, and no line says what was stored. As an exception it goes through the same
    ``stop_workers`` and open-transaction rollback as a ``KeyboardInterrupt``.
    """


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


class _SwallowedStops:
    """An unraisable hook for the ingest. A stop (SIGTERM's ``Terminated``, Ctrl-C's
    ``KeyboardInterrupt``) raised while Python runs a callback that may not raise, a garbage-collection
    callback of SQLAlchemy's say, is printed as "Exception ignored" and lost, and the ingest runs on.
    The hook keeps it instead (``pending``), for the ingest's own code to raise at its next document
    (``raise_pending``); any other unraisable goes to the hook that was there."""

    def __init__(self, previous: Callable[[Any], object]) -> None:
        self.previous = previous
        self.pending: BaseException | None = None

    def __call__(self, unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, (Terminated, KeyboardInterrupt)):
            self.pending = unraisable.exc_value
        else:
            self.previous(unraisable)

    def raise_pending(self) -> None:
        if self.pending is not None:
            stop, self.pending = self.pending, None
            raise stop


class _DropStops(logging.Filter):
    """Drops a log record that carries a stop: SQLAlchemy's pool logs "Exception during reset or
    similar" with the whole traceback when Ctrl-C or SIGTERM lands while it returns a connection, and
    then raises the stop again, which the ingest reports in its one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        stop = record.exc_info[1] if record.exc_info else None
        return not isinstance(stop, (Terminated, KeyboardInterrupt))


@contextlib.contextmanager
def _quiet_stops() -> Iterator[None]:
    """SQLAlchemy's warnings and errors go to stderr as before (Python's last-resort handler), less the
    tracebacks of a stop."""
    logger = logging.getLogger("sqlalchemy")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.addFilter(_DropStops())
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def register(app: typer.Typer) -> None:
    """Add ``onrecord ingest`` to the main app."""
    app.command()(ingest)


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .htm, optionally .gz), folders, - for stdin, or a PolNeAR folder, "
            "Reuters-21578 JSON file/folder, or the BBC folder."
        ),
    ],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=0, help="Parsing processes (default: CPU count; 0 = in this process)."
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD for inputs that carry none of their own (outranks the text)."
        ),
    ] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show the progress bar.")] = True,
    engine: Annotated[
        Engine,
        typer.Option(help="local: processes here; ray: a Ray cluster (the ray extra)."),
    ] = Engine.local,
    ray_address: Annotated[
        str | None, typer.Option(help="With --engine ray: the cluster to join (default: start one here).")
    ] = None,
    parquet: Annotated[
        str | None,
        typer.Option(help="With --engine ray: also write statements as Parquet here."),
    ] = None,
    model: ModelOption = None,
    no_model: NoModelOption = False,
) -> None:
    """Read articles and store their statements, people and dates in the ledger.

    Example:

        onrecord ingest ../shared/data/polnear/train --db ledger.sqlite3

        onrecord ingest --engine ray --parquet out/ archive/ --db postgresql://onrecord@db/onrecord

    Re-running is safe: documents already stored (same input bytes) are skipped before parsing, and each
    document is stored whole or not at all, so an interrupted ingest is finished by running it again.
    Exit code 0 only when every input was stored; each failed input gets one line on stderr. Ctrl-C or
    SIGTERM stops it within seconds, workers included (exit code 130 or 143), keeping what is stored.
    """
    from onrecord.ledger import Ledger
    from onrecord.ledger.ingest import count_inputs
    from onrecord.reader import parse_date

    attribution_model = chosen_model(model, no_model)

    try:
        parse_date(published)
    except ValueError as e:
        say_error(str(e))
        raise typer.Exit(2) from None
    if engine is Engine.ray:
        _ingest_on_ray(paths, db, published, ray_address, parquet, progress, workers, attribution_model)
        return
    try:
        ledger = Ledger(db)
    except Exception as e:  # a bad URL, an unreachable server, a file that is not a ledger
        say_error(f"cannot open the ledger: {e}")
        raise typer.Exit(2) from None

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TextColumn("{task.fields[statements]} statements"),
        TextColumn("{task.fields[errors]} errors"),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        disable=not progress,
        transient=False,
    )
    with bar:
        task = bar.add_task("ingest", total=count_inputs(paths), rate=0.0, statements=0, errors=0)

        done: dict[str, int] = {}

        stops = _SwallowedStops(sys.unraisablehook)

        def on_progress(report, error) -> None:  # type: ignore[no-untyped-def]
            stops.raise_pending()
            done["stored"] = report.stored
            if error is not None:
                say_error(str(error))
            bar.update(
                task,
                completed=report.stored + report.skipped + len(report.errors),
                rate=report.docs_per_second,
                statements=report.statements,
                errors=len(report.errors),
            )

        import signal

        previous = signal.signal(signal.SIGTERM, _raise_terminated)
        sys.unraisablehook = stops
        with _quiet_stops():  # the except branch closes the ledger: a stop may land there too
            try:
                report = ledger.ingest(
                    paths, published=published, workers=workers, progress=on_progress, model=attribution_model
                )
                stops.raise_pending()  # a stop swallowed during the last document still stops
            except (KeyboardInterrupt, Terminated) as stop:
                bar.stop()
                ledger.close()
                name = "SIGTERM" if isinstance(stop, Terminated) else "interrupted"
                so_far = f"{done['stored']} documents stored in this run" if done else "nothing stored yet"
                say_error(f"{name}: stopped, {so_far}; run the same command again to store the rest")
                raise typer.Exit(143 if isinstance(stop, Terminated) else 130) from None
            finally:
                signal.signal(signal.SIGTERM, previous)
                sys.unraisablehook = stops.previous
    ledger.close()
    sys.stderr.write(
        f"onrecord: stored {report.stored} documents ({report.statements} statements), "
        f"skipped {report.skipped} already stored, {len(report.errors)} errors, "
        f"{report.seconds:.1f} s ({report.docs_per_second:.1f} docs/s)\n"
    )
    if report.errors:
        raise typer.Exit(1)
