"""The typed objects that every stage passes on.

Every span is a half-open ``(start, end)`` pair of character offsets into ``Document.text``; nothing
downstream re-reads the raw input, so a reader can always check a claim by slicing the text.
``to_dict`` methods produce the JSON output contract (``format "1"``), which other tools read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

FORMAT_VERSION = "1"

Span = tuple[int, int]
StatementKind = Literal["direct", "indirect", "mixed", "according_to"]
#: Every statement kind, read from the type so that the CLI's choices, the web API's and the evaluation's
#: tables cannot list other kinds than the pipeline makes.
STATEMENT_KINDS: tuple[StatementKind, ...] = get_args(StatementKind)
CueClass = Literal["speech", "writing", "belief", "intention", "evidence", "stance", "other"]
#: Every cue class, in the order tables list them; speech and writing are the default view. "other" is a
#: cue no word list classes, which only a learned attribution model (``onrecord train attribution``) finds,
#: or a hearsay adverb ("reportedly"), which names no source.
ALL_CUE_CLASSES: tuple[CueClass, ...] = (
    "speech",
    "writing",
    "belief",
    "intention",
    "evidence",
    "stance",
    "other",
)
Precision = Literal["day", "week", "month", "season", "year", "decade"]
RemovedKind = Literal[
    "site-chrome", "caption", "credit", "related-link", "embed-teaser", "byline", "ad", "other"
]


@dataclass(frozen=True)
class Removed:
    """A line taken out of the page before analysis, kept so a reader can see what was dropped."""

    text: str
    kind: RemovedKind

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind}


@dataclass
class Document:
    """An article's clean text and metadata; ``text`` is what every span indexes into."""

    id: str
    source: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title_span: Span | None = None
    #: The year, when the page shows no day but its year (a copyright line, "2 days ago" under a dated
    #: page): statements reported at publication are then dated to that year, with this basis.
    published_year: int | None = None
    published_basis: str | None = None
    #: What a reader should know about how the text was read ("the text is in Japanese script; ...").
    notes: list[str] = field(default_factory=list)
    #: False for a text in another script: kept and shown, but not given to the English attribution.
    attributable: bool = True
    #: The article's address on the web (http/https only), when known: given with the input (a fetch,
    #: a JSONL ``url``) or named by the page itself (``<link rel="canonical">``, ``og:url``). ``source``
    #: may be a local file; this is what a reader follows to check the original.
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "authors": list(self.authors),
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
        }
        if self.published is None and self.published_year is not None:
            out["published_year"] = self.published_year
            out["published_basis"] = self.published_basis
        if self.notes:
            out["notes"] = list(self.notes)
        if self.url:
            out["url"] = self.url
        return out


@dataclass(frozen=True)
class Mention:
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}


@dataclass
class Person:
    """One person inside one document, with every mention that was resolved to them."""

    id: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    kind: Literal["person", "organization"] = "person"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: m.span)],
        }


@dataclass(frozen=True)
class SaidOn:
    """When a statement was made, as a closed interval of ISO dates with the words it rests on."""

    start: str
    end: str
    precision: Precision
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision, "basis": self.basis}

    def shown(self) -> str:
        """The date as a reader should see it, no more precise than the article: "2024-06-12",
        "2021-03", "week of 2024-06-10", "2021", "2010s".

        ``start`` alone would print "in March 2021" as the false day "2021-03-01". A span that crosses
        its unit (a quarter has precision month; "2019 or 2020") shows both ends: "2016-07..2016-09".
        """
        if self.precision == "week":
            return f"week of {self.start[:10]}"
        if self.precision == "decade":
            return f"{self.start[:3]}0s"
        cut = 10 if self.precision == "day" else 4 if self.precision == "year" else 7
        first, last = self.start[:cut], (self.end or self.start)[:cut]
        return first if first == last else f"{first}..{last}"


@dataclass
class Speaker:
    """Who a statement is attributed to: the mention in the text and the person it resolves to."""

    text: str
    span: Span | None
    person: str | None = None
    named: bool = True
    description: str | None = None
    antecedent: Mention | None = None
    #: No person can be told from the text ("he" with no antecedent, a quote with no speaker at all):
    #: neither a named person nor an anonymous source, and never counted as one.
    unresolved: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "span": list(self.span) if self.span else None,
            "person": self.person,
            "named": self.named,
            "description": self.description,
        }
        if self.unresolved:
            out["unresolved"] = True
        if self.antecedent is not None:
            out["antecedent"] = self.antecedent.to_dict()
        return out


@dataclass
class Statement:
    """One attributed statement, pointing back to the characters it came from."""

    id: str
    kind: StatementKind
    content_spans: list[Span]
    content_text: str
    cue: Mention | None
    speaker: Speaker | None
    cue_class: CueClass = "speech"
    question: bool = False
    said_on: SaidOn | None = None
    confidence: float = 0.5
    rule: str = ""
    repeated_at: list[Span] = field(default_factory=list)
    # Token positions in the spaCy Doc, for the components that run after attribution; not output.
    cue_token: int | None = field(default=None, repr=False, compare=False)
    speaker_tokens: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.content_spans[0][0]

    @property
    def end(self) -> int:
        return self.content_spans[-1][1]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "cue_class": self.cue_class,
            "content": {"text": self.content_text, "spans": [list(s) for s in self.content_spans]},
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "question": self.question,
            "said_on": self.said_on.to_dict() if self.said_on else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }
        if self.repeated_at:
            out["repeated_at"] = [list(s) for s in self.repeated_at]
        return out


#: The kind of a reversal the article itself reports (``contradictions.reported``): no statement pair,
#: stored in its own table, listed before the pairs because it carries the article's own words.
REPORTED = "reported"


@dataclass
class Contradiction:
    """Two statements of one person that clash, or (kind "reported") a reversal the article reports.

    A reported reversal needs no statement pair: ``a`` and ``b`` are then None, ``speaker`` is the holder's
    person id when resolved, and ``evidence`` and ``reported`` say where the article says so.
    """

    a: str | None
    b: str | None
    speaker: str | None
    score: float
    kind: str
    explanation: str
    evidence: dict[str, Any] | None = None  # {"text", "span"}: the sentence that reports the reversal
    reported: dict[str, Any] | None = None  # {"holder", "cue", "earlier", "later"}, each text and span

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "a": self.a,
            "b": self.b,
            "speaker": self.speaker,
            "score": round(self.score, 3),
            "kind": self.kind,
            "explanation": self.explanation,
        }
        if self.evidence is not None:
            out["evidence"] = self.evidence
        if self.reported is not None:
            out["reported"] = self.reported
        return out


@dataclass
class Record:
    """Everything onrecord found in one document: the unit that every surface prints or stores."""

    document: Document
    people: list[Person] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "document": self.document.to_dict(),
            "people": [p.to_dict() for p in self.people],
            "statements": [s.to_dict() for s in self.statements],
            "contradictions": [c.to_dict() for c in self.contradictions],
        }
