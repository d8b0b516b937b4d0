"""Rule "learned": the clause or object under a word whose subject is a source, kept when a model says so.

PolNeAR annotates any content a source stands behind, and its cue words are a long tail ("reserved his
most eloquent passion for", "has in the back of his mind") that no word list reaches. This rule looks
at every word with a subject and a clause, object or prepositional object after it, describes the pair
by a few dozen features (the word, its dependency to the content, the preposition, what the subject
is, negation, passive, length, quotes) and keeps the content when a logistic model trained on
PolNeAR train gives it at least the model's threshold. It runs after every hand rule and never takes
text a hand rule already gave to a statement. The subject may be one the word lists do not know as a
source ("the memo", "critics": the model sees that), the noun a participle hangs on ("a statement
saying ..."), or, for a passive, its agent ("the plan was criticized by Ruiz", the subject then being
the content). In the speech-and-writing view the rule is stricter (``LearnedRule``).

The model is a small JSON file (feature weights, bias, threshold, provenance) written by ``onrecord
train attribution``. One trained on PolNeAR train ships in the package (``onrecord.nlp.DEFAULT_MODEL``)
and is on by default: it holds weights over feature names (lemmas, tags, dependency labels: general
English vocabulary), never article text, and the same command rebuilds it byte for byte from the
corpus. ``model=None`` (``--no-model``) leaves the rule out of the pipeline.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from onrecord.attribution.lexicon import CLAUSE_ONLY_CUES, CUE_VERBS
from onrecord.attribution.quotes import quoted_tokens
from onrecord.attribution.rules.base import (
    RELATIVE_PRONOUNS,
    Builder,
    Rule,
    can_speak,
    char_spans,
    counterfactual,
    document_issuer,
    issuing_verb,
    mention,
)
from onrecord.attribution.rules.boundaries import BoundaryModel
from onrecord.model import CueClass
from onrecord.spacy_doc import indices_with, tokens_with

FORMAT = "onrecord-learned-attribution/1"
#: Weights and bias are written rounded to this many decimals: the solver's last bits can differ with
#: the BLAS build or thread count, and a rounded file is what lets a fresh training run reproduce the
#: shipped one byte for byte. A probability moves by far less than the threshold grid's 0.05 step.
DECIMALS = 6
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "poss"}
_CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "attr", "acomp", "oprd"}
_OVERLAP = 0.3  # a candidate sharing more than this share of its characters with a statement is dropped


@dataclass(frozen=True)
class Candidate:
    """A word with a subject and what follows it: a possible attribution, described for the model."""

    cue: int  # token index of the word
    content: tuple[int, int]  # token range of the content
    speaker: tuple[int, int] | None  # token range of the subject
    features: dict[str, float]


def _subject(tok: Token) -> Token | None:
    found = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
    if found is None and tok.dep_ in {"xcomp", "conj", "advcl"} and tok.head.i != tok.i:
        return _subject(tok.head)
    return found


def _speaker_range(tok: Token, subject: Token) -> tuple[int, int]:
    """The subject phrase; for "who" in a relative clause, the noun the clause hangs on with it."""
    if subject.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl" and tok.head.i < subject.i:
        return tok.head.left_edge.i, subject.i + 1  # "voters who": the noun, through the pronoun
    return subject.left_edge.i, subject.right_edge.i + 1


class _Counts:
    """Running counts of quoted tokens and verbs, so that whether a content holds either is two
    subtractions: every verb of an article has candidates, and a content can be most of a sentence."""

    def __init__(self, doc: Doc) -> None:
        self.quoted = _running_count(quoted_tokens(doc), len(doc))
        self.verbs = _running_count(indices_with(doc, "POS", ("verb", "aux")), len(doc))

    def any_quoted(self, start: int, end: int) -> bool:
        return self.quoted[end] > self.quoted[start]

    def any_verb(self, start: int, end: int) -> bool:
        return self.verbs[end] > self.verbs[start]


def _running_count(indices: list[int], n: int) -> list[int]:
    """``out[k]``: how many of ``indices`` lie before token ``k`` (``k`` from 0 to ``n``)."""
    marks = [0] * (n + 1)
    for i in indices:
        marks[i + 1] = 1
    return list(itertools.accumulate(marks))


def candidates(doc: Doc, skip: Collection[int] = ()) -> Iterator[Candidate]:
    """Every (word, content) pair the model is asked about, in document order; none for the words in
    ``skip`` (cues a hand rule has already used, which the rule would drop anyway)."""
    counts = _Counts(doc)
    for tok in tokens_with(doc, "POS", ("verb", "aux", "noun")):
        if tok.i in skip or counts.any_quoted(tok.i, tok.i + 1):
            continue  # a used cue; "I" inside a quote is the quote's speaker's
        if any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children):
            yield from _passive(doc, tok)  # a passive's subject is not its source, but may be its content
            continue
        subject = _subject(tok)
        if subject is None:
            subject = _attached_subject(tok)
        if subject is None:
            continue
        speaks = can_speak(subject)
        if not speaks and not _may_speak(subject):
            continue
        speaker = _speaker_range(tok, subject)
        if tok.dep_ == "acl" and subject.i == tok.head.i:
            speaker = (subject.left_edge.i, subject.i + 1)  # "a statement saying": the noun, not its clause
        clause_only = tok.lemma_.lower() in CLAUSE_ONLY_CUES
        for child in tok.rights:
            prep = ""
            if child.dep_ == "prep":
                objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
                if not objects:
                    continue
                prep, head = child.lower_, objects[0]
            elif child.dep_ in _CONTENT_DEPS:
                head, objects = child, [child]
            else:
                continue
            if clause_only and child.dep_ != "ccomp":
                continue  # "repeated his famous line", "proclaimed a state of emergency": no statement
            # the subtree's own tokens: after the parser's non-projective arcs are restored,
            # ``right_edge`` can stop short of them
            indices = [t.i for o in objects for t in o.subtree]
            start, end = min(indices), max(indices) + 1
            feats = _features(tok, child, head, subject, prep, (start, end), counts)
            feats["subj_unknown"] = float(not speaks)
            feats["subj_attached"] = float(subject.i == tok.head.i or subject.i > tok.i)
            yield Candidate(tok.i, (start, end), speaker, feats)


def _may_speak(subject: Token) -> bool:
    """A subject the word lists do not know as a source but that may be one ("the memo", "critics",
    "it shows"): offered to the model, which sees that it is unknown (``subj_unknown``)."""
    return subject.pos_ in {"NOUN", "PROPN"} or subject.lower_ in {"it", "this", "that", "some", "many"}


def _attached_subject(tok: Token) -> Token | None:
    """The source of a verb with no subject of its own: the noun a participle hangs on ("a statement
    saying ..."; the board in "the board issued a statement saying ..." and in "a letter from the
    board saying ...") or the subject of the verb a prepositional gerund hangs on ("responded by
    saying")."""
    if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
        issuer = document_issuer(tok.head)  # "a letter from the council saying ...": the council
        if issuer is not None:
            return issuer
        issued = issuing_verb(tok.head)  # "The board issued a statement saying ...": the board
        return (_subject(issued) if issued is not None else None) or tok.head
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in {"VERB", "AUX"}:
        return _subject(tok.head.head)
    return None


def _passive(doc: Doc, tok: Token) -> Iterator[Candidate]:
    """A passive's subject as the content, its agent ("by ...") as the source, if any:
    "The plan was criticized by Democrats"."""
    if tok.pos_ != "VERB":
        return
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.i > tok.i:
        return
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    lemma = tok.lemma_.lower()
    feats = {
        f"p_lemma={lemma}": 1.0,
        "passive_subject": 1.0,
        f"p_agent={agent is not None}": 1.0,
        f"p_subj_pos={subj.pos_}": 1.0,
        f"cue_class={CUE_VERBS.get(lemma)}": 1.0,
        "length": min(end - start, 40) / 40,
        "has_verb": float(any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end])),
    }
    speaker = None if agent is None else (agent.left_edge.i, agent.right_edge.i + 1)
    yield Candidate(tok.i, (start, end), speaker, feats)


