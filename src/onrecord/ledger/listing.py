"""One list of contradictions for every surface: reversals the articles report first, then statement pairs.

``onrecord contradictions``, ``GET /api/contradictions`` and the ``/contradictions`` page all list from
here, so they agree on order, filters and paging. The order is a statement about trust: a reported
reversal carries the article's own words ("later walked back"), scored by the finder's confidence, while
a pair is the rules' reading of two statements (their top 30 on PolNeAR held 1 right, docs/BENCHMARKS.md),
so every reversal is listed before any pair, and each kind is worded as what it is (``rows.WORDING``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from onrecord.ledger.rows import WORDING, StoredContradiction, StoredReversal
from onrecord.ledger.store import Ledger
from onrecord.model import REPORTED

#: ``kind`` values besides a pair kind of the judge ("polarity", "flip", ...): the reported reversals,
#: or every statement pair whatever its kind.
PAIR = "pair"

Listed = StoredReversal | StoredContradiction


@dataclass(frozen=True)
class ContradictionFilter:
    """What to list; every field optional, combined with AND.

    ``kind`` is "reported", "pair" or one pair kind; ``since``/``until`` keep a reversal by its
    article's publication day and a pair by its later statement's day; ``min_score`` applies to both
    (a reversal's score is its confidence); ``scope`` "ledger" keeps the pairs found across articles.
    """

    speaker: str | int | None = None
    kind: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    min_score: float | None = None
    scope: str | None = None  # "document" (found inside one article: every reversal) or "ledger"

    @property
    def reversals(self) -> bool:
        return self.kind in (None, REPORTED) and self.scope in (None, "document")

    @property
    def pairs(self) -> bool:
        return self.kind != REPORTED

    @property
    def pair_kind(self) -> str | None:
        return None if self.kind in (None, PAIR, REPORTED) else self.kind


def listed(ledger: Ledger, f: ContradictionFilter, limit: int | None = None, offset: int = 0) -> list[Listed]:
    """The rows ``offset`` to ``offset + limit`` of the list: reversals, then pairs by score."""
    items: list[Listed] = []
    pair_offset = offset
    if f.reversals:
        items.extend(
            ledger.reversals(
                f.speaker, limit, since=f.since, until=f.until, min_score=f.min_score, offset=offset
            )
        )
        if limit is not None and len(items) >= limit:
            return items
        if items or offset == 0:
            reversals = offset + len(items)  # a short page: no reversal lies beyond it
        else:
            reversals = ledger.count_reversals(f.speaker, since=f.since, until=f.until, min_score=f.min_score)
        pair_offset = max(0, offset - reversals)
    if f.pairs:
        left = None if limit is None else limit - len(items)
        items.extend(
            ledger.contradictions(
                f.speaker,
                f.scope,
                left,
                offset=pair_offset,
                since=f.since,
                until=f.until,
                kind=f.pair_kind,
                min_score=f.min_score,
            )
        )
    return items


def count(ledger: Ledger, f: ContradictionFilter) -> int:
    """How many rows ``listed`` gives in all."""
    n = 0
    if f.reversals:
        n += ledger.count_reversals(f.speaker, since=f.since, until=f.until, min_score=f.min_score)
    if f.pairs:
        n += ledger.count_contradictions(
            f.speaker, f.scope, since=f.since, until=f.until, kind=f.pair_kind, min_score=f.min_score
        )
    return n


def item_json(c: Listed) -> dict[str, Any]:
    """A listed item as the output contract's contradiction dict, with its ``wording`` and the person's
    name (``speaker_name``), which every client would otherwise look up."""
    d = c.to_dict()
    if isinstance(c, StoredReversal):
        d["wording"], d["speaker_name"] = WORDING["reported"], c.person_name
    else:
        d["wording"], d["speaker_name"] = WORDING["pair"], c.a.person_name
    return d
