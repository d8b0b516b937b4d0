"""Rules for quotations: a quote with its reporting verb, and a quote that runs on with no cue."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import DOCUMENT_NOUNS, QUOTE_FRAME_VERBS
from onrecord.attribution.quotes import Quote
from onrecord.attribution.rules.base import (
    OPENING_MARKS,
    Builder,
    can_speak,
    cue_class,
    mention,
    own_clause,
    rule,
    subject_block,
    unsaid,
    without_relative,
)
from onrecord.model import CueClass, Statement
from onrecord.spacy_doc import text_of

_OPENING_MARKS = OPENING_MARKS | {"‘", "'"}  # a name and a colon may open a quote in single marks
_SHORT_TAIL = 10  # words in an attribution sentence that follows its quote ('?" Roberts asked.')


def _quote_tokens(doc: Doc, quote: Quote) -> Span | None:
    return doc.char_span(quote.inner[0], quote.inner[1], alignment_mode="expand")


def _frame_class(tok: Token) -> CueClass | None:
    """The class of a verb that can frame a quotation: a speech or writing cue, or "continued"."""
    cls = cue_class(tok)
    if cls in {"speech", "writing"}:
        return cls
    # a framing verb frames only when it takes nothing else: '"...," he continued', not "continued to rise"
    bare = not any(
        c.dep_ in {"xcomp", "dobj", "prep", "ccomp", "attr"} and c._.in_quote is None and c.i > tok.i
        for c in tok.children
    )
    if tok.pos_ == "VERB" and tok.lemma_.lower() in QUOTE_FRAME_VERBS and bare:
        return QUOTE_FRAME_VERBS[tok.lemma_.lower()]
    particle = next(
        (c for c in tok.rights if c.lower_ in {"on", "back"} and c.dep_ in {"prt", "advmod"}), None
    )
    closes = particle is not None and (particle.i + 1 >= len(tok.doc) or tok.doc[particle.i + 1].is_punct)
    if tok.lemma_.lower() in {"go", "shoot"} and closes and bare and not list(particle.children):
        return "speech"  # '"...," he went on.', 'she shot back:' -- never "went back to City Hall"
    return None


def _frame_cue(doc: Doc, sents: list[Span], used: set[int], quote: Span | None = None) -> Token | None:
    """The reporting verb outside every quotation, nearest to the quote, in the sentences around it."""
    best: Token | None = None
    best_distance = len(doc) + 1
    for sent in sents:
        for tok in sent:
            if tok._.in_quote is not None or tok.i in used:
                continue
            if _frame_class(tok) is not None and not unsaid(tok) and not _describes_speaker(tok):
                if quote is not None and tok.i >= quote.end and _says_its_own_clause(tok, quote):
                    continue
                if quote is None:
                    return tok
                distance = quote.start - tok.i if tok.i < quote.start else tok.i - quote.end
                if distance < best_distance:
                    best, best_distance = tok, distance
    return best or (None if quote is None else _untagged_cue_after(doc, quote, used))


def _says_its_own_clause(tok: Token, quote: Span | None = None) -> bool:
    """'Peabody said: "...," adding that its value quadrupled': a participle after the quotation
    with a clause of its own right after it, outside the quotation, reports that clause, not the
    quotation ('"...," Warren told Stumpf, after he admitted ...' is framed by "told"). After a
    quotation that closes its own sentence ('"... is sound." Analysts said the warning had been
    expected.') any such verb reports its own clause: the quotation is left to the speaker before."""
    if not any(c.dep_ == "ccomp" and c.left_edge.i == tok.i + 1 and own_clause(c) for c in tok.children):
        return False
    return tok.tag_ == "VBG" or (quote is not None and _closes_a_sentence(quote) and _spoken_before(quote))


def _spoken_before(quote: Span) -> bool:
    """Whether someone speaks in the sentence before the quotation (a quotation or a reporting verb),
    so that the quotation may go on with them. With nobody before it, '"It is a sad day." Councillor
    Abara said the closure would cost 200 jobs.' is Abara's: a lead quotation, then its speaker."""
    doc = quote.doc
    start = quote.start
    while start > 0 and doc[start - 1].is_quote:
        start -= 1  # the quotation's own opening mark
    if start == 0:
        return False
    own = doc[start].sent
    before = doc[own.start : start] if own.start < start else doc[doc[start - 1].sent.start : start]
    return any(t._.in_quote is not None or _frame_class(t) is not None for t in before)


def _closes_a_sentence(quote: Span) -> bool:
    """Whether the quotation's last word inside its marks is a full stop, "?" or "!"."""
    inside = [t for t in quote if not t.is_quote and not t.is_space]
    return bool(inside) and inside[-1].text in {".", "?", "!"}


def _describes_speaker(tok: Token) -> bool:
    """'"...," the farmer, who asked not to be named, said': a verb in a relative clause on the subject of
    another reporting verb tells who the speaker is, not that the quotation is what they asked."""
    noun = tok.head
    return tok.dep_ == "relcl" and noun.dep_ == "nsubj" and _frame_class(noun.head) is not None


#: Finite forms of the commonest reporting verbs, which the tagger sometimes reads as nouns after a
#: quotation ('"...," the two write.').
_CUE_FORMS = frozenset("say says said write writes wrote add adds added tell tells told".split())


def _words_before_noun_cue(cue: Token) -> tuple[int, int] | None:
    """The subject of a cue the tagger read as a noun (``_untagged_cue_after``): the words between the
    quotation and the cue ("the two")."""
    if cue.pos_ in {"VERB", "AUX"}:
        return None
    start = cue.i
    while (
        start > cue.sent.start and not cue.doc[start - 1].is_punct and cue.doc[start - 1]._.in_quote is None
    ):
        start -= 1
    return (start, cue.i) if start < cue.i else None


def _untagged_cue_after(doc: Doc, quote: Span, used: set[int]) -> Token | None:
    """'"...," the two write.': a reporting verb the tagger took for a noun, closing the sentence a few
    words after the quotation, with nothing but its subject between."""
    end = quote.end
    while end < len(doc) and doc[end].is_punct and end - quote.end < 3:
        end += 1  # the closing mark and its comma
    for tok in doc[end : min(len(doc), end + 4)]:
        if tok.is_punct or tok._.in_quote is not None or tok.pos_ in {"VERB", "AUX"}:
            return None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        closes = nxt is None or nxt.text in {".", "!", "?"} or nxt.is_space
        if tok.lower_ in _CUE_FORMS and tok.i > end and closes and tok.i not in used:
            return tok
    return None


@rule("quote", 0.9)
def quotes(doc: Doc, b: Builder) -> None:
    """Rule "quote": quotations with their reporting verb; each speech-like quote goes to b.quoted."""
    results = b.quoted
    quotes = [q for q in doc._.quotes or [] if q.lookalike is None and not b.in_title(q.start)]
    i = 0
    while i < len(quotes):
        q = quotes[i]
        span = _quote_tokens(doc, q)
        if span is None or len(span) == 0:
            i += 1
            continue
        middle = (q.inner[0] + q.inner[1]) // 2
        signed = b.covering(middle, middle + 1)
        if signed is not None:  # the "signed" rule took it: the run-on rule may continue from it
            results.append((q, signed))
            i += 1
            continue
        sents = _sents_around(doc, q, span)
        cue = _frame_cue(doc, sents, b.used_cues, span)
        if cue is None:
            cue = _colon_intro(doc, sents[0], b.used_cues)
        named = _name_before_colon(doc, span) if cue is None else None
        if named is not None:
            cue = doc[named[1]]
        if cue is not None and (_inside_reported_clause(cue, span) or _fragment(doc, q, span, cue)):
            i += 1  # "said the vote was the clearest sign that ''...''": rules 2 and 3 take the clause
            continue
        group = [q]
        follows: list[tuple[Quote, Token]] = []
        if cue is not None:
            # "First part," she said, "second part." is one statement in two pieces; '"...," she
            # said, then added: "..."' and '"...," she said, adding, "..."' are two statements by one
            # speaker, the second opened by a colon or by a verb of its own.
            last = span
            while i + 1 < len(quotes):
                nxt = quotes[i + 1]
                nspan = _quote_tokens(doc, nxt)
                if nspan is None or nspan.start > sents[-1].end + 1 or nspan[0].sent.start > sents[-1].start:
                    break
                again = _second_cue(doc, cue, last.end, nspan.start)
                if again is not None or _opened_by_colon(doc, nxt):
                    follows.append((nxt, again or cue))
                else:
                    group.append(nxt)
                last = nspan
                i += 1
        stmt = None
        if cue is not None:
            found = (
                named
                or subject_block(cue)
                or _inverted_subject(cue)
                or _inverted_object(cue)
                or _words_before_noun_cue(cue)
            )
            if found is not None and found[0] > cue.i:
                found = without_relative(doc, found)  # '..." said a spokeswoman, who declined to'
            speaker = _clear_of(doc, found, group)
            for part, verb in [(group, cue), *(([f], v) for f, v in follows)]:
                spans = [_strip_span(text_of(doc), (g.inner[0], g.inner[1])) for g in part]
                stmt = b.add(
                    "direct",
                    [s for s in spans if s[1] > s[0]],
                    mention(doc, verb.i, verb.i + 1),
                    verb.i,
                    speaker,
                    _frame_class(verb) or "speech",
                    question=verb.lemma_.lower() in {"ask", "wonder", "question"},
                )
                results.extend((g, stmt) for g in part)
        else:
            results.extend((g, None) for g in group + follows)
        i += 1


def _second_cue(doc: Doc, cue: Token, start: int, end: int) -> Token | None:
    """A verb of speech of its own between two quotations of one sentence, after the first one's cue
    ('"...," he said, adding, "..."'): the second quotation is a second statement."""
    for tok in doc[start:end]:
        if tok.i > cue.i and _frame_class(tok) in {"speech", "writing"}:
            return tok
    return None


def _clear_of(doc: Doc, speaker: tuple[int, int] | None, quotes: list[Quote]) -> tuple[int, int] | None:
    """The speaker's words outside the quotation they frame.

    A long appositive after the quote ('", Tobias Venn, senior vice president for ferries and freight at
    Alder Marine Works, Harbour, and Docks, said') can make the parser hang the quote's last clause on the
    speaker, whose subtree then starts inside the quote: the words a person is named by never lie in
    what they are quoted as saying.
    """
    if speaker is None:
        return None
    start, end = speaker
    for quote in quotes:
        span = _quote_tokens(doc, quote)
        if span is None or end <= span.start or start >= span.end:
            continue
        if end > span.end:
            start = span.end
        else:
            end = span.start
    while start < end and (doc[start].is_punct or doc[start].is_quote):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_quote):
        end -= 1
    return (start, end) if end > start else None


