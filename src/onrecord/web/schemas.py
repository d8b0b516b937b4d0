"""The API's request and response shapes, so the OpenAPI schema (``/openapi.json``) documents every field.

Statements keep the JSON output contract's shape (``content``, ``cue``, ``speaker``, ``said_on``, spans
as ``[start, end]``), as ``onrecord statements --format jsonl`` prints them, so a tool that reads one
reads the other; ids are the ledger's, as strings.
"""

from __future__ import annotations

import re
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field, field_validator, model_validator

from onrecord.model import StatementKind

T = TypeVar("T")

Kind = StatementKind

#: The longest ``source`` name a writer may give, as for the ``source`` query parameter: it is shown on
#: every page and in every statement's JSON, so it must not be able to carry a whole article.
MAX_SOURCE = 500

_SURROGATE = re.compile("[\ud800-\udfff]")


class PageOut(BaseModel, Generic[T]):
    """One page of a list: ``total`` rows match the request; these are rows ``offset`` to ``offset+limit``."""

    items: list[T]
    total: int = Field(description="How many rows match, over all pages.")
    limit: int
    offset: int


class ContentOut(BaseModel):
    text: str = Field(description="The statement's words, as written; pieces of a split quote joined.")
    spans: list[list[int]] = Field(description="Half-open [start, end) character offsets into the text.")


class CueOut(BaseModel):
    text: str | None
    span: list[int]


class SpeakerOut(BaseModel):
    text: str | None = Field(description="The resolved name, else the mention as written.")
    span: list[int] | None
    person: str | None = Field(description="The ledger person id, or null for an anonymous source.")
    named: bool
    description: str | None = Field(description="An anonymous source as the article describes it.")
    unresolved: bool = Field(False, description="True when the text does not tell who spoke ('he' alone).")
    antecedent: CueOut | None = Field(
        None, description="For an anonymous source called back ('the source'), the first description."
    )


class SaidOnOut(BaseModel):
    start: str
    end: str
    precision: str
    basis: str = Field(description="The words the date rests on.")


class DocumentRefOut(BaseModel):
    id: str
    title: str | None
    source: str
    published: str | None
    url: str | None = Field(None, description="The article on the web, when the input gave or named it.")


class StatementOut(BaseModel):
    """One attributed statement, pointing back to the characters of its document it came from."""

    id: str
    local_id: str = Field(description="The id `onrecord read` gives this statement in its document.")
    kind: Kind
    cue_class: str
    content: ContentOut
    cue: CueOut | None
    speaker: SpeakerOut | None
    question: bool
    said_on: SaidOnOut | None
    date: str | None = Field(description="The day the statement is placed on: said_on start, else published.")
    person_name: str | None = Field(description="The ledger's name for the speaker, if a person.")
    confidence: float
    rule: str
    repeated_at: list[list[int]] = Field(default_factory=list)
    document: DocumentRefOut


class PersonOut(BaseModel):
    id: str
    name: str
    kind: Literal["person", "organization"] | str
    aliases: list[str]
    documents: int
    statements: int
    corrected: bool


class CorrectionOut(BaseModel):
    """A merge or split from the corrections log: ``person`` kept (merge) or split; ``other`` merged
    away (merge) or given the articles (split); names as they were then."""

    id: str
    action: Literal["merge", "split"] | str
    person: str
    person_name: str
    other: str
    other_name: str
    moved: dict[str, int] = Field(
        description="Rows moved by kind (statements, mentions, ...), rules written."
    )
    created_at: str
    undone_at: str | None = Field(description="When it was undone; null while it holds.")


class ContradictionOut(BaseModel):
    """Two statements by one person that disagree; ``scope`` says whether one article or the ledger
    paired them."""

    id: str
    a: StatementOut
    b: StatementOut
    speaker: str | None
    score: float
    kind: str
    explanation: str
    scope: str


class EvidenceOut(BaseModel):
    text: str = Field(description="The sentence in which the article reports the reversal.")
    span: list[int]


