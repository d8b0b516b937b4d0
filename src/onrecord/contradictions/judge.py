"""Judge a pair of statements: consistent, unrelated or inconsistent, with the words that clashed.

The default judge is offline rules over spaCy parses, written for political statements in general
(party programmes, speeches, interviews), not for one data set:

* **Topic.** Two statements are about the same thing when they share content lemmas (after folding
  a few synonyms: "EU" / "European Union") or a policy domain from a hand-written list (health,
  energy, migration ...). Without either they are *Unrelated*.
* **Stance.** Each content word gets a sign: the product of the negations and negative-valence words
  (ban, abolish, reduce, against, oppose, threat ...) on its path to the root of the parse. "We support
  a ban on new brothels" gives *brothel* a minus; "Brothels should be allowed to open" a plus. A
  shared word whose sign differs is a polarity flip on a shared predicate, the plainest contradiction.
* **Axes.** Many political contradictions share no word: "Rent control is necessary" against "market
  forces benefit the population". Words with a known place on a few political axes (state / market,
  environment / industry, security / liberty, open / national) carry the stance to the axis, so two
  statements that pull one axis in opposite directions clash even without a shared word.
* **Propositions, numbers, modality.** One proposition held both ways (``proposition.clash``: a
  predicate and its negation, or a stated position and its stated opposite from
  ``proposition_words.json``), numbers or years that disagree on a shared topic, and a change of
  modality (must / may not) are named too.

The rules only read the two texts. An optional sentence-embedding similarity (the packaged
all-MiniLM-L6-v2, ``embedder=``) sharpens the topic test when torch is installed; without it the rules
stand alone. Back-ends that need a model the user supplies live in ``onrecord.contradictions.backends``.

The word lists (negative words, synonyms, generic words, domains, axes, modality) are data,
``onrecord/data/judge_words.json``. What stays code is grammar: the auxiliaries of a reported deed and
the parts of speech that carry content, which follow from English and spaCy's tag set, not from a
judgement about political language; and the labels, which are the data sets' contract.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc, Token

from onrecord import wordlists
from onrecord.contradictions import proposition

LABELS_3: Final[tuple[str, ...]] = ("Inconsistent", "Unrelated", "Consistent")
LABELS_5: Final[tuple[str, ...]] = (
    "Surface contradiction",
    "Factual inconsistency",
    "Indirect inconsistency",
    "Unrelated",
    "Consistent",
)
#: How each five-way label folds into the three-way one.
LABEL_3_OF: Final[dict[str, str]] = {
    "Surface contradiction": "Inconsistent",
    "Factual inconsistency": "Inconsistent",
    "Indirect inconsistency": "Inconsistent",
    "Unrelated": "Unrelated",
    "Consistent": "Consistent",
}

# --------------------------------------------------------------------------------------------------
# Word lists (lemmas, lower case), from ``onrecord/data/judge_words.json`` so a reader can see exactly
# what the rules know and change it without reading code (see ``onrecord.wordlists``).

_WORDS = wordlists.load("judge_words.json")

#: Words that flip the polarity of what they govern: the negations and negative subjects of the one
#: list (``proposition_words.json``), and "without".
NEGATORS: Final[frozenset[str]] = (
    proposition.load_words().negations | proposition.load_words().negative_subjects | {"without"}
)

#: Negative-valence words: saying one of them of a thing takes a stand against it ("ban X", "X is
#: a threat"). Positive words ("support", "promote") need no list: they leave the sign as it is.
NEGATIVE: Final[frozenset[str]] = frozenset(_WORDS["negative"])

#: Spellings folded into one key before words are compared.
SYNONYMS: Final[dict[str, str]] = dict(_WORDS["synonyms"])

#: Words too common in political statements to show that two are about the same thing.
GENERIC: Final[frozenset[str]] = frozenset(_WORDS["generic"])

#: Policy domains: two statements on one domain may be related even with no shared word.
DOMAINS: Final[dict[str, frozenset[str]]] = wordlists.word_sets(_WORDS["domains"])


def _axis(plus: list[str], minus: list[str]) -> dict[str, int]:
    """An axis from the words or lemma phrases ("free of charge") at its two poles; hyphens read as
    spaces, so "state-owned" matches "state owned" as the parse splits it."""
    out: dict[str, int] = {}
    for words, pole in ((plus, 1), (minus, -1)):
        for entry in words:
            entry = " ".join(entry.replace("-", " ").split())
            if entry:
                out[entry] = pole
    return out


#: Political axes, written for party programmes and political speech in general. A word's pole (+1 or
#: -1) times its stance sign places the statement on the axis: "abolish subsidies" (subsidize: state
#: +1, stance -1) pulls towards the market, like "competition" does. Entries are folded keys (see
#: SYNONYMS) or lemma phrases; a statement's place on an axis is the sign of the sum of its entries.
AXES: Final[dict[str, dict[str, int]]] = {
    name: _axis(poles["plus"], poles["minus"]) for name, poles in _WORDS["axes"].items()
}
#: The axis entries by first word, so a statement is scanned once.
_AXIS_ENTRIES: Final[dict[str, list[tuple[tuple[str, ...], str, int]]]] = {}
for _name, _poles in AXES.items():
    for _entry, _pole in _poles.items():
        _words = tuple(_entry.split())
        _AXIS_ENTRIES.setdefault(_words[0], []).append((_words, _name, _pole))

#: Modal words by strength: an obligation against a permission or a prohibition is a clash.
MODALITY: Final[dict[str, str]] = dict(_WORDS["modality"])

#: Auxiliaries of a reported deed ("we have cut", "hunting seasons have been extended").
_DEED_AUX: Final[frozenset[str]] = frozenset({"have", "has", "had", "was", "were", "been"})
_CONTENT_POS: Final[frozenset[str]] = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


# --------------------------------------------------------------------------------------------------
# What one statement says.


@dataclass(frozen=True)
class Term:
    """A content word of a statement with the sign of the stand taken on it and the word that set it."""

    key: str
    text: str
    sign: int
    cue: str


@dataclass
class Reading:
    """What the rules read in one statement: its content words with stance, domains, axes, numbers."""

    text: str
    terms: dict[str, Term] = field(default_factory=dict)
    lemmas: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    axes: dict[str, tuple[int, str]] = field(default_factory=dict)
    numbers: list[str] = field(default_factory=list)
    modality: str | None = None
    sign: int = 1
    deed: bool = False
    claims: proposition.Reading | None = None
    negation: bool = False


def _key(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if tok.lower_ in {"free-market", "state-owned", "self-financing"}:
        return tok.lower_
    return SYNONYMS.get(lemma, lemma)


def _flips(tok: Token) -> list[str]:
    """The words at this node that flip its sign: itself if negative, and negations attached to it.

    "without" flips only what it governs, so it counts where the walk passes through it, not at
    its head; "no" in "no more than" is a quantity, not a negation.
    """
    out = []
    if tok.lemma_.lower() in NEGATIVE or tok.lower_ in NEGATIVE:
        out.append(tok.lower_)
    if tok.dep_ == "prep" and tok.lower_ in NEGATORS:
        out.append(tok.lower_)
    for child in tok.children:
        negation = child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ in {"det", "advmod"})
        if negation and child.lower_ == "no" and _quantity(child):
            negation = False
        judged_bad = child.dep_ in {"acomp", "oprd"} and child.lemma_.lower() in NEGATIVE
        if negation or judged_bad:
            out.append(child.lower_)
    return out


def _quantity(tok: Token) -> bool:
    """'no more than', 'no fewer than': a bound on a number, not a negation."""
    doc = tok.doc
    nxt = [t.lower_ for t in doc[tok.i + 1 : tok.i + 3]]
    return len(nxt) == 2 and nxt[0] in {"more", "less", "fewer", "longer"} and nxt[1] == "than"


def _said_of_subject(pred: Token) -> list[str]:
    """Negative words the predicate says of its subject: "X poses a threat", "X is a technique with
    unforeseeable consequences", "X has a detrimental effect"."""
    out = []
    for child in pred.children:
        if child.dep_ not in {"dobj", "attr", "acomp", "oprd"}:
            continue
        words = [child, *(g for g in child.children if g.dep_ in {"amod", "compound"})]
        words += [g for p in child.children if p.dep_ == "prep" for o in p.children for g in (o, *o.children)]
        bad = [w.lower_ for w in words if w.lemma_.lower() in NEGATIVE and w.dep_ not in {"acomp", "oprd"}]
        out.extend(bad[:1])
    return out


