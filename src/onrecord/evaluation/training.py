"""Train the learned attribution rule on a PolNeAR split (train, never dev).

Every article is read by the hand rules; each candidate of ``attribution.rules.learned`` is labelled
1 when it covers more than half of a gold content, more than half of it is gold content and its
speaker is that gold's source. A logistic
regression (scikit-learn, the ``learn`` extra) is fitted on four fifths of the articles and scored on
the fifth left out, five times over (``sweep``); the threshold is the one that finds the most
attributions with the right speaker over the five (the best mean F1 at coverage > 0.3 counting a
match only when its speaker is right too, ``strict_f1``), scored exactly as ``onrecord eval
attribution`` scores (the hand rules' statements plus the learned ones). The model is then refitted
on every article and written with that threshold. Nothing of the corpus is stored
but feature weights.

Training is deterministic so that the model shipped in ``onrecord/data`` can be checked against a fresh
run: articles in sorted order, the folds chosen by position, scikit-learn's lbfgs solver (no
random state involved), features in sorted order, numbers rounded on writing and no timestamp; the
provenance names the data, the command and the code and parser versions instead of a date.

CLI: ``onrecord train attribution ../shared/data/polnear --out model.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from onrecord.attribution.headlines import HEADLINE_KEY
from onrecord.attribution.rules.base import Builder
from onrecord.attribution.rules.boundaries import BoundaryModel, features, rebound, spans, token_range
from onrecord.attribution.rules.headline import HEADLINE, headline_rule
from onrecord.attribution.rules.learned import Candidate, ClauseModel, candidates, learned_rule
from onrecord.evaluation.polnear import (
    GoldAttribution,
    PolnearArticle,
    PolnearScore,
    documents,
    predictions_from_record,
    read_split,
    score_article,
)
from onrecord.model import ALL_CUE_CLASSES, Record

#: The thresholds tried on the held-out folds. Candidates are labelled with their speaker (``_label``),
#: which leaves fewer positives and lower probabilities, so the grid starts at 0.15.
THRESHOLDS: tuple[float, ...] = tuple(round(0.15 + 0.05 * k, 2) for k in range(16))  # 0.15 .. 0.90


@dataclass
class _Read:
    """One article as the hand rules left it, with the learned rule's candidates and their labels."""

    article: PolnearArticle
    doc: Doc
    record: Record
    cands: list[Candidate]
    labels: list[int]
    #: each token's person as the learned rule finds it at reading time (before the speakers step)
    persons: list[str | None] = field(default_factory=list)


@contextmanager
def _as_the_rule_reads(r: _Read) -> Iterator[Doc]:
    """The article's Doc with each token's person as it was when the attribution step ran. The learned
    rule runs inside that step, before speaker resolution names more tokens' person; a model trained or
    scored on the finished Doc would read a feature (``subj_person``) it never sees at reading time."""
    finished = [t._.person for t in r.doc]
    for t, person in zip(r.doc, r.persons, strict=True):
        t._.person = person
    try:
        yield r.doc
    finally:
        for t, person in zip(r.doc, finished, strict=True):
            t._.person = person


@dataclass
class TrainingReport:
    articles: int = 0
    candidates: int = 0
    positives: int = 0
    threshold: float = 0.5
    rules_only: dict[str, float] = field(default_factory=dict)
    holdout: dict[float, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "candidates": self.candidates,
            "positives": self.positives,
            "threshold": self.threshold,
            "rules_only": self.rules_only,
            "holdout": {str(k): v for k, v in self.holdout.items()},
        }


#: A gold attribution as labelling compares with it: its content characters and its source spans.
_Gold = tuple[frozenset[int], tuple[tuple[int, int], ...]]


def _golds(gold: Sequence[GoldAttribution]) -> list[_Gold]:
    """Each gold's content characters, built once per article rather than once per candidate."""
    return [(frozenset(i for s, e in g.content for i in range(s, e)), tuple(g.source)) for g in gold]


