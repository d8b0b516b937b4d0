"""Speakers: who each statement's source mention is.

A source mention is one of: a person resolved by ``onrecord_people`` (name, surname, description or
pronoun); an organisation that speaks ("the Port Authority said"); or an unnamed source ("a source
familiar with ..."), which stays anonymous, keeps its description as written, and, when a later
definite mention ("the source") refers back to it, points to the first description.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.attribution.bodies import (
    ORG_LABELS,
    body_beside,
    document_source,
    known_organization,
    named_body,
    national_body,
    organization,
    organization_pronoun,
    owner_organization,
)
from onrecord.attribution.interviews import speaking_pronouns, turn_speaker
from onrecord.attribution.lexicon import (
    ANONYMOUS_HEADS,
    ASSOCIATE_HEADS,
    DOCUMENT_NOUNS,
    NEW_SOURCE_MODIFIERS,
    ORG_DESCRIPTIONS,
    ORG_WORDS,
    ROLE_NOUNS,
    SPEAKING_NOUNS,
)
from onrecord.attribution.mentions import (
    PRONOUNS,
    Entity,
    Registry,
    kin_reference,
    listed_person_noun,
    name_words,
    one_body,
    plural,
    pronoun_gender,
    refer_back,
    resolve_pronoun,
    role_gender,
    to_people,
)
from onrecord.attribution.organizations import kind_of
from onrecord.attribution.rules.base import document_issuer, without_relative
from onrecord.attribution.word_index import WordIndex
from onrecord.model import Mention, Speaker, Statement
from onrecord.spacy_doc import RELATIVE_TAGS

_NAME_DEPS = {"compound", "appos", "nmod"}
_WORD = re.compile(r"\w+(?:['’]\w+)?")


#: What a bare role word may carry and still be a title ("study co-author", "the former minister").
_ROLE_MODIFIERS = frozenset({"det", "amod", "compound", "nmod", "punct"})


def _head(span: Span) -> Token:
    """The head noun of a subject phrase: its leftmost token governed from outside the phrase.

    The parser sometimes splits one subject in two ("A source connected to ... Aras Agalarov said"
    gives two subjects); the leftmost is the one the sentence is about.
    """
    heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    root = heads[0] if heads else span.root
    bare = len(heads) > 1 and all(c.dep_ in _ROLE_MODIFIERS for c in root.subtree if c != root)
    if bare and root.pos_ != "PRON":
        # a role the parser took for a second subject ("HRB President Ines Vale said", "said study
        # co-author Ana Sol"): it is the name's title, and the person named is the subject
        root = next((t for t in heads[1:] if t.pos_ == "PROPN" and t.ent_type_ == "PERSON"), root)
    if root.dep_ == "poss" and span.start <= root.head.i < span.end:
        root = root.head
    return root


def _anonymous(doc: Doc, span: Span, head: Token, stmt: Statement, chain: dict[str, Mention]) -> None:
    end = span.end
    while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ in RELATIVE_TAGS):
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


#: How a name hangs on a phrase it does not name: as its owner or inside a prepositional phrase.
_OWNED_DEPS = frozenset({"poss", "prep", "pobj"})


def _names_anyone(span: Span, reg: Registry, words: WordIndex) -> bool:
    """The phrase names its speaker: a name (a person's or an organisation's) that is the phrase or
    part of its head's name. A name that only owns the head or hangs on it in a phrase names someone
    else: "some of Ortiz's defenders", "Dunn's lawyer" are unnamed sources."""
    for tok in span:
        if tok.pos_ != "PROPN" and tok.ent_type_ not in ORG_LABELS:
            continue
        if _capitalised_common_word(tok, reg, words):
            continue
        while tok.dep_ not in _OWNED_DEPS and tok.head.i != tok.i and span.start <= tok.head.i < span.end:
            tok = tok.head
        if tok.dep_ not in _OWNED_DEPS:
            return True
    return False


def _capitalised_common_word(tok: Token, reg: Registry, words: WordIndex) -> bool:
    """ "Health insurers are warning ...", "Teachers said ..." after a headline: a word the tagger calls
    a proper noun only because it opens the sentence, with no entity label, modifying a common noun or
    itself a common noun's plural. It names no one ("Goldman analysts" keeps its label, "Ana Sol" her
    own head, "Reuters" is no plural), unless a name the story knows begins with it ("Kestrel said ...
    Kestrel workers said"; never "the Department of Health ... Health insurers", nor "the European
    Union ... Union leaders")."""
    if not (tok.i == tok.sent.start and not tok.ent_type_ and tok._.person is None):
        return False
    if not (
        (tok.dep_ == "compound" and tok.head.pos_ == "NOUN")
        or (tok.pos_ == "PROPN" and words.singular(tok.text) is not None and not one_body(tok))
    ):
        return False
    return not any(e.name.lower().split()[:1] == [tok.lower_] for e in reg.entities)


def _titled_name(span: Span) -> str | None:
    """ "Reuters editor-in-chief Einar Gunnarsson said": a role and the name it titles end the subject,
    whatever heads the parser gave the words before the name (it may take "Reuters" for the subject)."""
    last = span[-1]
    if last.ent_type_ != "PERSON" or not last._.person or last.pos_ != "PROPN":
        return None
    name_start = last.i
    while name_start > span.start and span.doc[name_start - 1].ent_type_ == "PERSON":
        name_start -= 1
    before = span.doc[span.start : name_start]
    titled = any(t.lemma_.lower() in ROLE_NOUNS for t in before)
    # "a lawyer for Ian Holt said" is the lawyer speaking; the "in" of "editor-in-chief" is a word's
    hung = any(t.pos_ == "ADP" and t.nbor(-1).text != "-" for t in before if t.i > before.start)
    return str(last._.person) if titled and not hung else None


def _known_surname(reg: Registry, span: Span, head: Token) -> str | None:
    """ "Petrides said" after "John Petrides, a portfolio manager": the recognizer missed the surname
    this time, but the story named a person with it."""
    words = name_words(list(span))  # "Oyelaran-Voss" is one word of a name
    word = words[-1]
    if (
        len(words) > 2
        or not word[:1].isupper()
        or head.lower_ in PRONOUNS
        or not word.replace("-", "").isalpha()
    ):
        return None  # the tagger may call an unknown surname a noun; its capital and the story decide
    ent = reg.match_surname(word)
    if ent is None or ent.kind != "person" or len(ent.tokens) < 2 or ent.tokens[-1] != word:
        return None
    ent.mentions.append((span.start, span.end))
    return ent.id


def _previous_speaker(doc: Doc, pronoun: Token, reg: Registry, previous: Statement | None) -> str | None:
    """ "He added" right after a statement by a man: news style makes the pronoun that speaker."""
    if previous is None or previous.speaker is None or previous.speaker.person is None:
        return None
    ent = reg.get(previous.speaker.person)
    gender = pronoun_gender(pronoun)
    if ent is None or (ent.kind != "person" and not _spoke_through_person(doc, previous, gender)):
        return None
    if pronoun.lower_ not in {"he", "she", "him", "her", "his"} or (ent.gender and ent.gender != gender):
        return None
    if previous.cue_token is None:
        return None
    back = _sentences_back(doc, pronoun, 3)
    if previous.cue_token < back or _new_subject_since(doc, previous.cue_token, pronoun, ent.id, gender, reg):
        return None
    return ent.id


def _spoke_beside(doc: Doc, head: Token, previous: Statement | None, person: str) -> bool:
    """A description that is the subject of a statement in the same sentence as one by ``person``:
    set beside that person's statement, it is someone else."""
    return (
        previous is not None
        and previous.speaker is not None
        and previous.speaker.person == person
        and previous.cue_token is not None
        and doc[previous.cue_token].sent.start == head.sent.start
    )


def _body_taken_for_a_person(
    doc: Doc, pronoun: Token, reg: Registry, previous: Statement | None
) -> str | None:
    """'"...," Ivo Brandt said. He added ...': the recognizer may tag an unfamiliar name ORG, and then
    no person is there for "he". When nobody else fits, the pronoun goes on with the previous speaker
    if that speaker was such a name by itself (not "a spokesman for ...", no place, no "&"), looks
    like a person's (``_named_like_a_person``) and was never "it" ("Kestrel said it would cut jobs",
    "its profits"); its kind becomes "person"."""
    if previous is None or previous.speaker is None or previous.speaker_tokens is None:
        return None
    ent = reg.get(previous.speaker.person)
    cue = previous.cue_token
    if ent is None or ent.kind == "person" or pronoun.lower_ not in {"he", "she"} or cue is None:
        return None
    words = list(doc[previous.speaker_tokens[0] : previous.speaker_tokens[1]])
    named = all(t._.person == ent.id for t in words) or [t.text for t in words] == ent.tokens
    if not words or not named or any(t.ent_type_ in _PLACE_LABELS or t.lower_ in {"&", "and"} for t in words):
        return None
    if not _named_like_a_person(ent) or cue < _sentences_back(doc, pronoun, 1):
        return None
    for t in doc[words[0].i : pronoun.i]:
        if t.lower_ in {"its", "itself"} or (t.lower_ == "it" and cue in {t.head.i, t.head.head.i}):
            return None
    ent.kind = "person"
    return ent.id


#: Entity labels of places, which a name the recognizer tagged so is never a person's.
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


def _named_like_a_person(ent: Entity) -> bool:
    """A name of one to three capitalised words, none an acronym and none a word that makes it an
    organisation's ("Bank", "Ministry", "Gazette"): the recognizer may tag such a name ORG ("Ivo
    Brandt"), and a "he" or "she" that goes on with it says it is a person's."""
    words = ent.tokens
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").isalpha() and not w.isupper() for w in words)
        and kind_of(words) == ""
        and not any(w.lower() in ORG_WORDS for w in words)
    )


