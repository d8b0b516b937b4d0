"""People inside one article: every name, surname, description and pronoun tied to one person.

No coreference model is installable here, so this is the rule chain a careful reader follows:
full names first; a lone surname (or a near-miss spelling of one) joins the person who bears it;
a definite role description ("the Russian leader") joins the person whose known roles it shares;
a pronoun joins the nearest compatible person, preferring subjects. Each step is recorded on
``Token._.person`` so later components only look up what was decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import (
    ANONYMOUS_HEADS,
    FEMALE_NAMES,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    MALE_NAMES,
    MALE_PRONOUNS,
    MALE_TITLES,
    ORG_DESCRIPTIONS,
    ORG_WORDS,
    ROLE_NOUNS,
    TITLE_ROLES,
    TITLES,
)
from onrecord.model import Mention, Person

PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_MIN_FUZZY_LEN = 6
_FUZZY_RATIO = 0.8
_PRONOUN_WINDOW = 4  # sentences back that a pronoun may reach


@dataclass
class Entity:
    """A person being assembled; becomes a model.Person at the end."""

    id: str
    tokens: list[str]  # the fullest name seen, title-free
    kind: str = "person"
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    last_seen: int = -1  # token index of the latest mention
    spoke: bool = False  # organisations are listed among the people only when they speak

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def surname(self) -> str:
        return self.tokens[-1].lower()


def _clean_name(span: Span) -> list[Token]:
    """The name tokens of an entity span: no possessive, no leading titles or descriptors."""
    toks = [t for t in span if t.tag_ != "POS" and t.text not in {"'s", "’s", "'", "’"}]
    while toks and (
        toks[0].lower_.rstrip(".") + ("." if toks[0].text.endswith(".") else "") in TITLES
        or toks[0].lower_ in TITLES
        or not toks[0].text[:1].isupper()
    ):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks


def _gender_of(span: Span, name: list[Token]) -> str | None:
    """Gender from a courtesy title or office ("Mrs.", "Councilwoman"), else from the first name."""
    by_title = _gender_from_title(span)
    if by_title or len(name) < 2:
        return by_title
    first_name = name[0].lower_
    if first_name in FEMALE_NAMES:
        return "female"
    if first_name in MALE_NAMES:
        return "male"
    return None


def _gender_from_title(span: Span) -> str | None:
    first = span[0].lower_
    if first in MALE_TITLES:
        return "male"
    if first in FEMALE_TITLES:
        return "female"
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev in MALE_TITLES:
        return "male"
    if prev in FEMALE_TITLES:
        return "female"
    return None


def _roles_near(span: Span) -> set[str]:
    """Descriptor words attached to a name: "Russian leader Vladimir Putin", "Peskov, the spokesman"."""
    doc = span.doc
    roles: set[str] = set()
    i = span.start - 1
    while i >= 0 and i >= span.start - 6:
        t = doc[i]
        if t.tag_ == "POS" or t.dep_ == "case":
            i -= 1
            continue
        if t.lower_ in TITLE_ROLES:
            roles.add(TITLE_ROLES[t.lower_])
            i -= 1
            continue
        if t.pos_ in {"NOUN", "ADJ", "PROPN"} and t.ent_type_ != "PERSON" and not t.is_sent_start:
            roles.add(t.lemma_.lower())
            i -= 1
            continue
        if t.pos_ in {"NOUN", "ADJ", "PROPN"}:
            roles.add(t.lemma_.lower())
        break
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].lower_ == "of" and after[1].ent_type_ == "GPE":
        roles.add(after[1].lemma_.lower())  # "Sen. Marco Rubio of Florida"
    root = span.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        roles.update(
            w.lemma_.lower() for w in root.head.subtree if w.pos_ in {"NOUN", "ADJ"} and w.i < span.start
        )
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            roles.update(w.lemma_.lower() for w in child.subtree if w.pos_ in {"NOUN", "ADJ"})
    return {
        r for r in roles if r in ROLE_NOUNS or r in _descriptor_words(span.doc) or r in TITLE_ROLES.values()
    }


def _descriptor_words(doc: Doc) -> set[str]:
    """Adjectives and proper modifiers of a doc, which can describe a person ("Russian", "Kremlin")."""
    cached = doc.user_data.get("onrecord_descriptors")
    if cached is None:
        cached = {
            t.lemma_.lower()
            for t in doc
            if t.pos_ in {"ADJ", "PROPN"} or t.ent_type_ in {"NORP", "GPE", "ORG"}
        }
        doc.user_data["onrecord_descriptors"] = cached
    return cached


def _is_modifier(span: Span) -> bool:
    """True for names used as modifiers of a thing ("the Trump campaign", "Miss Universe show")."""
    root = span.root
    return root.dep_ == "compound" and root.head.pos_ in {"NOUN", "PROPN"} and root.head.ent_type_ != "PERSON"


class Registry:
    """The people of one document, in order of first mention."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []

    def new(self, tokens: list[str], kind: str = "person") -> Entity:
        ent = Entity(id=f"p{len(self.entities) + 1}", tokens=tokens, kind=kind)
        self.entities.append(ent)
        return ent

    def match_surname(self, word: str) -> Entity | None:
        """The most recently mentioned person with this surname, or a close misspelling of it."""
        low = word.lower()
        exact = [
            e
            for e in self.entities
            if e.surname == low or (len(e.tokens) == 1 and e.tokens[0].lower() == low)
        ]
        if exact:
            return max(exact, key=lambda e: e.last_seen)
        if len(low) >= _MIN_FUZZY_LEN - 1:
            best, best_ratio = None, 0.0
            for e in self.entities:
                if len(e.surname) < _MIN_FUZZY_LEN - 1 or e.surname[0] != low[0] or e.kind != "person":
                    continue
                ratio = SequenceMatcher(None, low, e.surname).ratio()
                if ratio > best_ratio:
                    best, best_ratio = e, ratio
            if best is not None and best_ratio >= _FUZZY_RATIO:
                return best
        return None

    def match_first_name(self, word: str) -> Entity | None:
        low = word.lower()
        found = [e for e in self.entities if len(e.tokens) > 1 and e.tokens[0].lower() == low]
        return max(found, key=lambda e: e.last_seen) if len(found) == 1 else None

    def add_name(self, tokens: list[Token]) -> Entity:
        words = [t.text for t in tokens]
        if len(words) == 1:
            ent = self.match_surname(words[0]) or self.match_first_name(words[0])
            return ent or self.new(words)
        surname = words[-1].lower()
        for ent in sorted(self.entities, key=lambda e: -e.last_seen):
            if ent.surname != surname:
                continue
            if len(ent.tokens) == 1:
                ent.tokens = words  # the fuller name wins
                return ent
            if ent.tokens[0].lower() == words[0].lower() or ent.tokens[0][0].lower() == words[0][0].lower():
                if len(words) > len(ent.tokens):
                    ent.tokens = words
                return ent
        return self.new(words)


