"""Reversals that the article itself reports: "later walked back", "flip-flopped", "despite saying in May".

A reporter who writes that someone "backtracked" or "changed her position" has done the fact-checking
already; onrecord only has to read it. Each such sentence becomes a ``Contradiction`` of kind
"reported" with its evidence (the sentence), the cue, who reversed (the holder, resolved to a person or
body where the text allows), and the earlier and later positions with their dates when the sentence
gives them. No statement pair is needed: the two positions are often not quoted anywhere.

The words are data (``onrecord/data/reversal_cues.json``), passed through the component's ``cues``
setting, as spaCy's rulers take their patterns. The decisions are grammatical, not lexical only: the
cue must be the holder's own doing (its subject, or the owner of the position that changed), must be
asserted (no modal, condition, question, negation or "refused to"), and a reversal verb such as
"reverse" or "abandon" must act on the holder's own position ("reversed himself", "abandoned his
pledge"), never on someone else's ("the court reversed a ruling"). Who holds the position is
``holders``' question; the lists are read by ``reversal_cues``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.attribution.first_names import gender_of_first_name
from onrecord.attribution.lexicon import CUE_NOUNS
from onrecord.attribution.mentions import pronoun_gender
from onrecord.attribution.rules.base import can_speak
from onrecord.contradictions import holders
from onrecord.contradictions.reversal_cues import Cues, lemma_of, load_cues
from onrecord.model import REPORTED, Contradiction, Statement
from onrecord.timing.normalize import normalize

KIND = REPORTED


@dataclass
class Part:
    """One side of a reversal (the earlier or the later position) as the sentence gives it."""

    text: str
    span: tuple[int, int]
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "date": self.date}


@dataclass
class Reversal:
    """A sentence in which the article says that its holder reversed their own position."""

    sentence: tuple[int, int]
    cue: tuple[int, int]
    holder: tuple[int, int]
    holder_text: str
    person: str | None
    earlier: Part | None = None
    later: Part | None = None
    confidence: float = 0.8
    reasons: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ grammar


_DEMONSTRATIVES = {"this", "that", "these", "those"}
_FLOP_VERB_FORMS = {"flop", "flops", "flopped", "flopping"}
_PLACES_AND_TIMES = {"GPE", "LOC", "FAC", "DATE", "TIME"}

#: Words that stand for positions named before ("renounced most of them").
_STANDINS = {"them", "it", "most", "some", "all", "many"}


#: Participles that make a thing someone's proposal: "backed down from some proposed price rises".
_PROPOSED = {"propose", "plan"}

#: Entity types whose words are a name, never a cue.
_NAMES = {"WORK_OF_ART", "PRODUCT", "ORG", "EVENT", "FAC", "LAW"}

#: Adverbs that place a second statement after a first: "but has since said".
_SINCE = {"since", "later", "subsequently"}

#: Nouns whose "that" clause is someone's report, which counts ("its claims that the prime minister broke
#: a promise"), unlike a sign or a hope ("indications that he was backing down").
_REPORT_NOUNS = {w for w, kind in CUE_NOUNS.items() if kind == "speech"} | {"report", "charge", "accusation"}

#: Subordinators whose clause is asserted on its own, whatever the mood of the clause it hangs on.
_OWN_MOOD = {"though", "although", "because", "since", "whereas"}

#: The links up which a verb's mood is inherited: "would need them to switch sides", "for reneging on".
_INHERITS = {"xcomp", "pcomp", "prep", "pobj", "advcl", "acl", "ccomp"}


def _asserted(verb: Token, cues: Cues) -> bool:
    """False when the verb is hypothetical, negated, asked about, believed or predicted, or something
    refused or urged. A reporting verb above it ("Cruz said that Trump flip-flopped") keeps it asserted:
    an attributed report is still a report."""
    tok, own_words, negation_counts = verb, True, True
    for _ in range(6):
        subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        for child in tok.children if own_words else ():
            negation = child.dep_ == "neg" or child.lower_ in {"never", "not", "n't", "no"} or _no_way(child)
            # "have never ... modified", "has never in all those years changed": the parser may hang the
            # negation on the auxiliary or on a phrase between the subject and the verb (never on one
            # before the subject: "Not for the first time, she has reversed ..." asserts it)
            inside = child.dep_ == "aux" or (
                child.dep_ == "prep" and subject is not None and child.i > subject.i
            )
            negation = negation or (
                inside and child.i < tok.i and any(g.dep_ == "neg" for g in child.children)
            )
            # "Nothing suggests that she has changed", "No evidence shows ...": a subject that denies
            negation = negation or (child.dep_ == "nsubj" and _nobody(child))
            if negation and negation_counts:
                return False
            if child.dep_ in {"aux", "mark", "advmod"} and child.lower_ in cues.hypothetical:
                return False  # "would reverse", "if he reverses", "maybe he has changed his mind"
            if child.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in child.children):
                return False  # "If his supporters were worried ... that he was softening": a condition
        own_words, negation_counts = True, True
        head = tok.head
        if tok.dep_ == "conj" and head != tok:
            # "denied it had dropped its opposition or altered its position": what the first verb hangs
            # on governs both; the first verb's own "not" or "could" only under "or" ("would not back
            # down or change"), never under "but" ("did not apologise but reversed himself")
            own_words = any(
                c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in (*head.children, *tok.children)
            )
            tok = head
            continue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if tok.dep_ == "advcl" and "until" in marks and tok.tag_ in {"VB", "VBP", "VBZ"}:
            return False  # "sanctions stay until the government changes its policy": not yet
        if tok.dep_ in {"xcomp", "ccomp"} and _shuns(head, cues) and not _reported_past(tok, head):
            return False  # "refused to back down", "thinks he will moderate his views"
        said = head.lower_ == "fact" or lemma_of(head) in _REPORT_NOUNS
        said = said and lemma_of(head.head) not in cues.refusing  # "dismissed claims that ..." denies them
        finite = "that" in marks or any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
        if tok.dep_ in {"acl", "ccomp"} and head.pos_ == "NOUN" and finite and not said:
            return False  # "indications (that) he was backing down": what a noun says may be so, not is
        if tok.dep_ == "advcl" and marks & _OWN_MOOD:
            break  # "(though she has shifted on that issue)" is said as fact under "He will crowd her"
        if _participle_adjunct(tok):
            # "has never met Putin, contradicting his own claims": the participle says what the
            # statement does; the head's "never" denies the meeting, not the contradiction. A head that
            # is hypothetical still makes it so ("would win, reversing ..."), so the climb goes on.
            tok, own_words, negation_counts = head, True, False
            continue
        if tok.dep_ in _INHERITS and head != tok:
            tok = head
            continue
        break
    sent = verb.sent
    return not sent.text.rstrip().endswith("?")


def _shuns(head: Token, cues: Cues) -> bool:
    """Whether a verb's complement is only wanted, refused or feared: "refused to", "thinks", and "is
    loath to", whose verb the parser may hang on the copula beside the adjective."""
    return lemma_of(head) in cues.refusing or any(
        c.dep_ == "acomp" and lemma_of(c) in cues.refusing for c in head.children
    )


def _nobody(subject: Token) -> bool:
    """ "nothing", "no one", "no evidence": a subject that says the verb's content is not so."""
    if subject.lower_ in {"nothing", "nobody", "none"}:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _participle_adjunct(tok: Token) -> bool:
    """A bare participle hung on a clause ("..., contradicting his claims"), with no subject nor
    subordinator of its own."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.head.i == tok.i:
        return False
    return not any(c.dep_ in {"mark", "nsubj", "nsubjpass"} for c in tok.children)


def _no_way(child: Token) -> bool:
    """ "in no way abandoned", "at no point changed": a negation carried by a phrase."""
    if child.dep_ != "prep":
        return False
    return any(any(d.dep_ == "det" and d.lower_ == "no" for d in o.children) for o in child.children)


def _reported_past(clause: Token, head: Token) -> bool:
    """ "Claims suggested Mr Blair went back on a pledge": a finite past under "suggest" reports what
    happened, where "suggested he go back on it" urges it; a past obligation was met."""
    if lemma_of(head) in {"have", "get"}:
        return head.tag_ == "VBD"  # "I had to change my answer" happened, "it has got to change" has not
    perfect = clause.tag_ == "VBN" and any(c.dep_ == "aux" and lemma_of(c) == "have" for c in clause.children)
    past = clause.tag_ in {"VBD", "VBZ"} or perfect  # "suggests Gates has changed his position"
    return lemma_of(head) == "suggest" and past and clause.dep_ == "ccomp"


def _partitive(noun: Token) -> Token:
    """The noun a quantity stands for: "many of his own claims" is about his claims."""
    if noun.lower_ not in _STANDINS - {"them", "it"} and noun.lower_ not in _QUANTITIES:
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return whole if whole is not None else noun


def _prep_objects(noun: Token, preps: set[str]) -> Iterator[Token]:
    """The objects of the noun's prepositions among ``preps`` ("the toll" in "a critic of the toll")."""
    return (
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    )


def _of_someone(noun: Token) -> bool:
    """Whether a stance noun is one of a person ("a former supporter of Amsel", "a critic of Sol"): a
    backer who moved is an allegiance, not a position reversed."""
    return any(holders.a_person(o) for o in _prep_objects(noun, {"of", "for"}))


def _deal(phrase: Token, cues: Cues) -> bool:
    """Whether a stance is on a deal to buy ("regrets backing the merger"): a business decision, not a
    stated position (GUIDE.md)."""
    return any(lemma_of(t) in cues.purchases for t in phrase.subtree)


def _stance_object(noun: Token) -> Token | None:
    """What a stance noun is on: the object of its "of", "on" or "for" ("a critic of the toll")."""
    return next(_prep_objects(noun, {"of", "on", "for"}), None)


def _stance_words(noun: Token, obj: Token | None) -> Span:
    """The words of a stance noun's phrase, for ``_same_topic``."""
    end = obj.right_edge.i + 1 if obj is not None else noun.i + 1
    return noun.doc[noun.i : end]


def _opposite_stances(before: Token, after: Token, cues: Cues) -> bool:
    """One stance noun for and the other against ("an opponent ... has become a supporter"); the same
    side twice ("once a supporter, has become its loudest supporter") is no change."""
    a, b = lemma_of(before), lemma_of(after)
    if a not in cues.advocate_nouns or b not in cues.advocate_nouns:
        return False
    return (a in cues.opposing_nouns) != (b in cues.opposing_nouns)


def _own_past_stance(clause: Token, subj: Token, verbs: frozenset[str]) -> bool:
    """ "regrets that she voted for the toll": a clause in the past with a verb of holding a position
    whose subject is the holder (``_the_holder``); "regrets that the council voted" is someone else's."""
    own = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if own is None or clause.tag_ not in {"VBD", "VBN"} or lemma_of(clause) not in verbs:
        return False
    if any(c.dep_ == "neg" or c.lower_ == "nothing" for c in clause.children):
        return False  # "regrets that she did not vote for it", "that he said nothing": no stance taken
    if lemma_of(clause) in _SAYING and not any(c.dep_ == "ccomp" for c in clause.children):
        return False  # "regrets that he said it so loudly": the manner, not a claim
    return _the_holder(own, subj)


