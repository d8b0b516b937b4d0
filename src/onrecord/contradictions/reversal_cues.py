"""The reversal cue lists (``onrecord/data/reversal_cues.json``) as sets, and the word form they
are matched on.

The words are data so that a user can pass a list of their own through the ``onrecord_reversals``
component's ``cues`` setting, as spaCy's rulers take their patterns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Token


@dataclass(frozen=True)
class Cues:
    """The word lists of ``reversal_cues.json``, as sets."""

    alone: frozenset[str]
    particles: dict[str, frozenset[str]]
    own_object: frozenset[str]
    position_changes: frozenset[str]
    earlier_speech: frozenset[str]
    own_objects: frozenset[str]
    needs_no_owner: frozenset[str]
    self_words: frozenset[str]
    nouns: frozenset[str]
    literal_nouns: frozenset[str]
    inconsistency_nouns: frozenset[str]
    inconsistency_adjectives: frozenset[str]
    earlier_adverbs: frozenset[str]
    later_markers: frozenset[str]
    hypothetical: frozenset[str]
    refusing: frozenset[str]
    holder_nouns: frozenset[str]
    particle_needs_object: frozenset[str]
    strong: frozenset[str]
    topic_shifts: frozenset[str]
    advocate_nouns: frozenset[str]
    bipartisan: frozenset[str]
    owned_nouns: frozenset[str]
    collectives: frozenset[str]
    measures: frozenset[str]
    said_objects: frozenset[str]
    amounts: frozenset[str]
    purchases: frozenset[str]
    estimates: frozenset[str]
    bids: frozenset[str]
    movements: frozenset[str]
    regretting: frozenset[str]
    former: frozenset[str]
    opposing_nouns: frozenset[str]
    own_stances: frozenset[str]
    own_by_nature: frozenset[str]
    blaming: frozenset[str]
    trends: frozenset[str]
    maker_only: frozenset[str]


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> Cues:
    """The cue lists from ``path``, or the ones shipped with onrecord."""
    if path is None:
        raw = resources.files("onrecord").joinpath("data/reversal_cues.json").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    verbs = data["verbs"]

    def words(items: list[str]) -> frozenset[str]:
        return frozenset(w.lower() for w in items)

    return Cues(
        alone=words(verbs["reversal_alone"]),
        particles={verb: words(parts) for verb, parts in verbs["with_particle"].items()},
        own_object=words(verbs["with_own_object"]),
        position_changes=words(verbs["position_changes"]),
        earlier_speech=words(verbs["earlier_speech"]),
        own_objects=words(data["own_objects"]),
        needs_no_owner=words(data["needs_no_owner"]),
        self_words=words(data["self_words"]),
        nouns=words(data["nouns"]),
        literal_nouns=words(data.get("literal_nouns", [])),
        inconsistency_nouns=words(data["inconsistency_nouns"]),
        inconsistency_adjectives=words(data["inconsistency_adjectives"]),
        earlier_adverbs=words(data["earlier_adverbs"]),
        later_markers=words(data["later_markers"]),
        hypothetical=words(data["hypothetical"]),
        refusing=words(data["refusing"]),
        holder_nouns=words(data["holder_nouns"]),
        particle_needs_object=words(verbs["particle_needs_object"]),
        strong=words(verbs["strong"]),
        topic_shifts=words(verbs["topic_shifts"]),
        advocate_nouns=words(data["advocate_nouns"]),
        bipartisan=words(data["bipartisan"]),
        owned_nouns=words(data["owned_nouns"]),
        collectives=words(data["collectives"]),
        measures=words(data["measures"]),
        said_objects=words(data.get("said_objects", [])),
        amounts=words(data.get("amounts", [])),
        purchases=words(data.get("purchases", [])),
        estimates=words(data.get("estimates", [])),
        bids=words(data.get("bids", [])),
        movements=words(data.get("movements", ["go"])),
        regretting=words(data.get("regretting", [])),
        former=words(data.get("former", [])),
        opposing_nouns=words(data.get("opposing_nouns", [])),
        own_stances=words(data.get("own_stances", [])),
        own_by_nature=words(verbs.get("own_by_nature", [])),
        blaming=words(verbs.get("blaming", [])),
        trends=words(data.get("trends", [])),
        maker_only=words(data.get("maker_only", [])),
    )


def lemma_of(tok: Token) -> str:
    """The form a word is looked up in the lists by: its lemma, lower-cased ("Backtracked" is
    "backtrack")."""
    return tok.lemma_.lower()