def _features(
    tok: Token,
    child: Token,
    head: Token,
    subject: Token,
    prep: str,
    content: tuple[int, int],
    counts: _Counts,
) -> dict[str, float]:
    lemma = tok.lemma_.lower()
    return {
        f"lemma={lemma}": 1.0,
        f"lemma_dep={lemma}_{child.dep_}{prep}": 1.0,
        f"pos={tok.pos_}": 1.0,
        f"tag={tok.tag_}": 1.0,
        f"dep={child.dep_}": 1.0,
        f"prep={prep}": 1.0,
        f"head_pos={head.pos_}": 1.0,
        f"subj_ent={subject.ent_type_ or 'none'}": 1.0,
        f"subj_pos={subject.pos_}": 1.0,
        "subj_pron": float(subject.pos_ == "PRON"),
        "subj_person": float(subject._.person is not None),
        f"cue_class={CUE_VERBS.get(lemma)}": 1.0,
        "neg": float(any(c.dep_ == "neg" for c in tok.children)),
        "passive": float(any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)),
        "length": min(content[1] - content[0], 40) / 40,
        "quoted": float(counts.any_quoted(*content)),
        "has_verb": float(counts.any_verb(*content)),
        "cue_in_quote": float(tok._.in_quote is not None),
    }


@dataclass
class ClauseModel:
    """Logistic weights over candidate features, and the probability from which a candidate is kept."""

    weights: dict[str, float]
    bias: float
    threshold: float
    trained_on: str = ""
    #: where the weights come from (data set and its citation, command, code and parser versions);
    #: written into the file so a model found on its own still says what it is
    provenance: dict[str, str] = field(default_factory=dict)
    #: the content-boundary model of the rule "boundaries" (``boundaries.py``), trained with it
    boundary: BoundaryModel | None = None

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def rounded(self) -> ClauseModel:
        """The model as it is written: weights and bias to ``DECIMALS``, weights that round to 0 left out."""
        weights = {k: round(w, DECIMALS) for k, w in sorted(self.weights.items())}
        return ClauseModel(
            weights={k: w for k, w in weights.items() if w != 0.0},
            bias=round(self.bias, DECIMALS),
            threshold=self.threshold,
            trained_on=self.trained_on,
            provenance=dict(self.provenance),
            boundary=None if self.boundary is None else _rounded_boundary(self.boundary),
        )

    def dumps(self) -> str:
        """The file's text: sorted keys, rounded numbers and no timestamp, so that the same training
        data and code give the same bytes."""
        model = self.rounded()
        payload = {
            "format": FORMAT,
            "trained_on": model.trained_on,
            "provenance": model.provenance,
            "threshold": model.threshold,
            "bias": model.bias,
            "weights": model.weights,
        }
        if model.boundary is not None:
            payload["boundary"] = {"bias": model.boundary.bias, "weights": model.boundary.weights}
        return json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> None:
        path.write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ClauseModel:
        """Read a model file; a missing or foreign file is a ValueError that says what to run."""
        try:
            payload = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise ValueError(
                f"{path}: not a readable attribution model ({err}); make one with "
                "`onrecord train attribution ../shared/data/polnear --out MODEL.json`"
            ) from None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise ValueError(f"{path}: not an onrecord attribution model (format {FORMAT!r} expected)")
        return cls(
            weights={str(k): float(v) for k, v in payload["weights"].items()},
            bias=float(payload["bias"]),
            threshold=float(payload["threshold"]),
            trained_on=str(payload.get("trained_on", "")),
            provenance={str(k): str(v) for k, v in payload.get("provenance", {}).items()},
            boundary=_boundary(payload.get("boundary")),
        )


