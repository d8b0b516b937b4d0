"""Rules for a clause framed as someone's by a phrase, not a verb: "in a new poll", "in her words",
"reportedly".

"In a CBS News poll, she led by 24 points" reports what the poll found, and "the mayor is reportedly
weighing a rise" what unnamed others say; no reporting verb marks either, so the verb rules never see
them. The clause is the content; the poll, or the owner of the words or view, is the source; a
hearsay adverb leaves the source unnamed.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.attribution.lexicon import FINDING_NOUNS, FRAME_NOUNS, HEARSAY_ADVERBS
from onrecord.attribution.rules.base import (
    WH_WORDS,
    Builder,
    can_speak,
    char_spans,
    cue_class,
    kind_of,
    mention,
    rule,
)
from onrecord.model import CueClass

#: What a phrase's content is cut from: the clause of the verb it hangs on, never past the sentence.
_CLAUSE_POS = frozenset({"VERB", "AUX"})

#: What makes a singular noun name a document: "a poll", "this survey", "Monday's poll", "a CBS poll".
_NAMING = frozenset({"det", "poss", "amod", "compound", "nummod"})


def _clause_verb(tok: Token) -> Token | None:
    """The verb whose clause a phrase frames: the word it hangs on, or the first verb above it
    ("63% of voters in the poll backed it" frames "backed"'s clause)."""
    head = tok.head
    while head.pos_ not in _CLAUSE_POS:
        if head.head.i == head.i:
            return None
        head = head.head
    return head


def _main_clause(verb: Token) -> bool:
    """A sentence's own clause, one joined to it by "and", or a clause that is not reported by a
    verb ("the problem is that ..."): in a relative clause ("who in the latest poll leads"), an
    adverbial one ("although in his view ...") or one a reporting verb governs ("did not say the man
    allegedly fired"), the words around it, or the verb rules, decide."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp":
        return cue_class(verb.head) is None and not any(c.lower_ in WH_WORDS for c in verb.children)
    return verb.dep_ == "ROOT"


def _content(doc: Doc, verb: Token, frame: Token) -> list[tuple[int, int]]:
    """The verb's clause without the framing phrase and the commas around it, without a "that"
    opening it, and without any hearsay adverb (and nothing outside the sentence)."""
    cut = {t.i for t in frame.subtree}
    first, last = min(cut), max(cut)
    for i in (first - 1, last + 1):
        if 0 <= i < len(doc) and doc[i].is_punct and doc[i].text in {",", "—", "–"}:
            cut.add(i)  # "Nobody, in her view, was to blame": neither comma stays
    cut |= {c.i for c in verb.children if c.dep_ == "mark" and c.lower_ == "that"}
    sent = verb.sent
    toks = (
        t.i
        for t in verb.subtree
        if t.i not in cut and sent.start <= t.i < sent.end and t.lower_ not in HEARSAY_ADVERBS
    )
    return char_spans(doc, toks)


def _speaks_for_itself(verb: Token) -> bool:
    """A reporting verb whose subject can speak: "the mayor said in a statement" is the mayor's
    statement, which the verb rules record; "79 percent said in the poll" is still the poll's."""
    if cue_class(verb) is None:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} and can_speak(c) for c in verb.children)


def _people(noun: Token) -> bool:
    """The noun a finding's phrase hangs on, when that is not the verb: people the poll counted ("voters
    in the poll", "63% of respondents in the survey"), not a thing in it ("a typo in the survey",
    "the questions in the poll", "her lead in the poll", whose clause is no finding of its own)."""
    if noun.like_num or noun.ent_type_ in {"PERCENT", "CARDINAL"} or noun.lower_ in {"percent", "%"}:
        return True
    if any(c.like_num for c in noun.children) or can_speak(noun):
        return True
    owner = noun.head.head  # "63% of respondents in the survey": the share they are of
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and owner.i != noun.i and _people(owner)


