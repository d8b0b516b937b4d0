"""Rule "signed": content its author signs after it, with a dash and a name.

Two layouts put the speaker after the words, with no reporting verb at all:

- a quotation followed by "— Name" on the same line or on the next one, as collections of reactions,
  letters and epigraphs print it (“Maybe we can build a wall around him.” ― Steve Quinlan);
- an embedded tweet as a page scrape keeps it: the text, then "— Name (@handle) June 29, 2016".

The signature is more certain than any verb nearby, so this rule runs first; the quote rule then
leaves a signed quotation to it and the run-on rule can continue from it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from onrecord import posts
from onrecord.attribution.rules.base import Builder, char_spans, rule, token_at
from onrecord.model import Mention
from onrecord.spacy_doc import text_of

# after the closing mark: spaces, at most one blank line, a dash, spaces, then a capital letter
_DASH_AFTER_QUOTE = re.compile(r"[^\S\n]*(?:\n[^\S\n]*){0,2}([-–—―]{1,2})[^\S\n]*(?=[A-Z])")
# what may follow a signature's name on its line: nothing, a full stop, ", description" or "(...)"
_AFTER_NAME = re.compile(r"[^\S\n]*(?:$|[.,;(].*$)", re.M)
_PARTICLES = frozenset("de del della di da van von der den la le al bin ibn st. jr. sr. ii iii".split())
_MAX_NAME = 6  # tokens
_MAX_DESCRIPTION = 10  # words after the name on its line (", a retired teacher from Riverton")
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_NOT_NAMES = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# what signs a photo or a page, never a quotation
_CREDIT_WORDS = frozenset(
    "image images photo photos picture pictures press advertisement read more staff wire reporting "
    "getty reuters afp ap file video contributed courtesy".split()
)

_TWEET = re.compile(
    r"^[^\S\n]*(?:<tweet[^>\n]*>)?(?P<body>[^\n]+?)[^\S\n]+(?P<dash>[—–]|--?)[^\S\n]+"
    rf"(?P<name>{posts.POSTER})[^\S\n]*{posts.HANDLE}"
    rf"(?P<date>[^\S\n]*{posts.POST_DATE})?[^\S\n]*(?:</tweet>)?[^\S\n]*\.?[^\S\n]*$",
    re.M,
)
_TRAILING_LINKS = re.compile(r"(?:[^\S\n]*(?:https?://\S+|pic\.twitter\.com/\S+))+[^\S\n]*$")


def _name_end(doc: Doc, start: int) -> int | None:
    """The token after a signature's name starting at ``start``, or None when no name is there.

    A name is capitalised words, initials and particles ("Julie A. Diaz Martinez", "Carla de la Cruz")
    that the recognizer takes for a person, or two words or more that are not a credit, a place or a
    date ("— Getty Images", "— Riverton, Ohio", "— Monday"). Its line ends after it or goes on with a
    short description (", Philadelphia"); a dash that opens a sentence ("— Nine months of Trump
    soaring ...") or a name the sentence goes on from (", the mayor, never used it") signs nothing.
    """
    end = start
    while end < len(doc) and end - start < _MAX_NAME:
        tok = doc[end]
        if tok.is_space or (end > start and "\n" in doc[end - 1].text_with_ws):
            break
        capital = tok.text[:1].isupper() and (tok.is_alpha or tok.text.rstrip(".").isalpha())
        if not (capital or (end > start and tok.lower_ in _PARTICLES)):
            break
        end += 1
    name = doc[start:end]
    if not len(name) or not name[0].is_alpha:
        return None
    if any(t.ent_type_ in _NOT_NAMES or t.lower_ in _CREDIT_WORDS for t in name):
        return None
    if len(name) < 2 and name[0].ent_type_ != "PERSON" and name[0]._.person is None:
        return None
    if any(t.pos_ in {"VERB", "AUX"} and not t.text[:1].isupper() for t in name):
        return None
    rest = text_of(doc)[name.end_char :]
    if not _AFTER_NAME.match(rest):
        return None
    line_end = name.end_char + (rest.find("\n") if "\n" in rest else len(rest))
    tail = doc.char_span(name.end_char, line_end, alignment_mode="expand") or []
    if sum(t.is_alpha for t in tail) > _MAX_DESCRIPTION or any(t.tag_ in _FINITE for t in tail):
        return None
    return end


def _signed_quotes(doc: Doc, b: Builder) -> None:
    text = text_of(doc)
    quotes = [q for q in doc._.quotes or [] if not b.in_title(q.start)]
    for k, quote in enumerate(quotes):
        found = _DASH_AFTER_QUOTE.match(text, quote.end)
        if found is None:
            continue
        dash, start = token_at(doc, found.start(1)), token_at(doc, found.end())
        if dash is None or start is None:
            continue
        end = _name_end(doc, start)
        if end is None:
            continue
        pieces = [quote]
        # a quote of several paragraphs leaves each one open but the last: they share the signature
        while k - len(pieces) >= 0:
            prev = quotes[k - len(pieces)]
            between = text[prev.inner[1] : pieces[0].start]
            if prev.end != prev.inner[1] or between.strip() != "":
                break
            pieces.insert(0, prev)
        spans = [s for p in pieces for s in char_spans(doc, _tokens(doc, p.inner), keep_final=True)]
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        cue = Mention(found.group(1), found.span(1))
        b.add("direct", spans, cue, dash, (start, end), "speech")


def _tokens(doc: Doc, inner: tuple[int, int]) -> range:
    span = doc.char_span(inner[0], inner[1], alignment_mode="contract")
    return range(span.start, span.end) if span is not None else range(0)


def _tweets(doc: Doc, b: Builder) -> None:
    text = text_of(doc)
    if "(@" not in text:
        return  # no handle, no tweet: the pattern is not worth running
    for found in _TWEET.finditer(text):
        start, end = found.span("body")
        links = _TRAILING_LINKS.search(text, start, end)
        end = links.start() if links is not None else end
        while start < end and text[start].isspace():
            start += 1
        if found.group("date") is None and "<tweet" not in found.group(0):
            continue  # an embed always carries its date; "... knows them all — Dana (@dana)." is prose
        name = doc.char_span(*found.span("name"), alignment_mode="expand")
        dash = token_at(doc, found.start("dash"))
        # the text is kept by characters: a scrape glues the tweet to its markup ('">Iron Mike')
        if name is None or dash is None or end - start < 2 or b.in_title(start) or b.covered(start, end):
            continue
        cue = Mention(found.group("dash"), found.span("dash"))
        b.add("direct", [(start, end)], cue, dash, (name.start, name.end), "writing")


@rule("signed", 0.8)
def signed(doc: Doc, b: Builder) -> None:
    """Rule "signed": quotations and embedded tweets whose author signs them after a dash."""
    _tweets(doc, b)
    _signed_quotes(doc, b)
