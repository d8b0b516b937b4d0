"""When each statement was made: which words date it, and what they resolve to.

The order follows how a reader dates a quote. A time phrase on the reporting verb itself ("on
Wednesday said", "told MSNBC in 2013"), or on the verb a participle cue hangs on ("pushed back in 2011,
saying"), wins; "at the time" points back to the last dated event; a quote that runs on shares its
predecessor's date; an unnamed source, "according to", a present-tense and a present-perfect cue report
what is said at publication; a past-tense cue framed by a stay somewhere ("While in Moscow, Roberts
said") stays undated, while one framed by an event ("During the hearing") is dated as any other; a
statement right after one its speaker made on a day the words give was made on that occasion; otherwise
the story's own time frame carries on from the sentence before ("back in 2013" ... "Roberts asked"; a
narrated event, not another dated report), unless the statement recounts that past itself (a quotation
told in the past, reported speech in the past perfect); failing that, a sentence that opened on a dated
event ("At a hearing last month, ...") holds the scene for what is said after it until the story dates
something else; failing that, a past-tense statement was made on the day of the event the story opens
with (its first few sentences, past headline and dateline), when that is a recent day before
publication ("... put off its vote on Tuesday", in Wednesday's paper) and no other recent day is named
just before it, and otherwise it is reported as current. Dates inside the content, or inside another
quotation, are what was talked about, not when it was said, and are never used.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.attribution.interviews import conversation_dates
from onrecord.attribution.lexicon import CUE_VERBS, TEMPORAL_ANAPHORS
from onrecord.attribution.rules.base import leading_time
from onrecord.model import SaidOn, Statement
from onrecord.timing.normalize import TimeValue, names_a_day, names_a_month, normalize

_STAY_MARKS = {"while", "when"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_NARRATIVE_SENTENCES = 3
#: The story's opening, where its event is dated (a news lede, or a feature's few lines before its
#: news), and how recent that day must be (a weekday's reach).
_OPENING_SENTENCES = 5
_RECENT_DAYS = 6
_OPEN_ENDED = {"PAST_REF", "FUTURE_REF"}
_EVENT_PREPS = {"after", "before", "during", "at", "following", "ahead", "since", "in"}
#: Prepositions that open a sentence to set a dated scene ("At a hearing last month, ...").
_SCENE_PREPS = {"at", "during", "in"}

#: Verbs that report rather than happen; a stance verb ("voted", "endorsed") is an event with a date.
_REPORTING = frozenset(lemma for lemma, cls in CUE_VERBS.items() if cls != "stance")


def _said_on(value: TimeValue, basis: str) -> SaidOn:
    return SaidOn(value.start, value.end, value.precision, basis)  # type: ignore[arg-type]


def _publication(doc: Doc, basis: str) -> SaidOn | None:
    """Publication day; failing it, the page's year (with what shows it); failing that, nothing."""
    published: dt.date | None = doc._.published
    if published is None:
        if doc._.published_year is None:
            return None
        year, shown_by = doc._.published_year
        return SaidOn(f"{year}-01-01", f"{year}-12-31", "year", f"{basis}; the year from {shown_by}")
    day = published.isoformat()
    return SaidOn(day, day, "day", basis)


#: Words that place a date from the day of printing, which a page's year alone does not give.
_FROM_TODAY = re.compile(r"\b(?:last|next|this|past|ago|coming|previous|recent|earlier|later)\b", re.I)


class _Dates:
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
            verb = _governing_verb(ent.root)
            if verb.pos_ in {"VERB", "NOUN"} and verb.lemma_.lower() not in _REPORTING:
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
            days_before = (published - dt.date.fromisoformat(value.start)).days
            if 0 < days_before <= _RECENT_DAYS:
                return _said_on(value, f"{ent.text}, the day of the event the story opens with")
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
        published: dt.date | None = self.doc._.published
        if published is None:
            return False
        start = cue.doc[cue.sent.start - 1].sent.start if cue.sent.start > 0 else cue.sent.start
        for ent, value in self.items:
            if not (start <= ent.start < cue.sent.end) or ent.root._.in_quote is not None:
                continue
            if ent.start in excluded or not names_a_day(ent.text) or value.start == day.start:
                continue
            if 0 <= (published - dt.date.fromisoformat(value.start)).days <= _RECENT_DAYS:
                return True
        return False

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

    def at(self, token: Token) -> TimeValue | None:
        for ent, value in self.items:
            if ent.start <= token.i < ent.end:
                return value
        return None

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


