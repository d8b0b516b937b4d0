"""The ledger's documents on the command line, as ``GET /api/documents`` and ``Ledger.documents``:
list them, and delete one with everything read from it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from onrecord.commands.common import Format, default_format, say_error, write_listing
from onrecord.commands.ledger import DbOption, FormatOption, LimitOption, OffsetOption, _open, say_empty

if TYPE_CHECKING:
    from onrecord.ledger import StoredDocument

documents_app = typer.Typer(invoke_without_command=True, no_args_is_help=False, rich_markup_mode="markdown")

_FIELDS = ("id", "title", "source", "publisher", "published", "authors", "statements")


def register(app: typer.Typer) -> None:
    """Add ``onrecord documents`` (and ``documents delete``) to the main app."""
    app.add_typer(documents_app, name="documents")


def _print_documents(rows: Sequence[StoredDocument], fmt: Format | None) -> None:
    fmt = fmt or default_format(single=False)
    if fmt is Format.table:
        from rich.console import Console
        from rich.table import Table

        table = Table(expand=True)
        table.add_column("id", no_wrap=True, style="dim")
        table.add_column("published", no_wrap=True)
        table.add_column("title", ratio=3)
        table.add_column("source", ratio=2, style="dim")
        table.add_column("statements", justify="right")
        for d in rows:
            table.add_row(d.id[:12], d.published or "?", d.title or "", d.source, str(d.statements))
        Console().print(table)
    else:
        write_listing([d.to_dict() for d in rows], fmt, _FIELDS)


@documents_app.callback()
def documents(
    ctx: typer.Context,
    contains: Annotated[
        str | None, typer.Option("--contains", help="Only documents whose title or source contains this.")
    ] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """The documents in the ledger, newest publication first, with how many statements each holds.

    Example:

        onrecord documents --db ledger.sqlite3 --contains reuters --limit 20

    A document's statements: `onrecord statements --document ID`; delete one with
    `onrecord documents delete ID`.
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    ledger = _open(db)
    rows = ledger.documents(contains, limit, offset=offset)
    if not rows:
        say_empty("documents", ledger)
    _print_documents(rows, format)


@documents_app.command("delete")
def delete(
    ctx: typer.Context,
    document_id: Annotated[str, typer.Argument(help="The document's id, or its first 6+ characters.")],
    db: DbOption = None,
) -> None:
    """Delete one document with its statements, mentions and contradictions.

    Example:

        onrecord documents delete 3f2a9c41 --db ledger.sqlite3

    People no other document names go too; merge and split rules stay. Ingesting the same file again
    stores it again.
    """
    from onrecord.ledger import LedgerError

    ledger = _open(db or (ctx.obj or {}).get("db"))
    try:
        gone = ledger.delete_document(document_id)
    except LedgerError as e:
        say_error(str(e))
        raise typer.Exit(1) from None
    sys.stderr.write(f"onrecord: deleted document {gone.id} ({gone.statements} statements): {gone.source}\n")
