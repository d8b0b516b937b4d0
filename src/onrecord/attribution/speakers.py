"""Speakers: who each statement's source mention is.

A source mention is one of: a person resolved by ``onrecord_people`` (name, surname, description or
pronoun); an organisation that speaks ("the Port Authority said"); or an unnamed source ("a source
familiar with ..."), which stays anonymous, keeps its description as written, and, when a later
definite mention ("the source") refers back to it, points to the first description.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.attribution.interviews import speaking_pronouns, turn_speaker
from onrecord.attribution.lexicon import (
    ANONYMOUS_HEADS,
    DOCUMENT_NOUNS,
    NEW_SOURCE_MODIFIERS,
    ORG_DESCRIPTIONS,
    ROLE_NOUNS,
    SPEAKING_NOUNS,
    TITLES,
)
from onrecord.attribution.mentions import (
    PRONOUNS,
    Registry,
    propn_runs,
    refer_back,
    resolve_pronoun,
    to_people,
)
from onrecord.model import Mention, Speaker, Statement

_ORG_LABELS = {"ORG", "GPE", "FAC"}
_NAME_DEPS = {"compound", "appos", "nmod"}
_WORD = re.compile(r"\w+(?:['’]\w+)?")


def _head(span: Span) -> Token:
    """The head noun of a subject phrase: its leftmost token governed from outside the phrase.

    The parser sometimes splits one subject in two ("A source connected to ... Aras Agalarov said"
    gives two subjects); the leftmost is the one the sentence is about.
    """
    heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head is t]
    root = heads[0] if heads else span.root
    if root.dep_ == "poss" and span.start <= root.head.i < span.end:
        root = root.head
    return root


def _anonymous(doc: Doc, span: Span, head: Token, stmt: Statement, chain: dict[str, Mention]) -> None:
    end = span.end
    while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ in {"WDT", "WP"}):
        end -= 1  # "A council official, who": the relative pronoun opens a clause the rule cut
    described = doc[span.start : end].text
    lemma = head.lemma_.lower()
    definite = span[0].lower_ in {"the", "that", "this", "those", "these"}
    mods = {t.lower_ for t in span}
    stmt.speaker = Speaker(
        text=span.text, span=(span.start_char, span.end_char), person=None, named=False, description=described
    )
    if definite and not (mods & NEW_SOURCE_MODIFIERS) and lemma in chain:
        stmt.speaker.antecedent = chain[lemma]
    elif not definite or lemma not in chain:
        chain[lemma] = Mention(span.text, (span.start_char, span.end_char))


def _organization(reg: Registry, span: Span, head: Token, whole: bool = False) -> str | None:
    """The organisation a phrase names, registered on first sight; ``whole``: the phrase is the name."""
    ent: Span | None = span if whole else None
    if ent is None:
        ent = next((e for e in span.ents if e.label_ in _ORG_LABELS and e.start <= head.i < e.end), None)
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
    for known in reg.entities:
        if known.kind == "organization" and known.name.lower() == name.lower():
            break
    else:
        known = reg.new(name.split(), kind="organization")
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


def _known_organization(reg: Registry, span: Span, head: Token) -> str | None:
    """ "the authority said" after "The Riverton Water Authority said": the same organisation."""
    if head.pos_ != "NOUN" or span[0].lower_ not in {"the", "its"}:
        return None
    lemma = head.lemma_.lower()
    found = [
        e for e in reg.entities if e.kind == "organization" and e.tokens[-1].lower() in {lemma, head.lower_}
    ]
    if not found:
        return None
    ent = max(found, key=lambda e: e.last_seen)
    ent.mentions.append((span.start, span.end))
    return ent.id


def _names_anyone(span: Span) -> bool:
    """The phrase holds a name (a person's or an organisation's), not only common nouns."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in _ORG_LABELS for t in span)


