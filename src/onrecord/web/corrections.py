"""Correcting who is who from the web: merge two people, split a person, list and undo those corrections,
as ``onrecord people merge``, ``split``, ``merges`` and ``undo`` do (``Ledger.merge_people`` /
``split_person`` / ``corrections`` / ``undo_correction``; rules kept for later ingests).

A correction rewrites the record, so it is a write like ``POST /api/documents``: refused on a read-only
server, and it needs the server's token, compared in constant time (``writing.check_token``). The API
takes it as ``Authorization: Bearer``; the person page's forms ask for it in a password field, because
a browser following a plain form cannot add a header, and a token kept in the page would hand write
access to every reader. The forms are plain HTML posts (no JavaScript) that answer with a redirect to
the corrected person, so a reload never repeats a merge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs

import anyio.to_thread
from fastapi import APIRouter, Body, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from onrecord.ledger import Ledger, LedgerError
from onrecord.web import queries, writing
from onrecord.web.api import Limit, Offset
from onrecord.web.api import _page as page_json
from onrecord.web.schemas import CorrectionOut, ErrorOut, PageOut, PersonOut

api = APIRouter(prefix="/api", tags=["corrections"])
pages = APIRouter(include_in_schema=False)
REFUSED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No bearer token, or not this server's."},
    403: {"model": ErrorOut, "description": "The server is read-only (no ONRECORD_TOKEN)."},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut, "description": "The correction cannot be made (the reason says why)."},
}


class MergeIn(BaseModel):
    other: str = Field(max_length=300, description="The person that is really this one: a name or #id.")


class SplitIn(BaseModel):
    aliases: list[str] = Field(default_factory=list, max_length=100, description="Names to split off.")
    documents: list[str] = Field(
        default_factory=list, max_length=100, description="Document ids or prefixes."
    )
    into: str | None = Field(None, max_length=300, description="The new (or existing) person's name.")


Changed = TypeVar("Changed")


async def _correct(
    request: Request, authorization: str | None, change: Callable[[Ledger], Changed]
) -> Changed:
    """Check the token, then run ``change`` on the ledger in a writer's thread; ``HTTPException`` when
    refused (``writing.WriteRefused``'s status) or when the ledger says no (422)."""
    _authorize(request, authorization)
    ledger: Ledger = request.app.state.ledger
    try:
        return await anyio.to_thread.run_sync(change, ledger, limiter=writing.LIMITER)
    except LedgerError as err:
        raise HTTPException(422, str(err)) from None


def _authorize(request: Request, authorization: str | None) -> None:
    """``HTTPException`` with ``writing.WriteRefused``'s status unless this server takes this token."""
    try:
        writing.check_token(request.app.state.settings.token, authorization)
    except writing.WriteRefused as refused:
        raise HTTPException(refused.status, refused.message, refused.headers or None) from None


def _known(request: Request, person_id: int) -> None:
    if request.app.state.ledger.person(person_id) is None:
        raise HTTPException(404, f"There is no person #{person_id} in the ledger.")


# ----------------------------------------------------------------------------------------------- API


@api.post(
    "/people/{person_id}/merge",
    response_model=PersonOut,
    responses=REFUSED,
    summary="Merge a person into this one",
)
async def merge_api(request: Request, person_id: int, body: Annotated[MergeIn, Body()]) -> JSONResponse:
    """``other``'s statements, mentions and names move to this person (needs the bearer token)."""
    _known(request, person_id)
    kept = await _correct(
        request,
        request.headers.get("authorization"),
        lambda ledger: ledger.merge_people(f"#{person_id}", body.other),
    )
    return JSONResponse(kept.to_dict())


@api.post("/people/{person_id}/split", response_model=PersonOut, responses=REFUSED, summary="Split a person")
async def split_api(request: Request, person_id: int, body: Annotated[SplitIn, Body()]) -> JSONResponse:
    """The articles where this person goes by one of ``aliases`` (or the ``documents`` listed) move to a
    new person named ``into`` (default: the first alias); answers with that person (needs the token)."""
    _known(request, person_id)
    new = await _correct(
        request,
        request.headers.get("authorization"),
        lambda ledger: ledger.split_person(f"#{person_id}", body.aliases, body.documents, body.into or None),
    )
    return JSONResponse(new.to_dict())


@api.get("/people/corrections", response_model=PageOut[CorrectionOut], summary="Merges and splits made")
def list_corrections(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Users' merges and splits, newest first, with what each moved and whether it was undone; the ids
    are what ``POST /api/people/corrections/{id}/undo`` takes."""
    page = queries.corrections(request.app.state.ledger, limit=limit, offset=offset)
    return page_json(page, lambda c: c.to_dict())


@api.post(
    "/people/corrections/{correction_id}/undo",
    response_model=CorrectionOut,
    responses=REFUSED,
    summary="Undo a merge or split",
)
async def undo_api(request: Request, correction_id: int) -> JSONResponse:
    """Reverse one logged merge or split exactly (needs the bearer token); 422 with the reason when the
    ledger has changed since in a way that cannot be reversed (undo later corrections first)."""
    # The token first: whether a correction exists is no business of a reader without it.
    _authorize(request, request.headers.get("authorization"))
    _known_correction(request, correction_id)
    done = await _correct(
        request, request.headers.get("authorization"), lambda ledger: ledger.undo_correction(correction_id)
    )
    return JSONResponse(done.to_dict())


def _known_correction(request: Request, correction_id: int) -> None:
    if request.app.state.ledger.correction(correction_id) is None:
        raise HTTPException(404, f"There is no correction #{correction_id} in the ledger.")


# --------------------------------------------------------------------------------------------- pages


async def _form(request: Request) -> dict[str, list[str]]:
    """A url-encoded form body (the forms post nothing else; no multipart parser needed)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: [x.strip() for x in v if x.strip()] for k, v in parse_qs(body).items()}


def _bearer(form: dict[str, list[str]]) -> str | None:
    token = (form.get("token") or [""])[0]
    return f"Bearer {token}" if token else None


@pages.post("/people/{person_id}/merge")
async def merge_page(request: Request, person_id: int) -> Response:
    """The person page's merge form: another person (name or #id) becomes this one."""
    _known(request, person_id)
    form = await _form(request)
    other = (form.get("other") or [""])[0]
    if not other:
        raise HTTPException(422, "Say who is the same person as this one (a name or #id).")
    kept = await _correct(request, _bearer(form), lambda ledger: ledger.merge_people(f"#{person_id}", other))
    return RedirectResponse(f"/people/{kept.id}", status_code=303)


@pages.post("/people/{person_id}/split")
async def split_page(request: Request, person_id: int) -> Response:
    """The person page's split form: the names ticked (and their articles) become another person."""
    _known(request, person_id)
    form = await _form(request)
    aliases = form.get("alias") or []
    if not aliases:
        raise HTTPException(422, "Tick the names to split off into another person.")
    into = (form.get("into") or [None])[0]
    new = await _correct(
        request, _bearer(form), lambda ledger: ledger.split_person(f"#{person_id}", aliases, (), into)
    )
    return RedirectResponse(f"/people/{new.id}", status_code=303)


@pages.post("/people/corrections/undo")
async def undo_page(request: Request) -> Response:
    """The person page's undo form: the correction chosen is reversed; back to the person it kept or
    split (who exists again either way)."""
    form = await _form(request)
    chosen = (form.get("correction") or [""])[0]
    if not chosen.isdigit():
        raise HTTPException(422, "Choose the correction to undo.")
    correction_id = int(chosen)
    _authorize(request, _bearer(form))
    _known_correction(request, correction_id)
    done = await _correct(request, _bearer(form), lambda ledger: ledger.undo_correction(correction_id))
    return RedirectResponse(f"/people/{done.person_id}", status_code=303)
