"""`onrecord judge`: label pairs of statements consistent, unrelated or inconsistent, from a CSV file;
`onrecord contradictions`: where a person in the ledger said the opposite at another time.

The pair judge (``onrecord.contradictions.judge``) is offline rules by default; ``--judge`` picks a
back-end of the one registry (``onrecord.contradictions.backends.registry``) that ``read`` and the
ledger pairing use too. Pairing
across the ledger is ``onrecord.contradictions.ledger_pairs``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from onrecord.commands.common import Format, default_format, say_error
from onrecord.commands.ingest import DB_HELP

if TYPE_CHECKING:
    from onrecord.contradictions.backends.registry import Backend
    from onrecord.ledger import StoredContradiction, StoredReversal, StoredStatement

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
    """Add ``onrecord judge`` and ``onrecord contradictions`` to the main app."""
    app.command()(judge)
    app.command("contradictions")(contradictions)


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
    kind: JudgeKind,
    model_dir: Path | None,
    llm_url: str | None,
    llm_model: str | None,
    top_n: int | None = None,
) -> Backend:
    """The chosen back-end from the judge registry (BackendError when it cannot be used)."""
    from onrecord.contradictions.backends import registry

    options = registry.Options(str(model_dir) if model_dir else None, llm_url, llm_model, top_n)
    return registry.make(kind.value, options)


JudgeOption = Annotated[
    JudgeKind,
    typer.Option(
        "--judge",
        help="rules (offline, default); rules-minilm (rules + the packaged MiniLM similarity, "
        "needs the embed extra); nli (a local NLI model, --model-dir); llm (an OpenAI-compatible "
        "endpoint, --llm-url, asked only about the --llm-top pairs the rules found inconsistent).",
    ),
]
ModelDirOption = Annotated[
    Path | None, typer.Option("--model-dir", help="NLI cross-encoder directory (save_pretrained).")
]
LlmUrlOption = Annotated[
    str | None,
    typer.Option(
        "--llm-url",
        help="OpenAI-compatible base URL (default $ONRECORD_LLM_URL); key from $ONRECORD_LLM_API_KEY.",
    ),
]
LlmModelOption = Annotated[
    str | None,
    typer.Option(
        "--llm-model", help="Model name sent to the endpoint (default $ONRECORD_LLM_MODEL or gpt-4o-mini)."
    ),
]
LlmTopOption = Annotated[
    int | None,
    typer.Option(
        "--llm-top",
        min=1,
        help="How many of the rules' best inconsistent pairs the LLM re-ranks (default 20).",
    ),
]


def judge(
    pairs: Annotated[Path, typer.Argument(help="CSV file with a header naming id,text_1,text_2.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the CSV here (default: standard output).")
    ] = None,
    judge_kind: JudgeOption = JudgeKind.rules,
    model_dir: ModelDirOption = None,
    llm_url: LlmUrlOption = None,
    llm_model: LlmModelOption = None,
    llm_top: LlmTopOption = None,
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
        backend = make_judge(judge_kind, model_dir, llm_url, llm_model, llm_top)
        verdicts = backend.judge_many([(t1, t2) for _, t1, t2 in rows])
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


# ------------------------------------------------------------------------------ onrecord contradictions

#: Listed by default: a named clash (claim rule, polarity flip, antonyms, numbers, modality, an axis).
#: The judge's 0.5 is "same topic, no agreement found", stored but not shown unless asked for.
DEFAULT_MIN_SCORE = 0.6


def contradictions(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Only this person (a name or #id, see `onrecord people`).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="reported (reversals the article reports), pair (statement pairs), or one pair kind "
            "(polarity, flip, antonym, ...).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="On or after this day (YYYY-MM-DD): a pair's later statement, a reversal's article.",
        ),
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before this day (YYYY-MM-DD).")] = None,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Only those scored at least this (a reversal's score is its confidence; 0.5 adds the "
            "pairs 'same topic, no agreement found').",
        ),
    ] = DEFAULT_MIN_SCORE,
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="table (default in a terminal), json, jsonl or csv."),
    ] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Pair the statements again and replace the stored pairs.")
    ] = False,
    embeddings: Annotated[
        bool,
        typer.Option(
            "--embeddings/--no-embeddings",
            help="Use the packaged MiniLM for pairing and judging when installed (else lemma vectors).",
        ),
    ] = True,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many.")] = None,
    judge_kind: JudgeOption = JudgeKind.rules,
    model_dir: ModelDirOption = None,
    llm_url: LlmUrlOption = None,
    llm_model: LlmModelOption = None,
    llm_top: LlmTopOption = None,
) -> None:
    """Where a person reversed or said the opposite of what they said at another time, with the evidence.

    Example:

        onrecord contradictions --db ledger.sqlite3 --speaker "Donald Trump" --format table

    Listed first: reversals the article itself reports ("later walked back", "despite saying in May"),
    stored at ingest with the sentence that says so, the holder and the earlier and later positions
    (a "reported reversal", scored by the finder's confidence). Then statement pairs by score, each a
    "possible contradiction" with both statements, their dates, articles and spans and a one-line
    reason. The first run pairs every person's statements about the same thing made at different
    times and stores those judged inconsistent; later runs list the stored pairs, and --refresh pairs
    again (after an ingest, say). Pairs found inside one article at ingest are listed too (scope
    document). --kind reported skips the pairing. --judge llm (or nli) gives a model's second opinion on
    the pairs the rules kept when pairing runs.
    """
    from onrecord.commands.ledger import _open, one_person, say_empty
    from onrecord.contradictions import ledger_pairs
    from onrecord.ledger import LedgerError
    from onrecord.ledger.listing import ContradictionFilter, listed
    from onrecord.model import REPORTED

    for name, value in (("--since", since), ("--until", until)):
        if value is not None and _day(value) is None:
            say_error(f"{name} {value!r} is not a day (YYYY-MM-DD)")
            raise typer.Exit(2)
    if since and until and since > until:
        say_error(f"--since {since} is after --until {until}")
        raise typer.Exit(2)
    ledger = _open(db)
    people: list[int] | None = None
    if speaker is not None:
        people = [one_person(ledger, speaker)]
        speaker = f"#{people[0]}"
    if kind != REPORTED:
        from onrecord.contradictions.backends import BackendError

        try:
            backend = make_judge(judge_kind, model_dir, llm_url, llm_model, llm_top)
            _pair_if_needed(
                ledger, ledger_pairs, people, refresh=refresh, embeddings=embeddings, backend=backend
            )
        except BackendError as err:
            say_error(str(err))
            raise typer.Exit(2) from None
    f = ContradictionFilter(speaker=speaker, kind=kind, since=since, until=until, min_score=min_score)
    try:
        rows = listed(ledger, f, limit)
    except LedgerError as e:
        say_error(str(e))
        raise typer.Exit(1) from None
    if not rows:
        say_empty("contradictions", ledger)
    _print_listed(rows, format, _sources(ledger, rows))


def _day(value: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _pair_if_needed(
    ledger: Any,
    ledger_pairs: Any,
    people: list[int] | None,
    *,
    refresh: bool,
    embeddings: bool,
    backend: Backend | None = None,
) -> None:
    """Pair the ledger's statements on the first run or with --refresh; else say if documents are newer."""
    paired = ledger_pairs.last_paired(ledger, people)
    if refresh or paired is None:
        result = ledger_pairs.pair_ledger(ledger, people, embeddings=embeddings, log=_note, backend=backend)
        _note(
            f"{result.stats.eligible} statements of {result.stats.people} people paired "
            f"({result.embeddings}): {result.stats.candidates} candidate pairs, {len(result.found)} judged "
            f"inconsistent, {result.stored} stored ({result.skipped} already found in their article), "
            f"{result.seconds:.1f} s"
        )
        return
    newer = ledger_pairs.ingested_since(ledger, paired)
    if newer:
        _note(
            f"{newer} documents were stored after the last pairing ({paired:%Y-%m-%d %H:%M}); "
            "--refresh pairs them too"
        )


def _note(message: str) -> None:
    sys.stderr.write(f"onrecord: {message}\n")
    sys.stderr.flush()


Sources = dict[tuple[int, int], dict[str, list[dict[str, Any]]]]


def _sources(ledger: Any, rows: Sequence[StoredContradiction | StoredReversal]) -> Sources:
    """Every article that carried each side of each pair (``ledger_pairs.sources``), ids as strings
    like the output contract's."""
    from onrecord.contradictions import ledger_pairs

    wanted = [
        (c.person_id, c.a.id, c.b.id)
        for c in rows
        if getattr(c, "a", None) and getattr(c, "b", None) and c.person_id is not None
    ]
    found = ledger_pairs.sources(ledger, wanted)
    for sides in found.values():
        for copies in sides.values():
            for copy in copies:
                copy["statement_id"] = str(copy["statement_id"])
    return found


def _print_listed(
    rows: Sequence[StoredContradiction | StoredReversal], fmt: Format | None, sources: Sources
) -> None:
    from onrecord.ledger.export import write_rows
    from onrecord.ledger.listing import item_json
    from onrecord.ledger.rows import CONTRADICTION_COLUMNS

    def with_sources(c: StoredContradiction | StoredReversal) -> dict[str, Any]:
        item = item_json(c)
        carried = sources.get((c.a.id, c.b.id)) if getattr(c, "a", None) and getattr(c, "b", None) else None
        if carried is not None:
            item["sources"] = carried
        return item

    fmt = fmt or default_format(single=False)
    if fmt is Format.table:
        _listed_table(rows)
    elif fmt is Format.json:
        sys.stdout.write(json.dumps([with_sources(c) for c in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for c in rows:
            sys.stdout.write(json.dumps(with_sources(c), ensure_ascii=False) + "\n")
    else:
        carried = [_Carried(c, sources) for c in rows]
        write_rows(carried, "csv", sys.stdout, columns=[*CONTRADICTION_COLUMNS, "a_sources", "b_sources"])


class _Carried:
    """A listed item whose CSV row also names every article that carried each side of a pair
    (``a_sources``/``b_sources``, JSON lists of document ids); a reported reversal carried by several
    articles names them in ``a_sources`` (its one side), else both are empty."""

    def __init__(self, item: StoredContradiction | StoredReversal, sources: Sources) -> None:
        self.item, self.sources = item, sources

    def to_dict(self) -> dict[str, Any]:
        return self.item.to_dict()

    def flat(self) -> dict[str, Any]:
        row = self.item.flat()
        a, b = getattr(self.item, "a", None), getattr(self.item, "b", None)
        sides = self.sources.get((a.id, b.id), {}) if a is not None and b is not None else None
        copies = getattr(self.item, "sources", ())
        if sides is None and copies:
            row["a_sources"], row["b_sources"] = json.dumps([x["document_id"] for x in copies]), ""
            return row
        for side in ("a", "b"):
            ids = [x["document_id"] for x in sides.get(side, [])] if sides is not None else None
            row[f"{side}_sources"] = json.dumps(ids) if ids is not None else ""
        return row


def _when(s: StoredStatement) -> str:
    """When it was said, at its precision (``SaidOn.shown``), else when its article was published."""
    if s.said_on is None:
        return f"{s.document.published} (published)" if s.document.published else "undated"
    return s.said_on.shown()


def _listed_table(rows: Sequence[StoredContradiction | StoredReversal]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from onrecord.ledger.rows import WORDING, StoredReversal

    def cell(s: StoredStatement) -> str:
        text = s.content_text if len(s.content_text) <= 220 else s.content_text[:217] + "..."
        where = s.document.title or s.document.source
        if s.document.published:
            where = f"{where}, {s.document.published}"
        return f"[bold]{_when(s)}[/bold] {escape(text)}\n[dim]{escape(where)}[/dim]"

    def side(part: Any, label: str) -> str:
        if part is None:
            return f"[dim]({label} position not in the sentence)[/dim]"
        return (f"[bold]{part.date}[/bold] " if part.date else "") + escape(part.text)

    table = Table(expand=True, show_lines=True)
    table.add_column("", ratio=3)
    table.add_column("earlier", ratio=2)
    table.add_column("later", ratio=2)
    for c in rows:
        if not isinstance(c, StoredReversal):
            where = "same article" if c.scope == "document" else "across the ledger"
            head = (
                f"[bold]{WORDING['pair']} {c.score:.2f}[/bold] {escape(c.a.person_name or '')}\n"
                f"[dim]{escape(c.kind)}, {where}[/dim]\n[italic]{escape(c.explanation)}[/italic]"
            )
            table.add_row(head, cell(c.b), cell(c.a))
            continue
        where = c.document.title or c.document.source
        if c.document.published:
            where = f"{where}, {c.document.published}"
        head = (
            f"[bold]{WORDING['reported']} {c.score:.2f}[/bold] {escape(c.person_name or c.holder_text)}\n"
            f"[dim]the article says: '{escape(c.cue_text)}'[/dim]\n[italic]{escape(c.evidence_text)}[/italic]"
            f"\n[dim]{escape(where)}[/dim]"
        )
        table.add_row(head, side(c.earlier, "earlier"), side(c.later, "later"))
    console = Console()
    console.print(table)
    console.print(f"[dim]{len(rows)} listed[/dim]")
