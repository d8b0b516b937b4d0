"""Descriptions and organisations: who "the Florida senator" or "the company" is, in news-shaped prose.

Each case is a short passage written for the test in the way wire copy re-describes people; the
PolNeAR-based figure lives in tests/test_speaker_resolution.py.
"""

from __future__ import annotations

import pytest

from onrecord import read
from onrecord.attribution.organizations import COMPANY, GOVERNMENT, GROUP, MEDIA, PARTY, POLICE, fits, kind_of

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


def test_a_deputy_is_not_the_office_itself() -> None:
    # "the prime minister" once "Deputy Prime Minister Oskar Lindqvist" is named is still the woman
    # the story is about, and "the president" is not the vice president named last
    text = (
        "Marchetti dismisses handover claim\n\n"
        "Ines Marchetti has dismissed reports that she promised to stand down before the election.\n\n"
        "At a dinner hosted by Deputy Prime Minister Oskar Lindqvist last spring, she spoke of her plans.\n\n"
        'The prime minister said: "I have never made such a promise."'
    )
    assert speaker_of(text, "said") == "Ines Marchetti"
    text = (
        "Quint praises talks\n\n"
        "President Mara Quint flew to Lisbon on Monday. Vice President Tobias Renn stayed in the capital "
        "to meet union leaders.\n\nThe president said the talks had gone well."
    )
    assert speaker_of(text, "said") == "Mara Quint"


def test_one_person_is_not_called_by_two_offices() -> None:
    # the story called Marchetti "the prime minister": "the chancellor" is someone else, the man named
    text = (
        "Marchetti dismisses handover claim\n\n"
        "Ines Marchetti has dismissed reports that she promised to hand power to Oskar Lindqvist.\n\n"
        '"It is nonsense," the prime minister told reporters on Sunday. Marchetti added that Lindqvist '
        "had her full support.\n\n"
        "The chancellor said he had not been consulted about the reshuffle."
    )
    assert speaker_of(text, "said") == "Oskar Lindqvist"


def _people_with_labels(text: str, labels: dict[str, list[str]]) -> dict[str, str]:
    """The people step over a parsed story whose recognizer labels are set by hand: ``labels`` gives,
    for a phrase, the label of each of its occurrences in order (the small model's labels of one word
    swing from sentence to sentence, and the test must not hang on which way they swing)."""
    from spacy.tokens import Span

    from onrecord import nlp
    from onrecord.attribution.mentions import people_component
    from onrecord.attribution.word_index import WordIndex

    pipeline = nlp.load()
    doc = pipeline(text)
    spans: list[Span] = []
    for phrase, kinds in labels.items():
        start = 0
        for label in kinds:
            at = text.index(phrase, start)
            while any(s.start_char <= at < s.end_char for s in spans):  # "Varga" inside "Tomas Varga"
                at = text.index(phrase, at + 1)
            spans.append(doc.char_span(at, at + len(phrase), label=label))
            start = at + len(phrase)
    for tok in doc:
        tok._.person = None
    doc.ents = sorted(spans, key=lambda s: s.start)
    assert all(isinstance(s, Span) for s in doc.ents)
    return {p.name: p.kind for p in people_component(doc, WordIndex.of(pipeline))._.people}


