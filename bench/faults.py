"""Faults benchmark (issue 14, "Reliability"): ``onrecord ingest`` killed at several points, and several
ingests at once, on SQLite and PostgreSQL; then is everything stored exactly once?

For each back end, a clean reference ingest of the inputs into a fresh ledger comes first (and again at
the end). Then, each
on a fresh ledger of its own:

- **a fault**: ``onrecord ingest`` (the CLI, ``--workers 2``) gets SIGKILL at one point: 0.5 s and 2 s
  after start (still importing), as soon as the ledger is opened (migrations running), as soon as its
  workers exist (they are importing spaCy), at the first stored document, just past half-way, at the
  first document of the last chunk (the last three inside a burst of writes: results come back a
  chunk of articles at a time). Checked right after the kill: no process the ingest started
  survives it (found by a tag in the environment its workers inherit), the ledger opens (SQLite's
  ``integrity_check`` is ``ok``). Then the same command is run again to completion;
- **concurrent ingests**: three ``onrecord ingest`` processes (``--workers 1`` each) on three folders
  that overlap (every article is in two of them), into the same ledger at once.

Each finished ledger is compared with the reference: the same documents (by id, the SHA-256 of the
input bytes), the same statements per document (identified by the pipeline's local id), so statements
lost and duplicated are counted, both must be 0; and no person twice (the same kind, surname, first,
middle names and suffix among people nobody corrected). Costs are ratios to the reference ingest of
the same back end in the same run (run before and after the faults; their mean): a killed run costs
what it did until the kill plus a re-run that parses only what is missing. Wall-clock and CPU seconds
(of the ingest processes and the workers they waited for) are both given, since the machine may be
shared: wall time from start to the end of the re-run, CPU of the re-run alone (what finishing the
job costs; a killed ingest's workers are not waited for, so their CPU cannot be counted).

Inputs: Reuters-21578 articles (../shared/data/reuters21578), written one file per article, chosen
with a quotation verb in their text and no story shared with another chosen one (fingerprints), so
that a copy found in one order and not in another cannot count as a loss.

    .venv/bin/python bench/faults.py                      # SQLite, and PostgreSQL if ONRECORD_TEST_PG
    .venv/bin/python bench/faults.py --pg postgresql://postgres@127.0.0.1:5432/postgres --json out.json

``--pg`` (or ``ONRECORD_TEST_PG``) is a server URL whose user may create databases: each ledger gets a
fresh database, dropped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlalchemy as sa

from onrecord.ingest.corpora import detect
from onrecord.ledger import Ledger
from onrecord.ledger.fingerprints import fingerprint
from onrecord.ledger.ingest import CHUNK

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
PUBLISHED = "1987-03-15"  # one date for every input: what is compared is whether statements are stored
TAG_VAR = "ONRECORD_FAULT_TAG"

# ------------------------------------------------------------------------------------------- inputs


def pick_articles(n: int) -> list[tuple[str, bytes]]:
    """``n`` Reuters articles (name, bytes) that quote someone and share no story with each other.

    Taken evenly from the corpus files, so that the sample spans the months the corpus covers.
    """
    files = sorted((SHARED / "data" / "reuters21578").glob("reut2-*.json"))
    if not files:
        sys.exit(f"no Reuters-21578 files under {SHARED / 'data' / 'reuters21578'}")
    per_file = -(-n // len(files))
    chosen: list[tuple[str, bytes]] = []
    seen_prints: set[str] = set()
    for file in files:
        corpus = detect(file)
        assert corpus is not None
        taken = 0
        for item in corpus:
            if taken >= per_file or len(chosen) >= n:
                break
            if not hasattr(item, "data"):  # an InputError: a record that cannot be read
                continue
            text = item.data.decode("utf-8")
            if not 1200 <= len(text) <= 4000 or " said" not in text:
                continue
            prints = set(fingerprint(text))
            if prints & seen_prints:
                continue
            seen_prints |= prints
            newid = item.source.rsplit("#", 1)[-1]
            chosen.append((f"reuters-{newid}.txt", item.data))
            taken += 1
    return chosen[:n]


def write_folder(folder: Path, articles: list[tuple[str, bytes]]) -> Path:
    folder.mkdir(parents=True)
    for name, data in articles:
        (folder / name).write_bytes(data)
    return folder


# ---------------------------------------------------------------------------------------- ledgers


class Backends:
    """Fresh ledgers on SQLite (files in ``root``) or PostgreSQL (databases on ``pg``), dropped at the end."""

    def __init__(self, root: Path, pg: str | None) -> None:
        self.root, self.pg = root, pg
        self.databases: list[str] = []

    def fresh(self, backend: str, name: str) -> str:
        if backend == "sqlite":
            return str(self.root / f"{name}.sqlite3")
        assert self.pg is not None
        safe = re.sub(r"\W", "_", name)
        database = f"onrecord_faults_{safe}_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(self.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {database}")
        admin.dispose()
        self.databases.append(database)
        return sa.engine.make_url(self.pg).set(database=database).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.databases:
            return
        admin = sa.create_engine(self.pg, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
        with admin.connect() as conn:
            for database in self.databases:
                conn.exec_driver_sql(
                    f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
                )
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {database}")
        admin.dispose()


def _engine_url(url: str) -> str:
    if "://" not in url:
        return f"sqlite:///{url}"
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


_ENGINES: dict[str, sa.Engine] = {}


def _engine(url: str) -> sa.Engine:
    """One small pooled engine per PostgreSQL ledger polled, so polling does not open a connection a
    time (which would load the server the ingest writes to)."""
    if url not in _ENGINES:
        _ENGINES[url] = sa.create_engine(_engine_url(url), pool_size=1, max_overflow=0)
    return _ENGINES[url]


def dispose_engines() -> None:
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


def stored_documents(url: str) -> int:
    """Documents stored so far by another process (0 while the ledger does not exist yet)."""
    if "://" not in url:
        try:
            with contextlib.closing(sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=1)) as conn:
                return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        except sqlite3.Error:
            return 0
    try:
        with _engine(url).connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one())
    except sa.exc.DBAPIError:
        return 0


def schema_state(url: str) -> str:
    """The ledger's schema as a kill left it, before anything opens it again: its Alembic revision, or
    how many tables a migration cut short had made."""
    try:
        if "://" not in url:
            if not Path(url).exists():
                return "no file"
            with contextlib.closing(sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=5)) as conn:
                tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                if "alembic_version" in tables:
                    rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                    if rev:
                        return f"rev {rev[0]}"
        else:
            with _engine(url).connect() as conn:
                tables = list(
                    conn.execute(
                        sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    ).scalars()
                )
                if "alembic_version" in tables:
                    rev = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
                    if rev:
                        return f"rev {rev}"
        return f"{len(tables)} tables, no revision"
    except (sqlite3.Error, sa.exc.DBAPIError) as err:
        return f"unreadable: {type(err).__name__}"


def ledger_opened(url: str) -> bool:
    """Whether the ingest has opened the ledger: the SQLite file exists, or a client is connected."""
    if "://" not in url:
        return Path(url).exists()
    database = sa.engine.make_url(_engine_url(url)).database
    with _engine(url).connect() as conn:
        return bool(
            conn.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"
                ),
                {"db": database},
            ).scalar_one()
        )


@dataclass
class Contents:
    """What a ledger holds, in the terms compared with the reference."""

    statements: dict[str, set[str]]  # document id -> local ids of its statements
    duplicate_rows: int  # statement rows beyond one per (document, local id)
    people_twice: int
    integrity: str

    @property
    def n_statements(self) -> int:
        return sum(len(v) for v in self.statements.values())


def contents(url: str) -> Contents:
    """Open the ledger as a user would (``Ledger``: migrations checked) and read what it holds."""
    with Ledger(url) as ledger, ledger.engine.connect() as conn:
        docs = {d: set() for d in conn.execute(sa.text("SELECT id FROM documents")).scalars()}
        rows = conn.execute(sa.text("SELECT document_id, local_id FROM statements")).all()
        n_rows = len(rows)
        for doc, local in rows:
            docs.setdefault(doc, set()).add(local)
        # A statement stored twice would be a second row with the same (document, local id).
        duplicate_rows = n_rows - sum(len(v) for v in docs.values())
        people_twice = conn.execute(
            sa.text(
                "SELECT count(*) - count(DISTINCT kind || '|' || last || '|' || coalesce(first, '') || '|' "
                "|| coalesce(middle, '') || '|' || coalesce(suffix, '')) FROM people WHERE NOT corrected"
            )
        ).scalar_one()
        integrity = "ok"  # PostgreSQL: the ledger opened and every read above succeeded
        if ledger.dialect == "sqlite":
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
    return Contents(
        statements=docs,
        duplicate_rows=duplicate_rows,
        people_twice=int(people_twice),
        integrity=str(integrity),
    )


def compare(got: Contents, reference: Contents) -> dict[str, int]:
    """Documents and statements missing from ``got`` or there beyond the reference."""
    lost, duplicated = 0, got.duplicate_rows
    for doc in reference.statements.keys() | got.statements.keys():
        want, have = reference.statements.get(doc, set()), got.statements.get(doc, set())
        lost += len(want - have)
        duplicated += len(have - want)
    return {
        "documents_missing": len(reference.statements.keys() - got.statements.keys()),
        "documents_extra": len(got.statements.keys() - reference.statements.keys()),
        "statements_lost": lost,
        "statements_duplicated": duplicated,
        "people_twice": got.people_twice,
    }


# -------------------------------------------------------------------------------------- processes


def tagged(tag: str) -> list[tuple[int, str]]:
    """(pid, command line) of every live process carrying ``tag`` in its environment."""
    found = []
    needle = f"{TAG_VAR}={tag}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if needle in environ.split(b"\0") and state != "Z":
            found.append((int(entry), cmdline.replace(b"\0", b" ").decode(errors="replace")[:120]))
    return found


def start_ingest(folder: Path, url: str, tag: str, workers: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "onrecord.cli", "ingest", str(folder), "--db", url,
        "--workers", str(workers), "--no-progress", "--published", PUBLISHED,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), TAG_VAR: tag}
    return subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def finish(process: subprocess.Popen[bytes], timeout: float = 600) -> tuple[int, str]:
    _, err = process.communicate(timeout=timeout)
    return process.returncode, err.decode(errors="replace")


def reap(tag: str) -> None:
    """Kill every process still carrying ``tag`` (after the orphans were counted)."""
    for pid, _ in tagged(tag):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def wait_for(condition: Callable[[], bool], seconds: float, step: float = 0.01) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def children_cpu() -> float:
    """CPU seconds of the finished child processes (an ingest, and the workers it waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Cost:
    """Wall-clock and CPU seconds of some ingest runs. The machine is shared: wall time moves with
    other people's jobs, CPU time much less, so both are kept."""

    wall: float = 0.0
    cpu: float = 0.0

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.wall + other.wall, self.cpu + other.cpu)