def _spoke_through_person(doc: Doc, previous: Statement, gender: str) -> bool:
    """ "The Gazette spokeswoman said ... she said": an organisation that spoke through one person of its own
    (a singular person noun the pronoun's gender fits) is who the pronoun continues."""
    if previous.speaker_tokens is None:
        return False
    described = _head(doc[previous.speaker_tokens[0] : previous.speaker_tokens[1]])
    if described.lower_ == ("he" if gender == "male" else "she"):
        return True  # "... she said. She added": the same person of the organisation again
    return _one_person(described, gender)


def _person_word(lemma: str) -> bool:
    """A noun the lists give to people only: an unnamed source's ("spokeswoman") or another
    ("nurse", "senator", "aunt")."""
    return lemma in ANONYMOUS_HEADS or listed_person_noun(lemma)


def _one_person(described: Token, gender: str) -> bool:
    """A singular noun for a person ("a spokeswoman", "the official") that a pronoun of ``gender`` can
    stand for; a document or a body ("the e-mail said ... He said") is no "he"."""
    lemma = described.lemma_.lower()
    theirs = role_gender(lemma)
    person_noun = _person_word(lemma) or theirs is not None
    return described.pos_ == "NOUN" and not plural(described) and person_noun and theirs in {None, gender}


def _previous_unnamed(doc: Doc, pronoun: Token, reg: Registry, previous: Statement | None) -> Speaker | None:
    """ "A spokeswoman said ... She added": the pronoun is the unnamed source who just spoke, when her
    description allows it ("a spokesman" is no "she") and no person has become the subject since."""
    said = previous.speaker if previous is not None else None
    if (
        previous is None
        or said is None
        or said.named
        or said.unresolved
        or said.person is not None
        or previous.cue_token is None
        or previous.speaker_tokens is None
        or pronoun.lower_ not in {"he", "she"}
    ):
        return None
    phrase = doc[previous.speaker_tokens[0] : previous.speaker_tokens[1]]
    if said.antecedent is not None:  # "She added" after "She said": the description she stands for
        phrase = doc.char_span(*said.antecedent.span, alignment_mode="expand") or phrase
    described = _head(phrase)
    gender = pronoun_gender(pronoun)
    genders = {e.id: e.gender for e in reg.entities if e.kind == "person"}
    if any(t._.person in genders and genders[t._.person] in {None, gender} for t in phrase):
        return None  # "a spokesperson for Ana Sol said ... She said": Sol may be the one meant
    if not _one_person(described, gender):
        return None
    if doc[previous.cue_token].sent.start < _sentences_back(doc, pronoun, 3):
        return None
    if _new_subject_since(doc, previous.cue_token, pronoun, "", gender, reg):
        return None
    return Speaker(
        text=pronoun.text,
        span=(pronoun.idx, pronoun.idx + len(pronoun)),
        person=None,
        named=False,
        description=pronoun.text,  # the source as written here; the antecedent says who she is
        antecedent=said.antecedent or (Mention(said.text, said.span) if said.span else None),
    )


