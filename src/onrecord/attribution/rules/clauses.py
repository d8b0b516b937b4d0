"""Rules for reported clauses: an attribution set off by commas, a cue with its clause, "according
to", and a claim noun with a that-clause."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.attribution.lexicon import CLAUSE_ONLY_CUES, CUE_NOUNS
from onrecord.attribution.rules.base import (
    CLOSING_MARKS,
    END_PUNCT,
    SUBJECT_DEPS,
    WH_WORDS,
    Builder,
    asked_aside,
    can_speak,
    char_spans,
    clause_tokens,
    counterfactual,
    cue_class,
    kind_of,
    mention,
    negates,
    own_clause,
    passive_agent,
    rule,
    subject_block,
    unsaid,
    without_relative,
)
from onrecord.model import Mention, StatementKind


@rule("aside", 0.8)
def aside(doc: Doc, b: Builder) -> None:
    """Rule "aside": an attribution set off by commas, mid-sentence or at its end (", the source said,")."""
    for tok, cls in b.cues():
        if cls not in {"speech", "writing"} or tok.i in b.used_cues or tok._.in_quote is not None:
            continue
        if unsaid(tok) or any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
            continue
        subj = subject_block(tok)
        if subj is None:
            continue
        named = without_relative(doc, subj) if subj[0] > tok.i else subj
        start, end = min(subj[0], tok.i), max(subj[1], tok.i + 1)
        # a clause that describes the speaker, after the verb or before it (", a report issued in 2022
        # warned", ", a spokesman who joined in May said")
        described = _relative_clauses(doc, start, max(named[1], tok.i + 1))
        if any(
            # a verb in the attribution makes it a clause; a participle that describes ("certified
            # financial planner Ana Sol", "a retired general") or a relative clause after the verb
            # (", said Tom Vale, an engineer who built the first span") does not
            doc[i]._.person is None
            and doc[i].pos_ == "VERB"
            and doc[i].dep_ != "amod"
            and i != tok.i
            and i not in described
            for i in range(start, max(named[1], tok.i + 1))
        ):
            continue
        end = _extend_right(doc, tok, end)
        sent = tok.sent
        # 'The plans are "irresponsible," Bell said': the comma sits inside the closing mark
        closing = (
            start - 2 > sent.start and doc[start - 1].text in CLOSING_MARKS and doc[start - 2].text == ","
        )
        fronted = _fronted_as(tok, start, end)
        if fronted is None and (
            start <= sent.start or (doc[start - 1].text not in {",", "—", "–"} and not closing)
        ):
            continue
        after = doc[end] if end < sent.end else None
        if after is not None and after.text not in {",", "—", "–", ";"} and after.text not in END_PUNCT:
            continue
        cut = start if closing else start - 1  # the closing mark stays with the quoted words
        # "..., political analysts say; in 2012, ...": what follows the semicolon is the writer's
        last = end + 1 if after is None or after.text != ";" else sent.end
        if fronted is not None:
            cut, last = fronted
        stop = sent.end
        said_next = cue_class(doc[last]) in {"speech", "writing"} if last < sent.end else False
        if said_next and doc[last].tag_ == "VBG" and doc[last].head.i == tok.i:
            stop = last  # "..., he said, adding ...": his next statement, not more of this one
        content = [i for i in range(sent.start, stop) if not (cut <= i < last)]
        content = [i for i in content if not doc[i].is_space]
        if not any(doc[i].pos_ in {"VERB", "AUX"} for i in content):
            continue  # "In Honolulu last week, Obama told ...": a fronted phrase, not a statement
        spans = char_spans(doc, content)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        quoted = any(doc[i]._.in_quote is not None for i in content)
        kind: StatementKind = "mixed" if quoted else "indirect"
        b.add(kind, spans, mention(doc, tok.i, tok.i + 1), tok.i, named, cls)


def _relative_clauses(doc: Doc, start: int, end: int) -> set[int]:
    """The tokens of relative clauses and participle phrases ("a planner working for the port")
    that stand wholly inside start..end."""
    inside: set[int] = set()
    for tok in doc[start:end]:
        if tok.dep_ in {"relcl", "acl"} and start <= tok.left_edge.i and tok.right_edge.i < end:
            inside.update(range(tok.left_edge.i, tok.right_edge.i + 1))
    return inside


def _fronted_as(verb: Token, start: int, end: int) -> tuple[int, int] | None:
    """ "As NBC News has reported, there is a risk ...": a sentence that opens with "as" and its source
    gives the rest after the comma to that source. The token range to leave out of the content, or
    None when the attribution is not such an opening."""
    sent = verb.sent
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if mark is None or verb.dep_ != "advcl" or mark.i != sent.start or start != mark.i + 1:
        return None
    if end >= sent.end or verb.doc[end].text != ",":
        return None
    return sent.start, end + 1


def _extend_right(doc: Doc, verb: Token, end: int) -> int:
    """Take modifiers of the cue into the attribution (", the source said on Tuesday.", "as Ruiz points
    out")."""
    for child in verb.rights:
        if child.i < end:
            continue
        if (
            child.dep_ in {"prep", "npadvmod", "advmod", "dobj", "dative", "agent", "prt"}
            and child.left_edge.i == end
        ):
            end = child.right_edge.i + 1
        else:
            break
    return end


@rule("reported", 0.8)
def reported(doc: Doc, b: Builder) -> None:
    """Rule "reported": a reporting verb with a content clause after it."""
    for tok, cls in b.cues():
        if tok.i in b.used_cues or tok._.in_quote is not None or unsaid(tok, by_agent=True):
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
        clause = clauses[0] if clauses else _recipient_clause(tok)
        start = 0  # where the content starts, when the clause holds words of the saying
        if clause is None and cls in {"speech", "writing"}:
            clause = _clause_past_adjunct(tok)
            if clause is None and (adverbial := _clause_as_adverbial(tok)) is not None:
                clause, start = adverbial
        if clause is None or (tok.lemma_.lower() in CLAUSE_ONLY_CUES and not own_clause(clause)):
            continue
        first = doc[clause.left_edge.i]
        question = first.lower_ in WH_WORDS
        if question and tok.lemma_.lower() not in {"ask", "wonder", "question"}:
            continue
        subj = passive_agent(tok) or subject_block(tok)
        if subj is None:
            continue  # "When asked whether ...": a question put in the passive, the rule "asked"'s
        toks = [i for i in clause_tokens(clause) if i >= start] + _joined_that_clause(tok, clause)
        spans = char_spans(doc, toks)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        b.add(kind_of(doc, spans), spans, mention(doc, tok.i, tok.i + 1), tok.i, subj, cls, question)


def _joined_that_clause(cue: Token, clause: Token) -> list[int]:
    """ "said that Vander had given everything but that results had fallen short": the parser may hang
    the second that-clause on the cue, as a verb joined to it; it is more of what was said. Only a
    clause with its own "that" and subject, right after the first, outside any quotation."""
    doc = cue.doc
    for conj in (c for c in cue.children if c.dep_ == "conj" and c.i > clause.right_edge.i):
        if conj._.in_quote is not None or not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
            continue
        between = doc[clause.right_edge.i + 1 : conj.left_edge.i]
        if all(t.is_punct or (t.dep_ == "cc" and t.lower_ in {"and", "but"}) for t in between):
            return [t.i for t in doc[clause.right_edge.i + 1 : conj.right_edge.i + 1] if not t.is_space]
    return []


#: The words of a sentence that only points back ("That's according to ...", "This is according to").
_POINTING = frozenset({"that", "this", "'s", "’s", "is", "was"})

#: Verbs that take a listener, then a that-clause ("told reporters that ...").
_TO_LISTENER = frozenset({"tell", "inform", "assure", "warn", "remind", "notify", "advise"})


def _clause_past_adjunct(verb: Token) -> Token | None:
    """The that-clause after a phrase of time, place or occasion, where the parser hung it on that
    phrase's noun: "said late on Monday at a briefing that the span could reopen". The noun must be
    the object of such a preposition (not "about the possibility that", "in reply to the claim
    that", where the clause is the noun's own), the "that" a conjunction (the parser's "mark", so a
    real relative clause, "said in the letters that she sent", is left alone), nothing but words may
    stand between the verb and "that", and the clause needs a subject of its own."""
    for child in verb.rights:
        if child.dep_ not in {"prep", "npadvmod", "advmod"}:
            continue
        for that in child.subtree:
            clause = that.head
            if that.lower_ != "that" or that.dep_ != "mark" or clause.dep_ not in {"relcl", "acl"}:
                continue
            if any(t.is_punct for t in verb.doc[verb.i + 1 : that.i]):
                return None
            noun = clause.head
            occasion = noun.dep_ == "pobj" and noun.head.lower_ in _OCCASION_PREPS
            if occasion and clause.i > that.i and any(c.dep_ in SUBJECT_DEPS for c in clause.children):
                return clause
    return None


def _clause_as_adverbial(verb: Token) -> tuple[Token, int] | None:
    """The reported clause the parser took for an adverbial one because a phrase of time or place
    stands between it and the verb ("tweeted in the early morning hours that Machado was ..."), or
    took that phrase into the clause ("said after the convention he would not accept ..."), with the
    token the content starts at. The clause must be finite, with a subject of its own, and open with
    no conjunction but "that" (not "said at the rally when he ..."); only adjuncts of time or place
    may stand between the verb and the clause's subject, the verb's or the clause's, with no
    punctuation. A phrase the parser gave the clause is left out of it, as a leading date is."""
    doc = verb.doc
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i):
        if clause._.in_quote is not None:
            return None
        if any(c.dep_ == "mark" and c.lower_ != "that" for c in clause.children):
            return None
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.i < clause.i), None)
        finite = clause.tag_ in _FINITE or any(c.dep_ == "aux" and c.tag_ in _FINITE for c in clause.children)
        if subject is None or not finite:
            return None
        start = subject.left_edge.i
        that = doc[start - 1] if doc[start - 1].lower_ == "that" else None
        end = that.i if that is not None else start
        adjuncts = [c for c in verb.children if verb.i < c.i < end]
        adjuncts += [c for c in clause.children if c.i < end and c != that]
        if not adjuncts or any(c.dep_ not in _ADJUNCTS for c in adjuncts):
            return None
        inside = [any(a.left_edge.i <= i <= a.right_edge.i for a in adjuncts) for i in range(verb.i + 1, end)]
        if not all(inside) or any(t.is_punct for t in doc[verb.i + 1 : end]):
            return None
        return clause, start
    return None