def measured(run: Callable[[], object]) -> Cost:
    wall, cpu = time.perf_counter(), children_cpu()
    run()
    return Cost(time.perf_counter() - wall, children_cpu() - cpu)


def clean_run(folder: Path, url: str, workers: int) -> Cost:
    """One uninterrupted ``onrecord ingest`` of ``folder`` into ``url``; it must succeed."""
    tag = uuid.uuid4().hex
    result: list[tuple[int, str]] = []
    cost = measured(lambda: result.append(finish(start_ingest(folder, url, tag, workers))))
    rc, err = result[0]
    if rc != 0:
        sys.exit(f"ingest failed ({rc}): {err[-2000:]}")
    reap(tag)
    return cost


# ----------------------------------------------------------------------------------------- faults


@dataclass
class Fault:
    """A point at which the ingest is killed: a name, and the condition that fires it."""

    name: str
    describe: str
    ready: Callable[[subprocess.Popen[bytes], str, str, int], bool]


def _after(seconds: float) -> Callable[[subprocess.Popen[bytes], str, str, int], bool]:
    started: dict[int, float] = {}

    def ready(process: subprocess.Popen[bytes], url: str, tag: str, n: int) -> bool:
        first = started.setdefault(process.pid, time.monotonic())
        return time.monotonic() - first >= seconds

    return ready


