"""The HTML pages: search, people, a person's record, articles with their attributions marked.

Pages are rendered on the server with Jinja2 (autoescaping on, so every value from the ledger is
escaped unless it went through ``highlight``/``chart``, which escape piece by piece). Each page works
as plain links and GET forms, so it works without JavaScript and with the keyboard; htmx (a vendored
static file) only makes the search form update its results in place. Query parameters on pages are read
leniently: a malformed date or kind is reported on the page and ignored, rather than answered with a
bare 422.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from onrecord.ledger import DocumentRef, Ledger, StoredDocument, StoredReversal, StoredStatement
from onrecord.ledger.listing import PAIR, ContradictionFilter
from onrecord.model import REPORTED
from onrecord.web import chart, queries
from onrecord.web.highlight import clash_words, highlight, mark_spans, search_matches
from onrecord.web.queries import KINDS, StatementFilter

router = APIRouter(include_in_schema=False)
TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE = 25

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


# ----------------------------------------------------------------------------------- template helpers


def fmt_day(value: str | None) -> str:
    """``2024-03-12`` as ``12 Mar 2024``: unambiguous for readers on both sides of the Atlantic."""
    if not value:
        return "undated"
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def when(s: StoredStatement) -> str:
    """When a statement was made, only as precisely as the article says (a year stays a year)."""
    said = s.said_on
    if said is None:
        return f"published {fmt_day(s.document.published)}" if s.document.published else "undated"
    day = dt.date.fromisoformat(said.start[:10])
    if said.precision in ("year", "decade"):
        return str(day.year) if said.precision == "year" else f"{day.year}s"
    if said.precision in ("month", "season"):
        return f"{_MONTHS[day.month - 1]} {day.year}"
    if said.precision == "week":
        return f"week of {fmt_day(said.start)}"
    return fmt_day(said.start)


def who(s: StoredStatement) -> str:
    if not s.named:
        return s.description or s.speaker_text or "anonymous source"
    return s.person_name or s.speaker_text or "unknown speaker"


def statement_href(s: StoredStatement) -> str:
    return f"/documents/{s.document.id}#s{s.id}"


def web_href(source: str | None) -> str | None:
    """A source worth linking to: only http(s) URLs, so a stored ``javascript:`` source stays text."""
    if not source:
        return None
    parts = urlsplit(source)
    return source if parts.scheme in ("http", "https") and parts.netloc else None


def original_href(doc: StoredDocument | DocumentRef) -> str | None:
    """Where the original article is on the web: the address the ledger kept for it, else its source
    when that is a URL; None for a file read from disk with no address of its own."""
    return web_href(doc.url) or web_href(doc.source)


def confidence_label(value: float) -> str:
    """A statement's confidence as a reader can weigh it: two decimals and a word."""
    word = "high" if value >= 0.8 else "medium" if value >= 0.5 else "low"
    return f"{value:.2f} ({word})"


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def csv_href(request: Request, path: str, **changes: Any) -> str:
    """The CSV download of the list on this page: ``path`` with this page's filters (``changes`` added),
    without its paging, since the download holds every page."""
    params = {k: v for k, v in request.query_params.items() if k not in ("offset", "coffset")}
    params.update({k: str(v) for k, v in changes.items() if v not in (None, "")})
    query = urlencode(params)
    return path + (f"?{query}" if query else "")


def evidence_html(r: StoredReversal) -> Any:
    """A reported reversal's sentence with its holder, cue and earlier and later positions marked."""
    spans = [(*r.holder_span, "speaker"), (*r.cue_span, "cue")]
    spans += [(*p.span, role) for p, role in ((r.earlier, "earlier"), (r.later, "later")) if p is not None]
    return mark_spans(r.evidence_text, spans, offset=r.evidence_span[0])