def _boundary(payload: object) -> BoundaryModel | None:
    if not isinstance(payload, dict):
        return None  # a model file from before the boundary model: the hand rules' spans stand
    return BoundaryModel({str(k): float(v) for k, v in payload["weights"].items()}, float(payload["bias"]))


def _rounded_boundary(model: BoundaryModel) -> BoundaryModel:
    weights = {k: round(w, DECIMALS) for k, w in sorted(model.weights.items())}
    return BoundaryModel({k: w for k, w in weights.items() if w != 0.0}, round(model.bias, DECIMALS))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(min(end, b) - max(start, a) > _OVERLAP * (end - start) for a, b in taken)


#: The least probability a candidate needs in the speech-and-writing view (``LearnedRule.strict``).
STRICT_THRESHOLD = 0.5


class LearnedRule:
    """The rule itself: ``rule(doc, builder)`` like the hand rules, with its model loaded once.

    ``strict`` is for a pipeline that keeps speech and writing only (the default view, a statement
    ledger): the model's threshold is chosen on PolNeAR, which annotates every content a source
    stands behind, and there it keeps far more than a reader of everyday news counts as a statement.
    Strict, a candidate needs at least ``STRICT_THRESHOLD`` and a passive needs a named agent ("the
    plan was criticized by Ruiz", not "job cuts were announced")."""

    def __init__(self, model: ClauseModel, strict: bool = False) -> None:
        self.model = model
        self.strict = strict
        self.threshold = max(model.threshold, STRICT_THRESHOLD) if strict else model.threshold

    def __call__(self, doc: Doc, b: Builder) -> None:
        taken = [span for stmt in b.out for span in stmt.content_spans]
        for cand in candidates(doc, b.used_cues):
            # checked again: a word's later candidates come after its first one was kept
            if cand.cue in b.used_cues or self.model.probability(cand.features) < self.threshold:
                continue
            if (self.strict and cand.speaker is None) or counterfactual(doc[cand.cue]):
                continue
            spans = char_spans(doc, range(*cand.content))
            if not spans or _overlaps((spans[0][0], spans[-1][1]), taken):
                continue
            cue = doc[cand.cue]
            cls: CueClass = CUE_VERBS.get(cue.lemma_.lower()) or "other"
            stmt = b.add(
                "indirect",
                spans,
                mention(doc, cand.cue, cand.cue + 1),
                cand.cue,
                cand.speaker,
                cls,
            )
            if stmt is not None:
                taken.extend(stmt.content_spans)


def learned_rule(model: ClauseModel, strict: bool = False) -> Rule:
    """The learned rule as the pipeline runs it: named "learned", with its confidence (``strict``: see
    ``LearnedRule``)."""
    return Rule("learned", 0.4, LearnedRule(model, strict))