def _finding(noun: Token) -> bool:
    """A source of findings named as one: "a poll", "the latest surveys", "exit polls", never a bare
    singular ("in data") nor a noun that only has one after "of" ("in the wake of the poll")."""
    if noun.lemma_.lower() not in FINDING_NOUNS:
        return False
    return noun.tag_ in {"NNS", "NNPS"} or any(c.dep_ in _NAMING for c in noun.children)


def _owner(noun: Token) -> Token | None:
    """Whose words, view or estimate: "her words", "Forbes' words", "in the eyes of voters" (not "in
    the eye of the storm": the caller asks whether the owner can speak)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _add(b: Builder, verb: Token, cue: Token, source: Token | None, cls: CueClass) -> None:
    """The verb's clause as a statement of ``source``, the phrase or adverb ``cue`` cut out of it,
    unless a statement already holds the whole clause."""
    doc = b.doc
    spans = _content(doc, verb, cue)
    if not spans or b.covered(spans[0][0], spans[-1][1]):
        return
    speaker = None if source is None else (source.left_edge.i, source.right_edge.i + 1)
    b.add(kind_of(doc, spans), spans, mention(doc, cue.i, cue.i + 1), cue.i, speaker, cls)


@rule("frame", 0.6)
def framed(doc: Doc, b: Builder) -> None:
    """Rule "frame": a main clause framed, before its verb, by a source of findings or someone's words
    or view: "in a new poll, 79 percent backed the levy", "in her words, the plan was a gamble". An
    owned finding is its owner's ("in her estimate, the repairs will cost ...").

    After its verb ("she leads in the latest survey") the phrase is left alone: on PolNeAR train, 56 of
    the 122 such statements overlapped an annotated attribution, against 35 of the 44 before the verb;
    a standing in the polls is told as a fact of the race as often as a finding. Nor is "for most
    voters, ..." taken: 23 of 55 ("for all the debates, the race ..." frames no one's view)."""
    for prep in b.tokens_with(("in",)):
        if prep.dep_ != "prep" or prep.i in b.used_cues or prep._.in_quote is not None:
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        verb = _clause_verb(prep)
        if noun is None or verb is None or verb._.in_quote is not None or prep.i > verb.i:
            continue
        if not _main_clause(verb) or _speaks_for_itself(verb):
            continue
        if not (prep.head.i == verb.i or _people(prep.head)):
            continue
        lemma = noun.lemma_.lower()
        owner = _owner(noun)
        if lemma in FRAME_NOUNS:
            if owner is not None and can_speak(owner):
                _add(b, verb, prep, owner, FRAME_NOUNS[lemma])
        elif _finding(noun):
            if owner is not None and owner.dep_ == "poss" and can_speak(owner):
                _add(b, verb, prep, owner, "belief")  # "in her estimate": her view
            else:
                _add(b, verb, prep, noun, "evidence")


@rule("hearsay", 0.55)
def hearsay(doc: Doc, b: Builder) -> None:
    """Rule "hearsay": a clause given to sources the article does not name: "the board is reportedly
    weighing a rise", "he allegedly used the gun". The statement has no speaker, and its class is
    "other": out of the default view, which records who said what (on our whole-page sets, such a
    clause was annotated to the outlet the article credits elsewhere, which no rule here can see).

    Only a main clause (``_main_clause``): in "the threat he allegedly made" or "reportedly demanded
    by the board" the words around it are no claim. A verb of speech or writing ("she reportedly
    told friends") has its own speaker and content, which the verb rules record; a verb of belief or
    intention ("is reportedly considering a run") is the hearsay's own content."""
    for adverb in b.tokens_with(HEARSAY_ADVERBS):
        verb = adverb.head
        if adverb.dep_ != "advmod" or verb.pos_ not in _CLAUSE_POS or adverb._.in_quote is not None:
            continue
        if not _main_clause(verb) or verb.i in b.used_cues or cue_class(verb) in {"speech", "writing"}:
            continue
        _add(b, verb, adverb, None, "other")
