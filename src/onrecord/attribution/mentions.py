"""People inside one article: every name, surname, description and pronoun tied to one person.

No coreference model is installable here, so this is the rule chain a careful reader follows:
full names first; a lone surname (or a near-miss spelling of one) joins the person who bears it;
a definite role description ("the Russian leader") joins the person whose known roles it shares;
a pronoun joins the nearest compatible person, preferring subjects. Each step is recorded on
``Token._.person`` so later components only look up what was decided here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.attribution.first_names import borne_by_both, gender_of_first_name, known_first_name
from onrecord.attribution.lexicon import (
    ANONYMOUS_HEADS,
    CUE_VERBS,
    FEMALE_PRONOUNS,
    FEMALE_ROLE_NOUNS,
    FEMALE_TITLES,
    KIN_NOUNS,
    MALE_PRONOUNS,
    MALE_ROLE_NOUNS,
    MALE_TITLES,
    OFFICE_NOUNS,
    ORG_DESCRIPTIONS,
    ORG_WORDS,
    PARTY_LETTERS,
    PERSON_NOUNS,
    POST_NOMINALS,
    PUBLIC_BODIES,
    ROLE_NOUNS,
    SINGLE_OFFICES,
    SUBORDINATE_TITLES,
    TITLE_ROLES,
    TITLES,
    US_STATES,
    VAGUE_ROLE_WORDS,
)
from onrecord.attribution.organizations import (
    COMPANY,
    MEDIA,
    PARTY,
    POLICE,
    fits,
    kind_of,
    party_word,
    strict,
)
from onrecord.attribution.word_index import WordIndex
from onrecord.model import Mention, Person
from onrecord.spacy_doc import RELATIVE_TAGS, text_of, tokens_with

PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
#: Dependencies of a clause's subject, active or passive.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
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
    gender_titled: bool = False  # the gender came from a courtesy title ("Mr Vale"), not a first name
    roles: set[str] = field(default_factory=set)
    # offices held by one person at a time that a description guessed by salience called them ("the
    # prime minister"): not learnt as roles, since the guess may be wrong, but enough to keep another
    # such office ("the chancellor") off them
    offices_guessed: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    last_seen: int = -1  # token index of the latest mention
    spoke: bool = False  # organisations are listed among the people only when they speak

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def surname(self) -> str:
        return self.tokens[-1].lower()

    def spell_out(self, words: list[str]) -> None:
        """Take ``words`` as the name when they spell out the shortened one it has ("Liberal
        Democrats" for "Lib Dems"): as with people, the fuller name wins, whichever the recognizer's
        labels let the people step see first."""
        if _shortened([t.lower() for t in self.tokens], [w.lower() for w in words]):
            self.tokens = list(words)

    @property
    def first_seen(self) -> int:
        """Token index of the earliest mention: mentions are recorded in the order they are found, and
        a surname matched in a later pass ("Imre Vasko" after "Mr Vasko") comes after them."""
        return min(m[0] for m in self.mentions) if self.mentions else self.last_seen


#: Nouns for a person that neither a role list nor their form tell: a relation ("the widow") or one of
#: the general person nouns ("the patient").
_PERSON_WORDS = KIN_NOUNS | PERSON_NOUNS
#: British styles of address: "Rt" ("Right") before "Hon" or "Rev".
_RIGHT = frozenset({"rt", "rt.", "right"})
_STYLES = frozenset({"hon", "honourable", "honorable", "rev", "revd", "reverend"})

#: Any word that opens a relative clause, "whose" included: ``_ruled_out`` looks for one before the pronoun.
_ANY_RELATIVE = RELATIVE_TAGS | {"WP$"}


def _styled(first: str, second: str) -> bool:
    """ "Rt Hon", "Rt Rev" (lower-cased words): a British style of address, never part of a name."""
    return first in _RIGHT and second.rstrip(".") in _STYLES


#: Parts of speech a name never starts with, however the recognizer drew the entity.
_NEVER_NAMES = frozenset({"ADV", "INTJ", "CCONJ", "SCONJ", "PART"})


#: Marks that end a name when a space stands beside them ("Mr Howard - can he ..."); see ``_clean_name``.
_NAME_BREAKS = frozenset({"-", "–", "—", ","})


#: No lemmatizer lists: a word names a person only when the word lists say so.
_NO_WORDS = WordIndex()


def _clean_name(span: Span, words: WordIndex = _NO_WORDS) -> list[Token]:
    """The name tokens of an entity span: no possessive, no leading titles or descriptors (a word for
    a person is known as one by the lists, and by its form when ``words`` is the lemmatizer's)."""
    toks = [t for t in span if t.tag_ != "POS" and t.text not in {"'s", "’s", "'", "’"}]
    while toks:
        if len(toks) > 1 and _styled(toks[0].lower_, toks[1].lower_):
            toks = toks[2:]  # "the Rt Hon", "the Rt Rev Dr": a style, never a name ("Hon Lai" is one)
            continue
        if len(toks) > 2 and _label_before_name(toks[0], words):
            toks = toks[1:]  # "Campaigner Aoife Brannigan", "Headteacher Comfort Adjei"
            continue
        if party_word(toks[0].text) and not known_first_name(toks[0].text):
            rest = [t for t in toks if not party_word(t.text)]
            if len(rest) > 1 or (rest and known_first_name(rest[0].text)):
                toks = toks[1:]  # "Lib Dem Norman Baker": the party's words, not his name ("Tory Ann
                continue  # Beckett" keeps hers: "Tory" is a first name too)
        if not (
            toks[0].lower_.rstrip(".") + ("." if toks[0].text.endswith(".") else "") in TITLES
            or toks[0].lower_ in TITLES
            or not toks[0].text[:1].isupper()
            or toks[0].pos_ in _NEVER_NAMES  # a sentence's capital on "Maybe", "But", "So"
        ):
            break
        toks = toks[1:]
    # A spaced dash or a comma ends a name: the recognizer ran "Mr Howard - can he persuade ..." into
    # one. A hyphen inside a name ("Lewis-Cole") has no space around it; a nickname in quotation marks
    # or brackets stays ('John "Jack" Vander').
    for k, tok in enumerate(toks[1:], start=1):
        if tok.text in _NAME_BREAKS and (tok.whitespace_ or toks[k - 1].whitespace_):
            toks = toks[:k]
            break
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return _without_letters(toks)


def _without_letters(toks: list[Token]) -> list[Token]:
    """A name without the letters after it ("Frank Adair MP", "Nia Holt QC", "Edith Sharp MBE")."""
    while len(toks) > 2 and toks[-1].text in POST_NOMINALS:
        toks = toks[:-1]
    return toks


def _labelled_by(doc: Doc, run: Span) -> Token | None:
    """The word that may say what the person named by ``run`` is: the one right before it ("nurse
    Ewan Ricketts"), the noun the name is set beside ("a council spokesman, Neville Park,"), or the
    one set beside the name after it ("Lionel Akers, the chairman,") when nothing comes before."""
    root = run.root
    if root.dep_ == "appos" and root.head.i < run.start:
        return root.head
    before = doc[run.start - 1] if run.start > 0 else None
    after = next((c for c in root.children if c.dep_ == "appos" and c.i > run.end and c.pos_ == "NOUN"), None)
    # after the name, only a listed word for a person: "Marwick Tull, the operator of the ferry
    # service," is a firm
    listed = after is not None and listed_person_noun(after.lower_)
    if listed and (before is None or before.is_punct or before.pos_ not in {"NOUN", "PROPN"}):
        return after
    return before


def _person_label(word: Token | None, words: WordIndex) -> str | None:
    """How surely ``word``, just before capitalised words, says they are a person's name: "title" for
    a title ("Dr", "Cllr"), "listed" for a listed noun for a person ("nurse", "spokesman"), "form"
    for a noun that names a person by its form only ("campaigner", "striker"), else None. Only a title
    is sure alone: "developer", "manager", "owner" and "miner" name firms too."""
    if word is None or word.pos_ not in {"NOUN", "PROPN"} or known_first_name(word.text):
        return None
    lower = word.lower_
    if lower in TITLES or lower.rstrip(".") in TITLES:
        return "title"
    if listed_person_noun(lower):
        return "listed"
    return "form" if lower not in ORG_DESCRIPTIONS and _names_a_person(lower, words) else None


def _label_before_name(word: Token, words: WordIndex) -> bool:
    """Whether ``word``, capitalised at the head of a three-word or longer name the recognizer gave a
    person, is what the person is or does ("Farmer Ewan Ricketts", "Headteacher Comfort Adjei"), not
    a name of its own: a noun for a person, and no first name itself ("Hunter Stockton Lowe", "Grant
    Michael Lowe" keep theirs)."""
    lower = word.lower_
    return not known_first_name(word.text) and lower not in ORG_DESCRIPTIONS and _names_a_person(lower, words)


def _names_a_person(lower: str, words: WordIndex) -> bool:
    """A noun for a person by the lists ("nurse", "coach") or by its form ("campaigner"), or a closed
    compound of a common noun and such a noun ("headteacher", "schoolteacher")."""
    if listed_person_noun(lower) or words.names_a_person(lower):
        return True
    return any(lower[:k] in words.nouns and words.names_a_person(lower[k:]) for k in range(3, len(lower) - 4))


def listed_person_noun(lower: str) -> bool:
    """A noun the word lists give to people only ("nurse", "senator", "aunt")."""
    return lower in PERSON_NOUNS or lower in ROLE_NOUNS or lower in KIN_NOUNS


def _note_gender(ent: Entity, span: Span, name: list[Token]) -> None:
    """Gender from a courtesy title or office ("Mrs.", "Councilwoman"), else from the first name.

    A title outranks the name list for a name both genders bear: the list gives "Kim" or "Jordan" to
    the gender most of its US bearers have, and "Mr Vale" later in the story says which this one is. A
    name the list settles ("John") keeps its gender: "John Vale ... Mrs Vale" is more likely his wife,
    whom the registry joins to him by surname, than a woman called John. A first title is kept over a
    later one ("Mr Vale ... Mrs Vale")."""
    by_title = _gender_from_title(span)
    if by_title is not None and not ent.gender_titled:
        if ent.gender is None or (len(ent.tokens) > 1 and borne_by_both(ent.tokens[0])):
            ent.gender, ent.gender_titled = by_title, True
    elif ent.gender is None and len(name) >= 2:
        ent.gender = gender_of_first_name(name[0].text)


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
    before: list[str] = []  # the words right before the name, in their order
    i = span.start - 1
    while i >= 0 and i >= span.start - 6:
        t = doc[i]
        if t.tag_ == "POS" or t.dep_ == "case":
            if i > 0 and kind_of([doc[i - 1].text]) == MEDIA:
                roles.add("journalist")  # "CNN's Gloria Borger" works for CNN
            i -= 1
            continue
        if t.lower_ in TITLE_ROLES:
            before.insert(0, TITLE_ROLES[t.lower_])
            i -= 1
            continue
        if t.pos_ in {"NOUN", "ADJ", "PROPN"} and t.ent_type_ != "PERSON" and not t.is_sent_start:
            before.insert(0, t.lemma_.lower())
            i -= 1
            continue
        if t.pos_ in {"NOUN", "ADJ", "PROPN"}:
            before.insert(0, t.lemma_.lower())
        break
    roles.update(before)
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].lower_ == "of" and after[1].ent_type_ == "GPE":
        roles.add(after[1].lemma_.lower())  # "Sen. Marco Rubio of Florida"
    root = span.root
    # "The Bishop of Riverton, Alan Marsh,": a capitalised office the name is set beside is a role too
    if root.dep_ == "appos" and (root.head.pos_ == "NOUN" or _office_title(root.head)):
        roles.update(
            w.lemma_.lower()
            for w in root.head.subtree
            if (w.pos_ in {"NOUN", "ADJ"} or _office_title(w)) and w.i < span.start
        )
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            # "Alan Milburn, Labour's election strategist": the role and its adjectives, not a noun that
            # only modifies it (as a role word, "election" made "the next general election" the man)
            roles.update(
                w.lemma_.lower() for w in child.subtree if w.pos_ in {"NOUN", "ADJ"} and not _modifier(w)
            )
    return _ranked_roles(
        before,
        {
            r
            for r in roles
            if r in ROLE_NOUNS
            or r in KIN_NOUNS
            or r in _descriptor_words(span.doc)
            or r in TITLE_ROLES.values()
        },
    )


def _ranked_roles(order: list[str], roles: set[str]) -> set[str]:
    """A person's role words, with an office another word makes a different one kept whole: after
    "Deputy" in "Deputy Prime Minister John Prescott" the words up to the office's role noun are one
    role, "deputy prime minister", so that "the prime minister" later is not him (nor "the
    president" a vice president); "the minister" still may be, and a title after the office stays as
    it is ("Vice Chancellor Professor Helen Marr" is "the professor")."""
    below = next((w for w in order if w in SUBORDINATE_TITLES), None)
    if below is None:
        return roles
    after = order[order.index(below) + 1 :]
    last = next((k for k, w in enumerate(after) if _role_word(w)), None)
    if last is None:
        return roles
    while last + 1 < len(after) and _role_word(after[last + 1]) and after[last + 1] not in TITLES:
        last += 1  # "Deputy Chief Executive", not "Vice Chancellor Professor"
    office = after[: last + 1]
    return (roles - set(office)) | {below, " ".join([below, *office])}


def _role_word(word: str) -> bool:
    return word in ROLE_NOUNS or word in OFFICE_NOUNS


def _another_office(e: Entity, head: str, words: set[str]) -> bool:
    """Whether a person holds an office another word makes a different one and the description names
    the office itself: "the prime minister" for the "deputy prime minister" (not "the minister")."""
    for role in e.roles:
        rank, *office = role.split()
        named = rank in SUBORDINATE_TITLES and rank not in words and office and office[-1] == head
        if named and set(office) <= words:
            return True
    return False


def _single_office(chunk: Span) -> str | None:
    """The office one person holds at a time that a description names ("the prime minister", "the
    premier" alike), if any."""
    head = chunk.root.lemma_.lower()
    words = [t.lower_ for t in chunk if t.i < chunk.root.i]
    if head == "minister" and "prime" in words:
        return SINGLE_OFFICES.get("prime minister")
    return SINGLE_OFFICES.get(head) if not set(words) & SUBORDINATE_TITLES else None


_PARTY_STATE = re.compile(
    r"\s*[(,]\s*([RDI])\s*[-–—]\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)(?=\s*[),;]|\s|$)"
)
_STATE_NAMES = {name.replace("_", ""): name for name in US_STATES.values()}
_STATE_WORDS = frozenset(name.split("_")[-1] for name in US_STATES.values())


def _office_title(tok: Token) -> bool:
    """A role written as a title ("the Bishop", "the Chancellor"), which the recognizer may take for a
    name or an organisation."""
    return tok.pos_ == "PROPN" and tok.tag_ == "NNP" and tok.lemma_.lower() in ROLE_NOUNS


def _party_state(span: Span) -> set[str]:
    """ "Marco Rubio (R-Fla.)": the party and state that news style writes after a lawmaker's name."""
    doc = span.doc
    after = doc[span.end : min(len(doc), span.end + 8)]
    found = _PARTY_STATE.match(" " + after.text)
    if found is None:
        return set()
    roles = set(PARTY_LETTERS[found.group(1).lower()])
    key = found.group(2).lower().rstrip(".").replace(" ", "")
    state = US_STATES.get(key) or _STATE_NAMES.get(key)
    return roles | set(state.split("_")) if state else roles


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
    head = root.head
    # "Ruth Caldwell MP": the parser hangs the name on the letters after it, which are hers (not "Euro
    # MP Robert Kilroy", where the letters are a word for him)
    after_a_name = head.text in POST_NOMINALS and head.i == span.end and _opens_with_a_first_name(span)
    return (
        root.dep_ == "compound"
        and head.pos_ in {"NOUN", "PROPN"}
        and head.ent_type_ != "PERSON"
        and not after_a_name
    )


def _shortened(short: list[str], full: list[str]) -> bool:
    """ "lib dems" for "liberal democrats": two or more words, each the same as the other name's word
    in its place or a shortening of it (its start, three letters or more and under half its length, a
    plural's "s" aside), and not the same name. "Kent Police" is not "Kenton Police", nor "Wood
    Group" "Woodside Group": a name's start that long is another name."""
    if len(short) < 2 or len(short) != len(full) or short == full:
        return False
    stems = [(a.removesuffix("s"), b.removesuffix("s")) for a, b in zip(short, full, strict=True)]
    return all(a == b or (3 <= len(a) < len(b) / 2 and b.startswith(a)) for a, b in stems)


class Registry:
    """The people of one document, in order of first mention."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []

    def get(self, entity_id: str | None) -> Entity | None:
        """The entity with this id ("p3"), or None: statements and tokens hold ids, not entities."""
        return next((e for e in self.entities if e.id == entity_id), None) if entity_id else None

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
            # Two people share the surname (an aunt and her nephew): the bare surname is the one the
            # story introduced first, its subject; the other is called by first name.
            return min(exact, key=lambda e: e.first_seen)
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

    def organization_named(self, words: list[str]) -> Entity | None:
        """The organisation already known by this name, or by a name it shortens or spells out ("Lib
        Dems" and "Liberal Democrats": word for word, one the start of the other)."""
        low = [w.lower() for w in words]
        for ent in self.entities:
            known = [t.lower() for t in ent.tokens]
            if ent.kind == "organization" and (
                known == low or _shortened(low, known) or _shortened(known, low)
            ):
                return ent
        return None

    def organization_by_first_word(self, name: str) -> Entity | None:
        """The one organisation whose longer name opens with this single word ("Southvale said" after
        "Southvale Water has imposed a ban"), when no other entity's name holds the word."""
        word = name.strip().lower()
        if not word or " " in word:
            return None
        holding = [e for e in self.entities if any(t.lower() == word for t in e.tokens)]
        if len(holding) != 1 or holding[0].kind != "organization" or len(holding[0].tokens) < 2:
            return None
        return holding[0] if holding[0].tokens[0].lower() == word else None

    def match_first_name(self, word: str) -> Entity | None:
        low = word.lower()
        found = [e for e in self.entities if len(e.tokens) > 1 and e.tokens[0].lower() == low]
        return max(found, key=lambda e: e.last_seen) if len(found) == 1 else None

    def add_name(self, tokens: list[Token]) -> Entity:
        words = name_words(tokens)
        if len(words) == 1:
            ent = self.match_surname(words[0])
            if ent is None and not (_after_courtesy_title(tokens[0]) and gender_of_first_name(words[0])):
                # "Mr Warren" is a surname, never the Warren Vale the story named first; a given name
                # the list does not hold may be how the man is called ("Mr Prasert", Thai style)
                ent = self.match_first_name(words[0])
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


#: Titles put before a surname ("Mr Warren"), unlike "Sir" or "Dr", which also come with a first name.
_SURNAME_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."})


def _after_courtesy_title(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in _SURNAME_TITLES


def name_words(tokens: list[Token]) -> list[str]:
    """The words of a name as printed: the tokenizer splits "Oyelaran-Voss" in three, the name is one."""
    words: list[str] = []
    for k, t in enumerate(tokens):
        glued = k > 0 and not tokens[k - 1].whitespace_ and (t.text == "-" or tokens[k - 1].text == "-")
        if glued and words:
            words[-1] += t.text
        else:
            words.append(t.text)
    return words


def _record(ent: Entity, start: int, end: int, doc: Doc) -> None:
    ent.mentions.append((start, end))
    ent.last_seen = max(ent.last_seen, end)
    for t in doc[start:end]:
        t._.person = ent.id


def add_mention(reg: Registry, person: str, start: int, end: int, doc: Doc) -> None:
    """Record tokens ``start:end`` as a mention of a known person (by registry id)."""
    ent = reg.get(person)
    if ent is not None:
        _record(ent, start, end, doc)


def _name_mentions(doc: Doc, reg: Registry, words: WordIndex) -> None:
    """Names from the entity recognizer, then capitalised words that match a known surname."""
    title_end = doc._.title_span[1] if doc._.title_span else -1
    for ent_span in doc.ents:
        # Headline capitals mislead the recognizer ("Putin Tried"), so names start in the story.
        person = ent_span.label_ == "PERSON" or _letters_after_a_name(ent_span)
        if not person or _is_modifier(ent_span) or ent_span.start_char < title_end:
            continue
        toks = _clean_name(_whole_person(ent_span, words), words)
        if not toks or any(t.is_digit for t in toks) or (len(toks) == 1 and toks[0].is_upper):
            continue  # a lone capitalised word is a dateline ("RIVERTON, Ohio"), not a name
        if len(toks) == 1 and _labelled_a_body_elsewhere(doc, toks[0], words):
            continue
        trade = _body_by_its_trade(toks) or _body_by_its_name(toks, words)
        if trade is not None:  # "Smart-home company Nestwick": the recognizer's person is a firm
            name = name_words([t for t in toks if t.lower_ != "the"])
            ent = reg.organization_named(name) or reg.new(name, kind="organization")
            ent.spell_out(name)
            ent.roles.add(trade)
            _record(ent, toks[0].i, toks[-1].i + 1, doc)
            continue
        _add_person(doc, reg, ent_span, toks)
    _titled_names(doc, reg, title_end)
    _names_the_recognizer_missed(doc, reg, title_end, words)
    _organizations(doc, reg, title_end)
    if not reg.entities:
        return
    for tok in tokens_with(doc, "POS", ("propn",)):
        if tok._.person is not None or not tok.text[:1].isupper() or tok.idx < title_end:
            continue
        end = _hyphenated_end(doc, tok.i)
        inside = tok.head.i in range(tok.i, end)  # the parser hangs "Lewis" on "Cole" in "Lewis-Cole"
        if (
            tok.dep_ == "compound"
            and tok.head.pos_ in {"NOUN", "PROPN"}
            and tok.head._.person is None
            and not inside
        ):
            continue
        ent = reg.match_surname(doc[tok.i : end].text)
        if ent is not None:
            _record(ent, tok.i, end, doc)


def _opens_with_a_first_name(span: Span) -> bool:
    return len(span) > 1 and known_first_name(span[0].text)


def _letters_after_a_name(ent: Span) -> bool:
    """ "Frank Adair MP", "Nia Holt QC", which the recognizer may call a body: two or three capitalised
    names opening with a first name the list knows ("Bolton West MP" is a seat's member, not a name),
    then the letters of an office or an honour that only a person holds."""
    names = ent[:-1]
    return (
        ent[-1].text in POST_NOMINALS
        and 2 <= len(names) <= 3
        and _opens_with_a_first_name(names)
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper for t in names)
    )


#: The recognizer's labels of bodies, places and peoples: a lone word it also gives one of these is
#: no person's name.
_NOT_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})


