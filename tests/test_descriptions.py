"""Descriptions and organisations: who "the Florida senator" or "the company" is, in news-shaped prose.

Each case is a short passage written for the test in the way wire copy re-describes people; the
PolNeAR-based figure lives in tests/test_speaker_resolution.py.
"""

from __future__ import annotations

import pytest

from onrecord import read
from onrecord.attribution.organizations import COMPANY, GOVERNMENT, GROUP, MEDIA, fits, kind_of

PUB = "2024-03-14"


def speaker_of(text: str, cue: str) -> str | None:
    """The resolved speaker name of the statement whose cue is ``cue``."""
    every = read(text, published=PUB).statements
    found = [s for s in every if s.cue and s.cue.text == cue]
    assert found, [(s.cue.text if s.cue else None, s.content_text) for s in every]
    return found[0].speaker.text if found[0].speaker and found[0].speaker.person else None


def test_party_and_state_after_a_name_tell_two_senators_apart() -> None:
    text = (
        "Sen. Dana Whitfield (R-Fla.) and Sen. Owen Marsh (D-Vt.) met on Tuesday to discuss the bill. "
        "Whitfield called the meeting useful. Marsh left early.\n\n"
        "The Florida senator said the vote would come in April."
    )
    assert speaker_of(text, "said") == "Dana Whitfield"


def test_another_state_rules_a_senator_out() -> None:
    text = (
        "Sen. Owen Marsh of Vermont spoke first at the hearing. Rep. Carla Diaz also attended.\n\n"
        "Gov. Rafael Ortiz of Texas arrived later.\n\n"
        "The Vermont senator said the hearing had been fair."
    )
    assert speaker_of(text, "said") == "Owen Marsh"


def test_an_appositive_description_belongs_to_the_name_beside_it() -> None:
    text = (
        "Hannah Price, the former secretary of state, spoke in Denver. Owen Marsh, the senator from "
        "Vermont, spoke in Boston.\n\nThe former secretary of state said the race was close."
    )
    assert speaker_of(text, "said") == "Hannah Price"


def test_a_gendered_role_noun_skips_a_woman() -> None:
    text = (
        "Hannah Price spoke on Monday. She praised the plan. Gerald Moss, who owns three hotels, was in "
        "the room. Price spoke again on Tuesday.\n\nThe New York businessman said he would invest."
    )
    assert speaker_of(text, "said") == "Gerald Moss"


def test_a_journalist_is_not_the_senator() -> None:
    text = (
        "CNN's Laura Kemp asked Owen Marsh about the bill on Sunday. Kemp pressed him twice.\n\n"
        '"I have never changed my view," the senator said.'
    )
    assert speaker_of(text, "said") == "Owen Marsh"


def test_the_company_skips_the_union_quoted_before_it() -> None:
    text = (
        "Harbor Telecom and the Communications Workers of America reached a deal on Friday. "
        "The Communications Workers of America said members would vote next week.\n\n"
        "The company said the deal was fair to everyone."
    )
    found = [s for s in read(text, published=PUB).statements if s.content_text.startswith("the deal")]
    assert found and found[0].speaker.text == "Harbor Telecom"


def test_kinds_of_organisation_names() -> None:
    assert kind_of(["Orlando", "Sentinel"]) == MEDIA
    assert kind_of(["Fox", "35"]) == MEDIA
    assert kind_of(["GunBroker.com"]) == COMPANY
    assert kind_of(["Justice", "Department"]) == GOVERNMENT
    assert kind_of(["Trayvon", "Martin", "Foundation"]) == GROUP
    assert kind_of(["Verizon"]) == ""
    assert fits("company", ["Verizon"])
    assert not fits("company", ["Communications", "Workers", "of", "America"])
    assert fits("council", ["St.", "Paul", "City", "Council"])
    assert not fits("group", ["AP"])


def test_a_persons_administration_is_an_organisation_that_speaks() -> None:
    text = (
        "Mayor Lena Ortiz took office in 2022. Tensions grew between city Democrats and the Ortiz "
        "administration over the toll. The City Hall "
        "press office stayed silent on Monday.\n\nThe administration said the toll would stay."
    )
    assert speaker_of(text, "said") == "the Ortiz administration"


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Nordvik Bank will cut 400 jobs over two years, the lender said on Thursday.", "Nordvik Bank"),
        (
            "Kestrel Air cancelled 40 flights on Monday. The carrier said the strike would last a week.",
            "Kestrel Air",
        ),
        ("Kestrel Steel cut its forecast. The exporter said demand had slumped.", "Kestrel Steel"),
    ],
)
def test_business_news_names_a_company_by_its_trade(text: str, company: str) -> None:
    # "the lender", "the carrier": the company the story named, not an unnamed source
    assert speaker_of(text, "said") == company


def test_a_web_address_is_a_company() -> None:
    text = (
        "The rifle was listed on GunTrader.com on Monday by Dale Moss. Moss declined to comment.\n\n"
        "The company said it had removed the listing."
    )
    assert speaker_of(text, "said") == "GunTrader.com"


def test_a_name_that_only_owns_the_speaker_names_nobody() -> None:
    # "Varga's lawyer" and "some of Varga's allies" are unnamed sources; "Varga's lawyer, Ian Holt" is not.
    for subject in ("Some of Varga’s allies", "Varga's lawyer"):
        said = read(f"{subject} said the recount was unlawful.", published=PUB).statements[0]
        assert said.speaker is not None and not said.speaker.named, subject
        assert said.speaker.description == subject
    named = read("Varga's lawyer, Ian Holt, said the recount was unlawful.", published=PUB).statements[0]
    assert named.speaker is not None and named.speaker.named and named.speaker.text == "Ian Holt"


@pytest.mark.parametrize("outlet", ["Reuters", "Wikileaks"])
def test_a_word_before_a_title_and_a_name_is_the_names_modifier_not_the_speaker(outlet: str) -> None:
    text = (
        "There was no word from the council but the groups welcomed the decision.\n"
        f'{outlet} editor-in-chief Einar Gunnarsson said: "Let us now focus on the river."'
    )
    assert speaker_of(text, "said") == "Einar Gunnarsson"
