"""What a statement asserts about its own speaker, as polar claims a judge can hold against each other.

A statement like "he doesn't know and has never met Russian leader Vladimir Putin" holds two claims
whose holder is the speaker: know(-, Putin) and meet(-, Putin). Each claim is a proposition of the one
reading (``proposition.read``: predicate frame, arguments, polarity after negations, "refuse to" and a
denying cue) with what only the article knows added: the people it resolved under the predicate
("[with Putin]", "him"). Only claims about the speaker's own doings are taken, and passives without a
doer ("the park must be sold"), which may be the speaker's: what a person says about others is not
something they can contradict themselves on as plainly, and pairing those would flood the reader with
weak candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import RELATION_PREDICATES
from onrecord.contradictions import proposition
from onrecord.model import Statement

_SELF_WORDS = {"i", "we", "me", "us", "my", "our"}
_EXPLAIN_WORDS = 14


@dataclass(frozen=True)
class Claim:
    """One proposition the speaker holds of themselves, with the people and things it is about.

    ``people`` are person ids (the article's "p2", or the ledger's "#7" once ``ledger_pairs`` maps
    them), ``things`` noun lemmas; ``relation`` marks the family of acquaintance predicates ("know",
    "meet", "have a relationship"), where denying one and asserting another clash.
    """

    proposition: proposition.Proposition
    people: frozenset[str]
    things: frozenset[str]
    relation: bool
    text: str

    @property
    def predicate(self) -> str:
        """The predicate's head lemma ("have" for "have relationship")."""
        return self.proposition.key.split()[0]

    @property
    def negated(self) -> bool:
        """Whether the speaker says the predicate does not hold."""
        return self.proposition.negated

    @property
    def about(self) -> frozenset[str]:
        """Everything the claim is about, people and things."""
        return self.people | self.things


def content(doc: Doc, stmt: Statement) -> list[Span]:
    """The statement's content as spans cut at sentence ends: the reader walks one sentence's parse
    from its root, and a content span may run over two sentences."""
    out: list[Span] = []
    for start, end in stmt.content_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for sent in span.sents:  # each sentence the span touches (``Token.sent`` is costly per token)
            lo, hi = max(sent.start, span.start), min(sent.end, span.end)
            if hi > lo:
                out.append(doc[lo:hi])
    return sorted(out, key=lambda s: s.start)


def reading(doc: Doc, stmt: Statement, spans: list[Span] | None = None) -> proposition.Reading:
    """The statement read once (``proposition.read``), turned when its cue denies it; ``spans``: its
    ``content`` when the caller has it already."""
    spans = content(doc, stmt) if spans is None else spans
    props = tuple(p for span in spans for p in proposition.read(span).propositions)
    found = proposition.Reading(" ".join(s.text for s in spans), props)
    return proposition.turned(found) if proposition.denial(stmt.cue.text if stmt.cue else None) else found


def _is_self(tok: Token, stmt: Statement) -> bool:
    if stmt.kind in {"direct", "mixed"} and tok.lower_ in _SELF_WORDS:
        return True
    speaker = stmt.speaker.person if stmt.speaker else None
    return speaker is not None and tok._.person == speaker


def _subject(pred: Token) -> Token | None:
    """The predicate's subject, or that of the verb it hangs from ("has never met" in "doesn't know
    and has never met"; "sell" in "we refuse to sell")."""
    subj = next((c for c in pred.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None and pred.dep_ in {"conj", "xcomp"} and pred.head != pred:
        return _subject(pred.head)
    return subj


def _people(pred: Token, subject: Token | None, speaker: str | None, inside: set[int]) -> set[str]:
    skip = {t.i for t in subject.subtree} if subject is not None and subject.dep_ == "nsubj" else set()
    return {
        tok._.person
        for tok in pred.subtree
        if tok.i in inside and tok.i not in skip and tok._.person and tok._.person != speaker
    }


def _things(pred: Token, prop: proposition.Proposition, inside: set[int]) -> set[str]:
    nouns = {
        tok.lemma_.lower()
        for tok in pred.subtree
        if tok.i in inside and tok.dep_ in {"dobj", "pobj", "attr"} and tok.pos_ in {"NOUN", "PROPN"}
    }
    return nouns | {a.head for a in prop.arguments}


def _explain(pred: Token, inside: set[int]) -> str:
    toks = [t for t in pred.subtree if t.i in inside]
    words = [t.text_with_ws for t in toks][:_EXPLAIN_WORDS]
    return "".join(words).strip(" ,.")


def claims(doc: Doc, stmt: Statement) -> list[Claim]:
    """Every claim of the statement held by its speaker (or by no one named: a bare passive)."""
    spans = content(doc, stmt)
    inside = {i for span in spans for i in range(span.start, span.end)}
    speaker = stmt.speaker.person if stmt.speaker else None
    out: list[Claim] = []
    for prop in reading(doc, stmt, spans).propositions:
        if prop.token is None or prop.token not in inside:
            continue
        pred = doc[prop.token]
        subject = _subject(pred)
        if prop.holder != "?" and (subject is None or not _is_self(subject, stmt)):
            continue
        people = _people(pred, subject, speaker, inside)
        things = _things(pred, prop, inside)
        if not people and not things:
            continue
        words = set(prop.key.split()) | {c.lemma_.lower() for c in pred.children if c.dep_ == "prep"}
        relation = bool((words | things) & RELATION_PREDICATES)
        out.append(Claim(prop, frozenset(people), frozenset(things), relation, _explain(pred, inside)))
    return out