def _labelled_a_body_elsewhere(doc: Doc, word: Token, words: WordIndex) -> bool:
    """A lone word the recognizer calls a person here and, elsewhere in the story, more often a body,
    place or people ("Labour said ..." beside "Labour has ..." tagged ORG), or as often when it is
    a common English word ("Telegraph" beside "the Daily Telegraph"; "Akon" is a name either way):
    the small model's labels of one word swing from sentence to sentence, and a name no first name
    backs is a person's only by its votes. A surname stays when a fuller name holds it, whatever
    its label ("Nadal" beside "Rafael Nadal" tagged ORG), and so does a first name."""
    if known_first_name(word.text):
        return False
    person = other = 0
    for ent in doc.ents:
        if word.lower_ not in (t.lower_ for t in ent):
            continue
        if len(ent) > 1 and (ent.label_ == "PERSON" or _opens_with_a_first_name(ent)):
            return False
        if ent.label_ == "PERSON":
            person += 1
        # a longer name votes only when its words say it is a body's ("Daily Telegraph"): "Montell
        # Figgins" tagged ORG may be a name with a first name the list does not know
        elif ent.label_ in _NOT_PERSON_LABELS and (len(ent) == 1 or kind_of([t.text for t in ent])):
            other += 1
    return other > person or (other == person and words.common(word.text))