def _record(ent: Entity, start: int, end: int, doc: Doc) -> None:
    ent.mentions.append((start, end))
    ent.last_seen = max(ent.last_seen, end)
    for t in doc[start:end]:
        t._.person = ent.id


def _name_mentions(doc: Doc, reg: Registry) -> None:
    """Names from the entity recognizer, then capitalised words that match a known surname."""
    title_end = doc._.title_span[1] if doc._.title_span else -1
    for ent_span in doc.ents:
        # Headline capitals mislead the recognizer ("Putin Tried"), so names start in the story.
        if ent_span.label_ != "PERSON" or _is_modifier(ent_span) or ent_span.start_char < title_end:
            continue
        toks = _clean_name(ent_span)
        if not toks or any(t.is_digit for t in toks) or (len(toks) == 1 and toks[0].is_upper):
            continue  # a lone capitalised word is a dateline ("RIVERTON, Ohio"), not a name
        ent = reg.add_name(toks)
        ent.gender = ent.gender or _gender_of(ent_span, toks)
        ent.roles |= _roles_near(doc[toks[0].i : toks[-1].i + 1])
        _record(ent, toks[0].i, toks[-1].i + 1, doc)
    _titled_names(doc, reg, title_end)
    _organizations(doc, reg, title_end)
    if not reg.entities:
        return
    for tok in doc:
        if (
            tok._.person is not None
            or tok.pos_ != "PROPN"
            or not tok.text[:1].isupper()
            or tok.idx < title_end
        ):
            continue
        if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head._.person is None:
            continue
        ent = reg.match_surname(tok.text)
        if ent is not None:
            _record(ent, tok.i, tok.i + 1, doc)