def _modifier_tokens(cue: Token, excluded: set[int]) -> list[Token]:
    """Tokens of the cue's own modifiers: its time phrases, never the content or the speaker, nor
    another quotation ('"...," he said, adding, "2019 is weak"' talks about 2019)."""
    out: list[Token] = []
    for child in cue.children:
        if child.dep_ == "conj" or _bare_participle_after(child, cue):
            continue  # "said ..., noting it rose last year", "acknowledged ... and said ...": other acts
        if child.dep_ == "ccomp":  # "said Monday the victim was ...": the parser hung the day on the clause
            out.extend(cue.doc[i] for i in leading_time(child) if i not in excluded)
        if child.dep_ in {"ccomp", "parataxis", "nsubj", "nsubjpass", "csubj", "punct"}:
            continue
        out.extend(t for t in child.subtree if t.i not in excluded and t._.in_quote is None)
    return out


def _bare_participle_after(child: Token, cue: Token) -> bool:
    """ ", noting ...", ", adding ...": a second act after the cue. A participle before it ("Speaking to
    the BBC in 1995, he said") or with a subordinator ("while closing the concert") frames the cue."""
    return (
        child.dep_ == "advcl"
        and child.tag_ == "VBG"
        and child.i > cue.i
        and not any(c.dep_ == "mark" for c in child.children)
    )


def _anaphor(tokens: list[Token]) -> str | None:
    text = " ".join(t.lower_ for t in tokens)
    for phrase in TEMPORAL_ANAPHORS:
        if f" {phrase} " in f" {text} ":
            if phrase == "then" and not any(t.lower_ == "then" and t.dep_ == "advmod" for t in tokens):
                continue
            return phrase
    return None


def _frame(cue: Token, excluded: set[int]) -> bool:
    """True when the cue sits in an episode told without a date ("While in Moscow, ... said"): a
    verbless "while" or "when" phrase, a stay somewhere rather than an event. An event the story tells
    ("During the later hearing", "When he was approached by agents", "As the vote closed") is dated like
    any other statement, by the story around it."""
    for child in cue.children:
        if child.i in excluded or child.i > cue.i:
            continue
        first = cue.doc[child.left_edge.i]
        # a lone "while" on a main verb is the elliptic "While in Moscow, X said"; on a clause ("cheered
        # yesterday when he declared") it joins that clause to the sentence and frames nothing
        lone = len(list(child.subtree)) == 1
        verbless = not any(t.pos_ in {"VERB", "AUX"} for t in child.subtree) and (
            not lone or cue.dep_ == "ROOT"
        )
        if child.dep_ in {"advcl", "prep", "advmod", "mark"} and first.lower_ in _STAY_MARKS and verbless:
            return True
    return False


def _content_tokens(doc: Doc, stmt: Statement) -> set[int]:
    out: set[int] = set()
    for start, end in stmt.content_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    if stmt.speaker_tokens:
        out.update(range(*stmt.speaker_tokens))
    return out


def _governing_verb(tok: Token) -> Token:
    """Climb from a time phrase to the verb it dates ("back in 2013" -> "interviewed")."""
    while tok.dep_ in {"pobj", "prep", "advmod", "npadvmod", "nummod", "compound"} and tok.head is not tok:
        tok = tok.head
    return tok


def speaker_person(stmt: Statement) -> str | None:
    return stmt.speaker.person if stmt.speaker else None