def _stance(tok: Token) -> tuple[int, str]:
    """The sign of the stand the statement takes on ``tok`` and the first word that flipped it.

    Walks from the word to the root of its sentence multiplying the flips met on the way, so "we
    consider further cuts unethical" gives *cut* two flips (its own, and *unethical* beside it).
    """
    sign, cues = 1, []
    node: Token | None = tok
    seen = 0
    from_subject = False
    while node is not None and seen < 32:
        here = _flips(node) if node.i != tok.i else [c for c in _flips(node) if c != tok.lower_]
        if from_subject:
            here = here + _said_of_subject(node)
        for cue in here:
            sign = -sign
            cues.append(cue)
        if node.head.i == node.i:
            break
        from_subject = node.dep_ in {"nsubj", "nsubjpass"}
        node = node.head
        seen += 1
    # An evaluative word beside the word ("cuts ... unethical") flips it as well.
    for child in tok.children:
        if child.dep_ in {"advmod", "amod"} and child.lemma_.lower() in NEGATIVE and child.lower_ != "less":
            sign = -sign
            cues.append(child.lower_)
    return sign, (cues[0] if cues else "")


def _reports_deed(pred: Token) -> bool:
    """Whether the main verb reports something done ("we have halted") rather than a position.

    A deed set against a stated aim is what the benchmark calls a factual inconsistency.
    """
    aux = {c.lower_ for c in pred.children if c.dep_ in {"aux", "auxpass"}}
    if any(c.tag_ == "MD" for c in pred.children):
        return False
    return pred.tag_ == "VBD" or bool(aux & _DEED_AUX) or (pred.tag_ == "VBG" and bool(aux))


