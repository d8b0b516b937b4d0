"""Rule "headline": the attributions a headline makes, read from its sentence-cased copy.

A headline attributes in two ways: with a label and a colon ("Poll: Clinton and Trump in dead
heat", "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade"), and with a verb like any
sentence ("Hillary Clinton Says No To Fox News"). The first is read here; the second by the clause
rules, run on the copy that ``onrecord_headline`` parsed in sentence case. Their statements are moved
onto the article (the copy has the article's offsets) with the rule name "headline", so a user can
keep or drop what the headline says apart from what the story reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.headlines import HEADLINE_KEY
from onrecord.attribution.lexicon import SPEAKING_NOUNS
from onrecord.attribution.mentions import Registry
from onrecord.attribution.rules.base import Builder, Rule, char_spans, cue_class, mention, span_text, token_at
from onrecord.attribution.rules.clauses import according, aside, nominal, reported
from onrecord.attribution.rules.lines import NEWSROOM_LABELS
from onrecord.attribution.rules.positions import objects, stance_nouns
from onrecord.model import Mention, Speaker, Statement
from onrecord.spacy_doc import text_of

#: The rule's name, which the statements it moves onto the article carry.
HEADLINE = "headline"
_CLAUSE_RULES = (aside, reported, objects, according, nominal, stance_nouns)
_LABEL_WORDS = 7
_ADDRESSEE = {"to", "at", "on", "in", "about", "for", "vs", "vs."}  # "Clinton to Planned Parenthood:"
_SPEAKING_ENTS = {"PERSON", "ORG"}  # a place or a people names a topic ("Syria:", "Texas:"), not a source
# labels that name a section or a form of writing, never who speaks ("Analysis:", "Explainer:")
_SECTIONS = frozenset(
    """analysis editorial column explainer letter letters opinion commentary review podcast quiz recap
    interview transcript timeline obituary essay""".split()
)
_ASKING = frozenset("ask urge tell call invite press push".split())  # "X Urged To Resign" is passive
_SITE_SEPARATORS = {"|", "•", "»"}
_COPULA = frozenset("is are was were be been".split())


def _after_newsroom_tag(copy: Doc, colon: int) -> int:
    """Where the label starts after a newsroom tag and its dash ("EXCLUSIVE – Ana Sol: ..."), else 0."""
    dash = next((t.i for t in copy[:colon] if t.text in {"–", "—", "-", "|"}), None)
    if dash is None or dash == 0 or not all(t.lower_ in NEWSROOM_LABELS for t in copy[:dash]):
        return 0
    return dash + 1


def _newsroom_word(tok: Token) -> bool:
    """A word of a newsroom label ("Update:", "Editor's Note:"), unless it goes on a name the
    recognizer found in the headline itself."""
    return tok.lower_ in NEWSROOM_LABELS and not (tok.ent_type_ in _SPEAKING_ENTS and tok.ent_iob_ == "I")


def _label(copy: Doc, reg: Registry) -> tuple[Span, int] | None:
    """The speaker part of "Label: content" and the colon's index, when the label can speak."""
    colon = next((t.i for t in copy if t.text == ":"), None)
    if colon is None or colon == 0 or colon > _LABEL_WORDS or colon + 1 >= len(copy):
        return None
    first = _after_newsroom_tag(copy, colon)
    label = copy[first:colon]
    # a name the story gives in full ("Harbor Rights Watch said ...") speaks, whatever its words
    known = label.text.lower() in {e.name.lower() for e in reg.entities}
    if not label or not label[0].text[:1].isupper() or (not known and any(_newsroom_word(t) for t in label)):
        return None
    if (len(label) == 1 and label[0].lower_ in _SECTIONS) or any(
        t.like_num or t.lower_ in _COPULA for t in label
    ):
        return None  # "Analysis:", "Campaign 2016:", "Riverton 24, Harbor City 17:", "FIX IS IN:"
    end = next((t.i for t in label[1:] if t.lower_ in _ADDRESSEE), colon)
    speaker = copy[first:end]
    if any(t.pos_ in {"VERB", "AUX"} and t.text[:1].islower() for t in speaker):
        return None  # "Trump wins big:" is the writer's own sentence, not a source
    # the label's last word is who speaks: "Riverton's toll gamble:" names Riverton only as an owner
    head = speaker[-1]
    speaks = (
        known
        or head.ent_type_ in _SPEAKING_ENTS
        or head._.person is not None
        or head.lemma_.lower() in SPEAKING_NOUNS
        or (head.is_alpha and head.text[:1].isupper() and reg.match_surname(head.text) is not None)
    )
    return (speaker, colon) if speaks else None


def _labelled(copy: Doc, hb: Builder, reg: Registry) -> None:
    found = _label(copy, reg)
    if found is None:
        return
    speaker, colon = found
    last = next((t.i for t in copy[colon + 1 :] if t.text in _SITE_SEPARATORS), len(copy))
    content = range(colon + 1, last)  # "Ortiz: Toll Is Fair | Riverton Gazette" ends at the bar
    spans = char_spans(copy, content)
    if not spans:
        return
    quoted = copy[colon + 1].text in {"‘", "“", '"', "'"}
    hb.add(
        "direct" if quoted else "indirect",
        spans,
        mention(copy, colon, colon + 1),
        colon,
        (speaker.start, speaker.end),
        "speech",  # the colon stands for "says", whoever the label names: "Poll: ..." says it too
    )


