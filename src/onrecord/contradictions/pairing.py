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

**Why the cost grows close to linearly.** Two searches, each bounded per statement, and their
union re-ranked exactly:

* a random-projection forest (as in Annoy) over the joined vectors: each tree splits the person's
  statements at the median of a random direction until a leaf holds at most ``leaf_size``
  statements, and within a leaf every pair is compared with one matrix product, so a statement meets
  at most ``trees * leaf_size`` others whatever the person's total;
* an inverted index over the telling words (said in at most ``WORD_CAP`` of the person's
  statements): every pair inside a word's postings list, scored by the part of the TF-IDF dot
  product the shared rare words make. The sketch of a short sparse text is blurred; a shared rare
  name is not. A statement of L words meets at most ``L * WORD_CAP`` others.

Each statement keeps ``OVERFETCH * k`` neighbours from each search; the union is re-ranked by the
exact similarity and each statement keeps its ``k`` best. The work is ``O(n * (trees * (log n +
leaf_size) + L * WORD_CAP))``. A person with at most ``trees * leaf_size`` statements (no more work
than the forest) is paired exactly, all pairs compared. ``bench/pairing.py`` measures the time at
1k, 10k and 100k statements and the recall against brute force.

**What is never paired.** Statements whose said-on intervals overlap (the same day, or "2013" and
"March 2013": one cannot contradict oneself across no time), questions (they assert nothing),
hedged statements (see ``HEDGES``: "may", "might", "perhaps", "maybe", "possibly", "probably" keep
the speaker from being held to either side), statements by different people, statements with fewer
than two content words, pairs that share no content word (unless their embeddings are paraphrase-
close), and the same words reported twice (two articles quoting one sentence): such copies are
folded into one claim first (``fold``), and a pair lists every copy of each side as its sources.

**Judging.** Each candidate is judged by ``onrecord.contradictions.judge`` (every statement parsed
once, not once per pair) and, where the caller can supply the statements' parsed articles, by the
claim-clash rule of ``within`` (what the speaker says of themselves: "has never met Putin" / "I do
have a relationship"). Because the pairs come from a search and not from a person's choice, pairing
asks for a named clash on top of the judge's label (``judge``, ``EVIDENCE``) and scales the score by
how close the two statements are (``score``).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Final

import numpy as np

from onrecord import wordlists
from onrecord.contradictions import judge as rules
from onrecord.contradictions import proposition

Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]

#: Words that keep a speaker from being held to either side: a hedged statement is not paired. "could",
#: "would" and "think" are not among them: "we could not agree" and "I think we should leave" commit the
#: speaker as much as the plain sentence does. The list is ``proposition_words.json``'s.
HEDGES: Final[frozenset[str]] = proposition.load_words().hedges
#: Words too common in reported speech to say what a statement is about.
#: (``onrecord/data/pairing_words.json``; the weights and sizes below are tuned numbers, not words, and
#: stay here.)
_FILLERS: Final[frozenset[str]] = frozenset(wordlists.load("pairing_words.json")["fillers"])
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_NORMALISE = re.compile(r"[^a-z0-9]+")

