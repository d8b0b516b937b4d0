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


def test_a_courtesy_title_outranks_the_name_list_for_a_shared_name() -> None:
    # "Kim" is mostly a woman's name in the US list, and women and men both bear it; "Mr Marwick" says
    # which this one is, so "He" is him and not the other man of the story
    text = (
        "Kim Marwick chairs the school board. Tomas Reyna teaches chemistry at the high school.\n\n"
        "Mr Marwick opened the meeting on Monday. He said the roof would be repaired by spring.\n"
    )
    assert _speaker_of(text, "roof would be repaired") == "Kim Marwick"


def test_a_title_never_overrules_a_settled_first_name() -> None:
    # "John" is a man's name in the list; "Mrs Tallis" is his wife more often than a woman called John
    text = "John Tallis said the vote was won. Mrs Tallis said it was lost. He said it was close.\n"
    assert _speaker_of(text, "it was close") == "John Tallis"


def test_mr_and_one_word_is_a_surname_not_a_first_name() -> None:
    # "Mr Warren" is someone surnamed Warren, never the Warren Teague the story opened with
    text = (
        "Warren Teague coaches the visiting side.\n\n"
        "After the match, Mr Warren said the pitch had been fit to play.\n"
    )
    assert _speaker_of(text, "fit to play") == "Warren"
