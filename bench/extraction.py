"""Benchmark article extraction on ScrapingHub's article-extraction-benchmark, every system in one run.

Systems, all scored with ``onrecord.evaluation.extraction`` (bag of lower-cased word 4-grams; per-page
precision and recall averaged over pages; F1 of the two averages; a page with no prediction scores 0):

HTML input (the page's HTML):
  onrecord html         ``load_document`` (trafilatura favor_precision + readability fallback + clutter
                        lines), less the title line it prepends
  trafilatura precision ``trafilatura.extract(html, url, favor_precision=True, include_comments=False)``
  trafilatura default   ``trafilatura.extract(html, url)``
  readability-lxml      ``Document(html).summary()`` turned into text by trafilatura (favor_recall)

Text-scrape input (``visible_text``: the page's whole visible text, one line per block):
  onrecord text         ``clean_scrape``, less the title line it found
  C4 line rules         the brief's variant: keep lines that end in . ! ? " ” ’ (or ...) with >= 3 words;
                        drop lines containing "javascript", "cookie", "lorem ipsum" or a curly brace
  C4 as published       Raffel et al. 2020 / the TFDS c4 cleaner: keep lines ending in . ? ! or a straight
                        double quote, not in "...", with >= 5 words; drop lines with "javascript" or a policy
                        phrase ("terms of use", "privacy policy", "cookie policy", "uses cookies",
                        "use of cookies", "use cookies"); drop the whole page (empty prediction) when it
                        contains "lorem ipsum" or "{", or keeps fewer than 3 sentences. The bad-words list
                        and citation-marker removal are left out (no list shipped; markers are rare here).

Usage: .venv/bin/python bench/extraction.py [--data DIR] [--limit N] [--json PATH] [--only NAME,...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from onrecord.evaluation.extraction import (  # noqa: E402
    ExtractionScore,
    Page,
    clean_body,
    load_pages,
    predict_html,
    score_pages,
    visible_text,
)
from onrecord.ingest import RawInput, decode  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared")) / "data" / "scrapinghub"


def _html(page: Page) -> str:
    return decode(RawInput(f"{page.id}.html", page.html))


def trafilatura_precision(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(_html(page), url=page.url, favor_precision=True, include_comments=False) or ""


def trafilatura_default(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(_html(page), url=page.url) or ""


def readability_alone(page: Page) -> str:
    import trafilatura
    from readability import Document

    summary = Document(_html(page), url=page.url).summary(html_partial=False)
    return trafilatura.extract(summary, favor_recall=True, include_comments=False) or ""


# --------------------------------------------------------------------------------------------------
# C4-style baselines on the same visible text that onrecord's text mode gets.

_VISIBLE: dict[str, str] = {}


def _visible(page: Page) -> str:
    """The page's visible text, computed once per page (both C4 variants and onrecord read it)."""
    if page.id not in _VISIBLE:
        _VISIBLE[page.id] = visible_text(_html(page))
    return _VISIBLE[page.id]


_BRIEF_END = (".", "!", "?", '"', "”", "’", "…")
_BRIEF_DROP = re.compile(r"javascript|cookie|lorem ipsum|[{}]", re.I)


def c4_line_rules(page: Page) -> str:
    kept = []
    for line in _visible(page).split("\n"):
        s = line.strip()
        if len(s.split()) < 3 or not s.endswith(_BRIEF_END) or _BRIEF_DROP.search(s):
            continue
        kept.append(s)
    return "\n".join(kept)


_C4_END = (".", "?", "!", '"')
_C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]+")


def c4_as_published(page: Page) -> str:
    text = _visible(page)
    if "lorem ipsum" in text.lower() or "{" in text:
        return ""
    kept = []
    for line in text.split("\n"):
        s = line.strip()
        low = s.lower()
        if not s.endswith(_C4_END) or s.endswith("...") or len(s.split()) < 5:
            continue
        if "javascript" in low or any(p in low for p in _C4_POLICY):
            continue
        kept.append(s)
    page_text = "\n".join(kept)
    if len(_SENTENCE.findall(page_text)) < 3:
        return ""
    return page_text


def onrecord_text(page: Page) -> str:
    """``predict_text`` on the cached visible text, so its time is the cleaning alone, as for C4."""
    return clean_body(_visible(page))


SYSTEMS: dict[str, tuple[str, Callable[[Page], str]]] = {
    "onrecord-html": ("html", predict_html),
    "trafilatura-precision": ("html", trafilatura_precision),
    "trafilatura-default": ("html", trafilatura_default),
    "readability-lxml": ("html", readability_alone),
    "onrecord-text": ("text", onrecord_text),
    "c4-line-rules": ("text", c4_line_rules),
    "c4-as-published": ("text", c4_as_published),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N pages by id")
    parser.add_argument("--json", type=Path, default=None, help="write all figures and per-page scores")
    parser.add_argument("--only", default="", help="comma-separated system names")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"no benchmark at {args.data} (expected ground-truth.json and html/)", file=sys.stderr)
        return 2
    pages = load_pages(args.data, args.limit)
    names = [n for n in args.only.split(",") if n] or list(SYSTEMS)
    start = time.perf_counter()
    for page in pages:  # the scraper's work is not part of any system's time
        _visible(page)
    scraped_ms = (time.perf_counter() - start) * 1000 / len(pages)
    results: dict[str, ExtractionScore] = {}
    for name in names:
        extract = SYSTEMS[name][1]
        results[name] = score_pages(pages, extract, name)
    print(
        f"{len(pages)} pages from {args.data}; visible text for the text systems: {scraped_ms:.1f} ms/page\n"
    )
    print("| system | input | precision | recall | F1 | ms/page | no prediction |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name in names:
        s = results[name]
        empty = sum(1 for r in s.per_page if r.error or (r.precision == 0 and r.recall == 0))
        print(
            f"| {name} | {SYSTEMS[name][0]} | {s.precision:.4f} | {s.recall:.4f} | **{s.f1:.4f}** | "
            f"{s.ms_per_page:.1f} | {empty} |"
        )
    if args.json:
        payload = {name: s.to_dict() for name, s in results.items()}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
