"""What every attribution rule shares: character spans, cue classes, subjects and the Builder.

The Builder collects one Doc's statements and remembers which cue words are taken, so that each cue
serves one statement and a later, less certain rule cannot claim a cue an earlier one used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.attribution.lexicon import (
    ANONYMOUS_HEADS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    ISSUING_VERBS,
    KIN_NOUNS,
    ROLE_NOUNS,
    SPEAKING_NOUNS,
)
from onrecord.attribution.quotes import Quote, answered
from onrecord.model import CueClass, Mention, Speaker, Statement, StatementKind
from onrecord.spacy_doc import RELATIVE_TAGS, text_of, tokens_with

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


#: Subjects that stand for no one: "it is said", "there were reports".
IMPERSONAL = frozenset({"it", "there"})


WH_WORDS = {"whether", "if", "what", "who", "why", "how", "when", "where", "which"}


_TRIM = {",", ";", ":", "—", "–", "-", "(", ")", "'", '"', "“", "”", "‘", "’"}


END_PUNCT = {".", "!", "?", "…"}


CLOSING_MARKS = frozenset({'"', "”", "''", "’"})
OPENING_MARKS = frozenset({'"', "“", "''", "``"})


def char_spans(doc: Doc, indices: Iterable[int], keep_final: bool = False) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character spans, with dangling punctuation trimmed off the edges."""
    idx = sorted(set(indices))
    idx = [i for i in idx if not doc[i].is_space]
    while idx and (doc[idx[0]].text in _TRIM or doc[idx[0]].text in END_PUNCT):
        idx.pop(0)
    while idx and (doc[idx[-1]].text in _TRIM or (doc[idx[-1]].text in END_PUNCT and not keep_final)):
        idx.pop()
    spans: list[tuple[int, int]] = []
    for i in idx:
        tok = doc[i]
        start, end = tok.idx, tok.idx + len(tok)
        if spans and text_of(doc)[spans[-1][1] : start].strip() == "":
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def with_its_marks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content that ends or starts inside a quotation it quotes (a closing mark missing after
    'the budget was "reckless', an opening one before 'reckless" was the word') gets the missing mark
    back from just outside it. The rules cut contents at tokens, and a parse often leaves a quotation's
    closing mark outside the clause; a reader checking the words should not see a quotation left open.
    Only one edge moves, by the mark (and a comma, stop, question or exclamation mark inside it)."""
    if not spans:
        return spans
    first, end = spans[0][0], spans[-1][1]
    piece = "".join(text[s:e] for s, e in spans)  # the content's own words, not the cue between pieces
    straight = piece.count('"') % 2 == 1  # which edge is open cannot be told: one edge moves at most
    unclosed = piece.rfind("“") > piece.rfind("”")  # curly marks say which edge is open
    unopened = piece.find("”") != -1 and not -1 < piece.find("“") < piece.find("”")
    after = _mark_after(text, end, ('"' if straight else "") + ("”" if unclosed else ""))
    before = first > 0 and (
        (straight and after is None and text[first - 1] == '"') or (unopened and text[first - 1] == "“")
    )
    if after is None and not before:
        return spans
    end, first = after or end, first - before
    if len(spans) == 1:
        return [(first, end)]
    return [(first, spans[0][1]), *spans[1:-1], (spans[-1][0], end)]


def _mark_after(text: str, end: int, marks: str) -> int | None:
    """The end of a closing mark of ``marks`` right after ``end`` (with a comma or stop inside it)."""
    for mark in marks:
        for inside in ("", ",", ".", "?", "!"):
            if text.startswith(inside + mark, end):
                return end + len(inside) + 1
    return None


def kind_of(doc: Doc, spans: list[tuple[int, int]]) -> StatementKind:
    """ "mixed" when a quotation lies within a content's reach, "indirect" otherwise. Its closing mark
    may sit just past the last span, after the sentence's own stop when the quotation closes it
    (said the plan was "a disaster.")."""
    start, end = spans[0][0], spans[-1][1]
    text = text_of(doc)
    reach = end + 1 + (end < len(text) and text[end] in _STOPS)
    return "mixed" if any(start <= q.start and q.end <= reach for q in doc._.quotes or []) else "indirect"


#: Stops a quotation that closes a sentence may hold before its closing mark.
_STOPS = frozenset(".,?!")


def span_text(doc: Doc, spans: list[tuple[int, int]]) -> str:
    return " ".join(text_of(doc)[s:e] for s, e in spans)


def cue_class(token: Token) -> CueClass | None:
    """The class of a reporting verb, or None when the token does not report anything."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VB", "VBG", "VBN"}:
        return None
    return CUE_VERBS.get(token.lemma_.lower())


