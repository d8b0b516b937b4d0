"""The ledger's query commands, each a method of ``onrecord.Ledger``: statements, timeline, search,
people (with merge, split and undo) and export.

Every query prints a table in a terminal and JSON lines otherwise (``--format`` overrides: table, json,
jsonl, csv). A JSON row is one statement in the output contract's shape plus ``document`` (id, title,
source, published); ids are the ledger's.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from onrecord.commands.common import Format, default_format, say_error, write_listing
from onrecord.commands.ingest import DB_HELP
from onrecord.model import STATEMENT_KINDS

if TYPE_CHECKING:
    from onrecord.ledger import Ledger, StoredDocument, StoredPerson, StoredStatement

DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP)]
FormatOption = Annotated[
    Format | None, typer.Option("--format", "-f", help="table (default in a terminal), json, jsonl or csv.")
]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many rows.")]
OffsetOption = Annotated[
    int, typer.Option("--offset", min=0, help="Skip this many rows first (with --limit: the next page).")
]


#: The statement kinds as the CLI's choices, from the model's type (``STATEMENT_KINDS``).
Kind = Enum("Kind", {k: k for k in STATEMENT_KINDS}, type=str)  # type: ignore[misc]


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


people_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode="markdown",
)


def register(app: typer.Typer) -> None:
    """Add the ledger's query commands to the main app."""
    app.command("statements")(statements)
    app.command("statement")(statement)
    app.command("timeline")(timeline)
    app.command("search")(search)
    app.command("export")(export)
    app.add_typer(people_app, name="people")


# ------------------------------------------------------------------------------------------ helpers


def _open(db: str | None) -> Ledger:
    """The ledger a read command asks for; never creates one (a typo must not leave an empty ledger)."""
    from onrecord.ledger import Ledger, LedgerError

    try:
        return Ledger(db, create=False)
    except LedgerError as e:
        say_error(str(e))
        raise typer.Exit(2) from None
    except Exception as e:
        say_error(f"cannot open the ledger: {e}")
        raise typer.Exit(2) from None


def say_empty(what: str, ledger: Ledger) -> None:
    """One line on stderr when an answer is empty, naming the ledger asked: an empty answer from the
    wrong ledger (a typo in --db, another ONRECORD_DB) looks just like an empty answer."""
    where = ledger.engine.url.render_as_string(hide_password=True)
    sys.stderr.write(f"onrecord: no {what} in ledger {where}\n")
    sys.stderr.flush()


def one_person(ledger: Ledger, name: str) -> int:
    """The person id ``name`` means (``Ledger.find_person``); else one line and exit 1, listing the
    candidates by id when the name fits several, so the user can say which one they meant."""
    from onrecord.ledger import AmbiguousName

    try:
        pid = ledger.find_person(name)
    except AmbiguousName as e:
        say_error(str(e))
        for p in e.candidates:
            sys.stderr.write(f"  #{p.id}  {p.name}  ({p.statements} statements)\n")
        raise typer.Exit(1) from None
    if pid is None:
        say_error(f"no person called {name!r} in the ledger (see `onrecord people`)")
        raise typer.Exit(1)
    return pid


def _one_document(ledger: Ledger, document_id: str) -> StoredDocument:
    """The document an id or id prefix names; else one line and exit 1."""
    from onrecord.ledger import LedgerError

    try:
        return ledger.find_document(document_id)
    except LedgerError as e:
        say_error(str(e))
        raise typer.Exit(1) from None


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        say_error(f"{option} {value!r} is not a date (YYYY-MM-DD)")
        raise typer.Exit(2) from None


