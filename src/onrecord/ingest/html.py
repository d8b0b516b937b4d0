"""HTML pages to article text and metadata, with trafilatura.

trafilatura finds the article's main text and drops navigation, footers and comments; what it lets
through (a share bar or a photo credit inside the article element) is removed by the same line rules as
text scrapes, so both routes report removed lines the same way. Metadata (title, authors, date,
publisher) comes from the page's own markup, cleaned of the "| Site" suffixes that page titles carry.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlparse

import htmldate
import trafilatura

from onrecord.errors import InputError
from onrecord.ingest.language import word_count
from onrecord.ingest.text import strip_clutter
from onrecord.model import Removed

# readability-lxml logs a failed summary with log.exception and, unlike trafilatura and htmldate, adds
# no NullHandler, so Python's last-resort handler printed a traceback to stderr for a page that was then
# read fine (the fallback is optional and its failure is handled below). An application that configures
# logging still gets the record.
logging.getLogger("readability").addHandler(logging.NullHandler())

#: An extraction shorter than this is a stub (a cookie wall, an index page), not an article.
MIN_WORDS = 20

_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ")
_STRONG_SEPARATORS = {" | ", " :: ", " · ", " • "}
_ROLE_ONLY = re.compile(
    r"^(?:(?:senior|chief|staff|political|national|foreign|white house|contributing|special|associate|"
    r"deputy|managing|executive)\s+)*(?:reporter|correspondent|editor|writer|columnist|contributor|"
    r"producer|journalist|staff|author|photographer)s?$",
    re.I,
)


@dataclass
class Extracted:
    """What an HTML page yields: the article body and the metadata found in its markup."""

    text: str
    title: str | None
    authors: list[str]
    published: str | None
    publisher: str | None
    removed: list[Removed] = field(default_factory=list)
    #: The page's own address (canonical link or og:url), or the URL it was read from.
    url: str | None = None


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def _site_keys(sitename: str | None, hostname: str | None) -> set[str]:
    keys: set[str] = set()
    if sitename:
        keys.add(_key(sitename))
    if hostname:
        host = hostname.lower().removeprefix("www.")
        keys.add(_key(host))
        keys.add(_key(host.split(".")[0]))
    keys.discard("")
    return keys


def clean_title(title: str | None, sitename: str | None = None, hostname: str | None = None) -> str | None:
    """Drop the site name that page titles append ("Foo | NBC News", "Foo - Site").

    A suffix goes when it names the site, or when it is no longer than the rest and either follows a
    pipe-like separator or is at most four capitalised words after a dash (the usual site-name shape).
    A dash inside a headline ("Trump - the interview nobody expected") and a section label in front
    ("Opinion | Republicans Are Following Trump") stay.
    """
    if not title:
        return None
    title = " ".join(title.split())
    keys = _site_keys(sitename, hostname)
    changed = True
    while changed:
        changed = False
        for sep in _TITLE_SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if not found or not head.strip():
                continue
            tail_words = tail.split()
            names_site = _key(tail) in keys
            short_caps = 0 < len(tail_words) <= 4 and all(
                w[0].isupper() or not w[0].isalpha() for w in tail_words
            )
            # A site name is shorter than the headline it follows: "Opinion | A Long Headline" keeps its tail.
            not_longer = len(tail_words) <= len(head.split())
            strong = sep in _STRONG_SEPARATORS and len(tail_words) <= 6
            if names_site or (not_longer and (strong or short_caps)):
                title = head.strip()
                changed = True
                break
    return title or None


def split_authors(author: str | None) -> list[str]:
    """Authors as a list: trafilatura joins them with ";", pages write "A, B and C"."""
    if not author:
        return []
    parts = re.split(r"\s*;\s*|\s*,\s*|\s+and\s+|\s*&\s*|\s*\|\s*", author)
    out: list[str] = []
    for part in parts:
        name = re.sub(r"^(?:by|written by)\s+", "", part.strip(), flags=re.I).strip(" .")
        if not name or _ROLE_ONLY.match(name) or name in out:
            continue
        out.append(name)
    return out


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _title_suffix_site(html: str, title: str | None) -> str | None:
    """The site name that the page's ``<title>`` appends after the headline, when nothing else names it."""
    m = _TITLE_TAG.search(html[:200_000])
    if not m or not title:
        return None
    raw = " ".join(unescape(m.group(1)).split())
    if not raw.startswith(title):
        return None
    rest = raw[len(title) :]
    for sep in _TITLE_SEPARATORS:
        if rest.startswith(sep):
            site = rest.rpartition(sep)[2].strip()
            return site if 0 < len(site.split()) <= 6 else None
    return None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname
    return host.removeprefix("www.") if host else None


