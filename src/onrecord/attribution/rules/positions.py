"""Rules for cues whose content is an object, not a clause: "urged the senator to apologize",
"called for a ban", "his support for the bill"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.attribution.lexicon import (
    ADDRESSEE_CUES,
    BARE_OBJECT_CUES,
    CLAUSE_ONLY_CUES,
    CUE_VERBS,
    DEPICT_VERBS,
    IMPERSONAL_PASSIVES,
    IMPRESSION_VERBS,
    OBJECT_CUES,
    REGARD_VERBS,
    STANCE_NOUNS,
    STANCE_PREPS,
)
from onrecord.attribution.rules.base import (
    IMPERSONAL,
    Builder,
    a_person,
    char_spans,
    kind_of,
    mention,
    negates,
    passive_agent,
    relative_subject,
    rule,
    span_text,
    subject_block,
    unsaid,
)
from onrecord.model import CueClass

_OBJECT_DEPS = {"dobj", "xcomp", "oprd", "ccomp", "dative"}


_OBJECT_PREPS = frozenset({"of", "for", "as", "to"})


_MIN_STANCE_WORDS = 1  # "defended it", "endorsed Trump": a stance's object can be one word


@rule("object", 0.6)
def objects(doc: Doc, b: Builder) -> None:
    """Rule "object": a cue whose content is its object and complement, not a clause.

    "urged the senator to apologize", "accused the media of lying", "called the plan a disaster",
    "plans to call on young people": what was said (or intended) is the object with its complement.
    A bare object ("announced a plan") is taken only from verbs that announce or deny something.
    "Seems to", "appeared uneasy" and "is expected to" are the writer's impressions, or views held
    by no one named (``_impression``, ``_impersonal_passive``): the subject is part of the content.
    """
    for tok, cls in b.cues():
        lemma = tok.lemma_.lower()
        if tok.i in b.used_cues or tok._.in_quote is not None:
            continue
        if lemma in IMPERSONAL_PASSIVES and _impersonal_passive(doc, b, tok, cls):
            continue
        if unsaid(tok, by_agent=True):
            continue
        if lemma in IMPRESSION_VERBS and _impression(doc, b, tok, cls, subject_block(tok)):
            continue
        bare_ok = (
            lemma in BARE_OBJECT_CUES
            or (cls == "speech" and lemma not in ADDRESSEE_CUES and lemma not in CLAUSE_ONLY_CUES)
            or (cls == "stance" and lemma not in STANCE_PREPS)
        )
        if lemma not in OBJECT_CUES and cls not in {"intention", "belief", "stance"} and not bare_ok:
            continue
        preps = STANCE_PREPS.get(lemma, _OBJECT_PREPS)
        parts = [
            c
            for c in tok.rights
            if c.dep_ in _OBJECT_DEPS or (c.dep_ in {"prep", "prt"} and c.lower_ in preps)
        ]
        complement = any(c.dep_ in {"xcomp", "oprd", "ccomp"} or c.dep_ == "prep" for c in parts)
        if not complement:
            parts = [c for c in parts if c.dep_ == "dobj"]  # a bare object, never a lone "to ..."
        if not parts or not (complement or bare_ok):
            continue
        if cls in {"intention", "belief"} and not any(c.dep_ == "xcomp" for c in parts):
            continue
        own_subject = any(c.dep_ == "nsubj" for c in tok.children)
        if cls == "stance" and own_subject and _quoted_complement(parts):
            # 'called him a "hero"': the quoted words are the speaker's own (not 'the bridge, dubbed the
            # "Rust Bucket" by commuters', a name given by nobody in particular)
            cls = "speech"
        agent = passive_agent(tok)
        subj = agent or subject_block(tok)
        if subj is None:
            continue
        toks = [t.i for c in parts for t in c.subtree]
        cue_end = tok.i + 1
        first = doc[min(toks)]
        if cls == "stance" and first.dep_ in {"prep", "prt"} and first.head == tok and agent is None:
            # "called for a ban": the preposition belongs to the cue, the ban is the content
            toks = [i for i in toks if i != first.i]
            cue_end = first.i + 1
        if not toks:
            continue
        spans = char_spans(doc, range(min(toks), max(toks) + 1))
        said_of = _passive_subject(tok) if agent is not None else None
        if said_of is not None:  # "the plan was described by Ana Sol as ...": what she described, and as what
            spans = char_spans(doc, range(*said_of)) + spans
        shortest = _MIN_STANCE_WORDS if cls == "stance" else 3
        if not spans or len(span_text(doc, spans).split()) < shortest or b.covered(spans[0][0], spans[-1][1]):
            continue
        b.add("indirect", spans, mention(doc, tok.i, cue_end), tok.i, subj, cls)


def _fronted_passive_subject(verb: Token) -> Token | None:
    """A passive's subject before it, unless an impersonal "it" or "there"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    return None if subject is None or subject.lower_ in IMPERSONAL else subject


