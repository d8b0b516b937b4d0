"""What the ledger gives back: typed, frozen rows (a stored statement, person, document, pair,
reported reversal, correction), each with ``to_dict`` for JSON and ``flat`` for CSV.

Plain data with no database access, so queries, exports, the web and the CLI share them without a cycle."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from onrecord.ledger.columns import (
    flat_row,
)
from onrecord.model import REPORTED, Document, Mention, Person, Removed, SaidOn, Speaker, Statement


@dataclass(frozen=True)
class DocumentRef:
    """Where a stored statement comes from."""

    id: str
    title: str | None
    source: str
    published: str | None
    publisher: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "url": self.url,
        }


@dataclass(frozen=True)
class StoredStatement:
    """One statement read back from the ledger, with its document and the ledger's person.

    ``id`` is the ledger's statement id and ``speaker_person`` the ledger's person id (both as strings
    in ``to_dict``, like the ids of the JSON output contract); ``local_id`` is the id ``onrecord read``
    gives the same statement in its document.
    """

    id: int
    local_id: str
    document: DocumentRef
    kind: str
    cue_class: str
    content_text: str
    content_spans: list[tuple[int, int]]
    cue_text: str | None
    cue_span: tuple[int, int] | None
    speaker_text: str | None
    speaker_span: tuple[int, int] | None
    person_id: int | None
    person_name: str | None
    named: bool
    description: str | None
    question: bool
    said_on: SaidOn | None
    confidence: float
    rule: str
    repeated_at: list[tuple[int, int]] = field(default_factory=list)
    speaker_local: str | None = None
    #: As on ``model.Speaker``, so that ``speaker`` reads the same from the ledger as from ``read``.
    antecedent: Mention | None = None
    unresolved: bool = False
    person_kind: str | None = None

    @property
    def date(self) -> str | None:
        """The day the statement is placed on: the start of ``said_on``, else the publication date."""
        return self.said_on.start if self.said_on else self.document.published

    @property
    def shown_date(self) -> str | None:
        """The date for people to read, at its precision (``SaidOn.shown``: "2021-03", never the false
        day "2021-03-01"), else the publication day; ``date`` is the day to sort and filter by."""
        return self.said_on.shown() if self.said_on else self.document.published

    def to_dict(self) -> dict[str, Any]:
        """The output contract's statement object plus ``document`` (id, title, source, published)."""
        out: dict[str, Any] = {
            "id": str(self.id),
            "local_id": self.local_id,
            "kind": self.kind,
            "cue_class": self.cue_class,
            "content": {"text": self.content_text, "spans": [list(s) for s in self.content_spans]},
            "cue": {"text": self.cue_text, "span": list(self.cue_span)} if self.cue_span else None,
            "speaker": self._speaker() if self.speaker_text is not None else None,
            "question": self.question,
            "said_on": self.said_on.to_dict() if self.said_on else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "document": self.document.to_dict(),
        }
        if self.repeated_at:
            out["repeated_at"] = [list(s) for s in self.repeated_at]
        return out

    def as_model(self) -> tuple[Document, Statement, Person | None]:
        """The statement as the pipeline's objects (document text and mentions left out), so that it is
        flattened by the same getters (``onrecord.ledger.columns``) as a statement fresh from a reader."""
        d = self.document
        document = Document(d.id, d.source, "", d.title, d.publisher, d.published, url=d.url)
        speaker = None
        if self.speaker_text is not None:
            speaker = Speaker(
                self.speaker_text,
                self.speaker_span,
                self.speaker_local,
                self.named,
                self.description,
                self.antecedent,
                self.unresolved,
            )
        statement = Statement(
            self.local_id,
            self.kind,  # type: ignore[arg-type]
            list(self.content_spans),
            self.content_text,
            Mention(self.cue_text or "", self.cue_span) if self.cue_span else None,
            speaker,
            self.cue_class,  # type: ignore[arg-type]
            self.question,
            self.said_on,
            self.confidence,
            self.rule,
            list(self.repeated_at),
        )
        person = None
        if self.person_name is not None:
            person = Person(str(self.person_id), self.person_name, kind=self.person_kind or "person")  # type: ignore[arg-type]
        return document, statement, person

    def _speaker(self) -> dict[str, Any]:
        """``model.Speaker.to_dict``'s object with the ledger's person id (``unresolved`` and
        ``antecedent`` only when there is one, as there)."""
        return Speaker(
            text=self.speaker_text or "",
            span=self.speaker_span,
            person=str(self.person_id) if self.person_id is not None else None,
            named=self.named,
            description=self.description,
            antecedent=self.antecedent,
            unresolved=self.unresolved,
        ).to_dict()

    def flat(self) -> dict[str, Any]:
        """One row of the flat layout (``columns.flat_row``) for CSV and Parquet: the columns and
        values the Ray path's Parquet has for the same statement, plus the ledger's ids."""
        document, statement, person = self.as_model()
        return flat_row(document, statement, person, statement_id=self.id, person_id=self.person_id)