#: The fallback replaces trafilatura's text when it finds at least this many times the words and holds
#: most of trafilatura's text (trafilatura kept only part of the article), or when trafilatura found
#: fewer than ``_SHORT_WORDS`` words and the fallback ``_SHORT_RATIO`` times as many (a notice, not the
#: article). Measured on the ScrapingHub benchmark: docs/BENCHMARKS.md, "Article extraction".
_FALLBACK_RATIO = 2.0
_FALLBACK_CONTAINS = 0.8
_SHORT_WORDS = 50
_SHORT_RATIO = 3.0

_WORD = re.compile(r"\w+")


def _paragraphs(body: str) -> str:
    """One paragraph per non-blank line, separated by a blank line, as in text scrapes."""
    return "\n\n".join(line.strip() for line in body.split("\n") if line.strip())


def _readability_body(html: str, url: str | None) -> str:
    """The article as readability-lxml finds it, turned into text by trafilatura; "" when unavailable.

    readability scores the page's blocks by text and link density and keeps the best subtree with its
    siblings, which recovers articles that trafilatura cuts short (split ``<div>`` bodies, a reprint
    notice taken for the text). It is optional: without the package there is simply no fallback.
    """
    try:
        from readability import Document as ReadabilityDocument
    except ImportError:
        return ""
    try:
        summary = ReadabilityDocument(html, url=url).summary(html_partial=False)
        return trafilatura.extract(summary, favor_recall=True, include_comments=False) or ""
    except Exception:  # readability and lxml raise many kinds on broken markup; the fallback is optional
        return ""


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i : i + 4]) for i in range(max(len(words) - 3, 1)))


def _prefer_fallback(main: str, fallback: str) -> bool:
    """Whether the fallback's text should replace trafilatura's (see ``_FALLBACK_RATIO``)."""
    n_main = len(_WORD.findall(main))
    n_fallback = len(_WORD.findall(fallback))
    if n_fallback < MIN_WORDS:
        return False
    if n_main < _SHORT_WORDS and n_fallback >= _SHORT_RATIO * max(n_main, 1):
        return True
    if n_fallback < _FALLBACK_RATIO * n_main:
        return False
    ours = _shingles(main)
    shared = sum((ours & _shingles(fallback)).values())
    return shared >= _FALLBACK_CONTAINS * sum(ours.values())


def extract_html(html: str, source: str, url: str | None = None) -> Extracted:
    """Extract the article from one HTML page, or raise ``InputError`` when there is none.

    trafilatura (precision mode) gives the text and the metadata; readability-lxml is the fallback when
    trafilatura returns too little of the article. Paragraphs are separated by a blank line, as in text
    scrapes, so later stages see one layout.
    """
    doc = None
    parse_error: Exception | None = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, favor_precision=True, include_comments=False, with_metadata=True
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        parse_error = exc
    body = _paragraphs((getattr(doc, "text", None) or "") if doc is not None else "")
    fallback = _paragraphs(_readability_body(html, url))
    if fallback and _prefer_fallback(body, fallback):
        body = fallback
    kept, removed = strip_clutter(body)
    if word_count(kept) < MIN_WORDS:
        if parse_error is not None:
            raise InputError(
                source, f"no article text found in the HTML (the markup could not be parsed: {parse_error})"
            ) from parse_error
        found = f"only {word_count(kept)} words" if kept.strip() else "nothing"
        raise InputError(
            source,
            f"no article text found in the HTML ({found} after removing navigation and boilerplate; "
            "is this an index, a login wall or a script-only page?)",
        )

    sitename = getattr(doc, "sitename", None)
    hostname = getattr(doc, "hostname", None) or _hostname(url)
    title = clean_title(getattr(doc, "title", None), sitename, hostname)
    published = getattr(doc, "date", None)
    if not published:
        try:
            published = htmldate.find_date(html, extensive_search=False, original_date=True, url=url)
        except Exception:  # htmldate is a best effort; a page without a date is still an article
            published = None
    publisher = sitename or hostname or _title_suffix_site(html, title)
    return Extracted(
        text=kept,
        title=title,
        authors=split_authors(getattr(doc, "author", None)),
        published=published,
        publisher=publisher,
        removed=removed,
        url=getattr(doc, "url", None) or url,
    )
