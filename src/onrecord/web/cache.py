"""Answers to GET requests kept in memory until the ledger changes (one cache per server process).

Why: on a small machine nearly all of a read's cost is Python (routing, building the ledger's queries,
turning rows into JSON or HTML), not SQLite, and the most asked-for answers (the front page, the people
list, the latest statements, a well-known person's record) are the same for everyone until the next
document is stored. Measured with ``bench/api_load.py`` (see docs/BENCHMARKS.md): an answer from this
cache costs a fraction of a millisecond, against 3 to 9 ms to compute.

Correctness rests on SQLite telling any connection, cheaply and across processes, whether the database
has changed since that connection last asked (``PRAGMA data_version``, a few microseconds). Every request
asks first; a different version empties the cache, so a document stored by another worker, or by an
``onrecord ingest`` running beside the server, is seen by the very next request. An answer is stored
only if the version was the same before and after it was computed, so a write that lands while a page is
being built never leaves that page behind. PostgreSQL has no such counter, so there the cache is off.

Only ``200`` answers to ``GET`` are kept, keyed by path, query string and the request headers that
change an answer (an HTML ``Accept``, htmx's ``HX-Request`` and ``HX-Target``); nothing a page shows
depends on anything else (no cookies, no host names, no clock). Static files and the API documentation
pass through.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Entries and bytes kept per process; the least recently used go first.
MAX_ENTRIES = 4096
MAX_BYTES = 64_000_000
#: Larger answers (a very long article) are not kept: rare, and they would crowd out the rest.
MAX_ANSWER = 1_000_000
_BYPASS = ("/static", "/docs", "/redoc", "/openapi.json")
_Key = tuple[str, bytes, bool, bytes, bytes]


class SQLiteVersion:
    """The ledger file's ``data_version`` read on a connection of its own (read-only, never writing, so
    every commit by any other connection, in any process, changes what it reads)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def __call__(self) -> int | None:
        with self._lock:
            try:
                if self._connection is None:
                    uri = f"file:{self.path}?mode=ro"
                    self._connection = sqlite3.connect(uri, uri=True, timeout=1, check_same_thread=False)
                return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:  # unreadable for now: answer uncached rather than risk a stale page
                self.close()
                return None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def ledger_version(url: Any) -> SQLiteVersion | None:
    """A version reader for a SQLite ledger file (an ``sqlalchemy`` URL); None for anything else."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return SQLiteVersion(url.database)


class CacheMiddleware:
    """Serve a kept answer while the ledger's version is unchanged; keep new ``200`` GET answers."""

    def __init__(self, app: ASGIApp, version: SQLiteVersion | None) -> None:
        self.app = app
        self.version = version
        self._seen: int | None = None
        self._entries: OrderedDict[_Key, tuple[int, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.version is None
            or scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"].startswith(_BYPASS)
        ):
            await self.app(scope, receive, send)
            return
        before = self.version()
        if before is None:
            await self.app(scope, receive, send)
            return
        if before != self._seen:
            self._entries.clear()
            self._bytes = 0
            self._seen = before
        key = _key(scope)
        kept = self._entries.get(key)
        if kept is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            status, headers, body = kept
            headers = [*headers, (b"x-onrecord-cache", b"hit")]
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and size <= MAX_ANSWER:
                body = message.get("body", b"")
                chunks.append(body)
                size += len(body)
            await send(message)

        await self.app(scope, receive, keep)
        if start is None or start["status"] != 200 or size > MAX_ANSWER or self.version() != before:
            return
        self._store(key, (200, list(start.get("headers", [])), b"".join(chunks)))

    def _store(self, key: _Key, entry: tuple[int, list[tuple[bytes, bytes]], bytes]) -> None:
        self._entries[key] = entry
        self._bytes += len(entry[2])
        while self._entries and (len(self._entries) > MAX_ENTRIES or self._bytes > MAX_BYTES):
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped[2])


def _key(scope: Scope) -> _Key:
    html, hx_request, hx_target = False, b"", b""
    for name, value in scope.get("headers", []):
        if name == b"accept":
            html = html or b"text/html" in value
        elif name == b"hx-request":
            hx_request = value
        elif name == b"hx-target":
            hx_target = value
    return (scope["path"], scope.get("query_string", b""), html, hx_request, hx_target)
