"""Rule "boundaries": where a reported content starts and ends, chosen by a model among candidate spans.

The clause rules take a content as a parse subtree ("reported": the clause under the cue; "object":
the object and its complement). On the held-out fifth of PolNeAR train half of those subtrees have
an edge in the wrong place: the parser hangs a trailing remark on the clause (", a feeling that cuts
across ideology", "— about six hours away"), stops the clause at a comma that PolNeAR's annotators
read through, or leaves out the complementizer that the annotators keep ("that the bridge ...").
There, boundary errors on matched statements cost more character F1 than all the false statements
together.

So for each such statement the rule offers a few spans that differ only in their edges: the subtree
itself, the subtree cut at its first or last inner punctuation mark, the rest of the sentence, and the
span from just after the cue. Each is described by general features (which kind of span it is, the
part of speech and dependency label at each edge, the punctuation or function word just past the end,
whether the part given up or taken holds a verb or a quotation), and a logistic model trained on
PolNeAR train (``onrecord train attribution``) keeps the likeliest. The weights ride in the learned
attribution model file, so the rule runs exactly when the learned rule does; it runs before it, so
that the learned rule sees the corrected spans. It makes no statement and changes no speaker or cue.

A visible consequence: with the shipped model a content right after its cue often keeps its
complementizer ("that the bridge will open in May"), which the hand rules alone leave out
(``base.clause_tokens``); offering only spans that move the end cost F1 on the held-out fifth
(docs/BENCHMARKS.md, "Learned content boundaries").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from onrecord.attribution.rules.base import (
    Builder,
    Rule,
    char_spans,
    contrasted,
    span_text,
    without_other_source,
)
from onrecord.model import Statement

#: The rules whose contents are a subtree after their cue, the ones this rule re-bounds.
REBOUNDED = frozenset({"reported", "object"})
#: Marks at which a subtree may be cut.
_CUTS = frozenset({",", ";", ":", "—", "–", "--", "-", "(", ")"})
#: How far after its cue a content may start for the "from the cue" span ("told reporters that").
_FROM_CUE_GAP = 6
_TAIL_CUES = frozenset({"say", "tell", "add"})


@dataclass(frozen=True)
class Span:
    """A candidate content: its kind and token range."""

    kind: str
    start: int
    end: int


#: Dependencies of a cue in a clause that ends before its sentence does.
_SUBORDINATE = frozenset({"advcl", "relcl", "acl"})


def spans(
    doc: Doc,
    cue: int,
    start: int,
    end: int,
    others: Collection[int] = (),
    speaker: tuple[int, int] | None = None,
) -> list[Span]:
    """The candidate contents for a content ``start..end`` after the cue token ``cue``, in order.

    ``others`` are the cue tokens of other statements (``other_cues``): no span holds one that the
    rule's own subtree does not ("describing her son as brave before describing the fight": the
    second report is a statement of its own, which the first would swallow). Someone else's words
    inside may stay: in "explaining how he couldn't have been there, because she described him as
    ...", her description is part of what he explained. No span starting at the cue takes in a
    ``speaker`` between it and the content ("it was suggested by some analysts that ...")."""
    sent = doc[cue].sent
    out = {Span("subtree", start, end)}
    last = sent.end
    if doc[cue].dep_ in _SUBORDINATE:  # "After he said the bridge was safe, Rebane closed it": the
        last = min(last, doc[cue].right_edge.i + 1)  # sentence's main clause is not what he said
    for clause in (c for c in doc[cue].children if c.dep_ == "advcl" and c.left_edge.i >= end):
        # "announced the tour while closing out their concert": when and how the cue's words were
        # said, not what they said; never a clause the parser took for one ("said two bidders
        # remained, but that neither had agreed")
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if (marks and "that" not in marks) or (not marks and clause.tag_ == "VBG"):
            last = min(last, clause.left_edge.i)
    while last > end and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    if last > end:
        out.add(Span("to_sent_end", start, last))
    # a mark inside a quotation is the speaker's own punctuation: cutting there would leave half a quote
    cuts = [i for i in range(start + 1, end) if doc[i].text in _CUTS and doc[i]._.in_quote is None]
    first_cut = cuts[0] if cuts else None
    if first_cut is not None:
        out.add(Span("cut_first_punct", start, first_cut))
    last_cut = cuts[-1] if cuts else None
    if last_cut is not None:
        out.add(Span("cut_last_punct", start, last_cut))
    begin = cue + 1
    for listener in _listeners(doc[cue], start):  # "told the board that ...": told to, not told
        begin = max(begin, listener.right_edge.i + 1)
    while begin < start and doc[begin].ent_type_ in {"DATE", "TIME"}:
        begin += 1  # "said Monday that ...": the day dates the saying
    if speaker is not None and cue < speaker[0] < start:
        begin = max(begin, speaker[1])
    if begin < start < cue + _FROM_CUE_GAP:
        out.add(Span("from_cue", begin, end))
    outside = [i for i in others if not start <= i < end]
    out = {o for o in out if not any(o.start <= i < o.end for i in outside)}
    return sorted(out, key=lambda s: (s.start, s.end, s.kind))


def _listeners(cue: Token, start: int) -> list[Token]:
    """Whom the cue's words are told to, between it and its content: "told the board that",
    "assured the bank that", "said to reporters that". Never part of what was said."""
    return [
        c
        for c in cue.children
        if c.i < start and (c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ == "to"))
    ]


def other_cues(doc: Doc, statements: Sequence[Statement], stmt: Statement) -> set[int]:
    """The cues of the other statements a span past the rule's own subtree must not take in: the same
    speaker's ("describing her son as brave before describing the fight") and another speaker's set
    beside this one ("the toll would stay, but Tamm insisted it would go"). Another's given as a reason
    may stay ("... at the pier, because his doctor said he was ill")."""
    found = set()
    for other in statements:
        cue = other.cue_token
        if cue is None or cue == stmt.cue_token:
            continue
        same = stmt.speaker_tokens is not None and other.speaker_tokens == stmt.speaker_tokens
        if same or doc[cue].dep_ == "conj" or contrasted(doc[cue]):
            found.add(cue)
    return found


def features(doc: Doc, cue: int, span: Span, start: int, end: int, rule: str) -> dict[str, float]:
    """What the model sees of one candidate span of the content ``start..end``: part-of-speech tags,
    dependency labels, punctuation and function words only (no content word is a feature)."""
    f = {
        f"v={span.kind}": 1.0,
        f"v_dep={span.kind}_{doc[cue].dep_}": 1.0,
        f"rule={rule}": 1.0,
        f"last={doc[span.end - 1].pos_}": 1.0,
        f"first={doc[span.start].pos_}_{doc[span.start].dep_}": 1.0,
        "len": min(span.end - span.start, 60) / 60,
        "delta": max(-30, min(30, (span.end - span.start) - (end - start))) / 30,
    }
    if span.end < len(doc):
        after = doc[span.end]
        f[f"after={after.text if after.is_punct else after.pos_}"] = 1.0
        f[f"after_dep={after.dep_}"] = 1.0
        if after.is_stop or after.is_punct:
            f[f"after_lemma={after.lemma_.lower()}"] = 1.0
        if span.end + 1 < len(doc):
            nxt = doc[span.end + 1]
            f[f"next={nxt.pos_}_{nxt.dep_}"] = 1.0
            if nxt.is_stop:
                f[f"next_lemma={nxt.lemma_.lower()}"] = 1.0
    changed = doc[min(span.end, end) : max(span.end, end)]
    f["tail_verb"] = float(any(t.pos_ in {"VERB", "AUX"} for t in changed))
    f["tail_quote"] = float(any(t._.in_quote is not None for t in changed))
    f["tail_said"] = float(any(t.lemma_ in _TAIL_CUES for t in changed))
    return {k: v for k, v in f.items() if v}


def token_range(doc: Doc, stmt: Statement) -> tuple[int, int] | None:
    """The token range of a statement this rule may re-bound: one span, after its cue, from a
    subtree rule."""
    if stmt.rule not in REBOUNDED or stmt.cue_token is None or len(stmt.content_spans) != 1:
        return None
    start, end = stmt.content_spans[0]
    found = doc.char_span(start, end, alignment_mode="expand")
    if found is None or found.start <= stmt.cue_token:
        return None
    return found.start, found.end


@dataclass
class BoundaryModel:
    """Logistic weights over candidate-span features; the likeliest candidate is kept."""

    weights: dict[str, float]
    bias: float = 0.0

    def score(self, feats: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feats.items())

    def choose(self, doc: Doc, stmt: Statement, start: int, end: int, others: Collection[int] = ()) -> Span:
        """The likeliest candidate; ties keep the earliest in ``spans`` order, so the result is stable."""
        options = spans(doc, stmt.cue_token or 0, start, end, others, stmt.speaker_tokens)
        scored = [
            (self.score(features(doc, stmt.cue_token or 0, s, start, end, stmt.rule)), s) for s in options
        ]
        return max(scored, key=lambda pair: pair[0])[1]


def rebound(doc: Doc, statements: Sequence[Statement], model: BoundaryModel) -> list[Statement]:
    """The statements with the contents the model prefers (the others unchanged, in order)."""
    out: list[Statement] = []
    for stmt in statements:
        found = token_range(doc, stmt)
        if found is not None:
            best = model.choose(doc, stmt, *found, other_cues(doc, statements, stmt))
            if (best.start, best.end) != found:
                new = char_spans(doc, range(best.start, best.end))
                if new:
                    new = without_other_source(doc, new)
                    stmt = replace(stmt, content_spans=new, content_text=span_text(doc, new))
        out.append(stmt)
    return out


class BoundaryRule:
    """``rule(doc, builder)``: re-bound the statements the hand rules made so far."""

    def __init__(self, model: BoundaryModel) -> None:
        self.model = model

    def __call__(self, doc: Doc, b: Builder) -> None:
        b.out = rebound(doc, b.out, self.model)


def boundary_rule(model: BoundaryModel) -> Rule:
    """The boundary rule as the pipeline runs it: named "boundaries"; it makes no statement."""
    return Rule("boundaries", 0.0, BoundaryRule(model))