def _whole_person(ent: Span, words: WordIndex) -> Span:
    """A person's name where the recognizer drew it short: "Ana" left out of "Ana Sol", "Nakashima-
    Blyth" left out of "Marguerite Nakashima-Blyth". The parser still hangs the missing words on the
    name (a compound inside it, or the name's last word a compound of them), and they carry no label.
    A title or a common word before the name is no part of it ("Prime Minister", "NFL Insider")."""
    doc = ent.doc

    def unlabelled_name_word(tok: Token) -> bool:
        capitalised = tok.pos_ == "PROPN" and tok.text[:1].isupper()
        return capitalised and tok.ent_type_ == "" and tok._.in_quote is None

    def first_name_word(tok: Token) -> bool:
        titled = tok.lower_ in TITLES or tok.lower_ in ROLE_NOUNS or words.common(tok.text) or len(tok) < 3
        return unlabelled_name_word(tok) and (known_first_name(tok.text) or not titled)

    start, end = ent.start, ent.end
    while start > 0 and first_name_word(doc[start - 1]) and doc[start - 1].dep_ == "compound":
        if not start <= doc[start - 1].head.i < end:
            break
        start -= 1
    if ent[-1].dep_ == "compound" and ent[-1].head.i >= end:
        while end < len(doc) and (
            unlabelled_name_word(doc[end]) or (_glued_hyphen(doc, end) and unlabelled_name_word(doc[end + 1]))
        ):
            end += 2 if doc[end].text == "-" else 1
    return doc[start:end]


