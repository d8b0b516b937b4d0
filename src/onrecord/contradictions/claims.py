"""What a statement asserts about its own speaker, as polar claims a judge can hold against each other.

A statement like "he doesn't know and has never met Russian leader Vladimir Putin" holds two claims
whose subject is the speaker: know(-, Putin) and meet(-, Putin). Only claims about the speaker's own
doings are taken: what a person says about others is not something they can contradict themselves on
as plainly, and pairing those would flood the reader with weak candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.attribution.lexicon import RELATION_PREDICATES
from onrecord.contradictions.proposition import negation
from onrecord.model import Statement

_SELF_WORDS = {"i", "we", "me", "us", "my", "our"}
_PREDICATE_POS = {"VERB", "AUX", "ADJ"}
_EXPLAIN_WORDS = 14


@dataclass(frozen=True)
class Claim:
    """One predicate the speaker asserts of themselves, with its polarity and what it is about."""

    predicate: str
    negated: bool
    about: frozenset[str]
    relation: bool
    text: str


def _tokens_in(doc: Doc, stmt: Statement) -> list[Token]:
    toks: list[Token] = []
    for start, end in stmt.content_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            toks.extend(span)
    return toks


def _is_self(tok: Token, stmt: Statement) -> bool:
    if stmt.kind in {"direct", "mixed"} and tok.lower_ in _SELF_WORDS:
        return True
    speaker = stmt.speaker.person if stmt.speaker else None
    return speaker is not None and tok._.person == speaker


def _subject(pred: Token) -> Token | None:
    subj = next((c for c in pred.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None and pred.dep_ == "conj":
        return _subject(pred.head)
    return subj


def _negated(pred: Token) -> bool:
    """Negated as ``proposition.negation`` reads it: one negation list for every rule (issue 15)."""
    return negation(pred) is not None


def _about(pred: Token, subject: Token, speaker: str | None, inside: set[int]) -> set[str]:
    about: set[str] = set()
    for tok in pred.subtree:
        if tok.i not in inside or tok.i in {t.i for t in subject.subtree}:
            continue
        if tok._.person and tok._.person != speaker:
            about.add(tok._.person)
        elif tok.dep_ in {"dobj", "pobj", "attr"} and tok.pos_ in {"NOUN", "PROPN"}:
            about.add(tok.lemma_.lower())
    return about


def _explain(pred: Token, inside: set[int]) -> str:
    toks = [t for t in pred.subtree if t.i in inside]
    words = [t.text_with_ws for t in toks][:_EXPLAIN_WORDS]
    return "".join(words).strip(" ,.")


def claims(doc: Doc, stmt: Statement) -> list[Claim]:
    """Every polar claim of the statement whose subject is its speaker."""
    toks = _tokens_in(doc, stmt)
    inside = {t.i for t in toks}
    speaker = stmt.speaker.person if stmt.speaker else None
    out: list[Claim] = []
    for tok in toks:
        if tok.pos_ not in _PREDICATE_POS or tok.dep_ in {"aux", "auxpass", "amod"}:
            continue
        subject = _subject(tok)
        if subject is None or not _is_self(subject, stmt):
            continue
        about = _about(tok, subject, speaker, inside)
        objects = {c.lemma_.lower() for c in tok.children if c.dep_ in {"dobj", "attr", "prep"}}
        relation = (
            tok.lemma_.lower() in RELATION_PREDICATES
            or bool(objects & RELATION_PREDICATES)
            or bool(about & RELATION_PREDICATES)
        )
        if not about:
            continue
        out.append(
            Claim(tok.lemma_.lower(), _negated(tok), frozenset(about), relation, _explain(tok, inside))
        )
    return out
