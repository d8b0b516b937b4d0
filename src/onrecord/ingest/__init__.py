"""Ingest: from bytes (files, folders, archives, dumps, URLs, stdin) to a clean ``Document`` that every
later stage indexes into.

``iter_inputs`` is the single entry point that finds and reads inputs (``sources.py``; the formats it
knows in the registry ``formats.py``: WARC and JSONL in ``archives.py``, corpora in ``corpora.py``; URLs
in ``fetch.py``); ``load_document`` decodes one and cleans it: HTML through
trafilatura with a readability fallback (``html.py``), text scrapes through the line cleaner (``text.py``).
Problems with one input are ``InputError``s naming it.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from urllib.parse import urlsplit

from onrecord.errors import InputError
from onrecord.ingest.formats import HTML_SUFFIXES
from onrecord.ingest.html import Extracted, extract_html
from onrecord.ingest.language import english_only_note
from onrecord.ingest.raw import document_id
from onrecord.ingest.sources import RawInput, decode, iter_inputs, looks_like_html
from onrecord.ingest.text import Cleaned, clean_scrape
from onrecord.model import Document

__all__ = [
    "Cleaned",
    "Extracted",
    "InputError",
    "RawInput",
    "clean_scrape",
    "decode",
    "document_id",
    "extract_html",
    "iter_inputs",
    "load_document",
    "looks_like_html",
]


_ANY_TAG = re.compile(r"<[A-Za-z!/?]")


def _named_html(source: str) -> bool:
    name = PurePath(source).name.lower().removesuffix(".gz")
    return PurePath(name).suffix in HTML_SUFFIXES


def _looks_like_json(text: str) -> bool:
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _is_html(raw: RawInput, text: str) -> bool:
    """HTML when the container says so, else when the text looks like HTML.

    A file named ``.html`` is HTML if it has any tag at all (broken markup included); one without a
    single tag is a plain-text article saved under the wrong name and is read as text; JSON is refused
    (binary data is refused earlier, by ``decode``).
    """
    if raw.kind is not None:
        return raw.kind == "html"
    if looks_like_html(text):
        return True
    if not _named_html(raw.source):
        return False
    if _looks_like_json(text):
        raise InputError(raw.source, "named .html but holds JSON, not an HTML page")
    return _ANY_TAG.search(text[:200_000]) is not None


def web_url(*candidates: str | None) -> str | None:
    """The first candidate that is an ``http(s)`` URL with a host: the article's address to link to.

    A file's path, a ``file:`` or ``javascript:`` address is never one, so a ledger only ever links out
    to the web.
    """
    for given in candidates:
        if given:
            parts = urlsplit(given.strip())
            if parts.scheme in ("http", "https") and parts.netloc:
                return given.strip()
    return None


def load_document(raw: RawInput, published: str | None = None, url: str | None = None) -> Document:
    """Decode and clean one input into a ``Document``; raises ``InputError`` when it holds no article.

    The id is the SHA-256 of the input bytes, so the same input always gets the same id (the ledger
    relies on it to stay idempotent). The publication date is taken, in order, from ``published``, from
    ``raw.published``, from the page's metadata or the text's byline/dateline, then from
    ``raw.published_fallback`` (a WARC record's crawl day). For HTML the title is put at the head of the
    text (``title + "\\n\\n" + body``) so that ``title_span`` can point to it. The article's web address
    is kept as ``Document.url``: the URL given (``url``, a fetch's or a JSONL line's), else the one the
    page names as its own, else ``source`` when that is a URL.
    """
    doc_id = document_id(raw.data)
    text = decode(raw)
    explicit = published or raw.published
    if _is_html(raw, text):
        ex = extract_html(text, raw.source, url=url or raw.url)
        body = ex.text
        title = ex.title
        if title and body.split("\n", 1)[0].strip() == title:
            # trafilatura often keeps the <h1>; the title is put back at the head below.
            body = body.split("\n", 1)[1].lstrip("\n") if "\n" in body else ""
        full = f"{title}\n\n{body}" if title and body else (title or body)
        return _noted(
            Document(
                id=doc_id,
                source=raw.source,
                text=full,
                title=title,
                publisher=ex.publisher,
                published=explicit or ex.published or raw.published_fallback,
                authors=list(ex.authors),
                removed=list(ex.removed),
                title_span=(0, len(title)) if title else None,
                url=web_url(url, raw.url, ex.url, raw.source),
            )
        )
    cleaned = clean_scrape(text)
    if not cleaned.text.strip():
        raise InputError(raw.source, "no article text left after removing page clutter")
    published = explicit or cleaned.published or raw.published_fallback
    return _noted(
        Document(
            id=doc_id,
            source=raw.source,
            text=cleaned.text,
            title=cleaned.title,
            publisher=None,
            published=published,
            authors=list(cleaned.authors),
            removed=list(cleaned.removed),
            title_span=cleaned.title_span,
            published_year=cleaned.date.year if published is None and cleaned.date else None,
            published_basis=cleaned.date.basis if published is None and cleaned.date else None,
            url=web_url(url, raw.url, raw.source),
        )
    )


def _noted(document: Document) -> Document:
    """Add the note that a text in another script is kept but not attributed."""
    note = english_only_note(document.text)
    if note:
        document.notes.append(note)
        document.attributable = False
    return document
