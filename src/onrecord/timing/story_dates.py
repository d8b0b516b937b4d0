"""The dates a story tells, read once per Doc: every DATE expression resolved against the day of
printing (or the page's year), the day of the event the story opens with, the scenes a sentence sets
("At a hearing last month, ..."), and the events the story dates ("voted ... on Tuesday").

Kept apart from ``said_on``, which decides which of these dates a statement was made on: what the story
dates is one concern, how a reader dates a quote from it is another.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import CUE_VERBS
from onrecord.model import SaidOn
from onrecord.timing.normalize import TimeValue, names_a_day, names_a_month, normalize

#: The story's opening, where its event is dated (a news lede, or a feature's few lines before its
#: news), and how recent that day must be (a weekday's reach).
_OPENING_SENTENCES = 5
_RECENT_DAYS = 6
_OPEN_ENDED = {"PAST_REF", "FUTURE_REF"}

#: Events that are no occasion for the people of the story to speak: a death ("died on Wednesday") is
#: followed by the tributes of others, who said them after it, not that day.
_NO_OCCASION = frozenset({"die", "dies", "died"})

#: Prepositions that open a sentence to set a dated scene ("At a hearing last month, ...").
_SCENE_PREPS = {"at", "during", "in"}

#: Verbs that report rather than happen; a stance verb ("voted", "endorsed") is an event with a date.
REPORTING_VERBS = frozenset(lemma for lemma, cls in CUE_VERBS.items() if cls != "stance")


def said_on_of(value: TimeValue, basis: str) -> SaidOn:
    """A statement's date from a resolved expression, with the words that give it, on one line (the
    recognizer's span may take in the blank line after a date that closes a paragraph)."""
    basis = " ".join(basis.split()).replace(" ,", ",")
    return SaidOn(value.start, value.end, value.precision, basis)  # type: ignore[arg-type]


#: Words that place a date from the day of printing, which a page's year alone does not give.
_FROM_TODAY = re.compile(r"\b(?:last|next|this|past|ago|coming|previous|recent|earlier|later)\b", re.I)