def _workers_exist(process: subprocess.Popen[bytes], url: str, tag: str, n: int) -> bool:
    return any("spawn_main" in cmd for pid, cmd in tagged(tag) if pid != process.pid)


def _stored_at_least(share: float, plus: int = 0) -> Callable[[subprocess.Popen[bytes], str, str, int], bool]:
    def ready(process: subprocess.Popen[bytes], url: str, tag: str, n: int) -> bool:
        return stored_documents(url) >= max(1, int(n * share) + plus)

    return ready


def _last_chunk(process: subprocess.Popen[bytes], url: str, tag: str, n: int) -> bool:
    """Results come back a chunk (``CHUNK`` articles) at a time and are stored in a burst: this fires
    at the first document of the last burst, so that a few are still to be stored."""
    return stored_documents(url) >= n - (n - 1) % CHUNK


FAULTS = [
    Fault("0.5s", "0.5 s after start (interpreter importing onrecord)", _after(0.5)),
    Fault("2s", "2 s after start (still importing)", _after(2.0)),
    Fault(
        "open", "as soon as the ledger is opened (migrations running)", lambda p, u, t, n: ledger_opened(u)
    ),
    Fault("workers", "as soon as its worker processes exist (importing spaCy)", _workers_exist),
    Fault("first", "at the first stored document (inside a burst of writes)", _stored_at_least(0.0)),
    Fault("half", "just past half the documents stored (inside a burst of writes)", _stored_at_least(0.5, 2)),
    Fault("end", "at the first document of the last chunk (its burst of writes)", _last_chunk),
]