def _opened_by_colon(doc: Doc, quote: Quote) -> bool:
    """The quotation follows a colon ('then added: "..."', 'went on: "..."')."""
    return text_of(doc)[: quote.start].rstrip().endswith(":")


def _fragment(doc: Doc, quote: Quote, span: Span, cue: Token) -> bool:
    """A quoted fragment inside the writer's own sentence ('a better president "no matter what,"').

    It starts in lower case after several words of the sentence that are not the attribution; the
    statement is the whole sentence, which the aside and reported rules make as a mixed one.
    """
    if not quote.text[:1].islower():
        return False
    block = subject_block(cue) or (cue.i, cue.i)
    before = [
        t
        for t in doc[span.sent.start : span.start]
        if t.is_alpha and t._.in_quote is None and not (block[0] <= t.i < block[1]) and t.i != cue.i
    ]
    return len(before) >= 3


def _name_before_colon(doc: Doc, quote: Span) -> tuple[int, int] | None:
    """'More from Jones: "..."', 'Republican pollster Daron Shaw: "..."': a name, then a colon, then
    the quotation, with no verb; the name's token range, the colon being its end."""
    i = quote.start - 1
    while i > 0 and (doc[i].is_space or doc[i].text in _OPENING_MARKS):
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    name = doc[i - 1]
    if name.ent_type_ not in {"PERSON", "ORG"} and name._.person is None:
        return None
    start = i - 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    # only a label with no verb: in "a blunt message to Trump:" or "turned to face Dunn:" the name is
    # the one spoken to, not the speaker
    opens = name.sent.start
    if any(t.pos_ in {"VERB", "AUX"} and t._.in_quote is None for t in doc[opens:start]):
        return None
    return start, i


