"""`onrecord judge`: label pairs of statements consistent, unrelated or inconsistent, from a CSV file.

The pair judge (``onrecord.contradictions.judge``) is offline rules by default; ``--judge`` picks an
optional back-end the user supplies the model for (``onrecord.contradictions.backends``).
"""

from __future__ import annotations

import csv
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from onrecord.commands.common import say_error

REQUIRED = ("id", "text_1", "text_2")
OUTPUT = ("id", "label_3", "label_5", "score", "explanation")


class JudgeKind(str, Enum):
    rules = "rules"
    rules_minilm = "rules-minilm"
    nli = "nli"
    llm = "llm"


class PairsError(ValueError):
    """The pairs file cannot be read as ``id,text_1,text_2`` rows."""


def register(app: typer.Typer) -> None:
    """Add ``onrecord judge`` to the main app."""
    app.command()(judge)


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """The (id, text_1, text_2) rows of a CSV file with a header; other columns are ignored."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise PairsError(
                    f"{path}: the header must name id,text_1,text_2 (missing {','.join(missing)}; "
                    f"found {','.join(header) or 'nothing'})"
                )
            rows: list[tuple[str, str, str]] = []
            for row in reader:
                values = [row.get(c) for c in REQUIRED]
                if any(v is None for v in values):
                    raise PairsError(f"{path}, line {reader.line_num}: fewer fields than the header")
                pair_id, text_1, text_2 = (str(v) for v in values)
                if not text_1.strip() or not text_2.strip():
                    raise PairsError(f"{path}, line {reader.line_num}: empty text_1 or text_2")
                rows.append((pair_id, text_1, text_2))
    except FileNotFoundError:
        raise PairsError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PairsError(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise PairsError(f"{path}: not UTF-8 text") from None
    except csv.Error as err:
        raise PairsError(f"{path}: not a readable CSV file ({err})") from None
    return rows


def make_judge(
    kind: JudgeKind, model_dir: Path | None, llm_url: str | None, llm_model: str
) -> Any:  # a callable: list of (text_1, text_2) -> list of Judgement
    """The chosen judge's ``judge_many`` (back-ends raise BackendError when they cannot be used)."""
    from onrecord.contradictions import judge as rules

    if kind is JudgeKind.rules:
        return rules.judge_many
    if kind is JudgeKind.rules_minilm:
        from onrecord.contradictions.backends.embed import minilm

        embedder = minilm()
        return lambda pairs: rules.judge_many(pairs, embedder=embedder)
    if kind is JudgeKind.nli:
        from onrecord.contradictions.backends.nli import NLIJudge

        if model_dir is None:
            from onrecord.contradictions.backends import BackendError

            raise BackendError("--judge nli needs --model-dir (a local NLI cross-encoder directory)")
        return NLIJudge(model_dir).judge_many
    from onrecord.contradictions.backends.llm import LLMJudge

    return LLMJudge(llm_url, model=llm_model).judge_many


def judge(
    pairs: Annotated[Path, typer.Argument(help="CSV file with a header naming id,text_1,text_2.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the CSV here (default: standard output).")
    ] = None,
    judge_kind: Annotated[
        JudgeKind,
        typer.Option(
            "--judge",
            help="rules (offline, default); rules-minilm (rules + the packaged MiniLM similarity, "
            "needs the embed extra); nli (a local NLI model, --model-dir); llm (an OpenAI-compatible "
            "endpoint, --llm-url).",
        ),
    ] = JudgeKind.rules,
    model_dir: Annotated[
        Path | None, typer.Option("--model-dir", help="NLI cross-encoder directory (save_pretrained).")
    ] = None,
    llm_url: Annotated[
        str | None,
        typer.Option("--llm-url", help="OpenAI-compatible base URL; key from $ONRECORD_LLM_API_KEY."),
    ] = None,
    llm_model: Annotated[str, typer.Option("--llm-model", help="Model name sent to the endpoint.")] = (
        "gpt-4o-mini"
    ),
) -> None:
    """Judge each pair of statements: Inconsistent, Unrelated or Consistent, with a score and why.

    Example:

        onrecord judge pairs.csv --out judged.csv

    Writes id,label_3,label_5,score,explanation. Columns other than id,text_1,text_2 are ignored.
    A malformed file or an unusable back-end is one line on stderr and exit code 2.
    """
    from onrecord.contradictions.backends import BackendError

    try:
        rows = read_pairs(pairs)
        judge_many = make_judge(judge_kind, model_dir, llm_url, llm_model)
        verdicts = judge_many([(t1, t2) for _, t1, t2 in rows])
    except (PairsError, BackendError) as err:
        say_error(str(err))
        raise typer.Exit(2) from None
    try:
        fh = out.open("w", newline="", encoding="utf-8") if out else sys.stdout
    except OSError as err:
        say_error(f"{out}: cannot write ({err.strerror})")
        raise typer.Exit(2) from None
    try:
        writer = csv.writer(fh)
        writer.writerow(OUTPUT)
        for (pair_id, _, _), verdict in zip(rows, verdicts, strict=True):
            row = verdict.to_row()
            writer.writerow([pair_id, row["label_3"], row["label_5"], row["score"], row["explanation"]])
    finally:
        if out:
            fh.close()
