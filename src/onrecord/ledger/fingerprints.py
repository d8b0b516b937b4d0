"""Fingerprints that tell the same story apart from its copies: the same article saved as text and as
HTML, or fetched twice, has other bytes (so another id) but the same sentences.

A copy differs from its original in the page around the story (menus, captions, a title line), never
in the story's sentences. So a document's fingerprint is the hashes of its longest sentences, in a
normal form (lowercase, letters and digits only); a new document whose sentences are mostly among a
stored document's is a copy of it. Long sentences are chosen because boilerplate lines are short and
because two different stories rarely share a long sentence, even on one topic.
"""

from __future__ import annotations

import hashlib
import math
import re

from onrecord.ingest.headline import overlap

#: How many of a document's longest sentences make its fingerprint.
SENTENCES = 8
#: Sentences shorter than this many words are too common to tell stories apart.
MIN_WORDS = 8
#: Share of a new document's fingerprint a stored document must hold for the new one to be its copy.
SHARE = 0.6
#: Fewer fingerprint sentences than this and a document is never called a copy (a brief).
MIN_SENTENCES = 3

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")
_NOT_WORD = re.compile(r"[\W_]+")


def fingerprint(text: str) -> list[str]:
    """Hashes (16 hex digits) of the text's longest sentences in normal form, longest first."""
    normal: set[str] = set()
    for sentence in _SENTENCE.split(text):
        words = _NOT_WORD.sub(" ", sentence.lower()).split()
        if len(words) >= MIN_WORDS:
            normal.add(" ".join(words))
    longest = sorted(normal, key=lambda s: (-len(s), s))[:SENTENCES]
    return [hashlib.sha1(s.encode("utf-8")).hexdigest()[:16] for s in longest]


def needed(hashes: list[str]) -> int | None:
    """How many shared hashes make a copy, or None when the document is too short to tell."""
    if len(hashes) < MIN_SENTENCES:
        return None
    return max(MIN_SENTENCES, math.ceil(SHARE * len(hashes)))


#: Word overlap two headlines of one story keep (a site's title and its printed headline differ a little).
TITLE_OVERLAP = 0.5


def same_story(title: str | None, other: str | None) -> bool:
    """Whether two documents' titles can belong to one story: either is missing, or they share most
    words (the page as text and as HTML print the same headline, or nearly)."""
    return not title or not other or overlap(title, other) >= TITLE_OVERLAP