class StoryDates:
    """The DATE expressions of a Doc, resolved once against the publication date; failing that, an
    expression that names its year, or a month by name when the page shows its year ("on Nov. 8" on a
    page whose copyright line says 2019)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        anchor = doc._.published
        self.items: list[tuple[Span, TimeValue]] = []
        #: the entities dated with the page's year, and what shows the year
        self.year_from: dict[int, str] = {}
        title_end = doc._.title_span[1] if doc._.title_span else -1
        for ent in doc.ents:
            if ent.label_ != "DATE" or ent.start_char < title_end:
                continue
            value = normalize(ent.text, anchor) if anchor else _absolute(ent.text)
            if value is None and anchor is None and doc._.published_year is not None:
                value = self._in_page_year(ent, doc._.published_year)
            # "in the past" and "in future" bound nothing a reader could check.
            if value is not None and value.value not in _OPEN_ENDED:
                self.items.append((ent, value))
        # Events the story dates ("voted ... on Tuesday"), so that "after the vote" can be dated too.
        self.events: list[tuple[int, str, Span, TimeValue]] = []
        for ent, value in self.items:
            verb = governing_verb(ent.root)
            if verb.pos_ in {"VERB", "NOUN"} and verb.lemma_.lower() not in REPORTING_VERBS:
                self.events.append((ent.start, verb.lemma_.lower(), ent, value))

    def _in_page_year(self, ent: Span, page_year: tuple[int, str]) -> TimeValue | None:
        year, shown_by = page_year
        # a month by name is a date within a year, whichever day the page was printed
        if not names_a_month(ent.text) or _FROM_TODAY.search(ent.text):
            return None
        value = normalize(ent.text, dt.date(year, 12, 31))
        if value is None or not value.start.startswith(str(year)):
            return None
        self.year_from[ent.start] = shown_by
        return value

    @functools.cached_property
    def story_day(self) -> SaidOn | None:
        """The day of the event the story opens with, when it is a recent day before publication
        ("... concluded its third hearing on Tuesday", in Wednesday's paper): what the people in it
        said in the past tense, with no date of their own, they said that day, not on the day of
        printing."""
        published: dt.date | None = self.doc._.published
        if published is None:
            return None
        title_end = self.doc._.title_span[1] if self.doc._.title_span else -1
        # the story's first sentences: not the headline, nor a dateline or label without a verb
        body = (s for s in self.doc.sents if s.start_char >= title_end and _has_verb(s))
        opening = list(itertools.islice(body, _OPENING_SENTENCES))
        if not opening:
            return None
        for ent, value in self.items:
            if ent.start >= opening[-1].end:
                break
            if ent.start < opening[0].start or ent.root._.in_quote is not None or value.precision != "day":
                continue
            if _no_occasion(governing_verb(ent.root)):
                return None
            if 0 < (self._days_before(value.start) or 0) <= _RECENT_DAYS:
                return said_on_of(value, f"{ent.text}, the day of the event the story opens with")
            return None  # the opening's first day is the story's day, whichever it is
        return None

    @functools.cached_property
    def scenes(self) -> list[tuple[int, Span, TimeValue]]:
        """Sentences that open on a dated event ("At a hearing last month of the subcommittee, ...",
        "During a September hearing, ...", "At last week's hearing, ..."): the story moves there, and
        what is said after it, with no date of its own, was said there until the story dates
        something else. Each is (the sentence's first token, the date, its value)."""
        out: list[tuple[int, Span, TimeValue]] = []
        for sent in self.doc.sents:
            first = next((t for t in sent if t.dep_ not in {"cc", "advmod", "punct"}), None)
            if first is None or first.lower_ not in _SCENE_PREPS or first.dep_ != "prep":
                continue
            if first._.in_quote is not None:  # an index into the Doc's quotes: 0 is a quote too
                continue
            noun = next((c for c in first.children if c.dep_ == "pobj"), None)
            if noun is None or noun.pos_ != "NOUN" or noun.ent_type_ == "DATE":
                continue
            phrase = range(first.left_edge.i, first.right_edge.i + 1)
            for ent, value in self.items:
                if ent.start in phrase and self.past(value):
                    out.append((sent.start, ent, value))
                    break
        return out

    def scene_before(self, cue: Token) -> tuple[Span, TimeValue] | None:
        """The dated scene the cue's sentence is told in: the last one set before it, unless a date
        told since (outside quotations) has moved the story on."""
        scene = None
        for start, ent, value in self.scenes:
            if start < cue.sent.start:
                scene = (start, ent, value)
        if scene is None:
            return None
        start, ent, value = scene
        for other, other_value in self.items:
            told_since = ent.end <= other.start < cue.sent.start and other.root._.in_quote is None
            if told_since and self.past(other_value):
                return None
        return ent, value

    def other_day_near(self, cue: Token, day: SaidOn, excluded: set[int]) -> bool:
        """The story has moved to another recent day just before the cue ("Dray denied that on
        Wednesday. '...,' he said."): another day of this week named, outside quotations and the
        content, in the cue's sentence or the one before ("earlier in the day" names none). A day
        long past ("the mayor's June 3 speech") is what the story talks about, not a day it moves to."""
        start = cue.doc[cue.sent.start - 1].sent.start if cue.sent.start > 0 else cue.sent.start
        for ent, value in self.items:
            if not (start <= ent.start < cue.sent.end) or ent.root._.in_quote is not None:
                continue
            if ent.start in excluded or not names_a_day(ent.text) or value.start == day.start:
                continue
            if self._within_week(value.start):
                return True
        return False

    def this_week(self, said: SaidOn) -> bool:
        """A day within a weekday's reach before the day of printing (or that day itself)."""
        return said.precision == "day" and self._within_week(said.start)

    def _within_week(self, day: str) -> bool:
        days = self._days_before(day)
        return days is not None and 0 <= days <= _RECENT_DAYS

    def _days_before(self, day: str) -> int | None:
        """How many days before the day of printing an ISO day lies (None when that day is unknown)."""
        published: dt.date | None = self.doc._.published
        return None if published is None else (published - dt.date.fromisoformat(day)).days

    def past(self, value: TimeValue) -> bool:
        """The value lies before the day of printing (any value does when that day is unknown)."""
        published: dt.date | None = self.doc._.published
        return published is None or value.end < published.isoformat()

    def basis(self, ent: Span, words: str) -> str:
        """What dates a statement, with where its year comes from when the words do not say it."""
        shown_by = self.year_from.get(ent.start)
        return f"{words}; the year from {shown_by}" if shown_by else words

    def event(self, noun: Token) -> tuple[Span, TimeValue] | None:
        """The date of an event named by a noun ("the vote"), told earlier as a dated verb or noun."""
        lemma = noun.lemma_.lower()
        found = None
        for start, event, ent, value in self.events:
            if start < noun.i and event == lemma:
                found = (ent, value)
        return found

    def dated(self, token: Token) -> tuple[Span, TimeValue] | None:
        """The time phrase a token lies in, with its value: callers quote the phrase as evidence."""
        for ent, value in self.items:
            if ent.start <= token.i < ent.end:
                return ent, value
        return None

    def at(self, token: Token) -> TimeValue | None:
        found = self.dated(token)
        return found[1] if found is not None else None

    def last_past_before(self, char: int) -> tuple[Span, TimeValue] | None:
        """The latest dated past event told before a position, for "at the time"."""
        found = None
        for ent, value in self.items:
            if ent.start_char >= char:
                break
            if not self.past(value):
                continue
            found = (ent, value)
        return found


def _has_verb(sent: Span) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in sent)


def _absolute(text: str) -> TimeValue | None:
    """Without a publication date only expressions that name their own year can be dated."""
    if not any(ch.isdigit() for ch in text):
        return None
    value = normalize(text, dt.date(9999, 12, 31))
    return value if value is not None and not value.start.startswith("9999") else None


def _no_occasion(verb: Token) -> bool:
    """A person's death ("Ann Sol died", "he passed away"): see ``_NO_OCCASION``. A bill or a plan that
    "died" in a vote is an event like any other, with people speaking at it."""
    died = verb.lemma_.lower() in _NO_OCCASION or verb.lower_ in _NO_OCCASION
    if not died and not (verb.lemma_.lower() == "pass" and any(c.lower_ == "away" for c in verb.children)):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.ent_type_ == "PERSON" or subject._.person is not None or subject.lower_ in {"he", "she"}
    )


def governing_verb(tok: Token) -> Token:
    """Climb from a time phrase to the verb it dates ("back in 2013" -> "interviewed")."""
    while tok.dep_ in {"pobj", "prep", "advmod", "npadvmod", "nummod", "compound"} and tok.head != tok:
        tok = tok.head
    return tok
