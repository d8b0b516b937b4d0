"""The attribution component: runs the rules of ``onrecord.attribution.rules`` and keeps the
statements of the cue classes asked for.

Speakers are left unresolved here (``Speaker.person`` is None); ``onrecord_speakers`` resolves them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.attribution.rules import BOUNDARIES, LEARNED, OLD_NAMES, ORDER, RULES, Builder, Rule
from onrecord.attribution.rules.base import char_spans, cue_class, span_text, subject_block, with_its_marks
from onrecord.attribution.rules.boundaries import boundary_rule
from onrecord.attribution.rules.headline import HEADLINE, headline_rule
from onrecord.attribution.rules.learned import ClauseModel, learned_rule
from onrecord.attribution.rules.lines import opens_with_label
from onrecord.model import CueClass, Statement
from onrecord.spacy_doc import text_of

DEFAULT_CUE_CLASSES: tuple[CueClass, ...] = ("speech", "writing")
#: A speaker who is the writer or the reader when the pronoun stands outside every quotation.
_WRITER_OR_READER = frozenset({"i", "me", "we", "us", "you"})
#: Rules whose speaker is a label or a signature, never a pronoun of the story's own prose.
_LABELLED = frozenset({"colon", "signed", HEADLINE})
#: Rules whose statements the statement-ledger view leaves out (the every-cue view keeps them).
_NOT_IN_LEDGER = frozenset({HEADLINE, "asked"})

__all__ = ["DEFAULT_CUE_CLASSES", "RULES", "Attribution", "char_spans", "cue_class", "subject_block"]


class Attribution:
    """The attribution component; ``cue_classes`` says which kinds of cue make statements.

    Speech and writing are what a statement ledger is about; beliefs, intentions, evidence and
    stances ("believes", "wants", "shows", "called for") are there for researchers who ask for them.
    The ledger view (speech and writing only) also leaves out the headline's own attributions, the
    questions put to someone in the passive (rule "asked") and the writer's own words, which the
    every-cue view keeps because PolNeAR annotates all three.
    ``rules`` names the rules to run (the names statements carry in ``rule``), in ``ORDER`` whatever
    order they are given in; ``model`` is the path of a learned attribution model, which adds the
    "learned" rule at its place in ``ORDER`` unless ``rules`` leaves it out. The factory's own default
    is no model, so that a pipeline config written to disk never names a file on one machine;
    ``onrecord.nlp.load`` and ``build_pipeline`` pass the shipped model unless told otherwise.
    """

    def __init__(
        self, cue_classes: list[str], rules: list[str] | None = None, model: str | None = None
    ) -> None:
        names = [OLD_NAMES.get(name, name) for name in rules] if rules is not None else list(ORDER)
        unknown = sorted(set(names) - set(ORDER))
        if unknown:
            raise ValueError(f"unknown attribution rule {', '.join(unknown)}: use some of {', '.join(ORDER)}")
        self.cue_classes = frozenset(cue_classes)
        self.ledger = self.cue_classes <= {"speech", "writing"}  # the statement-ledger view
        available = dict(RULES)
        if model:
            loaded = ClauseModel.load(model)
            available[LEARNED] = learned_rule(loaded, self.ledger)
            if loaded.boundary is not None:
                available[BOUNDARIES] = boundary_rule(loaded.boundary)
            if LEARNED in names and not self.ledger:  # the headline's copy is read by the learned rule
                available[HEADLINE] = headline_rule([available[LEARNED]])  # (the ledger drops its finds)
        self.rules: list[Rule] = [available[name] for name in ORDER if name in names and name in available]

    def __call__(self, doc: Doc) -> Doc:
        b = Builder(doc)
        for rule in self.rules:
            rule(doc, b)
        kept = [s for s in b.out if s.cue_class in self.cue_classes]
        if self.ledger:
            # the headline's own attributions restate the story's in an editor's words: across the page
            # sets, 13 of the 20 the ledger view took matched no statement an annotator marked; and a
            # question put to someone ("Asked about the toll, ...") is what they were asked, not said
            kept = [s for s in kept if s.rule not in _NOT_IN_LEDGER and not by_the_writer(doc, s)]
        text = text_of(doc)
        for stmt in kept:
            if stmt.kind == "direct":
                continue  # a quotation's content is inside its marks by definition
            spans = with_its_marks(text, stmt.content_spans)
            if spans != stmt.content_spans:
                stmt.content_spans, stmt.content_text = spans, span_text(doc, spans)
        kept.sort(key=lambda s: s.start)
        for n, stmt in enumerate(kept, 1):
            stmt.id = f"s{n}"
        doc._.statements = kept
        return doc


@Language.factory(
    "onrecord_attribution",
    default_config={"cue_classes": list(DEFAULT_CUE_CLASSES), "rules": list(ORDER), "model": None},
)
def make_attribution(
    nlp: Language, name: str, cue_classes: list[str], rules: list[str], model: str | None
) -> Attribution:
    return Attribution(cue_classes, rules, model)


def by_the_writer(doc: Doc, stmt: Statement) -> bool:
    """The writer's own words (or words put to the reader), not a source's: a bare "I", "we" or "you"
    as the speaker outside every quotation and every labelled turn ("ORTIZ: We told the board ..." is
    Ortiz's). A statement ledger leaves them out; PolNeAR annotates the author's attributions too, so
    the view that scores against it (every cue class) keeps them. An op-ed's "I" is its byline author's
    own claim, left out with the rest."""
    if stmt.speaker_tokens is None or stmt.rule in _LABELLED:
        return False
    start, end = stmt.speaker_tokens
    word = doc[start]
    if end - start != 1 or word.lower_ not in _WRITER_OR_READER or word._.in_quote is not None:
        return False
    text = text_of(doc)
    return not opens_with_label(text, text.rfind("\n", 0, word.idx) + 1)