def _label(doc: Doc, cand: Candidate, gold: Sequence[_Gold], share: float = 0.5) -> int:
    """1 when the candidate's content covers more than half of a gold content, more than half of it is
    that gold content, and its speaker is that gold's source (the spans overlap, or neither has one):
    a candidate with the right content and the wrong speaker is a wrong attribution, and a model that
    learns to keep those costs speaker accuracy. ``share`` (a half) is there for
    ``bench/learned_variants.py``, which tries less."""
    span = doc[cand.content[0] : cand.content[1]]
    chars = set(range(span.start_char, span.end_char))
    speaker = None
    if cand.speaker is not None:
        found = doc[cand.speaker[0] : cand.speaker[1]]
        speaker = (found.start_char, found.end_char)
    for content, source in gold:
        common = len(chars & content)
        if common > share * len(content) and common > share * len(chars):
            if speaker is None:
                return int(not source)
            return int(any(speaker[0] < e and s < speaker[1] for s, e in source))
    return 0


def _candidates(doc: Doc, gold: Sequence[_Gold]) -> tuple[list[Candidate], list[int]]:
    """The learned rule's candidates with their labels, read where the rule reads them: the story's
    outside the headline, and the headline's from its sentence-cased copy (``HeadlineRule``)."""
    title_end = doc._.title_span[1] if doc._.title_span else -1
    found = [(c, _label(doc, c, gold)) for c in candidates(doc) if doc[c.content[0]].idx >= title_end]
    copy = doc.user_data.get(HEADLINE_KEY)
    if copy is not None:
        found += [(c, _label(copy, c, gold)) for c in candidates(copy)]
    return [c for c, _ in found], [y for _, y in found]


def _read(articles: Sequence[PolnearArticle], progress: Callable[[int], None] | None) -> list[_Read]:
    from onrecord import nlp as nlp_module

    nlp = nlp_module.load(ALL_CUE_CLASSES, None)  # the hand rules alone: candidates are what they leave
    out: list[_Read] = []
    for n, (article, document) in enumerate(zip(articles, documents(articles), strict=True), 1):
        doc = nlp_module.make_doc(nlp, document.text, None, document.title_span)
        gold = _golds(article.attributions)
        cands: list[Candidate] = []
        labels: list[int] = []
        persons: list[str | None] = []
        for name, component in nlp.pipeline:  # nlp(doc), with the candidates read where the rule reads them
            doc = component(doc)
            if name == "onrecord_attribution":
                cands, labels = _candidates(doc, gold)
                persons = [t._.person for t in doc]
        record = Record(document=document, people=doc._.people or [], statements=list(doc._.statements or []))
        out.append(_Read(article, doc, record, cands, labels, persons))
        if progress is not None:
            progress(n)
    return out


#: The data set a PolNeAR split comes from, as its authors ask it to be cited.
POLNEAR_CITATION = (
    "PolNeAR v1.0.0 (Political News Attribution Relations Corpus): Newell, Margolin and Ruths, "
    "'An Attribution Relations Corpus for Political News', LREC 2018; "
    "github.com/networkdynamics/PolNeAR"
)


def provenance(split_dir: Path, articles: int, limit: int | None) -> dict[str, str]:
    """What a model file says about itself: data, command, code and parser versions. Nothing here
    changes from one run to the next on the same data and code (no date, no absolute path), since the
    shipped file must be rebuilt byte for byte."""
    import onrecord
    from onrecord import nlp as nlp_module

    meta = nlp_module.load_base().meta
    command = f"onrecord train attribution <PolNeAR root> --split {split_dir.name} --out MODEL.json"
    return {
        "data": f"{POLNEAR_CITATION}; split {split_dir.name!r}, {articles} annotated articles",
        "command": command + (f" --limit {limit}" if limit is not None else ""),
        "code": f"onrecord {onrecord.__version__}",
        "parser": f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}",
        "contents": "logistic-regression weights over feature names (lemmas, tags, dependency labels); "
        "no article text",
    }


