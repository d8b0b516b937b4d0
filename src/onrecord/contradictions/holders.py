"""Who holds a position: the subject of a reversal, whether an owner is that subject, whether two
mentions are one holder, and what an unresolved pronoun may stand for.

A reported reversal is a charge against someone, so these rules would rather leave a holder
unresolved than name the wrong one: a pronoun the mention resolver left alone is matched only to a
holder it fits ("it" to a body, "she" to a person's description) and only when the sentence offers
no other candidate. The reversal finder (``reported.py``) asks; this module only reads the parse.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import KIN_NOUNS, ORG_DESCRIPTIONS, ROLE_NOUNS
from onrecord.contradictions.reversal_cues import Cues, lemma_of

#: The dependencies of a subject, active, passive or clausal.
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
#: Relative pronouns: the subject "who" of a relative clause is the noun the clause hangs on.
RELATIVE = {"who", "which", "that", "whom"}
REFLEXIVE = {"himself", "herself", "themselves", "itself", "myself", "ourselves"}
REFLEXIVE_OF = {"he": "himself", "she": "herself", "they": "themselves", "it": "itself"}
#: Third-person subject pronouns, which stand for a holder named elsewhere.
THIRD_PERSON = frozenset(REFLEXIVE_OF)


def subject(verb: Token) -> Token | None:
    """The verb's subject, through coordination and open clauses ("vowed to ... but later backtracked",
    "forcing Sanders to reverse", "after reversing course, she ...", "Trump, who once backed it"), or
    the object of a verb of witnessing that the participle follows ("caught Amsel contradicting
    himself")."""
    for _ in range(6):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        # the parser sometimes makes a fronted date or title a second subject: the name nearest the
        # verb, not "October" nor the book in "According to a book, Ana's Road by Ivo Brandt, Sol ...",
        # holds
        names = [c for c in subjects if c.pos_ == "PROPN" and c.ent_type_ != "DATE"]
        subj = min(names, key=lambda c: abs(verb.i - c.i), default=None)
        subj = subj or next(iter(subjects), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return subj
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ == "xcomp":
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if obj is not None and (verb.tag_ != "VBG" or lemma_of(verb.head) in _WITNESSING):
                return obj  # object control: "forced Sanders to reverse"; not "defeated Brandt reversing"
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            governor = verb.head.head
            if verb.head.lower_ in _BLAME_PREPS:
                # "accused Tamm of performing U-turns", "praised her for changing her position", "gave
                # Tamm credit for reversing": the one accused or praised changed, not the one who says
                # so; the parser may hang "of" on her. "blamed herself" is the subject's own act.
                obj = next((c for c in governor.children if c.dep_ == "dative"), None) or next(
                    (c for c in governor.children if c.dep_ == "dobj" and not c.lower_.endswith("self")), None
                )
                if governor.dep_ == "dobj" and governor.pos_ in {"NOUN", "PROPN", "PRON"}:
                    obj = governor
                if obj is not None and _someone(obj):
                    return obj
            verb = governor
            continue
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and lemma_of(verb.head) in _WITNESSING:
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.right_edge.i + 1 == verb.i and _someone(obj):
                return obj  # "caught Amsel contradicting himself": the one caught does it
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head != verb:
            verb = verb.head
            continue
        return None
    return None


#: Verbs whose object does what the participle after it says: "caught Amsel contradicting himself",
#: "the clip shows her reversing". After other verbs the participle is the subject's own doing:
#: "visited Berlin reversing her stance", "defeated Brandt reversing her opposition".
_WITNESSING = {"catch", "see", "show", "find", "display", "watch", "hear", "film", "record", "depict", "spot"}

#: Prepositions after which a verb's object is the doer of the gerund: "blamed the council for reversing".
_BLAME_PREPS = {"of", "for"}


def _named(tok: Token) -> bool:
    """A mention resolved to someone, or a name of a person, body, group or country."""
    return tok._.person is not None or tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}


def _someone(tok: Token) -> bool:
    """A word that names a person or a body ("Tamm", "her", "the council"), not a thing ("the vote")."""
    return _named(tok) or tok.lower_ in _NOMINATIVE or tok.lemma_.lower() in _PEOPLE_NOUNS


#: Possessive pronouns and the subject pronoun of the same one: "he reversed his pledge".
PRONOUN_OWNERS = {"his": "he", "her": "she", "their": "they", "its": "it", "my": "i", "our": "we"}
#: The subject forms of the personal pronouns ("she has since endorsed it").
PERSONAL = frozenset(PRONOUN_OWNERS.values())
#: Object pronouns and the subject form they stand for: "praised her" is someone "she" names.
_NOMINATIVE = {"him": "he", "her": "she", "them": "they", "me": "i", "us": "we"}


def same_holder(owner: Token, subj: Token) -> bool:
    """Whether a position's owner ("his", "Trump's") is the verb's subject (never another person's)."""
    pronoun = PRONOUN_OWNERS.get(owner.lower_)
    if pronoun is None and owner._.person is not None and subj._.person is not None:
        return bool(owner._.person == subj._.person)
    if pronoun is not None and subj.pos_ == "PRON":
        said = _NOMINATIVE.get(subj.lower_, subj.lower_)  # "praised her for changing her position"
        return pronoun == said or (pronoun, said) in {("their", "they")}
    if pronoun is not None:
        # "Trump reversed his stance": a name and its pronoun; never "his" for a body ("the court
        # suspended his plan") nor "its" for a person
        return pronoun in THIRD_PERSON and _kind_fits(pronoun, subj)
    return owner.lower_ == subj.lower_


def _kind_fits(pronoun: str, holder: Token) -> bool:
    """Whether a personal pronoun ("he", "she", "it", "they") can be a holder's by its kind alone: "he"
    and "she" never stand for a body ("the court", an organisation the resolver knows), "it" never for
    a person. A name the resolver left alone may be either (the tagger calls many people ORG)."""
    kinds = {p.kind for p in holder.doc._.people or [] if p.id == holder._.person}
    if kinds:
        body, person = "person" not in kinds, "person" in kinds
    else:  # unresolved, or an id the people list left out ("the Supreme Court")
        body = holder.lemma_.lower() in _BODY_NOUNS
        person = holder.lemma_.lower() in _PERSON_NOUNS and not body
    if pronoun in {"he", "she"}:
        return not body
    if pronoun == "it":
        return not person
    return True


def holder_like(subj: Token, cues: Cues) -> bool:
    """A person or a body: a resolved mention, a name or a word for a group. A pronoun is not one on
    its own (the caller resolves it first: ``pronoun_holder``)."""
    if _named(subj):
        return True
    if subj.pos_ == "PRON":  # a pronoun holds a position only when it is someone's: "they" alone is anyone
        return False
    if _apposed_person(subj) is not None:
        return True  # "forced his rival, Hillary Clinton, to ..."
    if subj.tag_ == "NNS" and not any(c.dep_ in {"det", "poss", "nummod"} for c in subj.children):
        return False  # a bare plural is a class, not a holder: "companies ... by renouncing their ..."
    lemma = subj.lemma_.lower()
    lemma = next((lemma[len(x) :] for x in _PREFIXES if lemma[len(x) :] in cues.holder_nouns), lemma)
    return (
        subj.pos_ == "PROPN"
        or lemma in cues.holder_nouns
        or subj.lower_ in cues.holder_nouns
        or lemma in _PEOPLE_NOUNS
    )


#: Prefixes that keep a body a body: "the subcommittee", "the co-chairman".
_PREFIXES = ("sub", "co-", "co")


#: Nouns for a person in a role or a body, as the attribution rules know them ("the senator", "my
#: mother", "the firm"). Words for a follower or anyone at all ("our friends", "a campaign operative")
#: are left out: what they think now is no reversal of a position they stated.
_PERSON_NOUNS = ROLE_NOUNS | KIN_NOUNS
_PEOPLE_NOUNS = _PERSON_NOUNS | ORG_DESCRIPTIONS


def _apposed_person(tok: Token) -> Token | None:
    """The name set beside a description: "his rival, Hillary Clinton"."""
    return next((c for c in tok.children if c.dep_ == "appos" and c._.person is not None), None)


def owner(noun: Token) -> Token | None:
    """The possessor of a noun ("his position", "Trump's stance"), if any."""
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def a_person(tok: Token) -> bool:
    """A person or a people ("Rand Paul", "Mexicans"): backing one is an allegiance, not a position."""
    return tok.ent_type_ in {"PERSON", "NORP"} or (tok.pos_ == "PROPN" and tok._.person is not None)


def backs_someone(verb: Token) -> bool:
    """Whether what the verb backs is a person ("used to support Rand Paul", "voted for Brandt"): a
    change of whom one backs is an allegiance that moved, not a position reversed."""
    clauses = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    objects = [o for v in clauses for o in v.children if o.dep_ == "dobj"]
    objects += [
        o for v in clauses for p in v.children if p.lower_ == "for" for o in p.children if o.dep_ == "pobj"
    ]
    return any(a_person(o) for o in objects)


def pronoun_holder(verb: Token, subj: Token, cues: Cues) -> Token:
    """The holder an unresolved pronoun subject stands for when the sentence leaves no one else: the
    first clause's ("Manila had demanded a new deal, but it later dropped this demand") or the one who
    says it of themselves ("the mayor said she had changed her mind"). Not when the pronoun does not
    fit that holder, nor when the first clause names something else it could be ("Brandt praised the
    company, but it later dropped its pledge"). "They" or "it" in a report is more often a body the
    speaker speaks of than the speaker, so a report takes only "he" or "she"."""
    if subj.lower_ not in THIRD_PERSON or subj._.person is not None:
        return subj
    said = (
        verb.dep_ == "ccomp" and lemma_of(verb.head) in cues.earlier_speech and subj.lower_ in {"he", "she"}
    )
    if verb.dep_ != "conj" and not said:
        return subj
    first = subject(verb.head)
    if first is None or not holder_like(first, cues) or not _fits(subj, first):
        return subj
    others = [c for c in verb.head.subtree if c.dep_ in {"dobj", "pobj"} and c.i < verb.i]
    if any(o.pos_ in {"NOUN", "PROPN"} and _fits(subj, o) for o in others):
        return subj  # two candidates: leave the pronoun unresolved
    return first


def same_one(earlier: Token, later: Token) -> bool:
    """Whether two mentions name the same holder: one resolved person, the same words ("the city
    council", never "the county council"), or an unresolved pronoun that fits a holder named without
    one ("the mayor ... she", "Manila ... it"). A named person and a pronoun the resolver left alone do
    not match: the resolver would have linked them had gender and distance allowed. A description
    stands for the name set beside it ("her rival, Lena Okafor, ... the toll she once backed")."""
    earlier = (_apposed_person(earlier) if earlier._.person is None else None) or earlier
    later = (_apposed_person(later) if later._.person is None else None) or later
    if earlier._.person is not None and later._.person is not None:
        return bool(earlier._.person == later._.person)
    pronoun, named = (later, earlier) if later.lower_ in THIRD_PERSON else (earlier, later)
    if pronoun.lower_ in THIRD_PERSON and named.lower_ not in THIRD_PERSON:
        return pronoun._.person is None and _fits(pronoun, named)
    return _words(earlier) == _words(later)


def _words(tok: Token) -> list[str]:
    """A mention's noun phrase without its determiners: "the city council" is ["city", "council"]."""
    return [t.lower_ for t in tok.doc[tok.left_edge.i : tok.i + 1] if t.dep_ not in {"det", "punct"}]


#: Words for a body, which "it" stands for ("the government ... it"): the organisation words and the
#: public bodies they leave out.
_BODY_NOUNS = ORG_DESCRIPTIONS | {
    "government",
    "administration",
    "board",
    "court",
    "cabinet",
    "parliament",
    "congress",
    "senate",
}


def _fits(pronoun: Token, holder: Token) -> bool:
    """Whether an unresolved pronoun can stand for a holder no person id was given to: "he" or "she" for
    a person's description ("the mayor"), "it" for a body ("the council", "Manila"), "they" for either
    kind of group. A resolved person never: the resolver would have linked a fitting pronoun."""
    body = holder.ent_type_ in {"ORG", "GPE", "NORP"} or holder.lemma_.lower() in _BODY_NOUNS
    if holder._.person is not None:
        body = body or any(p.id == holder._.person and p.kind != "person" for p in holder.doc._.people or [])
        if not body:
            return False
    if pronoun.lower_ == "it":
        return body
    if pronoun.lower_ == "they":
        return body or holder.tag_ in {"NNS", "NNPS"}
    named = holder.ent_type_ == "PERSON" or (holder.pos_ == "PROPN" and not holder.ent_type_)
    someone = named or holder.lemma_.lower() in _PERSON_NOUNS  # "the mayor", never "the bridge"
    return someone and not body and holder.tag_ not in {"NNS", "NNPS"}


def span_and_person(subj: Token) -> tuple[Span, str | None]:
    """The holder's words (the subject's noun phrase, without a trailing clause) and resolved person."""
    doc = subj.doc
    left = subj.left_edge.i
    right = subj.i + 1
    for child in subj.children:  # keep "Trump's campaign", "the Clinton team"; drop ", who ..." clauses
        if child.i > subj.i and child.dep_ in {"compound", "flat", "appos"} and child.dep_ != "appos":
            right = max(right, child.right_edge.i + 1)
    if subj._.person is None and (name := _apposed_person(subj)) is not None:
        return doc[name.left_edge.i : name.right_edge.i + 1], name._.person  # "his rival, Hillary Clinton,"
    person = subj._.person
    if person is None:  # "Trump's campaign": the name inside; never "his" in "his rival" (someone else)
        body = subj.lemma_.lower() in ORG_DESCRIPTIONS  # "his campaign backtracked" is his
        inside = (t for t in doc[left:right] if t._.person is not None and (body or t.pos_ != "PRON"))
        person = next((t._.person for t in inside), None)
    if person is not None and subj.pos_ == "NOUN" and not _has_role(doc, person, subj):
        person = None  # "the Republican nominee" given to a person no one called a nominee: say so
    return doc[left:right], person


def _has_role(doc: Doc, person: str, noun: Token) -> bool:
    """Whether the person a description was resolved to is known in that role ("the billionaire").
    The resolver may give a role noun to the nearest person as a guess; a reversal's holder is a
    charge against someone, so a guess is left unresolved rather than pinned on the wrong person."""
    known = next((p for p in doc._.people or [] if p.id == person), None)
    if known is None or known.kind != "person":
        return True  # an organisation's description ("the campaign") names what it is
    roles = {r.lower() for r in known.roles}
    return noun.lemma_.lower() in roles or noun.lower_ in roles


def names_someone(doc: Doc, words: str) -> bool:
    """Whether the holder's last word is the surname of a person the story names ("Senator Vidal")."""
    last = words.split()[-1].lower() if words.split() else ""
    people = (p for p in doc._.people or [] if p.kind == "person")
    return any(p.name.split()[-1].lower() == last for p in people)
