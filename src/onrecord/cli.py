"""The ``onrecord`` command line: each command mirrors a function of the Python API."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from onrecord.commands import register_all
from onrecord.commands.common import (
    Format,
    ModelOption,
    NoModelOption,
    chosen_model,
    default_format,
    say_error,
    say_note,
    show_flags_as_flags,
)
from onrecord.errors import InputError

app = typer.Typer(
    help="Read news and keep the record of who said what, when, and on whose authority.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
out = Console()
show_flags_as_flags()


class ReadFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"onrecord {version('onrecord')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """onrecord: who said what, when, and on whose authority."""


@app.command()
def read(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .htm, optionally .gz), .warc(.gz), .jsonl(.gz), folders, "
            "http(s) URLs, or - for stdin."
        ),
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD; relative dates resolve against it.")
    ] = None,
    format: Annotated[
        ReadFormat | None, typer.Option("--format", "-f", help="table (in a terminal), json or jsonl.")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Let URLs reach private and loopback addresses (refused by default).")
    ] = False,
    cues: Annotated[
        str,
        typer.Option(
            help="Cue classes to report, comma-separated, or 'all': speech, writing, belief, intention, "
            "evidence, stance."
        ),
    ] = "speech,writing",
    model: ModelOption = None,
    no_model: NoModelOption = False,
) -> None:
    """Find every attributed statement in news articles: speaker, kind, date and contradictions.

    Example:

        onrecord read article.txt --published 2016-07-28 --format json

        onrecord read article.txt --cues all      # beliefs, intentions, evidence and stances too

        onrecord read article.txt --no-model      # the hand-written rules alone

    Exit code 0 only when every input was read; each unreadable input gets one line on stderr.
    """
    from onrecord.model import ALL_CUE_CLASSES
    from onrecord.reader import check_cue_classes, parse_date, read_all
    from onrecord.render import print_record

    attribution_model = chosen_model(model, no_model)
    classes = (
        list(ALL_CUE_CLASSES) if cues.strip() == "all" else [c.strip() for c in cues.split(",") if c.strip()]
    )
    try:
        parse_date(published)
        check_cue_classes(classes)
    except ValueError as e:
        say_error(str(e))
        raise typer.Exit(2) from None
    # Standard input is one article, like one file: `read - -f json` must give the same object as
    # `read file -f json`, not a list of one, so a script can switch between them.
    single = len(paths) == 1 and (paths[0] == "-" or not Path(paths[0]).is_dir())
    fmt = Format(format.value) if format else default_format(single)
    failures = 0
    collected: list[dict] = []
    try:
        items = read_all(
            paths,
            published=published,
            stdin=sys.stdin.buffer,
            allow_private=allow_private,
            cue_classes=classes,
            model=attribution_model,
        )
    except ValueError as e:
        say_error(str(e))
        raise typer.Exit(2) from None
    for item in items:
        if isinstance(item, InputError):
            failures += 1
            say_error(str(item))
            continue
        for note in item.document.notes:
            say_note(f"{item.document.source}: {note}")
        if fmt is Format.table:
            print_record(out, item)
        elif fmt is Format.jsonl:
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            collected.append(item.to_dict())
    if fmt is Format.json and collected:
        payload = collected[0] if len(collected) == 1 and single else collected
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        raise typer.Exit(1)


register_all(app)

if __name__ == "__main__":
    app()
