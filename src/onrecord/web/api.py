"""The JSON API under ``/api``: the ledger's queries with paging, and ``POST /api/documents`` for writers.

Every list answers ``{"items": [...], "total": N, "limit": L, "offset": O}`` so a client can page with
``offset += limit`` until ``offset >= total``; ``limit`` is capped at ``queries.MAX_LIMIT`` (FastAPI
refuses more with 422, so a client learns the cap rather than silently getting fewer rows).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from onrecord.errors import InputError
from onrecord.ledger import (
    DocumentDetail,
    Ledger,
    StoredContradiction,
    StoredDocument,
    StoredPerson,
    StoredStatement,
)
from onrecord.ledger.listing import ContradictionFilter, Listed, item_json
from onrecord.web import queries, writing
from onrecord.web.queries import MAX_LIMIT, StatementFilter
from onrecord.web.schemas import (
    MAX_SOURCE,
    CountsOut,
    DocumentDetailOut,
    DocumentIn,
    DocumentOut,
    ErrorOut,
    IngestOut,
    Kind,
    ListedOut,
    PageOut,
    PersonOut,
    StatementOut,
)

router = APIRouter(prefix="/api", tags=["ledger"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Since = Annotated[
    dt.date | None, Query(description="Keep statements made on or after this day (YYYY-MM-DD).")
]
Until = Annotated[dt.date | None, Query(description="Keep statements made on or before this day.")]
KindQ = Annotated[Kind | None, Query(description="direct, indirect, mixed or according_to.")]
ContradictionKindQ = Annotated[
    str | None,
    Query(
        max_length=40,
        description="reported (reversals the articles report), pair (statement pairs), or one pair kind "
        "(polarity, flip, antonym, predicate, ...).",
    ),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------------ to JSON


def statement_json(s: StoredStatement) -> dict[str, Any]:
    """The ledger's statement dict (output contract + document) with the day it is placed on and the
    ledger's name for its speaker, which every client otherwise looks up."""
    out = s.to_dict()
    out["date"] = s.date
    out["person_name"] = s.person_name
    out.setdefault("repeated_at", [])
    return out


def contradiction_json(c: StoredContradiction) -> dict[str, Any]:
    out = c.to_dict()
    out["a"] = statement_json(c.a)
    out["b"] = statement_json(c.b)
    return out


def listed_json(c: Listed) -> dict[str, Any]:
    """A listed contradiction (``listing.item_json``) with each statement as ``statement_json`` gives it."""
    out = item_json(c)
    if isinstance(c, StoredContradiction):
        out["a"], out["b"] = statement_json(c.a), statement_json(c.b)
    return out


def contradiction_filter(
    speaker: str | None,
    person: int | None,
    kind: str | None,
    since: dt.date | None,
    until: dt.date | None,
    min_score: float | None = None,
    scope: str | None = None,
) -> ContradictionFilter:
    """The list's filter from query parameters (the API's and the page's CSV link share it)."""
    who: str | None = f"#{person}" if person is not None else speaker or None
    return ContradictionFilter(
        speaker=who, kind=kind or None, since=since, until=until, min_score=min_score, scope=scope
    )


def person_json(p: StoredPerson) -> dict[str, Any]:
    return p.to_dict()


def document_json(d: StoredDocument) -> dict[str, Any]:
    return d.to_dict()


def detail_json(d: DocumentDetail) -> dict[str, Any]:
    return {
        "document": document_json(d.summary),
        "text": d.text,
        "title_span": list(d.title_span) if d.title_span else None,
        "removed": [{"text": r.text, "kind": r.kind} for r in d.removed],
        "people": [{"id": str(p.id), "name": p.name, "kind": p.kind} for p in d.people],
        "statements": [statement_json(s) for s in d.statements],
        "contradictions": [contradiction_json(c) for c in d.contradictions],
    }


