"""Quotation marks: where each quote opens and closes, and which quotes only look like statements.

Quote pairing is done on characters, not tokens, because the tokenizer cannot tell an opening straight
quote from a closing one; the rule that does is the one typesetters use (an opening mark follows a
space or the start of a line and precedes a non-space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.spacy_doc import text_of

OPENING = {"“": "”", "«": "»", "„": "“"}
STRAIGHT = '"'
_WORD = re.compile(r"\w+(?:['’]\w+)?")
_FINAL_PUNCT = re.compile(r"[.?!,;:…—-]\s*$")


@dataclass(frozen=True)
class Quote:
    """One quotation: ``start``/``end`` include the marks, ``inner`` excludes them."""

    start: int
    end: int
    inner: tuple[int, int]
    text: str
    lookalike: str | None  # why it is not a statement ("title", "scare quote"), or None

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def _opens(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + width] if i + width < len(text) else "\n"
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """The quotation mark starting at ``i`` as (kind, width); the New York Times writes ``''``."""
    ch = text[i]
    if ch == "'" and text.startswith("''", i):
        return "''", 2
    if ch == "`" and text.startswith("``", i):
        return "``", 2
    if ch in OPENING or ch in "”»" or ch == STRAIGHT:
        return ch, 1
    return None


_CLOSER_OF = {**OPENING, STRAIGHT: STRAIGHT, "''": "''", "``": "''"}


def _stray_opener(text: str, i: int, width: int) -> bool:
    """A closing mark that opens a paragraph and is closed later in it."""
    if not (i == 0 or text[i - 1] == "\n") or not _opens(text, i, width):
        return False
    end = text.find("\n", i)
    line = text[i + width : end if end >= 0 else len(text)]
    return "”" in line or STRAIGHT in line


def _reopens(text: str, i: int, width: int, kind: str, closer: str) -> bool:
    """The mark at ``i`` opens a new quotation of the same kind while one is open, right after a
    sentence's end: a quote's next paragraph in a text whose paragraphs were run together."""
    same = kind == STRAIGHT == closer or (kind in OPENING and OPENING[kind] == closer)
    if not same or text[i - 1 : i] != " " or not _opens(text, i, width):
        return False
    return text[max(0, i - 8) : i].rstrip().endswith((".", "?", "!"))


def find_quotes(text: str) -> list[tuple[int, int, int, int]]:
    """Quotations as (open mark start, inner start, inner end, close mark end).

    An unclosed quote ends with its paragraph: news style leaves a quote that runs into the next
    paragraph open at the paragraph end, so a quote never spans a line break here. The same holds for
    a quote reopened after a sentence's end on the same line (``_reopens``).
    """
    found: list[tuple[int, int, int, int]] = []
    open_at: int | None = None
    inner_start = 0
    closer = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            if open_at is not None and i - inner_start > 0:
                found.append((open_at, inner_start, i, i))
            open_at = None
            i += 1
            continue
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        kind, width = mark
        if open_at is None:
            symmetric = kind in {STRAIGHT, "''"}
            if kind in _CLOSER_OF and (not symmetric or _opens(text, i, width)):
                open_at, inner_start, closer = i, i + width, _CLOSER_OF[kind]
            elif kind == "”" and _stray_opener(text, i, width):
                # a paragraph that opens with a closing mark (an autocorrect slip) opens a quote, when a
                # mark later in the paragraph closes it: a stray mark alone must not swallow the line
                open_at, inner_start, closer = i, i + width, "”"
        elif _reopens(text, i, width, kind, closer):
            # a paragraph break lost in a flattened text ('... whistle. "We don't ...'): the open quote
            # ends with its sentence, unclosed as at a paragraph's end, and a new one opens
            end = len(text[:i].rstrip())
            found.append((open_at, inner_start, end, end))
            open_at, inner_start = i, i + width
        elif kind == closer or (
            # Typists mix curly and straight marks ("“...\""); a mark that cannot open closes.
            {closer, kind} <= {"”", "“", STRAIGHT} and not _opens(text, i, width)
        ):
            found.append((open_at, inner_start, i, i + width))
            open_at = None
        i += width
    if open_at is not None and len(text) - inner_start > 0:
        found.append((open_at, inner_start, len(text), len(text)))
    return found


_FINITE_VERBS = frozenset("is are was were am will would can could has have had does did shall must".split())

_NAMING = re.compile(
    r"\b(titled|entitled|called|named|dubbed|headlined|billed as|known as|so-called|the word|the phrase)\s*$",
    re.I,
)


#: A speaking verb right after a closing mark, with at most a pronoun or a capitalised name before it
#: ('"No," he said', '"Never," replied Ana Sol'): what the marks hold was said, however short. Case
#: matters: '"Fairway," which the council said' or '"crisis," the report said' name something.
_SAID_AFTER = re.compile(
    r"^\s*(?:(?:he|she|they|we|I)\s+|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+)?"
    r"(?:said|says|replied|replies|answered|answers|told|asked|asks|added|adds|responded|responds|"
    r"wrote|writes|shouted|recalled|insisted)\b(?!\s+to\b)"
)
#: How a one-word answer ends inside its marks: a comma, or its own question or exclamation mark.
_ANSWER_ENDS = frozenset(",?!")


def answered(inner: str, after: str) -> bool:
    """A quotation given with its speaker right after its closing mark ('"No," he said'): an answer
    however short. ``inner`` is what the marks hold, ``after`` the text that follows them."""
    return inner.rstrip()[-1:] in _ANSWER_ENDS and _SAID_AFTER.match(after) is not None


def classify(inner: str, before: str = "", after: str = "") -> str | None:
    """Say why a quote is not a statement, or None when it reads like something someone said.

    Titles, catchphrases and scare quotes are short and do not end like an utterance; a said sentence
    ends with punctuation inside the marks (news style) or runs to several words. A quote right after
    "titled" or "billed as" names something whatever its length.
    """
    words = _WORD.findall(inner)
    if not words:
        return "empty"
    if _NAMING.search(before):
        return "title or name"
    if len(words) >= 5:
        return None
    long_words = [w for w in words if len(w) > 3]
    # "Nusra is Al Qaeda," has capitals like a title, but a finite verb makes it a sentence
    finite = any(w in _FINITE_VERBS for w in words)
    titled = len(long_words) >= 2 and all(w[0].isupper() for w in long_words) and not finite
    if len(words) <= 4 and titled and not inner.rstrip().endswith("?"):
        return "title"
    if _FINAL_PUNCT.search(inner) and (len(words) >= 2 or before.rstrip().endswith(":")):
        return None  # a sentence; one word is one too when given after a colon ('said: "Never."')
    if answered(inner, after):
        return None  # a one-word answer given its speaker ('"No," he said')
    if all(w[0].isupper() for w in words if len(w) > 3):
        return "title"
    return "scare quote or catchphrase"


@Language.component("onrecord_quotes")
def quotes_component(doc: Doc) -> Doc:
    """Find quotations and mark the tokens inside each with its index."""
    text = text_of(doc)
    found: list[Quote] = []
    for open_i, inner_start, inner_end, close_end in find_quotes(text):
        inner_text = text[inner_start:inner_end]
        before = text[max(0, open_i - 40) : open_i]
        why = classify(inner_text, before, text[close_end : close_end + 40])
        found.append(Quote(open_i, close_end, (inner_start, inner_end), inner_text, why))
    doc._.quotes = found
    inside: list[int] = []
    if found:
        qi = 0
        for token in doc:
            while qi < len(found) and found[qi].inner[1] <= token.idx:
                qi += 1
            if qi < len(found) and found[qi].inner[0] <= token.idx < found[qi].inner[1]:
                token._.in_quote = qi
                inside.append(token.i)
    doc.user_data[_QUOTED_KEY] = inside
    return doc


_QUOTED_KEY = "onrecord_quoted_tokens"


def quoted_tokens(doc: Doc) -> list[int]:
    """The indices of the tokens inside quotations, in order: what ``token._.in_quote`` marks, read
    without a call per token (an extension attribute costs a few microseconds each time)."""
    inside = doc.user_data.get(_QUOTED_KEY)
    if inside is None:
        inside = [t.i for t in doc if t._.in_quote is not None]
    return inside
