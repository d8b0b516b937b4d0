"""Terminal views of records: what a journalist reads when they run ``onrecord read`` by hand."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from onrecord.model import REPORTED, Record, Statement


def when(stmt: Statement) -> str:
    """When a statement was made, at the precision the article gives (``SaidOn.shown``)."""
    return stmt.said_on.shown() if stmt.said_on else "undated"


def _speaker(stmt: Statement) -> Text:
    spk = stmt.speaker
    if spk is None:
        return Text("?", style="dim")
    if not spk.named:
        label = Text(spk.description or spk.text, style="italic yellow")
        label.append(" (anonymous)", style="dim")
        return label
    return Text(spk.text, style="bold cyan" if spk.person else "cyan")


def statements_table(record: Record) -> Table:
    table = Table(show_lines=False, expand=True, title="Statements", title_justify="left")
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("said on", no_wrap=True)
    table.add_column("content", ratio=6)
    for stmt in record.statements:
        kind = stmt.kind + ("?" if stmt.question else "")
        content = Text(stmt.content_text)
        if stmt.cue is not None:
            content.append(f"  [{stmt.cue.text}]", style="dim")
        table.add_row(stmt.id, _speaker(stmt), kind, when(stmt), content)
    return table


def record_view(record: Record) -> Group:
    doc = record.document
    head = Text(doc.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in [doc.publisher, doc.published, doc.source] if x)
    parts: list = [Panel(Group(head, Text(meta, style="dim")), expand=True)]
    if doc.removed:
        parts.append(
            Text(
                f"{len(doc.removed)} clutter lines removed: "
                + ", ".join(sorted({r.kind for r in doc.removed})),
                style="dim",
            )
        )
    parts.append(statements_table(record) if record.statements else Text("No attributed statements found."))
    by_id = {s.id: s for s in record.statements}
    names = {p.id: p.name for p in record.people}
    # a pair the article itself reports is shown once, as the article says it
    reported_pairs = {frozenset((c.a, c.b)) for c in record.contradictions if c.kind == REPORTED and c.a}
    for c in record.contradictions:
        if c.kind == REPORTED or c.a is None or c.b is None:  # a reversal the article reports
            evidence = c.evidence["text"] if c.evidence else c.explanation
            holder = names.get(c.speaker or "") or (c.reported or {}).get("holder", {}).get("text", "someone")
            sides = [Text(f"{when(by_id[x])}  {by_id[x].content_text}") for x in (c.a, c.b) if x in by_id]
            body = Group(*sides, Text(evidence, style="dim")) if sides else Text(evidence)
            parts.append(Panel(body, title=f"Reported reversal: {holder}", border_style="yellow"))
            continue
        if frozenset((c.a, c.b)) in reported_pairs:
            continue
        a, b = by_id[c.a], by_id[c.b]
        body = Group(
            Text(f"{when(a)}  {a.content_text}"),
            Text(f"{when(b)}  {b.content_text}"),
            Text(c.explanation, style="dim"),
        )
        who = a.speaker.text if a.speaker else c.speaker
        parts.append(
            Panel(body, title=f"Contradiction: {who} ({c.kind}, score {c.score:.2f})", border_style="red")
        )
    return Group(*parts)


def print_record(console: Console, record: Record) -> None:
    console.print(record_view(record))