def read(doc: Doc, *, denied: bool = False) -> Reading:
    """Read one parsed statement: its propositions (``proposition.read``), its content words with their
    stance, domains, axes and numbers. A ``denied`` statement ("she denied that ...") is read with
    every stance turned, since its speaker said the opposite of its words."""
    reading = Reading(doc.text, claims=proposition.read(doc, denied=denied))
    flips = 0
    for tok in doc:
        low = tok.lower_
        if tok.like_num or _NUMBER.fullmatch(tok.text):
            reading.numbers.append(tok.text)
        if low in NEGATORS or tok.dep_ == "neg":
            reading.negation = True
        if low in NEGATORS or tok.dep_ == "neg" or tok.lemma_.lower() in NEGATIVE:
            flips += 1
        mod = MODALITY.get(tok.lemma_.lower())
        if mod and (reading.modality is None or mod == "must"):
            reading.modality = mod
        if tok.dep_ == "ROOT" and _reports_deed(tok):
            reading.deed = True
        if tok.pos_ not in _CONTENT_POS or tok.is_stop or len(low) < 2:
            continue
        key = _key(tok)
        reading.lemmas.add(key)
        for name, words in DOMAINS.items():
            if key in words:
                reading.domains.add(name)
        if key in GENERIC or key in NEGATIVE:
            continue
        sign, cue = _stance(tok)
        reading.terms.setdefault(key, Term(key, tok.text, sign, cue))
    reading.sign = -1 if flips % 2 else 1
    reading.axes = _axes(doc)
    if denied:
        reading.terms = {k: _turn(t) for k, t in reading.terms.items()}
        reading.sign = -reading.sign
    return reading


def _turn(term: Term) -> Term:
    return Term(term.key, term.text, -term.sign, term.cue or "denied")


#: Nouns after which "free" pulls to the market ("free trade"), not to the state ("free education").
_FREE_MARKETS: Final[frozenset[str]] = frozenset(_WORDS["free_markets"])


