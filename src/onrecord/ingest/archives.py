"""Inputs that hold many pages: WARC web archives and JSONL dumps, read as streams.

An archive can be far larger than any one article, so neither is read whole: records and lines are read
one at a time, and the size limit applies to each page, not to the file. A bad record or line is one
``InputError`` naming it (``dump.jsonl:17``, a record's URL) and the rest of the file is still read; only
a file that cannot be read at all (not a WARC, a broken gzip stream) ends early, with one error for the
file after the pages read before the damage.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from onrecord.errors import InputError
from onrecord.ingest.raw import RawInput, size_text

_CHUNK = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@contextmanager
def _open(path: Path) -> Iterator[IO[bytes]]:
    """The file's bytes, unpacked as a stream when it is gzipped (by name or by magic number)."""
    with path.open("rb") as raw:
        if path.name.lower().endswith(".gz") or raw.peek(2)[:2] == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:
                yield unpacked  # type: ignore[misc]
        else:
            yield raw


def _iso_day(value: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp, or ``None`` when it is not one."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except (ValueError, AttributeError):
        return None


# --------------------------------------------------------------------------------------------------
# WARC


def _warc_magic_problem(path: Path) -> str | None:
    """Why the file cannot be a WARC archive, judged from its first bytes, or ``None``.

    warcio reads on past text that is not a WARC record at all, so the version line is checked first.
    """
    try:
        with _open(path) as stream:
            head = stream.read(16)
    except (OSError, EOFError, zlib.error) as exc:
        return f"not a readable WARC archive ({exc or type(exc).__name__})"
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        return "not a readable WARC archive (it does not start with a WARC/1.x record)"
    return None


def _warc_detail(exc: Exception, load_failed: type[Exception]) -> str:
    """What went wrong, in words a user can act on.

    warcio's own errors and I/O errors say something about the file ("Invalid WARC record, first line:
    ..."); anything else is warcio tripping over a record it did not expect (a request or response with
    no WARC-Target-URI raises ``'NoneType' object has no attribute 'startswith'``), which would only
    confuse, so it is replaced by a plain reason.
    """
    if isinstance(exc, (load_failed, OSError, EOFError, zlib.error, ValueError)):
        return " ".join((str(exc) or type(exc).__name__).split())[:160]
    return "a record's headers are missing or malformed, e.g. a response without WARC-Target-URI"


def iter_warc(path: Path, source: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    """One ``RawInput`` per HTML response record (2xx) of a ``.warc`` or ``.warc.gz`` file.

    The record's target URI is the source and the URL; its WARC-Date's day is the publication date
    *fallback*, used only when the page itself carries no date (a crawl date is when the page was seen,
    not when it was written). Other records (requests, metadata, images, redirects) are skipped.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield InputError(source, "reading WARC archives needs the warcio package (pip install warcio)")
        return
    problem = _warc_magic_problem(path)
    if problem is not None:
        yield InputError(source, problem)
        return
    found = records = 0
    try:
        with path.open("rb") as fh:
            archive = ArchiveIterator(fh)
            # warcio writes this warning to stderr itself; the damage it means is reported as an
            # InputError (the next record fails to parse), so the raw dump would only be noise.
            archive.INC_RECORD = ""
            for record in archive:
                records += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#record"
                if record.rec_type == "response":
                    if record.http_headers is None:
                        continue
                    status = record.http_headers.get_statuscode() or ""
                    if not status.startswith("2"):
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if content_type.split(";", 1)[0].strip().lower() not in _HTML_TYPES:
                    continue
                found += 1
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield InputError(
                        uri, f"response body is over the {size_text(max_bytes)} limit (in {source})"
                    )
                    continue
                date = record.rec_headers.get_header("WARC-Date") or ""
                yield RawInput(uri, body, url=uri, kind="html", published_fallback=_iso_day(date))
    except Exception as exc:  # warcio raises its own errors, and plain ones, on damaged archives
        detail = _warc_detail(exc, ArchiveLoadFailed)
        if not found:
            yield InputError(source, f"not a readable WARC archive ({detail})")
        else:
            yield InputError(source, f"the WARC archive is damaged after {found} pages ({detail})")
        return
    if not found:
        yield InputError(source, "the WARC archive holds no HTML response records")


# --------------------------------------------------------------------------------------------------
# JSONL


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines (1-based); ``None`` for a line over ``max_bytes``, which is skipped unread."""
    number = 0
    while True:
        number += 1
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the long line without keeping it
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _jsonl_item(obj: Any, where: str) -> RawInput | InputError:
    if not isinstance(obj, dict):
        return InputError(where, f"each line must be a JSON object, not {type(obj).__name__}")
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        return InputError(where, "'url' must be a string")
    html, text = obj.get("html"), obj.get("text")
    if html is not None and not isinstance(html, str):
        return InputError(where, "'html' must be a string")
    if text is not None and not isinstance(text, str):
        return InputError(where, "'text' must be a string")
    if not html and not text:
        return InputError(where, "the object has no 'html' or 'text' to read")
    published = obj.get("published")
    day: str | None = None
    if published not in (None, ""):
        day = _iso_day(published) if isinstance(published, str) else None
        if day is None:
            return InputError(where, f"'published' must be a date YYYY-MM-DD, not {published!r}")
    body, kind = (html, "html") if html else (text, "text")
    source = url or where
    return RawInput(source, body.encode("utf-8"), published=day, url=url, kind=kind)


def iter_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    """One ``RawInput`` per line of a ``.jsonl`` (or ``.jsonl.gz``) dump.

    Each line is an object with ``html`` or ``text`` (``html`` wins when both are given), optional ``url``
    (the source and the URL handed to the HTML extractor) and optional ``published`` (a date the dump
    knows, which outranks the page's own, like ``--published``). A bad line is an ``InputError`` named
    ``file:line``; blank lines are skipped.
    """
    read = 0
    try:
        with _open(path) as stream:
            for number, line in _lines(stream, max_bytes):
                where = f"{source}:{number}"
                if line is None:
                    yield InputError(where, f"line is over the {size_text(max_bytes)} limit")
                    continue
                if not line.strip():
                    continue
                read += 1
                try:
                    obj = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
                    yield InputError(where, f"not valid JSON ({reason})")
                    continue
                yield _jsonl_item(obj, where)
    except (OSError, EOFError, zlib.error) as exc:
        detail = str(exc) or type(exc).__name__
        yield InputError(source, f"cannot read the dump past line {read} ({detail})")
        return
    if not read:
        yield InputError(source, "the JSONL dump has no lines")
