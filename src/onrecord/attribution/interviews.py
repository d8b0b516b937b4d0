"""Interviews and transcripts: who "Q" and "A" are, and when the conversation took place.

A Q&A piece labels its turns "Q:" and "A:" and says once, in its introduction, who talked to whom and
when ("Marta Ilves spoke to harbour engineer Dov Brenner ... on Monday", "She agreed to talk to the
Herald's Tomas Erdely"). The turns are that interviewer's questions and that interviewee's answers,
never the words of people called "Q" and "A"; and every turn was said when the conversation was
recorded, not when the page was published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.attribution.mentions import Registry, add_mention
from onrecord.model import Statement
from onrecord.spacy_doc import text_of

#: Verbs an introduction uses for the conversation itself.
CONVERSATION_VERBS = frozenset(
    {"speak", "talk", "interview", "chat", "sit", "record", "tape", "film", "meet"}
)
#: The first interview turn: "Q:" or "Q." opening a line.
_FIRST_TURN = re.compile(r"^[^\S\n]*Q[:.][^\S\n]", re.M)
_ANSWER_TURN = re.compile(r"^[^\S\n]*A[:.][^\S\n]", re.M)


@dataclass(frozen=True)
class Session:
    """The conversation a Q&A reports: its interviewer and interviewee (registry ids)."""

    interviewer: str | None
    interviewee: str | None


def _person_in(tokens: list[Token]) -> str | None:
    """The person a phrase names, passing over an owner in it ("the Herald's Tomas Erdely")."""
    for tok in tokens:
        if tok._.person and tok.dep_ != "poss" and tok.head.dep_ != "poss":
            return str(tok._.person)
    return None


def _journalist(tokens: list[Token], authors: set[str]) -> bool:
    """A person phrase that marks a journalist: a byline name, or an outlet's ("the Herald's X")."""
    words = {t.text for t in tokens}
    if any(set(a.split()) <= words for a in authors):
        return True
    return any(t.dep_ == "poss" and t.pos_ == "PROPN" for t in tokens)


def _turns_start(doc: Doc) -> int | None:
    text = text_of(doc)
    first = _FIRST_TURN.search(text)
    if first is None or _ANSWER_TURN.search(text) is None:
        return None
    return first.start()


def session(doc: Doc, reg: Registry | None = None) -> Session | None:
    """The conversation told in the text before the first "Q" turn.

    The person who is subject of "spoke to" / "interviewed" is the interviewer, unless the other one
    is marked as the journalist (a byline name, an outlet's possessive).
    """
    cached = doc.user_data.get("onrecord_session", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    authors = set(doc.user_data.get("onrecord_authors") or [])
    turns = _turns_start(doc)
    found: Session | None = None
    for sent in doc.sents:
        if turns is not None and sent.start_char >= turns:
            break
        for verb in sent:
            if verb.lemma_.lower() not in CONVERSATION_VERBS or verb.pos_ not in {"VERB", "AUX"}:
                continue
            subject = [t for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
            if not subject and verb.dep_ == "xcomp":  # "She agreed to talk to ..."
                subject = [t for c in verb.head.children if c.dep_ == "nsubj" for t in c.subtree]
            other = [
                t
                for c in verb.children
                if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"to", "with"})
                for t in c.subtree
                if t.dep_ != "prep" or t.head != verb
            ]
            a, b = _person_in(subject), _person_in(other)
            if a is None and subject and subject[0].lower_ in {"he", "she", "they"}:
                a = _person_in([subject[0]])
            if a is None and b is None:
                continue
            interviewer, interviewee = a, b
            if _journalist(other, authors) and not _journalist(subject, authors):
                interviewer, interviewee = b, a
            if interviewee is None and reg is not None:
                interviewee = _most_mentioned(reg, {interviewer})
            found = Session(interviewer, interviewee)
            break
        if found is not None:
            break
    doc.user_data["onrecord_session"] = found
    return found


def conversation_dates(doc: Doc, before: int) -> list[int]:
    """Tokens of dates told with the conversation ("was recorded on Monday", "spoke to ... on Monday")
    before character ``before`` (the first turn), in text order."""
    found: list[int] = []
    for sent in doc.sents:
        if sent.start_char >= before:
            break
        for verb in sent:
            if verb.lemma_.lower() in CONVERSATION_VERBS and verb.pos_ in {"VERB", "AUX"}:
                found.extend(t.i for t in verb.subtree if t.ent_type_ == "DATE" and t.i not in found)
    return found


FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})


def speaking_pronouns(doc: Doc, statements: list[Statement], reg: Registry) -> None:
    """ "I" in what someone says is the speaker; "you" in a transcript turn is the one spoken to.

    In a Q&A the question is put to the interviewee and the answer to the interviewer; in a "NAME:"
    transcript a turn answers the turn before it, so its "you" is that turn's speaker.
    """
    found = session(doc, reg)
    before: str | None = None
    for stmt in statements:
        speaker = stmt.speaker.person if stmt.speaker is not None else None
        if speaker is None or stmt.kind != "direct":
            continue
        addressed: str | None = None
        if stmt.rule == "colon":
            if found is not None and speaker in {found.interviewer, found.interviewee}:
                addressed = found.interviewee if speaker == found.interviewer else found.interviewer
            elif before is not None and before != speaker:
                addressed = before
            before = speaker
        for start, end in stmt.content_spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            for tok in span if span is not None else []:
                if tok._.person or tok.pos_ != "PRON":
                    continue
                if tok.lower_ in FIRST_PERSON:
                    add_mention(reg, speaker, tok.i, tok.i + 1, doc)
                elif tok.lower_ in SECOND_PERSON and addressed is not None:
                    add_mention(reg, addressed, tok.i, tok.i + 1, doc)


def _most_mentioned(reg: Registry, besides: set[str | None]) -> str | None:
    people = [e for e in reg.entities if e.kind == "person" and e.id not in besides]
    return max(people, key=lambda e: len(e.mentions)).id if people else None


def turn_speaker(doc: Doc, label: str, reg: Registry) -> str | None:
    """The person behind an interview label: "Q" is the interviewer, "A" the interviewee."""
    if label not in {"Q", "A"}:
        return None
    found = session(doc, reg)
    if found is None:
        return None
    return found.interviewer if label == "Q" else found.interviewee