def _sentences_back(doc: Doc, tok: Token, n: int) -> int:
    """The first token of the sentence ``n`` sentences before ``tok``'s."""
    back = tok.sent.start
    for _ in range(n):
        if back > 0:
            back = doc[back - 1].sent.start
    return back


def _new_subject_since(doc: Doc, cue: int, pronoun: Token, speaker: str, gender: str, reg: Registry) -> bool:
    """Another person the pronoun could be has become the subject since the last statement ("'...,'
    Ames said. Bryce, who had not sung in years, worried about the song. 'But it moved me,' she said."):
    the story has moved on to them, and the pronoun is left to the mention resolver. Only the subject
    of a sentence counts, not one of a clause inside it ("on the night the guard died"); a sentence that
    opens on a person's name is about them whatever head the parser gave the name."""
    genders = {e.id: e.gender for e in reg.entities if e.kind == "person"}
    for tok in doc[doc[cue].sent.end : pronoun.i]:
        other = tok._.person
        if other not in genders or other == speaker or genders[other] not in {None, gender}:
            continue  # not a person, the same one, or one the pronoun cannot be
        if tok.lower_ in PRONOUNS or tok.dep_ in {"poss", "compound"}:
            continue
        main_subject = tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.i == tok.sent.root.i
        opens_sentence = tok.pos_ == "PROPN" and all(t._.person == other for t in doc[tok.sent.start : tok.i])
        if main_subject or opens_sentence:
            return True
    return False


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
    if (
        not definite
        or plural(head)
        or head.lemma_.lower() in chain
        or previous is None
        or previous.speaker is None
    ):
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
    doc: Doc,
    stmt: Statement,
    reg: Registry,
    chain: dict[str, Mention],
    previous: Statement | None = None,
    reporter: Statement | None = None,
    *,
    words: WordIndex,
) -> None:
    """Fill ``stmt.speaker`` from its subject tokens. ``reporter`` is the last statement not told
    inside another's content, when ``previous`` is one that is (``_reported_inside``); ``words`` tells
    common nouns from names (``WordIndex``)."""
    if stmt.speaker_tokens is None or stmt.speaker is None:
        return
    span = doc[stmt.speaker_tokens[0] : stmt.speaker_tokens[1]]
    if len(span) == 0:
        stmt.speaker.unresolved = True  # the rule found no words for the source
        return
    head = _head(span)
    issuer = document_issuer(head)
    if issuer is not None:  # "a statement issued by the board said": the board speaks through it
        span = doc[slice(*without_relative(doc, (issuer.left_edge.i, issuer.right_edge.i + 1)))]
        head = _head(span)
    names = {e.id: e for e in reg.entities}
    # "Teachers said" after a headline is read as "teachers said" would be: a group, no name
    grouped = head.dep_ != "compound" and _capitalised_common_word(head, reg, words)
    lemma = (grouped and words.singular(head.text)) or head.lemma_.lower()
    proper = head.pos_ == "PROPN" and not grouped
    person: str | None = head._.person
    if person is not None and head.pos_ == "NOUN" and _spoke_beside(doc, head, previous, person):
        person = None  # "Rosa Tamm said the toll would stay and the minister said it would go"
    if stmt.rule == "colon" and span.text.rstrip(".:") in {"Q", "A"}:
        person = turn_speaker(doc, span.text.rstrip(".:"), reg)
        if person is None:
            stmt.speaker.unresolved = True  # an interview whose introduction names nobody
            return
    if head.lower_ in PRONOUNS and span.end - span.start == 1:
        unnamed = _previous_unnamed(doc, head, reg, previous)
        if unnamed is not None:
            stmt.speaker = unnamed
            return
        person = _going_on_with(doc, head, reg, previous, reporter) or person
        if person is None:
            opened = doc.char_span(stmt.start, stmt.start + 1, alignment_mode="expand")
            reach = opened.start if opened is not None and stmt.kind in {"direct", "mixed"} else None
            ent = resolve_pronoun(doc, head, reg.entities, reach)
            person = ent.id if ent else _body_taken_for_a_person(doc, head, reg, previous)
    if person is None and head.lower_ in {"they", "it"} and len(span) == 1:
        person = organization_pronoun(doc, head, reg, previous, stmt)
        if person is None and head.lower_ == "it":
            stmt.speaker.unresolved = True  # "it said" with no organisation it can be
            return
    if person is None and not proper:
        # "A Twitter spokesman, Ana Sol, said": the name beside the role, before the role's owner
        person = next((c._.person for c in head.children if c.dep_ == "appos" and c._.person), None)
    if person is None and head.pos_ == "NOUN" and not _person_word(lemma):
        person = body_beside(reg, head, personal_first=True)  # "the network operator Westgrid said"
    if (
        person is None
        and not proper
        and (lemma in ANONYMOUS_HEADS or ((grouped or plural(head)) and lemma in ROLE_NOUNS))
        and lemma not in ASSOCIATE_HEADS  # "a Trump supporter", "a Greenpeace critic" speak for themselves
    ):
        person = owner_organization(reg, head)  # "PG&E officials", "a WeWork spokesperson", "Alibaba leaders"
    # a lower-case word the tagger called a proper noun ("Russia's foreign ministry") is still a noun
    common = head.pos_ == "NOUN" or grouped or (head.pos_ == "PROPN" and head.is_lower)
    if person is None and common and (lemma in ORG_DESCRIPTIONS or lemma in SPEAKING_NOUNS):
        person = named_body(reg, head)  # "the US military", "data from MarketAxess"
    if person is None and not proper and (lemma in ANONYMOUS_HEADS or head.lower_ == "they"):
        person = _earlier_speaker(doc, span, head, chain, previous)
        if person is None:
            _anonymous(doc, _without_clauses(span, head), head, stmt, chain)
            return
    if person is None:
        person = (
            # a name inside the subject's own noun phrase, never one inside a phrase hung on it
            next((t._.person for t in span if t._.person and t.head == head and t.dep_ in _NAME_DEPS), None)
            or _known_surname(reg, span, head)
            or _titled_name(span)
            or (None if grouped else organization(reg, span, head))
            or national_body(reg, _without_clauses(span, head), head)  # "the government said"
            or known_organization(reg, span, head)
        )
    if person is not None:
        stmt.speaker.person = person
        spoken = names.get(person) or reg.entities[-1]
        spoken.spoke = True
        stmt.speaker.text = spoken.name
    elif head.lower_ in PRONOUNS:
        stmt.speaker.unresolved = True  # "he said" with nobody "he" can be
    elif not _names_anyone(_without_clauses(span, head) or span, reg, words):
        described = _without_clauses(span, head) or span
        # "The 56-year-old said": a definite description with no owner ("the victim's mother" has
        # one) refers back to someone the story named; failing that, nobody is named: "one trustee",
        # "officers", "the victim's mother", "both sides" are anonymous sources.
        definite = kin_reference(described) or (
            described[0].lower_ == "the" and not any(t.dep_ == "poss" for t in described)
        )
        document = lemma in DOCUMENT_NOUNS and (head.pos_ == "NOUN" or grouped)
        known = (
            refer_back(described, reg, words)
            if definite and not document and lemma not in ORG_DESCRIPTIONS
            else None
        )
        if known is not None and _spoke_beside(doc, head, previous, known):
            known = None  # "Rosa Tamm said the toll would stay and the minister said it would go"
        if known is None and document:
            known = document_source(reg, described, head)  # "a study found", "the report said"
        if known is not None:
            stmt.speaker.person = known
            spoken = reg.get(known)
            if spoken is not None:
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


