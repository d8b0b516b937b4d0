"""What keeps ``onrecord serve`` fast under load without changing an answer: the answer cache
(``onrecord.web.cache``: a repeated GET is answered from memory, and any change to the ledger, by this
server or by another process, is seen by the very next request) and the small handler thread pool."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import anyio.to_thread
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from onrecord.web import create_app
from onrecord.web.app import SQLITE_HANDLER_THREADS
from onrecord.web.cache import ledger_version
from test_web_support import HOSTILE_HTML, TOKEN, build_ledger

HIT = "x-onrecord-cache"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return build_ledger(tmp_path / "ledger.sqlite3")


def test_a_repeated_get_is_answered_from_the_cache_with_the_same_answer(db: str) -> None:
    client = TestClient(create_app(db, token=""))
    first = client.get("/api/people?limit=5")
    again = client.get("/api/people?limit=5")
    assert first.status_code == again.status_code == 200
    assert HIT not in first.headers and again.headers[HIT] == "hit"
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    # The security headers are added outside the cache, to kept answers too.
    assert "default-src 'self'" in again.headers["content-security-policy"]
    # Another query string is another answer.
    assert HIT not in client.get("/api/people?limit=6").headers


def test_errors_and_static_files_are_never_kept(db: str) -> None:
    client = TestClient(create_app(db, token=""))
    for path in ("/api/people/999999", "/static/style.css", "/openapi.json"):
        client.get(path)
        assert HIT not in client.get(path).headers, path


def test_page_and_htmx_fragment_are_kept_apart(db: str) -> None:
    client = TestClient(create_app(db, token=""))
    hx = {"HX-Request": "true", "HX-Target": "results", "Accept": "text/html"}
    page = client.get("/?q=bridge", headers={"Accept": "text/html"})
    fragment = client.get("/?q=bridge", headers=hx)
    assert HIT not in fragment.headers and fragment.content != page.content
    assert client.get("/?q=bridge", headers=hx).content == fragment.content
    assert client.get("/?q=bridge", headers={"Accept": "text/html"}).content == page.content
    assert "<html" in page.text and "<html" not in fragment.text


def test_a_document_posted_to_the_server_is_seen_at_once(db: str) -> None:
    client = TestClient(create_app(db, token=TOKEN))
    before = client.get("/api/stats").json()
    assert client.get("/api/stats").headers[HIT] == "hit"
    posted = client.post(
        "/api/documents",
        content=HOSTILE_HTML.encode(),
        headers={"Content-Type": "text/html", "Authorization": f"Bearer {TOKEN}"},
    )
    assert posted.status_code == 201
    after = client.get("/api/stats")
    assert HIT not in after.headers
    assert after.json()["documents"] == before["documents"] + 1
    assert after.json()["statements"] == before["statements"] + posted.json()["statements"]


def test_a_change_made_by_another_process_is_seen_by_the_next_request(db: str) -> None:
    client = TestClient(create_app(db, token=""))
    person = client.get("/api/people?limit=1").json()["items"][0]
    path = f"/api/people/{person['id']}"
    assert client.get(path).json()["name"] == person["name"]
    assert client.get(path).headers[HIT] == "hit"
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('UPDATE people SET name = ? WHERE id = ?', ('Renamed Elsewhere', int(sys.argv[2]))); "
        "c.commit()"
    )
    subprocess.run([sys.executable, "-c", script, db, str(person["id"])], check=True, timeout=60)
    changed = client.get(path)
    assert HIT not in changed.headers
    assert changed.json()["name"] == "Renamed Elsewhere"


def test_only_a_sqlite_file_has_a_version_to_check(tmp_path: Path) -> None:
    assert ledger_version(sa.make_url("postgresql+psycopg://u@localhost/ledger")) is None
    assert ledger_version(sa.make_url("sqlite://")) is None
    path = tmp_path / "v.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE t (x)")
    con.commit()
    version = ledger_version(sa.make_url(f"sqlite:///{path}"))
    assert version is not None
    first = version()
    assert version() == first
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    assert version() not in (None, first)
    version.close()
    con.close()


def test_on_sqlite_the_handlers_run_in_a_small_thread_pool(db: str) -> None:
    def tokens() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    with TestClient(create_app(db, token="")) as client:  # runs the app's startup
        assert client.portal is not None
        assert client.portal.call(tokens) == SQLITE_HANDLER_THREADS
        assert client.get("/api/stats").status_code == 200
