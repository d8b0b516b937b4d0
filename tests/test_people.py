"""Names across documents: normalised keys, aliases and the context score for a surname alone."""

from __future__ import annotations

import pytest

from onrecord.people import Candidate, context_scores, is_alias, middles_compatible, name_key, parse_name


@pytest.mark.parametrize(
    "written",
    ["Donald Trump", "Trump", "Mr. Trump", "Donald J. Trump", "Mr. Donald J. Trump", "TRUMP", "Trump's"],
)
def test_every_way_of_writing_trump_has_a_key_that_meets(written: str) -> None:
    parts = parse_name(written)
    assert parts is not None and parts.last == "trump"
    assert name_key(written) in {"donald trump", "trump"}


def test_titles_initials_accents_and_suffixes() -> None:
    assert name_key("Sen. Hillary Rodham Clinton") == "hillary clinton"
    assert parse_name("Hillary Rodham Clinton").middle == ("rodham",)  # type: ignore[union-attr]
    assert name_key("Enrique Peña Nieto") == "enrique nieto"
    assert name_key("Martin O’Malley") == name_key("Martin O'Malley") == "martin o'malley"
    assert name_key("Donald Trump Jr.") == "donald trump jr"  # a son is someone else
    assert name_key("President Obama") == "obama"
    assert parse_name("...") is None


def test_middle_names_must_agree_when_both_are_given() -> None:
    assert middles_compatible((), ("j",))
    assert middles_compatible(("john",), ("j",))
    assert not middles_compatible(("w",), ("h", "w"))  # George W. Bush is not George H. W. Bush


def test_aliases_are_names_not_pronouns_or_descriptions() -> None:
    assert is_alias("Mr. Trump", "Donald Trump")
    assert is_alias("Donald J. Trump", "Donald Trump")
    assert not is_alias("he", "Donald Trump")
    assert not is_alias("The real estate mogul", "Donald Trump")
    assert not is_alias("Argalov", "Aras Agalarov")  # a misspelling joins the person, not the alias list
    assert is_alias("the Kremlin", "Kremlin", organization=True) is False  # lower-case: not a name
    assert is_alias("Kremlin", "The Kremlin", organization=True)


def _cand(i: int, name: str, docs: int, written: set[str] | None = None, co: int = 0) -> Candidate:
    return Candidate(i, name, docs, frozenset(written or set()), co)


def test_context_full_name_in_text_beats_prominence() -> None:
    bill, hillary = _cand(1, "Bill Clinton", 50), _cand(2, "Hillary Clinton", 5)
    ranked = context_scores([bill, hillary], "Hillary Clinton spoke. Later Clinton said ...", ["Clinton"])
    assert ranked[0][2] is hillary


def test_context_written_form_and_company() -> None:
    bill = _cand(1, "Bill Clinton", 5, {"president clinton"}, co=3)
    hillary = _cand(2, "Hillary Clinton", 9, {"secretary clinton", "clinton"}, co=0)
    text = "President Clinton said the bridge was built. Clinton added more."
    assert context_scores([bill, hillary], text, ["President Clinton", "Clinton"])[0][2] is bill
    # With nothing to go on, the one in most documents.
    assert (
        context_scores([_cand(1, "Bill Clinton", 5), _cand(2, "Hillary Clinton", 9)], "Clinton", [])[0][2].id
        == 2
    )
