"""Every list on the pages as a CSV download: the rows the page lists, under the same filters, in the
same order, all pages of them (up to ``MAX_ROWS``).

Why this shape: a journalist who found something on a page wants the same rows in a spreadsheet, not a
different query. So each download reads its parameters exactly as the page does
(``pages.statement_filter``, the same lenient parsing) and pages through the same ``queries`` function;
and statements and contradictions are written by the CLI's own writer (``ledger.export.write_rows``,
as ``onrecord export`` and ``onrecord contradictions -f csv`` write them), so a downloaded row has the
same columns. People and documents have no CLI writer to share; their rows are their ``to_dict`` with
lists joined by ``"; "``, as ``onrecord people -f csv`` writes aliases.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from onrecord.ledger import Ledger
from onrecord.ledger.export import write_rows
from onrecord.web import queries
from onrecord.web.queries import MAX_LIMIT

router = APIRouter(include_in_schema=False)
#: The most rows one download holds: a whole ledger is ``onrecord export``'s job.
MAX_ROWS = 50_000
T = TypeVar("T")


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger  # type: ignore[no-any-return]


def every(fetch: Callable[[int, int], queries.Page[T]]) -> Iterator[T]:
    """All rows of a paged list, ``MAX_LIMIT`` at a time, in the list's order (at most ``MAX_ROWS``)."""
    offset = 0
    while offset < MAX_ROWS:
        page = fetch(MAX_LIMIT, offset)
        yield from page.items
        offset += len(page.items)
        if len(page.items) < MAX_LIMIT or offset >= page.total:
            return


def _csv(body: str, name: str) -> Response:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _dict_rows(rows: Iterable[dict[str, Any]]) -> str:
    """Dicts as CSV, header from the first; list values joined with ``"; "``."""
    out = io.StringIO(newline="")
    writer: csv.DictWriter | None = None
    for row in rows:
        flat = {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
    return out.getvalue()


@router.get("/statements.csv")
def statements_csv(request: Request) -> Response:
    """Statements under the search page's filters (``q``, ``speaker``, ``since``, ``until``, ``kind``,
    ``named``, ``document``), most relevant first with a query, else by date: the search page's rows, and
    a person's timeline with ``speaker=#id``."""
    from onrecord.web.pages import statement_filter

    f = statement_filter(request.query_params, [])
    ledger = _ledger(request)
    rows = every(lambda limit, offset: queries.statements(ledger, f, limit=limit, offset=offset))
    out = io.StringIO(newline="")
    write_rows(rows, "csv", out)
    return _csv(out.getvalue(), "statements.csv")


def _searched_list(request: Request, query: Any, name: str) -> Response:
    """A list page's rows under its one filter, ``q``, as the page reads it."""
    q = (request.query_params.get("q") or "").strip() or None
    ledger = _ledger(request)
    rows = every(lambda limit, offset: query(ledger, q=q, limit=limit, offset=offset))
    return _csv(_dict_rows(row.to_dict() for row in rows), name)


@router.get("/people.csv")
def people_csv(request: Request) -> Response:
    """The people list: most statements first; ``q`` as on the page."""
    return _searched_list(request, queries.people, "people.csv")


@router.get("/documents.csv")
def documents_csv(request: Request) -> Response:
    """The articles list: newest first; ``q`` as on the page."""
    return _searched_list(request, queries.documents, "documents.csv")


@router.get("/people/{person_id}/contradictions.csv")
def contradictions_csv(request: Request, person_id: int) -> Response:
    """A person's contradictions, strongest first, as ``onrecord contradictions -f csv`` writes them."""
    from onrecord.ledger.rows import CONTRADICTION_COLUMNS

    ledger = _ledger(request)
    person = ledger.person(person_id)
    if person is None:
        raise HTTPException(404, f"There is no person #{person_id} in the ledger.")
    rows = every(
        lambda limit, offset: queries.contradictions(ledger, person_id=person_id, limit=limit, offset=offset)
    )
    out = io.StringIO(newline="")
    write_rows(rows, "csv", out, columns=CONTRADICTION_COLUMNS)
    return _csv(out.getvalue(), "contradictions.csv")
