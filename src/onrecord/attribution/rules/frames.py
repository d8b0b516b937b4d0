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
from onrecord.attribution.rules.base import Builder, can_speak, char_spans, cue_class, mention, rule
from onrecord.model import CueClass

#: What a phrase's content is cut from: the clause of the verb it hangs on, never past the sentence.
_CLAUSE_POS = frozenset({"VERB", "AUX"})


def _clause_verb(tok: Token) -> Token | None:
    """The verb whose clause a phrase frames: the word it hangs on, or the first verb above it ("her
    lead in the poll has grown" frames "has grown"'s clause)."""
    head = tok.head
    while head.pos_ not in _CLAUSE_POS:
        if head.head.i == head.i:
            return None
        head = head.head
    return head


def _content(doc: Doc, verb: Token, frame: Token) -> list[tuple[int, int]]:
    """The verb's clause without the framing phrase (and without anything outside the sentence)."""
    phrase = {t.i for t in frame.subtree}
    sent = verb.sent
    return char_spans(doc, (t.i for t in verb.subtree if t.i not in phrase and sent.start <= t.i < sent.end))


def _speaks_for_itself(verb: Token) -> bool:
    """A reporting verb whose subject can speak: "the mayor said in a statement" is the mayor's
    statement, which the verb rules record; "79 percent said in the poll" is still the poll's."""
    if cue_class(verb) is None:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} and can_speak(c) for c in verb.children)


def _finding(noun: Token) -> bool:
    """A source of findings named as one: "a poll", "the latest surveys", "exit polls", "the average of
    recent polls", never a bare singular ("in count", "in data")."""
    of = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    if noun.lemma_.lower() not in FINDING_NOUNS and (of is None or of.lemma_.lower() not in FINDING_NOUNS):
        return False
    return noun.tag_ in {"NNS", "NNPS"} or any(c.dep_ in _NAMING for c in noun.children)


#: What makes a singular noun name a document: "a poll", "this survey", "Monday's poll", "a CBS poll".
_NAMING = frozenset({"det", "poss", "amod", "compound", "nummod"})


def _owner(noun: Token) -> Token | None:
    """Whose words or view: "her words", "Forbes' words", "in the eyes of voters" (not "in the eye of
    the storm": the caller asks whether the owner can speak)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _add(b: Builder, verb: Token, frame: Token, cue: Token, source: Token | None, cls: CueClass) -> None:
    doc = b.doc
    spans = _content(doc, verb, frame)
    if not spans or b.covered(spans[0][0], spans[-1][1]):
        return
    quoted = any(spans[0][0] <= q.start and q.end <= spans[-1][1] + 1 for q in doc._.quotes or [])
    speaker = None if source is None else (source.left_edge.i, source.right_edge.i + 1)
    b.add("mixed" if quoted else "indirect", spans, mention(doc, cue.i, cue.i + 1), cue.i, speaker, cls)


@rule("frame", 0.6)
def framed(doc: Doc, b: Builder) -> None:
    """Rule "frame": a clause framed, before its verb, by a source of findings or someone's words or
    view: "in a new poll, 79 percent backed the levy", "in her words, the plan was a gamble".

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
        if _speaks_for_itself(verb):
            continue
        lemma = noun.lemma_.lower()
        if lemma in FRAME_NOUNS:
            owner = _owner(noun)
            if owner is not None and can_speak(owner):
                _add(b, verb, prep, prep, owner, FRAME_NOUNS[lemma])
        elif _finding(noun):
            _add(b, verb, prep, prep, noun, "evidence")


@rule("hearsay", 0.55)
def hearsay(doc: Doc, b: Builder) -> None:
    """Rule "hearsay": a clause given to sources the article does not name: "the board is reportedly
    weighing a rise", "he allegedly used the gun". The statement has no speaker, and its class is
    "other": out of the default view, which records who said what (on our whole-page sets, such a
    clause was annotated to the outlet the article credits elsewhere, which no rule here can see).

    Only a main or reported clause: in "the threat he allegedly made" or "reportedly demanded by the
    board" the words around it are no claim; and a reporting verb ("she reportedly told friends")
    has its own speaker and content, which the verb rules record."""
    for adverb in b.tokens_with(HEARSAY_ADVERBS):
        verb = adverb.head
        if adverb.dep_ != "advmod" or verb.pos_ not in _CLAUSE_POS or adverb._.in_quote is not None:
            continue
        if not _main_clause(verb) or verb.i in b.used_cues or cue_class(verb) is not None:
            continue
        _add(b, verb, adverb, adverb, None, "other")


def _main_clause(verb: Token) -> bool:
    """A sentence's own clause, a reported one, or one joined to either by "and"."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in {"ROOT", "ccomp"}
