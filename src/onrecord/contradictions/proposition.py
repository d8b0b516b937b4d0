"""One reading of what a statement asserts: its propositions, each with holder, predicate, arguments,
polarity and modality, and the statement's hedge and denial.

The judge, the in-article rule (``within`` through ``claims``) and the ledger pairing used to parse a
statement each their own way, with four negation lists; two statements then clashed for one reader and
agreed for another, and a shared word under a negation ("not able to beat Trump" / "the only campaign
that can beat Trump") was read as a reversal. Here a statement is read once and the pair rule is one:
two statements contradict each other only when they hold **the same proposition** (the same predicate
frame about a shared argument, of a compatible holder) **with opposite polarity**. A stated position and
its stated opposite are one frame with opposite signs ("support" / "oppose", "keep" / "sell",
"stay open" / "close"), so they clash like "sell" / "never sell"; a negation that only rewords the
position ("not fairly" / "unfairly", "refuses to close" / "keeps open") turns the sign twice and agrees.

The words are data (``onrecord/data/proposition_words.json``), loaded once (``load_words``), so a reader
can see and change what the rules know without reading code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

from spacy.tokens import Doc, Span, Token

from onrecord import wordlists


@dataclass(frozen=True)
class Words:
    """The word lists of ``proposition_words.json``."""

    negations: frozenset[str]
    negative_subjects: frozenset[str]
    quantity_after_no: frozenset[str]
    hedges: frozenset[str]
    denial_cues: frozenset[str]
    frames: frozenset[str]
    light_verbs: frozenset[str]
    aspect_verbs: dict[str, int]
    modal_adjectives: dict[str, str]
    modals: dict[str, str]
    stance_prepositions: dict[str, int]
    stance_phrases: dict[str, int]
    negative_prefixed: dict[str, str]
    opposites: dict[str, tuple[tuple[str, int], ...]]


@lru_cache(maxsize=4)
def load_words(path: str | None = None) -> Words:
    """The word lists from ``path``, or the ones shipped with onrecord (or the ``ONRECORD_WORDS``
    folder's, see ``onrecord.wordlists``)."""
    data = wordlists.load("proposition_words.json", path)
    opposites: dict[str, list[tuple[str, int]]] = {}
    for frame, group in data["opposites"].items():
        if frame == "about":
            continue
        for sign, key in ((1, "plus"), (-1, "minus")):
            for word in group[key]:
                opposites.setdefault(word, []).append((frame, sign))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    return Words(
        negations=words("negations"),
        negative_subjects=words("negative_subjects"),
        quantity_after_no=words("quantity_after_no"),
        hedges=words("hedges"),
        denial_cues=words("denial_cues"),
        frames=words("frames"),
        light_verbs=words("light_verbs"),
        aspect_verbs=dict(data["aspect_verbs"]),
        modal_adjectives=dict(data["modal_adjectives"]),
        modals=dict(data["modals"]),
        stance_prepositions=dict(data["stance_prepositions"]),
        stance_phrases=dict(data["stance_phrases"]),
        negative_prefixed=dict(data["negative_prefixed"]),
        opposites={word: tuple(frames) for word, frames in opposites.items()},
    )


# --------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Proposition:
    """One predicate a statement asserts or denies.

    ``holder`` is who it is said of: a pronoun class ("speaker" for I/we/he/she, since the speaker is
    "I" in a quote and "he" in reported speech; "they", "it", "you"), ``=stem`` for a noun, marked
    ``only:`` or ``other:`` when the subject is singled out ("the only campaign", "the other
    candidates": such claims are about different holders, not opposite claims), ``?`` for a passive
    without its doer, None when the clause has no subject. ``key`` is the predicate as read (a light verb
    with its complement, "be safe"; a particle, "go ahead"); ``frames`` the position frames it states with
    their sign ("oppose" is ("support", -1)); ``polarity`` +1 or -1 after negations, negative prefixes,
    turning verbs ("refuse to") and a denial; ``negation`` the words that turned it, as written.
    """

    holder: str | None
    key: str
    frames: tuple[tuple[str, int], ...]
    arguments: tuple[Argument, ...]
    subject: tuple[Argument, ...]
    polarity: int
    modality: str | None
    negation: str
    shown: str
    #: The predicate's token index in the parsed document: the in-article rule looks under it for the
    #: people the article resolved ("with him" is Putin), which a reading of words alone cannot know.
    token: int | None = None

    @property
    def negated(self) -> bool:
        """Whether the statement says the predicate does not hold."""
        return self.polarity < 0

    def frame_names(self) -> frozenset[str]:
        """The frames this predicate is read in (its own key when it states no listed position)."""
        return frozenset(f for f, _ in self.frames)

    def frame_sign(self, frame: str) -> int:
        """The sign the predicate's own word has in ``frame`` ("oppose" is -1 in "support")."""
        return next(s for f, s in self.frames if f == frame)

    def sign_in(self, frame: str) -> int:
        """The polarity of this proposition read in ``frame``: "does not oppose" is +1 in "support"."""
        return self.polarity * self.frame_sign(frame)


@dataclass(frozen=True)
class Reading:
    """What one statement asserts: its propositions, its hedge word, whether its cue denies it."""

    text: str
    propositions: tuple[Proposition, ...]
    hedge: str | None = None
    denied: bool = False

    @property
    def denies(self) -> bool:
        """Whether a main predicate is negated by a negation word ("none of her emails were marked
        classified" denies; "she mishandled classified information" asserts)."""
        return any(p.negation for p in self.propositions)


#: Clauses that carry what a statement asserts: the main verb, verbs joined to it, and the clauses it
#: reports or governs ("he will ensure that Mexico pays", "he would force Mexico to pay"). Adverbial
#: and relative clauses ("when they were sent") only set the scene, except the relative clause of a
#: copula's attribute ("ours is the only campaign that can beat Trump"), which is the claim.
_MAIN_DEPS: Final[frozenset[str]] = frozenset({"conj", "ccomp", "xcomp", "parataxis"})
_ARG_DEPS: Final[frozenset[str]] = frozenset(
    {"dobj", "attr", "oprd", "nsubj", "nsubjpass", "dative", "agent"}
)
_SUBJECTS: Final[frozenset[str]] = frozenset({"nsubj", "nsubjpass"})
_RELATIVE: Final[frozenset[str]] = frozenset({"that", "who", "which", "whom"})
_PARTICLES: Final[frozenset[str]] = frozenset({"ahead", "down", "off", "away", "in", "out", "on", "back"})
_PRONOUN_CLASS: Final[dict[str, str]] = {
    **dict.fromkeys(("i", "we", "me", "us", "he", "she", "him", "her"), "speaker"),
    **dict.fromkeys(("they", "them"), "they"),
    "it": "it",
    "you": "you",
}


def negation(tok: Token, words: Words | None = None) -> str | None:
    """The word that negates a predicate, or None: "not" or "never" on it, "no" on its object, a
    negative subject ("none of her emails were marked"), "neither ... nor". "no" before "more than" is a
    bound on a number, not a negation."""
    w = words or load_words()
    children = list(tok.children)
    for c in children:
        if c.dep_ in {"neg", "preconj"} and (c.lower_ in w.negations or c.lower_ == "neither"):
            return str(c.text)
        if c.lower_ in w.negations and c.dep_ not in {"det", "dobj", "pobj"}:
            return str(c.text)
        if c.dep_ == "cc" and c.lower_ == "nor":
            return str(c.text)
    for c in children:
        if c.dep_ in {"dobj", "attr"} and any(_is_no(g, w) for g in c.children):
            return "no"
        # "at no point did the council approve", "in no way".
        if c.dep_ == "prep" and any(
            o.dep_ == "pobj" and any(_is_no(g, w) for g in o.children) for o in c.children
        ):
            return "no"
        if c.dep_ in _SUBJECTS and (c.lower_ in w.negative_subjects or any(_is_no(g, w) for g in c.children)):
            return str(c.text)
    return None


def _is_no(tok: Token, w: Words) -> bool:
    if tok.lower_ != "no":
        return False
    after = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
    return not (len(after) == 2 and after[0] in w.quantity_after_no and after[1] == "than")


def hedge(text: str, words: Words | None = None) -> str | None:
    """The hedge word in a statement, if any ("may" only in lower case: "May" is the month)."""
    w = words or load_words()
    for raw in text.replace("’", "'").split():
        word = raw.strip(".,;:!?\"'()[]")
        low = word.lower()
        if low in w.hedges and not (low == "may" and word[:1] == "M"):
            return low
    return None


def denial(cue: str | None, words: Words | None = None) -> bool:
    """Whether a statement's cue denies its content ("denied", "disputed", "rejected")."""
    w = words or load_words()
    return bool(cue) and any(word in w.denial_cues for word in str(cue).lower().split())


def _base(word: str, w: Words) -> tuple[str, int]:
    """A word with its negative prefix taken off ("unfair" -> ("fair", -1)), else (word, +1)."""
    base = w.negative_prefixed.get(word)
    return (base, -1) if base else (word, 1)


@dataclass(frozen=True)
class Argument:
    """A noun phrase a predicate is about: its head lemma and the lemmas of its compounds and
    adjectives ("the police budget" is budget with {police})."""

    head: str
    modifiers: frozenset[str]

    def same(self, other: Argument) -> bool:
        """The same thing: one head, and the modifiers of one are all in the other ("the runway" and
        "the new runway" are one; "the police budget" and "the parks budget" are two)."""
        small, large = sorted((self.modifiers, other.modifiers), key=len)
        return self.head == other.head and small <= large


def _nominal(tok: Token) -> list[Argument]:
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return []
    mods = frozenset(
        c.lemma_.lower()
        for c in tok.children
        if c.dep_ in {"compound", "amod"} and c.lower_ not in {"other", "only", "another"}
    )
    return [Argument(tok.lemma_.lower(), mods)]


def _objects(prep: Token) -> list[Argument]:
    """The objects of a preposition, one level into the next ("in favour of the licence")."""
    out: list[Argument] = []
    for o in prep.children:
        if o.dep_ == "pobj":
            out += _nominal(o)
            out += [a for p in o.children if p.dep_ == "prep" for a in _objects(p)]
        elif o.dep_ == "pcomp":
            out += _arguments(o)
    return out


def _arguments(tok: Token) -> tuple[Argument, ...]:
    """What a predicate is about besides its doer: its nominal objects and complements, a passive's
    subject, the objects of its prepositions and of a gerund it governs ("against expanding the
    airport" is about the airport)."""
    args: list[Argument] = []
    for c in tok.children:
        if c.dep_ in _ARG_DEPS and c.dep_ != "nsubj" and c.pos_ != "PRON":
            args += _nominal(c)
        elif c.dep_ in {"prep", "agent"}:
            args += _objects(c)
    return tuple(args)


def _subject(tok: Token) -> tuple[Argument, ...]:
    """The doer as a noun phrase (the antecedent of "that" in a relative clause)."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
        subj = tok.head
    return tuple(_nominal(subj)) if subj is not None else ()


def _marked(noun: Token) -> str:
    """A subject noun as a holder, marked when it is singled out ("only", "other", "another")."""
    mods = {c.lower_ for c in noun.children if c.dep_ in {"amod", "advmod", "det"}}
    before = noun.doc[noun.left_edge.i].lower_
    mark = "only:" if "only" in mods or before == "only" else ""
    mark = "other:" if mods & {"other", "another"} else mark
    return f"{mark or '='}{noun.lemma_.lower()}"


def _holder(tok: Token) -> str | None:
    """Who the predicate is said of (see ``Proposition.holder``)."""
    subj = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
    if subj is not None:
        if subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
            return _marked(tok.head)
        if subj.pos_ == "PRON":
            return _PRONOUN_CLASS.get(subj.lower_, subj.lower_)
        if subj.dep_ == "nsubjpass":
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            doer = next((o for o in agent.children if o.dep_ == "pobj"), None) if agent else None
            if doer is None:
                return "?"
            return _PRONOUN_CLASS.get(doer.lower_) if doer.pos_ == "PRON" else _marked(doer)
        return _marked(subj)
    head = tok.head
    if head == tok:
        return None
    if tok.dep_ == "xcomp":
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is not None:  # "he would force Mexico to pay": Mexico pays.
            return _PRONOUN_CLASS.get(obj.lower_) if obj.pos_ == "PRON" else _marked(obj)
    if tok.dep_ in {"xcomp", "conj"} or (tok.dep_ == "acomp" and head.lemma_ == "be"):
        return _holder(head if head.dep_ != "acomp" else head.head)
    return None


def _modality(tok: Token, w: Words) -> str | None:
    for c in tok.children:
        if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in {"have", "has", "had", "need"}):
            mod = w.modals.get(c.lower_)
            if mod and (c.tag_ == "MD" or any(g.lower_ == "to" for g in tok.children)):
                return mod
    return None


def _key(tok: Token, w: Words) -> tuple[str, str, int] | None:
    """The predicate as read (lemma, light-verb complement, particle, manner), how it is shown, and
    the sign its own words give it (a negative prefix, "against"). None for a light verb with nothing
    to carry its meaning."""
    lemma, sign = _base(tok.lemma_.lower(), w)
    shown = tok.text
    parts = [lemma]
    comp = next((c for c in tok.children if c.dep_ in {"acomp", "oprd"}), None)
    if comp is None:
        comp = next((c for c in tok.children if c.dep_ in {"dobj", "attr"}), None)
    stance = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in w.stance_prepositions), None)
    phrase = _stance_phrase(tok, w)
    if phrase is not None:
        parts.append("for")
        sign *= phrase[1]
        shown = f"{shown} {phrase[0]}"
    elif stance is not None and comp is None and (lemma in w.light_verbs or lemma == "vote"):
        parts.append("for")
        sign *= w.stance_prepositions[stance.lower_]
        shown = f"{shown} {stance.text}"
    elif lemma in w.light_verbs and not (
        (lemma in w.opposites or _particle(tok)) and (comp is None or comp.dep_ == "dobj")
    ):
        if comp is None:
            return None
        base, flip = _base(comp.lemma_.lower(), w)
        parts.append(base)
        sign *= flip
        shown = f"{shown} {comp.text}"
    for c in tok.children:
        if _is_particle(c):
            parts.append(c.lower_)
            shown = f"{shown} {c.text}"
        elif c.dep_ == "advmod" and c.pos_ == "ADV":
            base, flip = _base(c.lower_, w)
            if flip < 0 or c.lower_ in w.negative_prefixed.values():
                parts.append(base)
                sign *= flip
                shown = f"{shown} {c.text}"
    return " ".join(parts), shown, sign


def _is_particle(c: Token) -> bool:
    """A verb's particle ("take in", "shut down"), or an adverb right after it that acts as one
    ("go ahead")."""
    return c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLES and c.i == c.head.i + 1)


def _particle(tok: Token) -> bool:
    return any(_is_particle(c) for c in tok.children)


def _stance_phrase(tok: Token, w: Words) -> tuple[str, int] | None:
    """'in favour of', 'opposed to' on a predicate: the phrase and its sign."""
    for c in tok.children:
        if c.dep_ not in {"prep", "acomp"}:
            continue
        words = " ".join(t.lower_ for t in c.subtree)
        for phrase, sign in w.stance_phrases.items():
            if words.startswith(phrase):
                return phrase, sign
    return None


def _frames(key: str, w: Words) -> tuple[tuple[str, int], ...]:
    found = w.opposites.get(key)
    if found is None and " " in key:
        head, *rest = key.split()
        found = w.opposites.get(head) if head not in w.light_verbs and rest[0] not in _PARTICLES else None
    return found or ((key, 1),)


def _walk(doc: Doc | Span, w: Words) -> Iterator[tuple[Token, int, str, str | None]]:
    """The predicates that carry what the statement asserts, each with the sign and the words it
    inherits from the verbs above it ("I don't want to raise taxes": the raising is denied; "refuses to
    close": the closing is) and the modality a governing adjective gives ("not able to beat")."""
    sents = doc.sents if isinstance(doc, Doc) else [doc]
    stack: list[tuple[Token, int, str, str | None]] = [(s.root, 1, "", None) for s in sents]
    while stack:
        tok, inherited, why, modality = stack.pop()
        word = negation(tok, w)
        sign = -inherited if word else inherited
        cues = " ".join(x for x in (why, word or "") if x)
        lemma = tok.lemma_.lower()
        turning = w.aspect_verbs.get(lemma) if any(c.dep_ == "xcomp" for c in tok.children) else None
        if turning is None:
            yield tok, sign, cues, modality
        alternative = next((c.i for c in tok.children if c.dep_ == "cc" and c.lower_ in {"or", "nor"}), None)
        for child in tok.children:
            if child.dep_ == "acomp" and lemma == "be" and child.lower_ in w.modal_adjectives:
                _, flip = _base(child.lower_, w)
                for x in child.children:
                    if x.dep_ == "xcomp":
                        cue = cues + (f" {child.text}" if flip < 0 else "")
                        stack.append((x, sign * flip, cue.strip(), w.modal_adjectives[child.lower_]))
            elif child.dep_ == "attr" and lemma == "be":
                stack.extend((r, 1, "", None) for r in child.children if r.dep_ == "relcl")
            elif child.dep_ in _MAIN_DEPS and child.pos_ in {"VERB", "AUX"}:
                # "did not send or receive", "neither sent nor received": both verbs are denied.
                joined = child.dep_ == "conj" and alternative is not None and 0 < child.i - alternative <= 2
                carries = child.dep_ == "xcomp" or joined
                if turning is not None and child.dep_ == "xcomp":
                    extra = tok.text if turning < 0 else ""
                    stack.append((child, sign * turning, f"{cues} {extra}".strip(), modality))
                else:
                    stack.append((child, sign if carries else 1, cues if carries else "", None))


def read(doc: Doc | Span, *, denied: bool = False, words: Words | None = None) -> Reading:
    """Read what a parsed statement asserts; a denied statement ("she denied that ...") with every
    polarity turned, since its speaker said the opposite of its words.

    A predicate said both ways inside one statement is left out: it settles nothing.
    """
    w = words or load_words()
    found: dict[str, Proposition] = {}
    mixed: set[str] = set()
    for tok, sign, cues, inherited_modality in _walk(doc, w):
        if tok.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        keyed = _key(tok, w)
        if keyed is None or keyed[0] in w.frames:
            continue
        key, shown, own = keyed
        polarity = sign * own * (-1 if denied else 1)
        if cues:
            shown = f"{cues} {shown}"
        if denied:
            shown = f"denied: {shown}"
        prop = Proposition(
            holder=_holder(tok),
            key=key,
            frames=_frames(key, w),
            arguments=_arguments(tok),
            subject=_subject(tok),
            polarity=polarity,
            modality=_modality(tok, w) or inherited_modality,
            negation=cues,
            shown=shown,
            token=tok.i,
        )
        if key in found and found[key].polarity != polarity:
            mixed.add(key)
        found.setdefault(key, prop)
    props = tuple(p for k, p in found.items() if k not in mixed)
    return Reading(doc.text, props, hedge(doc.text, w), denied)


def turned(reading: Reading) -> Reading:
    """The reading of a statement whose cue denies it: every polarity the other way."""
    props = tuple(replace(p, polarity=-p.polarity, shown=f"denied: {p.shown}") for p in reading.propositions)
    return replace(reading, propositions=props, denied=not reading.denied)


# ------------------------------------------------------------------------------------------- two readings


@dataclass(frozen=True)
class Relation:
    """Two propositions about the same thing: ``clash`` (opposite polarity) or not (agreement)."""

    clash: bool
    frame: str
    first: Proposition
    second: Proposition
    about: tuple[str, ...]

    @property
    def antonyms(self) -> bool:
        """Whether the two state a position and its opposite in different words ("support" /
        "oppose"), rather than one predicate and its negation."""
        return self.first.frame_sign(self.frame) != self.second.frame_sign(self.frame)


def same_holder(x: Proposition, y: Proposition, *, strict: bool = False) -> bool:
    """Whether two propositions are said of the same holder.

    A holder singled out ("the only campaign", "the other candidates") is the same only as itself. A
    passive without its doer ("the park must be sold") may be the speaker's doing. Without a subject
    on one side the holder cannot be told: ``strict`` (pairing statements a search found) then says no,
    the judge (given a pair to compare) says yes.
    """
    if x.holder == y.holder:
        return x.holder is not None or not strict
    if x.holder is None or y.holder is None:
        return not strict
    marked = any(h.startswith(("only:", "other:")) for h in (x.holder, y.holder))
    if marked:
        return False
    return {x.holder, y.holder} == {"?", "speaker"} or ("?" in {x.holder, y.holder} and not strict)


def relations(a: Reading, b: Reading, *, strict: bool = False) -> Iterable[Relation]:
    """Every pair of propositions of ``a`` and ``b`` read in one frame, of one holder, about a shared
    argument; clashes first."""
    found = [r for x in a.propositions for y in b.propositions for r in relate(x, y, strict=strict)]
    found.sort(key=lambda r: not r.clash)
    return found


def relate(
    x: Proposition, y: Proposition, *, strict: bool = False, about: Iterable[str] = ()
) -> list[Relation]:
    """The frames two propositions share, of one holder, about a shared argument; ``about`` adds
    things the caller knows both are about (the people an article resolved), for propositions whose
    arguments are pronouns ("I met him")."""
    if not same_holder(x, y, strict=strict):
        return []
    shared = tuple(sorted(set(_shared(x, y)) | set(about)))
    if not shared:
        return []
    return [
        Relation(x.sign_in(frame) != y.sign_in(frame), frame, x, y, shared)
        for frame in sorted(x.frame_names() & y.frame_names())
    ]


def _shared(x: Proposition, y: Proposition) -> tuple[str, ...]:
    """The things two propositions are both about: their arguments besides the words of the
    predicate itself ("be person" is not about a person); a side with no other argument is about its
    doer ("the factory will stay open" / "the factory will close", "the project should go ahead" /
    "the project should be stopped")."""
    words = set(x.key.split()) | set(y.key.split())

    def theme(p: Proposition) -> tuple[Argument, ...]:
        args = tuple(a for a in p.arguments if a.head not in words)
        return args or p.subject

    found = {p.head for p in theme(x) for q in theme(y) if p.same(q)}
    return tuple(sorted(found))


def clash(a: Reading, b: Reading, *, strict: bool = False) -> Relation | None:
    """The first proposition ``a`` and ``b`` hold with opposite polarity, or None."""
    return next((r for r in relations(a, b, strict=strict) if r.clash), None)


def agreement(a: Reading, b: Reading, *, strict: bool = False) -> Relation | None:
    """The first proposition ``a`` and ``b`` hold alike, or None."""
    return next((r for r in relations(a, b, strict=strict) if not r.clash), None)