def _page(page: queries.Page[Any], convert: Any) -> dict[str, Any]:
    return {
        "items": [convert(x) for x in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


# ------------------------------------------------------------------------------------------- routes


@router.get("/stats", response_model=CountsOut, summary="How much the ledger holds")
def stats(request: Request) -> dict[str, Any]:
    """Row counts, and whether this server accepts documents; cheap, so also a health check."""
    return {**_ledger(request).counts(), "writable": request.app.state.settings.writable}


@router.get("/documents", response_model=PageOut[DocumentOut], summary="Stored documents")
def list_documents(
    request: Request,
    q: Annotated[str | None, Query(description="Keep documents whose title or source contains this.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Documents, newest publication first."""
    return _page(queries.documents(_ledger(request), q=q, limit=limit, offset=offset), document_json)


@router.get(
    "/documents/{document_id}",
    response_model=DocumentDetailOut,
    responses=NOT_FOUND,
    summary="One document with its text and statements",
)
def get_document(
    request: Request, document_id: Annotated[str, Path(max_length=64, description="The document's SHA-256.")]
) -> dict[str, Any]:
    """The clean text (every span indexes into it), the lines removed from the page, its people,
    statements in text order, and the contradictions among them."""
    found = queries.document(_ledger(request), document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id!r} in the ledger")
    return detail_json(found)


_POST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": DocumentIn.model_json_schema()},
            "text/plain": {"schema": {"type": "string", "description": "A plain-text article."}},
            "text/html": {"schema": {"type": "string", "description": "An HTML page."}},
        },
    }
}


@router.post(
    "/documents",
    response_model=IngestOut,
    status_code=201,
    openapi_extra=_POST_BODY,
    responses={
        200: {"model": IngestOut, "description": "Already stored (the same input bytes); nothing changed."},
        401: {"model": ErrorOut, "description": "No bearer token, or not this server's."},
        403: {"model": ErrorOut, "description": "The server is read-only (no ONRECORD_TOKEN)."},
        413: {"model": ErrorOut, "description": "The body is over the size limit."},
        422: {"model": ErrorOut, "description": "Not an article, a refused URL, or a malformed body."},
    },
    summary="Read an article and store it (needs the bearer token)",
)
async def post_document(
    request: Request,
    published: Annotated[
        str | None, Query(description="YYYY-MM-DD, for text/plain and text/html bodies.")
    ] = None,
    source: Annotated[str | None, Query(max_length=MAX_SOURCE, description="A name for a raw body.")] = None,
) -> JSONResponse:
    """Send JSON (`{"text": ...}`, `{"html": ...}` or `{"url": ...}`, with optional `published` and
    `source`), or the article itself as `text/plain` or `text/html`. A URL is fetched by the server from
    public addresses only. The article is analysed before the reply, which takes a second or more."""
    settings = request.app.state.settings
    try:
        writing.check_token(settings.token, request.headers.get("authorization"))
    except writing.WriteRefused as refused:
        return JSONResponse({"detail": refused.message}, status_code=refused.status, headers=refused.headers)
    body = await request.body()
    given = _document_in(request.headers.get("content-type", ""), body, published, source)
    ledger = _ledger(request)

    def work() -> writing.Written:
        if given.url is not None:
            raw = writing.raw_from_url(given.url, settings.allow_private_urls, settings.max_fetch)
            if given.source:
                raw.source = given.source
        else:
            raw = writing.raw_from_body(given.text, given.html, given.source)
        return writing.store(ledger, raw, given.published)

    try:
        written = await anyio.to_thread.run_sync(work, limiter=writing.LIMITER)
    except InputError as err:
        return JSONResponse({"detail": str(err)}, status_code=422)
    payload = IngestOut.model_validate(
        {
            "stored": written.stored,
            "statements": written.document.statements,
            "document": document_json(written.document),
        }
    )
    return JSONResponse(payload.model_dump(), status_code=201 if written.stored else 200)


def _document_in(content_type: str, body: bytes, published: str | None, source: str | None) -> DocumentIn:
    """The request body as a ``DocumentIn``, whichever of the three content types it came as."""
    media = content_type.split(";", 1)[0].strip().lower()
    try:
        if media in ("text/plain", "text/html"):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise HTTPException(422, "the body is not UTF-8 text") from None
            key = "html" if media == "text/html" else "text"
            return DocumentIn.model_validate({key: text, "published": published, "source": source})
        if media in ("application/json", ""):
            try:
                data = json.loads(body or b"null")
            except ValueError:
                raise HTTPException(422, "the body is not JSON") from None
            except RecursionError:  # arrays or objects nested thousands deep: no article looks like that
                raise HTTPException(422, "the JSON body is nested too deeply") from None
            if not isinstance(data, dict):
                raise HTTPException(422, 'the JSON body must be an object: {"text"|"html"|"url": ...}')
            data.setdefault("published", published)
            data.setdefault("source", source)
            return DocumentIn.model_validate(data)
    except ValidationError as err:
        raise HTTPException(422, "; ".join(e["msg"] for e in err.errors())) from None
    raise HTTPException(415, f"send application/json, text/plain or text/html, not {media!r}")


@router.get("/people", response_model=PageOut[PersonOut], summary="People in the ledger")
def list_people(
    request: Request,
    q: Annotated[str | None, Query(description="Keep people whose name or an alias contains this.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """People and organisations, most statements first, with aliases and counts."""
    return _page(queries.people(_ledger(request), q=q, limit=limit, offset=offset), person_json)


def _person(request: Request, person_id: int) -> StoredPerson:
    found = _ledger(request).person(person_id)
    if found is None:
        raise HTTPException(404, f"no person #{person_id} in the ledger")
    return found


@router.get("/people/{person_id}", response_model=PersonOut, responses=NOT_FOUND, summary="One person")
def get_person(request: Request, person_id: int) -> dict[str, Any]:
    return person_json(_person(request, person_id))


@router.get(
    "/people/{person_id}/timeline",
    response_model=PageOut[StatementOut],
    responses=NOT_FOUND,
    summary="A person's statements in the order they were made",
)
def timeline(
    request: Request,
    person_id: int,
    since: Since = None,
    until: Until = None,
    kind: KindQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """By the day each was made (``said_on``), else the publication date."""
    _person(request, person_id)
    f = StatementFilter(speaker=f"#{person_id}", since=since, until=until, kind=kind)
    return _page(queries.statements(_ledger(request), f, limit=limit, offset=offset), statement_json)


@router.get(
    "/people/{person_id}/contradictions",
    response_model=PageOut[ListedOut],
    responses=NOT_FOUND,
    summary="A person's contradictions",
)
def person_contradictions(
    request: Request, person_id: int, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """As ``/api/contradictions?person=ID``: the reversals reported of them, then their pairs."""
    _person(request, person_id)
    f = contradiction_filter(None, person_id, None, None, None)
    return _page(queries.listed(_ledger(request), f, limit=limit, offset=offset), listed_json)


@router.get("/statements", response_model=PageOut[StatementOut], summary="Search and filter statements")
def list_statements(
    request: Request,
    q: Annotated[
        str | None,
        Query(
            max_length=500,
            description='Full-text: every word must appear; "quoted phrases", OR between terms, prefix*.',
        ),
    ] = None,
    speaker: Annotated[str | None, Query(description="A name, an alias or #id.")] = None,
    since: Since = None,
    until: Until = None,
    kind: KindQ = None,
    named: Annotated[
        bool | None, Query(description="true: named speakers; false: anonymous sources.")
    ] = None,
    document: Annotated[str | None, Query(max_length=64, description="Only this document's.")] = None,
    order: Annotated[
        Literal["relevance", "date"], Query(description="relevance (with q) or date.")
    ] = "relevance",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every filter is optional and they combine with AND. With ``q`` the most relevant come first unless
    ``order=date``; without it, statements are in date order."""
    f = StatementFilter(
        q=q, speaker=speaker, since=since, until=until, kind=kind, named=named, document=document
    )
    page = queries.statements(_ledger(request), f, limit=limit, offset=offset, relevance=order == "relevance")
    return _page(page, statement_json)


@router.get(
    "/statements/{statement_id}", response_model=StatementOut, responses=NOT_FOUND, summary="One statement"
)
def get_statement(request: Request, statement_id: int) -> dict[str, Any]:
    found = _ledger(request).statement(statement_id)
    if found is None:
        raise HTTPException(404, f"no statement #{statement_id} in the ledger")
    return statement_json(found)


@router.get(
    "/contradictions",
    response_model=PageOut[ListedOut],
    summary="Contradictions: reversals the articles report, then possible contradictions",
)
def list_contradictions(
    request: Request,
    speaker: Annotated[str | None, Query(description="A name, an alias or #id.")] = None,
    person: Annotated[int | None, Query(description="A ledger person id (as speaker=#id).")] = None,
    kind: ContradictionKindQ = None,
    since: Annotated[
        dt.date | None,
        Query(description="On or after this day: a reversal's article, a pair's later statement."),
    ] = None,
    until: Annotated[dt.date | None, Query(description="On or before this day.")] = None,
    min_score: Annotated[
        float | None, Query(ge=0, le=1, description="Only those scored at least this.")
    ] = None,
    scope: Annotated[
        Literal["document", "ledger"] | None,
        Query(description="document: inside one article; ledger: pairs across articles."),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Reversals the article itself reports first (``wording`` "reported reversal", the evidence sentence,
    scored by confidence), then pairs of statements by one person (``wording`` "possible contradiction"),
    strongest first."""
    f = contradiction_filter(speaker, person, kind, since, until, min_score, scope)
    return _page(queries.listed(_ledger(request), f, limit=limit, offset=offset), listed_json)