def _passive_subject(verb: Token) -> tuple[int, int] | None:
    """The subject of a passive cue, before it: what the complement is said of. For a relative pronoun
    ("Saar, who was described by his lawyer as innocent") the noun it stands for, without ", who"."""
    subject = _fronted_passive_subject(verb)
    if subject is None:
        return None
    relative = relative_subject(subject, verb)
    if relative is None:
        return subject.left_edge.i, subject.right_edge.i + 1
    start, end = relative[0], subject.i
    while end > start and verb.doc[end - 1].is_punct:
        end -= 1
    return (start, end) if end > start else None


#: What an impression verb says of its subject: "seems to work", "appeared uneasy", "it appears that ...".
_IMPRESSION_DEPS = frozenset({"xcomp", "acomp", "attr", "oprd", "ccomp"})
#: Adverbs that weaken or deny an impression ("hardly seems to care"): without them the content would
#: read as its opposite. "No longer" is tested apart (two words).
_WEAKENING = frozenset({"hardly", "barely", "scarcely", "never"})
#: Conjunctions that make an impression a condition or a question, not the writer's ("if the plan
#: seems to work, ...").
_UNASSERTED = frozenset({"if", "unless", "whether"})
#: Auxiliaries with which "appear" is a date to appear somewhere, not an impression.
_FUTURE = frozenset({"will", "shall", "'ll", "to"})


def _asserted(verb: Token) -> bool:
    """The impression is the writer's as it stands: not weakened, denied, a condition or a question."""
    for child in verb.children:
        if child.lower_ in _WEAKENING or (child.dep_ == "mark" and child.lower_ in _UNASSERTED):
            return False
        if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return False
    return verb.doc[verb.sent.end - 1].text != "?"


def _impression(
    doc: Doc, b: Builder, verb: Token, cls: CueClass, subject: tuple[int, int] | None, passive: bool = False
) -> bool:
    """ "The plan seems to work", "she appeared uneasy", "it appears that the vote was close": the
    writer's impression of the subject, not something the subject said or holds. Read as the
    subject's view, "the council seemed relieved" would give the council words it never said; so
    the subject goes into the content with its complement, and the statement has no speaker (on
    PolNeAR train 178 of the 185 such attributions have no source).

    The answer is True when the verb has been dealt with, whether or not it made a statement. It
    makes none without a complement ("appeared on television"), with other words before it
    ("appeared on television to defend it" is a purpose: only adverbs may stand between), in a
    weakened, conditional or questioned impression (``_asserted``), for "what appeared to be a
    bomb" (a description, no claim), for "will appear to give evidence" (a court date), or when a
    passive's complement has its own "by" ("was considered a flight risk by the judge": the judge's
    view; "appeared puzzled by the results" is no passive view and stays).
    It is False for two shapes that are not the writer's impression and are left to the rule's
    other readings: a complement that is itself a cue ("seemed to urge a delay": the subject urges,
    hedged; "it seems the mayor promised more than she could deliver": the promise is the mayor's
    statement, which an impression around it would hide) and one with a clause of its own ("seemed
    hopeful that it would hold": the subject's hope, which no reading here takes yet)."""
    complement = next((c for c in verb.rights if c.dep_ in _IMPRESSION_DEPS), None)
    if complement is None or any(t.dep_ != "advmod" for t in doc[verb.i + 1 : complement.left_edge.i]):
        return True
    if complement.lemma_.lower() in CUE_VERBS:
        return False
    if any(c.dep_ == "ccomp" for c in complement.children):
        return False
    if not _asserted(verb) or any(c.dep_ == "nsubj" and c.lower_ == "what" for c in verb.children):
        return True
    if verb.lemma_ == "appear" and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children):
        return True
    own_by = any(c.lower_ == "by" for c in complement.children)
    if passive and own_by and complement.pos_ not in {"VERB", "AUX"}:
        return True
    toks = {t.i for t in complement.subtree}
    if subject is not None:  # None for "it appears that ...": the clause alone
        toks |= set(range(*subject))
    spans = char_spans(doc, toks)
    if spans and not b.covered(spans[0][0], spans[-1][1]):
        b.add(kind_of(doc, spans), spans, mention(doc, verb.i, verb.i + 1), verb.i, None, cls)
    return True


