"""Pairing a person's statements across time (``onrecord.contradictions.pairing``), on statements
written here: what is paired, what never is, and that the work grows linearly with the statements.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from onrecord.contradictions.pairing import (
    LEAF_SIZE,
    TREES,
    WORD_CAP,
    Item,
    PairingStats,
    candidates,
    excluded,
    judge,
    pair,
    terms,
)

D = dt.date


def day(iso: str) -> tuple[dt.date, dt.date]:
    d = D.fromisoformat(iso)
    return d, d


def item(key: int, person: str, text: str, when: str, question: bool = False) -> Item:
    if len(when) == 4:  # a year
        start, end = D(int(when), 1, 1), D(int(when), 12, 31)
    else:
        start, end = day(when)
    return Item(key, person, text, start, end, question)


STATEMENTS = [
    item(1, "vidal", "We will raise the minimum wage for every worker in the state.", "2015-03-02"),
    item(2, "vidal", "We will not raise the minimum wage for workers in the state.", "2016-09-14"),
    item(3, "vidal", "We will not raise the minimum wage, and that is final.", "2015-03-02"),
    item(4, "vidal", "Will we raise the minimum wage for workers in the state?", "2017-01-05"),
    item(5, "vidal", "Taxes might go up for the middle class next year.", "2014-06-01"),
    item(6, "vidal", "Taxes will go down for the middle class next year.", "2016-06-01"),
    item(7, "ortega", "We will raise the minimum wage for every worker in the state.", "2013-05-05"),
    item(8, "vidal", "I have never met the governor of Texas.", "2016-07-27"),
    item(9, "vidal", "I met the governor of Texas at a dinner last spring.", "2013"),
    item(10, "vidal", "The new stadium will be paid for by the team owners alone.", "2014-02-02"),
]


def pairs_of(found: list) -> set[frozenset[int]]:
    return {frozenset((c.a.key, c.b.key)) for c in found}


def test_a_clear_flip_across_dates_is_paired_and_judged_inconsistent() -> None:
    found = pair(STATEMENTS)
    keys = pairs_of(found)
    assert frozenset((1, 2)) in keys
    flip = next(f for f in found if {f.a.key, f.b.key} == {1, 2})
    assert flip.a.key == 2, "the later statement comes first"
    assert flip.score >= 0.8 and flip.kind == "predicate"
    assert flip.explanation.startswith("'raise' earlier, 'not raise' later (about ")
    met = next(f for f in found if {f.a.key, f.b.key} == {8, 9})
    assert met.kind == "predicate" and "'never met' later" in met.explanation, "2013 against 2016"


def test_same_date_questions_hedges_and_other_speakers_are_not_paired() -> None:
    stats = PairingStats()
    found = candidates(STATEMENTS, stats=stats)
    keys = pairs_of(found)
    assert frozenset((1, 3)) not in keys, "said the same day: no time between them"
    assert not any(4 in k for k in keys), "a question asserts nothing"
    assert not any(5 in k for k in keys), "'might' is a hedge"
    assert not any(7 in k for k in keys), "Ortega's words are not Vidal's"
    assert stats.excluded == {"question": 1, "hedged": 1}
    for c in found:
        assert c.a.person == c.b.person
        assert c.b.end < c.a.start, "intervals do not overlap and the later statement is a"


def test_overlapping_intervals_are_not_paired() -> None:
    """'in 2013' and 'on 12 March 2013' may be the same moment: never paired."""
    year = item(1, "p", "I have met the governor of Texas many times.", "2013")
    inside = item(2, "p", "I have never met the governor of Texas.", "2013-03-12")
    later = item(3, "p", "I have never met the governor of Texas, not once.", "2014-03-12")
    keys = pairs_of(candidates([year, inside, later]))
    assert frozenset((1, 2)) not in keys and frozenset((1, 3)) in keys


def test_the_same_words_reported_twice_are_not_a_pair() -> None:
    a = item(1, "p", "The bridge will open in June.", "2015-01-01")
    b = item(2, "p", "The bridge will open in June!", "2015-02-01")
    assert candidates([a, b]) == []


def test_terms_and_exclusions() -> None:
    assert terms("He doesn't know Russia's leaders; the parties' taxes") == [
        "know",
        "russia",
        "leader",
        "party",
        "tax",
    ]
    assert excluded(item(1, "p", "Perhaps the tunnel is too expensive.", "2015")) == "hedged ('perhaps')"
    assert excluded(item(1, "p", "In May the tunnel will open to traffic.", "2015")) is None
    assert excluded(item(1, "p", "No.", "2015")) == "fewer than two content words"
    assert excluded(item(1, "p", "Is the tunnel too expensive?", "2015")) == "question"


def test_a_denial_is_the_opposite_of_its_words() -> None:
    """'She denied that she sent classified emails' says she did not; held against 'I sent classified
    emails' it clashes, held against 'I never sent classified emails' it does not."""
    said = item(1, "p", "I sent classified emails to my aides.", "2015-03-01")
    never = item(2, "p", "I never sent classified emails to my aides.", "2015-06-01")
    denied = Item(
        3, "p", "she sent classified emails to her aides", D(2016, 9, 7), D(2016, 9, 7), denied=True
    )
    found = {frozenset((f.a.key, f.b.key)): f for f in pair([said, never, denied])}
    assert frozenset((1, 3)) in found and "denied" in found[frozenset((1, 3))].explanation
    assert frozenset((2, 3)) not in found
    assert frozenset((1, 2)) in found


