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
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from onrecord.attribution.interviews import conversation_dates
from onrecord.attribution.lexicon import DOCUMENT_NOUNS, TEMPORAL_ANAPHORS
from onrecord.attribution.rules.base import leading_time
from onrecord.model import SaidOn, Statement
from onrecord.timing.normalize import normalize
from onrecord.timing.story_dates import REPORTING_VERBS, StoryDates, governing_verb, said_on_of

_STAY_MARKS = {"while", "when"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_NARRATIVE_SENTENCES = 3
_EVENT_PREPS = {"after", "before", "during", "at", "following", "ahead", "since", "in"}


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


def _modifier_tokens(cue: Token, excluded: set[int]) -> list[Token]:
    """Tokens of the cue's own modifiers: its time phrases, never the content or the speaker, nor
    another quotation ('"...," he said, adding, "2019 is weak"' talks about 2019)."""
    out: list[Token] = []
    for child in cue.children:
        if child.dep_ == "conj" or _bare_participle_after(child, cue):
            continue  # "said ..., noting it rose last year", "acknowledged ... and said ...": other acts
        if child.dep_ == "ccomp":  # "said Monday the patient was ...": the parser hung the day on the clause
            out.extend(cue.doc[i] for i in leading_time(child) if i not in excluded)
        if child.dep_ in {"ccomp", "parataxis", "nsubj", "nsubjpass", "csubj", "punct"}:
            continue
        # what follows the content's first word in the same phrase is the content's, even where the
        # content stops short: "accused the FDIC of trying ..., who was confirmed in November 2012"
        held = [t.i for t in child.subtree if t.i in excluded]
        stop = min(held) if held and child.dep_ in {"dobj", "prep"} else len(cue.doc)
        out.extend(t for t in child.subtree if t.i not in excluded and t.i < stop and t._.in_quote is None)
    return out


def _bare_participle_after(child: Token, cue: Token) -> bool:
    """ ", noting ...", ", adding ...": a second act after the cue. A participle before it ("Speaking to
    the radio in 1995, he said") or with a subordinator ("while closing the concert") frames the cue."""
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
    ("During the afternoon session", "When she was stopped by reporters", "As the vote closed") is dated
    like any other statement, by the story around it."""
    for child in cue.children:
        if child.i in excluded or child.i > cue.i:
            continue
        first = cue.doc[child.left_edge.i]
        # a lone "while" on a main verb is the elliptic "While in Moscow, X said"; on a clause ("applauded
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


def _speaker_person(stmt: Statement) -> str | None:
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
    around it is what it is about, not when it was said: a quotation told in the past ("I felt I had
    bought a ruin"), or reported speech in the past perfect ("she had pressed a million gallons in that
    time"). A reported simple past is only the reporting's tense ("said he was ready") and says nothing
    of when."""
    head = _content_head(doc, stmt)
    if head is None:
        return False
    had = any(c.dep_ == "aux" and c.lower_ in {"had", "'d", "’d"} for c in head.children)
    if head.tag_ == "VBN" and had:
        return True
    own_aux = [c for c in head.children if c.dep_ in {"aux", "auxpass"}]
    simple_past = head.tag_ == "VBD" and not own_aux
    return stmt.kind == "direct" and simple_past


def _narrative(doc: Doc, dates: StoryDates, cue: Token, speaker: str | None) -> SaidOn | None:
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
        verb = governing_verb(ent.root)
        # A narrated event sets the scene; a dated report belongs to its own statement only.
        involved = any(t._.person == speaker for t in ent.sent)
        if (
            dates.past(value)
            and involved
            and verb.dep_ == "ROOT"
            and verb.lemma_.lower() not in REPORTING_VERBS
        ):
            frame = dates.basis(ent, f"{ent.text} (the story's time frame)")
            best, best_pos = said_on_of(value, frame), ent.start
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


def _own_date(doc: Doc, stmt: Statement, dates: StoryDates, on_cue: bool = False) -> SaidOn | None:
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
        # "In 2011, the growers pushed back, saying ...": the participle is said when its verb happens
        # ("weigh in on Thursday's vote on Monday, saying": a day that owns a noun dates that thing)
        told = _modifier_tokens(governor, excluded | {t.i for t in cue.subtree})
        mods += [t for t in told if t.dep_ != "poss"]
    for tok in mods:
        found = dates.dated(tok)
        if found is not None:
            ent, value = found
            if on_cue and (ent.root.dep_ == "poss" or governing_verb(ent.root).i != cue.i):
                continue
            prep = ent.root.head if ent.root.head.dep_ == "prep" else None
            words = f"{prep.text} {ent.text}" if prep is not None else ent.text
            return said_on_of(value, dates.basis(ent, words))
    interval = _interval_before(doc, cue, dates, excluded)
    if interval is not None:
        return interval
    if on_cue:
        return None
    for tok in mods:
        if tok.pos_ == "NOUN" and tok.head.dep_ == "prep" and tok.head.lower_ in _EVENT_PREPS:
            dated = dates.event(tok)
            if dated is not None:
                ent, value = dated
                return said_on_of(value, dates.basis(ent, f"{tok.head.text} the {tok.text} ({ent.text})"))
    phrase = _anaphor(mods)
    if phrase is not None:
        found = dates.last_past_before(stmt.start)
        if found is not None:
            ent, value = found
            return said_on_of(value, dates.basis(ent, f"'{phrase}', i.e. {ent.text}"))
    return None


#: Participles that say when a document came out: "a report published in January".
_ISSUING = {"publish", "release", "issue", "date", "file", "send", "write", "conduct", "unveil", "post"}


def _issued_on(doc: Doc, stmt: Statement, dates: StoryDates) -> SaidOn | None:
    """A document says what it says when it came out: "according to a report published in January",
    "a study released on Monday found", "a poll conducted last week". Only a date on a participle of
    issuing that hangs on the source counts, never a date the source is about ("a report on the 2019
    flood")."""
    if stmt.speaker_tokens is None:
        return None
    source = doc[stmt.speaker_tokens[0] : stmt.speaker_tokens[1]].root
    if source.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for issued in source.children:
        if issued.dep_ != "acl" or issued.tag_ != "VBN" or issued.lemma_.lower() not in _ISSUING:
            continue
        for tok in issued.subtree:
            found = dates.dated(tok)
            if found is not None:
                ent, value = found
                return said_on_of(value, dates.basis(ent, f"{issued.text} {ent.text}"))
    return None


#: Precisions from finest to coarsest: a length of time read from an anchor is no finer than the anchor.
_COARSENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


def _interval_before(doc: Doc, cue: Token, dates: StoryDates, excluded: set[int]) -> SaidOn | None:
    """ "The council voted on Tuesday to sell the park, three years after Mayor Tamm promised ...": a
    cue in an "after" clause with a length of time was said that long before what its main clause
    tells, dated by the main clause's own time phrase or, without one, at publication."""
    if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in cue.children):
        return None
    length = next((c for c in cue.children if c.dep_ == "npadvmod" and c.ent_type_ == "DATE"), None)
    if length is None:
        return None
    if any(t.ent_type_ == "DATE" for t in doc[length.left_edge.i - 1 : length.left_edge.i]):
        return None  # "on March 3, two days after": the recognizer made one date of the two
    main = cue.head
    anchor, anchor_words, precision = doc._.published, "publication", "day"
    for tok in _modifier_tokens(main, excluded | {t.i for t in cue.subtree}):
        if tok.ent_type_ != "DATE":
            continue
        value = dates.at(tok)
        if value is None:
            return None  # a date the main clause gives that cannot be read: no guess from publication
        anchor, anchor_words, precision = dt.date.fromisoformat(value.start), tok.text, value.precision
        break
    if anchor is None:
        return None
    words = doc[length.left_edge.i : length.i + 1].text
    value = normalize(f"{words} ago", anchor)
    if value is None or _COARSENESS.get(value.precision, 0) < _COARSENESS.get(precision, 3):
        return None  # "in May, two weeks after ...": no week can be told from a month
    return said_on_of(value, f"{words} before {anchor_words} ({anchor.isoformat()})")