def _the_holder(own: Token, subj: Token) -> bool:
    """Whether a clause's subject is the holder again: a mention of the same person, the same pronoun,
    or a third-person pronoun for a named holder when no one else is named in the sentence and the
    holder's gender, if known, fits it ("Dov Amsel regrets that she voted" is someone else's vote)."""
    if own._.person is not None and subj._.person is not None:
        return bool(own._.person == subj._.person)
    if own.pos_ != "PRON":
        return False
    if subj.pos_ == "PRON":
        return own.lower_ == subj.lower_
    if own.lower_ not in {"he", "she", "they"}:
        return False
    if any(t._.person not in {None, subj._.person} and t.pos_ == "PROPN" for t in own.sent):
        return False
    registry = own.doc.user_data.get("onrecord_registry")
    holder = registry.get(subj._.person) if registry else None
    gender = holder.gender if holder is not None else None
    before = subj.doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else subj
    first = subj.left_edge if subj.left_edge.i < subj.i else before  # the parser may split the name off
    if gender is None and first.pos_ == "PROPN":
        gender = gender_of_first_name(first.text)  # "Lena Okafor ... he": not hers
    return own.lower_ == "they" or gender is None or gender == pronoun_gender(own)


def _gerund_of(tok: Token, verbs: frozenset[str]) -> bool:
    """Whether a word is a gerund of one of ``verbs``, also when the tagger reads it as a noun
    ("regrets voting/NN for the war", whose lemma is then "voting"): the stem, or the stem with the
    "e" that "-ing" drops ("vote"), is one of them."""
    if lemma_of(tok) in verbs:
        return True
    word = tok.lower_
    return word.endswith("ing") and bool({word[:-3], word[:-3] + "e"} & verbs)


#: Quantities that take "of" before what they count: "several of her earlier promises".
_QUANTITIES = {"several", "much", "one", "each", "few", "both", "any", "none", "part", "parts"}


#: Prepositions that give what a change of position is about: "his flip-flops on the toll".
_TOPIC_PREPS = {"on", "over", "about"}


def _topic(tok: Token) -> bool:
    """Whether a word has a phrase of what it is about ("on the toll"; never "on Sunday")."""
    return any(
        g.ent_type_ not in _PLACES_AND_TIMES
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    )


def _position_word(tok: Token, cues: Cues) -> bool:
    """A word for a stated position ("pledge", "remarks", "stance"), as written or as its lemma."""
    return tok.lower_ in cues.own_objects or tok.lemma_.lower() in cues.own_objects


def _own_object(verb: Token, cues: Cues) -> Token | None:
    """The verb's object when it is the subject's own position ("reversed himself", "his pledge")."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lower_ in holders.REFLEXIVE:
            return child
        if child.dep_ == "ccomp" and child.i > verb.i and _own_words(verb, child):
            return child  # "contradicted what she had said in March", "retracted what he told reporters"
        word = child.lower_
        if child.dep_ in {"dobj", "nsubjpass", "npadvmod"} and word in cues.needs_no_owner:
            return child  # "changed course" (the parser may read "course" as an adverbial noun)
        if child.dep_ not in {"dobj", "nsubjpass"}:
            continue
        noun = _partitive(child)
        if _not_a_position(noun, cues) or _vote_moved(verb, noun):
            continue
        owner = holders.owner(noun)
        subj = holders.subject(verb)
        own = owner is not None and (subj is None or holders.same_holder(owner, subj))
        own = own or (subj is not None and _made_by(noun, subj))
        later = any(c.dep_ == "advmod" and c.lower_ in _SINCE for c in verb.children)
        demonstrative = any(c.lower_ in _DEMONSTRATIVES for c in noun.children)
        said = noun.lower_ in cues.said_objects
        if later and demonstrative and said and (subj is None or _told_by(noun, subj)):
            return child  # "he later retracted that statement": words just told of; never "that ruling"
        if (
            lemma_of(verb) in cues.own_by_nature
            and said
            and owner is None
            and child.dep_ == "dobj"
            and (subj is None or (_told_by(noun, subj) and not _made_by_another(noun, subj)))
        ):
            return child  # "retracted the claim": only one's own words can be retracted
        if _made_only_by_its_holder(noun, child, subj, cues):
            return child  # "withdrew a request to Washington", "dropped the threat of legal action"
        if subj is not None and _once_backed(noun, subj, cues) and child.dep_ == "dobj":
            return child  # "abandoned the tax he had championed": his stance, whatever the word
        if own and (
            _position_word(noun, cues)
            or lemma_of(verb)
            in cues.strong  # "reversing its decades-long pacifism", "retracting his apology"
            or any(c.lower_ in cues.self_words for c in noun.children)  # "abandoning his earlier hostility"
        ):
            return child
        if (
            (later or lemma_of(verb) in cues.strong)
            and child.dep_ == "dobj"
            and word in holders.RELATIVE | _STANDINS
            and not (verb.dep_ == "relcl" and _not_a_position(verb.head, cues))
        ):
            return child  # "stances that he has since disavowed", "he's renounced most of them"
    if verb.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in verb.children):
        head = verb.head  # "a position the nominee has since modified"
        if _position_word(head, cues) and not _not_a_position(head, cues):
            return head
    return None


def _made_only_by_its_holder(noun: Token, child: Token, subj: Token | None, cues: Cues) -> bool:
    """A request, demand, objection or threat is withdrawn, dropped or softened only by the one who made
    it, so it needs no owner word: "withdrew a request to Washington", "withdrew Friday's request" (a day
    owns nothing). Not one said to be another's ("the demand of the unions", "the request from Kestrel",
    "the demand Okafor made")."""
    if child.dep_ != "dobj" or lemma_of(noun) not in cues.maker_only:
        return False
    owner = holders.owner(noun)
    if owner is not None and owner.ent_type_ not in {"DATE", "TIME"}:
        return False  # an owner word decides it ("its demand" or "the union's demand") where the rest do
    return not _anothers(noun, subj, cues)


def _anothers(noun: Token, subj: Token | None, cues: Cues) -> bool:
    """Whether a position word with no owner word is said to be someone else's: "the demand of the
    protesters", "the request from Kestrel" (the parser may hang "from" on the verb: "withdrew the
    request from Kestrel for an extension"), "the remarks by his aide", "the demand Okafor made", "the
    demand, which had come from the youth wing", "the request it had received"."""
    hosts = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    for prep in (c for h in hosts for c in h.children if c.dep_ == "prep"):
        if prep.lower_ not in ({"of", "from", "by"} if prep.head == noun else {"from"}):
            continue
        if any(o.dep_ == "pobj" and _someone(o, cues) for o in prep.children):
            return True
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        if lemma_of(clause) in _RECEIVING:
            return True
        if any(
            p.dep_ == "prep" and p.lower_ == "from" and any(_someone(o, cues) for o in p.children)
            for p in clause.children
        ):
            return True
    return subj is not None and _made_by_another(noun, subj)


#: Verbs whose object came from someone else: "the request it had received".
_RECEIVING = {"receive", "get", "inherit", "accept"}


def _someone(tok: Token, cues: Cues) -> bool:
    """A person, a people or a body ("the protesters", "the party's youth wing", "Kestrel")."""
    return (
        holders.holder_like(tok, cues)
        or holders.a_person(tok)
        or can_speak(tok)
        or lemma_of(tok) in cues.collectives
    )


def _vote_moved(verb: Token, noun: Token) -> bool:
    """ "switched her vote to the Greens", "changed his vote from Sol to Okafor": whom a vote goes to
    moved, an allegiance (GUIDE.md), not a position on a measure ("changed her vote on the bill")."""
    if lemma_of(noun) != "vote":
        return False
    preps = [c for h in (verb, noun) for c in h.children if c.dep_ == "prep" and c.lower_ in {"to", "from"}]
    for prep in preps:
        if any(o.dep_ == "pobj" and (holders.a_person(o) or o.ent_type_ == "ORG") for o in prep.children):
            return True
    return False


def _not_a_position(noun: Token, cues: Cues) -> bool:
    """Figures and deals a holder revises or drops without changing a stated position: "revised its
    previous estimates", "withdrew its takeover proposal", "withdrawn his proposal to acquire the
    shares" (a bid to buy, which the guide counts as business; a pledge or an objection about a merger
    is still a position)."""
    if lemma_of(noun) in cues.estimates or lemma_of(noun) in cues.trends:
        return True
    if lemma_of(noun) not in cues.bids:
        return False  # "her pledge to merge the police forces" is a position
    return any(c.dep_ in {"compound", "amod", "acl"} and lemma_of(c) in cues.purchases for c in noun.children)


#: Prepositions of a particle verb's time, cause or setting ("backed down after the protests", "in the
#: face of"), never of what it leaves ("backed away from", "went back on", "walked back to her car").
_CIRCUMSTANCE = {
    "after",
    "amid",
    "at",
    "before",
    "by",
    "despite",
    "during",
    "following",
    "in",
    "since",
    "under",
    "until",
}


def _made_by(noun: Token, subj: Token, verbs: frozenset[str] | set[str] = frozenset()) -> bool:
    """ "lifted the condition it imposed", "dropped the demand she made in May": a relative clause whose
    verb makes the thing and whose subject is the holder makes it the holder's own. Only a verb of
    making counts (or one of ``verbs``): "reversed the policy she had long opposed" or "it inherited"
    was someone else's."""
    making = _MAKING | verbs
    for clause in (c for c in noun.children if c.dep_ == "relcl" and lemma_of(c) in making):
        moving = any(
            c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in _DIRECTIONS) for c in clause.children
        )
        if moving and lemma_of(clause) not in _MAKING:
            continue  # "the car he had backed into the garage" ("the plan she laid out" is made)
        if any(
            c.dep_ in {"dobj", "xcomp", "ccomp"} and c.lower_ not in holders.RELATIVE for c in clause.children
        ):
            continue  # "the plan that gave them ...": the noun is the clause's subject, not its object
        maker = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if maker is not None:
            return holders.same_one(maker, subj)
    return False


#: Verbs whose object is their subject's own doing: "the ban it imposed", "the pledge he made".
_MAKING = {
    "impose",
    "make",
    "set",
    "issue",
    "adopt",
    "announce",
    "introduce",
    "propose",
    "lay",
    "float",
    "take",
}


