"""The ledger's lists as pages for the API and the pages: ``Ledger``'s own queries, with a cap on the page
size and a total.

Everything is read through the public ``Ledger`` API, so a statement or a person reads the same here as
in ``onrecord statements`` and the Python API. What is the web's own: one page is at most ``MAX_LIMIT``
rows, the statement filters arrive as one ``StatementFilter`` from a form or a query string (empty
fields meaning "any"), and the total is counted only when the page does not already tell it (a short
page's total is its offset plus its length).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from onrecord.ledger import (
    DocumentDetail,
    Ledger,
    StoredContradiction,
    StoredCorrection,
    StoredDocument,
    StoredPerson,
    StoredStatement,
    listing,
)
from onrecord.ledger.listing import ContradictionFilter, Listed
from onrecord.model import STATEMENT_KINDS

#: The most rows one request may ask for: enough for any page, small enough that one call stays cheap.
MAX_LIMIT = 500
KINDS = STATEMENT_KINDS
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and where it sits: ``total`` rows match, these start at ``offset``."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class StatementFilter:
    """The statement filters every list shares; all optional, combined with AND (as ``Ledger.statements``)."""

    q: str | None = None
    speaker: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    named: bool | None = None
    document: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in self.__dataclass_fields__)


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _page(items: list[T], limit: int, offset: int, count: Callable[[], int]) -> Page[T]:
    """``items`` as a page; ``count`` runs only when the page cannot tell the total itself."""
    short = len(items) < limit and (items or offset == 0)
    return Page(items, len(items) + offset if short else count(), limit, offset)


def statements(
    ledger: Ledger, f: StatementFilter, limit: int = 50, offset: int = 0, relevance: bool = True
) -> Page[StoredStatement]:
    """Statements matching ``f``: most relevant first when there is a query, else in date order."""
    limit, offset = _clamp(limit, offset)
    filters: dict[str, Any] = {
        "speaker": f.speaker or None,
        "since": f.since,
        "until": f.until,
        "kind": f.kind or None,
        "named": f.named,
        "document": f.document or None,
    }
    if f.q and relevance:
        items = ledger.search(f.q, limit, offset=offset, **filters)
    else:
        items = ledger.statements(about=f.q or None, limit=limit, offset=offset, **filters)
    return _page(items, limit, offset, lambda: ledger.count_statements(about=f.q or None, **filters))


def people(ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[StoredPerson]:
    """People, most statements first; ``q`` keeps those whose name or an alias contains it."""
    limit, offset = _clamp(limit, offset)
    items = ledger.people(contains=q or None, limit=limit, offset=offset)
    return _page(items, limit, offset, lambda: ledger.count_people(contains=q or None))


def corrections(ledger: Ledger, limit: int = 50, offset: int = 0) -> Page[StoredCorrection]:
    """Users' merges and splits, newest first (the log ``onrecord people merges`` lists)."""
    limit, offset = _clamp(limit, offset)
    items = ledger.corrections(limit=limit, offset=offset)
    return _page(items, limit, offset, ledger.count_corrections)


def contradictions(
    ledger: Ledger,
    person_id: int | None = None,
    speaker: str | None = None,
    scope: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[StoredContradiction]:
    """Stored contradiction pairs, strongest first, for one person (by id or by name) or one scope."""
    limit, offset = _clamp(limit, offset)
    who = person_id if person_id is not None else speaker or None
    items = ledger.contradictions(who, scope or None, limit, offset=offset)
    return _page(items, limit, offset, lambda: ledger.count_contradictions(who, scope or None))


def listed(ledger: Ledger, f: ContradictionFilter, limit: int = 50, offset: int = 0) -> Page[Listed]:
    """Reversals the articles report, then statement pairs by score (``onrecord.ledger.listing``)."""
    limit, offset = _clamp(limit, offset)
    items = listing.listed(ledger, f, limit, offset)
    return _page(items, limit, offset, lambda: listing.count(ledger, f))


def documents(ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[StoredDocument]:
    """Documents, newest publication first (undated last); ``q`` keeps those whose title or source
    contains it."""
    limit, offset = _clamp(limit, offset)
    items = ledger.documents(q or None, limit, offset=offset)
    return _page(items, limit, offset, lambda: ledger.count_documents(q or None))


def document(ledger: Ledger, document_id: str) -> DocumentDetail | None:
    """One document as the article page shows it: with at most ``MAX_LIMIT`` contradictions, strongest
    first, like any list the API gives."""
    found = ledger.document(document_id)
    if found is not None and len(found.contradictions) > MAX_LIMIT:
        found = dataclasses.replace(found, contradictions=found.contradictions[:MAX_LIMIT])
    return found