@dataclass(frozen=True)
class StoredPerson:
    """A ledger person with how often they appear."""

    id: int
    name: str
    kind: str
    aliases: list[str]
    documents: int
    statements: int
    corrected: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "kind": self.kind,
            "aliases": self.aliases,
            "documents": self.documents,
            "statements": self.statements,
            "corrected": self.corrected,
        }


@dataclass(frozen=True)
class StoredContradiction:
    """A stored pair of statements by one person that disagree; ``scope`` says who found it."""

    id: int
    a: StoredStatement
    b: StoredStatement
    person_id: int | None
    score: float
    kind: str
    explanation: str
    scope: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "speaker": str(self.person_id) if self.person_id is not None else None,
            "score": round(self.score, 3),
            "kind": self.kind,
            "explanation": self.explanation,
            "scope": self.scope,
        }

    def flat(self) -> dict[str, Any]:
        """One row of ``CONTRADICTION_COLUMNS`` (the CSV of ``onrecord contradictions`` and the web)."""
        return _pair_flat(self)


#: The columns of a contradiction as one flat row (``flat()`` of a pair and of a reported reversal), so
#: that a CSV of both kinds has one header: the reversal's evidence, or the pair's two statements.
CONTRADICTION_COLUMNS = (
    "kind id wording score person_id speaker explanation scope document_id title source published "
    "evidence evidence_start evidence_end holder cue earlier earlier_date later later_date "
    "a_statement_id a_date a_text a_spans a_document_id a_title a_source a_published "
    "b_statement_id b_date b_text b_spans b_document_id b_title b_source b_published"
).split()

#: How a list words each kind: only the article's own report is called a reversal outright; a pair the
#: rules found is a candidate (its top-30 precision on PolNeAR was 1 in 30, docs/BENCHMARKS.md).
WORDING = {"reported": "reported reversal", "pair": "possible contradiction"}


def _flat_row(values: dict[str, Any]) -> dict[str, Any]:
    return {c: values.get(c, "") if values.get(c) is not None else "" for c in CONTRADICTION_COLUMNS}


def _flat_side(prefix: str, s: StoredStatement) -> dict[str, Any]:
    return {
        f"{prefix}_statement_id": s.id,
        f"{prefix}_date": s.date,
        f"{prefix}_text": s.content_text,
        f"{prefix}_spans": json.dumps([list(x) for x in s.content_spans]),
        f"{prefix}_document_id": s.document.id,
        f"{prefix}_title": s.document.title,
        f"{prefix}_source": s.document.source,
        f"{prefix}_published": s.document.published,
    }


def _pair_flat(c: StoredContradiction) -> dict[str, Any]:
    """A pair as one row of ``CONTRADICTION_COLUMNS``: a is the later statement, b the earlier."""
    return _flat_row(
        {
            "kind": c.kind,
            "id": c.id,
            "wording": WORDING["pair"],
            "score": round(c.score, 3),
            "person_id": c.person_id,
            "speaker": c.a.person_name,
            "explanation": c.explanation,
            "scope": c.scope,
            **_flat_side("a", c.a),
            **_flat_side("b", c.b),
        }
    )


@dataclass(frozen=True)
class ReportedPart:
    """The earlier or the later position as the evidence sentence gives it, with its date if given."""

    text: str
    span: tuple[int, int]
    date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "date": self.date}


