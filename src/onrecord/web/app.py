"""The web application: one FastAPI app serving the JSON API under ``/api`` and the HTML pages.

``create_app`` opens the ledger once and shares it between requests (SQLAlchemy pools connections;
SQLite runs in WAL mode, so readers never wait for a writer). Request handlers are plain functions, which
FastAPI runs in its thread pool, because every ledger query blocks; on SQLite that pool is kept small
(``SQLITE_HANDLER_THREADS``), and answers to GET requests are kept until the ledger changes
(``cache.py``).

Two guards sit in front of everything, written as plain ASGI so they cost nothing on the hot path:
the body limit (a request body over ``max_body`` bytes gets 413 before it is read in full, whether it
declares a Content-Length or streams chunks) and the security headers (a Content-Security-Policy that
allows only this server's own scripts and styles, so even a script that slipped past escaping would not
run; no sniffing, no framing, no referrer).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord.ledger import AmbiguousName, Ledger
from onrecord.web.cache import CacheMiddleware, ledger_version

HERE = Path(__file__).resolve().parent
#: Bodies above this are refused with 413: an article is a few hundred kB at most; 5 MB leaves room for
#: a bloated HTML page and keeps one request from filling the server's memory.
MAX_BODY = 5_000_000
#: What ``POST /api/documents`` with a URL may fetch (the same cap as ``onrecord ingest``).
MAX_FETCH = 20_000_000
#: Threads that run request handlers in one process on a SQLite ledger (anyio's default is 40). Every
#: handler is Python holding the GIL but for SQLite's own work, so more threads answer no faster; they
#: only fight for the GIL, which costs CPU in the kernel. Measured with 20 concurrent clients on one
#: process over five endpoints (timeline, search, people, two pages; no answer cache): 40 threads
#: 10.2 ms of CPU per request, 8 threads 8.6, 4 threads 7.6, 2 threads 7.1, 1 thread 5.9. Two keep
#: a slow page from holding up every other request. On PostgreSQL a query waits on the network with
#: the GIL released, so there the default stays.
SQLITE_HANDLER_THREADS = 2

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
#: FastAPI's own documentation pages load Swagger UI and ReDoc from a CDN; the CSP would block them.
_NO_CSP = ("/docs", "/redoc")


@dataclass(frozen=True)
class Settings:
    """How this server behaves: which ledger, who may write, and how much a request may carry."""

    db: str | None = None
    token: str | None = None
    max_body: int = MAX_BODY
    max_fetch: int = MAX_FETCH
    allow_private_urls: bool = False

    @property
    def writable(self) -> bool:
        return bool(self.token)


class _TooLarge(Exception):
    pass


class GuardMiddleware:
    """Refuse oversized bodies with 413 and add the security headers to every response."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = not path.startswith(_NO_CSP)
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.extend(_SECURITY_HEADERS)
                if csp:
                    headers.append((b"content-security-policy", _CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        declared = None
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None and declared > self.max_body:
            await self._refuse(send_with_headers)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await self._refuse(send_with_headers)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": f"request body over the {self.max_body // 1_000_000} MB limit"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At startup, size the thread pool the request handlers run in (see ``SQLITE_HANDLER_THREADS``);
    at shutdown, close the cache's version connection."""
    if app.state.ledger.dialect == "sqlite":
        anyio.to_thread.current_default_thread_limiter().total_tokens = SQLITE_HANDLER_THREADS
    yield
    if app.state.cache_version is not None:
        app.state.cache_version.close()


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", "")


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    ledger: Ledger | None = None,
    max_body: int = MAX_BODY,
    allow_private_urls: bool = False,
) -> FastAPI:
    """The app for the ledger at ``db`` (a path or URL; None: ``ONRECORD_DB`` or the default file).

    ``token`` enables writing; when None it is read from ``ONRECORD_TOKEN`` (an empty value means none).
    ``ledger`` passes an open ledger instead of ``db`` (tests). ``allow_private_urls`` lets URL
    ingestion reach private and loopback addresses, for an intranet news server; off by default.
    """
    from onrecord.web import api, corrections, downloads, pages

    if token is None:
        token = os.environ.get("ONRECORD_TOKEN") or None
    settings = Settings(
        db=db, token=token, max_body=max_body, allow_private_urls=allow_private_urls, max_fetch=MAX_FETCH
    )
    app = FastAPI(
        lifespan=_lifespan,
        title="onrecord",
        summary="Who said what, when, and on whose authority: the stored ledger over HTTP.",
        description=(
            "Read the ledger: documents, people, a person's timeline, statements (full-text search and "
            "filters) and contradictions. Every list takes `limit` (at most 500) and `offset` and says "
            "its `total`. Writing (`POST /api/documents`) needs `Authorization: Bearer <token>` where "
            "the server was started with `ONRECORD_TOKEN`; without it the server is read-only."
        ),
        version="1",
    )
    app.state.ledger = ledger if ledger is not None else Ledger(db)
    app.state.settings = settings
    app.state.cache_version = ledger_version(app.state.ledger.engine.url)
    app.add_middleware(CacheMiddleware, version=app.state.cache_version)
    app.add_middleware(GuardMiddleware, max_body=max_body)  # added last: outermost, so cached answers get it
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # Corrections first: their GET /api/people/corrections would otherwise reach /api/people/{person_id}.
    app.include_router(corrections.api)
    app.include_router(api.router)
    app.include_router(corrections.pages)
    app.include_router(downloads.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(AmbiguousName)
    async def ambiguous(request: Request, exc: AmbiguousName) -> Response:
        """A speaker name that fits several people: 422 with the candidates, as the CLI lists them."""
        if _wants_json(request):
            people = [{"id": str(p.id), "name": p.name, "statements": p.statements} for p in exc.candidates]
            return JSONResponse({"detail": str(exc), "candidates": people}, status_code=422)
        return pages.error_page(request, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors: Any = exc.errors()
        if _wants_json(request):
            return JSONResponse({"detail": _plain(errors)}, status_code=422)
        return pages.error_page(request, 422, "; ".join(_one_line(e) for e in errors))

    return app


def create_app_from_env() -> FastAPI:
    """The app each worker process of ``onrecord serve --workers N`` builds for itself.

    uvicorn starts its workers as fresh interpreters (spawn), so it cannot hand them an app object, only
    an import string: each worker calls this factory and gets its own ledger engine and connection pool
    (SQLite connections must never cross a process boundary). ``serve`` opens the ledger first, so a bad
    URL or a pending migration is dealt with once, then puts the resolved URL in ``ONRECORD_DB`` for the
    workers; ``ONRECORD_TOKEN`` reaches them the same way. A worker asks the kernel to end it with its
    parent, so killing ``serve`` with SIGKILL leaves no orphan still answering on the port.
    """
    from onrecord.ledger.ingest import die_with_parent

    die_with_parent()
    return create_app(os.environ.get("ONRECORD_DB") or None)


def _one_line(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid"))


def _plain(errors: Any) -> Any:
    """Validation errors as JSON can carry them (a ``ctx`` may hold the exception object itself)."""
    out = []
    for e in errors:
        item = {k: v for k, v in e.items() if k in ("loc", "msg", "type")}
        if "input" in e and isinstance(e["input"], (str, int, float, bool, type(None))):
            item["input"] = e["input"]
        out.append(item)
    return out
