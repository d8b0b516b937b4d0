"""The bytes of one input, before any decoding, and the helpers every input format reads them with.

Kept apart from ``sources.py`` (which finds inputs and decodes them) so that each format's module
(``archives.py``, ``corpora.py``, a format registered from outside) depends on this alone, and the
registry (``formats.py``) can import the formats without an import cycle.
"""

from __future__ import annotations

import gzip
import hashlib
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from onrecord.errors import InputError

_CHUNK = 1 << 16


@dataclass
class RawInput:
    """The bytes of one input and where they came from, before any decoding.

    ``data`` is already unpacked for ``.gz`` files, so a document's id (the hash of these bytes) is the
    same whether it arrived compressed or not. ``published`` is a date the caller knows from outside the
    text (a sidecar, a feed), which outranks anything found in the text; ``published_fallback`` is a
    date known only from the container (a WARC record's crawl date), used when the page has none.
    ``url`` is the page's address when known (it helps the HTML extractor with site names and dates);
    ``kind`` is ``"html"`` or ``"text"`` when the container says which, else the name and bytes decide.
    """

    source: str
    data: bytes
    published: str | None = None
    url: str | None = None
    kind: str | None = None
    published_fallback: str | None = None


def document_id(data: bytes) -> str:
    """A document's id: the SHA-256 of its input bytes (unpacked), in hex.

    One function because the ledger's idempotence rests on every path (local ingest, Ray, the web's
    submit form, ``load_document``) computing the same id for the same bytes.
    """
    return hashlib.sha256(data).hexdigest()


def size_text(n: int) -> str:
    """A size as people read it: "23.4 MB", "5.0 kB", "812 bytes"."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def too_big(n: int | None, max_bytes: int) -> str:
    """The reason for refusing an input over the size limit (``n`` None: size unknown, only "larger")."""
    size = f"is {size_text(n)}" if n is not None else "is larger than that"
    return f"file {size}, over the {size_text(max_bytes)} limit (split it into smaller files)"


def read_bounded(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """Read at most ``max_bytes``; ``None`` when there is more, so a stream is never read in full."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            return None
        chunks.append(chunk)


def gunzip_bounded(source: str, stream: BinaryIO, max_bytes: int) -> RawInput | InputError:
    """Decompress in chunks and stop past ``max_bytes``, so a small bomb cannot fill the memory."""
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as gz:
            data = read_bounded(gz, max_bytes)  # type: ignore[arg-type]
    except (gzip.BadGzipFile, EOFError, zlib.error, OSError) as exc:
        detail = str(exc) or type(exc).__name__
        return InputError(source, f"not a valid gzip file ({detail}); re-download or unpack it by hand")
    if data is None:
        return InputError(
            source,
            f"unpacks to more than {size_text(max_bytes)}, over the limit (split it into smaller files)",
        )
    return RawInput(source, data)


def is_gz(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def inner_suffix(path: Path) -> str:
    """The extension that says what a file holds: ``a.html.gz`` holds ``.html``."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def read_file(path: Path, source: str, max_bytes: int) -> RawInput | InputError:
    """One file as one input, unpacked when it is ``.gz``, refused past ``max_bytes``."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return InputError(source, f"cannot read the file ({exc.strerror or exc})")
    if not is_gz(path) and size > max_bytes:
        return InputError(source, too_big(size, max_bytes))
    try:
        with path.open("rb") as fh:
            if is_gz(path):
                return gunzip_bounded(source, fh, max_bytes)
            data = read_bounded(fh, max_bytes)
    except PermissionError:
        return InputError(source, "permission denied (check the file's read permission)")
    except OSError as exc:
        return InputError(source, f"cannot read the file ({exc.strerror or exc})")
    if data is None:  # the file grew between stat and read
        return InputError(source, too_big(None, max_bytes))
    return RawInput(source, data)


def not_regular(path: Path) -> str | None:
    """Why ``path`` is no file to read (a FIFO, a device, a socket), or ``None`` for a regular file.

    Opening a FIFO blocks until some other process writes to it, which may be never, and a device such
    as ``/dev/zero`` never ends; so only regular files are opened, judged by ``stat`` before the open.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # the open that follows reports it
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "a special file"
    return f"{what}, not a regular file: not opened (send its text to standard input with '-' instead)"
