"""Readers for the real corpora in ``../shared/data``, each yielding ``RawInput``s with their dates.

- **PolNeAR** (``polnear/``, a split folder such as ``polnear/train``, or its ``text/`` folder): one
  ``.txt`` per article; ``metadata.tsv`` at the corpus root gives the publication date, publisher,
  author and title, keyed by split and file name.
- **Reuters-21578** (a ``reut2-NNN.json`` file or a folder of them): a JSON list of records with
  ``date`` ("26-FEB-1987 15:01:01.79"), ``title``, ``dateline`` and ``body``. Records without a body
  (about 2,500) are skipped. The body is hard-wrapped at 70 columns with paragraphs indented by four
  spaces, and the pipeline reads every line break as a paragraph end, so lines are rejoined into
  paragraphs; HTML entities (``&lt;``) are decoded, the "Reuter" sign-off is dropped and the dateline
  leads the first paragraph as "CITY, Mon D (Reuters) - ". The input
  bytes (and so the document id) are that rebuilt text, which is the same on every run.
- **BBC** (``bbc/`` or one of its topic folders): ``.txt`` files whose first line is the title; no
  dates. Only the article files are read (not ``README.TXT``).

``detect(path)`` says which corpus a path is, or None for an ordinary file or folder (which
``iter_inputs`` reads). Every reader yields ``CorpusInput``: a ``RawInput`` that also carries the
title, publisher and authors the corpus knows, for the ledger to keep.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.errors import InputError
from onrecord.ingest.raw import RawInput

BBC_TOPICS = ("business", "entertainment", "politics", "sport", "tech")
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}


@dataclass
class CorpusInput(RawInput):
    """A ``RawInput`` from a known corpus, with the metadata the corpus gives beside the text."""

    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    """One detected corpus path: its kind, how many inputs it holds, and how to read them."""

    kind: str
    path: Path

    def count(self) -> int:
        """How many inputs ``__iter__`` will yield (errors included), cheaply, for a progress bar."""
        if self.kind == "reuters":
            return sum(1 for r in _reuters_records(self.path) if isinstance(r, dict) and _body(r))
        return sum(1 for _ in self._files())

    def _files(self) -> Iterator[Path]:
        if self.kind == "polnear":
            for folder in _polnear_text_folders(self.path):
                yield from sorted(folder.glob("*.txt"))
        elif self.kind == "bbc":
            folders = [self.path / t for t in BBC_TOPICS] if _is_bbc_root(self.path) else [self.path]
            for folder in folders:
                yield from sorted(p for p in folder.glob("*.txt") if p.is_file())

    def __iter__(self) -> Iterator[RawInput | InputError]:
        if self.kind == "polnear":
            yield from _read_polnear(self.path)
        elif self.kind == "reuters":
            yield from _read_reuters(self.path)
        else:
            for path in self._files():
                yield _read_file(path, publisher="BBC News")


def is_polnear(path: Path) -> bool:
    """A PolNeAR root, split folder or split's ``text`` folder (its ``metadata.tsv`` is found above)."""
    return path.is_dir() and _polnear_metadata(path) is not None and bool(_polnear_text_folders(path))


def is_reuters(path: Path) -> bool:
    """A Reuters-21578 JSON file, or a folder of ``reut2-NNN.json`` files."""
    if path.is_file():
        return path.suffix.lower() == ".json" and _looks_reuters(path)
    return path.is_dir() and any(path.glob("reut2-*.json"))


def is_bbc(path: Path) -> bool:
    """The BBC corpus root or one of its topic folders."""
    return path.is_dir() and (_is_bbc_root(path) or (path.name in BBC_TOPICS and _is_bbc_root(path.parent)))


#: The corpora in the order they are recognised (a PolNeAR folder is never taken for another).
KINDS = {"polnear": is_polnear, "reuters": is_reuters, "bbc": is_bbc}


def detect(path: str | Path) -> Corpus | None:
    """Which known corpus ``path`` is (PolNeAR, Reuters-21578 JSON, BBC), or None."""
    p = Path(path)
    for kind, matches in KINDS.items():
        if matches(p):
            return Corpus(kind, p)
    return None


# ----------------------------------------------------------------------------------------- PolNeAR


def _polnear_metadata(path: Path) -> Path | None:
    """The ``metadata.tsv`` of a PolNeAR root, split folder or split's ``text`` folder."""
    for folder in (path, path.parent, path.parent.parent):
        candidate = folder / "metadata.tsv"
        if candidate.is_file():
            with candidate.open(encoding="utf-8") as fh:
                header = fh.readline()
            if "compartment" in header and "publication_date" in header:
                return candidate
    return None


def _polnear_text_folders(path: Path) -> list[Path]:
    if path.name == "text" and any(path.glob("*.txt")):
        return [path]
    if (path / "text").is_dir():
        return [path / "text"]
    return sorted(d / "text" for d in path.iterdir() if (d / "text").is_dir())