def test_a_lone_word_the_recognizer_also_calls_a_body_is_no_person() -> None:
    text = (
        "Harbour plan vote\n\n"
        "Vantrell has opposed the harbour plan since May. Vantrell said on Monday the plan would cost "
        "jobs, and Lena Okafor, the mayor, said she would listen. Okafor said Vantrell could appeal."
    )
    labels = {"Vantrell": ["ORG", "PERSON", "ORG"], "Lena Okafor": ["PERSON"], "Okafor said": ["ORG"]}
    people = _people_with_labels(text, labels)
    assert people.get("Vantrell") != "person"
    # a surname beside the full name stays the person's, whatever the label of that one mention
    assert people.get("Lena Okafor") == "person"
    # a word that is no English word, called a person as often as a body: a name ("Akon")
    people = _people_with_labels(text, {"Vantrell": ["PERSON", "ORG"], "Lena Okafor": ["PERSON"]})
    assert people.get("Vantrell") == "person"
    # a common English word called a person as often as a body is a body's name ("Labour", "Telegraph")
    text = "Toll vote\n\nHarbour backed the toll in May. On Monday, Harbour said the toll would stay."
    assert _people_with_labels(text, {"Harbour": ["ORG", "PERSON"]}).get("Harbour") != "person"
    # a surname whose full name the recognizer called a body or a place is still the player's
    text = (
        "Open semi-final\n\nTomas Varga beat the top seed in four sets. Varga said he had never played "
        "better, and Varga will meet the champion on Sunday."
    )
    people = _people_with_labels(text, {"Tomas Varga": ["ORG"], "Varga": ["PERSON", "GPE"]})
    assert "person" in {kind for name, kind in people.items() if name.endswith("Varga")}
    # a longer name tagged a body, whose words say nothing of a body, does not vote: a first name the
    # list may not know ("Tavish Varga")
    text = text.replace("Tomas", "Tavish")
    people = _people_with_labels(text, {"Tavish Varga": ["ORG"], "Varga": ["PERSON", "GPE"]})
    assert "person" in {kind for name, kind in people.items() if name.endswith("Varga")}


def test_the_other_bodies_are_not_the_one_named_last() -> None:
    text = (
        "Harbour plan vote\n\n"
        "The Harbour Party has promised to scrap the toll. The other parties insist that the toll must "
        "stay. The party said its sums added up."
    )
    every = read(text, published=PUB).statements
    other = next(s for s in every if "toll must stay" in s.content_text)
    assert other.speaker is not None and other.speaker.person is None
    party = next(s for s in every if "sums added up" in s.content_text)
    assert party.speaker is not None and party.speaker.person is not None  # "the party": the one named


def _said_by(text: str, words: str) -> tuple[str, str] | None:
    """The name and kind of the person or body the statement opening with ``words`` is resolved to."""
    result = read(text, published=PUB)
    people = {p.id: (p.name, p.kind) for p in result.people}
    said = next(s for s in result.statements if s.content_text.startswith(words))
    return people.get(said.speaker.person) if said.speaker and said.speaker.person else None


def test_letters_after_a_name_are_a_persons_not_part_of_it() -> None:
    text = (
        "Inquest verdict challenged\n\n"
        "The family of a teenager who died at Marlow Park will appeal against the inquest verdict.\n\n"
        "Speaking outside the court, Nicola Hartwell QC said the coroner had ignored crucial evidence. "
        "Local MP Daniel Ashby said he would raise the case in Parliament, and former health minister "
        "Ruth Caldwell MP said the hospital had questions to answer."
    )
    assert _said_by(text, "the coroner") == ("Nicola Hartwell", "person")
    assert _said_by(text, "the hospital") == ("Ruth Caldwell", "person")
    text = (
        "Library closures paused\n\n"
        "Campaigner Edith Sharp MBE, who organised the protest, said more than 3,000 people had signed a "
        'petition.\n\n"Libraries are not a luxury," Sharp said.'
    )
    assert _said_by(text, "more than") == _said_by(text, "Libraries") == ("Edith Sharp", "person")


def test_a_name_that_says_it_is_a_paper_is_a_body_and_the_papers_are_several() -> None:
    text = (
        "Harbour plan vote\n\n"
        "The Harbour Party has promised to scrap the toll, according to reports in the Marlow Gazette and "
        "the Kestrel Herald. The papers said the party had costed the plan. The Gazette said it had seen "
        "the figures."
    )
    result = read(text, published=PUB)
    kinds = {p.name: p.kind for p in result.people}
    assert kinds.get("Marlow Gazette") == "organization" and kinds.get("Kestrel Herald") != "person"
    papers = next(s for s in result.statements if "costed" in s.content_text)
    assert papers.speaker is not None and papers.speaker.person is None


def test_a_name_the_recognizer_calls_a_body_is_a_person_by_the_role_set_after_it() -> None:
    text = (
        "Rift at Tarrow Mills\n\n"
        "The two most senior figures at Tarrow Mills disagree about selling its paper business.\n\n"
        "Martin Oyelowo, the chairman, wants a sale, while chief executive Ines Marchetti wants to keep "
        "the business.\n\nThe chairman said the paper business had lost money for three years."
    )
    assert speaker_of(text, "said") == "Martin Oyelowo"
    # and when the recognizer calls the name a body, as it may: the role after it says it is his
    assert _people_with_labels(text, {"Martin Oyelowo": ["ORG"]}).get("Martin Oyelowo") == "person"


