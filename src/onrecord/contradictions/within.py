"""Contradictions inside one article: the same person, at different times, saying the opposite.

Two statements clash when they were made at times that do not overlap, by the same person, and hold
one proposition with opposite polarity (``proposition.relate``, the rule the judge and the ledger
pairing use): the same predicate frame, of the speaker, about a shared argument or a person the article
resolved ("we will never sell the park" / "the park must be sold"; "I will support the toll" / "I
oppose the toll"). A negation that only rewords a position ("refuses to close" / "keeps open") agrees.
The one family the frames do not hold is acquaintance ("has never met Putin" / "I do have a
relationship" with him): denying one of its predicates and asserting another about the same person
clashes, a little less surely.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.contradictions import proposition
from onrecord.contradictions.backends import registry
from onrecord.contradictions.backends.registry import Backend
from onrecord.contradictions.claims import Claim, claims
from onrecord.model import Contradiction, Statement

SAME_PREDICATE = 0.9
SAME_FAMILY = 0.75


def _disjoint(a: Statement, b: Statement) -> bool:
    if a.said_on is None or b.said_on is None:
        return False
    return a.said_on.end < b.said_on.start or b.said_on.end < a.said_on.start


def claim_clash(ca: Claim, cb: Claim) -> float:
    """How strongly two claims clash (0 when not): public because the ledger pairing applies the
    same rule across articles (``ledger_pairs.ClaimRule``)."""
    people = ca.people & cb.people
    related = proposition.relate(ca.proposition, cb.proposition, strict=True, about=people)
    if any(r.clash for r in related):
        return SAME_PREDICATE
    if ca.negated != cb.negated and ca.relation and cb.relation and people:
        return SAME_FAMILY
    return 0.0


_SHOWN = {"day": 10, "week": 10, "month": 7, "season": 7, "year": 4, "decade": 3}


def when(stmt: Statement) -> str:
    """A statement's date at the precision it is known ("2013", "2016-07-27")."""
    if stmt.said_on is None:
        return "undated"
    cut = _SHOWN[stmt.said_on.precision]
    return stmt.said_on.start[:cut] + ("0s" if stmt.said_on.precision == "decade" else "")


def quote(stmt: Statement, claim: Claim) -> str:
    """A claim as shown in an explanation: its date, and its words quoted when the statement is."""
    text = claim.text if stmt.kind == "indirect" else f"'{claim.text}'"
    return f"{when(stmt)}: {text}"


def find(doc: Doc, statements: list[Statement]) -> list[Contradiction]:
    """Every clashing pair of statements, the later statement first."""
    by_speaker: dict[str, list[tuple[Statement, list[Claim]]]] = {}
    for stmt in statements:
        if stmt.question or stmt.speaker is None or stmt.speaker.person is None or stmt.said_on is None:
            continue
        found = claims(doc, stmt)
        if found:
            by_speaker.setdefault(stmt.speaker.person, []).append((stmt, found))
    out: list[Contradiction] = []
    for person, items in by_speaker.items():
        for (a, ca), (b, cb) in combinations(items, 2):
            if not _disjoint(a, b):
                continue
            best = max(((claim_clash(x, y), x, y) for x in ca for y in cb), key=lambda t: t[0])
            if best[0] <= 0:
                continue
            score, xa, yb = best
            later, earlier, c_late, c_early = (
                (a, b, xa, yb) if a.said_on.start > b.said_on.start else (b, a, yb, xa)
            )  # type: ignore[union-attr]
            kind = "negation" if xa.predicate == yb.predicate else "polarity"
            why = f"{quote(later, c_late)}; {quote(earlier, c_early)}"
            out.append(Contradiction(later.id, earlier.id, person, score, kind, why))
    out.sort(key=lambda c: -c.score)
    return out


@Language.factory(
    "onrecord_contradictions",
    default_config={"judge": "rules", "model_dir": None, "llm_url": None, "llm_model": None, "top_n": None},
)
def make_contradictions(
    nlp: Language,
    name: str,
    judge: str,
    model_dir: str | None,
    llm_url: str | None,
    llm_model: str | None,
    top_n: int | None,
) -> Callable[[Doc], Doc]:
    """Pair the document's own statements that contradict each other; a model back-end of the judge
    registry (``judge``: ``llm`` or ``nli``, see ``backends.registry``) gives its second opinion on the
    pairs the rule found. The back-end is made on the first document, so a pipeline that never reads
    one never needs the model."""
    config = {"judge": judge, "model_dir": model_dir, "llm_url": llm_url, "llm_model": llm_model}
    backend: list[Backend] = []

    def component(doc: Doc) -> Doc:
        found = find(doc, doc._.statements or [])
        if judge != "rules" and found:
            if not backend:
                backend.append(registry.from_config({**config, "top_n": top_n}))
            texts = {s.id: s.content_text for s in doc._.statements or []}
            found = backend[0].second_opinion(found, lambda c: (texts[c.b], texts[c.a]))
        doc._.contradictions = found
        return doc

    return component
