"""Pronoun gender comes from the Census first-name list, and names no list holds still resolve."""

from __future__ import annotations

import onrecord
from onrecord.attribution.first_names import gender_of_first_name


def test_the_census_list_decides_common_names_and_leaves_shared_ones_open() -> None:
    assert gender_of_first_name("Margaret") == "female"
    assert gender_of_first_name("WALTER") == "male"
    assert gender_of_first_name("Casey") is None  # common for both: no gender
    assert gender_of_first_name("Zorvath") is None  # in no list


def _speaker_of(text: str, words: str) -> str | None:
    record = onrecord.read(text, published="2024-03-05")
    stmt = next(s for s in record.statements if words in s.content_text)
    return stmt.speaker.text if stmt.speaker else None


def test_a_pronoun_never_crosses_a_listed_name_s_gender() -> None:
    text = (
        "Margaret Oyelaran-Voss chairs the harbour board. Walter Ingersby runs the ferry company.\n\n"
        "The board met on Monday. She said the fares would rise in May.\n"
    )
    assert _speaker_of(text, "fares would rise") == "Margaret Oyelaran-Voss"


def test_names_in_no_list_resolve_by_title_and_position() -> None:
    title = (
        "Ms. Ilvane Quorstadt runs the ferry. Teodric Vasskar sells tickets on the quay.\n\n"
        "The ferry was late on Monday. She said the engine had failed.\n"
    )
    assert _speaker_of(title, "engine had failed") == "Ilvane Quorstadt"
    alone = 'Oyelade Brancusk has fished the bay for thirty years.\n\n"The water is warmer," he said.\n'
    assert _speaker_of(alone, "water is warmer") == "Oyelade Brancusk"


def test_a_courtesy_title_outranks_the_name_list() -> None:
    # "Robin" is mostly a woman's name in the US list; "Mr Tallis" says this Robin is a man, so "he"
    # after his own statement is still him and not the man the story opened with
    text = (
        "Ewart Blackmoor has given the party money for years. He runs a chain of gyms.\n\n"
        "In a separate development, Robin Tallis told a lunch for journalists the vote had to be won. "
        "But he insisted the quarrels were not a problem for voters. "
        "Mr Tallis argued that the party had no rival worth the name.\n"
    )
    assert _speaker_of(text, "quarrels were not a problem") == "Robin Tallis"


def test_mr_and_one_word_is_a_surname_not_a_first_name() -> None:
    # "Mr Howard" is someone surnamed Howard, never the Howard Veltry the story opened with
    text = (
        "Sacked candidate Howard Veltry says he will fight on. His allies say they have the votes.\n\n"
        "At a news conference, Mr Howard insisted he had played by the party's rules.\n"
    )
    assert _speaker_of(text, "played by the party") == "Howard"