def _once_backed(noun: Token, subj: Token, cues: Cues) -> bool:
    """ "a toll she once supported", "the tax he had championed": a relative clause in which the holder
    backed the thing before, which the guide counts as the earlier side ("once supported"). A clause
    that does not say it was before is no earlier side ("abandoned a policy she believed in")."""
    if holders.a_person(noun) or holders.holder_like(noun, cues):
        return False  # "dropped the candidate it had previously endorsed": an allegiance (GUIDE.md)
    before = any(
        c.dep_ == "relcl"
        and lemma_of(c) in _BACKING
        and any(
            g.lower_ in cues.earlier_adverbs or (g.dep_ == "aux" and g.lower_ == "had") for g in c.children
        )
        for c in noun.children
    )
    return before and _made_by(noun, subj, _BACKING)


#: Verbs of acting against a thing, which against a thing once backed say the stance turned: "criticised
#: the scheme he had earlier supported" ("voted against" is read with its preposition).
_AGAINST = {"oppose", "reject", "criticise", "criticize", "attack", "condemn", "denounce", "block"}
#: Words that give a verb of backing a sense of moving: "backed into the garage", "backed up the truck".
_DIRECTIONS = {"into", "onto", "out", "up", "down", "off", "away"}
#: Verbs of backing a thing: what its subject leaves was a stance of theirs, whatever the thing is ("backed
#: away from a toll she once supported", "abandoned the tax he had championed"). Never "opposed": leaving
#: what one opposed is no reversal.
_BACKING = {"support", "back", "endorse", "favor", "favour", "advocate", "champion", "embrace", "defend"}


def _told_by(noun: Token, subj: Token) -> bool:
    """Whether "that claim" is the subject's own: the last mention of the word before it, in its
    sentence or the one before, is owned or made by the same holder, or names no one ("Lopez made a
    claim. Diaz later dropped that claim" is Lopez's claim)."""
    doc = noun.doc
    start = noun.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    earlier = [t for t in doc[start : noun.i] if t.lemma_.lower() == noun.lemma_.lower() and t.pos_ == "NOUN"]
    if not earlier:
        return True
    last = earlier[-1]
    maker = holders.owner(last)
    if maker is None and last.dep_ in {"dobj", "attr"}:
        maker = next((c for c in last.head.children if c.dep_ in holders.SUBJECTS), None)
    if maker is None:
        return True
    if maker._.person is not None and subj._.person is not None:
        return bool(maker._.person == subj._.person)
    return (
        holders.same_holder(maker, subj)
        if maker.lower_ in holders.PRONOUN_OWNERS
        else maker.lower_ == subj.lower_
    )


def _object_elsewhere(verb: Token, cues: Cues) -> bool:
    """Whether a particle verb without an object takes back something named elsewhere: a stated
    position its relative clause hangs on ("comments he made - and later walked back"), or a "that"
    clause the parser hung on it (never "so that", a purpose)."""

    def that_clause(c: Token) -> bool:
        marks = [m for m in c.children if m.dep_ in {"mark", "advmod"}]
        return any(m.lower_ == "that" for m in marks) and not any(m.lower_ in {"so", "such"} for m in marks)

    if any(c.dep_ in {"ccomp", "advcl"} and c.i > verb.i and that_clause(c) for c in verb.children):
        return True
    if any(c.dep_ == "ccomp" and c.i > verb.i and _own_words(verb, c) for c in verb.children):
        return True
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.dep_ == "relcl" and _position_word(verb.head, cues)


def _own_words(verb: Token, clause: Token) -> bool:
    """ "took back what she had said": a "what" clause of saying whose subject is the holder."""
    if lemma_of(clause) not in _SAYING or not any(c.lower_ == "what" for c in clause.children):
        return False
    own = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    subj = holders.subject(verb)
    return own is not None and subj is not None and _the_holder(own, subj)


def _particle(verb: Token, cues: Cues) -> Token | None:
    wanted = cues.particles.get(lemma_of(verb))
    if not wanted:
        return None
    part = next(
        (
            c
            for c in verb.children
            if c.dep_ in {"prt", "prep", "advmod"} and c.lower_ in wanted and c.i > verb.i
        ),
        None,
    )
    if part is None:
        return None
    # "backed away from his pledge" is a reversal, "backed away from the deal" is not
    # what it backs away from follows the particle; "under pressure ..., Washington backed out" does not
    # a phrase of time or cause after it ("backed down after the protests") is not what it leaves
    # "backed down over the charges": yielding is the reversal, and "on/over" says what about
    topics = _TOPIC_PREPS if part.lower_ == "down" else set()
    preps = [
        p
        for p in [*verb.children, *part.children]
        if p.dep_ in {"prep", "prt"}
        and p.i >= part.i
        and p.lower_ not in _CIRCUMSTANCE
        and p.lower_ not in topics
    ]
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "backed away from her pledge given the cost": a cause beside what it leaves is no object; alone
    # it stays one, so that "backed off given the icy road" (a car) is no reversal
    causes = [p for p in preps if p.lower_ in _CAUSES]
    if causes and (objects or any(p not in causes and p != part for p in preps)):
        preps = [p for p in preps if p not in causes]
    # "backed away from its plan on Monday": a day or an hour is when, not what it leaves
    objects += [
        o for p in preps for o in p.children if o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"}
    ]
    if part.lower_ in _ARRIVING:  # "came round to supporting the bridge": a stance arrived at
        objects += [o for p in preps for o in p.children if o.dep_ == "pcomp" and o.tag_ == "VBG"]
    if not objects and lemma_of(verb) in cues.particle_needs_object and not _object_elsewhere(verb, cues):
        return None  # "went back on a pledge" is a reversal, "go back 12 years" is not
    for obj in objects:
        if obj.lower_ in _STANDINS:  # "backed off some of his initial proposals": what "some" is of
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), obj) if of is not None else obj
        if (
            part.lower_ == "against"
            and obj in objects[-1:]
            and obj.lower_ != "other"  # "turn against each other"
            and obj.ent_type_ != "PERSON"
            and obj._.person is None
        ):
            continue  # "turned against the trade pact": a position; "turned against Cruz" is a feud
        owner = holders.owner(obj)
        subj = holders.subject(verb)
        own = _position_word(obj, cues)
        own = own or (subj is not None and _once_backed(obj, subj, cues))  # "a toll she once supported"
        own = own or any(c.dep_ == "amod" and lemma_of(c) in _PROPOSED for c in obj.children)
        own = own or (obj.dep_ == "pcomp" and _gerund_of(obj, cues.earlier_speech | _STANDS))
        # "took it back" is as often a car as a remark: "take" needs a word for a position
        pronoun_ok = lemma_of(verb) != "take"
        if not own and not (pronoun_ok and obj.lower_ in holders.RELATIVE | {"it", "them", "that"}):
            return None
        if part.lower_ in _ARRIVING:
            continue  # "came round to his rival's view": the position arrived at may be anyone's
        if owner is not None and subj is not None and not holders.same_holder(owner, subj):
            return None
        if subj is not None and _made_by_another(obj, subj):
            return None  # "took back the pledge Okafor had made": hers to take back, not his
    return part


#: Adverbs that deny a charge as they make it: "wrongly blamed her for the U-turn".
_WRONGLY = {"wrongly", "falsely", "mistakenly", "unfairly", "wrongfully"}

#: Prepositions of a cause: "given the cost", "because of the cost".
_CAUSES = {"given", "because"}

#: Particles after which the object is the position arrived at, not the one left ("come around to").
_ARRIVING = {"around", "round"}


def _made_by_another(noun: Token, subj: Token) -> bool:
    """Whether the noun has another maker: a relative clause's subject ("the pledge Okafor had made"),
    a participle's agent ("the claim made by her rival"), or a name the parser set beside it ("the
    article Ana Sol had written", read as "the article, Ana Sol")."""
    for clause in noun.children:
        if clause.dep_ == "appos" and clause._.person is not None:
            return not holders.same_one(clause, subj)
        if clause.dep_ == "acl":
            agent = next((g for c in clause.children if c.dep_ == "agent" for g in c.children), None)
            if agent is not None and agent.dep_ == "pobj" and not holders.same_one(agent, subj):
                return True
        if clause.dep_ != "relcl":
            continue
        maker = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if maker is not None and maker.lower_ not in holders.RELATIVE and not holders.same_one(maker, subj):
            return True
    return False


#: What a cue acts on, best first: a clause says the position, an object names it, a phrase is a topic.
_CONTENT_ORDER = ("ccomp", "xcomp", "dobj", "attr", "acomp", "oprd", "advcl", "pobj", "prep")


def _content_after(tok: Token, stop: int) -> tuple[int, int] | None:
    """Token range of what a cue acts on (its clause, object or topic), up to ``stop``; a date phrase
    ("in May") is never the content."""
    ranked: list[tuple[int, int, int]] = []
    for child in tok.children:
        if child.i <= tok.i or child.dep_ not in _CONTENT_ORDER:
            continue
        start, end = child.left_edge.i, min(child.right_edge.i + 1, stop)
        if child.dep_ == "prep":
            obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is None or obj.ent_type_ in {"DATE", "TIME"}:
                continue
            start = obj.left_edge.i
        if end > start:
            ranked.append((_CONTENT_ORDER.index(child.dep_), start, end))
    return min(ranked)[1:] if ranked else None


def _claim_end(verb: Token, target: Token) -> int:
    """Where the position a verb acts on ends: past the object, to the "that" clause the parser hung
    on a phrase after it ("his claims during the campaign that he has a good relationship")."""
    end = target.right_edge.i
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i == end + 1):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            clause = next((c for c in obj.children if c.dep_ in {"relcl", "acl"}), None)
            if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                end = clause.right_edge.i
    return end