@dataclass
class Outcome:
    """One scenario's result: what was checked, and how long it took against the reference."""

    backend: str
    scenario: str
    describe: str
    killed_at_s: float | None = None
    stored_at_kill: int | None = None
    schema_at_kill: str = ""
    orphans: int = 0
    opened_after_kill: str = ""
    rerun_stored: int | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    wall_ratio: float = 0.0
    cpu_ratio: float = 0.0
    checks: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def run_fault(
    fault: Fault, folder: Path, url: str, n: int, workers: int, reference: Contents, ref: Cost
) -> Outcome:
    """Kill one ingest at ``fault``, check what it left, finish the job with a re-run, compare.

    Wall time: the killed run's until the kill plus the re-run's. CPU: the re-run's alone, what
    finishing the job costs (a killed ingest's workers are not its waited-for children, so the CPU
    they spent before the kill cannot be counted).
    """
    out = Outcome(backend="", scenario=f"SIGKILL {fault.name}", describe=fault.describe)
    tag = uuid.uuid4().hex
    started, cpu = time.perf_counter(), children_cpu()
    process = start_ingest(folder, url, tag, workers)
    try:
        fired = wait_for(lambda: process.poll() is not None or fault.ready(process, url, tag, n), 600)
        if not fired or process.poll() is not None:
            out.errors.append(f"the ingest ended (rc {process.returncode}) before the fault could fire")
        else:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        killed = Cost(time.perf_counter() - started, children_cpu() - cpu)
        out.killed_at_s = round(killed.wall, 2)
        wait_for(lambda: not tagged(tag), 5, step=0.05)
        survivors = tagged(tag)
        out.orphans = len(survivors)
        if survivors:
            out.errors.append(f"orphans: {survivors}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        reap(tag)
    out.stored_at_kill = stored_documents(url)
    out.schema_at_kill = schema_state(url)
    try:
        out.opened_after_kill = contents(url).integrity
    except Exception as err:  # the point of the check: say what broke
        out.opened_after_kill = f"failed: {type(err).__name__}: {err}"
        out.errors.append(out.opened_after_kill)
    rerun_tag = uuid.uuid4().hex
    result: list[tuple[int, str]] = []
    rerun = measured(lambda: result.append(finish(start_ingest(folder, url, rerun_tag, workers))))
    reap(rerun_tag)
    rc, err = result[0]
    if rc != 0:
        out.errors.append(f"re-run failed ({rc}): {err[-500:]}")
    for line in err.splitlines():
        if line.startswith("onrecord: stored"):
            out.rerun_stored = int(line.split()[2])
    _costs(out, Cost(killed.wall + rerun.wall, rerun.cpu), ref)
    out.checks = compare(contents(url), reference)
    return out


def _costs(out: Outcome, cost: Cost, ref: Cost) -> None:
    out.seconds, out.cpu_seconds = round(cost.wall, 2), round(cost.cpu, 2)
    out.wall_ratio, out.cpu_ratio = round(cost.wall / ref.wall, 2), round(cost.cpu / ref.cpu, 2)


def run_concurrent(folders: list[Path], url: str, reference: Contents, ref: Cost) -> Outcome:
    """Ingests of ``folders`` into one new ledger, all started at once; compare with the reference."""
    out = Outcome(
        backend="",
        scenario=f"{len(folders)} ingests at once",
        describe="overlapping folders, every article in two of them, --workers 1 each",
    )
    tags = [uuid.uuid4().hex for _ in folders]

    def run_all() -> None:
        processes = [start_ingest(folder, url, tag, 1) for folder, tag in zip(folders, tags, strict=True)]
        for process in processes:
            rc, err = finish(process)
            if rc != 0:
                out.errors.append(f"an ingest failed ({rc}): {err[-500:]}")

    _costs(out, measured(run_all), ref)
    for tag in tags:
        wait_for(lambda t=tag: not tagged(t), 5, step=0.05)  # type: ignore[misc]
        out.orphans += len(tagged(tag))
        reap(tag)
    out.checks = compare(contents(url), reference)
    return out


# ------------------------------------------------------------------------------------------- main


def _load() -> float:
    return os.getloadavg()[0]


def overlapping(articles: list[tuple[str, bytes]], parts: int) -> Iterator[list[tuple[str, bytes]]]:
    """``parts`` slices of the articles, each two consecutive thirds (wrapping): every article is in
    two of them, so every article is met by two processes."""
    n = len(articles)
    for i in range(parts):
        start = i * n // parts
        yield [articles[(start + j) % n] for j in range(2 * n // parts)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=30, help="Reuters articles (default 30)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of each faulted ingest")
    ap.add_argument("--pg", default=os.environ.get("ONRECORD_TEST_PG"), help="PostgreSQL server URL")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--faults", default=",".join(f.name for f in FAULTS), help="which faults, by name")
    ap.add_argument("--json", help="also write the results to this JSON file")
    args = ap.parse_args()

    backends = ["sqlite"] + ([] if args.no_pg or not args.pg else ["postgresql"])
    wanted = [f for f in FAULTS if f.name in args.faults.split(",")]
    articles = pick_articles(args.n)
    load_before = _load()
    begun = time.perf_counter()
    outcomes: list[Outcome] = []
    references: dict[str, dict[str, float | int]] = {}
    with tempfile.TemporaryDirectory(prefix="onrecord-faults-") as tmp:
        root = Path(tmp)
        folder = write_folder(root / "all", articles)
        parts = [write_folder(root / f"part{i}", p) for i, p in enumerate(overlapping(articles, 3))]
        ledgers = Backends(root, args.pg)
        try:
            for backend in backends:
                # The reference runs before and after the faults; their mean is what the faults are
                # measured against, and the two show how much the machine's load moved the figures.
                url = ledgers.fresh(backend, "reference")
                first = clean_run(folder, url, args.workers)
                reference = contents(url)
                print(f"{backend}: reference {first}", flush=True)
                mine: list[Outcome] = []
                for fault in wanted:
                    url = ledgers.fresh(backend, f"kill-{fault.name}")
                    mine.append(run_fault(fault, folder, url, len(articles), args.workers, reference, first))
                url = ledgers.fresh(backend, "concurrent")
                mine.append(run_concurrent(parts, url, reference, first))
                url = ledgers.fresh(backend, "reference-again")
                second = clean_run(folder, url, args.workers)
                again = compare(contents(url), reference)
                if any(again.values()):
                    sys.exit(f"{backend}: two clean ingests of the same inputs differ: {again}")
                ref = Cost((first.wall + second.wall) / 2, (first.cpu + second.cpu) / 2)
                references[backend] = {
                    "wall_s": [round(first.wall, 2), round(second.wall, 2)],
                    "cpu_s": [round(first.cpu, 2), round(second.cpu, 2)],
                    "documents": len(reference.statements),
                    "statements": reference.n_statements,
                    "people_twice": reference.people_twice,
                }
                for outcome in mine:
                    outcome.backend = backend
                    _costs(outcome, Cost(outcome.seconds, outcome.cpu_seconds), ref)
                    print(json.dumps(asdict(outcome)), flush=True)
                outcomes.extend(mine)
        finally:
            dispose_engines()
            ledgers.drop_all()
    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "articles": len(articles),
        "load_1min_before_after": [round(load_before, 2), round(_load(), 2)],
        "total_seconds": round(time.perf_counter() - begun, 1),
        "references": references,
        "outcomes": [asdict(o) for o in outcomes],
    }
    _print_tables(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    failed = [o for o in outcomes if o.errors or any(o.checks.values()) or o.orphans]
    if failed:
        sys.exit(f"{len(failed)} scenario(s) lost, duplicated or left something behind: see above")


def _print_tables(result: dict) -> None:
    print(f"\n{result['articles']} Reuters articles; load {result['load_1min_before_after']}")
    for backend, ref in result["references"].items():
        print(f"{backend} reference: {ref}")
    print(
        "\n| back end | scenario | killed at (s) | schema at kill | stored at kill | orphans | opens after "
        "| re-run stored "
        "| docs missing / extra | statements lost / duplicated | people twice | wall / reference "
        "| re-run CPU / reference |"
    )
    print("|---|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for o in result["outcomes"]:
        c = o["checks"]
        cells = [
            o["backend"],
            o["scenario"],
            _cell(o["killed_at_s"]),
            o["schema_at_kill"] or "-",
            _cell(o["stored_at_kill"]),
            str(o["orphans"]),
            o["opened_after_kill"] or "-",
            _cell(o["rerun_stored"]),
            f"{c.get('documents_missing')} / {c.get('documents_extra')}",
            f"{c.get('statements_lost')} / {c.get('statements_duplicated')}",
            str(c.get("people_twice")),
            f"{o['wall_ratio']:.2f}",
            f"{o['cpu_ratio']:.2f}",
        ]
        print("| " + " | ".join(cells) + " |")


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


if __name__ == "__main__":
    main()