def _content_head(doc: Doc, stmt: Statement) -> Token | None:
    """The first verb of the content that governs it (its head lies outside the content)."""
    if not stmt.content_spans:
        return None
    start, end = stmt.content_spans[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    governing = (t for t in span if t.pos_ in {"VERB", "AUX"} and not span.start <= t.head.i < span.end)
    return next(governing, None)


def _looks_back(doc: Doc, stmt: Statement) -> bool:
    """The statement recounts what happened before it was said, so the dated past the story tells
    around it is what it is about, not when it was said: a quotation told in the past ("I felt strange
    as soon as the anaesthesia wore off"), or reported speech in the past perfect ("she had pressed a
    million gallons in that time"). A reported simple past is only the reporting's tense ("said he was
    ready") and says nothing of when."""
    head = _content_head(doc, stmt)
    if head is None:
        return False
    had = any(c.dep_ == "aux" and c.lower_ in {"had", "'d", "’d"} for c in head.children)
    if head.tag_ == "VBN" and had:
        return True
    own_aux = [c for c in head.children if c.dep_ in {"aux", "auxpass"}]
    simple_past = head.tag_ == "VBD" and not own_aux
    return stmt.kind == "direct" and simple_past


def _narrative(doc: Doc, dates: _Dates, cue: Token, speaker: str | None) -> SaidOn | None:
    """The time frame of the story just before the cue: a dated scene that the speaker takes part in."""
    if speaker is None:
        return None
    sent = cue.sent
    window_start = sent.start
    for _ in range(_NARRATIVE_SENTENCES):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    best: SaidOn | None = None
    best_pos = -1
    for ent, value in dates.items:
        if not (window_start <= ent.start < sent.start) or ent.start <= best_pos:
            continue
        if ent.root._.in_quote is not None:
            continue  # a date someone talks about inside a quote sets no scene for the story
        verb = _governing_verb(ent.root)
        # A narrated event sets the scene; a dated report belongs to its own statement only.
        involved = any(t._.person == speaker for t in ent.sent)
        if dates.past(value) and involved and verb.dep_ == "ROOT" and verb.lemma_.lower() not in _REPORTING:
            frame = dates.basis(ent, f"{ent.text} (the story's time frame)")
            best, best_pos = _said_on(value, frame), ent.start
    return best


def _present_perfect(cue: Token) -> bool:
    """ "has confirmed", "have maintained since ...": said up to now, so reported as current, never an
    episode of the past the story tells around it."""
    return cue.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"has", "have", "'ve"} for c in cue.children
    )


def _participle_governor(cue: Token) -> Token | None:
    """The verb a participle cue hangs on ("pushed back ..., saying", "released a note saying"), whose
    time is the participle's."""
    if cue.tag_ != "VBG" or cue.dep_ not in {"advcl", "acl"}:
        return None
    head = cue.head
    if cue.dep_ == "acl" and head.dep_ in {"dobj", "nsubjpass"}:
        head = head.head  # "released an analysts' note saying ...": the note's verb
    return head if head.pos_ in {"VERB", "AUX"} else None


def _own_date(doc: Doc, stmt: Statement, dates: _Dates, on_cue: bool = False) -> SaidOn | None:
    """The date the statement's own words give: a time phrase on its cue ("said on Tuesday"), an event
    the story dated ("after the vote"), or "at the time". ``on_cue``: only a time phrase that dates the
    cue itself ("said on Monday", not "said despite last year's expansion")."""
    if stmt.cue_token is None:
        return None
    cue = doc[stmt.cue_token]
    excluded = _content_tokens(doc, stmt)
    mods = _modifier_tokens(cue, excluded) if stmt.kind != "according_to" else []
    governor = _participle_governor(cue)
    if governor is not None:
        # "In 2011, the council pushed back, saying ...": the participle is said when its verb happens
        # ("weigh in on Thursday's fight on Monday, saying": a day that owns a noun dates that thing)
        told = _modifier_tokens(governor, excluded | {t.i for t in cue.subtree})
        mods += [t for t in told if t.dep_ != "poss"]
    for tok in mods:
        value = dates.at(tok)
        if value is not None:
            ent = next(e for e, v in dates.items if v is value)
            if on_cue and (ent.root.dep_ == "poss" or _governing_verb(ent.root).i != cue.i):
                continue
            prep = ent.root.head if ent.root.head.dep_ == "prep" else None
            words = f"{prep.text} {ent.text}" if prep is not None else ent.text
            return _said_on(value, dates.basis(ent, words))
    if on_cue:
        return None
    for tok in mods:
        if tok.pos_ == "NOUN" and tok.head.dep_ == "prep" and tok.head.lower_ in _EVENT_PREPS:
            dated = dates.event(tok)
            if dated is not None:
                ent, value = dated
                return _said_on(value, dates.basis(ent, f"{tok.head.text} the {tok.text} ({ent.text})"))
    phrase = _anaphor(mods)
    if phrase is not None:
        found = dates.last_past_before(stmt.start)
        if found is not None:
            ent, value = found
            return _said_on(value, dates.basis(ent, f"'{phrase}', i.e. {ent.text}"))
    return None


