"""The text-scrape cleaner on the seed scrape, on clean text, on a made-up scrape, and as a property."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from onrecord.ingest.text import classify_line, clean_scrape, parse_date

SEED_KINDS = {
    "site chrome": {"site-chrome"},
    "image label": {"caption"},
    "caption and photo credit": {"caption", "credit"},
    "related link": {"related-link"},
    "embed teaser": {"embed-teaser"},
}


@pytest.mark.shared
def test_seed_scrape_matches_the_gold() -> None:
    text = shared_path("corpus", "seed", "nbc-2016-trump-putin-moscow.txt").read_text(encoding="utf-8")
    gold = json.loads(shared_path("gold", "nbc-2016-trump-putin-moscow.json").read_text(encoding="utf-8"))
    cleaned = clean_scrape(text)

    assert [r.text for r in cleaned.removed] == [g["text"] for g in gold["not_article_text"]]
    for removed, g in zip(cleaned.removed, gold["not_article_text"], strict=True):
        assert removed.kind in SEED_KINDS[g["kind"]], (removed, g)

    assert cleaned.title == gold["title"]
    assert cleaned.title_span is not None
    assert cleaned.text[slice(*cleaned.title_span)] == gold["title"]
    assert cleaned.dek_span is not None
    assert cleaned.text[slice(*cleaned.dek_span)] == gold["dek"]
    assert cleaned.published is None  # the scrape carries no date; the caller supplies it

    # Every other line is kept byte for byte, and the story sentence about the music video stays.
    kept = set(cleaned.text.split("\n"))
    removed = {g["text"] for g in gold["not_article_text"]}
    for line in text.split("\n"):
        if line.strip() and line not in removed:
            assert line in kept
    assert "making a cameo in his music video" in cleaned.text
    assert "\n\n\n" not in cleaned.text
    assert not cleaned.text.startswith("\n") and not cleaned.text.endswith("\n")


CLEAN = """Senate Passes Budget Bill

The Senate passed the budget bill on Friday by a vote of 52 to 48.


Senator Maria Lopez said the bill would “fund the roads we drive on every day.”
It now goes to the House, where a vote is expected next week, Lopez said."""


def test_clean_text_passes_through_unchanged() -> None:
    cleaned = clean_scrape("\n\n" + CLEAN + "\n")
    assert cleaned.text == CLEAN
    assert cleaned.removed == []
    assert cleaned.title == "Senate Passes Budget Bill"
    assert cleaned.dek_span is None  # a one-sentence first paragraph with nothing marking a body after it


SCRAPE = """Skip to main content
Mayor Vows to Fix City Bridges After Collapse

The mayor said repairs would begin within weeks.

By JANE DOE and JOHN ROE
Updated 3:05 PM EDT Mar 4, 2021
Advertisement

SPRINGFIELD, Ill. (AP) — Mayor Tom Hill said on Tuesday that every bridge in the city would be \
inspected before the summer, a day after a footbridge collapsed near the river.
Share this article
Workers clear debris from the collapsed footbridge on Monday.Jane Smith / AP

"We will not wait for another accident," Hill told reporters. A video of the collapse, filmed by a \
jogger, has been viewed more than a million times.

Related: Inspectors Warned of Cracks Two Years Ago

Watch: Drone footage shows the damaged bridge