def _inverted_subject(cue: Token) -> tuple[int, int] | None:
    """'..." asked Mr. Manafort': the parser may take the speaker after the cue for its object."""
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if nxt is None or nxt._.in_quote is not None:
        return None
    if nxt.pos_ != "PROPN":
        return _title_then_name(cue)
    if nxt.ent_type_ in {"DATE", "TIME"}:
        return None  # 'an official said Wednesday, "..."': the day of the saying, never its speaker
    head = nxt
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    return nxt.i, head.i + 1


#: Verbs whose object after them is whom they address, never an inverted speaker ('..." told reporters');
#: "warned an economist" and "urged the mayor" after a quotation name the speaker.
_LISTENER_VERBS = frozenset({"tell", "inform", "assure", "brief"})


def _inverted_object(cue: Token) -> tuple[int, int] | None:
    """'..." added a New Hampshire Democrat.': a described speaker after the cue that the parser took
    for its object (a name there is ``_inverted_subject``'s; '..." asked the boy' inverts too). Never
    after a verb whose object is its listener, and only a phrase that starts right after the cue, ends
    the clause and can speak."""
    if cue.lemma_.lower() in _LISTENER_VERBS:
        return None
    obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
    if obj is None or obj.left_edge.i != cue.i + 1 or obj._.in_quote is not None or not can_speak(obj):
        return None
    end = obj.right_edge.i + 1
    if end < len(cue.doc) and not cue.doc[end].is_punct:
        return None
    return cue.i + 1, end