def test_a_rank_keeps_apart_only_the_office_it_names() -> None:
    # a junior minister is a minister; the deputy prime minister is a minister, not the prime minister
    text = (
        "School visit\n\nJunior minister Carl Odell visited the school on Monday. The minister said the "
        "roof would be fixed."
    )
    assert speaker_of(text, "said") == "Carl Odell"
    text = (
        "Hospital wing opens\n\nDeputy Prime Minister Ivo Tamm opened the new hospital wing on Friday. "
        "The minister said it would treat 5,000 patients a year."
    )
    assert speaker_of(text, "said") == "Ivo Tamm"
    # the mayor is not the assistant mayor named last
    text = (
        "Car park sale\n\nDenise Okoro, elected mayor two years ago, opposes the sale. Assistant Mayor Colin "
        'Rush has backed it.\n\nThe mayor said: "Selling off public land is short-sighted."'
    )
    assert speaker_of(text, "said") == "Denise Okoro"


def test_offices_one_person_may_hold_together_do_not_rule_each_other_out() -> None:
    text = (
        "Border plan\n\nRhona Tate set out the border plan on Monday. The home secretary said checks would "
        "double. Later, the minister told reporters the plan was affordable."
    )
    assert speaker_of(text, "told") == "Rhona Tate"


def test_a_person_named_like_a_body_keeps_the_word_or_age_beside_the_name() -> None:
    # first names the Census list does not know, surnames that are a body's words ("Standard",
    # "House"): the recognizer's person stays one when an age or a word for a person is set beside it
    text = "Court case\n\nKofi Standard, 34, said he had been at home all evening."
    assert _people_with_labels(text, {"Kofi Standard": ["PERSON"]}).get("Kofi Standard") == "person"
    text = "Surgery\n\nSurgeon Oisin House said the operation had gone well."
    assert _people_with_labels(text, {"Oisin House": ["PERSON"]}).get("Oisin House") == "person"
    # with neither, the words say a body: "Tomos Herald said" is a paper
    text = "Surgery\n\nTomos Herald said the operation had gone well."
    assert _people_with_labels(text, {"Tomos Herald": ["PERSON"]}).get("Tomos Herald") != "person"


def test_a_party_named_by_its_members_speaks_and_is_the_party_said_later() -> None:
    # "the Lib Dems", "Democrats", "Tories": a party called by its members' name is a body whatever the
    # recognizer calls it, and "the party said" after it is that party, not nobody
    text = (
        "Tax plan attacked\n\n"
        "The Liberal Democrats have attacked the council tax plan. Party leader Ruth Okonjo said it was "
        "unfair.\n\n"
        "The Lib Dems said the tax would hit pensioners hardest. The party said it would vote against it."
    )
    labels = {"Liberal Democrats": ["NORP"], "Ruth Okonjo": ["PERSON"], "Lib Dems": ["PERSON"]}
    people = _people_with_labels(text, labels)
    # people lists persons, and bodies only once they speak: neither party is a person here, and
    # "Liberal" is a word for a person but "Democrats" no name after it
    assert people == {"Ruth Okonjo": "person"}
    assert _said_by(text, "the tax would hit") == ("Lib Dems", "organization")
    assert _said_by(text, "it would vote against") == ("Lib Dems", "organization")
    text = "Budget vote\n\nDemocrats argued the bill was too costly. The party said it would block the bill."
    assert _people_with_labels(text, {"Democrats": ["PERSON"]}) == {}
    assert _said_by(text, "it would block") == ("Democrats", "organization")


