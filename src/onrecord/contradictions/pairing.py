"""Pair a person's statements about the same thing made at different times, then judge each pair.

Holding every statement of a person against every other costs n² judgements: 100,000 statements make
five billion pairs. Fact-checkers only ever compare statements *about the same thing*, so pairing
first finds, for each statement, its few most similar statements by the same person made at another
time, and only those candidates are judged.

**What "the same thing" means.** Each statement becomes one unit vector that joins two views:

* its content lemmas and names (a cheap rule lemmatiser, no parser), weighted by TF-IDF over the
  person's statements so that a rare name ("Putin") counts for more than a common word ("people"),
  and sketched into a fixed number of dimensions with a random projection (Johnson-Lindenstrauss), so
  the vector has a fixed width whatever the vocabulary;
* its sentence embedding (the packaged all-MiniLM-L6-v2) when an embedder is given: the embedding
  finds paraphrases that share no word ("met" / "relationship"), the lemmas keep names decisive.

The dot product of two such vectors is ``alpha * embedding cosine + (1 - alpha) * lemma cosine``.

**Why the cost grows close to linearly.** Neighbours are found with a random-projection forest (as in
Annoy): each tree splits the person's statements at the median of a random direction until a leaf holds
at most ``leaf_size`` statements, and within a leaf every pair is compared exactly with one matrix
product. A statement is compared with at most ``trees * leaf_size`` others, whatever the person's
total, so the work is ``O(n * trees * (log n + leaf_size))``. Similar statements fall in the same leaf
of at least one tree with high probability; a person with at most ``leaf_size`` statements is paired
exactly.

**What is never paired.** Statements whose said-on intervals overlap (the same day, or "2013" and
"March 2013": one cannot contradict oneself across no time), questions (they assert nothing),
hedged statements (see ``HEDGES``: "may", "might", "perhaps", "maybe", "possibly", "probably" keep
the speaker from being held to either side), statements by different people, statements with fewer
than two content words, and the same words reported twice (two articles quoting one sentence).

Each candidate is then judged by ``onrecord.contradictions.judge`` (every statement parsed once, not
once per pair) and, where the caller can supply the statements' parsed articles, by the claim-clash
rule of ``within`` (what the speaker says of themselves: "has never met Putin" / "I do have a
relationship"). Pairs judged Inconsistent are kept with a score.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

import numpy as np

from onrecord.contradictions import judge as rules

Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]

#: Words that keep a speaker from being held to either side: a hedged statement is not paired.
#: "could", "would" and "think" are left out on purpose: "we could not agree" and "I think we should
#: leave" commit the speaker as much as the plain sentence does.
HEDGES: Final[frozenset[str]] = frozenset(
    {"may", "might", "perhaps", "maybe", "possibly", "probably", "conceivably"}
)
#: Words too common in reported speech to say what a statement is about.
_FILLERS: Final[frozenset[str]] = frozenset(
    "say said says saying tell told tells ask asked add added according statement think going "
    "want wanted thing things lot way time mr mrs ms dr".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_NORMALISE = re.compile(r"[^a-z0-9]+")

#: Defaults, chosen on the benchmark in ``bench/pairing.py`` (see docs/BENCHMARKS.pairing.md).
NEIGHBOURS: Final[int] = 5
#: How many more neighbours the sketch search fetches than are kept after exact re-ranking.
OVERFETCH: Final[int] = 3
#: The similarity (embedding and lemma cosine joined) below which two statements are not the same
#: topic even when they share a word.
MIN_SIMILARITY: Final[float] = 0.1
#: Without a shared word, two statements are the same topic only when their embeddings are this close.
PARAPHRASE: Final[float] = 0.6
LEAF_SIZE: Final[int] = 256
TREES: Final[int] = 6
SKETCH_DIM: Final[int] = 256
#: Up to this many distinct words, a small person's TF-IDF vectors are used as they are.
EXACT_VOCABULARY: Final[int] = 4096
EMBEDDING_WEIGHT: Final[float] = 0.5


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _FILLERS


# ------------------------------------------------------------------------------------------- items


@dataclass(frozen=True)
class Item:
    """One statement as pairing sees it: who said it, what, and the days it may have been said on.

    ``start``/``end`` is the said-on interval (a year is Jan 1 to Dec 31); use the publication day
    when the statement has no date of its own. ``key`` is whatever the caller identifies the
    statement by (the ledger's statement id).
    """

    key: Hashable
    person: Hashable
    text: str
    start: dt.date
    end: dt.date
    question: bool = False


def lemma(word: str) -> str:
    """A cheap English lemma: lower case, contractions and possessives cut, plural endings cut
    ("parties" -> "party", "doesn't" -> "does").

    Good enough to put "tariff" and "tariffs" together for finding neighbours; the judge parses
    properly later.
    """
    return _stem(_plain(word))


def _plain(word: str) -> str:
    w = word.lower().replace("’", "'")
    if "'" in w:
        head = w.split("'")[0]
        w = head[:-1] if w.endswith("n't") and head.endswith("n") and head != "can" else head
    return w.strip("-")


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    return w


def terms(text: str) -> list[str]:
    """The content lemmas and names of a statement, in order, stop words and fillers left out."""
    stop = _stop_words()
    out = []
    for match in _WORD.finditer(text):
        plain = _plain(match.group())
        if plain in stop:
            continue
        w = _stem(plain)
        if len(w) > 2 and w not in stop:
            out.append(w)
    return out


def hedged(text: str) -> str | None:
    """The hedge word in a statement, if any ("may" only in lower case: "May" is the month)."""
    for match in _WORD.finditer(text):
        word = match.group()
        low = word.lower()
        if low in HEDGES and not (low == "may" and word[0] == "M"):
            return low
    return None


def excluded(item: Item) -> str | None:
    """Why a statement is not paired at all, or None when it is."""
    if item.question or item.text.rstrip().endswith("?"):
        return "question"
    hedge = hedged(item.text)
    if hedge:
        return f"hedged ('{hedge}')"
    if len(set(terms(item.text))) < 2:
        return "fewer than two content words"
    return None


def _fingerprint(text: str) -> int:
    return zlib.crc32(_NORMALISE.sub(" ", text.lower()).strip().encode())


# -------------------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class Candidate:
    """Two statements by one person, made at different times, that look like the same topic."""

    a: Item
    b: Item
    similarity: float
    shared: tuple[str, ...]
    embedding_similarity: float | None = None
    """The words both say, most telling first (by their TF-IDF weight in both)."""


@dataclass
class PairingStats:
    """What pairing did, for the benchmark and the command's summary line."""

    people: int = 0
    statements: int = 0
    eligible: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    compared: int = 0
    candidates: int = 0


def _lemma_vectors(
    term_lists: list[list[str]], dim: int, rng: np.random.Generator
) -> tuple[np.ndarray, list[dict[str, float]]]:
    """TF-IDF over these statements: vectors for the neighbour search (float32, unit length) and the
    exact unit-length weights per statement for the final similarity.

    The vectors are a ``dim``-wide random projection of the TF-IDF, except for at most ``dim``
    statements with a small vocabulary, where they are the TF-IDF itself (exact, and as cheap).
    """
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, ts in enumerate(term_lists):
        for term in ts:
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
    n = len(term_lists)
    out = np.zeros((n, dim), dtype=np.float32)
    weights: list[dict[str, float]] = [{} for _ in range(n)]
    if not vocab:
        return out, weights
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    # Term frequency per (statement, term), then document frequency per term.
    pair = np.unique(r * len(vocab) + c, return_counts=True)
    pr, pc, tf = pair[0] // len(vocab), pair[0] % len(vocab), pair[1].astype(np.float32)
    df = np.bincount(pc, minlength=len(vocab)).astype(np.float32)
    idf = np.log((n + 1) / (df + 1)) + 1.0
    weight = (1.0 + np.log(tf)) * idf[pc]
    norm = np.sqrt(np.bincount(pr, weights=weight * weight, minlength=n))
    unit = weight / np.maximum(norm[pr], 1e-9)
    names = list(vocab)
    for row, col, value in zip(pr.tolist(), pc.tolist(), unit.tolist(), strict=True):
        weights[row][names[col]] = value
    if n <= dim and len(vocab) <= EXACT_VOCABULARY:
        # Few statements: the TF-IDF vectors themselves, so the neighbours are exact.
        dense = np.zeros((n, len(vocab)), dtype=np.float32)
        dense[pr, pc] = unit
        return dense, weights
    proj = rng.standard_normal((len(vocab), dim), dtype=np.float32)
    step = max(1, 2_000_000 // dim)
    for lo in range(0, len(pr), step):
        hi = min(len(pr), lo + step)
        np.add.at(out, pr[lo:hi], proj[pc[lo:hi]] * unit[lo:hi, None].astype(np.float32))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9), weights


def _unit(vectors: Sequence[Sequence[float]]) -> np.ndarray:
    arr = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return arr / np.maximum(norms, 1e-9)


def _leaves(vectors: np.ndarray, leaf_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One random-projection tree: index sets of at most ``leaf_size`` statements each."""
    out: list[np.ndarray] = []
    stack = [np.arange(len(vectors))]
    while stack:
        idx = stack.pop()
        if len(idx) <= leaf_size:
            out.append(idx)
            continue
        # The direction between two random members follows the data better than a random direction.
        p, q = rng.choice(len(idx), size=2, replace=False)
        direction = vectors[idx[p]] - vectors[idx[q]]
        if not np.any(direction):
            direction = rng.standard_normal(vectors.shape[1]).astype(np.float32)
        proj = vectors[idx] @ direction
        order = np.argsort(proj, kind="stable")
        half = len(idx) // 2
        stack.append(idx[order[:half]])
        stack.append(idx[order[half:]])
    return out


def _neighbours(
    vectors: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    prints: np.ndarray,
    k: int,
    leaf_size: int,
    trees: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Each statement's ``k`` most similar others said at another time, as arrays ``i < j``, similarity.

    Also returns how many pairs were compared exactly (the work done, for the benchmark).
    """
    n = len(vectors)
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    found_v: list[np.ndarray] = []
    compared = 0
    forest = 1 if n <= leaf_size else trees
    for _ in range(forest):
        for idx in _leaves(vectors, leaf_size, rng):
            if len(idx) < 2:
                continue
            sims = vectors[idx] @ vectors[idx].T
            compared += len(idx) * (len(idx) - 1) // 2
            s, e, fp = starts[idx], ends[idx], prints[idx]
            overlap = (s[:, None] <= e[None, :]) & (s[None, :] <= e[:, None])
            same_words = fp[:, None] == fp[None, :]
            sims[overlap | same_words] = -np.inf
            kk = min(k, len(idx) - 1)
            top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
            rows = np.repeat(np.arange(len(idx)), kk)
            cols = top.ravel()
            values = sims[rows, cols]
            ok = np.isfinite(values)
            found_i.append(idx[rows[ok]])
            found_j.append(idx[cols[ok]])
            found_v.append(values[ok])
    if not found_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32), compared
    i = np.concatenate(found_i)
    j = np.concatenate(found_j)
    v = np.concatenate(found_v)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    # The same pair found in several trees (or from both ends) once.
    keys, first = np.unique(lo * n + hi, return_index=True)
    lo, hi, v = keys // n, keys % n, v[first]
    keep = _best_per_statement(lo, hi, v, k)
    return lo[keep], hi[keep], v[keep], compared


def _best_per_statement(lo: np.ndarray, hi: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Which pairs are among the ``k`` best of at least one of their two statements (a boolean mask)."""
    ends_of = np.concatenate([lo, hi])
    pair_of = np.concatenate([np.arange(len(values)), np.arange(len(values))])
    order = np.lexsort((-np.concatenate([values, values]), ends_of))
    ranked_ends = ends_of[order]
    group_start = np.r_[0, np.flatnonzero(np.diff(ranked_ends)) + 1]
    sizes = np.diff(np.r_[group_start, len(order)])
    rank = np.arange(len(order)) - np.repeat(group_start, sizes)
    keep = np.zeros(len(values), dtype=bool)
    keep[pair_of[order[rank < k]]] = True
    return keep


def candidates(
    items: Iterable[Item],
    *,
    embedder: Embedder | None = None,
    k: int = NEIGHBOURS,
    min_similarity: float = MIN_SIMILARITY,
    leaf_size: int = LEAF_SIZE,
    trees: int = TREES,
    embedding_weight: float = EMBEDDING_WEIGHT,
    seed: int = 0,
    stats: PairingStats | None = None,
) -> list[Candidate]:
    """For each person, the pairs of their statements about the same thing made at different times.

    A pair is kept when one statement is among the other's ``k`` nearest (by the joined lemma and
    embedding vector) and the similarity reaches ``min_similarity``; the later statement is ``a``.
    ``seed`` fixes the random projections, so a run can be repeated exactly.
    """
    stats = stats if stats is not None else PairingStats()
    by_person: dict[Hashable, list[Item]] = defaultdict(list)
    for item in items:
        stats.statements += 1
        why = excluded(item)
        if why is not None:
            reason = why.split(" (")[0]
            stats.excluded[reason] = stats.excluded.get(reason, 0) + 1
            continue
        by_person[item.person].append(item)
    out: list[Candidate] = []
    rng = np.random.default_rng(seed)
    for person_items in by_person.values():
        if len(person_items) < 2:
            continue
        stats.people += 1
        stats.eligible += len(person_items)
        out.extend(
            _person_candidates(
                person_items, embedder, k, min_similarity, leaf_size, trees, embedding_weight, rng, stats
            )
        )
    stats.candidates = len(out)
    return out


def _person_candidates(
    items: list[Item],
    embedder: Embedder | None,
    k: int,
    min_similarity: float,
    leaf_size: int,
    trees: int,
    embedding_weight: float,
    rng: np.random.Generator,
    stats: PairingStats,
) -> list[Candidate]:
    term_lists = [terms(it.text) for it in items]
    lemma_vecs, weights = _lemma_vectors(term_lists, max(SKETCH_DIM, leaf_size), rng)
    embedded: np.ndarray | None = None
    if embedder is not None:
        embedded = _unit(embedder([it.text for it in items]))
        vectors = np.hstack(
            [np.sqrt(embedding_weight) * embedded, np.sqrt(1.0 - embedding_weight) * lemma_vecs]
        ).astype(np.float32)
    else:
        vectors = lemma_vecs
    starts = np.asarray([it.start.toordinal() for it in items], dtype=np.int64)
    ends = np.asarray([it.end.toordinal() for it in items], dtype=np.int64)
    prints = np.asarray([_fingerprint(it.text) for it in items], dtype=np.int64)
    # The sketch is a noisy copy of the lemma cosine: fetch more neighbours than wanted, then keep
    # each statement's k best by the exact similarity.
    lo, hi, _, compared = _neighbours(vectors, starts, ends, prints, OVERFETCH * k, leaf_size, trees, rng)
    stats.compared += compared
    exact = np.zeros(len(lo), dtype=np.float64)
    shared_words: list[list[str]] = []
    embedding: list[float | None] = []
    for n, (i, j) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
        wi, wj = weights[i], weights[j]
        shared = sorted(wi.keys() & wj.keys(), key=lambda w: -(wi[w] * wj[w]))
        lemma_sim = sum(wi[w] * wj[w] for w in shared)
        emb = float(embedded[i] @ embedded[j]) if embedded is not None else None
        sim = lemma_sim if emb is None else embedding_weight * emb + (1 - embedding_weight) * lemma_sim
        # The same thing: a shared content word or name, or (embeddings only) a close paraphrase.
        if not shared and (emb is None or emb < PARAPHRASE):
            sim = -1.0
        exact[n] = sim
        shared_words.append(shared)
        embedding.append(emb)
    keep = _best_per_statement(lo, hi, exact, k) & (exact >= min_similarity)
    out = []
    for n in np.flatnonzero(keep).tolist():
        a, b = items[int(lo[n])], items[int(hi[n])]
        if a.start < b.start:
            a, b = b, a
        out.append(Candidate(a, b, round(float(exact[n]), 4), tuple(shared_words[n]), embedding[n]))
    out.sort(key=lambda c: -c.similarity)
    return out


# ---------------------------------------------------------------------------------------- judging


@dataclass(frozen=True)
class ClaimClash:
    """What the claim rule found between two statements (see ``within``): a score, a kind, why."""

    score: float
    kind: str
    explanation: str


ClaimCheck = Callable[[Candidate], "ClaimClash | None"]


@dataclass(frozen=True)
class Found:
    """A candidate pair judged Inconsistent: the later statement ``a``, the earlier ``b``."""

    a: Item
    b: Item
    score: float
    kind: str
    explanation: str
    similarity: float
    label_5: str


#: Scores below this are the judge's "same topic, no agreement found" fallback: kept only when the
#: caller asks for them (``min_score``), since on their own they say little.
KEEP_SCORE: Final[float] = 0.5


def judge(
    found: Sequence[Candidate],
    *,
    nlp: object | None = None,
    embedded: bool = False,
    claim_check: ClaimCheck | None = None,
    min_score: float = KEEP_SCORE,
    batch_size: int = 64,
) -> list[Found]:
    """Judge each candidate; keep those labelled Inconsistent with a score of at least ``min_score``.

    Each distinct statement is parsed once (``judge.judge_many`` would parse it once per pair it is
    in, ``k`` times over). ``embedded`` passes the candidates' embedding similarity to the judge, as
    ``judge_many(..., embedder=minilm())`` does. ``claim_check`` adds the claim-clash rule where the
    caller can parse the statements' articles; a clash it finds makes the pair Inconsistent.
    """
    texts: dict[str, int] = {}
    for cand in found:
        for it in (cand.a, cand.b):
            texts.setdefault(it.text, len(texts))
    model = rules._base(nlp)  # type: ignore[arg-type]
    readings = [rules.read(doc) for doc in model.pipe(list(texts), batch_size=batch_size)]
    out: list[Found] = []
    for cand in found:
        ra, rb = readings[texts[cand.a.text]], readings[texts[cand.b.text]]
        sim = cand.embedding_similarity if embedded else None
        verdict = rules.decide(rules.compare(rb, ra, sim))
        clash = claim_check(cand) if claim_check is not None else None
        judged = verdict.label_3 == "Inconsistent"
        if clash is not None and (not judged or clash.score >= verdict.score):
            out.append(
                Found(cand.a, cand.b, clash.score, clash.kind, clash.explanation, cand.similarity, "claim")
            )
        elif judged and verdict.score >= min_score:
            why = _earlier_later(verdict.explanation)
            kind = verdict.label_5.lower()
            out.append(Found(cand.a, cand.b, verdict.score, kind, why, cand.similarity, verdict.label_5))
    out.sort(key=lambda f: (-f.score, -f.similarity))
    return out


def _earlier_later(explanation: str) -> str:
    """The judge speaks of statements 1 and 2; here 1 is the earlier statement and 2 the later."""
    return explanation.replace("statement 1", "the earlier statement").replace(
        "statement 2", "the later statement"
    )


def pair(
    items: Iterable[Item],
    *,
    embedder: Embedder | None = None,
    claim_check: ClaimCheck | None = None,
    min_score: float = KEEP_SCORE,
    nlp: object | None = None,
    stats: PairingStats | None = None,
    **options: float,
) -> list[Found]:
    """Candidates (``candidates``) then verdicts (``judge``): the contradictions among ``items``."""
    cands = candidates(items, embedder=embedder, stats=stats, **options)  # type: ignore[arg-type]
    return judge(cands, nlp=nlp, embedded=embedder is not None, claim_check=claim_check, min_score=min_score)