#: Cues that say the content is what the speaker rejects, kept in the content so it never reads as a claim.
DENIAL_CUES = frozenset({"deny", "dismiss", "refute", "disavow"})
#: How far a denied clause may start after its verb ("denied that ...", "denied ever having ...").
_DENIAL_GAP = 12
_ANONYMITY = re.compile(
    r"^(?:not )?to be (?:named|identified|quoted)\b|^(?:on condition of )?anonymity\b",
    re.I,
)

#: Another source's frame at the end of a content: ", according to the report".
_OTHER_SOURCE = re.compile(r"\s*[,—–-]+\s*according to\b", re.I)
#: A mark that closes such a phrase before the content's end: the phrase was set off inside it.
_SET_OFF = re.compile(r"[,;()—–]|\s-\s")


def without_other_source(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content that runs on into another source (", according to the report") ends before it: the
    words after it are that source's frame, never what this speaker said."""
    text = text_of(doc)
    start, end = spans[-1]
    found = _OTHER_SOURCE.search(text, start, end)
    if found is None or len(text[start : found.start()].split()) < 2:
        return spans
    if _SET_OFF.search(text, found.end(), end):
        return spans  # "would be set, according to the act, at five dollars": an aside, the content goes on
    words = doc.char_span(found.start(), found.end(), alignment_mode="expand")
    if words is None or words[-1]._.in_quote is not None:
        return spans  # a quotation's own words
    return [*spans[:-1], (start, found.start())]


#: Past forms of reporting verbs, which never end a subject phrase.
_SAID_FORMS = frozenset({"said", "says", "told", "added", "asked", "wrote", "replied", "insisted"})


#: Nouns for a person, where a relative "who" may stop.
PERSON_NOUNS = ROLE_NOUNS | KIN_NOUNS | ANONYMOUS_HEADS


def _personal_antecedent(pronoun: Token, noun: Token) -> Token:
    """Who "who" stands for when the parser hangs it on the place or firm that ends a description
    ("Tom Vale, an engineer at the port, who adds ..."): the person the description is about. The
    climb goes through the prepositions that tie a person to a place or a body ("at", "for", "of",
    ...), never "including", and stops at a noun for a person ("an officer", "her sister")."""
    if pronoun.lower_ not in {"who", "whom"}:
        return noun
    while noun.dep_ == "pobj" and not a_person(noun):
        owner = noun.head.head  # the noun the prepositional phrase describes
        if noun.head.lower_ not in _AFFILIATIONS or owner.pos_ not in {"NOUN", "PROPN"}:
            break
        noun = owner
    while noun.dep_ == "appos" and noun.head != noun:
        noun = noun.head
    return noun


#: Prepositions that tie a person to where they work or what they speak for.
_AFFILIATIONS = frozenset({"at", "for", "of", "with", "from", "in"})


def a_person(noun: Token) -> bool:
    """A noun for a person: a name the recognizer or the article's people know as one (an
    organisation's name carries its id too, and is no person), or a word for a person."""
    if noun.ent_type_ == "PERSON" or noun.lemma_.lower() in PERSON_NOUNS:
        return True
    registry = noun.doc.user_data.get("onrecord_registry")
    known = {e.id: e.kind for e in registry.entities} if registry is not None else {}
    return known.get(noun._.person) == "person"


def relative_subject(subject: Token, verb: Token) -> tuple[int, int] | None:
    """For a relative pronoun subject ("the AP, which first reported the story"), the noun the clause
    hangs on through the pronoun (from the start of the person's description: "Tom Vale, an
    engineer at the port, who"); None for any other subject."""
    if subject.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl" and verb.head.i < subject.i:
        issued = issuing_verb(verb.head)
        found = subject_block(issued) if issued is not None else None
        if found is not None:
            return found  # "the union issued a statement that said ...": the union speaks
        return _personal_antecedent(subject, verb.head).left_edge.i, subject.i + 1
    return None


def issuing_verb(noun: Token) -> Token | None:
    """The verb by which a source put out a document that carries its words ("The board issued a
    statement saying ...", "released a letter that said ..."), whose subject is who speaks, as
    PolNeAR marks it ("Black Lives Matter | issued a statement saying | ..."); None for a document
    passed on ("cited a report saying") and any other noun."""
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    return noun.head if noun.head.lemma_.lower() in ISSUING_VERBS else None


def document_issuer(noun: Token) -> Token | None:
    """Who put out the document a noun names, when the words say so: "a statement issued by the
    board", "a letter from the council", "an email signed by Ana Sol", "a report by Gallup" carry the
    words of the board, the council, Ana Sol, Gallup, as PolNeAR marks it. Only a document noun, and
    only an issuer that can speak ("a report from last year" names none)."""
    if not _document(noun):
        return None
    issuing = [c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in ISSUING_VERBS]
    for prep in [*noun.children, *(g for c in issuing for g in c.children)]:
        if (prep.dep_ == "prep" and prep.lower_ in {"from", "by"}) or prep.dep_ == "agent":
            issuer = next((c for c in prep.children if c.dep_ == "pobj" and _issues(c)), None)
            if issuer is not None:
                return issuer
    return None


def _document_said_through(verb: Token) -> Token | None:
    """The document a participle of saying follows: its noun ("a letter saying"), or the object just
    before it when the parser hung the participle on the verb ("received a letter from the council
    saying ...")."""
    if verb.dep_ == "acl":
        return verb.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return _object_just_before(verb)
    return None


def _issuer_said_through(verb: Token) -> Token | None:
    """The issuer a participle of saying was hung on when it belongs to the document before it:
    "received a note from the kidnappers saying ..." (the parser makes the kidnappers say it, and
    they do, through the note)."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.dep_ != "pobj" or noun.head.lower_ not in {"from", "by"} or noun.i > verb.i:
        return None
    prep = noun.head
    document = prep.head if prep.head.pos_ == "NOUN" else _object_just_before(prep)
    if document is None or not _document(document):
        return None
    return noun if _issues(noun) else None


def _object_just_before(tok: Token) -> Token | None:
    """The object of the verb ``tok`` hangs on, when it ends right before ``tok``: the document of
    "received a note | from the council" or "received a letter | saying ...", which the parser hung on
    the verb."""
    return next((c for c in tok.head.children if c.dep_ == "dobj" and c.right_edge.i + 1 == tok.i), None)


def _document(noun: Token) -> bool:
    """A noun for a document ("a letter", "the report"), not the verb of the same form."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in DOCUMENT_NOUNS


def _issues(word: Token) -> bool:
    """A word that can put out a document: a name, a person the story knows, or a noun for a person
    or a body ("the board", "the minister"); not another document ("a letter from the report")."""
    if word._.person is not None or word.pos_ == "PROPN" or word.ent_type_ in {"PERSON", "ORG", "NORP"}:
        return True
    return word.pos_ == "NOUN" and word.lemma_.lower() in SPEAKING_NOUNS and not _document(word)


def subject_block(verb: Token) -> tuple[int, int] | None:
    """Token range of the verb's subject phrase; a verb without one borrows its governor's."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if verb._.in_quote is None and any(s._.in_quote is None for s in subjects):
        # '"..., its heart beating, ...," said Carly Fiorina': the parser also hung a subject from
        # inside the quotation on the verb after it; the words quoted are never who says them
        subjects = [s for s in subjects if s._.in_quote is None]
    if subjects:
        first = min(subjects, key=lambda t: t.i)
        if first.lower_ in IMPERSONAL and not _referring_it(first, verb):
            return None  # "it is said", "there were reports": nobody in particular speaks
        if _discourse_marker(first, verb):
            return None
        relative = relative_subject(first, verb)
        if relative is not None:
            return relative
        if first.i < verb.i:
            # The whole stretch before the verb when the parser split one subject in two; it ends
            # before a reporting verb the tagger took for a noun ('the 68-year-old said, then added').
            end = max(s.right_edge.i for s in subjects if s.i < verb.i) + 1
            start = first.left_edge.i
            while start < end and verb.doc[start].is_punct:
                start += 1
            end = next(
                (
                    t.i
                    for t in verb.doc[start:end]
                    if t.lower_ in _SAID_FORMS and t.i > start and t.dep_ != "relcl"  # "who asked not to"
                ),
                end,
            )
            return _after_dateline(verb.doc, start, end)
        end = first.right_edge.i + 1
        for other in sorted(subjects, key=lambda t: t.i)[1:]:
            # ", said study co-author Ana Sol": the parser split one subject after the verb in two
            if other.left_edge.i == end:
                end = other.right_edge.i + 1
        return first.left_edge.i, end
    aside = next((c for c in verb.children if answer_to_aside(c) == verb), None)
    if aside is None and verb.dep_ in {"ccomp", "conj"} and answer_to_aside(verb.head) == verb:
        aside = verb.head
    if aside is not None:  # "Brandt, asked if he would run again, said ...": the one asked answers
        return subject_block(aside)
    document = _document_said_through(verb)
    issuer = document_issuer(document) if document is not None else _issuer_said_through(verb)
    if issuer is not None:  # "received a letter from the council saying ...": the council speaks
        return without_relative(verb.doc, (issuer.left_edge.i, issuer.right_edge.i + 1))
    issued = issuing_verb(verb.head) if verb.dep_ == "acl" else None
    if issued is not None:  # "The board issued a statement saying ...": the board speaks
        return subject_block(issued)
    noun = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and noun.i < verb.i and noun.pos_ in {"NOUN", "PROPN"}:
        # "opened with prosecutors alleging he ...", "critics saying that ...": the noun the participle
        # hangs on speaks, when it can and the participle's clause follows it at once; not a place the
        # parser hung it on ("posted on Twitter accusing ...", whose subject accuses), nor a noun the
        # participle only describes ("the third witness testifying Tuesday who listened in ...")
        placed = noun.dep_ == "pobj" and noun.head.lower_ != "with"
        clause = any(c.dep_ == "ccomp" and c.left_edge.i == verb.i + 1 for c in verb.children)
        if can_speak(noun) and clause and not placed and verb._.in_quote is None:
            return noun.left_edge.i, verb.left_edge.i
        return None
    if verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head != verb:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        head = verb.head
        if verb.tag_ == "VBG" and head.dep_ == "ccomp" and cue_class(head.head) is not None:
            # "Pompeo said that Washington had concluded ..., saying he trusted the courts": the
            # parser hangs the participle on the reported clause, but it is the reporter who says
            head = head.head
        return subject_block(head)
    quoted = _quoted_as_saying(verb)
    if quoted is not None:  # "she was quoted as saying: ..."
        return quoted.left_edge.i, quoted.right_edge.i + 1
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in _GERUND_PREPS and cue_class(verb):
        # "closed her speech by remarking, ...", "responded after saying that ...": the subject of
        # the verb the preposition hangs on speaks, if it can ("after announcing the cuts, shares
        # fell" dangles), and only for a cue ("by failing to disclose that ..., the market is
        # unaware" says nothing of the market's)
        owner = verb.head.head
        if owner.pos_ not in {"VERB", "AUX"} or owner.i == verb.i:
            return None
        found = subject_block(owner)
        return found if found is not None and can_speak(verb.doc[found[0] : found[1]].root) else None
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return _subject_taken_for_modifiers(verb) or _name_before(verb)
    return None


def _quoted_as_saying(verb: Token) -> Token | None:
    """The subject of a passive that reports someone "as saying" ("she was quoted as saying", "the
    minister is reported as saying"): the one who said it, when it can speak."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.lower_ != "as" or cue_class(verb) is None:
        return None
    owner = verb.head.head
    subject = next((c for c in owner.children if c.dep_ == "nsubjpass"), None)
    return subject if owner.pos_ == "VERB" and subject is not None and can_speak(subject) else None


#: What the parser makes of a subject it did not see: "The 61-year-old added" gives "The" as the
#: verb's determiner and "old" as its adjective.
_MODIFIER_DEPS = frozenset({"det", "amod", "nummod", "npadvmod", "compound", "nmod"})


def _subject_taken_for_modifiers(verb: Token) -> tuple[int, int] | None:
    """The subject the parser hung on a finite verb as its modifiers ("The 61-year-old added that
    ...", '"...," the 76-year-old said': a determiner and an adjective of the verb): the words right
    before the verb, back to the start of the sentence or a quotation's close, when each hangs on the
    verb as a modifier and a determiner opens them."""
    doc = verb.doc
    modifiers = [c for c in verb.lefts if c.dep_ in _MODIFIER_DEPS]
    start = verb.i
    while start > verb.sent.start and any(c.left_edge.i <= start - 1 <= c.right_edge.i for c in modifiers):
        if doc[start - 1].is_quote or (doc[start - 1].is_punct and doc[start - 1].text != "-"):
            break
        start -= 1
    opens = start == verb.sent.start or doc[start - 1].is_punct or doc[start - 1].is_quote
    if start == verb.i or not opens or doc[start].dep_ != "det":
        return None
    return start, verb.i


#: Prepositions before a gerund of saying whose speaker is the subject of the verb they hang on ("by
#: saying"); not "without" ("left without saying a word") nor "for" ("criticized for saying", whose
#: subject is passive).
_GERUND_PREPS = frozenset({"by", "after", "before"})


#: Pronouns that open a relative clause ("voters who ...").
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_PERSONAL = frozenset("i we you he she they who his her their our my your".split())


def passive_agent(verb: Token) -> tuple[int, int] | None:
    """The source of a cue in the passive: "it was reported by the Gazette that ...", "she was told by
    officials that ...", "the plan was described by Ana Sol as ...". A passive's subject is what was
    said, or whom it was said to, never who said it; its agent ("by ...") is, when it can speak (not
    "was driven by fear"). A relative clause on the agent describes it ("by residents, who ...")."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        source = next((g for g in agent.children if g.dep_ == "pobj"), None)
        if source is not None and source._.in_quote is None and can_speak(source):
            return without_relative(verb.doc, (source.left_edge.i, source.right_edge.i + 1))
    return None


def own_clause(clause: Token) -> bool:
    """A clause with a subject of its own, outside any quotation: "repeated that the channel was safe",
    not 'repeated his famous "you're fired" line', which the parser may also take for a clause."""
    return clause._.in_quote is None and any(c.dep_ in SUBJECT_DEPS for c in clause.children)


def can_speak(subject: Token) -> bool:
    """A subject that can stand behind a content: a person, an organisation, a pronoun for one, or a
    document ("the poll found"). "The bill would ..." or "the bias begins ..." cannot."""
    if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        subject = subject.head.head
    if subject._.person is not None or subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    if subject.pos_ == "PRON":
        return subject.lower_ in _PERSONAL
    return subject.lemma_.lower() in SPEAKING_NOUNS


def _referring_it(subject: Token, verb: Token) -> bool:
    """ "It added", "it said in a statement": an active verb of speech or writing whose "it" refers back
    to an organisation or a document. "It is said", "it seems", "it was reported" speak for nobody."""
    return (
        subject.lower_ == "it"
        and subject.dep_ == "nsubj"
        and cue_class(verb) in {"speech", "writing"}
        and not any(c.dep_ in {"auxpass", "expl"} for c in verb.children)
    )


def _discourse_marker(subject: Token, verb: Token) -> bool:
    """ "That said, ...", "This said, ...": an idiom meaning *even so*, in which nobody speaks."""
    doc = verb.doc
    return (
        subject.lower_ in {"that", "this"}
        and subject.i == verb.i - 1
        and subject.i == verb.sent.start
        and verb.i + 1 < len(doc)
        and doc[verb.i + 1].text == ","
    )


def _name_before(verb: Token) -> tuple[int, int] | None:
    """The name just before a finite cue the parser left without a subject ("Lazar, 44, said"); a
    parenthesis is an aside ("Ruiz (D-Ore.) said"), and a name with its affiliation after a comma is
    the person, not the body ("Ana Sol, from the Harbour Trust (HT) told")."""
    doc = verb.doc
    first = verb.sent.start
    i = verb.i - 1
    while i >= first and (doc[i].is_punct or doc[i].like_num):
        opening = _opening_parenthesis(doc, i, first) if doc[i].text == ")" else None
        i = opening - 1 if opening is not None else i - 1
    if i < first or doc[i].pos_ not in {"PROPN", "PRON"} or doc[i].dep_ == "poss":
        return None
    prep = doc[i].head if doc[i].dep_ == "pobj" else None
    if (
        prep is not None
        and prep.dep_ == "prep"
        and prep.i - 2 >= first
        and doc[prep.i - 1].text == ","
        and doc[prep.i - 2].pos_ == "PROPN"
        and doc[prep.i - 2].ent_type_ in {"PERSON", ""}  # a name, not a place ("Leeds, from ...")
    ):
        i = prep.i - 2
    start = i
    while start > verb.sent.start and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i <= i:
        start -= 1
    return start, i + 1


def _opening_parenthesis(doc: Doc, close: int, first: int) -> int | None:
    """The "(" that the ")" at ``close`` ends, within the sentence starting at ``first``."""
    for j in range(close - 1, first - 1, -1):
        if doc[j].text == "(":
            return j
        if doc[j].text == ")":
            return None
    return None


def _after_dateline(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a dateline the parser hung on the subject ("RIVERTON, Ohio (AP) — The authority", and on the
    wire's plain hyphen, "PORT ALDER, June 2 (Reuters) - Harbour Bank")."""
    for i in range(end - 1, start, -1):
        if doc[i].text in {"—", "–", "--"} or (doc[i].text == "-" and doc[i - 1].text == ")"):
            return i + 1, end
    return start, end


def asked_aside(verb: Token) -> bool:
    """ "Brandt, asked if he would run again, said he had not decided": a question put to the subject,
    set off by commas before the verb of the answer, which the tagger may read as the subject's own
    asking ("Brandt asked", the answer's verb left without a subject)."""
    return answer_to_aside(verb) is not None


def answer_to_aside(verb: Token) -> Token | None:
    """The verb of the answer after an ``asked_aside``: the parser makes it the question's head, or
    hangs it on the question ("Saar, asked whether prices would rise, replied that they would")."""
    doc = verb.doc
    if verb.lemma_.lower() != "ask" or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    if not any(c.dep_ == "nsubj" and c.i < verb.i - 1 for c in verb.children):
        return None
    options = [verb.head] if verb.head.i > verb.i else []
    options += [c for c in verb.children if c.dep_ in {"ccomp", "conj"} and c.i > verb.i]
    for answer in options:
        if (
            doc[answer.i - 1].text == ","
            and cue_class(answer) in {"speech", "writing"}
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in answer.children)
        ):
            return answer
    return None


def unsaid(verb: Token, by_agent: bool = False) -> bool:
    """A cue whose subject did not say it: passive ("was told"), negated ("did not say") or a
    counterfactual ("would then have claimed that ...", what someone might have said and did not).
    ``by_agent``: a rule that takes its speaker from ``passive_agent`` counts a passive with one as
    said ("it was reported by the Gazette that ...")."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or asked_aside(verb)
    return (
        (passive and not (by_agent and passive_agent(verb) is not None))
        or any(negates(c) for c in verb.children)
        or counterfactual(verb)
    )


def negates(word: Token) -> bool:
    """ "did not say", "never told": a negation of the verb. The parser also hangs on the verb a "not"
    that is what was said ('"Absolutely not," he said'), which stands inside quotation marks."""
    return word.dep_ == "neg" and word._.in_quote is None


def counterfactual(verb: Token) -> bool:
    """ "would then have claimed", "could have said": what someone might have said and did not."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return verb.tag_ == "VBN" and "have" in auxes and bool(auxes & _COUNTERFACTUAL)


#: Modals that with "have" and a participle say what did not happen.
_COUNTERFACTUAL = frozenset({"would", "could", "might", "should", "'d", "’d"})


#: Dependencies of a time phrase that dates a verb rather than names a thing ("said Monday the ...").
_ADVERBIAL_TIME_DEPS = frozenset({"npadvmod", "advmod", "tmod"})


def leading_time(clause: Token) -> list[int]:
    """The time phrase right after the cue that the parser hung on the reported clause: in "officials
    said Monday the patient was ..." (no "that") "Monday" dates the saying, as it does in "said Monday
    that ...", and is no part of what was said. A time phrase that names a thing ("said last week's
    vote was rigged") is the clause's own."""
    doc, cue = clause.doc, clause.head
    first = clause.left_edge.i
    if first != cue.i + 1 or cue.i >= clause.i:
        return []
    run: list[int] = []
    i = first
    while i < clause.i and doc[i].ent_type_ in {"DATE", "TIME"}:
        run.append(i)
        i += 1
    roots = [doc[j] for j in run if doc[j].head.i not in run]
    if not run or len(roots) != 1 or roots[0].dep_ not in _ADVERBIAL_TIME_DEPS:
        return []
    return run


def clause_tokens(clause: Token) -> list[int]:
    """A content clause without its complementizer and without a trailing comment on the reporting."""
    dated = set(leading_time(clause))
    toks = [t.i for t in clause.subtree if t.i not in dated]
    if toks and clause.doc[toks[0]].lower_ == "that" and clause.doc[toks[0]].dep_ in {"mark", "dobj"}:
        toks = toks[1:]  # a "that" the parser took for a relative pronoun is the complementizer too
    last = clause.right_edge.i
    doc = clause.doc
    for tok in clause.subtree:
        if tok.right_edge.i != last:
            continue
        cut = None
        # ", contradicting his own claims ..." closing the clause comments on the report itself;
        # ", while supporters argue it will bring jobs" is another source's statement
        if tok.dep_ == "advcl" and (tok.tag_ == "VBG" or (_another_source(tok) and contrasted(tok))):
            cut = tok.left_edge.i - 1 if doc[tok.left_edge.i - 1].text == "," else None
        # "the road would reopen in May and residents said they were relieved": so is a joined one
        elif (
            tok.dep_ == "conj"
            and tok != clause
            and _another_source(tok)
            and doc[tok.left_edge.i - 1].dep_ == "cc"
        ):
            cut = tok.left_edge.i - 1
            if doc[cut - 1].text == ",":
                cut -= 1
        if cut is not None:
            toks = [i for i in toks if i < cut]
            break
    return _through_quote(doc, toks)


def _another_source(verb: Token) -> bool:
    """A verb of saying or believing with a subject of its own and a clause of its own, outside any
    quotation: "while supporters argue it will ...", "and residents said they were ...". Not "and we
    should vote it down" (no such verb), "but that neither had agreed" (whose "that" goes on with what
    the first speaker said), "and she thought the plan was worth it" (a pronoun: likely the speaker
    still) or "and his landlord told him to leave" (no clause: what happened, as the speaker tells it)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        verb._.in_quote is None
        and not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        and cue_class(verb) in {"speech", "writing", "belief"}
        and subject is not None
        and subject.tag_ not in RELATIVE_TAGS
        and subject.pos_ != "PRON"
        and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    )


#: Conjunctions that set one view against another ("..., while supporters argue ..."); a reason
#: ("because his doctor said he was ill") is part of what the speaker says.
_CONTRASTING = frozenset({"while", "whereas", "although", "though", "whilst"})


def contrasted(verb: Token) -> bool:
    """A clause set against another by its conjunction ("while", "although")."""
    return any(c.dep_ == "mark" and c.lower_ in _CONTRASTING for c in verb.children)


def _through_quote(doc: Doc, toks: list[int]) -> list[int]:
    """A clause that runs into a quotation runs to its end: 'saying she had "steady hands, but most of
    all, a good heart."' is one content, wherever the parser hung the quotation's second half."""
    if not toks or doc[toks[-1]]._.in_quote is None:
        return toks
    inside = doc[toks[-1]]._.in_quote
    end = toks[-1] + 1
    sent_end = doc[toks[-1]].sent.end
    while end < sent_end and doc[end]._.in_quote == inside:
        end += 1
    return toks + list(range(toks[-1] + 1, end))


def token_at(doc: Doc, char: int) -> int | None:
    """The index of the token holding character ``char``, or None past the text."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def mention(doc: Doc, start: int, end: int) -> Mention:
    span = doc[start:end]
    return Mention(span.text, (span.start_char, span.end_char))


@dataclass(frozen=True)
class Rule:
    """One attribution rule: the name its statements carry in ``rule`` (and that ``rules=`` takes), the
    confidence of what it finds, and the function that finds it, ``find(doc, builder)``."""

    name: str
    confidence: float
    find: Callable[[Doc, Builder], None]

    def __call__(self, doc: Doc, b: Builder) -> None:
        outer = (b.rule, b.confidence)
        b.rule, b.confidence = self.name, self.confidence
        try:
            self.find(doc, b)
        finally:
            b.rule, b.confidence = outer


def rule(name: str, confidence: float) -> Callable[[Callable[[Doc, Builder], None]], Rule]:
    """Declare a function a rule: ``@rule("aside", 0.8)``."""

    def declare(find: Callable[[Doc, Builder], None]) -> Rule:
        return Rule(name, confidence, find)

    return declare


class Builder:
    """Collects statements for one Doc and remembers which cue tokens are taken."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.out: list[Statement] = []
        self.used_cues: set[int] = set()
        # every speech-like quote with the statement the quote rule made of it, for the run-on rule
        self.quoted: list[tuple[Quote, Statement | None]] = []
        title = doc._.title_span
        self.title_end = title[1] if title else -1
        # the running rule's name and confidence, set by ``Rule.__call__``
        self.rule = ""
        self.confidence = 0.5

    def tokens_with(self, lemmas: Collection[str]) -> list[Token]:
        """The tokens whose lower-cased lemma is one of ``lemmas``, in order (``spacy_doc.tokens_with``):
        each rule looks at its own words instead of walking every token of the article."""
        return tokens_with(self.doc, "LEMMA", lemmas)

    def cues(self) -> list[tuple[Token, CueClass]]:
        """The reporting verbs of the Doc with their classes (``cue_class``), in order."""
        found = ((tok, cue_class(tok)) for tok in self.tokens_with(CUE_VERBS.keys()))
        return [(tok, cls) for tok, cls in found if cls is not None]

    def in_title(self, char: int) -> bool:
        return char < self.title_end

    def _with_denial(self, spans: list[tuple[int, int]], cue_token: int | None) -> list[tuple[int, int]]:
        """A denial keeps its verb: "Hale denied that the plan was too expensive" records "denied that
        the plan was too expensive", never the denied clause as if Hale had said it."""
        if cue_token is None or self.doc[cue_token].lemma_.lower() not in DENIAL_CUES:
            return spans
        cue = self.doc[cue_token]
        gap = text_of(self.doc)[cue.idx + len(cue) : spans[0][0]]
        if cue.idx >= spans[0][0] or len(gap) > _DENIAL_GAP:
            return spans
        return [(cue.idx, spans[0][1]), *spans[1:]]

    def _answer(self, start: int) -> bool:
        """A one-word quotation given as a whole answer: after a colon as a sentence ('Moss said:
        "Never."'), or with its speaker right after it ('"No," he said')."""
        text = text_of(self.doc)
        before = text[:start].rstrip()
        if not before or before[-1] not in OPENING_MARKS:
            return False
        end = text.find("\n", start)
        closing = "”" if before[-1] == "“" else '"'
        sentence = text[start : end if end >= 0 else len(text)].split(closing)[0]
        if before[:-1].rstrip().endswith(":") and sentence.rstrip().endswith((".", "!", "?")):
            return True
        close = start + len(sentence)
        return text[close : close + 1] == closing and answered(sentence, text[close + 1 : close + 41])

    def add(
        self,
        kind: StatementKind,
        spans: list[tuple[int, int]],
        cue: Mention | None,
        cue_token: int | None,
        speaker: tuple[int, int] | None,
        cls: CueClass,
        question: bool = False,
        *,
        confidence: float | None = None,
    ) -> Statement | None:
        """A statement found by the running rule (``Rule``: its name, and its confidence unless this
        find has its own), or None when it is not one after all."""
        if not spans or self.in_title(spans[0][0]):
            return None
        spans = self._with_denial(spans, cue_token)
        if self.rule != "according":
            spans = without_other_source(self.doc, spans)
        content = span_text(self.doc, spans)
        if _ANONYMITY.match(content):
            return None  # "asked not to be named": a condition of the interview, not a statement
        if len(content.split()) < (1 if cls in {"stance", "other"} or self._answer(spans[0][0]) else 2):
            return None  # a one-word stance is whole ("endorsed Trump"); one quoted word is not a claim
        if cue_token is not None:
            self.used_cues.add(cue_token)
        spk = None
        if speaker is not None:
            span = self.doc[speaker[0] : speaker[1]]
            spk = Speaker(text=span.text, span=(span.start_char, span.end_char))
        stmt = Statement(
            id="",
            kind=kind,
            content_spans=spans,
            content_text=content,
            cue=cue,
            speaker=spk,
            cue_class=cls,
            question=question or content.rstrip().endswith("?"),
            confidence=self.confidence if confidence is None else confidence,
            rule=self.rule,
            cue_token=cue_token,
            speaker_tokens=speaker,
        )
        self.out.append(stmt)
        return stmt

    def covered(self, start: int, end: int) -> bool:
        return self.covering(start, end) is not None

    def covering(self, start: int, end: int) -> Statement | None:
        """The statement whose content holds the characters start..end, if one does."""
        inside = (st for st in self.out if any(s <= start and end <= e for s, e in st.content_spans))
        return next(inside, None)


def without_relative(doc: Doc, subj: tuple[int, int]) -> tuple[int, int]:
    """A speaker after the cue without the clause hung on it (", said Ed Ames, who chairs the board."):
    the clause describes the speaker, and it is neither the speaker's name nor part of what was said.
    Only a relative clause or a participle set off by a comma is cut: an appositive often holds the
    name itself (", said the chair, Ed Ames"), and "a man named Ed Ames" is one phrase
    (``speakers._without_clauses`` cuts all three, for a description that is no name)."""
    start, end = subj
    head = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
    if head is None:
        return subj
    clauses = [
        c
        for c in head.rights
        if c.i < end and (c.dep_ == "relcl" or (c.dep_ == "acl" and doc[c.left_edge.i - 1].text == ","))
    ]
    # the parser may hang it on the last noun of a description (", said Tom Vale, an engineer at the
    # port, who adds ..."): a relative clause after a comma still closes the speaker's phrase
    clauses += [c for c in doc[start:end] if c.dep_ == "relcl" and doc[c.left_edge.i - 1].text == ","]
    cut = min((c.left_edge.i for c in clauses), default=end)
    while cut > start + 1 and doc[cut - 1].is_punct:
        cut -= 1
    return start, cut