#: What may stand between a reporting verb and its clause's subject: phrases of time, place, manner.
_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod"})
#: The tags of a finite verb or auxiliary.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})

#: Prepositions of a time, place or occasion a speaker spoke at.
_OCCASION_PREPS = frozenset({"on", "in", "at", "during", "after", "before", "following", "over", "since"})


def _recipient_clause(verb: Token) -> Token | None:
    """The that-clause after a listener, where the parser hung it on the listener as a relative clause:
    "told reporters at a news conference that officials began ...", "tells the paper that he fought
    ...". The clause must have a subject of its own, so a real relative clause ("told the paper that
    employs him") is left alone. In the passive the clause may hang on the speaker instead ("was told
    by officials that the park ...", "it was stated by the witness that the car ...")."""
    listener = None
    if verb.lemma_.lower() in _TO_LISTENER:
        listener = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if listener is None and passive_agent(verb) is not None:
        agents = [c for c in verb.children if c.dep_ == "agent"]
        listener = next((g for c in agents for g in c.children if g.dep_ == "pobj"), None)
    if listener is None:
        return None
    if not any(t.lower_ == "that" for t in verb.doc[listener.i + 1 : verb.sent.end]):
        return _bare_clause_on_listener(listener)  # "told the paper he owned that ..." has its "that"
    for that in verb.doc[listener.i + 1 : verb.sent.end]:
        if that.lower_ != "that":
            continue
        clause = that.head
        inside = listener.left_edge.i <= clause.head.i <= verb.right_edge.i
        own_subject = any(
            c.dep_ in SUBJECT_DEPS and c.i > that.i and c.lower_ not in {"that", "which", "who"}
            for c in clause.children
        )
        if clause.dep_ in {"relcl", "acl"} and that.i < clause.i and inside and own_subject:
            return clause
        if _under_listeners_clause(clause, listener) and that.i < clause.i and inside and own_subject:
            return clause
        return None
    return None