def test_the_party_is_not_a_company_or_the_council_a_party() -> None:
    assert kind_of(["Lib", "Dems"]) == PARTY
    assert kind_of(["Labour"]) == PARTY
    assert kind_of(["Conservative", "Association"]) == GROUP
    # "the party" is a body whose name says it is a party: a name that tells no kind ("Maastricht
    # Treaty", "Central Office") is no more likely to be one than a company
    assert fits("party", ["Harbour", "Party"])
    assert not fits("party", ["Marlow", "Treaty"])
    assert not fits("party", ["Harbor", "Telecom", "Inc"])
    assert not fits("council", ["Lib", "Dems"])
    # "the force" is a police force, not the office that looks into it
    assert kind_of(["Harlow", "Police"]) == POLICE
    assert kind_of(["Independent", "Office", "for", "Police", "Conduct"]) == GOVERNMENT
    assert fits("force", ["Harlow", "Police"])
    assert not fits("force", ["Independent", "Office", "for", "Police", "Conduct"])


def test_it_is_the_body_that_answered_not_the_one_that_spoke_before() -> None:
    text = (
        "Port jobs row\n\n"
        "The Harbor Workers Union said Castellan Holdings was cutting 200 jobs. Castellan Holdings denied "
        "the claim on Monday. It said no jobs would go."
    )
    assert _said_by(text, "no jobs would go") == ("Castellan Holdings", "organization")
    # a body named inside what the union said is not the one that answered
    text = (
        "Port jobs row\n\n"
        "The Harbor Workers Union said Castellan Holdings was cutting 200 jobs. It said members would "
        "strike."
    )
    assert _said_by(text, "members would strike") == ("Harbor Workers Union", "organization")


def test_a_party_word_before_a_members_name_is_not_part_of_it_and_a_named_party_is_itself() -> None:
    text = (
        "Nuclear waste row\n\n"
        "The Liberal Democrats have attacked the plan. Lib Dem Hamish Okoro said it was a disgrace. "
        "The Labour party said the Liberal Democrats had no plan of their own."
    )
    assert _said_by(text, "it was a disgrace") == ("Hamish Okoro", "person")
    # "The Labour party" names its party: not "the party" that was named last
    said = _said_by(text, "the Liberal Democrats had")
    assert said is not None and said[0].startswith("Labour")


def test_a_bodys_shortened_name_is_the_same_body() -> None:
    from onrecord.attribution.mentions import Registry

    reg = Registry()
    party = reg.new(["Lib", "Dems"], kind="organization")
    assert reg.organization_named(["Liberal", "Democrats"]) is party
    party.spell_out(["Liberal", "Democrats"])
    assert party.tokens == ["Liberal", "Democrats"]  # the fuller name wins
    assert reg.organization_named(["Lib", "Dems"]) is party
    assert reg.organization_named(["Liberal", "Party"]) is None  # one word alike is not enough
    assert reg.organization_named(["Li", "Democrats"]) is None  # nor two letters
    # a name's start that long is another name
    force = reg.new(["Kenton", "Police"], kind="organization")
    group = reg.new(["Woodside", "Group"], kind="organization")
    assert reg.organization_named(["Kent", "Police"]) is None
    assert reg.organization_named(["Wood", "Group"]) is None
    force.spell_out(["Kent", "Police"])
    group.spell_out(["Wood", "Group"])
    assert (force.tokens, group.tokens) == (["Kenton", "Police"], ["Woodside", "Group"])


def test_the_party_is_the_body_the_story_is_about_not_the_one_named_last() -> None:
    # a party whose name tells no kind ("the KPR") is "the party" when the sentences before are about
    # it; the firm named after it is no party
    text = (
        "Housing plan defended\n\n"
        "The KPR has defended a deal with Stenhouse Developments to build 400 homes in Marlow. The party "
        "said the first homes would be ready next year."
    )
    assert _said_by(text, "the first homes") == ("KPR", "organization")


def test_an_office_named_before_its_holder_is_the_holder_named_next() -> None:
    text = (
        "Flood funding row\n\n"
        "The mayor of Tarrow Shire said on Tuesday that the state government had abandoned flooded "
        "towns.\n\n"
        "Mayor Ewan Castell told a meeting on Wednesday that the council had spent $6 million of its own. "
        '"We were told the cheque was in the mail," Cr Castell said.\n\n'
        "Harlow Police said two roads were closed. The force said they would reopen on Friday."
    )
    assert _said_by(text, "the state government") == ("Ewan Castell", "person")
    assert _said_by(text, "We were told") == ("Ewan Castell", "person")  # "Cr": a councillor's title
    assert _said_by(text, "they would reopen") == ("Harlow Police", "organization")  # a police force