def _hyphenated(tok: Token) -> str:
    """ "about-face" for the three tokens "about", "-", "face" (the tokenizer splits such words)."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_:
        return f"{tok.lower_}-{doc[tok.i + 2].lemma_.lower()}"  # "U-turns" is a "u-turn"
    return ""


def _says_amount(verb: Token, cues: Cues) -> bool:
    """Whether what a verb says is only an amount ("saying nothing", "saying too much", "a lot"),
    which holds no position to go from or to."""
    said = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if said is None or (said.i + 1 < len(said.doc) and said.nbor(1).pos_ in {"AUX", "VERB"}):
        return False  # "saying less was more": the parser took a clause's subject for the object
    # an indefinite pronoun ("nothing", "something") is tagged as a noun, unlike "it" or "them"
    return (said.pos_ == "PRON" and said.tag_ == "NN") or lemma_of(said) in cues.amounts


def _stance(be: Token) -> bool:
    """ "be in favor of", "be against", "be opposed to": a copula that states a position."""
    if lemma_of(be) != "be":
        return False
    for c in be.children:
        if c.dep_ == "prep" and c.lower_ == "against":
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ in {"favor", "favour"} for g in c.children):
            return True
        if c.dep_ == "acomp" and c.lower_ in _STANCE_ADJECTIVES:
            return True
    return False


#: Adjectives with which "be" states a stance on something: "was opposed to", "had been dismissive of".
_STANCE_ADJECTIVES = {"opposed", "supportive", "dismissive", "skeptical", "sceptical", "hostile"}


def _until_lately(verb: Token) -> Token | None:
    """The "until" of "Until recently, she opposed the toll" or "until now, the ministry had insisted":
    a stance held until lately, which says that it is held no longer."""
    doc = verb.doc
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "prep"
            and c.lower_ in {"until", "till"}
            and c.i + 1 < len(doc)
            and doc[c.i + 1].lower_ in _LATELY
        ),
        None,
    )


#: The words after "until" that end a stance at the time of writing ("until recently", "until now").
_LATELY = {"recently", "lately", "now"}

#: Verbs that assert what their clause says: "had insisted the harbor would stay open".
_ASSERTING = {"say", "insist", "argue", "claim", "state", "declare"}
#: Verbs besides those of speech whose stance "no longer" ends: "would no longer fight the release", "no
#: longer suspects foul play" (a belief, as "no longer believes"). Not "need": "no longer needs a
#: wheelchair", "no longer needs to file reports" are facts.
_HELD_NO_LONGER = {"fight", "suspect"}
#: Verbs of a promise, which an open clause states: "had vowed to press on with the tax".
_VOWING = {"promise", "pledge", "vow"}
#: Verbs that state a claim when a clause follows: the asserting ones, promises, and holding or denying.
_CLAIMING = _ASSERTING | _VOWING | {"maintain", "deny"}
#: Prepositions that give what a stance is on: "opposed to", "dismissive of", "skeptical about".
_STANCE_ON = {"to", "of", "about", "toward", "towards"}
#: Verbs that say a stance goes on: "..., and on Monday she confirmed it", "and she remains so".
_GOING_ON = {"remain", "confirm", "continue", "repeat", "reiterate", "stand"}


def _held_until_lately(verb: Token) -> bool:
    """Whether the verb under "until recently" states a stance that has ended: "had opposed the toll",
    "had insisted the harbor would stay open", "had been dismissive of mobile banking". Not "so far"
    ("Until now, she has insisted": the present perfect goes on), not a stance still held ("and she
    still does"), not someone opposed by others, and not the other senses of such verbs ("had
    claimed the benefit", "supported his family", "argued cases", "said nothing", "hostile to each
    other")."""
    if verb.tag_ != "VBD" and not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False
    sent = verb.sent
    if any(t.lower_ == "still" or (t.dep_ == "conj" and lemma_of(t) in _GOING_ON) for t in sent):
        return False
    if _stance(verb):
        on = [
            o
            for c in verb.children
            for p in (c, *c.children)
            if p.dep_ == "prep" and p.lower_ in _STANCE_ON
            for o in p.children
            if o.dep_ == "pobj"
        ]
        return bool(on) and not any(holders.a_person(o) or o.lower_ == "other" for o in on)
    if lemma_of(verb) == "oppose":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return bool(objects) and not any(holders.a_person(o) for o in objects)
    if lemma_of(verb) in _VOWING and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "Until now, Nakasone had vowed to press on with the tax"
    return lemma_of(verb) in _CLAIMING and any(c.dep_ == "ccomp" for c in verb.children)


def _at_first(verb: Token) -> bool:
    """ "At first, she claimed ...": "at first" on the verb, an earlier adverb of two words."""
    return any(
        c.dep_ == "prep" and c.lower_ == "at" and any(g.lower_ == "first" for g in c.children)
        for c in verb.children
    )


#: Verbs whose open clause is only tried: "trying to force the mayor into a U-turn" has not done it.
_ATTEMPTS = {"try", "aim", "attempt", "seek", "strive"}

#: Verbs of the "refusing" list that, with a noun object, say it happened: "had a change of heart".
_HAVING = {"have", "get"}


def _ruled_out(verb: Token) -> bool:
    """ "ruled out a U-turn": a particle verb that refuses, which a lemma list of one word cannot hold."""
    return lemma_of(verb) == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


#: Where a noun stands when it heads its phrase; a split "U-turn" whose last part stands elsewhere
#: ("nmod", "compound") was misparsed, and its first part is the head.
_NOUN_ROLES = {"pobj", "dobj", "attr", "nsubj", "nsubjpass", "appos", "conj", "ROOT"}

#: Verbs that grant what someone denied before: "now accepts that nicotine is harmful".
_CONCEDING = {"accept", "admit", "acknowledge", "concede"}
#: Acts that state a position without saying it: "voted against them originally".
_STANDS = {"vote"}


def _dated_before(verb: Token, published: dt.date | None) -> bool:
    """A date phrase on the verb that ends a month or more before the story ("In 2010", "last year",
    "years ago"): an earlier position, not yesterday's words. Undated stories give no such phrase."""
    if published is None:
        return False
    dates = [c for c in verb.children if c.ent_type_ == "DATE"]
    dates += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.ent_type_ == "DATE"]
    cutoff = (published - dt.timedelta(days=30)).isoformat()
    for date in dates:
        ent = next((e for e in verb.doc.ents if e.start <= date.i < e.end), None)
        value = normalize(ent.text, published) if ent is not None else None
        if value is not None and (value.value == "PAST_REF" or value.end < cutoff):
            return True
    return False


def _same_topic(earlier: Span, later: Token) -> bool:
    """Whether a later clause is about what an earlier one was: a content word in both ("described
    the trade deal as ..." / "opposes the deal"), or a pronoun in the later one that points back."""
    said = {t.lemma_.lower() for t in earlier if t.pos_ in {"NOUN", "PROPN", "ADJ"} and not t.is_stop}
    holder = next((c.lower_ for c in later.children if c.dep_ in holders.SUBJECTS), "")
    for t in later.subtree:
        if t.lemma_.lower() in said and t.pos_ in {"NOUN", "PROPN", "ADJ"}:
            return True
        itself = t.dep_ in holders.SUBJECTS and t.lower_ == holder  # "It now says it expects": the holder
        if t.lower_ in _BACK_POINTERS and not itself:
            return True
    return False


#: Pronouns that stand for a thing named before: "he now backs it", "now believes they should stay",
#: "now accepts its findings".
_BACK_POINTERS = {"it", "them", "they", "its", "their"}

#: Verbs that only report words: what they say now must be about what was said before ("now says she
#: has not read it" after "praised the budget" is no reversal); a stance verb carries its own object.
_SAYING = _ASSERTING | {"tell", "write", "tweet", "indicate"}


def _first_part(verb: Token) -> Token | None:
    """The first part of a hyphenated verb the tokenizer split ("U" of "U-turned"), if any."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "-":
        return None
    first = doc[verb.i - 2]
    return first if not first.whitespace_ and not doc[verb.i - 1].whitespace_ else None


def _change_of_heart(tok: Token) -> bool:
    doc = tok.doc
    return (
        tok.lower_ == "change"
        and tok.i + 2 < len(doc)
        and doc[tok.i + 1].lower_ == "of"
        and doc[tok.i + 2].lower_ == "heart"
    )


# --------------------------------------------------------------------------------------- the finder


def _held_be(tok: Token) -> bool:
    """A copula that can state a stance held until lately ("Until recently, she was opposed to the
    toll"): the one "be" a rule starts from, so the finder need not ask every "be"."""
    return tok.lemma_ == "be" and _until_lately(tok) is not None


def _triggers(cues: Cues) -> frozenset[str]:
    """Every word (form or lemma) a rule of ``ReversalFinder`` can start from; the finder asks the rules
    only at these, since asking all of them at every word was most of its cost."""
    nouns = {w.split("-")[0].split()[0] for w in cues.nouns} | set(cues.nouns)
    verbs = cues.alone | set(cues.particles) | cues.own_object | cues.position_changes | {"distance", "turn"}
    return frozenset(
        verbs
        | nouns
        | cues.earlier_speech
        | cues.inconsistency_adjectives
        | cues.advocate_nouns
        | cues.own_objects
        | cues.movements
        | cues.regretting
        | {"flip", "change", "used", "sides", "longer", "now", "vote"}
        | _AGAINST
    )


def _date_of(doc: Doc, start: int, end: int, published: dt.date | None) -> str | None:
    if published is None:
        return None
    for ent in doc.ents:
        if ent.label_ == "DATE" and start <= ent.start and ent.end <= end:
            value = normalize(ent.text, published)
            if value is not None:
                return value.value
    return None


def _part(
    doc: Doc, rng: tuple[int, int] | None, published: dt.date | None, dated_from: int | None = None
) -> Part | None:
    """The words of one side, trimmed, with a date found in them or between ``dated_from`` (the cue:
    "saying in May that ...") and them."""
    if rng is None:
        return None
    span = doc[rng[0] : rng[1]]
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) and (span[0].is_punct or span[0].lower_ == "that"):
        span = span[1:]
    if not len(span):
        return None
    start = span.start if dated_from is None else min(dated_from, span.start)
    return Part(span.text, (span.start_char, span.end_char), _date_of(doc, start, span.end, published))


def _later_marker(sent: Span, after: int, cues: Cues) -> bool:
    """A word after the earlier position that says it changed since ("now", "later"), in the reporter's
    own words (a "Now, ..." opening a quote is someone else's)."""
    return any(t.lower_ in cues.later_markers and t.i > after and t._.in_quote is None for t in sent)


def _reporters_later_marker(sent: Span, earlier: Token, cues: Cues) -> bool:
    """A later marker the reporter sets against the earlier position, not one inside what that verb
    says or holds: "previously said it is selling its ferries and is now seeking a buyer" says one
    thing, "earlier said the governor is expected later today" a plan. A clause the parser hangs inside
    is still the reporter's when it goes on about the same holder (no subject, a personal pronoun, or
    the holder) without a "that": a contrast or time clause ("but later said it was not", "though she
    has since endorsed it", "before later saying"), a relative clause ("a levy she now champions"), or a
    past event added with "and" ("and later refused to sign it"; never "and is now seeking")."""
    inside: set[int] = set()
    for child in earlier.children:
        if child.dep_ in {"ccomp", "xcomp", "dobj"}:
            inside |= {t.i for t in child.subtree}
    holder = holders.subject(earlier)
    for tok in sent:
        if tok.i not in inside or any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ in holders.SUBJECTS), None)
        same = (
            subj is None
            or subj.lower_ in holders.PERSONAL
            or (holder is not None and holders.same_holder(subj, holder))
        )
        but = any(c.dep_ == "cc" and c.lower_ == "but" for c in tok.head.children)
        event = tok.tag_ == "VBD" and any(c.dep_ == "advmod" and c.lower_ in _SINCE for c in tok.children)
        # a bare participle goes on with what was said ("would offer to buy ..., raising its stake to
        # 25 pct from 3.5 pct now"); a clause with a "while", a subject or "only to" is set against it
        adjunct = tok.dep_ == "advcl" and (
            subj is not None or any(c.dep_ == "mark" or c.lower_ == "only" for c in tok.children)
        )
        clause = adjunct or tok.dep_ in {"relcl", "pcomp", "dep"} or (tok.dep_ == "conj" and (but or event))
        if same and clause:
            inside -= {t.i for t in tok.subtree}
    return any(
        t.lower_ in cues.later_markers and t.i > earlier.i and t._.in_quote is None and t.i not in inside
        for t in sent
    )