def _organization_pronoun(doc: Doc, pronoun: Token, reg: Registry, previous: Statement | None) -> str | None:
    """ "it said" / "they said" after an organisation spoke or was the subject: that organisation.

    Only an organisation that is the subject of the last two sentences (or spoke last) counts, so a
    "they" that means people ("they said they were hopeful") stays with the people rules.
    """
    orgs = {e.id for e in reg.entities if e.kind == "organization"}
    back = pronoun.sent.start
    for _ in range(2):
        if back > 0:
            back = doc[back - 1].sent.start
    spoke_last = previous is not None and previous.speaker is not None and previous.speaker.person in orgs
    if spoke_last and previous is not None and previous.cue_token is not None and previous.cue_token >= back:
        return previous.speaker.person  # type: ignore[union-attr]
    for tok in reversed(doc[back : pronoun.i]):
        if tok._.person in orgs and tok.dep_ in {"nsubj", "nsubjpass"}:
            return str(tok._.person)
    return None


def _owner_organization(reg: Registry, head: Token) -> str | None:
    """The organisation named inside an unnamed source's phrase: "PG&E officials", "a WeWork
    spokesperson", "Home Depot's executives" speak for it."""
    orgs = {e.id for e in reg.entities if e.kind == "organization"}
    for child in head.children:
        if child.dep_ not in {"compound", "poss"}:
            continue
        if child._.person in orgs:
            return str(child._.person)
        if child.ent_type_ == "ORG":
            return _organization(reg, head.doc[child.left_edge.i : child.i + 1], child)
    return None


#: Words that say when a document came out, not which document it is.
_PASSING_WORDS = frozenset({"new", "latest", "recent", "other", "first", "last", "previous"})


def _document_source(reg: Registry, described: Span, head: Token) -> str | None:
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


def _known_surname(reg: Registry, span: Span, head: Token) -> str | None:
    """ "Petrides said" after "John Petrides, a portfolio manager": the recognizer missed the surname
    this time, but the story named a person with it."""
    if len(span) > 2 or not head.text[:1].isupper() or head.lower_ in PRONOUNS or not head.is_alpha:
        return None  # the tagger may call an unknown surname a noun; its capital and the story decide
    ent = reg.match_surname(head.text)
    if ent is None or ent.kind != "person" or len(ent.tokens) < 2 or ent.tokens[-1] != head.text:
        return None
    ent.mentions.append((span.start, span.end))
    return ent.id


def _named_body(reg: Registry, head: Token) -> str | None:
    """An organisation named on a describing noun: a name set before it ("the US military", "the
    Pentagon report") or a source after it ("data from MarketAxess", "a report by Gallup")."""
    doc = head.doc
    if head.lemma_.lower() in ORG_DESCRIPTIONS:
        # "the US military", "Russia's foreign ministry"
        names = [c for c in head.children if c.dep_ in {"compound", "poss"} and c.ent_type_ in _ORG_LABELS]
        if names:
            return _organization(reg, doc[min(c.left_edge.i for c in names) : head.i + 1], head, whole=True)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
            body = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "ORG"), None)
            if body is not None:
                return _organization(reg, doc[body.left_edge.i : body.i + 1], body)
    return None


def _previous_speaker(doc: Doc, pronoun: Token, reg: Registry, previous: Statement | None) -> str | None:
    """ "He added" right after a statement by a man: news style makes the pronoun that speaker."""
    if previous is None or previous.speaker is None or previous.speaker.person is None:
        return None
    ent = next((e for e in reg.entities if e.id == previous.speaker.person), None)
    if ent is None or ent.kind != "person":
        return None
    gender = "male" if pronoun.lower_ in {"he", "him", "his"} else "female"
    if pronoun.lower_ not in {"he", "she", "him", "her", "his"} or (ent.gender and ent.gender != gender):
        return None
    if previous.cue_token is None:
        return None
    back = pronoun.sent.start
    for _ in range(3):
        if back > 0:
            back = doc[back - 1].sent.start
    return ent.id if previous.cue_token >= back else None


def _without_clauses(span: Span, head: Token) -> Span:
    """The source as described, without a relative clause or aside ("Toll opponents, who ...")."""
    cut = next(
        (c.left_edge.i for c in head.rights if c.dep_ in {"relcl", "appos", "acl"} and c.i < span.end),
        span.end,
    )
    while cut > span.start + 1 and span.doc[cut - 1].is_punct:
        cut -= 1
    return span.doc[span.start : cut]