def _read_polnear(path: Path) -> Iterator[RawInput | InputError]:
    meta_path = _polnear_metadata(path)
    meta: dict[tuple[str, str], dict[str, str]] = {}
    if meta_path is not None:
        with meta_path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                meta[(row["compartment"], row["filename"])] = row
    for folder in _polnear_text_folders(path):
        split = folder.parent.name
        for file in sorted(folder.glob("*.txt")):
            row = meta.get((split, file.stem), {})
            published = _iso_or_none(row.get("publication_date"))
            author = (row.get("author") or "").strip()
            yield _read_file(
                file,
                published=published,
                title=_none(row.get("title")),
                publisher=_none(row.get("publisher")),
                authors=[author] if author and author != "None" else [],
            )


# ----------------------------------------------------------------------------------------- Reuters


def _looks_reuters(path: Path) -> bool:
    if re.fullmatch(r"reut2-\d+\.json", path.name):
        return True
    try:
        with path.open(encoding="utf-8") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.lstrip().startswith("[") and '"body"' in head and '"date"' in head


def _reuters_records(path: Path) -> Iterator[dict | InputError]:
    files = [path] if path.is_file() else sorted(path.glob("reut2-*.json"))
    for file in files:
        try:
            records = json.loads(file.read_text(encoding="utf-8", errors="replace"))
        except (OSError, ValueError) as err:
            yield InputError(str(file), f"not a Reuters-21578 JSON file ({err})")
            continue
        if not isinstance(records, list):
            yield InputError(str(file), "not a Reuters-21578 JSON file (expected a list of records)")
            continue
        for record in records:
            if isinstance(record, dict):
                record.setdefault("_file", str(file))
                yield record


@functools.lru_cache(maxsize=1)
def reuters_stories(folder: Path) -> dict[str, dict]:
    """The Reuters-21578 records of a folder that have a body, by their ``newid``: the annotated sets
    name a story by it ("reuters21578:5011"). Read once per folder; unreadable files are left out."""
    stories: dict[str, dict] = {}
    for record in _reuters_records(folder):
        if isinstance(record, dict) and _body(record):
            stories[str((record.get("attrs") or {}).get("newid"))] = record
    return stories


def _body(record: dict) -> str:
    return str(record.get("body") or "").strip()


def reuters_date(value: str | None) -> str | None:
    """ "26-FEB-1987 15:01:01.79" -> "1987-02-26"; None when it does not parse."""
    m = re.match(r"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2).upper()], int(m.group(1))).isoformat()
    except (KeyError, ValueError):
        return None


def reuters_text(record: dict) -> str:
    """Title, then the dateline and body as paragraphs (hard wraps joined, sign-off dropped)."""
    body = html.unescape(_body(record)).replace("\x03", "")
    body = re.sub(r"\s*\bReuter\s*$", "", body)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=[ \t]{2,})", body)]
    paragraphs = [p for p in paragraphs if p]
    dateline = " ".join(html.unescape(str(record.get("dateline") or "")).split()).rstrip(" -")
    if dateline and paragraphs:
        # Written as Reuters writes it today ("NEW YORK, March 2 (Reuters) - "), the form the text
        # cleaner knows as a dateline; bare "NEW YORK, March 2 - Moody's said" makes "NEW YORK" a speaker.
        paragraphs[0] = f"{dateline} (Reuters) - {paragraphs[0]}"
    title = " ".join(html.unescape(str(record.get("title") or "")).split())
    return "\n\n".join(([title] if title else []) + paragraphs) + "\n"


def _read_reuters(path: Path) -> Iterator[RawInput | InputError]:
    for record in _reuters_records(path):
        if isinstance(record, InputError):
            yield record
            continue
        if not _body(record):
            continue
        newid = (record.get("attrs") or {}).get("newid", "?")
        title = " ".join(html.unescape(str(record.get("title") or "")).split()) or None
        yield CorpusInput(
            source=f"{record['_file']}#{newid}",
            data=reuters_text(record).encode("utf-8"),
            published=reuters_date(record.get("date")),
            title=title,
            publisher="Reuters",
        )


# --------------------------------------------------------------------------------------------- BBC


def _is_bbc_root(path: Path) -> bool:
    return sum((path / t).is_dir() for t in BBC_TOPICS) >= 3


# ------------------------------------------------------------------------------------------ shared


def _none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value and value != "None" else None


def _iso_or_none(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat((value or "").strip()[:10]).isoformat()
    except ValueError:
        return None


def _read_file(path: Path, **meta: object) -> RawInput | InputError:
    try:
        data = path.read_bytes()
    except OSError as err:
        return InputError(str(path), f"cannot read the file ({err.strerror or err})")
    return CorpusInput(source=str(path), data=data, **meta)  # type: ignore[arg-type]
