"""What else the learned attribution rule could learn from, measured as training measures it.

Each variant changes the learned rule's candidates or features, or its classifier, and goes through
the procedure of ``onrecord train attribution`` (``evaluation/training.py``): fit on four fifths of
PolNeAR train, score the hand rules plus the learned rule on the held-out fifth at every threshold of
the grid, choose the threshold with the best F1 of attributions with the right speaker (``strict_f1``).
The articles are read once and shared by the variants. Nothing here touches dev.

    python bench/learned_variants.py ../shared/data/polnear/train            # every variant
    python bench/learned_variants.py ../shared/data/polnear/train base tensor  # some of them

Variants: ``base`` (the shipped rule); ``clause`` (the content's first word when it marks a clause:
"that", "to", "whether", ...; a one-word pronoun content; the pronoun subject's own word; the
subject's dependency label); ``raising`` (an extra candidate for "X is expected to Y", "X seems to Y":
the subject with the verb's complement as content, no speaker); ``tensor`` (the parser's contextual
vector, 96 numbers each, of the cue, the content's head and the subject); ``trees`` (gradient-boosted
trees, scikit-learn's HistGradientBoostingClassifier, over the base features seen at least 5 times, in
place of the logistic regression); ``meaning`` (the cluster of the cue verb's MiniLM embedding, shared
with verbs of like meaning; needs the ``embed`` extra too); ``reg0.3``, ``reg3`` (the logistic regression's
inverse regularisation strength C, 1.0 in training); ``overlap0.4``, ``overlap0.3`` (a candidate is
labelled right when its content and a gold content share more than 40 % or 30 % of each, not 50 %:
the scorer counts a match from content F1 0.3). Needs the ``learn`` extra. Prints one line
per threshold and one per variant with the chosen threshold and the combined figure ``strict_f1`` (a
match counts only when its speaker is right too).
"""

from __future__ import annotations

import functools
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import CUE_VERBS
from onrecord.attribution.rules import learned
from onrecord.evaluation import training
from onrecord.evaluation.polnear import read_split

_CLAUSE_WORDS = {"that", "to", "whether", "how", "what", "if", "why", "who", "when", "where"}
_base_features = learned._features
_base_candidates = learned.candidates


def _clause_features(
    tok: Token, child: Token, head: Token, subject: Token, prep: str, content: Span
) -> dict[str, float]:
    feats = _base_features(tok, child, head, subject, prep, content)
    first = content[0].lower_
    feats[f"first={first if first in _CLAUSE_WORDS else 'other'}"] = 1.0
    feats["tiny"] = float(len(content) == 1 and content[0].pos_ in {"PRON", "DET", "ADV"})
    if subject.pos_ == "PRON":
        feats[f"subj_word={subject.lower_}"] = 1.0
    feats[f"subj_dep={subject.dep_}"] = 1.0
    return feats


def _tensor_features(
    tok: Token, child: Token, head: Token, subject: Token, prep: str, content: Span
) -> dict[str, float]:
    feats = _base_features(tok, child, head, subject, prep, content)
    for name, t in (("c", tok), ("h", head), ("s", subject)):
        for i, value in enumerate(tok.doc.tensor[t.i]):
            feats[f"{name}{i}"] = float(value)
    return feats


def _raising(tok: Token) -> learned.Candidate | None:
    if tok.pos_ not in {"VERB", "AUX"} or tok._.in_quote is not None:
        return None
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    comp = next((c for c in tok.rights if c.dep_ == "xcomp"), None)
    if subj is None or comp is None or subj.i > tok.i:
        return None
    if not any(t.pos_ in {"VERB", "AUX"} for t in comp.subtree):
        return None
    start, end = subj.left_edge.i, comp.right_edge.i + 1
    lemma = tok.lemma_.lower()
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
    feats = {
        f"r_lemma={lemma}": 1.0,
        "raising": 1.0,
        f"r_passive={passive}": 1.0,
        f"r_subj_pos={subj.pos_}": 1.0,
        f"cue_class={CUE_VERBS.get(lemma)}": 1.0,
        "length": min(end - start, 40) / 40,
        "neg": float(any(c.dep_ == "neg" for c in tok.children)),
    }
    return learned.Candidate(tok.i, (start, end), None, feats)


def _raising_candidates(doc: Doc) -> Iterator[learned.Candidate]:
    """The base candidates, each cue's raising candidate first (it competes for the same text)."""
    extra = {tok.i: found for tok in doc if (found := _raising(tok)) is not None}
    for cand in _base_candidates(doc):
        if cand.cue in extra:
            yield extra.pop(cand.cue)
        yield cand
    yield from extra.values()


def _relabel(base: list[training._Read], cands: Callable[[Doc], Iterator[learned.Candidate]]) -> list:
    out = []
    for r in base:
        with training._as_the_rule_reads(r) as doc:
            found, gold = list(cands(doc)), training._golds(r.article.attributions)
            labels = [training._label(doc, c, gold) for c in found]
        out.append(training._Read(r.article, r.doc, r.record, found, labels, r.persons))
    return out


class _Trees(learned.ClauseModel):
    """A ClauseModel whose probabilities come from boosted trees, each candidate's computed once."""

    def __init__(self, probability: Callable[[dict[str, float]], float], threshold: float) -> None:
        super().__init__({}, 0.0, threshold)
        self._probability = probability

    def probability(self, features: dict[str, float]) -> float:
        return self._probability(features)