def test_a_word_for_a_person_styled_as_a_title_makes_a_name_a_persons() -> None:
    # the recognizer calls such names a body or a place; the first names are not on the Census list,
    # and the surnames may be a body's word or a common one
    text = (
        "Ward closures\n\n"
        "At the Gadau General Hospital, Nurse Hauwa Tanko said the ward was full. Nurse Aoife Church said "
        "staff were exhausted."
    )
    labels = {"Gadau General Hospital": ["ORG"], "Nurse Hauwa Tanko": ["GPE"], "Nurse Aoife Church": ["ORG"]}
    assert _people_with_labels(text, labels) == {"Hauwa Tanko": "person", "Aoife Church": "person"}
    # a body's word as a first name is no one's ("Nurse Council Hall")
    text = "Ward closures\n\nNurse Council Hall said the ward was full."
    assert _people_with_labels(text, {"Nurse Council Hall": ["ORG"]}) == {}


def test_a_name_set_after_a_descriptions_of_phrase_is_the_descriptions() -> None:
    text = (
        "Cholera outbreak\n\n"
        "Dr Zainab Okonkwo said the outbreak was traced to three wells.\n\n"
        "The chairman of Gadau Local Government, Alhaji Ibrahim Danlami, said the council had sent two "
        "water tankers."
    )
    assert _said_by(text, "the council had sent") == ("Ibrahim Danlami", "person")  # "Alhaji": a title


def test_the_force_is_a_police_force_named_before_and_no_other_force() -> None:
    text = (
        "Crash\n\n"
        "Marlow Police said the road was closed. The task force said 40 homes were evacuated. The air force "
        "said the pilot ejected safely. The department said officers were searching for a grey van."
    )
    assert _said_by(text, "40 homes") is None
    assert _said_by(text, "the pilot ejected") is None
    assert _said_by(text, "officers were searching") == (
        "Marlow Police",
        "organization",
    )  # a police department
    # a force named only after "the force" spoke is not it
    text = "Patrols\n\nThe force said patrols would increase. Later, Harlow Police said two men were held."
    assert _said_by(text, "patrols would increase") is None


def test_it_is_not_a_body_inside_what_it_says() -> None:
    text = (
        "Profits\n\n"
        "The Tanner Workers Union said Halvorsen Holdings was cutting jobs. Halvorsen Holdings had also cut "
        "overtime, it said."
    )
    assert _said_by(text, "Halvorsen Holdings had also") == ("Tanner Workers Union", "organization")


def test_a_party_word_that_is_a_first_name_and_a_party_named_as_an_alliance() -> None:
    text = "Book prize\n\nNovelist Tory Ann Beckett said the book took ten years."
    assert _said_by(text, "the book took") == ("Tory Ann Beckett", "person")
    text = (
        "Coalition talks\n\n"
        "The Progressive Alliance said it would not join the coalition. The party said voters want change."
    )
    assert _said_by(text, "voters want") == ("Progressive Alliance", "organization")


def test_a_rank_inside_a_name_keeps_it_a_persons_whatever_its_body_words() -> None:
    text = (
        "Theft of hurleys\n\n"
        "Garda Sergeant Clodagh Bishop told the court the hurleys had been taken from the club. She said "
        "the accused had made full admissions."
    )
    people = _people_with_labels(text, {"Garda Sergeant Clodagh Bishop": ["PERSON"]})
    assert [kind for name, kind in people.items() if name.endswith("Clodagh Bishop")] == ["person"]


def test_a_place_before_a_bodys_word_describes_the_body_named_before() -> None:
    # "The Labour party" is named by its name; "the South Yorkshire company" only described by a place
    text = (
        "Coal losses\n\n"
        "Shares in Corvane Holdings fell 10% after the miner blamed flooding for its losses. The South "
        "Yorkshire company said it hoped to return to profit in 2026."
    )
    assert _said_by(text, "it hoped to return") == ("Corvane Holdings", "organization")