def _axes(doc: Doc) -> dict[str, tuple[int, str]]:
    """Where the statement stands on each political axis it touches: (+1 or -1, the word shown).

    Longer entries win over the single words inside them ("free market" over "market"), hyphens are
    ignored ("state-owned" is "state owned"), and an entry may sit on several axes. Each match votes
    its pole times the stance sign of its head word; a tie leaves the axis out. "free" before a noun
    ("free education", "free access") is the state side unless a market or trade follows.
    """
    toks = [t for t in doc if t.text != "-"]
    keys = [_key(t) for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    votes: dict[str, list[tuple[int, str]]] = {}
    i = 0
    while i < len(toks):
        candidates = _AXIS_ENTRIES.get(keys[i], []) + _AXIS_ENTRIES.get(lemmas[i], [])
        best = 0
        for words, axis, pole in sorted(candidates, key=lambda c: -len(c[0])):
            n = len(words)
            if n < best:
                break
            if n > 1 and tuple(lemmas[i : i + n]) != words and tuple(keys[i : i + n]) != words:
                continue
            best = n
            span = doc[toks[i].i : toks[i + n - 1].i + 1]
            sign, _ = _stance(span.root)
            votes.setdefault(axis, []).append((pole * sign, span.text))
        free_good = lemmas[i] == "free" and toks[i].dep_ == "amod"
        if not best and free_good and toks[i].head.lemma_.lower() not in _FREE_MARKETS:
            sign, _ = _stance(toks[i].head)
            votes.setdefault("state / market", []).append((sign, f"free {toks[i].head.text}"))
        i += max(best, 1)
    out: dict[str, tuple[int, str]] = {}
    for axis, got in votes.items():
        total = sum(v for v, _ in got)
        if total:
            side = 1 if total > 0 else -1
            out[axis] = (side, next(text for v, text in got if v == side))
    return out


# --------------------------------------------------------------------------------------------------
# Two statements held against each other.


@dataclass
class Evidence:
    """Everything the rules found between two readings; ``decide`` weighs it."""

    shared: list[str] = field(default_factory=list)
    flips: list[tuple[Term, Term]] = field(default_factory=list)
    agree: list[tuple[Term, Term]] = field(default_factory=list)
    numbers: tuple[str, str] | None = None
    modality: tuple[str, str] | None = None
    axis_clash: list[tuple[str, str, str]] = field(default_factory=list)
    axis_agree: list[tuple[str, str, str]] = field(default_factory=list)
    domains: set[str] = field(default_factory=set)
    overlap: float = 0.0
    similarity: float | None = None
    deed: bool = False
    negation: bool = False
    clash: proposition.Relation | None = None
    agreement: proposition.Relation | None = None


def compare(a: Reading, b: Reading, similarity: float | None = None, *, strict: bool = False) -> Evidence:
    """Hold two readings against each other; ``strict`` asks the same holder to be named on both
    sides (see ``proposition.same_holder``)."""
    ev = Evidence(similarity=similarity)
    if a.claims is not None and b.claims is not None:
        ev.clash = proposition.clash(a.claims, b.claims, strict=strict)
        ev.agreement = proposition.agreement(a.claims, b.claims, strict=strict)
    shared = sorted(set(a.terms) & set(b.terms))
    ev.shared = shared
    for key in shared:
        ta, tb = a.terms[key], b.terms[key]
        (ev.flips if ta.sign != tb.sign else ev.agree).append((ta, tb))
    for axis in set(a.axes) & set(b.axes):
        (sa, wa), (sb, wb) = a.axes[axis], b.axes[axis]
        (ev.axis_clash if sa != sb else ev.axis_agree).append((axis, wa, wb))
    ev.domains = a.domains & b.domains
    union = a.lemmas | b.lemmas
    ev.overlap = len(a.lemmas & b.lemmas) / len(union) if union else 0.0
    if shared and a.numbers and b.numbers and set(a.numbers) != set(b.numbers):
        ev.numbers = (a.numbers[0], b.numbers[0])
    if a.modality and b.modality and a.modality != b.modality and shared:
        ev.modality = (a.modality, b.modality)
    ev.deed = a.deed != b.deed
    ev.negation = a.negation or b.negation
    return ev


# --------------------------------------------------------------------------------------------------
# The verdict.


@dataclass(frozen=True)
class Judgement:
    """The verdict on a pair: three- and five-way label, how inconsistent (0..1), and why in one line."""

    label_3: str
    label_5: str
    score: float
    explanation: str

    def to_row(self) -> dict[str, str]:
        """The CSV columns ``onrecord judge`` writes (without the id)."""
        return {
            "label_3": self.label_3,
            "label_5": self.label_5,
            "score": f"{self.score:.3f}",
            "explanation": self.explanation,
        }


def flip_cause(ta: Term, tb: Term) -> str:
    """Which statement turned the shared word around, and with what word."""
    if ta.cue and tb.cue:
        return f"'{ta.cue}' in statement 1 vs '{tb.cue}' in statement 2"
    if ta.cue:
        return f"'{ta.cue}' in statement 1"
    return f"'{tb.cue}' in statement 2"


#: Thresholds, set on the development half of the benchmark only (bench/judge.py, ``--half``).
#: Below RELATED_SIMILARITY (embedding cosine) with no shared word, two statements are unrelated;
#: a shared word with the same stance counts as agreement only from CONSISTENT_SIMILARITY up.
RELATED_SIMILARITY: Final[float] = 0.275
CONSISTENT_SIMILARITY: Final[float] = 0.40
#: Without embeddings: unrelated below this lemma overlap when no word and no domain is shared,
#: and agreement needs this many shared words with the same stance.
RELATED_OVERLAP: Final[float] = 0.12
CONSISTENT_AGREEMENTS: Final[int] = 1


def _related(ev: Evidence) -> bool:
    if ev.shared:
        return True
    if ev.similarity is not None:
        return ev.similarity >= RELATED_SIMILARITY
    return bool(ev.domains) or ev.overlap >= RELATED_OVERLAP


def _agrees(ev: Evidence) -> bool:
    """Agreement needs a shared word with the same stance: two statements on the same side of an
    axis are as often at odds on the particulars as not, so that alone is no evidence."""
    if ev.axis_clash or not ev.agree:
        return False
    if ev.similarity is not None:
        return ev.similarity >= CONSISTENT_SIMILARITY
    return len(ev.agree) >= CONSISTENT_AGREEMENTS


def describe(rel: proposition.Relation, first: str = "statement 1", second: str = "statement 2") -> str:
    """One line naming the proposition two statements hold both ways, as each words it."""
    what = "a position and its opposite" if rel.antonyms else "opposite polarity"
    about = ", ".join(rel.about[:2])
    words = f"'{rel.first.shown}' in {first} vs '{rel.second.shown}' in {second}"
    return f"{what} on '{rel.frame}' about {about}: {words}"


def decide(ev: Evidence) -> Judgement:
    """Weigh the evidence into a verdict whose explanation names what clashed, or why none did.

    A surface contradiction is one proposition held both ways (``proposition.clash``): the same
    predicate frame about a shared argument with opposite polarity, or a position and its stated
    opposite. A shared word whose stance a negation turned is not enough: "not able to beat Trump" and
    "the only campaign that can beat Trump" say one thing. Then, in order of certainty: numbers and
    modality on a shared word, one proposition held alike (agreement), no shared topic, a clash along a
    political axis, shared words with the same stance. What is left (same topic, nothing named) is
    inconsistent with a low score, as two statements by one speaker on one topic that do not plainly
    agree mostly are in political speech; unless a negation turned a shared word without touching a
    shared proposition, which is mostly a paraphrase (issue 15): consistent, with a low score.
    """
    related = _related(ev)
    if ev.clash is not None:
        score = 0.9 if not ev.clash.antonyms else 0.85
        return Judgement("Inconsistent", "Surface contradiction", score, describe(ev.clash))
    clash: list[str] = []
    if ev.numbers:
        clash.append(f"numbers disagree: {ev.numbers[0]} vs {ev.numbers[1]}")
    if ev.modality:
        clash.append(f"modality '{ev.modality[0]}' vs '{ev.modality[1]}'")
    # Numbers that disagree on one proposition held alike are a clash all the same ("close the mines by
    # 2030" / "by 2045"); a change of modality is not ("could not support" / "oppose").
    if ev.numbers or (clash and ev.agreement is None):
        score = round(min(1.0, 0.6 + 0.15 * len(clash)), 3)
        return Judgement("Inconsistent", "Surface contradiction", score, "; ".join(clash))
    if ev.agreement is not None:
        rel = ev.agreement
        why = f"same proposition '{rel.frame}' about {', '.join(rel.about[:2])}, same polarity"
        return Judgement("Consistent", "Consistent", 0.15, why)
    label_5 = "Factual inconsistency" if ev.deed else "Indirect inconsistency"
    # One word pulled both ways on an axis is a shared word a negation turned: the paraphrase case.
    axes = [(axis, wa, wb) for axis, wa, wb in ev.axis_clash if wa.lower() != wb.lower()]
    if axes:
        axis, wa, wb = axes[0]
        return Judgement("Inconsistent", label_5, 0.6, f"opposite pulls on {axis}: '{wa}' vs '{wb}'")
    # A shared word turned by what is said of it ("a ban on brothels" / "brothels should be allowed"),
    # not by a negation word, is a stand taken both ways.
    # With a negation word in either statement the turn may be a paraphrase ("rejected" / "said no to").
    valence = [(ta, tb) for ta, tb in ev.flips if not ev.negation]
    if valence and related:
        ta, tb = valence[0]
        why = f"stance on '{ta.text.lower()}' turned: {flip_cause(ta, tb)}"
        return Judgement("Inconsistent", "Surface contradiction", 0.55, why)
    if not related:
        why = "no shared word or policy domain"
        if ev.similarity is not None:
            why = f"no shared word, similarity {ev.similarity:.2f}"
        return Judgement("Unrelated", "Unrelated", 0.1, why)
    if _agrees(ev):
        words = [f"'{ta.key}'" for ta, _ in ev.agree] + [axis for axis, _, _ in ev.axis_agree[:1]]
        return Judgement("Consistent", "Consistent", 0.2, "same stance on " + ", ".join(words[:3]))
    topic = ", ".join(f"'{w}'" for w in ev.shared[:2]) or " and ".join(sorted(ev.domains)[:2])
    topic = topic or "similar wording"
    if not ev.flips:
        return Judgement("Inconsistent", label_5, 0.5, f"same topic ({topic}), no agreement found")
    ta, tb = ev.flips[0]
    turned = f"'{ta.text.lower()}' turned by {flip_cause(ta, tb)}"
    return Judgement(
        "Consistent", "Consistent", 0.3, f"same topic ({topic}); {turned}, no shared proposition"
    )


# --------------------------------------------------------------------------------------------------
# Entry points.

Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]