def _earlier_speaker(
    doc: Doc, span: Span, head: Token, chain: dict[str, Mention], previous: Statement | None
) -> str | None:
    """ "the official said" right after a named official's statement means that official."""
    definite = span[0].lower_ in {"the", "that", "this"}
    if not definite or head.lemma_.lower() in chain or previous is None or previous.speaker is None:
        return None
    if previous.speaker.person is None or previous.cue_token is None:
        return None
    window = doc[previous.cue_token].sent.start
    back = head.sent.start
    for _ in range(2):
        if back > 0:
            back = doc[back - 1].sent.start
    return previous.speaker.person if window >= back else None


def resolve(
    doc: Doc, stmt: Statement, reg: Registry, chain: dict[str, Mention], previous: Statement | None = None
) -> None:
    """Fill ``stmt.speaker`` from its subject tokens."""
    if stmt.speaker_tokens is None or stmt.speaker is None:
        return
    span = doc[stmt.speaker_tokens[0] : stmt.speaker_tokens[1]]
    if len(span) == 0:
        stmt.speaker.unresolved = True  # the rule found no words for the source
        return
    head = _head(span)
    names = {e.id: e for e in reg.entities}
    lemma = head.lemma_.lower()
    person: str | None = head._.person
    if stmt.rule == "colon" and span.text.rstrip(".:") in {"Q", "A"}:
        person = turn_speaker(doc, span.text.rstrip(".:"), reg)
        if person is None:
            stmt.speaker.unresolved = True  # an interview whose introduction names nobody
            return
    if head.lower_ in PRONOUNS and span.end - span.start == 1:
        person = _previous_speaker(doc, head, reg, previous) or person
        if person is None:
            opened = doc.char_span(stmt.start, stmt.start + 1, alignment_mode="expand")
            reach = opened.start if opened is not None and stmt.kind in {"direct", "mixed"} else None
            ent = resolve_pronoun(doc, head, reg.entities, reach)
            person = ent.id if ent else None
    if person is None and head.lower_ in {"they", "it"} and len(span) == 1:
        person = _organization_pronoun(doc, head, reg, previous)
    if person is None and lemma in ANONYMOUS_HEADS and head.pos_ != "PROPN":
        person = _owner_organization(reg, head)  # "PG&E officials", "a WeWork spokesperson"
    if person is None and head.pos_ == "NOUN" and (lemma in ORG_DESCRIPTIONS or lemma in SPEAKING_NOUNS):
        person = _named_body(reg, head)  # "the US military", "data from MarketAxess"
    if person is None and head.pos_ != "PROPN" and (lemma in ANONYMOUS_HEADS or head.lower_ == "they"):
        person = _earlier_speaker(doc, span, head, chain, previous)
        if person is None:
            _anonymous(doc, _without_clauses(span, head), head, stmt, chain)
            return
    if person is None:
        person = (
            # a name inside the subject's own noun phrase, never one inside a phrase hung on it
            next((t._.person for t in span if t._.person and t.head == head and t.dep_ in _NAME_DEPS), None)
            or _known_surname(reg, span, head)
            or _organization(reg, span, head)
            or _known_organization(reg, span, head)
        )
    if person is not None:
        stmt.speaker.person = person
        spoken = names.get(person) or reg.entities[-1]
        spoken.spoke = True
        stmt.speaker.text = spoken.name
    elif head.lower_ in PRONOUNS:
        stmt.speaker.unresolved = True  # "he said" with nobody "he" can be
    elif not _names_anyone(_without_clauses(span, head) or span):
        described = _without_clauses(span, head) or span
        # "The 56-year-old said": a definite description with no owner ("the victim's mother" has
        # one) refers back to someone the story named; failing that, nobody is named: "one trustee",
        # "officers", "the victim's mother", "both sides" are anonymous sources.
        definite = described[0].lower_ == "the" and not any(t.dep_ == "poss" for t in described)
        document = lemma in DOCUMENT_NOUNS and head.pos_ == "NOUN"
        known = (
            refer_back(described, reg)
            if definite and not document and lemma not in ORG_DESCRIPTIONS
            else None
        )
        if known is None and document:
            known = _document_source(reg, described, head)  # "a study found", "the report said"
        if known is not None:
            stmt.speaker.person = known
            spoken = next(e for e in reg.entities if e.id == known)
            spoken.spoke = True
            stmt.speaker.text = spoken.name
        else:
            _anonymous(doc, described, head, stmt, chain)
    else:
        described = _without_clauses(span, head)
        stmt.speaker.text, stmt.speaker.span = described.text, (described.start_char, described.end_char)