#: Defaults, chosen on the benchmark in ``bench/pairing.py`` (docs/BENCHMARKS.md, "Pairing across the
#: ledger").
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
#: Blocking on shared words considers words said in at most this many of a person's statements.
WORD_CAP: Final[int] = 128
#: Up to this many distinct words, the TF-IDF vectors of a person with at most ``trees * leaf_size``
#: statements are used as they are (all pairs are compared then, exactly).
EXACT_VOCABULARY: Final[int] = 6000
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
    statement by (the ledger's statement id). ``denied`` says the cue denies the content ("she
    denied that she mishandled classified information", see ``denial``): the speaker said the
    opposite of the words. ``document`` and ``title`` name the article it comes from, which a pair
    lists as its sources.
    """

    key: Hashable
    person: Hashable
    text: str
    start: dt.date
    end: dt.date
    question: bool = False
    denied: bool = False
    document: str | None = None
    title: str | None = None


#: Cues that report the speaker saying the content is false ("denied", "disputed", "rejected").
DENIAL_CUES: Final[frozenset[str]] = proposition.load_words().denial_cues
denial = proposition.denial


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
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "as", "ous")):
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


hedged = proposition.hedge


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
    return zlib.crc32(normalised(text).encode())


def normalised(text: str) -> str:
    """A quote's words as folding compares them: lower case, punctuation and spacing dropped."""
    return _NORMALISE.sub(" ", text.lower()).strip()


def fold(items: Iterable[Item]) -> list[tuple[Item, ...]]:
    """The statements grouped by person, normalised words and denial: one quote carried by several
    articles is one claim, not one per article (three wire copies of "we will never sell the park"
    against one later "the park must be sold" are one pair, not three). Each group holds its earliest
    copy first (the claim's first time on record, which pairing dates it by), then the others.
    """
    groups: dict[tuple[Hashable, str, bool], list[Item]] = defaultdict(list)
    for item in items:
        groups[item.person, normalised(item.text), item.denied].append(item)
    return [tuple(sorted(g, key=lambda it: (it.start, str(it.key)))) for g in groups.values()]


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
    copies_a: tuple[Item, ...] = ()
    copies_b: tuple[Item, ...] = ()
    """Every copy of each side's quote (``fold``), the side itself first; empty when not folded."""


@dataclass
class PairingStats:
    """What pairing did, for the benchmark and the command's summary line."""

    people: int = 0
    statements: int = 0
    eligible: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    compared: int = 0
    candidates: int = 0
    folded: int = 0
    """Statements folded into an earlier copy of the same quote (``fold``)."""


@dataclass
class _Tfidf:
    """TF-IDF of one person's statements as parallel arrays: (statement, term, unit weight) rows."""

    rows: np.ndarray
    cols: np.ndarray
    weights: np.ndarray
    df: np.ndarray
    names: list[str]
    n: int


def _tfidf(term_lists: list[list[str]]) -> _Tfidf:
    """Sublinear TF times smoothed IDF over these statements, each statement's row of unit length."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, ts in enumerate(term_lists):
        for term in ts:
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
    n = len(term_lists)
    if not vocab:
        empty = np.zeros(0, dtype=np.int64)
        return _Tfidf(empty, empty, np.zeros(0), np.zeros(0), [], n)
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    # Term frequency per (statement, term), then document frequency per term.
    pair = np.unique(r * len(vocab) + c, return_counts=True)
    pr, pc, tf = pair[0] // len(vocab), pair[0] % len(vocab), pair[1].astype(np.float64)
    df = np.bincount(pc, minlength=len(vocab))
    idf = np.log((n + 1) / (df + 1)) + 1.0
    weight = (1.0 + np.log(tf)) * idf[pc]
    norm = np.sqrt(np.bincount(pr, weights=weight * weight, minlength=n))
    return _Tfidf(pr, pc, weight / np.maximum(norm[pr], 1e-9), df, list(vocab), n)


def _lemma_vectors(
    term_lists: list[list[str]], dim: int, rng: np.random.Generator, exact: bool = False
) -> tuple[np.ndarray, list[dict[str, float]]]:
    """TF-IDF over these statements: vectors for the neighbour search (float32, unit length) and the
    exact unit-length weights per statement for the final similarity.

    The vectors are a ``dim``-wide random projection of the TF-IDF; with ``exact`` and a vocabulary
    of at most ``EXACT_VOCABULARY`` words, the TF-IDF itself (for few statements, exact and as cheap).
    """
    return _vectors(_tfidf(term_lists), dim, rng, exact)


def _vectors(
    tf: _Tfidf, dim: int, rng: np.random.Generator, exact: bool
) -> tuple[np.ndarray, list[dict[str, float]]]:
    n = tf.n
    weights: list[dict[str, float]] = [{} for _ in range(n)]
    for row, col, value in zip(tf.rows.tolist(), tf.cols.tolist(), tf.weights.tolist(), strict=True):
        weights[row][tf.names[col]] = value
    if not tf.names:
        return np.zeros((n, dim), dtype=np.float32), weights
    unit = tf.weights.astype(np.float32)
    if exact and len(tf.names) <= EXACT_VOCABULARY:
        dense = np.zeros((n, len(tf.names)), dtype=np.float32)
        dense[tf.rows, tf.cols] = unit
        return dense, weights
    out = np.zeros((n, dim), dtype=np.float32)
    proj = rng.standard_normal((len(tf.names), dim), dtype=np.float32)
    step = max(1, 2_000_000 // dim)
    for lo in range(0, len(tf.rows), step):
        hi = min(len(tf.rows), lo + step)
        np.add.at(out, tf.rows[lo:hi], proj[tf.cols[lo:hi]] * unit[lo:hi, None])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9), weights


def _shared_word_pairs(
    tf: _Tfidf, starts: np.ndarray, ends: np.ndarray, prints: np.ndarray, k: int, cap: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Blocking on telling words: pairs that share a word said in at most ``cap`` statements, scored
    by the part of their TF-IDF dot product those words make, each statement's ``k`` best.

    An inverted index: every pair inside a word's postings list. With the lists cut at ``cap``, a
    statement of L words meets at most L * cap others, so the work grows linearly. Words more
    common than that are left to the forest: they say less about what a statement is about anyway.
    Returns (lo, hi, pairs scored).
    """
    keep = (tf.df[tf.cols] >= 2) & (tf.df[tf.cols] <= cap)
    rows, cols, vals = tf.rows[keep], tf.cols[keep], tf.weights[keep]
    order = np.lexsort((rows, cols))
    rows, cols, vals = rows[order], cols[order], vals[order]
    sizes = tf.df[cols]
    pair_lo: list[np.ndarray] = []
    pair_hi: list[np.ndarray] = []
    pair_w: list[np.ndarray] = []
    for m in np.unique(sizes).tolist():
        at = sizes == m
        ids = rows[at].reshape(-1, m)
        ws = vals[at].reshape(-1, m)
        iu, ju = np.triu_indices(m, 1)
        pair_lo.append(ids[:, iu].ravel())
        pair_hi.append(ids[:, ju].ravel())
        pair_w.append((ws[:, iu] * ws[:, ju]).ravel())
    if not pair_lo:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, 0
    lo, hi, w = np.concatenate(pair_lo), np.concatenate(pair_hi), np.concatenate(pair_w)
    scored = len(lo)
    keys, inverse = np.unique(lo * tf.n + hi, return_inverse=True)
    total = np.bincount(inverse, weights=w)
    lo, hi = keys // tf.n, keys % tf.n
    apart = (ends[lo] < starts[hi]) | (ends[hi] < starts[lo])
    apart &= prints[lo] != prints[hi]
    lo, hi, total = lo[apart], hi[apart], total[apart]
    best = _best_per_statement(lo, hi, total, k)
    return lo[best], hi[best], scored


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
    # Up to trees * leaf_size statements, comparing all pairs is no more work than the forest.
    exact = n <= trees * leaf_size
    for _ in range(1 if exact else trees):
        for idx in [np.arange(n)] if exact else _leaves(vectors, leaf_size, rng):
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
    kept: list[Item] = []
    for item in items:
        stats.statements += 1
        why = excluded(item)
        if why is not None:
            reason = why.split(" (")[0]
            stats.excluded[reason] = stats.excluded.get(reason, 0) + 1
            continue
        kept.append(item)
    copies: dict[Hashable, tuple[Item, ...]] = {}
    for group in fold(kept):
        by_person[group[0].person].append(group[0])
        copies[group[0].key] = group
        stats.folded += len(group) - 1
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
    return [replace(c, copies_a=copies[c.a.key], copies_b=copies[c.b.key]) for c in out]


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
    exact = len(items) <= trees * leaf_size
    tf = _tfidf(term_lists)
    lemma_vecs, weights = _vectors(tf, SKETCH_DIM, rng, exact)
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
    prints = np.asarray([_fingerprint(it.text) ^ it.denied for it in items], dtype=np.int64)
    # The sketch is a noisy copy of the lemma cosine: fetch more neighbours than wanted, then keep
    # each statement's k best by the exact similarity.
    lo, hi, _, compared = _neighbours(vectors, starts, ends, prints, OVERFETCH * k, leaf_size, trees, rng)
    if not exact:
        # The forest finds close neighbours in the joined vectors; the inverted index adds those that
        # share a telling word, which a sketch of short sparse texts blurs.
        wlo, whi, scored = _shared_word_pairs(tf, starts, ends, prints, OVERFETCH * k, WORD_CAP)
        compared += scored
        keys = np.unique(np.concatenate([lo * len(items) + hi, wlo * len(items) + whi]))
        lo, hi = keys // len(items), keys % len(items)
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
    """What the claim rule found between two statements (see ``within``): a score, a kind, why, and
    the predicate that clashed when both claims have the same one (``judge`` checks it again)."""

    score: float
    kind: str
    explanation: str
    predicate: str | None = None


ClaimCheck = Callable[[Candidate], "ClaimClash | None"]


@dataclass(frozen=True)
class Found:
    """A candidate pair judged inconsistent: the later statement ``a``, the earlier ``b``.

    ``kind`` is the evidence: the claim rule's ``negation`` / ``polarity`` (see ``within``),
    ``predicate`` (one statement negates a predicate the other asserts, about a shared thing),
    ``antonym``, ``flip`` (a shared word's stance turned around), or the judge's weaker ``numbers``,
    ``modality``, ``axis`` and ``topic``. ``label_5`` is the judge's five-way label.
    """

    a: Item
    b: Item
    score: float
    kind: str
    explanation: str
    similarity: float
    label_5: str
    copies_a: tuple[Item, ...] = ()
    copies_b: tuple[Item, ...] = ()

    def sources(self) -> dict[str, list[dict[str, object]]]:
        """Where each side's quote was carried (``sources``)."""
        return sources(self.copies_a or (self.a,), self.copies_b or (self.b,))


def sources(copies_a: Sequence[Item], copies_b: Sequence[Item]) -> dict[str, list[dict[str, object]]]:
    """A pair's sources: every copy of each side's quote, its statement key, document and title."""

    def listed(copies: Sequence[Item]) -> list[dict[str, object]]:
        return [{"statement_id": it.key, "document_id": it.document, "title": it.title} for it in copies]

    return {"a": listed(copies_a), "b": listed(copies_b)}


#: How much each kind of evidence is worth before closeness scales it (see ``score``). Numbers and
#: modality count for little across time: polls, delegate counts and sums raised change from one
#: month to the next without anyone contradicting themselves.
EVIDENCE: Final[dict[str, float]] = {
    "predicate": 0.85,
    "antonym": 0.75,
    "flip": 0.5,
    "axis": 0.45,
    "numbers": 0.4,
    "modality": 0.4,
    "topic": 0.3,
}
#: Pairs scored below this are not kept (``judge(min_score=...)`` changes it).
KEEP_SCORE: Final[float] = 0.5
#: Similarity at which a pair counts as fully about the same thing (embedding cosine when there are
#: embeddings, else TF-IDF lemma cosine, which runs lower for the same closeness).
CLOSE_EMBEDDING: Final[float] = 0.6
CLOSE_LEMMA: Final[float] = 0.4
#: Verbs of saying and thinking frame a statement; their negation is not the statement's.
_FRAMES: Final[frozenset[str]] = proposition.load_words().frames


def score(evidence: float, closeness: float) -> float:
    """The stored score: the evidence's worth, scaled down by up to two fifths for a loose topic match.

    Two statements that plainly say opposite things about the same matter score highest; the same
    clash between statements that only share a name ranks below it.
    """
    return round(evidence * (0.6 + 0.4 * max(0.0, min(1.0, closeness))), 3)


@dataclass(frozen=True)
class _Parsed:
    """One statement as the judge and the proposition reader see it, read once."""

    reading: rules.Reading

    @property
    def claims(self) -> proposition.Reading:
        assert self.reading.claims is not None
        return self.reading.claims


def _evidence(ev: rules.Evidence) -> tuple[str, str] | None:
    """The strongest kind of evidence that the two statements clash, with its one-line explanation.

    Only one proposition held both ways counts as a named clash (``proposition.clash``, of a holder
    named on both sides): a shared word turned by a negation is mostly the same position reworded
    ("not able to beat Trump" / "the only campaign that can beat Trump"), so it is no longer evidence.
    """
    rel = ev.clash
    if rel is not None:
        about = ", ".join(rel.about[:2])
        if rel.antonyms:
            return (
                "antonym",
                f"antonyms: '{rel.first.shown}' earlier, '{rel.second.shown}' later (about {about})",
            )
        return "predicate", f"'{rel.first.shown}' earlier, '{rel.second.shown}' later (about {about})"
    if ev.axis_clash:
        axis, wa, wb = ev.axis_clash[0]
        return "axis", f"opposite pulls on {axis}: '{wa}' earlier, '{wb}' later"
    if ev.numbers:
        return "numbers", f"numbers differ: {ev.numbers[0]} earlier, {ev.numbers[1]} later"
    if ev.modality:
        return "modality", f"modality '{ev.modality[0]}' earlier, '{ev.modality[1]}' later"
    return None


def _claim_holds(clash: ClaimClash, earlier: _Parsed, later: _Parsed) -> bool:
    """Whether a same-predicate claim clash survives a second look at the two statements' own parses.

    The claim rule reads a predicate's whole subtree as what it is about, which across articles ties
    "he is not ready to endorse Trump" to "he is the lone Republican". "be" and the verbs of saying
    and thinking are too bare to clash on; where both statements' main clauses hold the predicate,
    they must give it opposite polarity, of one doer, about a shared thing.
    """
    if clash.predicate is None:
        return True
    if clash.predicate == "be" or clash.predicate in _FRAMES:
        return False
    mine_b = [p for p in earlier.claims.propositions if p.key.split()[0] == clash.predicate]
    mine_a = [p for p in later.claims.propositions if p.key.split()[0] == clash.predicate]
    if not mine_a or not mine_b:
        return True  # not in a main clause here: the claim rule saw more of the article
    b, a = (
        replace(earlier.claims, propositions=tuple(mine_b)),
        replace(later.claims, propositions=tuple(mine_a)),
    )
    return proposition.clash(b, a, strict=True) is not None


def judge(
    found: Sequence[Candidate],
    *,
    nlp: object | None = None,
    embedded: bool = False,
    claim_check: ClaimCheck | None = None,
    min_score: float = KEEP_SCORE,
    batch_size: int = 64,
) -> list[Found]:
    """Judge each candidate; keep the pairs that clash with a score of at least ``min_score``.

    The judge (``judge.read``/``compare``/``decide``, what ``judge.judge_many`` runs) labels each
    pair; each distinct statement is parsed once, not once per pair it is in. Pairing then asks for
    more than the judge's label, because it holds statements that were *not* chosen as a pair by a
    person, only found close by a search: the clash must be named (a predicate negated in one
    statement only, antonyms, a shared word whose stance turned while the overall polarity did, see
    ``EVIDENCE``) and the score is scaled by how close the pair is (``score``). ``claim_check`` adds
    the claim-clash rule of ``within`` where the caller can parse the statements' articles.
    """
    texts: dict[tuple[str, bool], int] = {}
    for cand in found:
        for it in (cand.a, cand.b):
            texts.setdefault((it.text, it.denied), len(texts))
    model = rules.base_model(nlp)  # type: ignore[arg-type]
    docs = model.pipe([text for text, _ in texts], batch_size=batch_size)
    parsed = [_Parsed(rules.read(doc, denied=denied)) for doc, (_, denied) in zip(docs, texts, strict=True)]
    out: list[Found] = []
    for cand in found:
        later, earlier = parsed[texts[cand.a.text, cand.a.denied]], parsed[texts[cand.b.text, cand.b.denied]]
        sim = cand.embedding_similarity if embedded else None
        ev = rules.compare(earlier.reading, later.reading, sim, strict=True)
        verdict = rules.decide(ev)
        close = sim / CLOSE_EMBEDDING if sim is not None else cand.similarity / CLOSE_LEMMA
        # The claim rule reads the words, not the cue: it cannot see that a denied statement is turned.
        denied = cand.a.denied or cand.b.denied
        clash = claim_check(cand) if claim_check is not None and not denied else None
        if clash is not None and not _claim_holds(clash, earlier, later):
            clash = None
        best: Found | None = None
        if clash is not None:
            best = Found(
                cand.a, cand.b, score(clash.score, close), clash.kind, clash.explanation,
                cand.similarity, verdict.label_5,
            )  # fmt: skip
        if verdict.label_3 == "Inconsistent":
            named = _evidence(ev)
            kind, why = named if named else ("topic", _earlier_later(verdict.explanation))
            value = score(EVIDENCE[kind], close)
            if best is None or value > best.score:
                best = Found(cand.a, cand.b, value, kind, why, cand.similarity, verdict.label_5)
        if best is not None and best.score >= min_score:
            out.append(replace(best, copies_a=cand.copies_a, copies_b=cand.copies_b))
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