def _organizations(doc: Doc, reg: Registry, title_end: int) -> None:
    """Organisations the recognizer names, so that "the company said" can point back to one."""
    for ent_span in doc.ents:
        if ent_span.label_ != "ORG" or ent_span.start_char < title_end or _is_modifier(ent_span):
            continue
        words = [t for t in ent_span if not t.is_punct and t.tag_ != "POS" and t.lower_ != "the"]
        if (
            not words
            or any(t._.person is not None for t in words)
            or not any(t.text[:1].isupper() for t in words)
        ):
            continue
        last = words[-1].lower_
        if any(e.kind == "person" and e.surname == last for e in reg.entities):
            continue  # a person's surname the recognizer took for a company ("Trump said")
        name = " ".join(t.text for t in words)
        ent = next((e for e in reg.entities if e.kind == "organization" and e.name == name), None)
        if ent is None:
            ent = reg.new([t.text for t in words], kind="organization")
        _record(ent, words[0].i, words[-1].i + 1, doc)


def propn_runs(doc: Doc) -> list[Span]:
    """Maximal runs of capitalised proper-noun tokens ("City Engineer Tomasz Wyrick")."""
    runs: list[Span] = []
    start = None
    for tok in doc:
        is_name = tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.tag_ != "POS"
        if is_name and start is None:
            start = tok.i
        elif not is_name and start is not None:
            runs.append(doc[start : tok.i])
            start = None
    if start is not None:
        runs.append(doc[start : len(doc)])
    return runs


def _titled_names(doc: Doc, reg: Registry, title_end: int) -> None:
    """Names the recognizer missed but a title gives away: "Councilwoman Ines Tavernier".

    The small model tags many such names ORG or nothing; an office or courtesy title right before
    capitalised words is a surer sign of a person, unless the words name an institution.
    """
    for run in propn_runs(doc):
        if run.start_char < title_end or any(t._.person is not None for t in run) or _is_modifier(run):
            continue
        words = [t.lower_ for t in run]
        last_title = max((k for k, w in enumerate(words) if w in TITLES or w in ROLE_NOUNS), default=-1)
        name = [t for t in run[last_title + 1 :] if t.is_alpha]
        if last_title < 0 or not name or len(name) > 3 or any(t.lower_ in ORG_WORDS for t in name):
            continue
        ent = reg.add_name(name)
        ent.gender = ent.gender or _gender_of(run, name)
        ent.roles |= {TITLE_ROLES.get(w, w) for w in words[: last_title + 1]}
        _record(ent, name[0].i, name[-1].i + 1, doc)