def _bare_clause_on_listener(listener: Token) -> Token | None:
    """ "told the audience she had spent six years ...": a clause with no "that", which the parser hung
    on the listener as a relative clause. It starts right after the listener, its subject is a
    pronoun for a person or a name, and its verb has an object or complement of its own, which a
    relative clause on the listener would lack ("told the story she wrote" is left alone)."""
    for clause in listener.children:
        if clause.dep_ != "relcl" or clause.left_edge.i != listener.i + 1:
            continue
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        speaking = subject is not None and (
            subject.lower_ in {"he", "she", "they", "we", "i", "it"} or subject.pos_ == "PROPN"
        )
        complete = any(c.dep_ in {"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd"} for c in clause.children)
        if speaking and complete:
            return clause
    return None


def _under_listeners_clause(clause: Token, listener: Token) -> bool:
    """ "told teachers who covered the lawn that the state should ...": the parser made the reported
    clause the complement of the listener's own relative clause, whose verb takes no clause of its own
    (it is no reporting verb, and its object comes first)."""
    inner = clause.head
    return (
        clause.dep_ == "ccomp"
        and inner.dep_ == "relcl"
        and inner.head.i == listener.i
        and cue_class(inner) is None
        and any(c.dep_ == "dobj" and c.i < clause.i for c in inner.children)
    )