def _tokens(text: str) -> set[str]:
    return {w.lower().replace("’", "'") for w in _WORD.findall(text)}


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen half quarter third".split()
)


def _numbers(text: str) -> set[str]:
    """The numbers a quote states, in digits ("1,000" as "1000") or as words ("five")."""
    digits = {n.replace(",", "") for n in _NUMBER.findall(text)}
    return digits | (_tokens(text) & _NUMBER_WORDS)


def merge_repeats(statements: list[Statement]) -> list[Statement]:
    """A quote given twice (in the dek and again in the story) is one statement made once.

    The first telling is kept; the later one's spans go to ``repeated_at``, and when only the later
    telling is dated, its date is kept. This runs after dating for that reason. Two quotes are one only
    when their numbers agree as well as their words: "rise 5 percent" and "rise 2 percent" share nearly
    every word, but they are two claims (often the very pair a contradiction check is for).
    """
    kept: list[Statement] = []
    for stmt in statements:
        twin = None
        if stmt.kind == "direct" and stmt.speaker and stmt.speaker.person:
            words = _tokens(stmt.content_text)
            numbers = _numbers(stmt.content_text)
            for other in kept:
                if other.kind != "direct" or not other.speaker or other.speaker.person != stmt.speaker.person:
                    continue
                if _numbers(other.content_text) != numbers:
                    continue
                theirs = _tokens(other.content_text)
                common = len(words & theirs)
                if common and 2 * common / (len(words) + len(theirs)) >= 0.8:
                    twin = other
                    break
        if twin is None:
            kept.append(stmt)
        else:
            twin.repeated_at.extend(stmt.content_spans)
            if twin.said_on is None:
                twin.said_on = stmt.said_on
    return kept


@Language.component("onrecord_speakers")
def speakers_component(doc: Doc) -> Doc:
    """Resolve every statement's speaker; a run-on quote inherits its predecessor's."""
    reg: Registry = doc.user_data.get("onrecord_registry") or Registry()
    chain: dict[str, Mention] = {}
    previous: Statement | None = None
    statements: list[Statement] = doc._.statements or []
    done: set[int] = set()
    for stmt in statements:
        if stmt.rule == "run-on":
            # a quote that runs on has the speaker of the quote it continues, told before it or, for
            # a paragraph left open, after it: the one with the same speaker words
            source = next(
                (s for s in statements if s.rule != "run-on" and s.speaker_tokens == stmt.speaker_tokens),
                previous,
            )
            if source is not None and id(source) not in done:
                resolve(doc, source, reg, chain, previous)
                done.add(id(source))
            if source is not None and source.speaker is not None:
                stmt.speaker = Speaker(**{**source.speaker.__dict__})
        elif id(stmt) not in done:
            resolve(doc, stmt, reg, chain, previous)
        done.add(id(stmt))
        previous = stmt
    speaking_pronouns(doc, statements, reg)
    doc._.people = to_people(doc, reg.entities)
    return doc


@Language.component("onrecord_repeats")
def repeats_component(doc: Doc) -> Doc:
    """Fold repeated quotes into one statement and number the statements for output."""
    statements = merge_repeats(doc._.statements or [])
    for n, stmt in enumerate(statements, 1):
        stmt.id = f"s{n}"
    doc._.statements = statements
    return doc
