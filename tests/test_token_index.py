"""The per-Doc word index the rules read instead of walking every token must give what the walk gives.

The speed work of issue 18 replaced a dozen walks over every token with lookups (``tokens_with``,
``quoted_tokens``, the learned rule's running counts). A lookup that missed one token would silently
drop statements, so each is checked against the walk it replaced, on a made-up story with quotes,
names, pronouns and reporting verbs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from onrecord import nlp as nlp_module
from onrecord.attribution.quotes import quoted_tokens
from onrecord.attribution.rules.base import Builder, cue_class
from onrecord.attribution.rules.learned import _Counts
from onrecord.ingest import RawInput, load_document
from onrecord.spacy_doc import tokens_with

STORY = """Harbour board delays the ferry vote

The harbour board said on Monday that it would delay its vote on the new ferry route. "We are not
ready," said Mira Osei, who chairs the board. She told reporters the plan's costs had doubled.
According to a memo seen by the Gazette, the port's engineers warned in May that the pier was unsafe.
Osei's claims that the delay was routine were disputed by Councillor Tom Brandt, who says the board
"keeps moving the goalposts". He added: "Residents deserve an answer. They have waited long enough."
The administration declined to comment, and PortWatch.org said it would publish the minutes.
"""


@pytest.fixture(scope="module")
def doc() -> Doc:
    document = load_document(RawInput("harbour.txt", STORY.encode()), published="2026-03-04")
    nlp = nlp_module.load()
    return nlp(nlp_module.make_doc(nlp, document.text, dt.date(2026, 3, 4), document.title_span, None, []))


def test_tokens_with_finds_every_token_a_walk_finds(doc: Doc) -> None:
    for attr, values, walk in [
        ("LEMMA", {"say", "tell", "claim", "accord", "according"}, lambda t: t.lemma_.lower()),
        ("LOWER", {"he", "she", "they", "administration"}, lambda t: t.lower_),
        ("POS", {"propn"}, lambda t: t.pos_.lower()),
    ]:
        expected = [t.i for t in doc if walk(t) in values]
        assert expected, f"the story has no {attr} in {values}: the test would prove nothing"
        assert [t.i for t in tokens_with(doc, attr, values)] == expected


def test_the_builder_cues_are_the_reporting_verbs_in_order(doc: Doc) -> None:
    expected = [(t.i, cue_class(t)) for t in doc if cue_class(t) is not None]
    assert len(expected) >= 5
    assert [(t.i, cls) for t, cls in Builder(doc).cues()] == expected


def test_quoted_tokens_are_the_tokens_marked_in_quote(doc: Doc) -> None:
    marked = [t.i for t in doc if t._.in_quote is not None]
    assert marked, "the story's quotations were not found"
    assert quoted_tokens(doc) == marked
    counts = _Counts(doc)
    for start in range(0, len(doc), 7):
        end = min(len(doc), start + 9)
        span = doc[start:end]
        assert counts.any_quoted(start, end) == any(t._.in_quote is not None for t in span)
        assert counts.any_verb(start, end) == any(t.pos_ in {"VERB", "AUX"} for t in span)
