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

if TYPE_CHECKING:
    from onrecord.model import Statement


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
        "said_on_start": said.start if said else None,
        "said_on_end": said.end if said else None,
        "said_on_precision": said.precision if said else None,
        "said_on_basis": said.basis if said else None,
        "confidence": float(s.confidence),
        "repeated_at": [list(x) for x in s.repeated_at],
    }


def as_date(value: object) -> dt.date | None:
    """A date column's value as a date: drivers give ``date`` objects, SQLite and Parquet ISO text
    (a timestamp's date part counts); anything else is no date."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