class ReportedPartOut(BaseModel):
    text: str
    span: list[int]
    date: str | None = Field(default=None, description="As normalised: 2016-05-03, 2016-05, 2016.")


class ReportedOut(BaseModel):
    holder: CueOut = Field(description="Who reversed, as written.")
    cue: CueOut = Field(description="The words that say so: 'walked back', 'flip-flopped'.")
    earlier: ReportedPartOut | None
    later: ReportedPartOut | None


class CopyOut(BaseModel):
    reversal_id: str
    document_id: str
    title: str | None


class ListedOut(BaseModel):
    """A contradiction as the lists give it: a reversal the article reports (``kind`` "reported",
    ``evidence``, ``reported`` and ``document``; ``a``/``b`` null) or a pair of statements (``a`` the
    later, ``b`` the earlier). ``wording`` is how a reader should take it."""

    id: str = Field(description="The row's id within its kind.")
    kind: str = Field(description="reported, or the pair's kind (polarity, flip, antonym, ...).")
    wording: Literal["reported reversal", "possible contradiction"]
    speaker: str | None = Field(description="The ledger person id, if resolved.")
    speaker_name: str | None
    score: float = Field(description="A reversal's confidence, or the pair's score.")
    explanation: str
    scope: str
    a: StatementOut | None = None
    b: StatementOut | None = None
    evidence: EvidenceOut | None = None
    reported: ReportedOut | None = None
    document: DocumentRefOut | None = Field(default=None, description="A reversal's article.")
    sources: list[CopyOut] | None = Field(
        default=None,
        description="A reversal whose sentence several articles carry word for word: every copy.",
    )


class DocumentOut(BaseModel):
    id: str = Field(description="SHA-256 of the input bytes.")
    title: str | None
    source: str
    publisher: str | None
    published: str | None
    authors: list[str]
    statements: int
    url: str | None = Field(None, description="The article on the web, when the input gave or named it.")


class RemovedOut(BaseModel):
    text: str
    kind: str


class DocumentPersonOut(BaseModel):
    id: str
    name: str
    kind: str


class DocumentDetailOut(BaseModel):
    """A document with the text every span indexes into and everything found in it."""

    document: DocumentOut
    text: str = Field(description="The clean text; every span is an offset into it.")
    title_span: list[int] | None
    removed: list[RemovedOut] = Field(description="Lines taken out of the page before analysis.")
    people: list[DocumentPersonOut]
    statements: list[StatementOut] = Field(description="In the order they appear in the text.")
    contradictions: list[ContradictionOut]


class DocumentIn(BaseModel):
    """An article to read and store: exactly one of ``text``, ``html`` or ``url``.

    ``text`` is a plain-text scrape (cleaned line by line), ``html`` a page (article extraction), ``url`` an
    ``http(s)`` address the server fetches (public addresses only).
    """

    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = Field(
        default=None, description="YYYY-MM-DD; anchors relative dates, outranks a date in the text."
    )
    source: str | None = Field(
        default=None,
        max_length=MAX_SOURCE,
        description="A name for the input (default: the URL, or 'api').",
    )

    @field_validator("text", "html", "url", "published", "source")
    @classmethod
    def _no_lone_surrogates(cls, value: str | None) -> str | None:
        """JSON may escape half of a UTF-16 pair (``"\\ud800"``); such a string is no text and cannot be
        stored or hashed as UTF-8, so it is refused here rather than failing deep in the pipeline."""
        if value is not None and _SURROGATE.search(value):
            raise ValueError("a lone UTF-16 surrogate (like \\ud800) is not a character")
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> DocumentIn:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class IngestOut(BaseModel):
    stored: bool = Field(description="False when the same input bytes were stored before (nothing changed).")
    statements: int = Field(description="Statements the document holds.")
    document: DocumentOut


class CountsOut(BaseModel):
    documents: int
    people: int
    mentions: int
    statements: int
    contradictions: int
    writable: bool = Field(description="Whether POST /api/documents is enabled (ONRECORD_TOKEN set).")


class ErrorOut(BaseModel):
    detail: str