def _body_by_its_trade(toks: list[Token]) -> str | None:
    """The word for a body's trade set right before a name ("company Nestwick", "the lender Ostby
    Vale"), which makes the name a body's, not a person's, unless it opens with a first name the list
    knows ("company founder Ana Sol" has a person's word between). Returns the word."""
    before = toks[0].doc[toks[0].i - 1] if toks[0].i > 0 else None
    if before is None or before.pos_ != "NOUN" or before.lemma_.lower() not in ORG_DESCRIPTIONS:
        return None
    if len(toks) > 1 and known_first_name(toks[0].text):
        return None
    indices = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in indices), toks[-1])
    beside = before.head.i in indices or (root.head.i == before.i and root.dep_ in {"appos", "compound"})
    return before.lemma_.lower() if beside else None  # "The charity Ngozi Adeyemi founded": hers


def _body_by_its_name(toks: list[Token], words: WordIndex) -> str | None:
    """A name whose words say what kind of body it is ("the Marlow Gazette", "Kestrel Holdings"),
    which the recognizer called a person: a body's, unless it opens with a first name the list knows
    ("Charlotte Church", "Emily Post"), or a word for a person or an age is set beside it, as beside
    a first name the list does not know ("Surgeon Oisin House", "Kofi Standard, 34,", "Yusuf Capital,
    a trader,"). Returns the kind."""
    if known_first_name(toks[0].text):
        return None
    if len(toks) < 2:
        # "Democrats said" tagged a person: a party's word is nobody's lone name ("Church" may be)
        return PARTY if kind_of([toks[0].text], outlets=False) == PARTY else None
    if any(_person_label(t, words) in {"title", "listed"} for t in toks[:-1]):
        return None  # "Garda Sergeant Clodagh Bishop", "Police Constable Ann Reed": a rank in the name
    doc, end = toks[0].doc, toks[-1].i + 1
    name = doc[toks[0].i : end]
    aged = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].like_num
    beside = [c for c in name.root.children if c.dep_ == "appos" and c.i >= end]  # "Yusuf Capital, a trader,"
    if aged or any(_person_label(w, words) for w in [_labelled_by(doc, name), *beside]):
        return None
    return kind_of([t.text for t in toks], outlets=False) or None


def _add_person(doc: Doc, reg: Registry, span: Span, toks: list[Token]) -> None:
    """Register the name ``toks`` (found in ``span``) as a person's, with its gender and the roles
    around it."""
    ent = reg.add_name(toks)
    _note_gender(ent, span, toks)
    ent.roles |= _roles_near(doc[toks[0].i : toks[-1].i + 1]) | _party_state(span)
    end = toks[-1].i + 1
    if end < len(doc) and doc[end].text in POST_NOMINALS:
        end += 1  # "Frank Adair MP said": the letters are his, and the parser may make them the subject
    _record(ent, toks[0].i, end, doc)


#: Recognizer labels a personal name it did not know may get (the small model calls "Marguerite
#: Olaniyan-Kraus" a people); a run labelled anything else (a place, a date, a work, a body: "Virginia
#: Tech" opens with a first name too) is left as it is.
_MISSED_NAME_LABELS = frozenset({"", "PERSON", "NORP"})
#: Labels of places, which a personal name after a title or a listed word for a person may get
#: ("a council spokesman, Neville Park,").
_PLACE = frozenset({"FAC", "GPE", "LOC"})
#: Dependencies of a name that stands for someone in the sentence: its subject, or set beside one.
_NAME_ROLES = frozenset({"nsubj", "nsubjpass", "appos"})


def _names_the_recognizer_missed(doc: Doc, reg: Registry, title_end: int, words: WordIndex) -> None:
    """Names the recognizer missed, given away by a first name the Census list holds ("Marguerite
    Olaniyan-Kraus still opens her bookshop", "Wilhelmina Otieno-Grange said") or by a word for a
    person just before them ("Striker Tobiah Oyelaran-Stokes scored", "heritage campaigner Aoife
    Brannigan said"). Two or three capitalised words after the headline, none after the first a
    common English word (``words``: "Summer Street", "Hope Valley", "Amber Alerts", "Rose Garden
    Cafe" are places, things and firms; "Christian Democrats" a party), no word of an institution or a
    title, with no label but a person's or a people's (a body's only after a surer sign, see below),
    standing as the subject of its sentence or beside one ("Lena Okafor, 34, ...")."""
    for run in propn_runs(doc):
        end = _hyphenated_end(doc, run.end - 1)
        toks = list(doc[run.start : end])
        label = _person_label(_labelled_by(doc, run), words)
        styled = False  # a listed word for a person styled as a title before the name ("Nurse ...")
        if len(toks) > 2 and _label_before_name(toks[0], words):
            toks, label = toks[1:], _person_label(toks[0], words)  # "Striker Tobiah Oyelaran-Stokes"
            styled = label == "listed"  # "Carver Falls Courier": a noun for a person by its form only
        toks = _without_letters(toks)  # "Campaigner Edith Sharp MBE"
        parts = name_words(toks)
        if run.start_char < title_end or _is_modifier(doc[run.start : end]) or not 2 <= len(parts) <= 3:
            continue
        first_name = known_first_name(toks[0].text)
        # a body's or a place's label by the recognizer gives way to a title ("Dr Nkechi Halvorsen-
        # Teague"), to a word for a person styled as one ("Nurse Hauwa Tanko": a first name the list
        # need not know), or to a word for a person with a first name the list knows: "The developer,
        # Hillcrest Living," and "the manager, Northbridge Capital," stay firms
        sure = label == "title" or (label is not None and (first_name or styled))
        labels = _MISSED_NAME_LABELS | ({"ORG"} | _PLACE if sure else set())
        if any(t._.person is not None or t.ent_type_ not in labels for t in toks):
            continue
        alpha = [t for t in toks if t.is_alpha]
        # a body's word may be a surname after a word for a person styled as a title ("Nurse Aoife
        # Church"), never a first name ("Nurse Council Hall" is no one)
        surname = alpha[-1:] if styled else []
        body_words = [t for t in alpha if t.lower_ in ORG_WORDS and t not in surname]
        if body_words or any(t.is_upper or t.lower_ in TITLES for t in alpha):
            continue
        if not (label or first_name):
            continue
        if not (label and (first_name or styled)) and any(words.common(w) for w in parts[1:]):
            continue  # after a word for a person and a first name, "Neville Park" is a name
        # the run's head, letters after the name included ("Edith Sharp MBE, who ..., said")
        head = next((t for t in doc[run.start : end] if not run.start <= t.head.i < end), toks[-1])
        aged = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].like_num
        if head.dep_ in _NAME_ROLES or aged:
            _add_person(doc, reg, run, toks)


