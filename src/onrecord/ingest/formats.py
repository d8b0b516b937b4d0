"""The input formats, in one registry: what each reads, how to recognise it, how many inputs it holds.

Adding a format used to mean editing suffix sets, corpus detection, the ingest's listing and counting
and the Ray planner; now it is one ``register(Format(...))``. Every place that finds inputs asks this
module: ``iter_inputs`` (``sources.py``) for files and folders, the ledger ingest's ``iter_all`` and
``count_inputs`` (which add the corpora) and the Ray planner (``scale.rows.plan_units``, which splits
paths into ``units``).

There are two sorts of format. A *file* format (``corpus=False``: plain text, HTML, WARC, JSONL) is
matched by a file's name and its files are picked out of any folder. A *corpus* (PolNeAR, Reuters,
BBC) is a file or folder read whole, with the metadata the corpus keeps beside its texts; corpora are
recognised only where asked for (``onrecord ingest``, not ``onrecord read``), before file formats.

This module imports the format modules, which import only ``raw.py``: nothing here imports back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import InputError
from onrecord.ingest.archives import iter_jsonl, iter_warc
from onrecord.ingest.corpora import KINDS as CORPORA
from onrecord.ingest.corpora import Corpus
from onrecord.ingest.raw import RawInput, inner_suffix, not_regular, read_file

Items = Iterable[RawInput | InputError]

#: A file named so is HTML (``load_document`` reads one with any tag as a page).
HTML_SUFFIXES = (".html", ".htm")


def _one(path: Path) -> int:
    return 1


def _whole(path: Path) -> list[Path]:
    return [path]


@dataclass(frozen=True)
class Format:
    """One input format.

    ``iterate(path, source, max_bytes)`` yields the inputs of ``path`` (named ``source``; ``max_bytes``
    caps each page) and never raises; ``count(path)`` says cheaply how many inputs it will yield, for a
    progress bar; ``parts(path)`` splits it into pieces that can be read apart (by Ray's read tasks).
    ``matches(path)`` defaults to a file whose inner suffix (``a.html.gz``: ``.html``) is in ``suffixes``.
    """

    name: str
    iterate: Callable[[Path, str, int], Items]
    suffixes: tuple[str, ...] = ()
    matches_path: Callable[[Path], bool] | None = None
    count: Callable[[Path], int] = _one
    parts: Callable[[Path], list[Path]] = _whole
    corpus: bool = False

    def matches(self, path: Path) -> bool:
        """Whether this format reads ``path``."""
        if self.matches_path is not None:
            return self.matches_path(path)
        return inner_suffix(path) in self.suffixes and path.is_file()


def _one_file(path: Path, source: str, max_bytes: int) -> Items:
    return [read_file(path, source, max_bytes)]


def _corpus(kind: str, matches: Callable[[Path], bool], **extra: object) -> Format:
    """A known corpus as a format, read and counted by ``corpora.Corpus`` (no per-page size limit)."""
    return Format(
        kind,
        lambda path, _source, _max: Corpus(kind, path),
        matches_path=matches,
        count=lambda path: Corpus(kind, path).count(),
        corpus=True,
        **extra,  # type: ignore[arg-type]
    )


def _reuters_parts(path: Path) -> list[Path]:
    return sorted(path.glob("reut2-*.json")) if path.is_dir() else [path]


_FORMATS: list[Format] = [
    *(
        _corpus(kind, matches, **({"parts": _reuters_parts} if kind == "reuters" else {}))
        for kind, matches in CORPORA.items()
    ),
    Format("text", _one_file, (".txt",)),
    Format("html", _one_file, HTML_SUFFIXES),
    Format("warc", iter_warc, (".warc",)),
    Format("jsonl", iter_jsonl, (".jsonl",)),
]


def register(fmt: Format) -> Format:
    """Add a format (after the ones known), or replace the one of the same name; returned for reuse."""
    unregister(fmt.name)
    _FORMATS.append(fmt)
    return fmt


def unregister(name: str) -> None:
    """Forget the format called ``name`` (nothing when there is none)."""
    _FORMATS[:] = [f for f in _FORMATS if f.name != name]


def formats(*, corpora: bool = True) -> list[Format]:
    """The registered formats in the order they are tried; file formats only without ``corpora``."""
    return [f for f in _FORMATS if corpora or not f.corpus]


def suffixes() -> tuple[str, ...]:
    """Every suffix a file format takes from a folder, in registration order."""
    return tuple(s for f in formats(corpora=False) for s in f.suffixes)


def format_for(path: Path, *, corpora: bool = False) -> Format | None:
    """The first format that reads ``path``, or None (a file then counts as one page, sniffed later)."""
    for fmt in formats(corpora=corpora):
        if fmt.matches(path):
            return fmt
    return None


def folder_files(folder: Path) -> list[Path]:
    """Files a file format reads under a folder, recursively, in a stable order; hidden ones skipped.

    Raises ``OSError`` when the folder cannot be listed.
    """
    found: list[Path] = []
    file_formats = formats(corpora=False)
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if any(f.matches(path) for f in file_formats):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def no_files_reason() -> str:
    """What an empty folder lacks, naming the suffixes known now."""
    names = list(suffixes())
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
    return f"folder holds no {listed} files (optionally .gz)"


def corpus_for(path: Path) -> Format | None:
    """The corpus ``path`` is, as its format, or None."""
    fmt = format_for(path, corpora=True)
    return fmt if fmt is not None and fmt.corpus else None


def read_path(path: Path, source: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    """One file: an archive or dump yields its pages, any other file is one input (sniffed later).
    A file that is no regular file (a FIFO, a device) is refused before it is opened."""
    refused = not_regular(path)
    if refused is not None:
        yield InputError(source, refused)
        return
    fmt = format_for(path)
    if fmt is not None:
        yield from fmt.iterate(path, source, max_bytes)
    else:
        yield read_file(path, source, max_bytes)


def count(given: str, *, corpora: bool = True) -> int:
    """How many inputs ``iter_inputs`` will yield for one given path, cheaply: a corpus or file by its
    format's ``count``, a folder by its files', anything else (stdin, a URL, a missing path) as one."""
    path = Path(given)
    if given == "-" or "://" in given:
        return 1
    fmt = format_for(path, corpora=corpora)
    if fmt is not None:
        return fmt.count(path)
    if path.is_dir():
        try:
            files = folder_files(path)
        except OSError:
            return 0
        return sum(f.count(p) for p in files if (f := format_for(p)) is not None)
    return 1


def units(given: str, *, corpora: bool = True) -> list[str]:
    """``given`` split into paths that can be read apart, in order: a corpus into its ``parts``, a
    folder into its files; anything else (a file, a URL, a missing path, a folder with nothing to read)
    whole, so that the reader reports it with its own message."""
    if given == "-" or "://" in given:
        return [given]
    path = Path(given)
    fmt = corpus_for(path) if corpora else None
    if fmt is not None:
        pieces = fmt.parts(path)
        return [given] if pieces == [path] else [str(p) for p in pieces]
    if path.is_dir():
        try:
            files = folder_files(path)
        except OSError:
            files = []
        return [str(f) for f in files] or [given]
    return [given]