#: Words a title before a name never holds ("Oversight ranking Democrat" has none of them).
_NOT_IN_A_TITLE = frozenset({"AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "PART"})


def _title_then_name(cue: Token) -> tuple[int, int] | None:
    """'..." said Oversight ranking Democrat Ana Sol (D-Md.).': a title the tagger read as common words,
    then the name; the speaker is the name, when no punctuation comes between it and the cue."""
    doc = cue.doc
    for tok in doc[cue.i + 1 : min(cue.sent.end, cue.i + 8)]:
        if tok.is_punct or tok._.in_quote is not None or tok.pos_ in _NOT_IN_A_TITLE:
            return None  # 'said on Monday a lawyer for Ana Sol': the speaker is the lawyer
        if tok.ent_type_ == "PERSON" or tok._.person is not None:
            start, end = tok.i, tok.i + 1
            while start > cue.i + 1 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ != "NORP":
                start -= 1  # the name's own words, not the title's ("Democrat" is a party)
            while end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1
            return start, end
    return None


def _inside_reported_clause(cue: Token, quote: Span) -> bool:
    """True when the quote is only part of the cue's content clause (a mixed statement). The stop a
    quotation closing the sentence holds ('said the firm "does not comment."') is the sentence's."""
    last = quote.end
    while last > quote.start + 1 and quote.doc[last - 1].is_punct:
        last -= 1
    for clause in cue.children:
        if clause.dep_ != "ccomp" or clause.i < cue.i:
            continue
        tokens = list(clause.subtree)
        if not (tokens[0].i <= quote.start and last <= tokens[-1].i + 1):
            continue
        # ', adding that ...' after the quotation is a statement of its own the parser hung inside it
        own = {
            t.i
            for v in tokens
            if v.i >= quote.end and _frame_class(v) is not None and _says_its_own_clause(v)
            for t in v.subtree
        }
        outside = [
            t for t in tokens if t._.in_quote is None and t.is_alpha and t.lower_ != "that" and t.i not in own
        ]
        return len(outside) >= 2
    return False


def _strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Trim spaces and a trailing comma from a quote's inside ("today," -> "today")."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–"):
        e -= 1
    return s, e


def _sents_around(doc: Doc, quote: Quote, span: Span) -> list[Span]:
    """The sentences a quote touches, plus the one its closing mark runs into ('?" Roberts asked.')."""
    sents: list[Span] = []
    sent = doc[span.start].sent
    while True:
        sents.append(sent)
        if sent.end >= span.end or sent.end >= len(doc):
            break
        sent = doc[sent.end].sent
    after = next((t for t in doc[span.end :] if t.idx >= quote.end and not t.is_space), None)
    if (
        after is not None
        and "\n" not in text_of(doc)[quote.end : after.idx]
        and after.sent.start >= sents[-1].end
        and sum(1 for t in after.sent if not t.is_punct and not t.is_space) <= _SHORT_TAIL
    ):
        sents.append(after.sent)
    return sents


def _colon_intro(doc: Doc, sent: Span, used: set[int]) -> Token | None:
    """A cue in the previous sentence when it ends with a colon ("Trump said: ...")."""
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    last = [t for t in prev if not t.is_space]
    if not last or last[-1].text != ":":
        return None
    return _frame_cue(doc, [prev], used)


@rule("run-on", 0.7)
def run_on(doc: Doc, b: Builder) -> None:
    """Rule "run-on": a quotation with no cue that follows the previous speaker's quote continues it,
    as does one making up the sentence right after a reported statement (``_report_just_before``).

    "Follows" means the quote opens the sentence right after the one the previous quote's attribution
    ends in (the next paragraph included): any other sentence in between breaks the chain.
    """
    prev: Statement | None = None
    for quote, stmt in b.quoted:
        if stmt is not None:
            prev = stmt
            continue
        inner = _strip_span(text_of(doc), quote.inner)
        reported = _report_just_before(doc, b, quote, inner)
        if reported is not None and (prev is None or reported.end > prev.end):
            # 'Sol said she would not make excuses. "She played better."': the report is the last word
            prev = b.add("direct", [inner], None, None, reported.speaker_tokens, reported.cue_class)
            continue
        if prev is None or prev.kind != "direct" or prev.speaker is None:
            continue
        last = doc.char_span(prev.end - 1, prev.end, alignment_mode="expand")
        first = doc.char_span(inner[0], inner[0] + 1, alignment_mode="expand")
        if not last or not first:
            continue
        anchor = last[0]
        if prev.cue_token is not None and prev.cue_token > anchor.i:
            anchor = doc[prev.cue_token]  # '"A?" Mr. Manafort asked. "B."': chain from the attribution
        prev_sent, sent = anchor.sent, first[0].sent
        opens = _opens_its_sentence(text_of(doc), sent, quote)
        if not (opens and sent.start in {prev_sent.start, next_sentence(doc, prev_sent.end)}):
            prev = None
            continue
        new = b.add("direct", [inner], None, None, prev.speaker_tokens, prev.cue_class)
        if new is not None:
            prev = new
    _continued_paragraphs(doc, b)


def _report_just_before(doc: Doc, b: Builder, quote: Quote, inner: tuple[int, int]) -> Statement | None:
    """The reported statement of speech or writing in the sentence right before a quotation with no
    cue that makes up its whole sentence: in news style the quotation goes on with that speaker
    ('Sol said she did not want to make excuses. "She played better than me today."'). None when
    another statement lies between, or the speaker is unknown."""
    first = doc.char_span(inner[0], inner[0] + 1, alignment_mode="expand")
    if not first or quote.end == quote.inner[1]:
        return None  # a quotation left open at its paragraph's end runs into the next one's speaker
    sent = first[0].sent
    text = text_of(doc)
    closes = text[quote.end : sent.end_char].strip(" \n\"“”'.") == ""
    if not (_opens_its_sentence(text, sent, quote) and closes) or sent.start == 0:
        return None
    before = [s for s in b.out if s.end <= quote.start]
    last = max(before, key=lambda s: s.end, default=None)
    if (
        last is None
        or last.kind not in {"indirect", "mixed"}
        or last.cue_class not in {"speech", "writing"}
        or last.cue_token is None
        or last.speaker_tokens is None
    ):
        return None
    said_in = doc[last.cue_token].sent
    if next_sentence(doc, said_in.end) != sent.start or last.end > said_in.end_char:
        return None
    return None if _someone_elses_words(doc, last, quote) else last


#: Words by which a quotation speaks as one person.
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


def _someone_elses_words(doc: Doc, said: Statement, quote: Quote) -> bool:
    """Whether the quotation after a reported statement is more likely the words of someone the
    statement tells of: the statement reports another's speech or writing ('Witnesses said the gunman
    shouted before opening fire. "Everyone get down!"', '... had received a threatening letter.'), or
    the quotation speaks as "I" where the speaker is a group or a body ('Prosecutors said Moore had
    lied. "I was at home all night."')."""
    start, end = said.content_spans[0][0], said.content_spans[-1][1]
    told = doc.char_span(start, end, alignment_mode="expand")
    if told is not None and any(
        cue_class(t) in {"speech", "writing"} or t.lemma_.lower() in DOCUMENT_NOUNS for t in told
    ):
        return True
    words = doc.char_span(*quote.inner, alignment_mode="expand")
    if words is None or not any(t.lower_ in _FIRST_PERSON for t in words) or said.speaker_tokens is None:
        return False
    head = doc[said.speaker_tokens[0] : said.speaker_tokens[1]].root
    return head.tag_ in {"NNS", "NNPS"} or head.ent_type_ in {"ORG", "NORP", "GPE"}


def _opens_its_sentence(text: str, sent: Span, quote: Quote) -> bool:
    """Whether nothing but space and quotation marks stands in the sentence before the quotation."""
    return text[sent.start_char : quote.start].strip(" \n\"“”'") == ""


def next_sentence(doc: Doc, end: int) -> int:
    """Where the sentence after the one ending at ``end`` starts: past a blank line, which the parser
    sometimes makes a sentence of its own (a BBC story of devset check 13 broke its run-on chain so)."""
    while end < len(doc) and doc[end].is_space:
        end += 1
    return end


def _continued_paragraphs(doc: Doc, b: Builder) -> None:
    """A quotation left open at its paragraph's end and reopened at the next paragraph's start is one
    quotation in news style: the open paragraph is said by whoever the quote it runs into is
    attributed to ('"We promised the park ...' then '"Nobody will sell it," Vale said.')."""
    text = text_of(doc)
    after: Statement | None = None
    for quote, stmt in reversed(b.quoted):
        if stmt is not None:
            after = stmt
            continue
        unclosed = quote.end == quote.inner[1]  # no closing mark: its paragraph ended, or a new one began
        if after is None or after.speaker_tokens is None or not unclosed or quote.lookalike is not None:
            after = None
            continue
        between = text[quote.end : after.start]
        if between.strip(' \n"“') != "":
            after = None  # the next paragraph must open with the quotation that continues this one
            continue
        inner = _strip_span(text, quote.inner)
        after = b.add("direct", [inner], None, None, after.speaker_tokens, after.cue_class)