def _impersonal_passive(doc: Doc, b: Builder, verb: Token, cls: CueClass) -> bool:
    """ "The bill is expected to pass", "he is said to be furious", "it is believed that ...": a view
    or a report that no one is named for, read as an impression is (``_impression``): the subject
    with its complement, no speaker (on PolNeAR train 72 of the 74 "is expected" attributions have
    no source). What is said or reported this way is hearsay, of class "other", as "reportedly" is:
    out of the default view, which records who said what. With an agent ("is expected by analysts
    to ...") the passive has its source, and a negated one ("is not expected to pass") would lose
    its "not" from the content; both are left to the other rules (False, as for an active verb)."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if any(c.dep_ == "agent" or negates(c) for c in verb.children):
        return False
    subject = _fronted_passive_subject(verb)
    span = None
    if subject is not None:
        # "Dov Amsel, who is expected to plead guilty": the noun through the pronoun
        span = relative_subject(subject, verb) or (subject.left_edge.i, subject.right_edge.i + 1)
    return _impression(doc, b, verb, "other" if cls in {"speech", "writing"} else cls, span, passive=True)


def _quoted_complement(parts: list[Token]) -> bool:
    """The complement that names the object is a quotation: 'called it an "adverse development"',
    'described the plan as "reckless"'."""
    for part in parts:
        named = part if part.dep_ == "oprd" else None
        if part.dep_ == "prep" and part.lower_ == "as":
            named = next((c for c in part.children if c.dep_ == "pobj"), None)
        if named is not None and any(t._.in_quote is not None for t in named.subtree):
            return True
    return False


#: The verbs of rule "as": a view taken, or a depiction.
_AS_VERBS = REGARD_VERBS | DEPICT_VERBS
#: Subjects that hold no view ("nobody sees it as ...").
_NO_ONE = frozenset({"nobody", "none", "nothing", "neither"})


@rule("as", 0.55)
def regarded_as(doc: Doc, b: Builder) -> None:
    """Rule "as": what someone takes a thing for, or presents it as: "critics see the plan as reckless"
    (a view the subject holds: a belief), "the ad paints her as weak" (a stance). No reporting verb.

    The subject must be one who can hold a view ("the 1990s saw the city as ..." is a time, "nobody
    sees it as ..." no one's view; the word lists' sources are too few for "fans" or "the board"),
    the sentence no question, and "as" with a person after it is not the view of a thing ("saw the
    film as a child": when)."""
    for tok in b.tokens_with(_AS_VERBS):
        if tok.pos_ != "VERB" or tok.i in b.used_cues or tok._.in_quote is not None or unsaid(tok):
            continue
        obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
        if obj is None:
            continue  # "is seen as a favourite": a passive names nobody who sees it so
        as_ = [
            c
            for c in (*tok.rights, *obj.rights)
            if c.dep_ == "prep"
            and c.lower_ == "as"
            and c.i > obj.i
            and any(not g.is_punct for g in c.children)
        ]
        subj = subject_block(tok)  # the verb's own subject, or its governor's ("seeing it as ...")
        if not as_ or subj is None or doc[tok.sent.end - 1].text == "?":
            continue
        if not _may_hold_a_view(doc[subj[0] : subj[1]].root):
            continue
        last = max(as_, key=lambda c: c.i)  # "see the coach, as usual, as the problem"
        taken_for = next((g for g in last.children if g.dep_ == "pobj"), None)
        if taken_for is not None and a_person(taken_for) and not a_person(obj) and obj.pos_ != "PRON":
            continue
        toks = [t.i for t in (*obj.subtree, *last.subtree)]
        spans = char_spans(doc, range(min(toks), max(toks) + 1))
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        cls: CueClass = "stance" if tok.lemma_.lower() in DEPICT_VERBS else "belief"
        b.add("indirect", spans, mention(doc, tok.i, tok.i + 1), tok.i, subj, cls)


def _may_hold_a_view(holder: Token) -> bool:
    """Anyone but a time ("the 1990s saw ..."), a number, or no one ("nobody", "no one sees ...")."""
    if holder.ent_type_ in {"DATE", "TIME", "CARDINAL", "PERCENT"} or holder.lower_ in _NO_ONE:
        return False
    return not any(c.lower_ == "no" for c in holder.children)


@rule("stance", 0.5)
def stance_nouns(doc: Doc, b: Builder) -> None:
    """Rule "stance": a position noun someone owns: "his support for the bill", "her attacks on Rubio"."""
    for tok in b.tokens_with(STANCE_NOUNS.keys()):
        preps = STANCE_NOUNS.get(tok.lemma_.lower())
        if preps is None or tok.pos_ != "NOUN" or tok._.in_quote is not None:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        about = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in preps), None)
        if owner is None or about is None or not any(c.dep_ == "pobj" for c in about.children):
            continue
        spans = char_spans(doc, [t.i for t in about.subtree if t.i > about.i])
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        owner_span = (owner.left_edge.i, owner.i + 1)
        b.add("indirect", spans, mention(doc, tok.i, about.i + 1), tok.i, owner_span, "stance")