def url_with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None or "" removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        fmt_day=fmt_day,
        when=when,
        who=who,
        statement_href=statement_href,
        web_href=web_href,
        original_href=original_href,
        confidence_label=confidence_label,
        kind_label=kind_label,
        url_with=url_with,
        csv_href=csv_href,
        evidence_html=evidence_html,
        clash_words=clash_words,
        search_matches=search_matches,
        KINDS=KINDS,
    )
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, {"request": request, **context}, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> Response:
    titles = {404: "Not found", 405: "Not allowed", 413: "Too large", 422: "Cannot read that request"}
    return render(
        request, "error.html", status, title=titles.get(status, "Error"), message=message, status=status
    )


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger  # type: ignore[no-any-return]


def _int(value: str | None, default: int = 0, low: int = 0, high: int = 10_000_000) -> int:
    try:
        return max(low, min(high, int(value))) if value not in (None, "") else default
    except ValueError:
        return default


def _day(value: str | None, name: str, problems: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{name} {value!r} is not a date (YYYY-MM-DD); ignored")
        return None


# ------------------------------------------------------------------------------------------ pages


def statement_filter(p: Mapping[str, str], problems: list[str]) -> StatementFilter:
    """The search form's fields as a filter, read leniently (a bad value is noted in ``problems`` and
    ignored); shared with the CSV download so that it lists exactly the rows the page does."""
    kind = p.get("kind") or None
    if kind is not None and kind not in KINDS:
        problems.append(f"kind {kind!r} is not one of {', '.join(KINDS)}; ignored")
        kind = None
    return StatementFilter(
        q=(p.get("q") or "").strip()[:500] or None,
        speaker=(p.get("speaker") or "").strip() or None,
        since=_day(p.get("since"), "since", problems),
        until=_day(p.get("until"), "until", problems),
        kind=kind,
        named={"named": True, "anonymous": False}.get(p.get("named", "")),
        document=(p.get("document") or "").strip()[:64] or None,
    )


@router.get("/")
def search_page(request: Request) -> Response:
    """Search and filter statements; with no query, what the ledger holds and who says most."""
    p = request.query_params
    problems: list[str] = []
    f = statement_filter(p, problems)
    ledger = _ledger(request)
    context: dict[str, Any] = {"f": p, "problems": problems, "searched": not f.is_empty()}
    if f.is_empty():
        context["counts"] = ledger.counts()
        context["top_people"] = [x for x in queries.people(ledger, limit=12).items if x.statements]
        context["recent"] = queries.contradictions(ledger, limit=6).items
        context["results"] = None
    else:
        context["results"] = queries.statements(ledger, f, limit=PAGE, offset=_int(p.get("offset")))
    partial = request.headers.get("hx-request") == "true" and request.headers.get("hx-target") == "results"
    response = render(request, "_results.html" if partial else "search.html", **context)
    response.headers["Vary"] = "HX-Request, HX-Target"  # a cache must not serve the fragment as the page
    return response


@router.get("/people")
def people_page(request: Request) -> Response:
    q = (request.query_params.get("q") or "").strip() or None
    page = queries.people(
        _ledger(request), q=q, limit=PAGE * 2, offset=_int(request.query_params.get("offset"))
    )
    return render(request, "people.html", page=page, q=q or "")


@router.get("/people/{person_id}")
def person_page(request: Request, person_id: int) -> Response:
    """A person's record: the chart over time, their contradictions side by side, then every statement."""
    ledger = _ledger(request)
    person = ledger.person(person_id)
    if person is None:
        raise HTTPException(404, f"There is no person #{person_id} in the ledger.")
    p = request.query_params
    problems: list[str] = []
    since, until = _day(p.get("since"), "since", problems), _day(p.get("until"), "until", problems)
    days, undated = ledger.statement_days(person_id)

    def bar_link(b: chart.Bucket) -> str:
        return (
            url_with(request, since=b.first.isoformat(), until=b.last.isoformat(), offset=None) + "#timeline"
        )

    svg = chart.timeline_svg(days, bar_link, person.name, undated)
    pairs = queries.contradictions(ledger, person_id=person_id, limit=50, offset=_int(p.get("coffset")))
    f = StatementFilter(speaker=f"#{person_id}", since=since, until=until)
    timeline = queries.statements(ledger, f, limit=PAGE * 2, offset=_int(p.get("offset")))
    contradicted = {c.a.id: c.id for c in pairs.items} | {c.b.id: c.id for c in pairs.items}
    writable = request.app.state.settings.writable
    # The corrections in force that this person took part in, newest first, each with an undo form.
    undoable = [c for c in ledger.corrections(limit=20, person=person_id) if c.undone_at is None]
    return render(
        request,
        "person.html",
        undoable=undoable if writable else [],
        person=person,
        chart=svg,
        pairs=pairs,
        timeline=timeline,
        contradicted=contradicted,
        since=since,
        until=until,
        problems=problems,
        writable=request.app.state.settings.writable,
    )


@router.get("/documents")
def documents_page(request: Request) -> Response:
    q = (request.query_params.get("q") or "").strip() or None
    page = queries.documents(
        _ledger(request), q=q, limit=PAGE * 2, offset=_int(request.query_params.get("offset"))
    )
    return render(request, "documents.html", page=page, q=q or "")


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str) -> Response:
    """The article with speaker, cue and content marked, anonymous sources flagged, removed lines folded."""
    found = queries.document(_ledger(request), document_id[:64])
    if found is None:
        raise HTTPException(404, "There is no such article in the ledger.")
    start = 0
    if found.title_span and found.title_span[0] == 0:
        title_end = found.title_span[1]
        # The title is the page's heading; show the body after it unless a statement is in the title.
        if not any(s.content_spans and s.content_spans[0][0] < title_end for s in found.statements):
            start = title_end
            while start < len(found.text) and found.text[start] in "\r\n":
                start += 1
    body = highlight(found.text, found.statements, start=start)
    anonymous = sum(1 for s in found.statements if not s.named)
    return render(request, "document.html", doc=found, body=body, anonymous=anonymous)