def _headline_case(sent: Span) -> bool:
    """Whether most words of the sentence are capitalised, as in a headline or a title."""
    words = [t for t in sent if t.is_alpha and len(t) > 3 and not t.is_upper]  # capitals are a label
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


#: A headline is short; a longer title-case run is page chrome (a comment widget's names and links).
_HEADLINE_TOKENS = 20


class ReversalFinder:
    """Finds reported reversals in a parsed Doc (``find``), one per sentence at most."""

    def __init__(self, cues: Cues) -> None:
        self.cues = cues
        self.rules = (self._flip_flopped, self._verb, self._noun, self._contrast, self._inconsistent)
        self.rules += (self._no_longer,)
        self.rules += (self._once_a, self._but_since, self._despite_own, self._went_from, self._now_holds)
        self.rules += (self._regrets, self._against_once_backed)
        self.triggers = _triggers(cues)
        # what can state the earlier side of "... now" (a vote too), and what the later one
        self.held_before = cues.earlier_speech | _STANDS
        self.held_now = cues.earlier_speech | _CONCEDING

    def find(self, doc: Doc) -> list[Reversal]:
        published = doc._.published
        found: list[Reversal] = []
        for sent in doc.sents:
            hit = self._in_sentence(sent, published)
            if hit is not None:
                found.append(hit)
        return found

    def _in_sentence(self, sent: Span, published: dt.date | None) -> Reversal | None:
        triggers = self.triggers
        for tok in sent:
            if tok.lower_ not in triggers and tok.lemma_.lower() not in triggers and not _held_be(tok):
                continue  # nearly every word: no rule starts from it
            for rule in self.rules:
                hit = rule(tok, sent, published)
                if hit is not None:
                    return hit if self._plain_or_headline(sent, hit) else None
        return None

    @staticmethod
    def _plain_or_headline(sent: Span, hit: Reversal) -> bool:
        """In title case the parser reads any capitalised word as a name ("Falling Deficit to Reverse
        Course"): such a line's reversal counts only as a short headline whose holder the story names.
        Asked only of a hit, so the sentences with none (nearly all) pay nothing for it."""
        if not _headline_case(sent):
            return True
        return len(sent) <= _HEADLINE_TOKENS and holders.names_someone(sent.doc, hit.holder_text)

    def _make(
        self,
        sent: Span,
        cue: tuple[int, int],
        subj: Token,
        published: dt.date | None,
        earlier: tuple[int, int] | None = None,
        later: tuple[int, int] | None = None,
        confidence: float = 0.8,
        opening: Span | None = None,
    ) -> Reversal:
        """``opening``: a sentence before ``sent`` that gives a side, so the evidence starts there."""
        doc = sent.doc
        words, person = holders.span_and_person(subj)
        return Reversal(
            sentence=((opening or sent).start_char, sent.end_char),
            cue=(doc[cue[0]].idx, doc[cue[1] - 1].idx + len(doc[cue[1] - 1])),
            holder=(words.start_char, words.end_char),
            holder_text=words.text,
            person=person,
            earlier=_part(doc, earlier, published, dated_from=cue[0]),
            later=_part(doc, later, published),
            confidence=confidence,
        )

    # "Ruiz flip-flopped on the toll", "Ruiz has flip-flopped", "Ruiz did flip-flop"
    def _flip_flopped(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        """The verb "flip-flop", which the tokenizer splits in three and the parser reads in many ways:
        "Ruiz flip" as a noun with "flopped" hung on it, "flip" as the subject's head, "flop" as a noun
        with its own subject and auxiliary. The holder is whichever subject the three words carry."""
        doc = tok.doc
        if tok.lower_ != "flip" or tok.i + 2 >= sent.end or doc[tok.i + 1].text != "-":
            return None
        flop = doc[tok.i + 2]
        if flop.lower_ not in _FLOP_VERB_FORMS:
            return None
        marks = [c for t in (tok, flop) for c in t.children if c.dep_ in {"nsubj", "aux"}]
        if flop.pos_ != "VERB" and not marks:
            return None  # "his flip-flops on trade": the noun, read by the noun rule
        subjects = [c for t in (flop, tok) for c in t.children if c.dep_ == "nsubj" and c != tok]
        # "Ruiz flip-flopped" read as the noun "Ruiz flip" (the name a compound, or a modifier when a
        # quotation mark comes between); never a possessor ("Ruiz's rival flip-flopped")
        names = (c for c in reversed(list(tok.lefts)) if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN")
        subjects += names
        if not subjects and flop.pos_ == "VERB" and flop.head != tok:
            subjects = [s for s in [holders.subject(flop)] if s is not None]
        holder = next((s for s in subjects if holders.holder_like(s, self.cues)), None)
        verb = flop if flop.pos_ == "VERB" or tok.head == tok else tok.head
        # the auxiliaries may hang on either word ("may have flip-flopped": "may" on "flip")
        if holder is None or not _asserted(verb, self.cues) or not _asserted(tok, self.cues):
            return None
        return self._make(
            sent, (tok.i, flop.i + 1), holder, published, earlier=_content_after(flop, sent.end)
        )

    # "backtracked", "walked back his comments", "reversed himself", "abandoned his pledge"
    def _verb(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        if tok.pos_ not in {"VERB", "AUX"}:
            return None
        cues, lemma = self.cues, lemma_of(tok)
        cue_start, cue_end = tok.i, tok.i + 1
        target: Token | None = None
        split = _first_part(tok)
        if split is not None and _hyphenated(split) in cues.nouns:
            cue_start = split.i  # "U-turned": a reversal noun used as a verb, split in three
        elif lemma in cues.alone:  # "flip-flop", split in three by the tokenizer, is _flip_flopped's
            cue_end = tok.i + 1
        elif (part := _particle(tok, cues)) is not None:
            cue_end = part.i + 1
        elif (target := self._idiom(tok)) is not None:
            cue_end = target.i + 1
        elif (lemma in cues.own_object and (target := _own_object(tok, cues)) is not None) or (
            lemma in cues.position_changes and (target := self._changed_position(tok)) is not None
        ):
            cue_end = max(tok.i, target.i) + 1
        else:
            return None
        if not _asserted(tok, cues) or (cue_start < tok.i and not _asserted(sent.doc[cue_start], cues)):
            return None  # the parser may hang "has not" on the first part of "U-turned"
        subj = holders.subject(tok)
        if subj is not None and cue_start <= subj.i < tok.i:  # the parser took "U" for the subject
            subj = next((c for c in tok.children if c.dep_ in holders.SUBJECTS and c.i < cue_start), None)
        # "his words appeared to contradict ...", "Rubio's rhetoric had changed": the owner holds
        if (
            subj is not None
            and _position_word(subj, self.cues)
            and (owner := holders.owner(subj)) is not None
        ):
            subj = owner
        # "his position was reversed" has no holder as subject; "Fosters was forced to backtrack" has.
        # A passive subject of the cue itself is not refused here: holders.holder_like turns away what was
        # reversed ("the plan was walked back"); refusing it (a test that never ran while tokens were
        # compared with "is") lost one right find on a held-out set and gained none.
        if subj is None:
            if target is not None and target.dep_ == "nsubjpass" and holders.owner(target) is not None:
                subj = holders.owner(target)  # "his position was reversed"
            else:
                return None
        reflexive = target is not None and target.lower_ == holders.REFLEXIVE_OF.get(subj.lower_)
        subj = holders.pronoun_holder(tok, subj, cues)
        if not holders.holder_like(subj, cues) and not reflexive:
            return None  # "they reversed themselves" names its holder even when "they" stays unresolved
        earlier = _content_after(tok, sent.end)
        if target is not None and target.dep_ == "dobj":
            earlier = (target.left_edge.i, min(_claim_end(tok, target) + 1, sent.end))
        left = next((c for c in target.children if c.dep_ == "pobj"), None) if target is not None else None
        if target is not None and target.dep_ == "prep" and left is not None:
            earlier = (left.left_edge.i, min(left.right_edge.i + 1, sent.end))  # what was distanced from
        return self._make(sent, (cue_start, cue_end), subj, published, earlier=earlier)

    def _idiom(self, verb: Token) -> Token | None:
        """ "distanced himself from the bill", "turned his back on the reform": the last word of the
        idiom, when what it leaves is not a person nor another person's (that is a feud, not a reversal)."""
        lemma = lemma_of(verb)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if lemma == "distance":
            if not any(o.lower_ in holders.REFLEXIVE for o in objects):
                return None
        elif lemma == "turn":
            if not any(o.lower_ == "back" and holders.owner(o) is not None for o in objects):
                return None
        else:
            return None
        hosts = [verb, *objects]  # "turned his back on the bill": the parser may hang "on" on "back"
        prep = next(
            (c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in {"from", "on"}), None
        )
        left = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if left is None or left.ent_type_ in {"PERSON", "NORP", "ORG"} or left._.person is not None:
            return None
        owner = holders.owner(left)
        subj = holders.subject(verb)
        if owner is not None and (subj is None or not holders.same_holder(owner, subj)):
            return None  # "distanced himself from Trump's comments"
        if subj is not None and _made_by_another(left, subj):
            return None  # "distanced herself from the bill her predecessor had backed"
        if lemma_of(left) in self.cues.collectives or holders.holder_like(left, self.cues):
            return None  # "distanced himself from the NeverTrump movement": a group, not a position
        if lemma == "distance" and not self._held(left, owner, subj):
            return None  # "distanced himself from the movie / a new bid / the position (a job)"
        return prep

    def _held(self, thing: Token, owner: Token | None, holder: Token | None = None) -> bool:
        """Whether what someone distances themselves from was a position of theirs: their own stated
        position ("his remarks"), a public measure ("the bill", "trade agreements") or a thing the
        sentence says they once held ("the toll she once backed", "his earlier stance"). With the
        ``holder`` known, that clause's subject must be the holder: not someone else ("the remarks his
        aide made"), nor the thing itself ("the position, which went to a rival")."""
        if lemma_of(thing) in self.cues.measures:
            return True
        if any(c.lower_ in self.cues.self_words for c in thing.children):
            return True
        if owner is not None and _position_word(thing, self.cues):
            return True
        return any(
            c.dep_ == "relcl"
            and any(
                g.dep_ in holders.SUBJECTS
                and (holder is None or (g.lower_ not in holders.RELATIVE and holders.same_one(g, holder)))
                for g in c.children
            )
            for c in thing.children
        )

    def _changed_position(self, verb: Token) -> Token | None:
        """What changed when the verb says a position moved: "his rhetoric had changed" (the subject),
        "shifted to a pro-choice stance", "moved toward a ... position", "a position he since modified"."""
        subj = next((c for c in verb.children if c.dep_ in holders.SUBJECTS), None)
        transitive = any(c.dep_ == "dobj" for c in verb.children)
        owned = subj is not None and _position_word(subj, self.cues) and holders.owner(subj) is not None
        if owned and not transitive:
            return subj
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in {"to", "toward", "towards", "on", "from"}:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None or subj is None:
                    continue
                if _position_word(obj, self.cues):
                    return obj
                # "she has shifted on that issue", "his views evolved on trade": any topic, not a person
                topic = prep.lower_ == "on" and lemma_of(verb) in self.cues.topic_shifts and not transitive
                if topic and obj.ent_type_ not in {"PERSON", "DATE", "TIME"} and obj._.person is None:
                    return obj
        if verb.dep_ == "relcl" and _position_word(verb.head, self.cues) and not transitive:
            return verb.head
        return None

    # "Trump's reversal", "a flip-flop by Clinton", "made a U-turn", "accused Cruz of a flip-flop"
    def _noun(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        cues = self.cues
        cue_start = unit_end = tok.i
        parts = [tok]  # the words of the cue, which the tokenizer may split ("U", "-", "turn")
        if tok.lower_ == "flip" and tok.i + 2 < sent.end and tok.nbor(1).text == "-":
            if not tok.nbor(2).lower_.startswith("flop") or (
                tok.pos_ == "VERB" and tok.nbor(2).pos_ == "VERB"
            ):
                return None
            # "a flip-flopper", "a flip-flopping politician": the unit's last word, and only it, holds the
            # owner (the parser makes "Sol's rival flip" a noun phrase of "flip-flopped")
            tok = tok.nbor(2)
            if tok.dep_ == "amod":
                tok = tok.head
        elif _hyphenated(tok) in cues.nouns:
            # "did another about-face", "Erdogan's U-turn": the unit's last word, unless the parser made
            # the first word the phrase's head and hung the last elsewhere ("forced into a U-turn over")
            first, tok = tok, tok.nbor(2)
            unit_end = tok.i + 1
            parts = [first, first.nbor(1), tok]
            if first.dep_ in {"pobj", "dobj"} and tok.dep_ not in _NOUN_ROLES:
                tok = first
        elif (tok.pos_ not in {"NOUN", "PROPN"} or tok.lower_ not in cues.nouns) and not _change_of_heart(
            tok
        ):
            return None
        if tok.ent_type_ in _NAMES or (tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
            return None  # "Pro Evolution Soccer", a title or a product, is no one's change
        if tok.lower_ in cues.literal_nouns and not self._figurative(tok):
            return None  # "a weekend retreat", "the dollar's retreat", "the army's retreat"
        # the parser hangs a split word's owner or phrases on any of its parts ("Erdogan's U" "-" "turn")
        parts = parts if tok in parts else [tok]
        kids = [c for p in parts for c in p.children if c not in parts]
        owner = next((c for c in kids if c.dep_ == "poss"), None)
        if owner is None:  # "the Turkish about-face", "the Obama reversal", "Moyes U-turn on ..."
            modifiers = (c for c in kids if c.dep_ in {"amod", "compound"} and c.i < min(p.i for p in parts))
            owner = next((c for c in modifiers if c.ent_type_ in {"NORP", "GPE", "PERSON"}), None)
        if owner is None and tok.lower_ in cues.owned_nouns:
            return None  # "the most recent evolution after decades": whose, the sentence must say
        if owner is None:
            by = next((c for c in kids if c.dep_ == "prep" and c.lower_ in {"by", "for"}), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if owner is None:  # "a reversal of her past support": the owner of what was reversed
            of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
            what = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            owner = holders.owner(what) if what is not None else None
        head = tok.head
        if owner is None and tok.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
            # "portrayed Cruz as a flip-flopper", "was painted as a flip-flopper"
            verb = head.head
            owner = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if owner is None and tok.dep_ == "pobj" and head.lower_ == "into" and head.head.pos_ == "VERB":
            # "pushed Hughes into an about-face", "the council was forced into a U-turn": the one pushed
            verb = head.head
            attempted = verb.dep_ == "xcomp" and lemma_of(verb.head) in _ATTEMPTS  # "aims to push her into"
            if attempted or not _asserted(verb, cues):
                return None
            owner = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if (
            (owner is None or owner.lower_ in holders.PRONOUN_OWNERS)
            and tok.dep_ == "pobj"
            and head.lower_ == "for"
            and lemma_of(head.head) in cues.blaming
        ):
            # "faulted Brandt for flip-flopping", "praised the council for its U-turn": the one blamed
            if not self._blamed_for_a_reversal(tok, head.head):
                return None
            owner = next((c for c in head.head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if owner is None and tok.dep_ == "pobj" and head.lower_ == "for":
            return None  # "called for a rethink", "pressure for a U-turn": asked for, not made
        if owner is None and tok.dep_ in {"dobj", "attr", "pobj"}:
            verb = head.head if tok.dep_ == "pobj" else head
            if not _asserted(verb, cues):
                return None
            if tok.dep_ == "dobj" and (lemma_of(verb) in cues.refusing - _HAVING or _ruled_out(verb)):
                return None  # "denied a U-turn", "demanded a rethink", "ruled out a climbdown": not made
            if tok.dep_ == "pobj" and head.lower_ == "of":
                # "accused Cruz of a flip-flop", "the charge of flip-flopping against him"; the parser
                # may hang "of" on the object itself ("accused Cruz of flip-flopping")
                owner = next((c for c in verb.children if c.dep_ == "dobj"), None)
                if owner is None and head.head.dep_ == "dobj":
                    owner = head.head
            if (
                owner is None
                and tok.dep_ == "dobj"
                and tok.tag_ == "NNS"
                and not _topic(tok)
                and not _topic(verb)
            ):
                return None  # "wore flip-flops", "made two U-turns": things or turns of a car, on nothing
            if owner is None:
                owner = holders.subject(verb)
        if owner is None or not holders.holder_like(owner, cues):
            return None
        cue = (min(cue_start, tok.i), max(tok.i + 1, unit_end))
        return self._make(sent, cue, owner, published, confidence=0.75)

    def _blamed_for_a_reversal(self, noun: Token, verb: Token) -> bool:
        """Whether "blamed X for the reversal" charges X with reversing a position: asserted, not
        "wrongly blamed", and no reversal of something else ("of fortune", "in the team's results", "of
        the pay deal"; "a reversal of her stance" is one)."""
        if not _asserted(verb, self.cues) or any(c.lower_ in _WRONGLY for c in verb.children):
            return False
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}):
            what = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            if what is not None and not (_position_word(what, self.cues) or what.tag_ == "VBG"):
                return False
        return True

    def _figurative(self, tok: Token) -> bool:
        """Whether a noun that is also a plain word ("retreat") is used for a reversal: from a position
        ("a retreat from its earlier stance", never "from broadcasting films"), on a topic, or by
        someone ("a retreat by the ministry"); "beat a hasty retreat" is as often a flight as a U-turn."""
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            left = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if left is None or left.ent_type_ in _PLACES_AND_TIMES:
                continue  # "the party's retreat on Lake Como", "a retreat by night"
            if prep.lower_ == "on" or (prep.lower_ == "by" and holders.holder_like(left, self.cues)):
                return True
            if prep.lower_ == "from" and self._held(left, holders.owner(left)):
                return True
        return False

    # "despite saying in May that ...", "after initially supporting ...", "once backed ... but now"
    def _contrast(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        cues = self.cues
        if tok.pos_ not in {"VERB", "AUX"} or tok._.in_quote is not None:
            return None
        stance = lemma_of(tok) in cues.earlier_speech or (tok.pos_ == "VERB" and tok.lower_ == "used")
        until = _until_lately(tok)
        if until is not None and not _held_until_lately(tok):
            until = None
        if not stance and not (_stance(tok) and until is not None):
            return None
        main: Token | None = None
        cue = (tok.i, tok.i + 1)
        head = tok.head
        at_first = False
        if tok.dep_ == "pcomp" and head.lower_ in {"despite", "after"} and tok.tag_ == "VBG":
            adverb = any(c.lower_ in cues.earlier_adverbs for c in tok.children)
            if head.lower_ == "after" and not adverb:
                return None
            main = head.head
            while main.dep_ in {"prep", "pobj"} and main.head != main:
                main = main.head
        elif any(c.dep_ == "advmod" and c.lower_ in cues.earlier_adverbs for c in tok.children) or (
            at_first := _at_first(tok)
        ):
            # "at first" needs a later marker: "At first, X said ..., but the council disagreed"
            strong = not at_first and any(c.lower_ in {"initially", "originally"} for c in tok.children)
            but = strong and any(c.dep_ == "cc" and c.lower_ == "but" for c in tok.children)
            # "at first" already orders the two; "previously said" or "once opposed" often only brings in
            # an earlier quote or stance, so its later word must be the reporter's, not the quote's
            if at_first:
                follows = _later_marker(sent, tok.i, cues)
            else:
                follows = _reporters_later_marker(sent, tok, cues)
            if not (follows or but) or tok.tag_ not in {"VBD", "VBN"}:
                return None  # "initially defended his vote, but ..." says the change by itself
            main = tok
        elif until is not None:
            main = tok
            cue = (until.i, until.i + 2)  # the reader sees the words that end the stance
        elif tok.lower_ == "used" and any(
            c.dep_ == "xcomp" and c.i == tok.i + 2 and (lemma_of(c) in cues.earlier_speech or _stance(c))
            for c in tok.children
        ):
            if not _later_marker(sent, tok.i, cues):
                return None
            stance = not any(c.dep_ == "xcomp" and lemma_of(c) in cues.earlier_speech for c in tok.children)
            if stance and not any(c.dep_ == "cc" and c.lower_ == "but" for c in tok.children):
                return None  # "used to be against the war, and now she lives in Paris": no contrast
            main = tok
        else:
            return None
        if main is None or not _asserted(main, cues):
            return None
        subj = holders.subject(main)
        if subj is None or not holders.holder_like(subj, cues):
            return None
        earlier = _content_after(tok, sent.end)
        root = sent.doc[earlier[0] : earlier[1]].root if earlier is not None else None
        heads = [root, *(c for c in root.children if c.dep_ == "dobj")] if root is not None else []
        if any(holders.a_person(h) for h in heads):
            return None  # "used to support fellow Kentuckian Rand Paul": an allegiance moved, not a position
        later = None
        if main != tok:
            later = (
                (main.i, main.right_edge.i + 1)
                if main.i > tok.i
                else (subj.right_edge.i + 1, tok.left_edge.i)
            )
        return self._make(sent, cue, subj, published, earlier=earlier, later=later, confidence=0.7)

    # "has made conflicting statements", "Clinton's shifting explanations"
    def _inconsistent(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        cues = self.cues
        # "has taken both sides on abortion" (on a topic; "took both sides to lunch" is no stance)
        taken = tok.dep_ == "dobj" and lemma_of(tok.head) == "take" and (_topic(tok) or _topic(tok.head))
        both = tok.lower_ == "sides" and any(c.lower_ == "both" for c in tok.children)
        # "has been on both sides of the issue", "talks out of both sides of his mouth", "argued for both
        # sides"; never "listened to both sides" or "the views of both sides": heard, not held
        prep = tok.head
        sides_of = [o for p in tok.children for o in p.children]
        mouth = any(o.lower_ == "mouth" for o in sides_of)
        argued = prep.lower_ == "for" and lemma_of(prep.head) in cues.earlier_speech
        held = prep.lower_ == "on" or mouth or argued
        both = both and ((tok.dep_ == "pobj" and held) or taken)
        bipartisan = any(o.lower_ in cues.bipartisan or o.ent_type_ in {"LOC", "GPE"} for o in sides_of)
        if both and not bipartisan:  # "both sides of the aisle" or "of the Atlantic" is no one's stance
            return self._both_sides(tok, sent, published)
        if both or tok.lower_ not in cues.inconsistency_adjectives:
            return None
        if tok.dep_ == "acomp":
            return self._said_to_be_inconsistent(tok, sent, published)
        noun = tok.head
        if tok.dep_ != "amod" or noun.lower_ not in cues.inconsistency_nouns:
            return None
        owner = holders.owner(noun)
        while owner is None and noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "a series of conflicting explanations"
            owner = holders.owner(noun)
        if owner is None and noun.dep_ in {"dobj", "attr"}:
            if not _asserted(noun.head, cues):
                return None
            owner = holders.subject(noun.head)
        if owner is None or not holders.holder_like(owner, cues):
            return None
        return self._make(sent, (tok.i, noun.i + 1), owner, published, confidence=0.7)

    def _said_to_be_inconsistent(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        """ "Amsel's accounts of the meeting have been contradictory": one holder's own statements said to
        be at odds. Never without an owner or with a plural one ("the two witnesses' accounts were
        contradictory": each may have held to their own), nor a comparison ("inconsistent with the
        ministry's")."""
        verb = tok.head
        noun = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if noun is None or noun.lower_ not in self.cues.inconsistency_nouns or not _asserted(verb, self.cues):
            return None
        if any(c.dep_ == "prep" for c in tok.children):
            return None
        if any(c.dep_ == "conj" for c in noun.children):
            return None  # "Saar's accounts and Sol's accounts were contradictory": two people's
        if lemma_of(noun) == "account" and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in noun.children
        ):
            return None  # "the bank's accounts have been inconsistent": books; "accounts of the meeting"
        owner = holders.owner(noun)
        if owner is None or owner.tag_ == "NNS" or not holders.holder_like(owner, self.cues):
            return None
        return self._make(sent, (noun.i, tok.i + 1), owner, published, confidence=0.7)

    # "would no longer fight the release", "no longer supports the deal"
    def _no_longer(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        if tok.lower_ != "longer" or tok.dep_ != "advmod" or not any(c.lower_ == "no" for c in tok.children):
            return None
        verb = tok.head
        if verb.pos_ != "VERB" or lemma_of(verb) not in self.cues.earlier_speech | _HELD_NO_LONGER:
            return None
        if any(c.dep_ == "auxpass" for c in verb.children):
            return None  # "is no longer suspected of fraud": what others think of the subject
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in verb.children):
            return None  # the modal is the point here ("would no longer"), a condition is not
        subj = holders.subject(verb)
        if subj is None or not holders.holder_like(subj, self.cues):
            return None
        later = (tok.i - 1, verb.right_edge.i + 1)
        return self._make(sent, (tok.i - 1, tok.i + 1), subj, published, later=later, confidence=0.7)

    # "Once a proponent of abortion rights, Trump has since adopted ...", "Trump was once an advocate for"
    def _once_a(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        cues = self.cues
        if tok.lower_ not in cues.advocate_nouns or tok.pos_ != "NOUN":
            return None
        once = [t for t in sent[max(0, tok.i - 4 - sent.start) : tok.i - sent.start] if t.lower_ == "once"]
        # "a former critic of the toll": the modifier says the stance is over, as "once" does, when the
        # noun says what it was on ("a former film critic" is a job); never one of a person ("a former
        # supporter of Amsel" moved an allegiance)
        former = [c for c in tok.children if c.dep_ == "amod" and c.lower_ in cues.former]
        former = former if _stance_object(tok) is not None else []
        if not (once or former) or _of_someone(tok):
            return None
        verb = tok.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
            verb = verb.head
        # the later side: a word that says so ("now", "has since"), or the opposite stance the holder
        # has become ("once an opponent of the deal, has become one of its loudest supporters")
        became = lemma_of(verb) == "become" and any(
            _opposite_stances(tok, _partitive(c), cues) for c in verb.children if c.dep_ == "attr"
        )
        later = _later_marker(sent, tok.i, cues)
        if not once:
            # "a former critic of the plan, now backs it": a stance (not only words: "now says she will
            # buy it") on the same thing, outside the subject the noun describes ("now sits on its
            # board" is not)
            about = _stance_words(tok, _stance_object(tok))
            later = (
                later
                and lemma_of(verb) in self.held_now - _SAYING
                and any(_same_topic(about, c) for c in verb.children if c.dep_ not in holders.SUBJECTS)
            )
        if not (later or became or (once and tok.dep_ == "attr")):
            return None
        once = once or former
        subj = holders.subject(verb)
        if subj is None or not holders.holder_like(subj, cues) or not _asserted(verb, cues):
            return None
        earlier = (tok.left_edge.i, tok.right_edge.i + 1)
        return self._make(sent, (once[0].i, tok.i + 1), subj, published, earlier=earlier, confidence=0.7)

    # "Cruz has supported more visas ... but has since said he now believes ..."
    def _but_since(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        cues = self.cues
        if tok.pos_ != "VERB" or tok._.in_quote is not None or lemma_of(tok) not in cues.earlier_speech:
            return None
        for later in (c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            but = any(c.dep_ == "cc" and c.lower_ == "but" for c in [*tok.children, *later.children])
            since = any(c.dep_ == "advmod" and c.lower_ in _SINCE for c in later.children)
            if not (but and since) or lemma_of(later) not in cues.earlier_speech:
                continue
            own = next((c for c in later.children if c.dep_ in holders.SUBJECTS), None)
            subj = holders.subject(tok)
            if own is not None and (subj is None or own.lower_ not in holders.THIRD_PERSON):
                continue  # "X supported it, but Y has since said ...": two holders
            if subj is None or not holders.holder_like(subj, cues) or not _asserted(tok, cues):
                return None
            if not _asserted(later, cues):
                return None
            earlier = (tok.i, later.i)
            return self._make(
                sent,
                (later.i, later.i + 1),
                subj,
                published,
                earlier=earlier,
                later=(later.i, later.right_edge.i + 1),
                confidence=0.7,
            )
        return None

    # "despite its earlier demand, the bank agreed ...", "despite his past opposition, Vander voted for it"
    def _despite_own(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        cues = self.cues
        if tok.dep_ != "pobj" or tok.head.lower_ != "despite" or not _position_word(tok, self.cues):
            return None
        if not any(c.lower_ in cues.self_words and c.dep_ in {"amod", "advmod"} for c in tok.children):
            return None  # "despite his claim" is evidence against him; "his earlier claim" was his
        main = tok.head.head
        while main.dep_ in {"prep", "pobj"} and main.head != main:
            main = main.head
        subj = holders.subject(main) if main.pos_ in {"VERB", "AUX"} else None
        owner = holders.owner(tok)
        if subj is None or not holders.holder_like(subj, cues) or not _asserted(main, cues):
            return None
        if owner is not None and not holders.same_holder(owner, subj):
            return None  # "despite Trump's earlier pledge, Cruz ...": two people
        earlier = (tok.left_edge.i, tok.right_edge.i + 1)
        later = (main.i, main.right_edge.i + 1) if main.i > tok.i else None
        return self._make(
            sent, (tok.head.i, tok.i + 1), subj, published, earlier=earlier, later=later, confidence=0.7
        )

    # "went from saying it was fair to saying it must go", "has gone from being ... to calling herself"
    def _went_from(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        cues = self.cues
        if lemma_of(tok) not in cues.movements or tok.pos_ != "VERB":
            return None  # "went / pivoted / shifted from saying X to saying Y"
        frm = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        before = (
            next((c for c in frm.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None) if frm else None
        )
        if frm is None or before is None:
            return None
        # the parser may hang "to ..." anywhere under the first side
        after = next(
            (
                g
                for t in tok.subtree
                if t.i > before.i and t.lower_ == "to" and t.dep_ == "prep"
                for g in t.children
                if g.dep_ == "pcomp" and g.tag_ == "VBG"
            ),
            None,
        )
        if after is None or not {lemma_of(before), lemma_of(after)} & cues.earlier_speech:
            return None  # "went from being a backbencher to being a minister": a job, not a position
        if lemma_of(tok) != "go" and not {lemma_of(before), lemma_of(after)} <= cues.earlier_speech:
            return None  # "shifted from attacking Saar to praising its record": tactics, not positions
        if any(holders.backs_someone(v) or _deal(v, cues) for v in (before, after)):
            return None  # "switched from backing Okafor to supporting Sol": an allegiance; a merger: a deal
        if _says_amount(before, cues) or _says_amount(after, cues):
            return None  # "went from saying nothing to saying a great deal": how much, not what
        subj = holders.subject(tok)
        if subj is None or not holders.holder_like(subj, cues) or not _asserted(tok, cues):
            return None
        earlier = (before.i, after.head.i)
        later = (after.i, after.right_edge.i + 1)
        return self._make(
            sent, (tok.i, frm.i + 1), subj, published, earlier=earlier, later=later, confidence=0.7
        )

    # "now regrets voting for the war", "regretted her vote for the toll"
    def _regrets(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        """Regret of one's own earlier stance says it is given up: the verb's object is a gerund of a
        verb of holding a position with no one else's subject, article or agent, the holder's own
        vote or support, or a clause in the past whose subject is the holder ("regrets that she voted
        for"). "Regrets the loss of jobs", "regrets that the council voted" and "regrets the backing
        of the plan by the council" are not a stance of the holder's."""
        cues = self.cues
        if lemma_of(tok) not in cues.regretting or tok.pos_ != "VERB" or tok._.in_quote is not None:
            return None
        subj = holders.subject(tok)
        if subj is None:
            return None
        stance = None
        for child in tok.children:
            if child.dep_ not in {"dobj", "xcomp"}:
                continue
            # "regrets voting for", "regrets having voted for" (the parser hangs "having" on "voted")
            ing = child.lower_.endswith("ing") or any(c.lower_ == "having" for c in child.children)
            owner = holders.owner(child)
            own = owner is None or holders.same_holder(owner, subj)  # "his voting for", not "Sol's"
            others = any(c.dep_ in {"nsubj", "det"} or c.lower_ == "by" for c in child.children)
            if ing and _gerund_of(child, self.held_before) and own and not others:
                stance = child  # "regrets voting for the war", "regretted backing the toll"
            elif lemma_of(child) in cues.own_stances and owner is not None and own:
                stance = child  # "regretted her vote for the toll"
        for clause in (c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i):
            if _own_past_stance(clause, subj, self.held_before):
                stance = clause  # "regrets that she voted for the toll"
        if stance is None or holders.backs_someone(stance) or _deal(stance, cues) or not _asserted(tok, cues):
            return None
        subj = holders.pronoun_holder(tok, subj, cues)
        if not holders.holder_like(subj, cues):
            return None
        earlier = (stance.left_edge.i, stance.right_edge.i + 1)
        return self._make(sent, (tok.i, tok.i + 1), subj, published, earlier=earlier, confidence=0.7)

    # "voted against a measure that he once supported", "criticised the scheme she had backed"
    def _against_once_backed(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        """An act against a thing the holder once backed, told in one sentence: the relative clause is
        the earlier side ("once supported", "had backed"), the act the later one. Not a thing another
        backed, nor a person ("voted against the candidate he had once endorsed": an allegiance)."""
        if tok.pos_ != "VERB" or tok._.in_quote is not None:
            return None
        lemma = lemma_of(tok)
        if lemma in _AGAINST:
            objects = [c for c in tok.children if c.dep_ == "dobj"]
        elif lemma == "vote":
            objects = [
                o
                for p in tok.children
                if p.dep_ == "prep" and p.lower_ == "against"
                for o in p.children
                if o.dep_ == "pobj"
            ]
        else:
            return None
        subj = holders.subject(tok)
        if subj is None or not _asserted(tok, self.cues):
            return None
        target = next((o for o in objects if _once_backed(o, subj, self.cues)), None)
        if target is None:
            return None
        subj = holders.pronoun_holder(tok, subj, self.cues)
        if not holders.holder_like(subj, self.cues):
            return None
        backed = next(c for c in target.children if c.dep_ == "relcl" and lemma_of(c) in _BACKING)
        earlier = (backed.left_edge.i, backed.right_edge.i + 1)
        later = (tok.i, target.i + 1)
        return self._make(
            sent, (tok.i, tok.i + 1), subj, published, earlier=earlier, later=later, confidence=0.7
        )

    # "He voted against it originally. He now backs it.", "X backed the toll, but now she wants it scrapped"
    def _now_holds(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        """A position said to be held "now", in the reporter's words, set against the same holder's
        earlier one: the first half of "X backed it, but now she ...", or a clause of this sentence or
        the one before that gives it with a word that dates it ("once", "originally", "in 2010"; after
        "but now" the contrast is dated enough). "Now" alone is only the present ("the agency now says
        it expects ..."), and "But now, Sol says ..." with no earlier position of Sol's reports no
        change."""
        cues = self.cues
        if tok.lower_ != "now" or tok.dep_ != "advmod" or tok._.in_quote is not None:
            return None
        verb = tok.head
        if verb.pos_ != "VERB" or verb.tag_ not in {"VBZ", "VBP"} or verb._.in_quote is not None:
            return None
        if lemma_of(verb) not in self.held_now:
            return None
        clauses = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
        if lemma_of(verb) == "want" and any(a.tag_ == "TO" for c in clauses for a in c.children):
            return None  # "now wants to return", "wants voters to know": a plan ("wants it scrapped" is not)
        subj = holders.subject(verb)
        if subj is None or not (holders.holder_like(subj, cues) or subj.lower_ in holders.THIRD_PERSON):
            return None
        if not _asserted(verb, cues):
            return None
        first = verb.head if verb.dep_ == "conj" else verb
        if holders.backs_someone(verb) or holders.backs_someone(first):
            return None  # "used to support Dov Amsel, but now she backs ...": an allegiance moved
        but = any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in (*verb.children, *first.children))
        before = sent.doc[tok.i - 1].lower_ if tok.i > sent.start else ""  # "Now X ..." opens the text
        but = but or sent[0].lower_ in {"but", "yet"} or before in {"but", "yet"}
        earlier: tuple[int, int] | None = None
        opening: Span | None = None
        first_subj = holders.subject(first) if first != verb else None
        if but and first_subj is not None and lemma_of(first) in self.held_before:
            if not holders.same_one(first_subj, subj):
                return None  # "Brandt said the toll was fair, but now Sol says it is unfair"
            if lemma_of(verb) in _SAYING and not _same_topic(sent.doc[first.i : verb.left_edge.i], verb):
                return None
            # "Obama supported keeping troops there, but now he wants a withdrawal": both halves here
            end = verb.left_edge.i
            while end > first.i and sent.doc[end - 1].dep_ in {"cc", "punct"}:
                end -= 1
            earlier = (first.i, end)
            subj = first_subj if subj.lower_ in holders.THIRD_PERSON else subj
        elif (found := self._said_before(sent, verb, subj, published, dated=not but)) is not None:
            earlier, named, opening = found
            # "Wenger initially refused. But now he ...": the one named holds both
            subj = named if subj.lower_ in holders.THIRD_PERSON else subj
        else:
            return None
        if not holders.holder_like(subj, cues):
            return None
        later = (verb.left_edge.i if verb.left_edge.i > sent.start else tok.i, verb.right_edge.i + 1)
        # the cue is "now" and its verb, without a subject between them ("now, Ana Sol says")
        cue = (
            (tok.i, verb.i + 1)
            if verb.i - tok.i <= 2 and subj.i not in range(tok.i, verb.i)
            else (tok.i, tok.i + 1)
        )
        return self._make(
            sent, cue, subj, published, earlier=earlier, later=later, confidence=0.7, opening=opening
        )

    def _said_before(
        self, sent: Span, later: Token, subj: Token, published: dt.date | None, dated: bool
    ) -> tuple[tuple[int, int], Token, Span | None] | None:
        """The clause that gives the same holder's earlier position, in this sentence ("now backs the
        plan she once called unworkable") or the one before ("He voted against them originally."), with
        a word that dates it when ``dated``; its subject, who holds both positions when the later one
        says only "he"; and the sentence before when the clause is there (the evidence must show it).
        A clause in the sentence before, or any clause when the later verb only reports words, must share
        what the later one is about: a word, or a pronoun that points back ("He now believes they should
        stay"); "She now says the harbor needs dredging" does not."""
        doc = sent.doc
        spans = [sent] if sent.start == 0 else [sent, doc[sent.start - 1].sent]
        later_words = range(later.left_edge.i, later.right_edge.i + 1)
        for span in spans:
            for verb in span:
                if verb == later or verb.pos_ != "VERB" or verb._.in_quote is not None:
                    continue
                if lemma_of(verb) not in self.held_before:
                    continue
                other = holders.subject(verb)
                unresolved = (
                    other is not None and other.lower_ in holders.THIRD_PERSON and other._.person is None
                )
                if other is None or (span != sent and unresolved):
                    continue  # an unresolved "she" in the sentence before may be anyone
                adverbs = (c for c in verb.children if c.dep_ == "advmod")
                when = any(c.lower_ in self.cues.earlier_adverbs for c in adverbs)
                when = when or _at_first(verb) or _dated_before(verb, published)
                if (dated and not when) or not holders.same_one(other, subj):
                    continue
                inside = verb.i in later_words  # "the plan she once called unworkable": its own object
                topical = inside or _same_topic(doc[verb.i : verb.right_edge.i + 1], later)
                if not topical and (span != sent or lemma_of(later) in _SAYING):
                    continue
                return (verb.i, verb.right_edge.i + 1), other, (span if span != sent else None)
        return None

    def _both_sides(self, tok: Token, sent: Span, published: dt.date | None) -> Reversal | None:
        """ "putting him on both sides of the issue", "talking out of both sides of his mouth"."""
        # the word "on/of both sides" hangs on: a verb, never "partisans on both sides"; or "took" itself
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        while verb.dep_ == "prep" and verb.head != verb:
            verb = verb.head  # "talking out of both sides": "of" hangs on "out"
        if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.lower_ == "of":
            verb = verb.head.head.head  # "out of both sides of his mouth"
        if verb.pos_ not in {"VERB", "AUX"} or not _asserted(verb, self.cues):
            return None
        holder = next(
            (c for c in verb.children if c.dep_ == "dobj" and holders.holder_like(c, self.cues)), None
        )
        holder = holder or holders.subject(verb)
        if holder is None or not holders.holder_like(holder, self.cues):
            return None
        return self._make(sent, (tok.i - 1, tok.i + 1), holder, published, confidence=0.7)


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _sides(statements: list[Statement], found: Reversal) -> tuple[str | None, str | None]:
    """The holder's statements that carry the later and the earlier position, when the article has
    both: the earlier one said inside the words the reversal names ("contradicting his claims that
    ..."), the later one in the same sentence outside them ("said that he has never met him"). Both or
    neither: one side alone is not a pair a reader can check."""
    if found.person is None or found.earlier is None:
        return None, None
    own = [s for s in statements if s.speaker is not None and s.speaker.person == found.person]
    earlier = next(
        (s for s in own if s.cue is not None and _inside(s.cue.span, found.earlier.span)),
        None,
    )
    if earlier is None:
        return None, None
    later_span = found.later.span if found.later is not None else found.sentence

    def later_side(s: Statement) -> bool:
        if s is earlier or s.cue is None:
            return False
        return _inside(s.cue.span, later_span) and not _inside(s.cue.span, found.earlier.span)

    later = next((s for s in own if later_side(s)), None)
    return (later.id, earlier.id) if later is not None else (None, None)


def as_contradiction(doc: Doc, found: Reversal) -> Contradiction:
    """The reversal in the output's contradiction shape, with onrecord's additions for the evidence."""
    text = doc.text
    evidence = text[found.sentence[0] : found.sentence[1]].strip()
    cue = text[found.cue[0] : found.cue[1]]
    later, earlier = _sides(doc._.statements or [], found)
    return Contradiction(
        a=later,
        b=earlier,
        speaker=found.person,
        score=found.confidence,
        kind=KIND,
        explanation=f"the article reports it ('{cue}'): {evidence}",
        evidence={"text": evidence, "span": [found.sentence[0], found.sentence[0] + len(evidence)]},
        reported={
            "holder": {"text": found.holder_text, "span": list(found.holder)},
            "cue": {"text": cue, "span": list(found.cue)},
            "earlier": found.earlier.to_dict() if found.earlier else None,
            "later": found.later.to_dict() if found.later else None,
        },
    )


@Language.factory("onrecord_reversals", default_config={"cues": None})
def make_reversals(nlp: Language, name: str, cues: str | None) -> Any:
    """Add the reversals the article reports to ``doc._.contradictions`` (``cues``: a JSON file)."""
    finder = ReversalFinder(load_cues(cues))

    def component(doc: Doc) -> Doc:
        found = [as_contradiction(doc, r) for r in finder.find(doc)]
        doc._.contradictions = list(doc._.contradictions or []) + found
        return doc

    return component
