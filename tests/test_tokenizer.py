"""Reading costs linear time whatever the text: long whitespace-free runs and endless sentences are cut
before spaCy's quadratic steps see them (issue 14, item 5), and ordinary text is tokenized as before."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from onrecord import nlp, read
from onrecord.tokenizer import LONGEST_CHUNK, LinearTokenizer, slices

EXAMPLE = Path(__file__).parents[1] / "src" / "onrecord" / "examples" / "harbor-city-council.txt"


@pytest.mark.parametrize("text", ['"' * 5000, "a" * 450 + ' he said "' + "," * 999, "x " * 300, ""])
def test_slices_join_back_to_the_text_and_bound_every_run(text: str) -> None:
    pieces = list(slices(text))
    assert "".join(pieces) == text
    assert all(len(run) <= LONGEST_CHUNK for piece in pieces for run in piece.split())


def test_ordinary_text_is_tokenized_exactly_as_by_spacy() -> None:
    inner = nlp.load_base().tokenizer.inner
    text = EXAMPLE.read_text(encoding="utf-8")
    ours, theirs = LinearTokenizer(inner)(text), inner(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]


def test_a_flood_of_marks_keeps_its_text_and_each_slice_is_bounded() -> None:
    text = "He said: " + "“" * 20_000 + " and stopped."
    seen: list[str] = []
    inner = nlp.load_base().tokenizer.inner

    def spy(piece: str):  # type: ignore[no-untyped-def]
        seen.append(piece)
        return inner(piece)

    doc = LinearTokenizer(spy)(text)
    assert doc.text == text
    assert len(seen) >= 20_000 // LONGEST_CHUNK
    assert all(len(run) <= LONGEST_CHUNK for piece in seen for run in piece.split())


def test_twenty_thousand_quotation_marks_are_read_in_seconds() -> None:
    # spaCy alone took about 40 s here (n^2); sliced it is linear: a few seconds on a slow machine.
    started = time.perf_counter()
    record = read('"' * 20_000)
    assert time.perf_counter() - started < 20
    assert record.statements == []


def test_no_sentence_runs_past_the_cap_and_the_cut_falls_after_a_full_stop() -> None:
    text = " ".join(f"Ana Ruiz said item {i} was fine." for i in range(60)) + " " + "and then " * 200
    doc = nlp.load()(text)
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= nlp.LONGEST_SENTENCE
    # every sentence of the prose part still ends at its full stop
    assert all(s.text.rstrip().endswith(".") for s in list(doc.sents)[:50])


def test_a_chain_of_reported_speech_is_read_in_linear_time() -> None:
    # one endless sentence of nested reports was n^2 in the rules (1,000 links: 37 s)
    record = read('He said "x ' * 2000)
    assert record.statements


def test_no_sentence_starts_inside_a_line_right_after_a_word() -> None:
    # the small parser split "Ana | Sol | said ..." after a headline, and the statement was lost
    text = "Harbor Toll Vote Delayed\n\nAna Sol said the plan was costly. Piet Vander disagreed"
    doc = nlp.load()(text)
    assert [s.text.strip() for s in doc.sents] == [
        "Harbor Toll Vote Delayed",
        "Ana Sol said the plan was costly.",
        "Piet Vander disagreed",
    ]
    record = read(text, published="2024-03-14")
    said = [(s.speaker.text, s.content_text) for s in record.statements if s.speaker is not None]
    assert said == [("Ana Sol", "the plan was costly")]
