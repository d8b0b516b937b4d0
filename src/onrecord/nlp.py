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

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.base_model import MODEL_NAMES, _load_base, load_base
from onrecord.resources import DEFAULT_MODEL
from onrecord.spacy_doc import LONGEST_SENTENCE, paragraphs, text_of

# ``paragraphs`` is registered as the "onrecord_paragraphs" component by importing it; the others are
# kept here for callers that knew them as ``onrecord.nlp`` names.
__all__ = [
    "COMPONENTS",
    "DEFAULT_MODEL",
    "LONGEST_SENTENCE",
    "MODEL_NAMES",
    "build_pipeline",
    "load",
    "load_base",
    "make_doc",
    "paragraphs",
    "text_of",
]

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