def _hyphenated_end(doc: Doc, i: int) -> int:
    """The end of a hyphenated name starting at token ``i``: the tokenizer splits "Lewis-Cole" in
    three, and the surname to match is the whole ("Dr Lewis-Cole said" is the Ann Lewis-Cole named
    before)."""
    end = i + 1
    while (
        end + 1 < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
    return end


#: Recognizer labels of bodies the people step registers: organisations, and the parties it may label
#: as peoples ("the Tories").
_BODY_LABELS = frozenset({"ORG", "NORP"})


def _organizations(doc: Doc, reg: Registry, title_end: int) -> None:
    """Organisations the recognizer names, so that "the company said" can point back to one."""
    for ent_span in doc.ents:
        if ent_span.label_ not in _BODY_LABELS or ent_span.start_char < title_end or _is_modifier(ent_span):
            continue
        a_people = ent_span.label_ == "NORP"
        ent_span = _full_name(ent_span)
        words = [t for t in ent_span if not t.is_punct and t.tag_ != "POS" and t.lower_ != "the"]
        party = kind_of([t.text for t in words]) == PARTY
        last = ent_span[-1]
        modifies = last.dep_ == "compound" and last.head.i >= ent_span.end and last.head.pos_ == "NOUN"
        if a_people and (not party or modifies):
            # "Americans", "Catholics": a people, not a body; "the Tories" is a party, but not in "the
            # Scottish Conservative leader", where the recognizer labels "Scottish" alone
            continue
        if len(words) > 1 and _styled(words[0].lower_, words[1].lower_):
            continue  # "The Rt Hon Ines Vale": a person's style, never a body's name
        if (
            not words
            or all(t.text in POST_NOMINALS for t in words)  # "Edith Sharp MBE": the letters are hers
            or any(t._.person is not None for t in words)
            or not any(t.text[:1].isupper() and t.pos_ == "PROPN" for t in words)  # "Smart-home company"
        ):
            continue
        root = ent_span.root
        office = root.lemma_.lower() if _office_title(root) else None
        if office is not None and any(office in e.roles for e in reg.entities if e.kind == "person"):
            continue  # "the Bishop said" after "The Bishop of Riverton, Alan Marsh,": him, not a body
        last = {words[-1].lower_, name_words(list(ent_span))[-1].lower()}  # "Voss", "Oyelaran-Voss"
        if any(e.kind == "person" and e.surname in last for e in reg.entities):
            continue  # a person's surname the recognizer took for a company ("Trump said")
        name = " ".join(t.text for t in words)
        ent = reg.organization_named([t.text for t in words])
        if ent is not None:
            ent.spell_out([t.text for t in words])
        else:
            described = any(c.dep_ == "appos" for c in ent_span.root.children)  # "Crowther, the founder,"
            by_first_word = None if described else reg.organization_by_first_word(name)  # "Brightwater"
            ent = by_first_word or reg.new([t.text for t in words], kind="organization")
        if party:
            ent.roles.add(PARTY)  # "the party said" later is this one
        _record(ent, words[0].i, words[-1].i + 1, doc)


def _full_name(ent: Span) -> Span:
    """An organisation's name where the recognizer cut it short: a place and "'s" before it ("South
    Dakota's Department of Social Services"), a capitalised word after it ("Sioux Falls Argus Leader")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        and doc[end].ent_type_ in {"", "ORG"}
    ):
        end += 1
    while start > 0 and (_owner_mark(doc, start - 1) or _place_word(doc[start - 1])):
        start -= 1
    return doc[start:end]


def _place_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ in {"GPE", "ORG"}


def _owner_mark(doc: Doc, i: int) -> bool:
    """The "'s" of a place or body that owns the name ("South Dakota's Department ...")."""
    return doc[i].tag_ == "POS" and i > 0 and doc[i - 1].ent_type_ in {"GPE", "ORG"}


_BODIES = frozenset({"campaign", "administration"})
_DOMAIN = re.compile(r"^[A-Z][\w-]*\.(?:com|org|net)$")
_SITE_ENDING = re.compile(r"\.(?:com|org|net)")


def _bodies_and_sites(doc: Doc, reg: Registry, title_end: int) -> None:
    """Organisations the recognizer leaves out: "the Obama administration", "Clinton's campaign",
    "GunBroker.com". Each speaks for itself, so "the administration said" can point back to it."""
    for tok in _bodies_or_sites(doc):
        site = "." in tok.text and _DOMAIN.match(tok.text) is not None
        if not site and tok.lower_ not in _BODIES:
            continue
        if tok.idx < title_end or tok._.person is not None:
            continue
        if site:
            name = [tok.text]
        elif tok.lower_ in _BODIES and tok.pos_ == "NOUN":
            owner = next((c for c in tok.lefts if c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN"), None)
            known = reg.match_surname(owner.text) if owner is not None else None
            if owner is None or known is None or known.kind != "person":
                continue
            name = ["the", owner.text, tok.lower_]
        else:
            continue
        ent = next((e for e in reg.entities if e.kind == "organization" and e.tokens == name), None)
        _record(ent or reg.new(name, kind="organization"), tok.i, tok.i + 1, doc)


def _bodies_or_sites(doc: Doc) -> list[Token]:
    """The tokens that may be a body ("administration") or a web site ("GunBroker.com"), in order."""
    sites = (
        doc.char_span(found.start(), found.end(), alignment_mode="expand")
        for found in _SITE_ENDING.finditer(text_of(doc))
    )
    found = {t.i: t for span in sites if span is not None for t in span}
    found.update((t.i, t) for t in tokens_with(doc, "LOWER", _BODIES))
    return [found[i] for i in sorted(found)]


def propn_runs(doc: Doc) -> list[Span]:
    """Maximal runs of capitalised proper-noun tokens ("City Engineer Tomasz Wyrick")."""
    runs: list[Span] = []
    start = end = -1
    for tok in tokens_with(doc, "POS", ("propn",)):
        if not tok.text[:1].isupper() or tok.tag_ == "POS":
            continue
        if tok.i != end and not (tok.i == end + 1 and _glued_hyphen(doc, end)):  # "Oyelaran-Stokes"
            if end > start:
                runs.append(doc[start:end])
            start = tok.i
        end = tok.i + 1
    if end > start:
        runs.append(doc[start:end])
    return runs


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen with no space on either side, joining two parts of a name."""
    inside = 0 < i < len(doc) - 1
    return inside and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_


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
        styled = [k + 1 for k, pair in enumerate(itertools.pairwise(words)) if _styled(*pair)]
        last_title = max([last_title, *styled])  # "Rt Hon Ines Vale", which the recognizer may call a body
        name = [t for t in run[last_title + 1 :] if t.is_alpha or t.text == "-"]  # a run's "-" is glued
        if last_title < 0 or not name or len(name_words(name)) > 3:
            continue
        if any(t.lower_ in ORG_WORDS for t in name) or kind_of([t.text for t in name]) == PARTY:
            continue  # "Liberal Democrats": "liberal" may be a word for a person, the rest is no name
        if len(name) == 1 and (name[0].lower_ in PUBLIC_BODIES or name[0].lower_ in ORG_DESCRIPTIONS):
            continue  # "the Gadau General Hospital": a title's word in a body's name
        ent = reg.add_name(name)
        _note_gender(ent, run, name)
        title = [TITLE_ROLES.get(w, w) for w in words[: last_title + 1]]
        ent.roles |= _ranked_roles(title, set(title)) | _party_state(run)
        _record(ent, name[0].i, name[-1].i + 1, doc)


def _description_words(chunk: Span) -> set[str]:
    """The words that describe: "the senator from Vermont" gives senator and vermont."""
    words = list(chunk) + [
        t
        for c in chunk.root.rights
        if c.dep_ == "prep" and c.lower_ in {"from", "of"}
        for t in c.subtree
        if t.i < chunk.end + 6
    ]
    described = {t.lemma_.lower() for t in words if t.pos_ in {"NOUN", "ADJ", "PROPN"}}
    return _ranked_roles([t.lemma_.lower() for t in chunk], described)


def pronoun_gender(tok: Token) -> str:
    """The gender a he or she pronoun gives its person (asked only of those: "they" reads as female)."""
    return "male" if tok.lower_ in MALE_PRONOUNS else "female"


def role_gender(word: str) -> str | None:
    """The gender a role noun gives ("chairwoman", "father"), if any."""
    return "male" if word in MALE_ROLE_NOUNS else "female" if word in FEMALE_ROLE_NOUNS else None


def _modifier(tok: Token) -> bool:
    """A common noun that only modifies the noun after it ("election" in "election strategist"): what
    the role is about, not the role, so "the election" later is no reference to the strategist."""
    return tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.i > tok.i


def _appositive_of(chunk: Span, reg: Registry) -> Entity | None:
    """ "Sanders, the senator from Vermont": a description set beside a name is that person's."""
    root = chunk.root
    if root.dep_ != "appos" or root.head._.person is None or root.pos_ != "NOUN":
        return None
    if any(t._.person is not None for t in chunk):
        return None
    ent = reg.get(root.head._.person)
    return ent if ent is not None and ent.kind == "person" else None


def _named_after_its_of(root: Token, reg: Registry) -> Entity | None:
    """ "The chairman of Gadau Local Government, Ibrahim Danjuma, said": the parser hangs the name set
    beside the description on the noun of its "of" phrase; the name is the description's."""
    for prep in (c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for name in (c for c in obj.rights if c.dep_ == "appos" and c.pos_ == "PROPN"):
                ent = reg.get(name._.person)
                if ent is not None and ent.kind == "person":
                    return ent
    return None


_AGE_WINDOW = 3
_AGE = re.compile(r"^the \d{1,3}-year-old$", re.I)


def plural(head: Token) -> bool:
    """A plural common noun ("the authors", "the researchers") or a number word above one ("the two",
    "all three") names a group, not one person ("Room 12" does not)."""
    if head.tag_ == "CD":
        return head.lower_ in _GROUP_NUMBERS
    return head.tag_ == "NNS"


_GROUP_NUMBERS = frozenset("two three four five six seven eight nine ten".split())


def not_the_one_named(description: Span, head: Token) -> bool:
    """ "the other parties", "the papers" (after the Sunday Times and the Sunday Telegraph): a
    description of others, or a word for a body made plural, is not the one body named last. A noun
    that is plural as it stands may still be one: "the police"."""
    several = head.tag_ == "NNS" and head.lower_ != head.lemma_.lower()
    return several or any(t.lower_ == "other" for t in description)


def age_description(chunk: Span) -> bool:
    """ "the 56-year-old": news style's second reference to a person whose age it gave or knows."""
    return bool(_AGE.match(chunk.text))


def _is_reference(chunk: Span, title_end: int, roles: frozenset[str] = frozenset()) -> bool:
    """A definite role description that may point back to a person ("the Florida senator").

    ``roles`` are the role words this document has already given its people ("real estate agent
    Eyamba Sowers" makes "the real estate agent" a reference), beyond the general list.
    """
    root = chunk.root
    aged = age_description(chunk)
    if plural(root) or root._.person is not None or not (aged or root.lemma_.lower() in ROLE_NOUNS | roles):
        return False
    if any(c.dep_ == "appos" and (c._.person is not None or c.ent_type_ == "PERSON") for c in root.children):
        return False  # "the union's regional secretary, Aileen Duthie,": a title set before a name
    if aged:
        return chunk.start_char >= title_end
    if chunk[0].lower_ != "the" or root.lemma_.lower() in ANONYMOUS_HEADS - ROLE_NOUNS:
        return False
    if any(t._.person is not None for t in chunk) or chunk.start_char < title_end:
        return False
    doc = chunk.doc
    follower = doc[chunk.end] if chunk.end < len(doc) else None
    if follower is not None and (follower.ent_type_ == "PERSON" or follower._.person is not None):
        return False  # "the Kremlin spokesman Dmitry Peskov": a title before a name, not a reference
    # "the King of Holland" introduces someone new; "the secretary of state" need not
    return not any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.ent_type_ in {"GPE", "LOC", "NORP"} for g in c.children)
        for c in root.children
    )