def _going_on_with(
    doc: Doc, pronoun: Token, reg: Registry, previous: Statement | None, reporter: Statement | None
) -> str | None:
    """Whom "He said" goes on with. After a statement told inside another's ("Milburn confirmed Mr
    Blair's insistence that ... He said: ..."), news style goes on with the one who reported it, unless
    only the one reported fits the pronoun: "Amsel disputed Ana Sol's statement that ... She said ..."
    is Sol's when Amsel's gender is not known."""
    told = _previous_speaker(doc, pronoun, reg, previous)
    if reporter is None or reporter is previous:
        return told
    teller = _previous_speaker(doc, pronoun, reg, reporter)
    if teller is None:
        return told
    genders = {e.id: e.gender for e in reg.entities}
    wanted = pronoun_gender(pronoun)
    if told is not None and genders.get(told) == wanted and genders.get(teller) is None:
        return told
    return teller


def _reported_inside(statements: list[Statement]) -> set[int]:
    """The statements told inside another's content ("Milburn confirmed Mr Blair's insistence that
    ..."): the story's next "He said" goes on, as a rule, with the one who reported it
    (``_going_on_with``)."""
    contents = [(id(s), a, b) for s in statements for a, b in s.content_spans]
    return {
        id(s)
        for s in statements
        if s.cue is not None
        and any(key != id(s) and a <= s.cue.span[0] and s.cue.span[1] <= b for key, a, b in contents)
    }