Council member Rosa Diaz said the city had ignored warnings for years.
Follow us on Twitter
"""


def test_made_up_scrape() -> None:
    cleaned = clean_scrape(SCRAPE)
    assert [(r.kind, r.text) for r in cleaned.removed] == [
        ("site-chrome", "Skip to main content"),
        ("byline", "By JANE DOE and JOHN ROE"),
        ("byline", "Updated 3:05 PM EDT Mar 4, 2021"),
        ("ad", "Advertisement"),
        ("site-chrome", "Share this article"),
        ("caption", "Workers clear debris from the collapsed footbridge on Monday.Jane Smith / AP"),
        ("related-link", "Related: Inspectors Warned of Cracks Two Years Ago"),
        ("embed-teaser", "Watch: Drone footage shows the damaged bridge"),
        ("site-chrome", "Follow us on Twitter"),
    ]
    assert cleaned.published == "2021-03-04"
    assert cleaned.title == "Mayor Vows to Fix City Bridges After Collapse"
    assert cleaned.dek_span is not None
    assert cleaned.text[slice(*cleaned.dek_span)] == "The mayor said repairs would begin within weeks."
    assert "A video of the collapse, filmed by a jogger" in cleaned.text  # a story sentence about a video
    assert "SPRINGFIELD, Ill. (AP) — Mayor Tom Hill" in cleaned.text  # the dateline is part of the text
    assert "\n\n\n" not in cleaned.text


def test_dateline_with_a_full_date_sets_published_and_stays_in_text() -> None:
    text = (
        "Putin Welcomes Talks\n\n"
        "MOSCOW, July 27, 2016 — Russian President Vladimir Putin said on Wednesday that he would welcome "
        "talks with the next U.S. president.\n\n"
        "The Kremlin did not say when such talks could take place."
    )
    cleaned = clean_scrape(text)
    assert cleaned.published == "2016-07-27"
    assert cleaned.text == text
    assert clean_scrape(text.replace(", 2016", "")).published is None  # no year, no date


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            "IE 11 is not supported. For an optimal experience visit our site on another browser.",
            "site-chrome",
        ),
        ("This site uses cookies to improve your experience.", "site-chrome"),
        ("Sign up for our newsletter", "site-chrome"),
        ("Facebook Twitter Email Print", "site-chrome"),
        ("Follow NBC News on Instagram", "site-chrome"),
        ("© 2016 NBCUniversal", "site-chrome"),
        ("ADVERTISEMENT", "ad"),
        ("Story continues below advertisement", "ad"),
        ("Photo: Reuters", "credit"),
        ("(Photo by Mandel Ngan/AFP via Getty Images)", "credit"),
        ("AP Photo/Evan Vucci", "credit"),
        ("Getty Images", "credit"),
        ("Bloomberg via Getty Images.", "credit"),
        ("ABSTRACT.", "site-chrome"),
        ("FULL TEXT", "site-chrome"),
        ("Obituary.", "site-chrome"),
        ("LENGTH: 812 words", "site-chrome"),
        ("Image: Protesters outside the Capitol", "caption"),
        ("Protesters gather outside the Capitol on Monday. Jane Doe / Reuters", "caption"),
        ("A cross-section of the planned depot, bus bays on the left. Credit: Kelso Council", "caption"),
        ("The new depot at dusk. Photo credit: J. Vale / Kelso Courier", "caption"),
        ("Read more: Trump's Russia ties explained", "related-link"),
        ("ALSO READ | Putin denies meeting", "related-link"),
        ("Click here to see the full interview", "embed-teaser"),
        ("VIDEO: Trump on Putin", "embed-teaser"),
        ("See the moment the bridge fell in the video below", "embed-teaser"),
        ("By Jane Doe", "byline"),
        ("By Jane Doe | NBC News", "byline"),
        ("Jane Doe, Senior Political Reporter", "byline"),
        ("Reporting by Jane Doe; Editing by John Roe", "byline"),
        ("Published July 28, 2016", "byline"),
        ("July 28, 2016, 2:06 PM EDT", "byline"),
        ("July 28, 2016, 2:06 PM EDT / Source: NBC News", "byline"),
        ("Last updated on March 4, 2021 at 10:15 a.m. ET", "byline"),
        ("3 hours ago", "byline"),
    ],
)
def test_clutter_lines_by_shape(line: str, kind: str) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "By the time the vote was called, most members had left.",
        "By Tuesday, the storm had passed.",
        "Related charges were filed against two other men last year.",
        "More than 200 people attended the rally.",
        "More: the budget also cuts school funding by 3 percent, according to the documents.",
        "See you in court, Trump told the reporters.",
        "Watch what we do, not what we say, the minister said.",
        "Watch Trump speak at the rally tonight, his campaign urged supporters in an email.",
        "Reuters reported that the talks had stalled.",
        "The agency said it was working with the AP and Reuters",
        "The video, posted on Twitter, shows Trump at the podium.",
        "Sign up sheets were distributed at the door, she said.",
        "Advertisement revenue fell 10 percent.",
        "Copyright law is complicated, the judge said.",
        "Share prices fell 4 percent on Monday.",
        "Follow-up talks are planned for next week.",
        "Jane Doe, a reporter for the Post, was in the room.",
        "July 28, 2016, was the day the story broke.",
        "Published reports said Trump had met Putin.",
        "Photos of the meeting were never released.",
        "The footage was obtained via Reuters.",
        "The council voted to delay the depot. Credit: the mayor, who changed her mind twice.",
        "The depot was delayed again. Credit: the mayor",
        "Analysis of the vote shows a split.",
        "Body cameras were on, the chief said.",
    ],
)
def test_story_sentences_stay(line: str) -> None:
    assert classify_line(line) is None


@pytest.mark.parametrize("last", [".", ";", ""])
def test_a_sentence_case_headline_over_a_date_stamp_is_the_title(last: str) -> None:
    text = (
        f"Senators ask for an inquiry into the harbor contract{last}\n"
        "July 11, 2016\n\n"
        "Two Senate committees on Monday asked the state auditor to look into the harbor contract that the "
        "city awarded last spring without a tender.\n\n"
        "The auditor said she would answer within a month, according to a letter the committees released.\n"
    )
    cleaned = clean_scrape(text)
    assert cleaned.title == f"Senators ask for an inquiry into the harbor contract{last}"
    assert cleaned.date is not None and cleaned.date.day == "2016-07-11"
    # without the stamp under it, a first sentence of the story is not taken for a headline
    bare = clean_scrape(text.replace("July 11, 2016\n\n", "").replace(f"contract{last}\n", "contract. "))
    assert bare.title is None


def test_hard_wrapped_prose_is_not_mistaken_for_clutter() -> None:
    text = (
        "Officials said the agreement would be signed by the two\n"
        "companies before the contract was due to expire on\n"
        "Feb 26, 1992. The deal needs approval by\n"
        "Merrill Lynch Capital Markets and Salomon Brothers Inc. The\n"
        "share price rose, and analysts expect more\n"
        "gains in the coming weeks, the company said."
    )
    cleaned = clean_scrape(text)
    assert cleaned.removed == []
    assert cleaned.text == text


def test_parse_date_shapes() -> None:
    assert parse_date("Updated 3:05 PM EDT Jul 28, 2016") == "2016-07-28"
    assert parse_date("28 July 2016") == "2016-07-28"
    assert parse_date("2016-07-28T14:06:00Z") == "2016-07-28"
    assert parse_date("7/28/2016") == "2016-07-28"
    assert parse_date("Feb 30, 2016") is None
    assert parse_date("July 28") is None


_LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "  ",
            "Advertisement",
            "By Jane Doe",
            "Related: Something Happened",
            "Image: A photo",
            "Getty Images",
            "Watch: the clip",
            "The mayor said the bridge was safe.",
            "July 28, 2016",
            "MOSCOW, July 27 — Putin spoke.",
            "Title Of A Story",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=80),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=25))
def test_kept_and_removed_lines_account_for_the_input(lines: list[str]) -> None:
    text = "\n".join(lines)
    cleaned = clean_scrape(text)
    kept = cleaned.text.split("\n") if cleaned.text else []
    input_lines = set(lines)
    for line in kept:
        assert line in input_lines
    non_blank_in = sorted(line.strip() for line in lines if line.strip())
    non_blank_out = sorted(
        [line.strip() for line in kept if line.strip()] + [r.text for r in cleaned.removed]
    )
    assert non_blank_out == non_blank_in
    if cleaned.title_span is not None:
        assert cleaned.text[slice(*cleaned.title_span)] == cleaned.title
    if cleaned.dek_span is not None:
        start, end = cleaned.dek_span
        assert 0 <= start < end <= len(cleaned.text)


PAGE_DUMP = """Home
World
Politics
Business
Sports
Subscribe
Most Popular
Senator Wins Primary in Upset
Storm Closes Schools Across the State
Harbor Ferry Resumes Service After Repairs
Updated 10:15 AM EST, Tue March 5, 2024
The harbor ferry resumed service on Monday after a month of repairs, the port authority said.
“Every crossing will run on time from now on,” port director Ana Ruiz told reporters at the dock.
Ridership fell by a third while the ferry was out, according to figures released by the city.
Repairs cost $2 million, paid from the port's reserve fund, Ruiz said.
More Stories
Council Approves Budget
The council approved the budget on Tuesday after a long debate about road repairs and school funding.
Jane Roe
Library Opens Late
The library will stay open until midnight during exam weeks, the head librarian said in a statement.
John Doe
12 Comments
Pat on March 5, 2024 at 9:12 am said:
About time, I have been driving around the bay for a month and it costs a fortune in gas every week.
Sam on March 5, 2024 at 9:40 am said:
Let's see how long it lasts this time before it breaks down again and we are back to square one.
About Us
Contact
Privacy Policy"""


def test_whole_page_scrape_keeps_only_the_article() -> None:
    cleaned = clean_scrape(PAGE_DUMP)
    assert cleaned.title == "Harbor Ferry Resumes Service After Repairs"
    assert cleaned.published == "2024-03-05"
    assert cleaned.text.splitlines() == [
        "Harbor Ferry Resumes Service After Repairs",
        "The harbor ferry resumed service on Monday after a month of repairs, the port authority said.",
        "“Every crossing will run on time from now on,” port director Ana Ruiz told reporters at the dock.",
        "Ridership fell by a third while the ferry was out, according to figures released by the city.",
        "Repairs cost $2 million, paid from the port's reserve fund, Ruiz said.",
    ]
    removed = [r.text for r in cleaned.removed]
    assert "Home" in removed and "Storm Closes Schools Across the State" in removed
    assert (
        "About time, I have been driving around the bay for a month and it costs a fortune in gas every week."
        in removed
    )
    kinds = {r.text: r.kind for r in cleaned.removed}
    assert kinds["Home"] == "site-chrome"
    assert (
        kinds[
            "Let's see how long it lasts this time before it breaks down again and we are back to square one."
        ]
        == "other"
    )


def test_short_quoted_paragraphs_stay_in_the_article() -> None:
    text = (
        "Mayor Answers Questions\n\n"
        "The mayor took questions from residents at city hall on Monday evening.\n\n"
        "“Will taxes rise?” a resident asked.\n\n"
        "“Not this year,” the mayor said.\n\n"
        "“What about the bridge?”\n\n"
        "“It reopens in May,” she said, adding that the repairs were on budget."
    )
    cleaned = clean_scrape(text)
    assert cleaned.text == text
    assert cleaned.removed == []


@pytest.mark.parametrize(
    "signed",
    [
        "We will not back down. pic.twitter.com/AbC123 — Ivo Brandt (@ivobrandt) March 3, 2024",
        "“We were never consulted.” — Rosa Tamm, harbor resident",
    ],
)
def test_a_post_or_a_signed_quotation_does_not_end_a_short_story(signed: str) -> None:
    # neither line reads as prose (no closing stop, or a dash and a name after it), and the short
    # paragraph after it weighed less than the line: the story's end was cut there
    text = (
        "Ivo Brandt posted his reply on Sunday night.\n\n"
        f"{signed}\n\n"
        "His party said it would appeal.\n\n"
        "Rosa Tamm said the harbor would stay open."
    )
    cleaned = clean_scrape(text)
    assert cleaned.text == text
    assert cleaned.removed == []


@pytest.mark.parametrize(
    "line", ["— Follow us on Twitter (@gazette)", "— Reporting by Dov Amsel (@damsel)", "— Getty Images"]
)
def test_a_handle_after_a_dash_alone_is_no_post(line: str) -> None:
    # guards from the review: a line that opens with the dash signs no post and stays clutter at the end
    text = "Ivo Brandt posted his reply on Sunday night.\n\nHis party said it would appeal.\n\n" + line
    assert [r.text for r in clean_scrape(text).removed] == [line]


def test_an_editors_note_is_clutter_and_a_story_sentence_about_a_report_is_not() -> None:
    assert classify_line("This story was updated on Monday to add the mayor's comments.") == "site-chrome"
    assert classify_line("The report was updated in May, the agency said.") is None


def test_a_laws_article_and_a_show_called_dateline_are_story_text() -> None:
    assert (
        classify_line("This article was amended in 1992 to let governors serve two terms, Ana Sol said.")
        is None
    )
    assert classify_line("Dateline: Unforgettable returns to the network this fall.") is None
