"""Support for the web tests (no tests here): a ledger with the bundled example, a hostile article, a
loopback page server.

The hostile article carries ``<script>`` in its title and inside a quote, written as HTML entities so that
the extractor decodes them into the text: the way a real page would smuggle markup into the ledger.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from onrecord.ledger import Ledger

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "src" / "onrecord" / "examples" / "harbor-city-council.txt"
EXAMPLE_PUBLISHED = "2024-03-14"
TOKEN = "test-token-8b1f"

HOSTILE_HTML = """<!doctype html><html><head>
<title>Council &lt;script&gt;alert("title")&lt;/script&gt; Votes on Bridge</title></head>
<body><article><h1>Council &lt;script&gt;alert("title")&lt;/script&gt; Votes on Bridge</h1>
<p>HARBOR CITY — The council voted on Tuesday to reopen the bridge after two years of repairs and a long
debate about its cost.</p>
<p>"We will reopen the bridge &lt;script&gt;document.title='pwned'&lt;/script&gt; by June," Mayor Ana Ruiz
said on Monday.</p>
<p>Ruiz said the repairs would cost &lt;img src=x onerror=alert(3)&gt; $2 million, according to the
city's figures published last week.</p>
<p>Council member Jonas Weber said he would vote against any further spending on the bridge this year.</p>
</article></body></html>
"""


def build_ledger(path: Path, *, seed: Path | None = None) -> str:
    """A ledger file holding the bundled example (and the NBC seed when given); its path."""
    with Ledger(str(path)) as ledger:
        report = ledger.ingest([str(EXAMPLE)], published=EXAMPLE_PUBLISHED, workers=0)
        assert report.stored == 1 and not report.errors
        if seed is not None:
            report = ledger.ingest([str(seed)], published="2016-07-28", workers=0)
            assert report.stored == 1 and not report.errors
    return str(path)


@contextmanager
def loopback_server(
    body: bytes = b"<html><body><p>Hello.</p></body></html>", status: int = 200, location: str | None = None
) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving ``body`` at every path (with ``status``, and a ``Location``
    header when given, for redirects); yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            if location is not None:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