def _recent_subject(
    doc: Doc, chunk: Span, people: list[Entity], earlier_sentences: bool = False
) -> Entity | None:
    """The person most recently named as a main-clause subject, within the last three sentences
    (``earlier_sentences``: the last two before the chunk's own).

    When no known role fits a description, news prose usually re-describes the person the last
    sentences were about ("Marco Rubio still believes ... , the Florida senator told ...").
    """
    ids = {e.id: e for e in people}
    back = _sentence_start_back(doc, chunk[0], 3)
    for tok in reversed(doc[back : chunk.sent.start if earlier_sentences else chunk.start]):
        if (
            tok._.person in ids
            and tok.dep_ in SUBJECT_DEPS
            and tok.head.dep_ == "ROOT"
            and tok._.in_quote is None
        ):
            return ids[tok._.person]
    return None


def _most_mentioned(chunk: Span, people: list[Entity]) -> Entity | None:
    """The clearly most mentioned person so far: an article re-describes the person it is about."""
    counts = sorted(
        ((sum(1 for m in e.mentions if m[0] < chunk.start), e) for e in people), key=lambda x: -x[0]
    )
    if len(counts) == 1:
        return counts[0][1]  # the only person named so far
    if not counts or counts[0][0] < 2:
        return None
    return counts[0][1] if counts[0][0] >= 1.5 * counts[1][0] else None


def _described_person(chunk: Span, reg: Registry) -> tuple[Entity | None, bool]:
    """The earlier person a description refers to, and whether a known role confirmed it."""
    head = chunk.root.lemma_.lower()
    words = _description_words(chunk) - VAGUE_ROLE_WORDS
    single = _single_office(chunk)
    gender = role_gender(head)
    before = [
        e
        for e in reg.entities
        if e.kind == "person"
        and e.mentions
        and e.first_seen < chunk.start
        and not (gender and e.gender and e.gender != gender)
    ]
    if not before:
        return (_named_next(chunk, reg, head) if head in ROLE_NOUNS else None), False

    states = words & _STATE_WORDS

    def conflicts(e: Entity) -> bool:
        """Another office ("the senator" for a governor) or another state ("the Texas senator")."""
        office = head in OFFICE_NOUNS and bool(e.roles & OFFICE_NOUNS) and head not in e.roles
        # a deputy is not the office itself: "the prime minister" after "Deputy Prime Minister Ivo Tamm"
        office = office or _another_office(e, head, words)
        # nor one the story already called another office held by one person ("the chancellor" after
        # "the prime minister"; "the minister" after "the home secretary" may be the same)
        office = office or bool(single and e.offices_guessed - {single})
        theirs = e.roles & _STATE_WORDS
        return office or bool(states and theirs and not states & theirs)

    def seen(e: Entity) -> list[int]:
        return [m[1] for m in e.mentions if m[1] <= chunk.start] or [-1]

    # a shared state says more than a shared party or adjective, so it counts twice
    scored = [
        (
            -int(conflicts(e)),
            len(words & e.roles) + len(states & e.roles),
            int(head in e.roles),
            max(seen(e)),
            len(seen(e)),
            e,
        )
        for e in before
    ]
    best = max(scored, key=lambda s: s[:5])
    if best[1] > 0 and best[0] == 0:
        return best[5], True
    free = [e for e in before if not conflicts(e)]
    return _recent_subject(chunk.doc, chunk, free) or _most_mentioned(chunk, free), False


def _named_next(chunk: Span, reg: Registry, head: str) -> Entity | None:
    """The person a description stands for when nobody was named before it: a story may open on the
    office and name its holder right after ("The mayor of Merindee Shire has accused the state ...
    Mayor Hamish Baker told a meeting ..."). Only a word for a person's role counts ("the federation"
    is not the "Police Federation chairman" named next), and only a person named within the next two
    sentences by a title or role of that word."""
    doc = chunk.doc
    end = chunk.sent.end
    for _ in range(2):
        if end < len(doc):
            end = doc[end].sent.end
    after = [
        e
        for e in reg.entities
        if e.kind == "person" and head in e.roles and e.mentions and chunk.end <= e.first_seen < end
    ]
    return min(after, key=lambda e: e.first_seen, default=None)


def kin_reference(span: Span) -> bool:
    """ "Her nephew", "his wife": a relation that points back to the person the story gave it to."""
    return (
        len(span) == 2 and span[0].lower_ in {"his", "her", "their"} and span.root.lemma_.lower() in KIN_NOUNS
    )


def _kin_of(span: Span, people: list[Entity]) -> Entity | None:
    """The person last mentioned of those introduced with this relation ("Her nephew, Callum Reid,")."""
    kin = span.root.lemma_.lower()
    known = [(max(m[1] for m in e.mentions if m[1] <= span.start), e) for e in people if kin in e.roles]
    return max(known, key=lambda item: item[0])[1] if known else None


def refer_back(span: Span, reg: Registry, words: WordIndex) -> str | None:
    """The person a speaker described without a name refers back to ("The 56-year-old said", "The real
    estate agent said" just after "Eyamba Sowers ..."): a known role, age or relation decides, else,
    for a noun that names a person by its form ("the striker", "the chairwoman") or is one
    (``PERSON_NOUNS``: "the widow", "the patient"), the person the sentences before were about.
    Nobody when no one was named yet, nor for a noun that is no person ("the district", "the note",
    "the polling average")."""
    if plural(span.root) or (len(span) == 2 and span[0].lower_ in {"the", "all"} and plural(span[1])):
        return None  # "the authors said", "the two write": a group, never the one author the story named
    people = [e for e in reg.entities if e.kind == "person" and e.mentions and e.first_seen < span.start]
    noun = span.root.lemma_.lower()
    if kin_reference(span):
        ent = _kin_of(span, people)
    elif age_description(span) or age_description(span.doc[span.start : span.root.i + 1]):
        # an age is given for the person just talked about, whatever role the sentence gave them (the
        # parser may hang a day on it: "The 52-year-old on Tuesday said")
        back = _sentence_start_back(span.doc, span[0], _AGE_WINDOW)
        doc = span.doc
        humans = [e for e in people if any(doc[m[1] - 1].ent_type_ == "PERSON" for m in e.mentions)]
        # a person the sentences were about (subject or owner: "Mourinho's representatives"), not one
        # named in passing ("sacked by Manchester United")
        recent = [
            (m[1], e)
            for e in humans
            for m in e.mentions
            if back < m[1] <= span.start and doc[m[1] - 1].dep_ in SUBJECT_DEPS | {"poss"}
        ]
        ent = max(recent, key=lambda item: item[0])[1] if recent else None
    elif noun in ROLE_NOUNS or any(noun in e.roles for e in people):
        # a role in general, or one the story gave a person ("real estate agent Eyamba Sowers")
        ent, _ = _described_person(span, reg)
    elif _a_person(noun, words) and not one_body(span.root):  # not "The contractor said it was ..."
        # never a subject of its own sentence: "Trump took on Clinton after the Democratic
        # front-runner had said ..." is Clinton
        ent = _recent_subject(span.doc, span, people, earlier_sentences=True)
    else:
        # "the government said", "the polling average", "the note says": not a person at all, so
        # never the person the last sentences were about (on PolNeAR train that guess named the
        # candidate a poll was about, the author of a note, the subject of a film)
        return None
    if ent is None:
        return None
    _record(ent, span.start, span.end, span.doc)
    return ent.id