def _reads_as_said(copy: Doc, stmt: Statement) -> bool:
    """Headline grammar the clause rules take for an attribution: "FDIC Accused Of Covering Up"
    (a passive without its auxiliary: the subject is accused, not accusing), and "Ortiz Says Toll Is
    Fair — Dunn Disagrees" read as Dunn saying "Ortiz Says Toll Is Fair" (a content before its cue
    that is a whole attribution of its own: a speaking verb with its subject and its clause)."""
    cue = stmt.cue_token
    nxt = copy[cue + 1] if cue is not None and cue + 1 < len(copy) else None
    if cue is not None and nxt is not None and copy[cue].tag_ in {"VBN", "VBD"}:
        asked = copy[cue].lemma_.lower() in _ASKING and nxt.lower_ == "to"  # "Andreotti Asked To Form"
        if nxt.lower_ in {"of", "by"} or asked or nxt.tag_ == "VBN":  # "Poles Said Held In Japan"
            return False
    if cue is None:
        return True
    # only the content before the cue: "Ortiz Says Dunn Told Council The Toll Is Fair" nests Dunn's
    # words in Ortiz's, and "Dunn Told Council Toll Is Fair, Ortiz Says, As Vote Nears" does not
    for start, end in stmt.content_spans:
        if start >= copy[cue].idx:
            continue
        inside = copy.char_span(start, min(end, copy[cue].idx), alignment_mode="expand") or []
        if any(_whole_attribution(t, inside) for t in inside):
            return False
    return True


def _whole_attribution(tok: Token, inside: Span) -> bool:
    """A speaking verb outside quotation marks with its own subject and clause in ``inside``."""
    if cue_class(tok) not in {"speech", "writing"} or tok._.in_quote is not None:
        return False
    deps = {child.dep_ for child in tok.children if inside.start <= child.i < inside.end}
    return bool(deps & {"nsubj", "nsubjpass"}) and "ccomp" in deps


def _moved(doc: Doc, stmt: Statement, reg: Registry) -> Statement | None:
    """The copy's statement with token indices of the article, its speaker matched to a known person."""
    cue = token_at(doc, stmt.cue.span[0]) if stmt.cue is not None else None
    speaker_tokens = None
    if stmt.speaker is not None and stmt.speaker.span is not None:
        span = doc.char_span(*stmt.speaker.span, alignment_mode="expand")
        if span is None:
            return None
        speaker_tokens = (span.start, span.end)
        for tok in span:
            # the title was left out when people were found: a surname the story uses names its person
            known = reg.match_surname(tok.text) if tok.text[:1].isupper() and tok.is_alpha else None
            if known is not None and known.kind == "person" and tok._.person is None:
                tok._.person = known.id
        stmt.speaker = Speaker(text=span.text, span=(span.start_char, span.end_char))
    # the copy's letters differ in case: every text is taken again from the article
    stmt.content_text = span_text(doc, stmt.content_spans)
    if stmt.cue is not None:
        stmt.cue = Mention(text_of(doc)[stmt.cue.span[0] : stmt.cue.span[1]], stmt.cue.span)
    stmt.cue_token, stmt.speaker_tokens = cue, speaker_tokens
    stmt.rule, stmt.confidence = HEADLINE, min(stmt.confidence, 0.6)
    return stmt


class HeadlineRule:
    """Reads the copy with the label form and the clause rules, then ``more``: the learned rule, when
    a model is loaded, which a headline needs as much as the story does ("Senator Sees Hope For The
    Bill" has no verb the hand rules know)."""

    def __init__(self, more: Sequence[Rule] = ()) -> None:
        self.more = tuple(more)

    def __call__(self, doc: Doc, b: Builder) -> None:
        copy = doc.user_data.get(HEADLINE_KEY)
        if copy is None:
            return
        reg = doc.user_data.get("onrecord_registry") or Registry()
        hb = Builder(copy)
        hb.rule, hb.confidence = b.rule, b.confidence  # a label ("Ortiz: ...") is the headline rule's own
        _labelled(copy, hb, reg)
        if not text_of(copy).rstrip(" .'\"’”").endswith("?"):  # "Did Ortiz Say ...?" asks, and says nothing
            for found in (*_CLAUSE_RULES, *self.more):
                found(copy, hb)
        hb.out = [stmt for stmt in hb.out if _reads_as_said(copy, stmt)]
        for stmt in hb.out:
            moved = _moved(doc, stmt, reg)
            if moved is not None:
                b.out.append(moved)


def headline_rule(more: Sequence[Rule] = ()) -> Rule:
    """The rule "headline", running ``more`` on the copy after the hand rules."""
    return Rule(HEADLINE, 0.6, HeadlineRule(more))


#: Rule "headline": statements in the headline, by label and colon or by the clause rules.
headline = headline_rule()