def _goes_on(cue: Token) -> bool:
    """The cue says the speaker went on ("added", "further described", "also said")."""
    return cue.lemma_.lower() == "add" or any(
        c.dep_ == "advmod" and c.lower_ in {"further", "also"} for c in cue.children
    )


def _same_occasion(
    doc: Doc, stmt: Statement, cue: Token, previous: list[Statement], dates: StoryDates
) -> SaidOn | None:
    """ "Pellew said on Monday that the silt had closed the mill. 'It is the last,' she said.": a
    statement with no date of its own, right after one its speaker made on a recent day the words give,
    was made on the same occasion. A day of the past the story looks back to is carried on only when the
    cue says the speaker went on ("Roe told the paper in October 2018 ... Roe further said")."""
    if not previous or stmt.speaker is None or stmt.speaker.person is None:
        return None
    before = previous[-1]
    if before.cue_token is None or _speaker_person(before) != stmt.speaker.person:
        return None
    their_sent = doc[before.cue_token].sent
    adjacent = their_sent.start == cue.sent.start or their_sent.end == cue.sent.start
    own = _own_date(doc, before, dates, on_cue=True) if adjacent else None
    if own is None or not (dates.this_week(own) or _goes_on(cue)):
        return None  # "In 2019, she told the Gazette ... '...,' she said": the story is back in its present
    return replace(own, basis=f"{own.basis} (the occasion of the statement before)")


def date_statement(doc: Doc, stmt: Statement, dates: StoryDates, previous: list[Statement]) -> SaidOn | None:
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
            return said_on_of(value, f"the conversation, '{doc[token].sent.text.strip()[:80]}'")
    if stmt.cue_token is None:
        return _publication(doc, "reported at publication")
    cue = doc[stmt.cue_token]
    excluded = _content_tokens(doc, stmt)
    own = _own_date(doc, stmt, dates) or _issued_on(doc, stmt, dates)
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
    narrative = None if _looks_back(doc, stmt) else _narrative(doc, dates, cue, _speaker_person(stmt))
    if narrative is not None:
        return narrative
    scene = dates.scene_before(cue)
    if scene is not None:
        ent, value = scene
        return said_on_of(value, dates.basis(ent, f"{ent.text} (the scene the story is told in)"))
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
    dates = StoryDates(doc)
    done: list[Statement] = []
    for stmt in statements:
        stmt.said_on = date_statement(doc, stmt, dates, done)
        done.append(stmt)
    return doc