@Language.factory("onrecord_speakers")
def make_speakers(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The speakers step, with the common nouns and verbs of ``nlp``'s own lemmatizer."""
    return partial(speakers_component, words=WordIndex.of(nlp))


def speakers_component(doc: Doc, words: WordIndex) -> Doc:
    """Resolve every statement's speaker; a run-on quote inherits its predecessor's."""
    reg: Registry = doc.user_data.get("onrecord_registry") or Registry()
    chain: dict[str, Mention] = {}
    previous: Statement | None = None
    reporter: Statement | None = None  # the last statement not told inside another's
    statements: list[Statement] = doc._.statements or []
    done: set[int] = set()
    nested = _reported_inside(statements)
    for stmt in statements:
        source: Statement | None = None
        if stmt.rule == "run-on":
            # a quote that runs on has the speaker of the quote it continues, told before it or, for
            # a paragraph left open, after it: the one with the same speaker words
            source = next(
                (s for s in statements if s.rule != "run-on" and s.speaker_tokens == stmt.speaker_tokens),
                previous,
            )
            if source is not None and id(source) not in done:
                resolve(doc, source, reg, chain, previous, words=words)
                done.add(id(source))
            if source is not None and source.speaker is not None:
                stmt.speaker = Speaker(**{**source.speaker.__dict__})
        elif id(stmt) not in done:
            resolve(doc, stmt, reg, chain, previous, reporter, words=words)
        done.add(id(stmt))
        # "he said" after a quotation that ran on goes on with the statement it ran on from, whose cue
        # says where that speaker spoke
        previous = source or stmt
        if id(stmt) not in nested:
            reporter = stmt
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