def _same_occasion(
    doc: Doc, stmt: Statement, cue: Token, previous: list[Statement], dates: _Dates
) -> SaidOn | None:
    """ "Pellew said on Monday that the silt had closed the mill. 'It is the last,' she said.": a
    statement with no date of its own, right after one its speaker made on a date the words give, was
    made on the same occasion."""
    if not previous or stmt.speaker is None or stmt.speaker.person is None:
        return None
    before = previous[-1]
    if before.cue_token is None or speaker_person(before) != stmt.speaker.person:
        return None
    their_sent = doc[before.cue_token].sent
    adjacent = their_sent.start == cue.sent.start or their_sent.end == cue.sent.start
    own = _own_date(doc, before, dates, on_cue=True) if adjacent else None
    if own is None:
        return None
    return replace(own, basis=f"{own.basis} (the occasion of the statement before)")


def date_statement(doc: Doc, stmt: Statement, dates: _Dates, previous: list[Statement]) -> SaidOn | None:
    """The said_on of one statement, following the precedence in the module docstring."""
    if stmt.rule == "run-on":
        return previous[-1].said_on if previous else None
    if stmt.rule == "colon":
        # a transcript's turns were said when the conversation was recorded, if the text says when
        first = next((s.start for s in previous if s.rule == "colon"), stmt.start)
        told = [(i, v) for i in conversation_dates(doc, first) if (v := dates.at(doc[i])) is not None]
        told.sort(key=lambda item: item[1].precision != "day")  # "on Monday" over "this week"
        if told:
            token, value = told[0]
            return _said_on(value, f"the conversation, '{doc[token].sent.text.strip()[:80]}'")
    if stmt.cue_token is None:
        return _publication(doc, "reported at publication")
    cue = doc[stmt.cue_token]
    excluded = _content_tokens(doc, stmt)
    own = _own_date(doc, stmt, dates)
    if own is not None:
        return own
    anonymous = stmt.speaker is not None and not stmt.speaker.named
    if (
        anonymous
        or stmt.kind == "according_to"
        or stmt.rule in {"nominal", "stance"}
        or cue.tag_ in _PRESENT_TAGS
        or _present_perfect(cue)
    ):
        return _publication(doc, "reported at publication")
    if _frame(cue, excluded):
        return None
    carried = _same_occasion(doc, stmt, cue, previous, dates)
    if carried is not None:
        return carried
    narrative = None if _looks_back(doc, stmt) else _narrative(doc, dates, cue, speaker_person(stmt))
    if narrative is not None:
        return narrative
    scene = dates.scene_before(cue)
    if scene is not None:
        ent, value = scene
        return _said_on(value, dates.basis(ent, f"{ent.text} (the scene the story is told in)"))
    day = dates.story_day
    if day is not None and not dates.other_day_near(cue, day, excluded):
        return day
    return _publication(doc, "reported at publication")


@Language.component("onrecord_said_on")
def said_on_component(doc: Doc) -> Doc:
    """Date every statement against the publication date."""
    statements: list[Statement] = doc._.statements or []
    if not statements:
        return doc
    dates = _Dates(doc)
    done: list[Statement] = []
    for stmt in statements:
        stmt.said_on = date_statement(doc, stmt, dates, done)
        done.append(stmt)
    return doc
