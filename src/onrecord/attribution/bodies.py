"""Organisations and documents as sources: who speaks when no person does.

"The Port Authority said", "it said" after the authority spoke, "PG&E officials", "the US military",
"data from MarketAxess", "a study found": each names a body, not a person, and the record should say
which body, found again when the story calls it back ("the utility", "the study"). Kept apart from
``speakers.py``, which decides between people, bodies and anonymous sources, because a body's name has
rules of its own: where the recognizer cut it short, what its describing noun is, what "it" refers to.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.first_names import known_first_name
from onrecord.attribution.lexicon import DOCUMENT_NOUNS, ORG_DESCRIPTIONS, ROLE_NOUNS, TITLES
from onrecord.attribution.mentions import (
    SUBJECT_DEPS,
    Registry,
    another_kind,
    not_the_one_named,
    plural,
    propn_runs,
)
from onrecord.attribution.organizations import strictly_fits
from onrecord.model import Statement

ORG_LABELS = frozenset({"ORG", "GPE", "FAC"})


def organization(reg: Registry, span: Span, head: Token, whole: bool = False) -> str | None:
    """The organisation a phrase names, registered on first sight; ``whole``: the phrase is the name."""
    ent: Span | None = span if whole else None
    if ent is None:
        ent = next((e for e in span.ents if e.label_ in ORG_LABELS and e.start <= head.i < e.end), None)
    if ent is None and head.pos_ == "PROPN":
        ent = next((r for r in propn_runs(span.doc) if r.start <= head.i < r.end), None)
    if ent is None or (
        len(ent) == 1 and (ent[0].lower_ in TITLES or ent[0].lemma_.lower() in ROLE_NOUNS or len(ent[0]) < 2)
    ):
        # "Justice vows ...": a title standing for a person, never an organisation's name; nor is the
        # "Q" or "A" of an interview
        return None
    if not whole:
        ent = _whole_name(span, ent)
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    known = reg.organization_named(name.split())
    if known is not None:
        known.spell_out(name.split())
    else:
        described = any(c.dep_ == "appos" for c in head.children)  # "Crowther, the bank's founder,"
        shortened = None if described else reg.organization_by_first_word(name)
        known = shortened or reg.new(name.split(), kind="organization")
    known.mentions.append((ent.start, ent.end))
    known.last_seen = max(known.last_seen, ent.end)
    return known.id


def _whole_name(span: Span, ent: Span) -> Span:
    """An organisation's name as the subject phrase gives it, where the recognizer cut it short: "The
    California Governor's Office of Emergency Services", "the Sioux Falls Argus Leader"."""
    doc = span.doc
    start, end = ent.start, ent.end
    while end < span.end and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    while start > span.start and (
        (doc[start - 1].tag_ == "POS" and start - 1 > span.start and doc[start - 2].pos_ == "PROPN")
        or (doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper())
    ):
        start -= 1
    return doc[start:end]


def known_organization(reg: Registry, span: Span, head: Token) -> str | None:
    """ "the authority said" after "The Riverton Water Authority said", "the company said" after "the
    electricity company Westgrid said": the same organisation."""
    if head.pos_ != "NOUN" or span[0].lower_ not in {"the", "its"}:
        return None
    lemma = head.lemma_.lower()
    # "the other parties", "the papers": not the body named last, unless its name ends in the very word
    # ("the law lords" after "the House of Lords")
    several = not_the_one_named(span, head)
    found = [
        e
        for e in reg.entities
        if e.kind == "organization"
        and e.first_seen < span.start  # "The force said ..." before "Harlow Police" is named is not it
        and (
            e.tokens[-1].lower() == head.lower_
            or (not several and (e.tokens[-1].lower() == lemma or lemma in e.roles))
            # "the force said" after "Harlow Police said", which the people step could not see; not
            # "the task force", whose word before says it is another
            or (
                not several
                and lemma in ORG_DESCRIPTIONS
                and strictly_fits(lemma, e.tokens)
                and not another_kind(head, e.tokens)
            )
        )
    ]
    if not found:
        return None
    ent = max(found, key=lambda e: e.last_seen)
    ent.mentions.append((span.start, span.end))
    return ent.id


def organization_pronoun(
    doc: Doc, pronoun: Token, reg: Registry, previous: Statement | None, said: Statement
) -> str | None:
    """ "it said" / "they said" after an organisation spoke or was the subject: that organisation.

    Only an organisation that is the subject of the last two sentences (or spoke last) counts, so a
    "they" that means people ("they said they were hopeful") stays with the people rules. Of the two,
    the later wins: "The Lib Dems say Labour is calling voters. Labour denies it. It says ..." is Labour.
    """
    orgs = {e.id for e in reg.entities if e.kind == "organization"}
    back = pronoun.sent.start
    for _ in range(2):
        if back > 0:
            back = doc[back - 1].sent.start
    subjects = (
        t
        for t in reversed(doc[back : pronoun.i])
        if t._.person in orgs and t.dep_ in SUBJECT_DEPS and not said.start <= t.idx < said.end
    )  # a body inside what "it" says ("Brightmoor had lost market share, it said") is not "it"
    subject = next(subjects, None)
    if previous is not None and previous.speaker is not None and previous.speaker.person in orgs:
        cue = previous.cue_token
        # a subject inside what the body said ("The Lib Dems say Labour is ...") is not a later one
        later = subject is not None and subject.i > (cue or 0) and subject.idx >= previous.end
        if cue is not None and cue >= back and not later:
            return previous.speaker.person
    return None if subject is None else str(subject._.person)


