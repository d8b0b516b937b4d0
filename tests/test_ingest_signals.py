"""``onrecord ingest`` killed or stopped at any moment, its workers' start-up included (issue 14, item
6): no worker outlives it, SIGTERM and Ctrl-C end it within seconds with one line, and what it stored is
whole.

Every process an ingest started is found, however it was reparented, by a tag in the environment its
workers inherit (``/proc/PID/environ``); the tests kill any survivor themselves, so that a failing run
leaves nothing behind (a surviving worker would also hold the stderr pipe open).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, load_bench
from onrecord.ledger import Ledger
from test_ledger_support import write_articles

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc (Linux)")

EXAMPLE = REPO / "src" / "onrecord" / "examples" / "harbor-city-council.txt"


_FAULTS = load_bench("faults")  # its ``tagged`` finds an ingest's processes by their environment tag
_tagged = _FAULTS.tagged


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Forty-one different articles: the example and forty small generated ones (five chunks)."""
    folder = tmp_path / "corpus"
    write_articles(folder, 40)
    (folder / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    return folder


def _start_ingest(corpus: Path, db: Path, tag: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "onrecord.cli", "ingest", str(corpus), "--db", str(db),
        "--workers", "2", "--no-progress", "--published", "2024-03-14",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), _FAULTS.TAG_VAR: tag}
    return subprocess.Popen(
        command,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )


def _ctrl_c_as_at_a_terminal() -> None:
    """The ingest gets Ctrl-C's default disposition, as a command typed at a terminal does. A test run
    started in the background (``nohup make test &``) inherits SIGINT ignored, and Python then leaves
    it ignored: the Ctrl-C cases would test the shell, not onrecord."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _workers(tag: str, ingest: int) -> list[int]:
    return [pid for pid, cmd in _tagged(tag) if pid != ingest and "spawn_main" in cmd]


def _reap(process: subprocess.Popen[bytes], tag: str) -> None:
    """Kill whatever the test left running: the ingest and every process carrying its tag."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for pid, _ in _tagged(tag):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def test_sigkill_while_workers_start_leaves_no_orphans(corpus: Path, tmp_path: Path) -> None:
    """``kill -9`` of ``onrecord ingest`` right after it spawned its workers, while they are still
    importing spaCy (seconds before the pool's initializer runs): none of them outlives it."""
    tag = uuid.uuid4().hex
    process = _start_ingest(corpus, tmp_path / "ledger.sqlite3", tag)
    try:
        assert _wait_for(lambda: bool(_workers(tag, process.pid)), 120), "no worker was ever started"
        time.sleep(0.3)
        assert _workers(tag, process.pid), "the workers must still be running when the kill lands"
        os.kill(process.pid, signal.SIGKILL)  # the ingest alone, as the kernel's OOM killer would
        process.wait()
        _wait_for(lambda: not _tagged(tag), 5)
        orphans = _tagged(tag)
    finally:
        _reap(process, tag)
    assert process.returncode == -signal.SIGKILL
    assert orphans == []


def _stored(db: Path) -> int:
    """Documents in a SQLite ledger another process is writing (0 while it is not created yet)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("when", ["starting", "storing"])
@pytest.mark.parametrize(
    ("sig", "code", "word"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "interrupted")]
)
def test_sigterm_and_ctrl_c_stop_the_ingest_cleanly(
    corpus: Path, tmp_path: Path, sig: signal.Signals, code: int, word: str, when: str
) -> None:
    """SIGTERM, or Ctrl-C (SIGINT to the terminal's whole process group: ingest and workers), while the
    workers start or once documents are being stored: the ingest stops within seconds with one line
    and its own exit code, no traceback, no worker left, and what it stored is whole (a re-run stores
    exactly the rest)."""
    tag = uuid.uuid4().hex
    db = tmp_path / "ledger.sqlite3"
    process = _start_ingest(corpus, db, tag)
    try:
        assert _wait_for(lambda: bool(_workers(tag, process.pid)), 120), "no worker was ever started"
        if when == "storing":
            assert _wait_for(lambda: _stored(db) > 0, 120), "nothing was ever stored"
        else:
            time.sleep(0.3)
        if sig == signal.SIGINT:
            os.killpg(process.pid, sig)
        else:
            os.kill(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        _wait_for(lambda: not _tagged(tag), 5)
        survivors = _tagged(tag)
    finally:
        _reap(process, tag)  # before stderr is read: a surviving worker holds the pipe open
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and f"onrecord: error: {word}: stopped" in stderr, stderr
    assert survivors == [], "left running"
    with Ledger(db) as ledger:
        stored = ledger.counts()["documents"]
        assert ledger.ingest([corpus], workers=0, published="2024-03-14").stored == 41 - stored
        assert ledger.counts()["documents"] == 41


def test_a_stop_swallowed_by_a_callback_is_kept_for_the_next_document() -> None:
    """A SIGTERM or Ctrl-C raised inside a callback that may not raise (Python prints "Exception
    ignored" and goes on) is not lost: the ingest's unraisable hook keeps it and the ingest raises it at
    its next document; anything else goes to the hook that was there."""
    from types import SimpleNamespace

    from onrecord.commands.ingest import Terminated, _SwallowedStops

    others: list[str] = []
    stops = _SwallowedStops(lambda unraisable: others.append(type(unraisable.exc_value).__name__))
    stops.raise_pending()  # nothing pending: nothing happens
    stops(SimpleNamespace(exc_value=ValueError("other")))
    stops(SimpleNamespace(exc_value=Terminated()))
    assert others == ["ValueError"]
    with pytest.raises(Terminated):
        stops.raise_pending()
    stops.raise_pending()  # raised once


def test_a_stop_sqlalchemy_logs_prints_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C landing while SQLAlchemy's pool returns a connection: the pool logs "Exception during
    reset or similar" with the traceback, then raises the stop again. During the ingest that record is
    dropped (the ingest says in one line that it stopped); SQLAlchemy's other errors still print, and
    after the ingest its logging is as it was."""
    import logging

    from onrecord.commands.ingest import Terminated, _quiet_stops

    pool = logging.getLogger("sqlalchemy.pool.impl.QueuePool")

    def log(stop: BaseException) -> None:
        try:
            raise stop
        except BaseException:
            pool.error("Exception during reset or similar", exc_info=True)

    with _quiet_stops():
        log(KeyboardInterrupt())
        log(Terminated())
        assert capsys.readouterr().err == ""
        log(OSError("disk I/O error"))
        err = capsys.readouterr().err
        assert "Exception during reset or similar" in err and "OSError: disk I/O error" in err
    assert logging.getLogger("sqlalchemy").propagate and not logging.getLogger("sqlalchemy").handlers