def _descriptions(doc: Doc, reg: Registry) -> None:
    """Definite role descriptions ("the Russian leader") joined to the person whose roles they share."""
    title_end = doc._.title_span[1] if doc._.title_span else -1
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root._.person is None and chunk[0].lower_ == "the" and root.lemma_.lower() in ORG_DESCRIPTIONS:
            orgs = [e for e in reg.entities if e.kind == "organization" and 0 <= e.last_seen <= chunk.start]
            if orgs and chunk.start_char >= title_end:
                _record(max(orgs, key=lambda e: e.last_seen), chunk.start, chunk.end, doc)
            continue
        if root._.person is not None or root.lemma_.lower() not in ROLE_NOUNS:
            continue
        if chunk[0].lower_ != "the" or root.lemma_.lower() in ANONYMOUS_HEADS - ROLE_NOUNS:
            continue
        if any(t._.person is not None for t in chunk) or chunk.start_char < title_end:
            continue
        follower = doc[chunk.end] if chunk.end < len(doc) else None
        if follower is not None and (follower.ent_type_ == "PERSON" or follower._.person is not None):
            continue  # "the Kremlin spokesman Dmitry Peskov": a title before a name, not a reference
        if any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.ent_type_ in {"GPE", "LOC", "NORP"} for g in c.children)
            for c in root.children
        ):
            continue  # "the King of Holland" introduces someone new; "the secretary of state" need not
        words = {t.lemma_.lower() for t in chunk if t.pos_ in {"NOUN", "ADJ", "PROPN"}}
        before = [
            e for e in reg.entities if e.mentions and e.mentions[0][0] < chunk.start and e.kind == "person"
        ]
        if not before:
            continue
        scored = []
        for e in before:
            overlap = len(words & e.roles)
            conflict = 1 if e.roles and not overlap else 0
            scored.append((overlap, -conflict, len(e.mentions), e.last_seen, e))
        best = max(scored, key=lambda s: s[:4])
        if best[0] == 0:
            # No known role fits: an article refers by description to the person it is about, so take
            # the clearly most mentioned person so far, else one whose known roles do not conflict.
            counts = sorted(
                ((sum(1 for m in e.mentions if m[0] < chunk.start), e) for e in before), key=lambda x: -x[0]
            )
            top = counts[0]
            if top[0] >= 2 and (len(counts) == 1 or top[0] >= 1.5 * counts[1][0]):
                best = (0, 0, top[0], top[1].last_seen, top[1])
            elif best[1] < 0:
                continue
        ent = best[4]
        ent.roles |= words
        _record(ent, chunk.start, chunk.end, doc)


def resolve_pronoun(doc: Doc, tok: Token, entities: list[Entity]) -> Entity | None:
    """The nearest earlier person a third-person pronoun can refer to, preferring subjects."""
    gender = "male" if tok.lower_ in MALE_PRONOUNS else "female"
    sent_start = doc[max(0, _sentence_start_back(doc, tok, _PRONOUN_WINDOW))].i
    best: tuple[int, int, int] | None = None
    best_ent: Entity | None = None
    for ent in entities:
        if ent.kind != "person" or (ent.gender and ent.gender != gender):
            continue
        for start, end in ent.mentions:
            if not (sent_start <= start and end <= tok.i):
                continue
            head = doc[start:end].root
            same_sentence = head.sent.start == tok.sent.start
            in_quote = head._.in_quote is not None and tok._.in_quote is None
            score = (int(head.dep_ in _SUBJECT_DEPS) * 2 + int(same_sentence) - int(in_quote) * 3, end, 0)
            if best is None or score > best:
                best, best_ent = score, ent
    return best_ent


def _sentence_start_back(doc: Doc, tok: Token, n: int) -> int:
    sent = tok.sent
    for _ in range(n - 1):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def _pronouns(doc: Doc, reg: Registry) -> None:
    for tok in doc:
        if tok.lower_ not in PRONOUNS or tok._.in_quote is not None or tok.pos_ != "PRON":
            continue
        ent = resolve_pronoun(doc, tok, reg.entities)
        if ent is not None:
            ent.gender = ent.gender or ("male" if tok.lower_ in MALE_PRONOUNS else "female")
            _record(ent, tok.i, tok.i + 1, doc)


def to_people(doc: Doc, entities: list[Entity]) -> list[Person]:
    people = []
    for ent in entities:
        if not ent.mentions or (ent.kind == "organization" and not ent.spoke):
            continue
        mentions = [
            Mention(doc[s:e].text, (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))) for s, e in ent.mentions
        ]
        kind = "organization" if ent.kind == "organization" else "person"
        people.append(Person(id=ent.id, name=ent.name, mentions=mentions, roles=sorted(ent.roles), kind=kind))
    return people


@Language.component("onrecord_people")
def people_component(doc: Doc) -> Doc:
    """Cluster the people of the document and mark each resolved mention token."""
    reg = Registry()
    _name_mentions(doc, reg)
    _descriptions(doc, reg)
    _pronouns(doc, reg)
    doc.user_data["onrecord_registry"] = reg
    doc._.people = to_people(doc, reg.entities)
    return doc
