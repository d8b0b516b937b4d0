"""A tokenizer that costs linear time on any input, around spaCy's own.

spaCy's tokenizer strips prefixes and suffixes from a whitespace-free chunk one at a time and searches
the rest again after each, so a chunk of n punctuation marks costs n^2: 20,000 quotation marks took
about 40 s, and one such document froze a server for everyone. Real words are never that long, so a
chunk longer than ``longest`` characters is tokenized in slices of that length and the Docs are joined;
every other text goes to spaCy's tokenizer unchanged (same tokens, same results).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

#: Longer than any word, URL or hashtag worth keeping whole; short enough that a slice costs little.
LONGEST_CHUNK = 200


def slices(text: str, longest: int = LONGEST_CHUNK) -> Iterator[str]:
    """The text cut so that no whitespace-free chunk is longer than ``longest``; joined, the text."""
    start = 0
    for run in re.finditer(rf"\S{{{longest + 1},}}", text):
        for cut in range(run.start() + longest, run.end(), longest):
            yield text[start:cut]
            start = cut
    yield text[start:]


class LinearTokenizer:
    """Wraps a spaCy tokenizer (``nlp.tokenizer = LinearTokenizer(nlp.tokenizer)``)."""

    def __init__(self, inner: Any, longest: int = LONGEST_CHUNK) -> None:
        self.inner = inner
        self.longest = longest

    def __call__(self, text: str) -> Doc:
        pieces = [piece for piece in slices(text, self.longest) if piece]
        if len(pieces) <= 1:
            return self.inner(text)
        return Doc.from_docs([self.inner(piece) for piece in pieces], ensure_whitespace=False)

    def __getattr__(self, name: str) -> Any:
        # Everything else (rules, special cases, serialization) is the wrapped tokenizer's.
        return getattr(self.inner, name)
