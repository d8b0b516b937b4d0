"""A pipeline statement as flat column values: one definition for the ledger's ``statements`` rows
(``Ledger.add``) and the Ray path's Parquet rows (``onrecord.scale.rows.statement_rows``), so that the
two cannot drift apart on how a span, a speaker or a date is unpacked.

The names are the ledger's columns (``onrecord.ledger.schema.statements``); the Parquet layout renames a
few. Values are left as the pipeline gives them (dates as ISO text, confidence unrounded) because each
layout converts them its own way: the ledger stores ``Date`` values, Parquet rounds the confidence.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from onrecord.model import REPORTED

if TYPE_CHECKING:
    from onrecord.model import Contradiction, Statement


def statement_values(s: Statement) -> dict[str, Any]:
    """The statement's own columns (not its document's, not the ledger's person id), by ledger name."""
    sp, cue, said = s.speaker, s.cue, s.said_on
    antecedent = sp.antecedent if sp else None
    return {
        "local_id": s.id,
        "kind": s.kind,
        "cue_class": s.cue_class,
        "question": s.question,
        "rule": s.rule,
        "content_text": s.content_text,
        "content_spans": [list(x) for x in s.content_spans],
        "content_start": s.start,
        "content_end": s.end,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.span[0] if cue else None,
        "cue_end": cue.span[1] if cue else None,
        "speaker_text": sp.text if sp else None,
        "speaker_start": sp.span[0] if sp and sp.span else None,
        "speaker_end": sp.span[1] if sp and sp.span else None,
        "speaker_local": sp.person if sp else None,
        "named": bool(sp.named) if sp else False,
        "description": sp.description if sp else None,
        "antecedent_text": antecedent.text if antecedent else None,
        "antecedent_start": antecedent.span[0] if antecedent else None,
        "antecedent_end": antecedent.span[1] if antecedent else None,
        "unresolved": bool(sp.unresolved) if sp else None,
        "said_on_start": said.start if said else None,
        "said_on_end": said.end if said else None,
        "said_on_precision": said.precision if said else None,
        "said_on_basis": said.basis if said else None,
        "confidence": float(s.confidence),
        "repeated_at": [list(x) for x in s.repeated_at],
    }


def reversal_rows(
    document_id: str, found: list[Contradiction], person_map: dict[str, int]
) -> list[dict[str, Any]]:
    """``reported_reversals`` rows for the document's reported reversals (other kinds are skipped).

    The holder's ledger person comes from ``person_map`` (document person id -> ledger id), the map
    ``identity.resolve_people`` made for the document's statements, so a reversal and a statement of
    one person in one article land on one ledger person. One cue of one holder is one row: the finder
    may reach the same words by two rules, and the table's unique key would refuse the second.
    """
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for c in found:
        if c.kind != REPORTED or c.evidence is None or c.reported is None:
            continue
        holder, cue = c.reported["holder"], c.reported["cue"]
        key = (int(cue["span"][0]), int(holder["span"][0]))
        if key in seen:
            continue
        seen.add(key)
        row: dict[str, Any] = {
            "document_id": document_id,
            "person_id": person_map.get(c.speaker) if c.speaker else None,
            "holder_local": c.speaker,
            "holder_text": holder["text"],
            "holder_start": holder["span"][0],
            "holder_end": holder["span"][1],
            "evidence_text": c.evidence["text"],
            "evidence_start": c.evidence["span"][0],
            "evidence_end": c.evidence["span"][1],
            "cue_text": cue["text"],
            "cue_start": cue["span"][0],
            "cue_end": cue["span"][1],
            "confidence": float(c.score),
            "explanation": c.explanation,
        }
        for side in ("earlier", "later"):
            part = c.reported.get(side)
            row[f"{side}_text"] = part["text"] if part else None
            row[f"{side}_start"] = part["span"][0] if part else None
            row[f"{side}_end"] = part["span"][1] if part else None
            row[f"{side}_date"] = part.get("date") if part else None
        rows.append(row)
    return rows


def as_date(value: object) -> dt.date | None:
    """A date column's value as a date: drivers give ``date`` objects, SQLite and Parquet ISO text
    (a timestamp's date part counts); anything else is no date."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
