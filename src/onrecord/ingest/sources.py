"""From paths and streams to bytes, and from bytes to text.

Every input is judged on its own: a missing file, a PDF given by mistake or a corrupt archive becomes an
``InputError`` that names it, and the batch goes on, so one bad file in a folder of thousands costs one
line of output and not the run. Sizes are checked before anything is read in full, so a huge or
decompression-bomb input is refused cheaply.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from onrecord.errors import InputError
from onrecord.ingest.formats import corpus_for, folder_files, no_files_reason, read_path, suffixes
from onrecord.ingest.raw import RawInput, gunzip_bounded, read_bounded, size_text, too_big

__all__ = [
    "KNOWN_SUFFIXES",
    "STDIN_SOURCE",
    "RawInput",
    "decode",
    "iter_inputs",
    "looks_like_html",
    "size_text",
]

#: Suffixes of the built-in file formats (``formats.py`` has the formats themselves); an explicitly
#: named file of another extension is sniffed instead.
KNOWN_SUFFIXES = suffixes()
STDIN_SOURCE = "<stdin>"

#: Magic numbers of the binary files people most often pass by mistake, with the name to tell them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file (extract its text first, e.g. with pdftotext)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.epub; unpack or convert it to text first)"),
    (b"\x1f\x8b", "gzip-compressed data (name the file with a .gz suffix so it is unpacked)"),
    (b"\x7fELF", "an executable program"),
    (b"RIFF", "a RIFF media file (audio or video)"),
    (b"ID3", "an MP3 audio file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (save it as text first)"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|p|div|span|a|article|section|header|footer|nav|main|title|meta|script|style|"
    r"h[1-6]|ul|ol|li|table|br|img|link)\b[^>]*>",
    re.IGNORECASE,
)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> RawInput | InputError:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        head = stream.read(2)
    except OSError as exc:
        return InputError(STDIN_SOURCE, f"cannot read standard input ({exc})")
    if head == b"\x1f\x8b":
        # A gzip stream on stdin has no name to tell us; the magic number does.
        rest = read_bounded(stream, max_bytes)
        if rest is None:
            return InputError(STDIN_SOURCE, too_big(None, max_bytes))
        return gunzip_bounded(STDIN_SOURCE, io.BytesIO(head + rest), max_bytes)
    rest = read_bounded(stream, max_bytes - len(head)) if len(head) <= max_bytes else None
    if rest is None:
        return InputError(STDIN_SOURCE, too_big(None, max_bytes))
    return RawInput(STDIN_SOURCE, head + rest)


def _read_url(url: str, max_bytes: int, timeout: float, allow_private: bool) -> RawInput | InputError:
    from onrecord.ingest.fetch import fetch_url

    try:
        fetched = fetch_url(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    except InputError as err:
        return err
    return RawInput(url, fetched.data, url=fetched.url, kind=fetched.kind)


def iter_inputs(
    paths: Sequence[str],
    stdin: BinaryIO | None = None,
    max_bytes: int = 20_000_000,
    *,
    allow_private: bool = False,
    timeout: float = 20.0,
    corpora: bool = False,
) -> Iterator[RawInput | InputError]:
    """Yield one ``RawInput`` or one ``InputError`` per input, in the order given, never raising.

    A path is a file (``.txt``, ``.html``, ``.htm``, each optionally ``.gz``; a file of another extension
    is accepted when named explicitly and sniffed later), a web archive (``.warc``, ``.warc.gz``: one
    input per HTML response record), a JSONL dump (``.jsonl``, ``.jsonl.gz``: one input per line), a
    folder (searched recursively for those extensions, sorted), ``-`` for standard input, or an
    ``http(s)://`` URL, fetched with the limits of ``onrecord.ingest.fetch`` (``timeout`` seconds;
    private and loopback addresses only with ``allow_private``). ``max_bytes`` caps each page. Errors
    are yielded rather than raised so that the caller decides whether one bad input stops the run.

    The formats are those of ``onrecord.ingest.formats``, registered ones included. With ``corpora``, a
    path that is a known corpus (PolNeAR, Reuters, BBC) is read by its corpus reader, with its metadata
    (``onrecord ingest`` does this; ``onrecord read`` reads such a folder's files as plain files).
    """
    from onrecord.ingest.fetch import is_url

    for given in paths:
        if given == "-":
            yield _read_stdin(stdin, max_bytes)
            continue
        if is_url(given):
            yield _read_url(given, max_bytes, timeout, allow_private)
            continue
        path = Path(given)
        try:
            exists = path.exists()
        except OSError as exc:
            yield InputError(given, f"cannot access the path ({exc})")
            continue
        if not exists:
            yield InputError(given, "no such file or folder (check the path)")
            continue
        corpus = corpus_for(path) if corpora else None
        if corpus is not None:
            yield from corpus.iterate(path, given, max_bytes)
            continue
        if path.is_dir():
            try:
                files = folder_files(path)
            except OSError as exc:
                yield InputError(given, f"cannot list the folder ({exc.strerror or exc})")
                continue
            if not files:
                yield InputError(given, no_files_reason())
            for file in files:
                yield from read_path(file, str(file), max_bytes)
            continue
        yield from read_path(path, given, max_bytes)


def _binary_kind(data: bytes) -> str | None:
    """Name what binary data looks like, or ``None`` when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary data (it contains NUL bytes)"
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\f\x0b")
    if sample and controls / len(sample) > 0.05:
        return "binary data (many control characters)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the zero bytes that ASCII letters leave on one side of each pair."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_WESTERN_MARKS = set("“”‘’‚„–—…•€™«»‹›°©®£¢¥§¶·¡¿\u00a0½¼¾×÷′″")


def _western(data: bytes) -> str | None:
    """Decode as Windows-1252 when the result reads as Western text, else ``None``.

    Detectors are unsure on short English text with a few curly quotes and often pick a Central European
    or Mac code page that turns "“" into "ď". English news that is not UTF-8 is nearly always cp1252, so
    it is tried first, but only when few letters are non-ASCII (a Cyrillic or Greek text read as cp1252
    is all accented letters) and no odd symbol sits inside a word (Polish "ł" read as cp1252 is "³").
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for c in text if c.isalpha())
    foreign = sum(1 for c in text if c.isalpha() and ord(c) > 127)
    if not letters or foreign / letters > 0.15:
        return None
    for i, c in enumerate(text):
        if ord(c) < 128 or c.isalpha():
            continue
        if c not in _WESTERN_MARKS:
            return None
        inside_word = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        if inside_word and c not in "’‘":
            return None
    return text


def _normalise(text: str) -> str:
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(raw: RawInput) -> str:
    """Turn bytes into text: a BOM, UTF-8, a declared HTML charset, Western cp1252, then detection.

    Line endings become ``\\n`` and the text is NFC-normalised, so that character offsets are stable
    for every later stage; no other character is changed (curly quotes and dashes stay). Raises
    ``InputError`` for empty or binary input, naming what the bytes look like.
    """
    data = raw.data
    if not data.strip():
        raise InputError(raw.source, "empty input (the file has no text)")
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    raw.source, f"starts with a {codec} byte-order mark but is not {codec}"
                ) from exc
            break
    if text is None:
        for magic, name in _MAGIC:
            if data.startswith(magic):
                raise InputError(raw.source, f"looks like {name}, not text or HTML")
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError:
                text = None
    if text is None:
        kind = _binary_kind(data)
        if kind is not None:
            raise InputError(raw.source, f"looks like {kind}, not text or HTML")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        declared = _declared_charset(data)
        if declared is not None:
            try:
                text = data.decode(declared)
            except UnicodeDecodeError:
                text = None
    if text is None:
        text = _western(data)
    if text is None:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(raw.source, "cannot tell the text encoding (convert the file to UTF-8)")
        text = str(best)
    text = _normalise(text)
    if not text.strip():
        raise InputError(raw.source, "empty input (the file has no text)")
    return text


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page rather than a text scrape that mentions a tag or two.

    A doctype or ``<html>`` at the start decides it; otherwise several structural tags must make up a
    noticeable share of the start of the text, so a scrape quoting ``<p>`` once stays text.
    """
    head = text[:20_000]
    if _HTML_START.match(head):
        return True
    tags = _HTML_TAG.findall(head)
    if len(tags) < 3:
        return False
    tag_chars = sum(len(t) for t in tags)
    return head.lstrip().startswith("<") or tag_chars / max(len(head), 1) > 0.02