def owner_organization(reg: Registry, head: Token) -> str | None:
    """The organisation named inside an unnamed source's phrase: "PG&E officials", "a WeWork
    spokesperson", "Home Depot's executives" speak for it."""
    orgs = {e.id for e in reg.entities if e.kind == "organization"}
    for child in head.children:
        if child.dep_ not in {"compound", "poss"}:
            continue
        if child._.person in orgs:
            return str(child._.person)
        if child.ent_type_ == "ORG":
            return organization(reg, head.doc[child.left_edge.i : child.i + 1], child)
    return None


#: Words that say when a document came out, not which document it is.
_PASSING_WORDS = frozenset({"new", "latest", "recent", "other", "first", "last", "previous"})


def document_source(reg: Registry, described: Span, head: Token) -> str | None:
    """A document that speaks for its authors: named by its head noun and the words before it ("case
    study", "study"), found again by that head ("the study said" after "a new case study found")."""
    words = [t.text for t in described if t.i <= head.i and t.pos_ in {"NOUN", "PROPN", "ADJ"}]
    words = [w for w in words if w.lower() not in _PASSING_WORDS] or [head.text]
    for ent in reversed(reg.entities):
        if ent.kind == "organization" and ent.tokens[-1].lower() == head.lower_:
            ent.mentions.append((described.start, described.end))
            return ent.id
    ent = reg.new([w.lower() if not w[0].isupper() else w for w in words], kind="organization")
    ent.mentions.append((described.start, described.end))
    ent.last_seen = described.end
    return ent.id


def named_body(reg: Registry, head: Token) -> str | None:
    """An organisation named on a describing noun: a name set before it ("the US military", "the
    Pentagon report") or a source after it ("data from MarketAxess"). A document's issuer named after
    it ("a statement issued by the Harbor Board") is read as the subject (``rules.base.document_issuer``)."""
    doc = head.doc
    if head.lemma_.lower() in ORG_DESCRIPTIONS:
        # "the US military", "Russia's foreign ministry"
        names = [c for c in head.children if c.dep_ in {"compound", "poss"} and c.ent_type_ in ORG_LABELS]
        if names:
            return organization(reg, doc[min(c.left_edge.i for c in names) : head.i + 1], head, whole=True)
        # "Mr. Lindqvist's office", "Vale's campaign": a body named by the person it serves
        owners = (c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN" and c._.person)
        owner = next(owners, None)
        if owner is not None:
            return organization(reg, doc[owner.left_edge.i : head.i + 1], head, whole=True)
        # "the electricity company Westgrid", "the bank, Nordvik,": the name set beside the noun, which
        # the recognizer may not know for a body
        return body_beside(reg, head)
    if head.lemma_.lower() in DOCUMENT_NOUNS:
        # "The Wrap's report", "a new Fast Company report": the document's named owner speaks
        owner = next((c for c in head.children if c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN"), None)
        return _owner(reg, owner) if owner is not None else None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}):
        body = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "ORG"), None)
        if body is not None:  # "data from MarketAxess"
            return organization(reg, doc[body.left_edge.i : body.i + 1], body)
    return None


def body_beside(reg: Registry, head: Token, personal_first: bool = False) -> str | None:
    """The body named beside a describing noun ("the electricity company Westgrid", "the network
    operator Westgrid"), which the recognizer may not know for a body, when no person was found in
    the name. With ``personal_first``, for a noun that may name a person too ("operator"), a name
    opening with a known first name is left alone: it is more likely a person the people step missed."""
    beside = (c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c._.person is None)
    name = next(beside, None)
    if name is None or (personal_first and known_first_name(name.doc[name.left_edge.i].text)):
        return None
    found = _owner(reg, name)
    owner = reg.get(found)
    if owner is not None:  # "the company" said later is Westgrid again (``known_organization``)
        owner.roles.add(head.lemma_.lower())
    return found


def _owner(reg: Registry, name: Token) -> str | None:
    """Who a document belongs to: a person the story named, else the organisation the name is."""
    if name._.person is not None:
        return str(name._.person)
    run = next((r for r in propn_runs(name.doc) if r.start <= name.i < r.end), None)
    if run is None:
        return None
    return organization(reg, run, name, whole=True)


#: Bodies a country has one of: "the government said" names its source as surely as a name does.
_ONE_PER_COUNTRY = frozenset({"government", "administration", "cabinet"})
_PLACE_LABELS = frozenset({"NORP", "GPE"})


def national_body(reg: Registry, described: Span, head: Token) -> str | None:
    """ "The government said", "the Japanese government said", "the government of Japan said": the one
    body of that kind the story's country has, a named source and no anonymous one (a reader knows whose
    words they are). A bare "the government" after a named one is that one again. Not "a government",
    "governments", "its government", nor one another word marks off ("the previous government", "the
    local government", "the Vale administration"): those stay as the hand rules leave them."""
    word = head.lemma_.lower()
    if word not in _ONE_PER_COUNTRY or head.pos_ != "NOUN" or plural(head) or described[0].lower_ != "the":
        return None
    doc = head.doc
    before = [c for c in head.lefts if c.i > described.start]
    if any(c.ent_type_ not in _PLACE_LABELS for c in before):
        return None  # "its", "previous", "local", a person's name
    end = head.i + 1
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    place = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if place is not None and place.ent_type_ in _PLACE_LABELS:
        end = place.right_edge.i + 1  # "the government of Japan"
    start = min((c.left_edge.i for c in before), default=head.i)
    if start == head.i and end == head.i + 1:
        return known_organization(reg, described, head) or organization(reg, doc[start:end], head, whole=True)
    return organization(reg, doc[start:end], head, whole=True)
