"""The common nouns and verbs of the model's own lemmatizer, and what the speakers step asks of them."""

from __future__ import annotations

import pytest
import spacy

from onrecord.attribution.word_index import WordIndex
from onrecord.base_model import load_base


@pytest.fixture(scope="module")
def words() -> WordIndex:
    return WordIndex.of(load_base())


@pytest.mark.parametrize("word", ["Teachers", "Dockers", "nurses", "Women", "churches"])
def test_the_plural_of_a_common_noun(words: WordIndex, word: str) -> None:
    assert words.singular(word) is not None


@pytest.mark.parametrize("word", ["Reuters", "News", "Politics", "Kestrel", "Okafor"])
def test_a_name_or_a_word_of_its_own_is_no_plural(words: WordIndex, word: str) -> None:
    assert words.singular(word) is None


@pytest.mark.parametrize(
    "noun", ["striker", "assistant", "investor", "narrator", "columnist", "historian", "radioman", "resident"]
)
def test_a_noun_whose_form_names_a_person(words: WordIndex, noun: str) -> None:
    assert words.names_a_person(noun)


@pytest.mark.parametrize("noun", ["average", "note", "clip", "district", "statement", "government", "man"])
def test_a_noun_whose_form_names_no_person(words: WordIndex, noun: str) -> None:
    assert not words.names_a_person(noun)


def test_a_pipeline_without_a_lemmatizer_knows_no_words() -> None:
    empty = WordIndex.of(spacy.blank("en"))
    assert empty.singular("Teachers") is None and not empty.names_a_person("striker")
