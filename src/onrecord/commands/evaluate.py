"""`onrecord eval ...`: the scorers, one command each, under one sub-app (registered by ``register``)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from onrecord.commands.common import ModelOption, NoModelOption, chosen_model, say_error

eval_app = typer.Typer(
    help="Score onrecord against benchmark data sets.",
    no_args_is_help=True,
    add_completion=False,
)


train_app = typer.Typer(
    help="Learn a model for an optional pipeline step from annotated data read at run time.",
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
    model: ModelOption = None,
    no_model: NoModelOption = False,
) -> None:
    """Attribution quality on PolNeAR-style folders: matched F1, speaker accuracy, character F1.

    Example:

        onrecord eval attribution ../shared/data/polnear --split dev --json dev.json

        onrecord eval attribution ../shared/data/polnear --split dev --no-model   # hand rules alone
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
    attribution_model = chosen_model(model, no_model)
    argv += ["--no-model"] if attribution_model is None else ["--model", str(attribution_model)]
    raise typer.Exit(polnear_main(argv))


@train_app.command("attribution")
def train_attribution(
    folder: Annotated[Path, typer.Argument(help="PolNeAR: its root (with train/, dev/) or one split.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The model file to write (JSON).")],
    split: Annotated[str, typer.Option(help="The split to learn from, unless FOLDER is one.")] = "train",
    limit: Annotated[
        int | None, typer.Option(min=5, help="Learn from N articles spread over the split.")
    ] = None,
) -> None:
    """Learn which clauses under which words a source stands behind, for the "learned" attribution rule.

    Reads the split at run time, fits a logistic model on four fifths of the articles, picks its
    threshold on the last fifth, refits on all and writes feature weights only (no article text), with
    the data, command and versions it came from. Deterministic: on PolNeAR train it rebuilds the model
    shipped with onrecord byte for byte. Needs scikit-learn (`pip install -e ".[learn]"`).

    Example:

        onrecord train attribution ../shared/data/polnear --out polnear-train.json

        onrecord read article.txt --model polnear-train.json --cues all
    """
    from onrecord.evaluation.training import train_attribution as train

    split_dir = folder if (folder / "text").is_dir() else folder / split
    if not (split_dir / "text").is_dir() or not (split_dir / "attributions").is_dir():
        say_error(f"{split_dir}: no text/ and attributions/ folders (a PolNeAR split is expected)")
        raise typer.Exit(2)
    try:
        model, report = train(split_dir, limit=limit)
        model.save(out)
    except (RuntimeError, ValueError, OSError) as err:
        say_error(str(err))
        raise typer.Exit(1) from None
    rules = report.rules_only
    sys.stderr.write(
        f"five held-out folds (mean), hand rules alone: F1 {rules['f1']:.3f}, "
        f"speaker {rules['speaker_accuracy']:.3f}, "
        f"char F1 {rules['char_f1']:.3f}\n"
    )
    for threshold, fig in report.holdout.items():
        sys.stderr.write(
            f"  threshold {threshold:.2f}: F1 {fig['f1']:.3f}, speaker {fig['speaker_accuracy']:.3f}, "
            f"char F1 {fig['char_f1']:.3f}\n"
        )
    chosen = report.holdout.get(report.threshold, {})
    sys.stderr.write(
        f"onrecord: learned from {report.articles} articles ({report.candidates} candidates, "
        f"{report.positives} attributions); threshold {report.threshold:.2f} gives F1 "
        f"{chosen.get('f1', 0):.3f}, speaker accuracy {chosen.get('speaker_accuracy', 0):.3f} "
        f"over the five held-out folds; wrote {out}\n"
    )


def register(app: typer.Typer) -> None:
    """Add the ``eval`` and ``train`` sub-apps to the main app."""
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")
