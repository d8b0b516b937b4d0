"""``onrecord serve --workers 2`` as a user runs it: a real server in a subprocess, several processes on one
port and one SQLite ledger, reads and authenticated writes at once, and a clean stop on SIGTERM.

The in-process tests (``test_api.py``) cannot see what only several processes show: each worker must
build its own app from the environment, writes from two processes must both land in the ledger (no
"database is locked", nothing lost), and stopping the server must stop every worker.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from onrecord.ledger import Ledger
from test_web_support import EXAMPLE, HOSTILE_HTML, TOKEN, build_ledger

REPO = Path(__file__).resolve().parents[1]
#: A second new article, another story than the example and the hostile page (not taken for a copy).
FERRY = """Island Ferry Fares to Rise in Autumn

PORT ELLEN — The island's ferry operator will raise fares by a tenth from October, its chief executive
said on Wednesday.

"We cannot keep the boats running on last year's prices," Maria Lindqvist, the operator's chief
executive, told reporters at the harbour.

Local councillor Tom Baird said the rise would hurt families who cross every week for school and work.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> set[int]:
    """Process ids whose parent is ``pid`` (read from /proc, Linux)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc (Linux)")
def test_serve_with_two_workers_reads_writes_and_stops(tmp_path: Path) -> None:
    db = build_ledger(tmp_path / "ledger.sqlite3")
    port = _free_port()
    env = {
        **os.environ,
        "ONRECORD_TOKEN": TOKEN,
        "ONRECORD_LOG_LEVEL": "warning",
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("ONRECORD_DB", None)
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "serve", "--db", db]
    command += ["--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            deadline = time.monotonic() + 90
            while True:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                try:
                    if client.get("/api/stats").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the server did not answer in 90 s"
                time.sleep(0.2)
            workers = {p for p in _children(server.pid) if "spawn_main" in _cmdline(p)}
            assert len(workers) == 2

            before = client.get("/api/stats").json()
            assert before["documents"] == 1 and before["writable"] is True
            assert client.get("/api/people?limit=5").json()["total"] == before["people"]

            # Three articles sent at once on separate connections, with reads beside them: the two
            # new ones may be analysed by both workers at once and written to one SQLite file.
            bodies = [
                ("text/plain", EXAMPLE.read_bytes().decode("utf-8"), "2024-03-14"),
                ("text/html", HOSTILE_HTML, "2024-05-02"),
                ("text/plain", FERRY, "2024-06-05"),
            ]

            def post(body: tuple[str, str, str]) -> httpx.Response:
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as own:
                    return own.post(
                        f"/api/documents?published={body[2]}",
                        content=body[1].encode(),
                        headers={"Content-Type": body[0], "Authorization": f"Bearer {TOKEN}"},
                    )

            def read(i: int) -> int:
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as own:
                    return own.get(f"/api/statements?limit=5&offset={i % 3}").status_code

            with ThreadPoolExecutor(8) as pool:
                posts = list(pool.map(post, bodies))
                reads = list(pool.map(read, range(40)))
            assert reads == [200] * 40
            # The example is in the ledger already (same bytes): 200 and nothing new; the others are new.
            assert [r.status_code for r in posts] == [200, 201, 201], [r.text for r in posts]
            new = [r.json() for r in posts[1:]]
            assert all(n["stored"] is True and n["statements"] > 0 for n in new)
            wrong = {"Authorization": "Bearer not-the-token"}
            assert client.post("/api/documents", json={"text": "x"}, headers=wrong).status_code == 401

            after = client.get("/api/stats").json()
            assert after["documents"] == 3
            assert after["statements"] == before["statements"] + sum(n["statements"] for n in new)
            for n in new:  # whichever worker stored it, every worker reads it
                listed = client.get(f"/api/statements?document={n['document']['id']}&limit=500").json()
                assert listed["total"] == n["statements"]

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        assert not [p for p in workers if _alive(p)], "a worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    with Ledger(db) as ledger:  # what the server acknowledged is on disk, whole
        for n in new:
            assert ledger.document(n["document"]["id"]) is not None
            assert len(ledger.statements(document=n["document"]["id"])) == n["statements"]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