def _a_person(noun: str, words: WordIndex) -> bool:
    """A noun for a person: by its form ("striker"), a gendered role ("mother"), a relation ("widow")
    or one of the person nouns the form does not tell ("patient")."""
    return words.names_a_person(noun) or role_gender(noun) is not None or noun in _PERSON_WORDS


def one_body(tok: Token) -> bool:
    """ "Weavers, the clothing chain, said it would close six stores", "The contractor said it was
    waiting for steel": a speaker the sentence treats as one body, by a description beside it or by
    "it" in what it said (not in a quotation: "the striker said: 'like it or not ...'")."""
    return any(c.dep_ == "appos" for c in tok.children) or any(
        g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ == "it" and g._.in_quote is None
        for c in tok.head.children
        if c.dep_ == "ccomp"
        for g in c.children
    )


def another_kind(head: Token, name: list[str]) -> bool:
    """ "the task force", "the air force", "the state department": a common noun before the head that
    the body's name does not hold says the description is of another body ("the police department"
    after "Fairview Police" is the same)."""
    words = {w.lower() for w in name}
    return any(
        c.dep_ in {"compound", "amod"} and c.pos_ == "NOUN" and c.lower_ not in words for c in head.lefts
    )


#: Recognizer labels of places and peoples, which describe a body rather than name it.
_PLACES = _PLACE | {"NORP"}


def _names_its_body(root: Token, reg: Registry) -> bool:
    """ "The Labour party", "the Westgrid company": a name set before the noun says which body it is,
    whether or not the recognizer gave it one; the body named last is no better a guess. "The Obama
    administration" is named by a person, whose body the description still looks for, and "the South
    Yorkshire company", "the US firm" by a place, which only describes it."""
    names = (
        c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ not in _PLACES
    )
    return any((ent := reg.get(c._.person)) is None or ent.kind == "organization" for c in names)


#: Kinds of body "the party" never is, even when the sentences before are about it.
_NO_PARTY = frozenset({COMPANY, MEDIA, POLICE})


def _body_as_subject(chunk: Span, reg: Registry) -> Entity | None:
    """ "The KPR has defended the plan. The party said ...": when no body named so far says it is a
    party, the body the last sentences are about (the latest subject), if its name may be a party's
    ("the KPR", "the People's Congress", "the Alliance"; a company, an outlet or a force is none)."""
    doc = chunk.doc
    for tok in reversed(doc[_sentence_start_back(doc, chunk[0], 3) : chunk.start]):
        ent = reg.get(tok._.person)
        if ent is not None and ent.kind == "organization" and tok.dep_ in SUBJECT_DEPS:
            return ent if kind_of(ent.tokens) not in _NO_PARTY else None
    return None


def _descriptions(doc: Doc, reg: Registry) -> None:
    """Definite role descriptions ("the Russian leader") joined to the person they refer to.

    A known role confirms the match and teaches the person the description's words; a guess by
    salience does not, so one wrong guess cannot spread to later descriptions.
    """
    title_end = doc._.title_span[1] if doc._.title_span else -1
    roles: frozenset[str] | None = None
    roles_seen: list[Entity] = []
    unnamed: set[str] = set()  # heads of people introduced without a name ("a spokeswoman said")
    for chunk in doc.noun_chunks:
        root = chunk.root
        head = root.lemma_.lower()
        definite = chunk[0].lower_ == "the"
        if chunk[0].lower_ in {"a", "an"} and not _named_role(root):
            unnamed.add(head)
        if root.dep_ != "appos" and not definite:
            continue  # most noun phrases: checked cheaply, since this loop sees every one of them
        if roles is None or len(roles_seen) != len(reg.entities):
            roles_seen = list(reg.entities)
            roles = frozenset(r for e in reg.entities if e.kind == "person" for r in e.roles)
        described = head in ROLE_NOUNS or head in roles or head in ORG_DESCRIPTIONS or age_description(chunk)
        if root.dep_ != "appos" and not described:
            continue
        if definite and head in ORG_DESCRIPTIONS and root._.person is None:
            if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in root.children):
                continue  # "The broadcaster, Channel Nine North, said": the name beside it says which
            if not_the_one_named(chunk, root):
                continue
            if _names_its_body(root, reg):
                continue
            latest = {
                e.id: max((m[1] for m in e.mentions if m[1] <= chunk.start), default=-1)
                for e in reg.entities
                if e.kind == "organization"
                and fits(head, e.tokens)
                and not (strict(head) and another_kind(root, e.tokens))
            }
            orgs = [e for e in reg.entities if latest.get(e.id, -1) >= 0]
            named = [e for e in orgs if head in (w.lower() for w in e.tokens)]
            orgs = named or orgs  # "the administration": the Obama administration before the White House
            found = max(orgs, key=lambda e: latest[e.id]) if orgs else None
            if found is None and head == PARTY:
                found = _body_as_subject(chunk, reg)
            if found is not None and chunk.start_char >= title_end:
                _record(found, chunk.start, chunk.end, doc)
            continue
        if definite and head in unnamed and root.dep_ != "appos":
            continue  # "a spokeswoman said ... the Gazette spokeswoman said": the unnamed one again
        ent, confident = _appositive_of(chunk, reg) or _named_after_its_of(chunk.root, reg), True
        if ent is None:
            if not _is_reference(chunk, title_end, roles):
                continue
            ent, confident = _described_person(chunk, reg)
        if ent is None:
            continue
        if confident:
            ent.roles |= _description_words(chunk)
            roles = None  # the people's roles grew: gather them again at the next description
        elif (single := _single_office(chunk)) is not None:
            ent.offices_guessed.add(single)
        _record(ent, chunk.start, chunk.end, doc)


def _named_role(root: Token) -> bool:
    """A role given a name beside it ("a spokeswoman, Ana Sol,"): the person is named, and "the
    spokeswoman" later may be them. A name the role only hangs on ("a spokeswoman for Ortiz") is not
    hers."""
    return root._.person is not None or any(
        c._.person is not None for c in root.children if c.dep_ in {"appos", "compound"}
    )


def resolve_pronoun(
    doc: Doc, tok: Token, entities: list[Entity], reach_from: int | None = None
) -> Entity | None:
    """The earlier person a third-person pronoun refers to, ranked as news prose uses pronouns.

    After Hobbs's search and Lappin and Leass's salience: a mention in the pronoun's own sentence
    comes before one in an earlier sentence ("A Labour spokesman criticised Michael Howard's record,
    saying police numbers had fallen when he was home secretary" is Howard, not the subject two
    sentences back); then subjects; then a person whose gender is known to fit; then a name that is
    more than a possessor ("Mr Wilson, who remained friends with Curtis's widow, ..."); then the
    latest. A mention inside a quote the pronoun is not in comes last. Mentions the grammar rules out
    are skipped (``_ruled_out``).

    ``reach_from`` moves the window's start back: the speaker of a long quote ("...," she said) is
    found before the quote opened, not among its sentences.
    """
    gender = pronoun_gender(tok)
    anchor = doc[min(tok.i, reach_from)] if reach_from is not None else tok
    sent_start = doc[max(0, _sentence_start_back(doc, anchor, _PRONOUN_WINDOW))].i
    best: tuple[int, ...] | None = None
    best_ent: Entity | None = None
    clause_subject = _clause_subject(tok)
    own_start = tok.sent.start
    ruled_out = _ruled_out(tok)
    for ent in entities:
        if ent.kind != "person" or (ent.gender and ent.gender != gender):
            continue
        if clause_subject is not None and _mentioned_at(ent, clause_subject):
            continue  # "Vale praised her": "her" is never Vale (she would be "herself")
        known = int(ent.gender == gender)  # "Ms. Quorstadt" over a name that tells nothing
        for start, end in ent.mentions:
            if not (sent_start <= start and end <= tok.i):
                continue
            head = doc[start:end].root
            same_sentence = head.i >= own_start
            if head.i in ruled_out:
                continue
            in_quote = head._.in_quote is not None and tok._.in_quote is None
            score = (
                -int(in_quote),
                int(same_sentence),
                int(head.dep_ in SUBJECT_DEPS),
                known,
                -int(head.dep_ == "poss"),
                end,
            )
            if best is None or score > best:
                best, best_ent = score, ent
    return best_ent


