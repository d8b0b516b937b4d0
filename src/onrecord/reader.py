"""The main job as a function: inputs in, one ``Record`` per article out.

``read`` is the whole path for one article; ``read_all`` is the same for many, batched through
``nlp.pipe`` so the model's cost is paid once, and it yields an ``InputError`` in place of any input
that cannot be read, so one bad file never stops a batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from spacy.language import Language

from onrecord import nlp as nlp_module
from onrecord.errors import InputError
from onrecord.ingest import RawInput, iter_inputs, load_document
from onrecord.ingest.sources import KNOWN_SUFFIXES
from onrecord.model import ALL_CUE_CLASSES, CueClass, Document, Record
from onrecord.resources import DEFAULT_MODEL

BATCH_SIZE = 16


def parse_date(value: str | None) -> dt.date | None:
    """An ISO publication date, or None; a malformed date is the caller's error, said plainly."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as err:
        raise ValueError(f"publication date {value!r} is not YYYY-MM-DD") from err


def analyse(documents: Iterable[Document], nlp: Language | None = None) -> Iterator[Record]:
    """Run the pipeline over clean documents, in order."""
    nlp = nlp or nlp_module.load()
    docs_in = iter(documents)
    pending: list[Document] = []

    def spacy_docs() -> Iterator:
        for document in docs_in:
            pending.append(document)
            year = (
                (document.published_year, document.published_basis or "the page's year")
                if document.published_year is not None
                else None
            )
            published = parse_date(document.published)
            yield nlp_module.make_doc(
                nlp, document.text, published, document.title_span, year, document.authors
            )

    for doc in nlp.pipe(spacy_docs(), batch_size=BATCH_SIZE):
        document = pending.pop(0)
        if not document.attributable:
            yield Record(document=document, people=[], statements=[], contradictions=[])
            continue
        yield Record(
            document=document,
            people=doc._.people or [],
            statements=doc._.statements or [],
            contradictions=doc._.contradictions or [],
        )


def _documents(
    inputs: Iterable[RawInput | InputError], published: str | None
) -> Iterator[Document | InputError]:
    for item in inputs:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield load_document(item, published=published)
        except InputError as err:
            yield err


def read_all(
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    nlp: Language | None = None,
    allow_private: bool = False,
    cue_classes: Sequence[CueClass] | str | None = None,
    model: str | Path | None = DEFAULT_MODEL,
) -> Iterator[Record | InputError]:
    """Read every input (files, folders, ``-``, WARC, JSONL, URLs) and yield a Record or an InputError
    for each, in order. URLs to private or loopback addresses are refused unless ``allow_private``.
    ``cue_classes`` widens the default speech and writing (see ``ALL_CUE_CLASSES``); ``model`` is the
    learned attribution model: the shipped one by default, another file (``onrecord train
    attribution``), or ``None`` for the hand rules alone.

    Settings are checked here, before the first input is read: a bad cue class or model file raises
    ValueError at the call, not in the middle of the batch."""
    pipeline = _nlp(nlp, cue_classes, model)
    inputs = iter_inputs([str(p) for p in paths], stdin=stdin, allow_private=allow_private)
    return _read_stream(_documents(inputs, published), pipeline)


def _read_stream(stream: Iterable[Document | InputError], nlp: Language) -> Iterator[Record | InputError]:
    batch: list[Document | InputError] = []
    for item in stream:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield from _flush(batch, nlp)
            batch = []
    yield from _flush(batch, nlp)


def _too_long(document: Document, nlp: Language) -> InputError | None:
    """An article longer than the parser takes is refused with one line, so the batch goes on."""
    if len(document.text) <= nlp.max_length:
        return None
    return InputError(
        document.source,
        f"the article text is {len(document.text):,} characters, over the {nlp.max_length:,} the parser "
        "takes in one piece; split it into smaller files",
    )


def _flush(batch: list[Document | InputError], nlp: Language) -> Iterator[Record | InputError]:
    batch = [item if isinstance(item, InputError) else (_too_long(item, nlp) or item) for item in batch]
    documents = [d for d in batch if isinstance(d, Document)]
    records = iter(analyse(documents, nlp))
    for item in batch:
        yield item if isinstance(item, InputError) else next(records)


def check_cue_classes(cue_classes: Sequence[str]) -> None:
    """Raise ValueError naming what to use when a cue class is unknown or none is given."""
    unknown = sorted(set(cue_classes) - set(ALL_CUE_CLASSES))
    if unknown or not cue_classes:
        given = ", ".join(unknown) or "(none given)"
        raise ValueError(f"unknown cue class {given}: use some of {', '.join(ALL_CUE_CLASSES)}, or all")


def _pipeline(cue_classes: Sequence[CueClass] | str | None, model: str | Path | None) -> Language:
    if isinstance(cue_classes, str):
        cue_classes = [cue_classes]  # one class by name, not its letters
    chosen = None
    if cue_classes is not None:
        check_cue_classes(cue_classes)
        chosen = tuple(c for c in ALL_CUE_CLASSES if c in cue_classes)
    return nlp_module.load(chosen, model)


def _nlp(
    nlp: Language | None, cue_classes: Sequence[CueClass] | str | None, model: str | Path | None
) -> Language:
    if nlp is not None and (cue_classes is not None or model != DEFAULT_MODEL):
        raise ValueError("give either nlp or cue_classes/model: a ready pipeline has its own settings")
    return nlp or _pipeline(cue_classes, model)


def read(
    source: str | Path,
    *,
    published: str | None = None,
    nlp: Language | None = None,
    cue_classes: Sequence[CueClass] | str | None = None,
    model: str | Path | None = DEFAULT_MODEL,
) -> Record:
    """Read one article, from a path (``Path`` or an existing file's name) or from its text.

    Statements are speech and writing by default; ``cue_classes`` asks for beliefs, intentions,
    evidence or stances too (``onrecord.ALL_CUE_CLASSES`` is every class). ``model`` is the learned
    attribution model, the one shipped in the package unless another file is given; ``model=None``
    reads with the hand rules alone.

    >>> record = read("Mayor Ana Ruiz said on Monday that the bridge will reopen.", published="2024-03-14")
    >>> record.statements[0].speaker.text
    'Ana Ruiz'
    """
    if isinstance(source, Path) or _names_a_file(source):
        raw = _raw_from_path(Path(source))
    else:
        try:
            data = source.encode("utf-8")
        except UnicodeEncodeError as err:  # a lone surrogate: no encoding can carry it
            raise InputError(
                "<text>",
                f"not valid Unicode text (a lone surrogate {source[err.start]!r} at character {err.start})",
            ) from None
        raw = RawInput(source="<text>", data=data)
    document = load_document(raw, published=published)
    pipeline = _nlp(nlp, cue_classes, model)
    refused = _too_long(document, pipeline)
    if refused is not None:
        raise refused
    return next(analyse([document], pipeline))


_MAX_PATH = 1024


def _names_a_file(source: str) -> bool:
    """A string is a file name when it is one short line ending in an input suffix ("story.txt",
    "page.html.gz"); anything else is the article's text. Decided on the string alone, so a long text
    never reaches the file system ("File name too long") and a text that happens to name a file is
    still read as text; pass a ``Path`` to read a file with another name."""
    name = source.strip()
    if not name or "\n" in name or len(name) > _MAX_PATH:
        return False
    return name.lower().removesuffix(".gz").endswith(KNOWN_SUFFIXES)


def _raw_from_path(path: Path) -> RawInput:
    for item in iter_inputs([str(path)]):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(str(path), "no readable input found")