@router.get("/statements/{statement_id}")
def statement_page(request: Request, statement_id: int) -> Response:
    """A statement lives in its article: send the reader there, to the statement's place in the text."""
    found = _ledger(request).statement(statement_id)
    if found is None:
        raise HTTPException(404, f"There is no statement #{statement_id} in the ledger.")
    return RedirectResponse(statement_href(found), status_code=303)


#: Most rows the CSV download holds: every stored reversal and pair of a large ledger, one request.
CSV_LIMIT = 100_000


def _contradiction_filter(request: Request, problems: list[str]) -> tuple[ContradictionFilter, str]:
    """The page's filters, read leniently (a bad date is reported and ignored), and the person field."""
    p = request.query_params
    person = (p.get("person") or "").strip()[:200]
    kind = (p.get("kind") or "").strip()[:40] or None
    f = ContradictionFilter(
        speaker=person or None,
        kind=kind,
        since=_day(p.get("since"), "since", problems),
        until=_day(p.get("until"), "until", problems),
    )
    return f, person


@router.get("/contradictions")
def contradictions_page(request: Request) -> Response:
    """Reversals the articles report (with the sentence that says so), then possible contradictions:
    each pair side by side with dates, sources and the clashing words; filters and a CSV of the same."""
    problems: list[str] = []
    f, person = _contradiction_filter(request, problems)
    ledger = _ledger(request)
    page = queries.listed(ledger, f, limit=PAGE, offset=_int(request.query_params.get("offset")))
    kinds = [REPORTED, PAIR, *ledger.contradiction_kinds()]
    csv_href = "/contradictions.csv" + url_with(request, offset=None)[len(request.url.path) :]
    return render(
        request,
        "contradictions.html",
        page=page,
        f=f,
        person=person,
        kinds=kinds,
        problems=problems,
        csv_href=csv_href,
    )


@router.get("/contradictions.csv")
def contradictions_csv(request: Request) -> Response:
    """The list the page shows, with its filters, as CSV (``onrecord export``'s writer, one row each)."""
    import io

    from onrecord.ledger.export import write_rows
    from onrecord.ledger.listing import listed
    from onrecord.ledger.rows import CONTRADICTION_COLUMNS

    f, _ = _contradiction_filter(request, [])
    out = io.StringIO()
    write_rows(listed(_ledger(request), f, CSV_LIMIT), "csv", out, columns=CONTRADICTION_COLUMNS)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="contradictions.csv"'},
    )