#: Children of a verb that are not a phrase fronted before its subject.
_NOT_FRONTED = {"cc", "punct", "mark", "aux", "auxpass", "advmod", "neg"}

#: Verbs whose subject reports or holds what the rest of the sentence says ("..., he said",
#: "..., he believed").
_REPORTING = {"speech", "writing", "belief"}


def _ruled_out(tok: Token) -> set[int]:
    """The tokens of the pronoun's own sentence the grammar keeps it from, as indices.

    - An object is not its own verb's other object: "Reporters asked Peter Saar about him", "Voters
      backed Saar over him" (its own verb's subject is left to ``_clause_subject``).
    - A relative clause's subject is not the noun the clause hangs on, nor the name that noun renames,
      when the relative word is another part of the clause or there is none: "Traille, with whom he
      forged a midfield", "Saar, a rower he had trained" ("Gray, who won his first cap" is Gray).
    - The subject of a reporting verb is not named in the words it reports before it: "Mr Blair has
      the same passion for the job, he said"; "Saar's departure, he said, was a loss". A clause opened
      by a conjunction ("While the plan did not appeal to Graham, she said ...") is not reported, and
      neither is another report the parser ran into it ("Okafor said she hoped ... Asked about it, she
      said": a sentence break it missed).
    - A phrase fronted before the subject with no subject of its own is said of that subject, so it
      does not name it: "Asked about Trump, he said". An owner there, or the subject of a clause
      inside it, may be the pronoun's: "Given Obama's ratings, he should ...", "Assuming that Clinton
      wins, she might ..." (and so, wrongly, "In Saar's absence, he ran the meeting" is Saar's).

    Computed once per pronoun: walking subtrees for every candidate mention slowed reading.
    """
    never: set[int] = set()
    if not tok.lower_.endswith("self") and (verb := _object_of(tok)) is not None:
        never.update(_arguments(verb) - {tok.i})
    if tok.dep_ not in SUBJECT_DEPS:
        return never
    verb = tok.head
    if verb.dep_ == "relcl":
        relative = [t for t in verb.subtree if t.tag_ in _ANY_RELATIVE and t.i < tok.i]
        if relative:  # the relative word is another part of the clause: "with whom he trained"
            other_part = all(t.dep_ not in SUBJECT_DEPS for t in relative)
        else:  # a clause with no relative word follows its noun directly ("the rower he had trained"),
            # unlike a quotation's "she said" that the parser hung on a word of the quote
            other_part = not any(t.is_punct for t in tok.doc[verb.head.i + 1 : tok.i])
        if other_part:
            never.add(verb.head.i)
            if verb.head.dep_ == "appos":
                never.add(verb.head.head.i)
    reports = CUE_VERBS.get(verb.lemma_.lower()) in _REPORTING
    if reports and verb.dep_ == "parataxis":
        aside = {t.i for t in verb.subtree}
        never.update(t.i for t in verb.head.subtree if t.i < tok.i and t.i not in aside)
    for child in verb.children:
        if child.i >= tok.i:
            continue
        if reports and child.dep_ == "ccomp" and not _opened_or_reported(child):
            never.update(t.i for t in child.subtree)
        if (
            child.dep_ not in _NOT_FRONTED
            and child.right_edge.i < tok.i
            and not any(t.dep_ in SUBJECT_DEPS or t.dep_ == "expl" for t in child.children)
        ):
            # the name is inside the phrase, not the phrase ("Mr Vander - can he ..."); an owner or the
            # subject of a clause inside it may be the pronoun's: "Given Obama's ratings, he should",
            # "Assuming that Clinton wins, she might"
            never.update(
                t.i for t in child.subtree if t != child and t.dep_ not in SUBJECT_DEPS and t.dep_ != "poss"
            )
    return never


def _opened_or_reported(clause: Token) -> bool:
    """A clause opened by a conjunction, or itself someone's report: not the words a later "he said"
    reports."""
    return any(c.dep_ == "mark" for c in clause.children) or (
        CUE_VERBS.get(clause.lemma_.lower()) in _REPORTING
        and any(c.dep_ in SUBJECT_DEPS for c in clause.children)
    )


def _object_of(tok: Token) -> Token | None:
    """The verb a pronoun is an object of, directly or through a preposition ("asked Saar about him")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in _OBJECT_DEPS:
        return None
    return head if head.pos_ in {"VERB", "AUX"} else None


def _arguments(verb: Token) -> set[int]:
    """The verb's objects, and the objects of its prepositions."""
    found: set[int] = set()
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            found.add(child.i)
        elif child.dep_ == "prep":
            found.update(g.i for g in child.children if g.dep_ == "pobj")
    return found


#: Where a pronoun is an object of its verb, or of a preposition on it ("told him", "spoke to her"); "with"
#: is left out ("brought his wife with him" is his own).
_OBJECT_DEPS = {"dobj", "dative", "iobj"}
_OBJECT_PREPS = {"to", "for", "about", "against", "of", "at", "on", "from", "by"}


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the verb a pronoun is the object of, which the pronoun cannot stand for: a
    person's own self is a reflexive ("praised herself"), so "praised her" is someone else."""
    if tok.lower_.endswith("self"):
        return None  # a reflexive is the subject: "distanced himself"
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in _OBJECT_PREPS:
        verb = verb.head
        if any(c.dep_ == "dobj" for c in verb.children):
            return None  # the phrase places the object: "had no money on him", "kept a copy by her"
    elif tok.dep_ not in _OBJECT_DEPS:
        return None
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "conj" and verb.head.dep_ == "ROOT":
        # "Ortiz rose and praised her": the main verb's subject; never a clause's the parser may have
        # joined it to by mistake ("was angry that Saar had resigned and criticised him")
        subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
        return verb.head  # "Federer, who beat him": "who" is Federer
    return subject


def _mentioned_at(ent: Entity, tok: Token) -> bool:
    """Whether ``tok`` is one of the entity's mentions (a pronoun already resolved, or a name)."""
    return tok._.person == ent.id or any(start <= tok.i < end for start, end in ent.mentions)


def _sentence_start_back(doc: Doc, tok: Token, n: int) -> int:
    """The start of the n-th sentence back; sentences wholly inside a quote do not count.

    A quote of four short sentences is one turn of the story, and the person it is about is
    usually named just before it.
    """
    quoted = _quoted_sentences(doc)
    sent = tok.sent
    counted = 1
    while counted < n and sent.start > 0:
        sent = doc[sent.start - 1].sent
        if sent.start not in quoted:
            counted += 1
    return sent.start


def _quoted_sentences(doc: Doc) -> frozenset[int]:
    """Starts of the sentences whose words all sit inside quotation marks (computed once per Doc)."""
    cached = doc.user_data.get("onrecord_quoted_sentences")
    if cached is None:
        cached = frozenset(
            sent.start
            for sent in doc.sents
            if all(t._.in_quote is not None or t.is_punct or t.is_space for t in sent)
        )
        doc.user_data["onrecord_quoted_sentences"] = cached
    return cached


def _pronouns(doc: Doc, reg: Registry) -> None:
    for tok in tokens_with(doc, "LOWER", PRONOUNS):
        if tok._.in_quote is not None or tok.pos_ != "PRON":
            continue
        ent = resolve_pronoun(doc, tok, reg.entities)
        if ent is not None:
            ent.gender = ent.gender or pronoun_gender(tok)
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


@Language.factory("onrecord_people")
def make_people(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The people step, with the common words of ``nlp``'s own lemmatizer (a name the recognizer
    missed never ends in one: "Summer Street", "Hope Valley")."""
    return partial(people_component, words=WordIndex.of(nlp))


def people_component(doc: Doc, words: WordIndex | None = None) -> Doc:
    """Cluster the people of the document and mark each resolved mention token."""
    reg = Registry()
    _name_mentions(doc, reg, words or WordIndex())
    _bodies_and_sites(doc, reg, doc._.title_span[1] if doc._.title_span else -1)
    _descriptions(doc, reg)
    _pronouns(doc, reg)
    doc.user_data["onrecord_registry"] = reg
    doc._.people = to_people(doc, reg.entities)
    return doc
