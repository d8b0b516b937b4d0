"""The spaCy ``Doc`` as onrecord's components share it: the extensions they fill, its text built once,
and the sentence splitting that runs before the parser.

Kept apart from ``onrecord.nlp`` (which assembles the pipeline and so imports every component) so that
the components can use these without importing the module that imports them.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token


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


#: The tags of a word that opens a relative clause and stands in it for the noun the clause hangs on:
#: "who", "whom", "which", "that" (a determiner's tag for it). "whose" (``WP$``) is its noun's owner,
#: not the noun, so only a rule that wants any relative word adds it.
RELATIVE_TAGS = frozenset({"WDT", "WP"})

#: No sentence runs longer (tokens). The longest of 2,373 PolNeAR dev sentences has 113; a longer run
#: is a list, a table or a flood of marks, and the rules' cost grows with a sentence's length squared.
LONGEST_SENTENCE = 150

_SENTENCE_ENDS = frozenset({".", "!", "?", ";", "…"})
#: SENT_START's -1 ("no sentence starts here") in the unsigned array ``Doc.to_array`` gives.
_NO_START = 2**64 - 1


@Language.component("onrecord_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break (a scrape's lines are paragraphs, never one sentence),
    never inside a line right after a word (``_runs_on``), and cut a run longer than
    ``LONGEST_SENTENCE`` after its last sentence mark, else where it stops."""
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
        elif _runs_on(prev, token):
            starts[token.i] = _NO_START
    doc.from_array([SENT_START], starts)
    return doc


def _runs_on(prev: Token, token: Token) -> bool:
    """Whether no sentence can start at ``token``: within a line, right after a word or a number, with
    no mark between ("Ana | Sol said ...", "remarks | Trump had made"). The small parser splits there
    now and then, most often inside a name it does not know after a headline; a sentence it should
    split there would have no mark to end it, which edited news copy does not print."""
    return (prev.is_alpha or prev.like_num) and not token.is_space and not token.is_punct


def tokens_with(doc: Doc, attr: str, values: Collection[str]) -> list[Token]:
    """The tokens whose ``attr`` ("LEMMA", "LOWER", "POS"), lower-cased, is one of ``values``, in order.

    A component that wants a few words looks them up in an index built once per Doc instead of
    walking every token: spaCy makes a ``Token`` object for each token a loop visits, and a dozen
    walks over every article cost more than the rules' own work. Call it only once the attribute is
    final (lemmas after the lemmatizer).
    """
    return [doc[i] for i in indices_with(doc, attr, values)]


def indices_with(doc: Doc, attr: str, values: Collection[str]) -> list[int]:
    """``tokens_with`` as token indices, for a caller that needs no ``Token``."""
    key = f"onrecord_index_{attr}"
    index: dict[str, list[int]] | None = doc.user_data.get(key)
    if index is None:
        strings = doc.vocab.strings
        index = {}
        for i, value in enumerate(doc.to_array(attr).tolist()):
            index.setdefault(strings[value].lower(), []).append(i)
        doc.user_data[key] = index
    return sorted(i for value in index.keys() & set(values) for i in index[value])


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy joins every token each time ``doc.text`` is read."""
    text = doc.user_data.get("onrecord_text")
    if text is None:
        text = doc.user_data["onrecord_text"] = doc.text
    return text
