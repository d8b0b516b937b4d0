"""`onrecord serve`: the ledger's web pages and JSON API (``onrecord.web``, on uvicorn).

One process by default. ``--workers N`` runs N uvicorn worker processes on the same port: one Python
process answers on one core at a time (the GIL), so on a machine with several cores concurrent readers
wait for each other; the workers share the ledger through the database (SQLite in WAL mode lets them
all read while one writes; writers wait for each other under the busy timeout instead of failing).
"""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated, Any

import typer

from onrecord.commands.common import say_error
from onrecord.commands.ingest import DB_HELP

#: Connections served at once (per worker process); beyond it uvicorn answers 503 at once instead of
#: queueing without bound.
LIMIT_CONCURRENCY = 200


def register(app: typer.Typer) -> None:
    """Add ``onrecord serve`` to the main app."""
    app.command()(serve)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes sharing the port (one Python process uses one core at a time); "
            "about the number of cores.",
        ),
    ] = 1,
) -> None:
    """Serve the ledger: pages for people (search, a person's record, articles) and a JSON API for tools.

    Example:

        ONRECORD_TOKEN=$(openssl rand -hex 16) onrecord serve --db ledger.sqlite3 --port 8000

    Pages at http://127.0.0.1:8000/, the API under /api (its OpenAPI schema at /openapi.json, browsable at
    /docs). The server is read-only unless ONRECORD_TOKEN is set; then POST /api/documents takes an
    article (text, HTML or a URL) with 'Authorization: Bearer TOKEN'. ONRECORD_LOG_LEVEL sets uvicorn's
    log level (default info: one line per request). --workers 2 or more runs that many processes, each
    with its own connections to the ledger and, once it is sent a document, its own spaCy model (a few
    hundred MB each).
    """
    try:
        import uvicorn

        from onrecord.web import create_app
    except ImportError as err:
        say_error(f"serve needs the web extra ({err.name} is missing): pip install 'onrecord[web]'")
        raise typer.Exit(2) from None
    try:
        app = create_app(db)
    except Exception as err:  # a bad URL, an unreachable server, a file that is not a ledger
        say_error(f"cannot open the ledger: {err}")
        raise typer.Exit(2) from None
    writable = app.state.settings.writable
    mode = (
        "writable with the bearer token" if writable else "read-only: set ONRECORD_TOKEN to accept documents"
    )
    processes = f", {workers} worker processes" if workers > 1 else ""
    typer.echo(
        f"onrecord: serving {app.state.ledger!r} at http://{host}:{port}/ ({mode}{processes})", err=True
    )
    if writable and not _loopback(host):
        typer.echo(
            "onrecord: warning: the token travels in clear over plain HTTP; put a TLS proxy in front",
            err=True,
        )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": os.environ.get("ONRECORD_LOG_LEVEL", "info"),
        "proxy_headers": False,
        "server_header": False,
        "timeout_keep_alive": 5,
        "limit_concurrency": LIMIT_CONCURRENCY,
    }
    if workers == 1:
        uvicorn.run(app, **options)
        return
    # Workers are fresh interpreters that build their own app from the environment; this process only
    # supervises them, so it lets go of its connections first.
    os.environ["ONRECORD_DB"] = app.state.ledger.url
    app.state.ledger.close()
    uvicorn.run("onrecord.web:create_app_from_env", factory=True, workers=workers, **options)