def _trees(fit_on: Sequence[training._Read]) -> training.ModelAt:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    feats = [c.features for r in fit_on for c in r.cands]
    counts = Counter(k for f in feats for k in f)
    keep = {k for k, n in counts.items() if n >= 5}
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([{k: v for k, v in f.items() if k in keep} for f in feats]).astype(np.float32)
    labels = [y for r in fit_on for y in r.labels]
    clf = HistGradientBoostingClassifier(max_iter=300, early_stopping=False, random_state=0).fit(x, labels)
    cache: dict[frozenset[tuple[str, float]], float] = {}

    def probability(features: dict[str, float]) -> float:
        key = frozenset(features.items())
        if key not in cache:
            row = vec.transform([{k: v for k, v in features.items() if k in keep}]).astype(np.float32)
            cache[key] = float(clf.predict_proba(row)[0, 1])
        return cache[key]

    return lambda threshold: _Trees(probability, threshold)


def _meaning_features(base: list[training._Read], k: int = 64) -> Callable[..., dict[str, float]]:
    """Features that share a cue verb's meaning with similar verbs: the k-means cluster (k=64) of the
    MiniLM embedding of its lemma ("boast", "brag" together), over every candidate cue lemma of the
    articles read (no labels are used to make the clusters). Needs the ``embed`` extra."""
    import numpy as np
    from sklearn.cluster import KMeans

    from onrecord.contradictions.backends.embed import minilm

    lemmas = sorted({r.doc[c.cue].lemma_.lower() for r in base for c in _base_candidates(r.doc)})
    vectors = np.array(minilm()(lemmas))
    labels = KMeans(n_clusters=k, random_state=0, n_init=4).fit(vectors).labels_.tolist()
    cluster = dict(zip(lemmas, labels, strict=True))

    def features(
        tok: Token, child: Token, head: Token, subject: Token, prep: str, content: Span
    ) -> dict[str, float]:
        feats = _base_features(tok, child, head, subject, prep, content)
        found = cluster.get(tok.lemma_.lower())
        if found is not None:
            feats[f"meaning={found}"] = 1.0
            feats[f"meaning_dep={found}_{child.dep_}{prep}"] = 1.0
        return feats

    return features


def _fit_with_c(c: float) -> Callable[..., learned.ClauseModel]:
    """Training's fit (``training._fit``) with the regression's C set."""

    def fit(reads: Sequence[training._Read], threshold: float, name: str) -> learned.ClauseModel:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = DictVectorizer()
        x = vec.fit_transform([c.features for r in reads for c in r.cands])
        fitted = LogisticRegression(max_iter=3000, C=c).fit(x, [y for r in reads for y in r.labels])
        weights = {f: float(w) for f, w in zip(vec.feature_names_, fitted.coef_[0], strict=True) if w != 0.0}
        return learned.ClauseModel(weights, float(fitted.intercept_[0]), threshold, trained_on=name)

    return fit


def run(name: str, base: list[training._Read]) -> None:
    started = time.perf_counter()
    # the rule makes its candidates again when it is scored, so the variant stays in place until the end
    variants = {"clause": _clause_features, "tensor": _tensor_features}
    if name == "meaning":
        variants["meaning"] = _meaning_features(base)
    learned._features = variants.get(name, _base_features)
    learned.candidates = _raising_candidates if name == "raising" else _base_candidates
    label, fit = training._label, training._fit
    if name.startswith("overlap"):
        training._label = functools.partial(label, share=float(name.removeprefix("overlap")))
    if name.startswith("reg"):
        training._fit = _fit_with_c(float(name.removeprefix("reg")))
    try:
        _run(name, base, started)
    finally:
        learned._features, learned.candidates = _base_features, _base_candidates
        training._label, training._fit = label, fit


def _run(name: str, base: list[training._Read], started: float) -> None:
    reads = _relabel(base, learned.candidates)
    fit = _trees if name == "trees" else lambda fit_on: training._fitted_at(fit_on, name)
    rules_only, figures = training.sweep(reads, fit)
    print(f"{name:8} hand rules alone: {rules_only}", flush=True)
    for threshold, fig in figures.items():
        print(
            f"{name:8} {threshold:.2f}  F1 {fig['f1']:.4f}  P {fig['precision']:.4f}  R {fig['recall']:.4f}  "
            f"speaker {fig['speaker_accuracy']:.4f}  char F1 {fig['char_f1']:.4f}  "
            f"strict F1 {fig['strict_f1']:.4f}",
            flush=True,
        )
    chosen = training.choose_threshold(figures)  # as `onrecord train attribution`
    fig = figures[chosen]
    print(
        f"{name:8} CHOSEN {chosen:.2f}: F1 {fig['f1']:.4f}, speaker {fig['speaker_accuracy']:.4f}, char F1 "
        f"{fig['char_f1']:.4f}, strict F1 {fig['strict_f1']:.4f}; {sum(len(r.cands) for r in reads)} "
        f"candidates, {sum(sum(r.labels) for r in reads)} positive; "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit(__doc__)
    names = argv[1:] or ["base", "clause", "raising", "tensor", "trees", "meaning"]
    base = training._read(read_split(Path(argv[0])), None)
    for name in names:
        run(name, base)


if __name__ == "__main__":
    main(sys.argv[1:])