def _fit(reads: Sequence[_Read], threshold: float, name: str) -> ClauseModel:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise RuntimeError('training needs scikit-learn: pip install -e ".[learn]"') from None
    features = [c.features for r in reads for c in r.cands]
    labels = [y for r in reads for y in r.labels]
    if len(set(labels)) < 2:
        raise ValueError("the articles give no positive and negative examples to learn from")
    vec = DictVectorizer()
    fitted = LogisticRegression(max_iter=2000).fit(vec.fit_transform(features), labels)
    weights = {f: float(w) for f, w in zip(vec.feature_names_, fitted.coef_[0], strict=True) if w != 0.0}
    return ClauseModel(
        weights=weights, bias=float(fitted.intercept_[0]), threshold=threshold, trained_on=name
    )


def _content_f1(doc: Doc, start: int, end: int, gold_chars: Sequence[frozenset[int]]) -> float:
    """The best character F1 of the tokens start..end against any one gold content."""
    span = doc[start:end]
    chars = set(range(span.start_char, span.end_char))
    best = 0.0
    for gold in gold_chars:
        common = len(chars & gold)
        if common:
            p, r = common / len(chars), common / len(gold)
            best = max(best, 2 * p * r / (p + r))
    return best


def _fit_boundaries(reads: Sequence[_Read]) -> BoundaryModel:
    """The boundary model: for every re-boundable hand-rule statement near a gold content (F1 >= 0.3
    for one of its candidate spans), each candidate is labelled 1 when no other candidate matches a gold
    content better, and a logistic regression learns which edges those are."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats: list[dict[str, float]] = []
    labels: list[int] = []
    for r in reads:
        gold = [frozenset(i for s, e in g.content for i in range(s, e)) for g in r.article.attributions]
        for stmt in r.record.statements:
            found = token_range(r.doc, stmt)
            if found is None or stmt.cue_token is None:
                continue
            options = spans(r.doc, stmt.cue_token, *found, speaker=stmt.speaker_tokens)
            scores = [_content_f1(r.doc, o.start, o.end, gold) for o in options]
            if len(options) < 2 or max(scores) < 0.3:
                continue
            for option, value in zip(options, scores, strict=True):
                feats.append(features(r.doc, stmt.cue_token, option, *found, stmt.rule))
                labels.append(int(value >= max(scores) - 1e-9))
    if len(set(labels)) < 2:
        return BoundaryModel({}, 0.0)
    vec = DictVectorizer()
    fitted = LogisticRegression(max_iter=2000).fit(vec.fit_transform(feats), labels)
    weights = {f: float(w) for f, w in zip(vec.feature_names_, fitted.coef_[0], strict=True) if w != 0.0}
    return BoundaryModel(weights, float(fitted.intercept_[0]))


def _rebounded(reads: Sequence[_Read], model: BoundaryModel) -> list[_Read]:
    """The reads with their hand-rule statements re-bounded, as the rule "boundaries" does."""
    out = []
    for r in reads:
        statements = rebound(r.doc, r.record.statements, model)
        record = Record(document=r.record.document, people=r.record.people, statements=statements)
        out.append(_Read(r.article, r.doc, record, r.cands, r.labels, r.persons))
    return out


def _score(reads: Sequence[_Read], model: ClauseModel) -> dict[str, float]:
    """The hand rules plus the learned rule on these articles, as the PolNeAR scorer sees them."""
    rule = learned_rule(model)
    title = headline_rule([rule])  # the headline's copy read again, the learned rule after the hand rules
    result = PolnearScore()
    for r in reads:
        b = Builder(r.doc)
        b.out = [s for s in r.record.statements if s.rule != HEADLINE]
        b.used_cues = {s.cue_token for s in b.out if s.cue_token is not None}
        with _as_the_rule_reads(r) as doc:
            title(doc, b)
            rule(doc, b)
        record = Record(document=r.record.document, people=r.record.people, statements=b.out)
        score_article(r.article, predictions_from_record(record), result)
    figures = result.to_dict()
    overall = figures["overall"]
    at = overall["0.3"]
    return {
        "f1": at["f1"],
        "precision": at["precision"],
        "recall": at["recall"],
        "speaker_accuracy": at["speaker_accuracy_span"],
        # precision and recall both scaled by the share of matches with the right speaker
        "strict_f1": at["f1"] * at["speaker_accuracy_span"],
        "char_f1": overall["chars"]["f1"],
        "speech_writing_f1": figures["speech+writing"]["0.3"]["f1"],
    }


#: A model at each threshold, for the sweep: the same weights, the threshold set.
ModelAt = Callable[[float], ClauseModel]


def _fitted_at(fit_on: Sequence[_Read], name: str) -> ModelAt:
    first = _fit(fit_on, 0.5, name)
    return lambda threshold: ClauseModel(first.weights, first.bias, threshold)


#: Folds of the threshold's cross-validation: articles k, k + FOLDS, ... of the sorted list.
FOLDS = 5


def fold_figures(
    reads: Sequence[_Read],
    fit: Callable[[Sequence[_Read]], ModelAt],
    thresholds: Sequence[float] = THRESHOLDS,
) -> Iterator[tuple[dict[str, float], dict[float, dict[str, float]]]]:
    """For each fold (articles k, k + FOLDS, ...): fit on the other folds and score that one, the hand
    rules alone and the hand rules plus the learned rule at each of ``thresholds``, the spans moved by
    a boundary model fitted on the same other folds (``bench/attribution_folds.py`` reports these)."""
    for k in range(FOLDS):
        held = list(reads[k::FOLDS])
        fit_on = [r for i, r in enumerate(reads) if i % FOLDS != k]
        if not held or not fit_on:
            continue
        model_at = fit(fit_on)
        rules_only = _score(held, ClauseModel({}, 0.0, 2.0))  # a threshold no probability reaches
        held = _rebounded(held, _fit_boundaries(fit_on))  # the threshold is chosen with the spans moved
        yield rules_only, {threshold: _score(held, model_at(threshold)) for threshold in thresholds}


def sweep(
    reads: Sequence[_Read], fit: Callable[[Sequence[_Read]], ModelAt]
) -> tuple[dict[str, float], dict[float, dict[str, float]]]:
    """The folds' means (``fold_figures``) over the grid of thresholds (``bench/learned_variants.py``
    sweeps its variants through here, so they are measured exactly as training measures the rule).
    One fifth of PolNeAR train is 168 articles, on which two thresholds came within 0.001 of each
    other and traded places from one training run to the next as the hand rules changed; the mean of
    five folds rests the choice on every article."""
    found = list(fold_figures(reads, fit))
    return _mean([alone for alone, _ in found]), {t: _mean([f[t] for _, f in found]) for t in THRESHOLDS}


def _mean(figures: Sequence[dict[str, float]]) -> dict[str, float]:
    return {key: sum(f[key] for f in figures) / len(figures) for key in figures[0]}


def choose_threshold(figures: dict[float, dict[str, float]]) -> float:
    """The threshold that finds the most attributions with the right speaker (best ``strict_f1``, the
    lowest of equals): a match with the wrong speaker is a wrong line in a person's record, so the
    measure counts only matches whose speaker is right, and finding more and naming them right both
    raise it, with no floor to choose."""
    return max(figures, key=lambda threshold: (figures[threshold]["strict_f1"], -threshold))


def train_attribution(
    split_dir: Path,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[ClauseModel, TrainingReport]:
    """A learned attribution model for ``split_dir`` (a PolNeAR split with text/ and attributions/)."""
    articles = read_split(split_dir, limit=limit)
    if len(articles) < 5:
        raise ValueError(f"{split_dir}: {len(articles)} annotated articles; at least 5 are needed")
    reads = _read(articles, progress)
    report = TrainingReport(
        articles=len(reads),
        candidates=sum(len(r.cands) for r in reads),
        positives=sum(sum(r.labels) for r in reads),
    )
    report.rules_only, report.holdout = sweep(reads, lambda fit_on: _fitted_at(fit_on, split_dir.name))
    report.threshold = choose_threshold(report.holdout)
    model = _fit(reads, report.threshold, f"{split_dir.parent.name}/{split_dir.name}")
    model.boundary = _fit_boundaries(reads)
    model.provenance = provenance(split_dir, len(reads), limit)
    return model.rounded(), report