#: Dependencies of a speech verb used as another verb ("where the group maintains an office") or of a
#: noun the tagger took for a verb ("ads in four coastal states"): no report of the sentence.
_NOT_REPORTING_DEPS = frozenset(
    "relcl acl advcl amod xcomp pobj dobj nsubj nsubjpass compound attr appos poss".split()
)


def _reported_speaker_before(doc: Doc, start: int, end: int) -> bool:
    """A speech verb with its own speaker stands between ``start`` and ``end`` ("he said"), used as a
    report, not as another verb ("where the group maintains a political office"; "rebels have agreed
    to a truce, according to the mission" is the mission's report of a deed), nor a noun the tagger
    took for a verb ("ads in four coastal states", which the parser still made an object)."""
    return any(
        t.pos_ == "VERB"
        and cue_class(t) in {"speech", "writing"}
        and t.dep_ not in _NOT_REPORTING_DEPS
        and not any(c.dep_ == "dobj" or _to_object(c) for c in t.children)
        and subject_block(t) is not None
        for t in doc[start:end]
        if t._.in_quote is None
    )


def _to_object(prep: Token) -> bool:
    """ "to a truce" after "agreed": what the verb is done to, not whom a report was made to ("said to
    reporters")."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "to"
        and any(g.dep_ == "pobj" and not can_speak(g) for g in prep.children)
    )


@rule("according", 0.75)
def according(doc: Doc, b: Builder) -> None:
    """Rule "according": "according to X" gives the rest of the sentence to X."""
    for tok in b.tokens_with(("accord", "according")):
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        src = (objs[0].left_edge.i, objs[0].right_edge.i + 1)
        phrase = set(range(tok.i, src[1]))
        sent = tok.sent
        if _reported_speaker_before(doc, sent.start, tok.i):
            continue  # '"...," he said, according to the Intelligencer': he spoke, the paper reported it
        if src[1] < sent.end and doc[src[1]].text == ",":
            phrase.add(src[1])
        if tok.i > sent.start and doc[tok.i - 1].text == ",":
            phrase.add(tok.i - 1)
        content = [i for i in range(sent.start, sent.end) if i not in phrase and not doc[i].is_space]
        if sent.start > 0 and all(doc[i].is_punct or doc[i].lower_ in _POINTING for i in content):
            # "That's according to a new survey.": the sentence before is what the source says
            before = doc[sent.start - 1].sent
            content = [i for i in range(before.start, before.end) if not doc[i].is_space]
        spans = char_spans(doc, content)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        cue = Mention(doc[tok.i : tok.i + 2].text, (tok.idx, to.idx + len(to)))
        b.add("according_to", spans, cue, tok.i, src, "speech")


@rule("nominal", 0.6)
def nominal(doc: Doc, b: Builder) -> None:
    """Rule "nominal": a claim noun someone owns, with a that-clause ("his claims ... that he has ...")."""
    for tok in b.tokens_with(CUE_NOUNS.keys()):
        cls = CUE_NOUNS.get(tok.lemma_.lower())
        if cls is None or tok.pos_ != "NOUN" or tok._.in_quote is not None:
            continue
        owners = [c for c in tok.children if c.dep_ == "poss"]
        if not owners:
            continue
        that = next(
            (
                t
                for t in doc[tok.i + 1 : min(tok.i + 9, tok.sent.end)]
                if t.lower_ == "that" and t.dep_ == "mark"
            ),
            None,
        )
        if that is None:
            continue
        clause = that.head
        if not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            continue
        toks = [i for i in (t.i for t in clause.subtree) if i > that.i]
        spans = char_spans(doc, toks)
        owner = owners[0]
        b.add(
            "indirect",
            spans,
            mention(doc, tok.i, tok.i + 1),
            tok.i,
            (owner.i, owner.i + 1),
            cls,
        )


@rule("asked", 0.6)
def asked(doc: Doc, b: Builder) -> None:
    """Rule "asked": a question put to someone, told in the passive ("Asked whether the toll would rise,
    Ruiz said ...", "Ruiz was asked by the moderator what ..."). The content is the question (or the
    request: "asked by a reporter to explain"), its speaker the asker when the sentence names one,
    else no one. One not asked ("was never asked", "if she had been asked") makes none."""
    for tok in b.tokens_with(("ask",)):
        aside = asked_aside(tok)  # "Brandt, asked if ..., said", which the tagger may read as active
        if (tok.tag_ != "VBN" and not aside) or tok.i in b.used_cues or tok._.in_quote is not None:
            continue
        passive = aside or any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
        fronted = tok.dep_ == "advcl" and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
        if not (passive or fronted) or _not_asked(tok):
            continue
        found = _question(tok)
        if found is None:
            continue
        (start, end), question, asker = found
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        asker = asker or (next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None)
        speaker = (asker.left_edge.i, asker.right_edge.i + 1) if asker is not None else None
        content = [i for i in range(start, end) if not doc[i].is_space]
        spans = char_spans(doc, content)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        quoted = [doc[i]._.in_quote is not None for i in content if doc[i].is_alpha]
        kind: StatementKind = "direct" if quoted and all(quoted) else "mixed" if any(quoted) else "indirect"
        b.add(kind, spans, mention(doc, tok.i, tok.i + 1), tok.i, speaker, "speech", question)


def _not_asked(verb: Token) -> bool:
    """ "was not asked", "has never been asked", "if she had been asked", "would have been asked"."""
    hypothetical = any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children)
    negated = any(negates(c) for c in verb.children)
    return hypothetical or negated or counterfactual(verb)


def _question(verb: Token) -> tuple[tuple[int, int], bool, Token | None] | None:
    """What "asked" asks, as a token range, whether it is a question rather than a request, and the
    asker when the parser hung "by ..." inside it: a clause ("what happened", "if he was bullied",
    "whether ..."), a request ("to respond"), or a topic ("about the toll", also under a phrase before
    it: "asked at a briefing about the toll"; "about the toll by reporters" ends before "by")."""
    for child in verb.rights:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if child.dep_ == "ccomp" or (child.dep_ == "advcl" and marks & {"if", "whether"}):
            return (child.left_edge.i, child.right_edge.i + 1), True, None
        if child.dep_ == "xcomp":
            return (child.left_edge.i, child.right_edge.i + 1), False, None
    for child in verb.rights:
        if child.dep_ != "prep":
            continue
        topic = child if child.lower_ == "about" else None
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            topic = topic or next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "about"), None)
        if topic is None:
            continue
        end = topic.right_edge.i + 1
        by = next((t for t in topic.subtree if t.dep_ == "prep" and t.lower_ == "by"), None)
        if by is not None:
            end = by.i
        asker = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        return (topic.i, end), True, asker
    return None