def test_judge_keeps_only_inconsistent_pairs() -> None:
    same = item(1, "p", "The council supports the new library on Elm Street.", "2015-01-01")
    again = item(2, "p", "The council supports the new library on Elm Street strongly.", "2016-01-01")
    assert judge(candidates([same, again])) == []


def test_a_claim_check_overrides_the_judge() -> None:
    """The ledger passes the claim-clash rule in; a clash it names makes the pair Inconsistent."""
    from onrecord.contradictions.pairing import ClaimClash

    a = item(1, "p", "I do have a relationship with the governor.", "2013")
    b = item(2, "p", "I have never met the governor, I don't know him.", "2016-07-27")
    clash = ClaimClash(0.75, "polarity", "2016-07-27: has never met; 2013: 'I do have a relationship'")
    found = pair([a, b], claim_check=lambda c: clash)
    assert len(found) == 1 and found[0].kind == "polarity"
    assert 0.6 <= found[0].score <= 0.75, "the claim's score, scaled by closeness"


# --------------------------------------------------------------------------------------------- scale


def _vocabulary() -> list[str]:
    rng = random.Random(7)
    letters = "abcdefghijklmnoprstuvwy"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(3000)]


def synthetic(n: int, seed: int = 0) -> list[Item]:
    """``n`` statements of one person: Zipf-distributed made-up words, random days over ten years."""
    vocab = _vocabulary()
    rng = random.Random(seed)
    weights = [1 / (r + 1) for r in range(len(vocab))]
    out = []
    for i in range(n):
        words = rng.choices(vocab, weights=weights, k=rng.randint(6, 14))
        start = D(2008, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        out.append(Item(i, "one", " ".join(words) + ".", start, start))
    return out


def test_small_people_are_paired_exactly() -> None:
    """Up to leaf_size statements the neighbours are exact: each statement's best partner is found."""
    items = synthetic(120)
    found = candidates(items, k=3, min_similarity=-1.0)
    import numpy as np

    from onrecord.contradictions.pairing import _lemma_vectors

    _, weights = _lemma_vectors([terms(i.text) for i in items], 16, np.random.default_rng(0))
    keys = pairs_of(found)
    for i in range(0, 120, 10):
        best = max(
            (j for j in range(120) if j != i and items[j].start != items[i].start),
            key=lambda j: sum(weights[i][w] * weights[j].get(w, 0.0) for w in weights[i]),
        )
        if set(weights[i]) & set(weights[best]):
            assert frozenset((i, best)) in keys


def test_blocking_keeps_the_work_linear() -> None:
    """Tenfold the statements, about tenfold the pairs compared and the candidates (not a hundredfold)."""
    small, large = PairingStats(), PairingStats()
    found_small = candidates(synthetic(1600), stats=small)
    found_large = candidates(synthetic(16000, seed=1), stats=large)
    assert len(found_small) <= 5 * 1600 and len(found_large) <= 5 * 16000
    per_small = small.compared / 1600
    per_large = large.compared / 16000
    assert per_large < 1.3 * per_small, (per_small, per_large)
    # Each statement meets at most trees * leaf_size others in the forest and, for each of its (at most
    # 14) words, WORD_CAP others in the inverted index; each pair is counted once.
    assert per_large <= (TREES * LEAF_SIZE + 14 * WORD_CAP) / 2, per_large
    assert large.compared < 0.25 * 16000 * 15999 / 2, "far from all pairs"


def test_neighbour_search_finds_planted_pairs() -> None:
    """Among 4,000 unrelated statements, 40 planted flips (same words, one negated) are all found."""
    items = synthetic(4000, seed=3)
    vocab = _vocabulary()
    rng = random.Random(11)
    planted = []
    for p in range(40):
        words = rng.sample(vocab[200:], 7)
        key = 10_000 + 2 * p
        items.append(Item(key, "one", "We will " + " ".join(words) + ".", D(2012, 1, 1), D(2012, 1, 1)))
        items.append(
            Item(key + 1, "one", "We will not " + " ".join(words) + ".", D(2015, 1, 1), D(2015, 1, 1))
        )
        planted.append(frozenset((key, key + 1)))
    keys = pairs_of(candidates(items))
    assert sum(p in keys for p in planted) == 40


@pytest.mark.parametrize("n", [0, 1])
def test_nothing_to_pair(n: int) -> None:
    assert candidates(STATEMENTS[:n]) == []
    assert pair(STATEMENTS[:n]) == []
