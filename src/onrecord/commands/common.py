"""What every command shares: plain one-line errors, the output formats and how flags show in --help."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from onrecord.resources import DEFAULT_MODEL


def say_error(message: str) -> None:
    """One plain line on stderr, never wrapped, so scripts and people can both read it."""
    sys.stderr.write(f"onrecord: error: {' '.join(message.split())}\n")
    sys.stderr.flush()


def say_note(message: str) -> None:
    """One plain line on stderr about an input that was read but not as fully as it might seem."""
    sys.stderr.write(f"onrecord: note: {' '.join(message.split())}\n")
    sys.stderr.flush()


#: ``--model PATH`` and ``--no-model``, the same on every command that reads articles.
ModelOption = Annotated[
    Path | None,
    typer.Option(
        help="Another learned attribution model (`onrecord train attribution`) in place of the one "
        "shipped with onrecord.",
        show_default=False,
    ),
]
NoModelOption = Annotated[
    bool,
    typer.Option("--no-model", help="Leave the learned attribution rule out: the hand-written rules alone."),
]


def chosen_model(model: Path | None, no_model: bool) -> Path | None:
    """The model file the two options ask for (the shipped one unless told otherwise; None for none).
    Both at once is a usage error, said in one line with exit code 2."""
    if model is not None and no_model:
        say_error("give --model or --no-model, not both")
        raise typer.Exit(2)
    if no_model:
        return None
    return model if model is not None else DEFAULT_MODEL


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def write_listing(rows: Sequence[dict[str, Any]], fmt: Format, fields: Sequence[str]) -> None:
    """A list as JSON, JSON lines or CSV on stdout (tables are each command's own). In CSV a list value
    is joined with "; " and only ``fields`` are written, in that order."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})


def default_format(single: bool) -> Format:
    """A table for a person at a terminal; JSON (or JSON lines for many) for a program."""
    if sys.stdout.isatty():
        return Format.table
    return Format.json if single else Format.jsonl


def show_flags_as_flags() -> None:
    """Make ``--help`` show a flag (``--refresh``, ``--named/--anonymous``, ``--help``) bare, without a
    ``<bool>`` value column it never takes.

    Typer 0.29's rich help asks every option for its value type, flags included, while its plain help
    and click skip flags; a user reading ``--refresh <bool>`` types ``--refresh true`` and gets an
    error. The override answers None for flags only, so options that take values keep their type.
    """
    option = typer.core.TyperOption
    original = getattr(option, "display_type_rich", None)
    if original is None or getattr(original, "_onrecord_flags", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        return None if getattr(self, "is_flag", False) else original(self, ctx)

    display_type_rich._onrecord_flags = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich  # type: ignore[method-assign]