def _dates(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """``--since`` and ``--until`` as days; one line and exit 2 when either is not a day, or when the
    range is empty (``--since`` after ``--until``), which would otherwise answer "nothing" silently."""
    first, last = _day(since, "--since"), _day(until, "--until")
    if first is not None and last is not None and first > last:
        say_error(f"--since {since} is after --until {until}: no statement can be in between")
        raise typer.Exit(2)
    return first, last


def _print_statements(
    rows: Sequence[StoredStatement], fmt: Format | None, ledger: Ledger, title: str | None = None
) -> None:
    if not rows:
        say_empty("statements", ledger)
    fmt = fmt or default_format(single=False)
    if fmt is Format.table:
        _statement_table(rows, title)
    elif fmt is Format.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
    else:
        from onrecord.ledger.export import write_rows

        write_rows(rows, fmt.value, sys.stdout)


def _statement_table(rows: Sequence[StoredStatement], title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("speaker", max_width=24)
    table.add_column("kind", no_wrap=True)
    table.add_column("statement", ratio=3)
    table.add_column("document", ratio=1, style="dim")
    for s in rows:
        who = s.person_name or s.speaker_text or ""
        if not s.named and s.description:
            who = f"[italic]{s.description}[/italic]"
        content = s.content_text if len(s.content_text) <= 300 else s.content_text[:297] + "..."
        where = s.document.title or s.document.source
        if s.document.published:
            where = f"{where} ({s.document.published})"
        table.add_row(str(s.id), s.shown_date or "?", who, s.kind, content, where)
    console = Console()
    console.print(table)
    console.print(f"[dim]{len(rows)} statements[/dim]")


def _print_people(rows: Sequence[StoredPerson], fmt: Format | None) -> None:
    fmt = fmt or default_format(single=False)
    if fmt is Format.table:
        from rich.console import Console
        from rich.table import Table

        table = Table(expand=True)
        for name, justify in (("#", "right"), ("name", "left"), ("kind", "left"), ("documents", "right")):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        table.add_column("statements", justify="right")
        table.add_column("also called", ratio=2, style="dim")
        for p in rows:
            others = [a for a in p.aliases if a != p.name][:6]
            mark = " [yellow](corrected)[/yellow]" if p.corrected else ""
            table.add_row(
                str(p.id), p.name + mark, p.kind, str(p.documents), str(p.statements), ", ".join(others)
            )
        Console().print(table)
    else:
        fields = ("id", "name", "kind", "documents", "statements", "aliases", "corrected")
        write_listing([p.to_dict() for p in rows], fmt, fields)


def _fail(e: Exception) -> None:
    say_error(str(e))
    raise typer.Exit(1) from None


# ----------------------------------------------------------------------------------------- commands


def statements(
    speaker: Annotated[
        str | None, typer.Option(help="A person's name or #id (see `onrecord people`).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only statements made on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only statements made on or before YYYY-MM-DD.")] = None,
    about: Annotated[
        str | None, typer.Option(help='Words the statement contains ("quoted phrase" too).')
    ] = None,
    kind: Annotated[Kind | None, typer.Option(help="direct, indirect, mixed or according_to.")] = None,
    named: Annotated[
        bool | None,
        typer.Option("--named/--anonymous", help="Only named speakers, or only anonymous sources."),
    ] = None,
    document: Annotated[
        str | None,
        typer.Option("--document", "-d", help="Only this document's (its id, see `onrecord documents`)."),
    ] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """Statements in the ledger, by date, filtered by speaker, dates, words, kind and named/anonymous.

    Example:

        onrecord statements --speaker "Donald Trump" --since 2016-07-01 --about Putin --db ledger.sqlite3

        onrecord statements --limit 50 --offset 50 --db ledger.sqlite3    # the second page of 50

        onrecord statements --document 3f2a9c41 --db ledger.sqlite3     # one article's, by date

    A statement's date is when it was said (``said_on``), else its article's publication date.
    """
    from onrecord.ledger import LedgerError

    first, last = _dates(since, until)
    ledger = _open(db)
    who = f"#{one_person(ledger, speaker)}" if speaker is not None else None
    doc_id = _one_document(ledger, document).id if document is not None else None
    try:
        rows = ledger.statements(
            document=doc_id,
            speaker=who,
            since=first,
            until=last,
            about=about,
            kind=kind.value if kind else None,
            named=named,
            limit=limit,
            offset=offset,
        )
    except LedgerError as e:
        _fail(e)
    _print_statements(rows, format, ledger)


def statement(
    statement_id: Annotated[
        int, typer.Argument(help="The statement's ledger id (the # column, or id in JSON).")
    ],
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """One statement by its ledger id, with its document.

    Example:

        onrecord statement 42 --db ledger.sqlite3 --format json
    """
    ledger = _open(db)
    found = ledger.statement(statement_id)
    if found is None:
        say_error(
            f"no statement #{statement_id} in ledger {ledger.engine.url.render_as_string(hide_password=True)}"
        )
        raise typer.Exit(1)
    if (format or default_format(single=True)) is Format.json:
        sys.stdout.write(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_statements([found], format, ledger)


def timeline(
    name: Annotated[str, typer.Argument(help="A person's name or #id.")],
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """One person's statements across every article, in the order they were made.

    Example:

        onrecord timeline "Donald Trump" --db polnear.sqlite3
    """
    from onrecord.ledger import LedgerError

    ledger = _open(db)
    pid = one_person(ledger, name)
    try:
        rows = ledger.timeline(f"#{pid}", limit=limit, offset=offset)
    except LedgerError as e:
        _fail(e)
    _print_statements(rows, format, ledger, title=f"{name}: {len(rows)} statements by date")


def search(
    text: Annotated[
        str,
        typer.Argument(
            help='Words every statement must contain; "a phrase" in quotes, OR between two terms, '
            "prefix* for any ending."
        ),
    ],
    speaker: Annotated[
        str | None, typer.Option(help="Only this person's (a name or #id, see `onrecord people`).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only statements made on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only statements made on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many, best first.")] = 50,
    offset: OffsetOption = 0,
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """Full-text search over what was said (SQLite FTS5 / PostgreSQL tsvector), most relevant first.

    Example:

        onrecord search '"trade deficit" OR tariff*' --speaker Trump --since 2016-01-01 --db ledger.sqlite3

    Words must all appear (in any form: "reopen" finds "reopened"); "quoted phrases" stay together;
    OR joins two terms (bridge OR tunnel); a trailing * matches any ending (librar* finds library,
    libraries). The same query finds the same statements on SQLite and PostgreSQL.
    """
    first, last = _dates(since, until)
    ledger = _open(db)
    who = f"#{one_person(ledger, speaker)}" if speaker is not None else None
    rows = ledger.search(text, limit=limit, offset=offset, speaker=who, since=first, until=last)
    _print_statements(rows, format, ledger, title=f"statements matching {text!r}")


def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")
    ] = ExportFormat.jsonl,
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="File to write (default: stdout; parquet needs one).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Every statement in the ledger, by date, with its document (jsonl rows match `statements -f jsonl`).

    Example:

        onrecord export --format parquet --out statements.parquet
    """
    from onrecord.ledger import LedgerError

    if out is not None and not Path(out).expanduser().resolve().parent.is_dir():
        say_error(f"cannot write {out}: its folder does not exist (create it first)")
        raise typer.Exit(2)
    ledger = _open(db)
    try:
        n = ledger.export(format.value, out)  # type: ignore[arg-type]
    except (LedgerError, OSError) as e:
        _fail(e)
    if not n:
        say_empty("statements", ledger)
    if out:
        sys.stderr.write(f"onrecord: wrote {n} statements to {out}\n")


@people_app.callback()
def people(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="Only people known by this name or #id.")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """Everyone in the ledger with their document and statement counts, most quoted first.

    Example:

        onrecord people --db ledger.sqlite3 --limit 20

    Correct who is who with `onrecord people merge` and `onrecord people split`; corrections are kept
    as rules and applied to every later ingest, listed by `onrecord people merges` and reversed by
    `onrecord people undo ID`.
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    ledger = _open(db)
    rows = ledger.people(name=name, limit=limit, offset=offset)
    if not rows:
        say_empty("people", ledger)
    _print_people(rows, format)


@people_app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The person to keep (name or #id).")],
    other: Annotated[str, typer.Argument(help="The person that is really the same one (name or #id).")],
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """Make two people one: OTHER's statements, mentions and names move to KEEP.

    Example:

        onrecord people merge "Bill Clinton" "William Clinton"

    OTHER's names become rules, so later articles that use them join KEEP too.
    """
    from onrecord.ledger import LedgerError

    ledger = _open(db or (ctx.obj or {}).get("db"))
    try:
        person = ledger.merge_people(keep, other)
    except LedgerError as e:
        _fail(e)
    _say_logged(ledger)
    _print_people([person], format)


@people_app.command("split")
def split(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The person that holds two identities (name or #id).")],
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", "-a", help="Articles calling them this go to the new person."),
    ] = None,
    document: Annotated[
        list[str] | None, typer.Option("--document", "-d", help="A document id (or prefix) to move.")
    ] = None,
    into: Annotated[
        str | None, typer.Option("--into", help="Name of the person to move them to (new unless it exists).")
    ] = None,
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """Take some of a person's articles away into another person.

    Example:

        onrecord people split "Hillary Clinton" --alias "Bill Clinton"
        onrecord people split "Clinton" --document 3f2a9c --into "Bill Clinton"

    The aliases (and, for --document, that article's name) become rules, so later ingests keep them apart.
    """
    from onrecord.ledger import LedgerError

    ledger = _open(db or (ctx.obj or {}).get("db"))
    try:
        moved = ledger.split_person(person, aliases=alias or [], documents=document or [], into=into)
    except LedgerError as e:
        _fail(e)
    _say_logged(ledger)
    _print_people([moved], format)


def _say_logged(ledger: Ledger) -> None:
    """Tell the user the id of the correction just made, which is what undoing it takes."""
    last = ledger.corrections(limit=1)
    if last:
        sys.stderr.write(
            f"onrecord: logged as correction #{last[0].id} (`onrecord people undo {last[0].id}`)\n"
        )


@people_app.command("merges")
def merges(
    ctx: typer.Context,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """The merges and splits users made, newest first, with their ids for `onrecord people undo`.

    Example:

        onrecord people merges --db ledger.sqlite3

    Each row is one correction: a merge of OTHER into PERSON, or a split of PERSON's articles into
    OTHER, with what it moved and, once undone, when.
    """
    ledger = _open(db or (ctx.obj or {}).get("db"))
    rows = ledger.corrections(limit=limit, offset=offset)
    if not rows:
        say_empty("merges or splits", ledger)
    fmt = format or default_format(single=False)
    if fmt is Format.table:
        from rich.console import Console
        from rich.table import Table

        table = Table(expand=True)
        for name in ("#", "action", "person", "other", "moved", "when", "undone"):
            table.add_column(name)
        for c in rows:
            table.add_row(
                str(c.id),
                c.action,
                f"#{c.person_id} {c.person_name}",
                f"#{c.other_id} {c.other_name}",
                c.summary(),
                c.created_at,
                c.undone_at or "",
            )
        Console().print(table)
    else:
        # CSV has no nested values: what moved goes in words there.
        flat = fmt is Format.csv
        listing = [c.to_dict() | ({"moved": c.summary()} if flat else {}) for c in rows]
        write_listing(listing, fmt, _CORRECTION_FIELDS)


_CORRECTION_FIELDS = (
    "id",
    "action",
    "person",
    "person_name",
    "other",
    "other_name",
    "moved",
    "created_at",
    "undone_at",
)


@people_app.command("undo")
def undo(
    ctx: typer.Context,
    correction: Annotated[int, typer.Argument(help="The correction's id (see `onrecord people merges`).")],
    db: DbOption = None,
    format: FormatOption = None,
) -> None:
    """Undo a merge or split: a merged-away person comes back with its id, statements and names; a
    split's articles go back to the person they were taken from.

    Example:

        onrecord people merges --db ledger.sqlite3
        onrecord people undo 3 --db ledger.sqlite3

    Later corrections of the same people must be undone first; articles ingested since stay where
    they went, and an undo that cannot be exact is refused with the reason.
    """
    from onrecord.ledger import LedgerError

    ledger = _open(db or (ctx.obj or {}).get("db"))
    try:
        done = ledger.undo_correction(correction)
    except LedgerError as e:
        _fail(e)
    sys.stderr.write(
        f"onrecord: undid {done.action} #{done.id} (#{done.person_id} {done.person_name}, "
        f"#{done.other_id} {done.other_name}): {done.summary()} moved back\n"
    )
    people = [p for pid in (done.person_id, done.other_id) if (p := ledger.person(pid)) is not None]
    _print_people(people, format)
