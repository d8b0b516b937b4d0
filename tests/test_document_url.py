"""The article's web address reaches the ledger by every way in: a folder of saved HTML pages (the page's
canonical link), a JSONL line's ``url``, and a fetched URL; the web pages link to it (``test_web.py``,
``e2e``). Before ``documents.url`` a saved page kept only its local path, so nothing led back to the
original article.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.ingest import iter_inputs, web_url
from onrecord.ledger import Ledger
from onrecord.ledger.ingest import ingest_inputs

runner = CliRunner()
CANONICAL = "https://news.example.org/2024/03/harbor-ferry"
PARAGRAPHS = "".join(
    f"<p>“The ferry will run on time from Monday,” said Mayor Ana Ruiz in paragraph {n}, adding that "
    f"the port authority had finished a month of repairs to the harbor crossing.</p>"
    for n in range(1, 5)
)


def page(canonical: str | None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<!DOCTYPE html><html><head><title>Harbor Ferry Resumes Service</title>{link}</head><body>"
        f"<article><h1>Harbor Ferry Resumes Service</h1>{PARAGRAPHS}</article></body></html>"
    )


def _urls(db: str) -> dict[str, str | None]:
    with Ledger(db) as ledger:
        return {d.source: d.url for d in ledger.documents(limit=50)}


def test_web_url_keeps_only_http_addresses() -> None:
    assert web_url(None, "/tmp/a.html", "javascript:alert(1)", "https://x.org/a") == "https://x.org/a"
    assert web_url("file:///etc/passwd", "http://") is None


def test_a_folder_of_saved_pages_keeps_each_pages_canonical_url(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ferry.html").write_text(page(CANONICAL), encoding="utf-8")
    (folder / "no-link.html").write_text(page(None).replace("Monday", "Tuesday"), encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite3")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "0", "--no-progress"])
    assert result.exit_code == 0, result.output
    urls = _urls(db)
    assert urls[str(folder / "ferry.html")] == CANONICAL
    assert urls[str(folder / "no-link.html")] is None  # a local path is never offered as the original
    with Ledger(db) as ledger:
        stored = ledger.statements(limit=50)
        assert stored and {s.document.url for s in stored} == {CANONICAL, None}
        assert any(s.to_dict()["document"]["url"] == CANONICAL for s in stored)


def test_a_jsonl_line_keeps_its_url(tmp_path: Path) -> None:
    lines = tmp_path / "articles.jsonl"
    rows = [
        {"html": page(None), "url": "https://example.com/html-line", "published": "2024-03-14"},
        {"text": page(None).replace("<p>", "\n\n"), "url": "https://example.com/text-line"},
    ]
    lines.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite3")
    result = runner.invoke(app, ["ingest", str(lines), "--db", db, "--workers", "0", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert sorted(u for u in _urls(db).values() if u) == [
        "https://example.com/html-line",
        "https://example.com/text-line",
    ]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        body = page(None).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_fetched_url_is_stored_and_read_shows_it(tmp_path: Path, site: str) -> None:
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        report = ingest_inputs(ledger, iter_inputs([f"{site}/moved"], allow_private=True), workers=0)
        assert report.stored == 1
        (doc,) = ledger.documents(limit=5)
        assert doc.url == f"{site}/article"  # where the page was found, after the redirect
    result = runner.invoke(app, ["read", f"{site}/article", "--allow-private", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["url"] == f"{site}/article"