@dataclass(frozen=True)
class StoredReversal:
    """A stored reversal the article itself reports: its sentence, cue, holder and the two positions.

    ``to_dict`` is the output contract's contradiction of kind "reported" (``a``/``b`` None, ``evidence``
    and ``reported``), plus the ledger's id, the person's name and the document it is in.
    """

    id: int
    document: DocumentRef
    person_id: int | None
    person_name: str | None
    holder_text: str
    holder_span: tuple[int, int]
    evidence_text: str
    evidence_span: tuple[int, int]
    cue_text: str
    cue_span: tuple[int, int]
    earlier: ReportedPart | None
    later: ReportedPart | None
    confidence: float
    explanation: str
    kind: str = REPORTED
    scope: str = "document"
    #: How many articles carry this sentence word for word for the same holder (wire copy): the ledger
    #: lists it once, and ``sources`` names every copy when there is more than one.
    copies: int = 1
    sources: tuple[dict[str, str], ...] = ()

    @property
    def score(self) -> float:
        return self.confidence

    @property
    def date(self) -> str | None:
        """The day the reversal is placed on: when the article reported it (its publication date)."""
        return self.document.published

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "a": None,
            "b": None,
            "speaker": str(self.person_id) if self.person_id is not None else None,
            "score": round(self.confidence, 3),
            "kind": self.kind,
            "explanation": self.explanation,
            "scope": self.scope,
            "evidence": {"text": self.evidence_text, "span": list(self.evidence_span)},
            "reported": {
                "holder": {"text": self.holder_text, "span": list(self.holder_span)},
                "cue": {"text": self.cue_text, "span": list(self.cue_span)},
                "earlier": self.earlier.to_dict() if self.earlier else None,
                "later": self.later.to_dict() if self.later else None,
            },
            "document": self.document.to_dict(),
        } | ({"sources": [dict(s) for s in self.sources]} if self.sources else {})

    def flat(self) -> dict[str, Any]:
        """One row of ``CONTRADICTION_COLUMNS``."""
        return _flat_row(
            {
                "kind": self.kind,
                "id": self.id,
                "wording": WORDING["reported"],
                "score": round(self.confidence, 3),
                "person_id": self.person_id,
                "speaker": self.person_name or self.holder_text,
                "explanation": self.explanation,
                "scope": self.scope,
                "document_id": self.document.id,
                "title": self.document.title,
                "source": self.document.source,
                "published": self.document.published,
                "evidence": self.evidence_text,
                "evidence_start": self.evidence_span[0],
                "evidence_end": self.evidence_span[1],
                "holder": self.holder_text,
                "cue": self.cue_text,
                "earlier": self.earlier.text if self.earlier else None,
                "earlier_date": self.earlier.date if self.earlier else None,
                "later": self.later.text if self.later else None,
                "later_date": self.later.date if self.later else None,
            }
        )


@dataclass(frozen=True)
class StoredDocument:
    """A stored document as lists show it: no text, and how many statements it holds."""

    id: str
    title: str | None
    source: str
    publisher: str | None
    published: str | None
    authors: list[str]
    statements: int
    #: The article on the web (http/https) when the input gave or named it: what "original" links to.
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "publisher": self.publisher,
            "published": self.published,
            "authors": self.authors,
            "statements": self.statements,
            "url": self.url,
        }


@dataclass(frozen=True)
class StoredCorrection:
    """One merge or split a user made, from the ``corrections`` log: who with whom, how many rows of
    each kind it moved, and whether it has been undone (``Ledger.undo_correction``).

    ``person`` is the person kept by a merge or split by a split; ``other`` the person merged away, or
    the one a split moved articles to. Names are as they were when the correction was made.
    """

    id: int
    action: str
    person_id: int
    person_name: str
    other_id: int
    other_name: str
    moved: dict[str, int]
    created_at: str
    undone_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "action": self.action,
            "person": str(self.person_id),
            "person_name": self.person_name,
            "other": str(self.other_id),
            "other_name": self.other_name,
            "moved": dict(self.moved),
            "created_at": self.created_at,
            "undone_at": self.undone_at,
        }

    def summary(self) -> str:
        """What moved, in words: "2 statements, 1 documents, 3 aliases" (kinds with none left out)."""
        return ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in self.moved.items() if n) or "nothing"


@dataclass(frozen=True)
class DocumentPerson:
    """A ledger person as one document names them."""

    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class DocumentDetail:
    """Everything the ledger holds on one document (``Ledger.document``): the text every span indexes
    into, and what was found in it."""

    summary: StoredDocument
    text: str
    title_span: tuple[int, int] | None
    removed: list[Removed]
    statements: list[StoredStatement]
    people: list[DocumentPerson]
    contradictions: list[StoredContradiction] = field(default_factory=list)
