"""`onrecord eval ...`: the scorers, one command each, under one sub-app (registered by ``register``)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from onrecord.commands.common import say_error

eval_app = typer.Typer(
    help="Score onrecord against benchmark data sets.",
    no_args_is_help=True,
    add_completion=False,
)


class ExtractionMode(str, Enum):
    html = "html"
    text = "text"


@eval_app.command("extraction")
def extraction(
    folder: Annotated[
        Path,
        typer.Argument(help="A folder in the article-extraction-benchmark layout: html/, ground-truth.json."),
    ],
    mode: Annotated[
        ExtractionMode,
        typer.Option(help="html: the page's HTML; text: the page's visible text through the text cleaner."),
    ] = ExtractionMode.html,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the figures and every page's scores to this file.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N pages (by id).")] = None,
) -> None:
    """Article extraction: precision, recall and F1 of word 4-gram shingles, and ms per page.

    Example:

        onrecord eval extraction ../shared/data/scrapinghub --mode text --json scores.json
    """
    from onrecord.errors import InputError
    from onrecord.evaluation.extraction import evaluate_extraction

    try:
        result = evaluate_extraction(folder, mode=mode.value, limit=limit)
    except InputError as err:
        say_error(str(err))
        raise typer.Exit(1) from None
    except (OSError, ValueError) as err:
        say_error(f"{folder}: cannot read the benchmark ({err})")
        raise typer.Exit(1) from None
    sys.stdout.write(result.line() + "\n")
    if json_out is not None:
        json_out.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")


@eval_app.command("attribution")
def attribution(
    folder: Annotated[Path, typer.Argument(help="PolNeAR: its root (with train/, dev/) or one split.")],
    split: Annotated[str, typer.Option(help="The split to score, unless FOLDER is one.")] = "dev",
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures here.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Score N articles spread over the split.")] = None,
    errors: Annotated[
        Path | None, typer.Option(help="Write every miss, false positive and wrong speaker as JSON lines.")
    ] = None,
) -> None:
    """Attribution quality on PolNeAR-style folders: matched F1, speaker accuracy, character F1.

    Example:

        onrecord eval attribution ../shared/data/polnear --split dev --json dev.json
    """
    from onrecord.evaluation.polnear import main as polnear_main

    split_dir = folder if (folder / "text").is_dir() else folder / split
    if not (split_dir / "text").is_dir() or not (split_dir / "attributions").is_dir():
        say_error(f"{split_dir}: no text/ and attributions/ folders (a PolNeAR split is expected)")
        raise typer.Exit(2)
    argv = [str(split_dir)]
    if limit is not None:
        argv += ["--limit", str(limit)]
    if json_out is not None:
        argv += ["--json", str(json_out)]
    if errors is not None:
        argv += ["--errors", str(errors)]
    raise typer.Exit(polnear_main(argv))


def register(app: typer.Typer) -> None:
    """Add the ``eval`` sub-app to the main app."""
    app.add_typer(eval_app, name="eval")