def _cosine(u: Sequence[float], v: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(u, v, strict=True))
    nu = sum(x * x for x in u) ** 0.5
    nv = sum(y * y for y in v) ** 0.5
    return dot / (nu * nv) if nu and nv else 0.0


def base_model(nlp: Language | None) -> Language:
    """The spaCy pipeline the rules parse with: the one given, else the shared base model."""
    if nlp is not None:
        return nlp
    from onrecord.base_model import load_base

    return load_base()


def judge(
    text_1: str, text_2: str, *, nlp: Language | None = None, embedder: Embedder | None = None
) -> Judgement:
    """Judge one pair of statements with the offline rules (see the module docstring)."""
    return judge_many([(text_1, text_2)], nlp=nlp, embedder=embedder)[0]


def judge_many(
    pairs: Iterable[tuple[str, str]],
    *,
    nlp: Language | None = None,
    embedder: Embedder | None = None,
    batch_size: int = 64,
) -> list[Judgement]:
    """Judge many pairs, parsing every text once through ``nlp.pipe`` (the slow part is the parser)."""
    pairs = list(pairs)
    texts = [t for pair in pairs for t in pair]
    model = base_model(nlp)
    readings = [read(doc) for doc in model.pipe(texts, batch_size=batch_size)]
    sims: list[float | None] = [None] * len(pairs)
    if embedder is not None and texts:
        vectors = embedder(texts)
        sims = [_cosine(vectors[2 * i], vectors[2 * i + 1]) for i in range(len(pairs))]
    return [decide(compare(readings[2 * i], readings[2 * i + 1], sims[i])) for i in range(len(pairs))]
