"""The headline, read again in sentence case so that its attributions can be parsed.

A headline capitalises every word ("Hillary Clinton Says No To Fox News"), and the statistical model
reads capitalised words as names: "Says" becomes a proper noun and the sentence has no verb. The
component ``onrecord_headline`` lowers the first letter of every word the story itself never
capitalises mid-sentence, which leaves names, acronyms and "I" as they are and every character where
it was, and parses that copy with the pipeline's own earlier components. The rule "headline" reads
statements from the copy; its offsets are the article's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from onrecord.spacy_doc import text_of

HEADLINE_KEY = "onrecord_headline"
#: The copy needs a parse, lemmas, entities and quotes; the people of one line are the article's.
_NOT_FOR_THE_COPY = frozenset({"onrecord_paragraphs", "onrecord_people"})
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
# a capitalised word after a lower-case word or a comma: a name, whatever the sentence around it
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w’'.-]*")
# capitalised inside names ("The Washington Post", "Party of Lincoln") but never names themselves
_FUNCTION_WORDS = frozenset(
    "A An The Of To In On At For And Or But By With From As Is Are Was Were Be It Its This That".split()
)


def _core(word: str) -> str:
    """A word without trailing punctuation or possessive: "Clinton’s" and "Clinton." are "Clinton"."""
    return re.sub(r"[’']s$", "", word.rstrip(".-’'"))


def sentence_case(title: str, body: str) -> str:
    """The title with the words the body writes in lower case lowered; the same length, always.

    A wire headline in capitals ("POEHL SAYS FURTHER RATE CUT POSSIBLE") is cased word by word as the
    body writes it: "Poehl", "rate", and acronyms the body also writes in capitals ("USDA") stay.
    """
    names = {_core(w) for w in _MID_SENTENCE_CAPITAL.findall(body)} - _FUNCTION_WORDS
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return _from_capitals(title, names, body)
    chars = list(title)
    first = True
    for found in _WORD.finditer(title):
        word = found.group()
        core = _core(word)
        opens = first or title[: found.start()].rstrip().endswith((":", "?", "!"))
        first = False
        acronym = len(core) > 1 and core.replace(".", "").isupper()
        keep = opens or core in names or acronym or core == "I" or word.startswith(("I’", "I'"))
        if not keep and word[:1].isupper() and word[1:] == word[1:].lower():
            _recase(chars, found.start(), word[0], word[0].lower())
    return "".join(chars)


def _recase(chars: list[str], start: int, original: str, cased: str) -> None:
    """Write ``cased`` over ``original`` from ``start``, unless the case mapping changed its length
    ("İ".lower() is two characters): the copy must keep every offset of the title."""
    if len(cased) == len(original):
        chars[start : start + len(cased)] = list(cased)


def _from_capitals(title: str, names: set[str], body: str) -> str:
    by_upper = {n.upper(): n for n in names}
    chars = list(title)
    first = True
    for found in _WORD.finditer(title):
        word, start = found.group(), found.start()
        core = _core(word)
        if core in body and len(core) > 1:
            cased = core  # an acronym the body writes in capitals too
        elif core.upper() in by_upper and len(by_upper[core.upper()]) == len(core):
            cased = by_upper[core.upper()]
        else:
            cased = core[:1] + core[1:].lower() if first else core.lower()
        _recase(chars, start, core, cased)
        first = False
    return "".join(chars)


class HeadlineReader:
    """Parse the sentence-cased headline with the components that run before this one.

    ``pipe`` parses the headlines of a batch together, as spaCy does the articles: a parse of ten
    words costs little, a call of every component for each of them does not."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def _copy(self, doc: Doc) -> Doc | None:
        title = doc._.title_span
        if not title or title[0] != 0:
            return None
        text = text_of(doc)
        return self.nlp.make_doc(sentence_case(text[: title[1]], text[title[1] :]))

    def _earlier(self) -> Iterator[Callable[[Doc], Doc]]:
        for name, component in self.nlp.pipeline:
            if name == self.name:
                return
            if name not in _NOT_FOR_THE_COPY:
                yield component

    def __call__(self, doc: Doc) -> Doc:
        copy = self._copy(doc)
        if copy is not None:
            for component in self._earlier():
                copy = component(copy)
            doc.user_data[HEADLINE_KEY] = copy
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            copies = [self._copy(doc) for doc in batch]
            parsed: list[Doc] = [c for c in copies if c is not None]
            for component in self._earlier():
                piped = getattr(component, "pipe", None)
                parsed = list(piped(parsed)) if piped is not None else [component(c) for c in parsed]
            done = iter(parsed)
            for doc, copy in zip(batch, copies, strict=True):
                if copy is not None:
                    doc.user_data[HEADLINE_KEY] = next(done)
                yield doc


@Language.factory("onrecord_headline")
def make_headline_reader(nlp: Language, name: str) -> HeadlineReader:
    return HeadlineReader(nlp, name)
