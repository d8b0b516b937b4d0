"""Score article extraction on the ScrapingHub article-extraction-benchmark layout.

The data is a folder with ``html/<id>.html.gz`` (or ``<id>.html``) pages and ``ground-truth.json``
mapping each id to ``{"articleBody": ..., "url": ...}``. The metric is the benchmark's, written here from
its description so that every number can be re-derived by hand:

Shingles
    A text is lower-cased and split into word tokens (runs of ``\\w``); its shingles are the bag
    (multiset) of word 4-grams. A text of 1 to 3 tokens is one shingle of all its tokens; an empty text
    has none.

Per page
    ``shared`` is the size of the multiset intersection of the predicted and gold bags.
    precision = shared / predicted shingles, recall = shared / gold shingles. A page with no prediction
    (onrecord said "no article", or extracted nothing) scores precision 0 and recall 0, so refusing a
    page is never free. A gold page with no shingles is skipped (the data set has none).

Overall
    precision and recall are each averaged over pages; F1 is the harmonic mean of those two averages
    (not the mean of per-page F1s).

Two modes feed the predictions:

``html``
    the page's HTML through onrecord's HTML path (``load_document``), with the page's URL from the
    ground truth; the body compared is the document text less the title that onrecord puts at its head
    (``Document.title_span``), because the gold ``articleBody`` has no title.

``text``
    the page's whole visible text, as a scraper hands it over (``visible_text``: the body's text with a
    newline around every block element, scripts, styles and other non-rendered elements removed), fed
    to the text cleaner ``clean_scrape``; its text, less the title span it found, is compared.

Usage: ``onrecord eval extraction DIR [--mode html|text] [--json OUT] [--limit N]``.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from onrecord.errors import InputError

Mode = Literal["html", "text"]
MODES: tuple[Mode, ...] = ("html", "text")
SHINGLE_N = 4

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens: the unit of the benchmark's shingles (punctuation does not count)."""
    return _TOKEN.findall(text.lower())


def shingles(text: str, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """The bag of word ``n``-grams of ``text``; a text shorter than ``n`` tokens is one shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_scores(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of one page's prediction against its gold body (0, 0 when nothing predicted)."""
    pred = shingles(predicted)
    true = shingles(gold)
    if not pred or not true:
        return 0.0, 0.0
    shared = sum((pred & true).values())
    return shared / sum(pred.values()), shared / sum(true.values())


@dataclass
class PageResult:
    """One page's scores, with the reason when onrecord gave no article for it."""

    id: str
    precision: float
    recall: float
    ms: float
    error: str | None = None


@dataclass
class ExtractionScore:
    """Averaged precision and recall, F1 from the two averages, and the time per page."""

    mode: str
    pages: int
    precision: float
    recall: float
    f1: float
    ms_per_page: float
    errors: int
    per_page: list[PageResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """One human line: the figures people compare."""
        return (
            f"{self.mode}: pages={self.pages} precision={self.precision:.4f} recall={self.recall:.4f} "
            f"F1={self.f1:.4f} ms/page={self.ms_per_page:.1f} no-article={self.errors}"
        )


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def aggregate(mode: str, results: Sequence[PageResult]) -> ExtractionScore:
    """Average per-page precision and recall; F1 of the averages, as the benchmark reports it."""
    n = len(results)
    p = sum(r.precision for r in results) / n if n else 0.0
    r = sum(r.recall for r in results) / n if n else 0.0
    ms = sum(x.ms for x in results) / n if n else 0.0
    return ExtractionScore(
        mode=mode,
        pages=n,
        precision=p,
        recall=r,
        f1=f1(p, r),
        ms_per_page=ms,
        errors=sum(1 for x in results if x.error),
        per_page=list(results),
    )


# --------------------------------------------------------------------------------------------------
# The data set.


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, raw HTML bytes, URL and gold article body."""

    id: str
    html: bytes
    url: str | None
    gold: str


def _page_file(folder: Path, page_id: str) -> Path | None:
    for name in (f"{page_id}.html.gz", f"{page_id}.html"):
        if (folder / "html" / name).is_file():
            return folder / "html" / name
    return None


def load_pages(folder: str | Path, limit: int | None = None) -> list[Page]:
    """The pages of a benchmark folder in id order (``limit`` keeps the first N); raises when malformed."""
    folder = Path(folder)
    truth_path = folder / "ground-truth.json"
    if not truth_path.is_file():
        raise InputError(
            str(folder), "no ground-truth.json (expected the article-extraction-benchmark layout)"
        )
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages: list[Page] = []
    for page_id in sorted(truth):
        path = _page_file(folder, page_id)
        if path is None:
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        entry = truth[page_id]
        pages.append(Page(page_id, data, entry.get("url"), entry.get("articleBody") or ""))
        if limit is not None and len(pages) >= limit:
            break
    if not pages:
        raise InputError(str(folder), "no pages under html/ match the ids in ground-truth.json")
    return pages


# --------------------------------------------------------------------------------------------------
# What a scraper hands over: the visible text of a page.

#: Elements whose text is never shown: scripts, styles, templates and the document head.
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed")
#: Elements that start a new line when a browser lays the page out.
_BLOCK = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead "
    "tfoot tr td th ul option select button caption title".split()
)


_SPACES = re.compile(r"\s+")


def visible_text(html: str | bytes) -> str:
    """The text a scraper copies from a page: every visible string, a line break around block elements.

    It uses lxml's ``text_content()`` after inserting newlines at block boundaries, so navigation,
    footers and related-story lists all come along, exactly the clutter the text cleaner must remove.
    Runs of spaces are collapsed within a line and empty lines dropped, as copying from a browser does.
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    # Collected first: dropping while iterating would skip the siblings of a dropped element.
    hidden = [*root.iter(*_INVISIBLE), *root.iter(etree.Comment, etree.ProcessingInstruction)]
    for el in hidden:
        if el.getparent() is not None:
            el.drop_tree()
    for el in root.iter():
        # Source line breaks are only whitespace to a browser; <pre> keeps them.
        if el.tag != "pre" and el.getparent() is not None and el.getparent().tag != "pre":
            el.text = _SPACES.sub(" ", el.text) if el.text else el.text
        el.tail = _SPACES.sub(" ", el.tail) if el.tail else el.tail
        if not isinstance(el.tag, str) or el.tag.lower() not in _BLOCK:
            continue
        el.tail = "\n" + (el.tail or "")
        if len(el):
            el.text = "\n" + (el.text or "")
        else:
            el.text = "\n" + (el.text or "") + "\n"
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def page_text(html: str | bytes) -> str:
    """A whole-page scrape as saving a page as text gives it: the ``<title>`` line, then the visible text.

    The title line is what most whole-page scrapes start with (the page title, often with the site's
    name after a bar or dash), so the cleaner is tested on the headline as users actually hand it over.
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    title = root.find(".//title")
    head = " ".join((title.text_content() if title is not None else "").split())
    body = visible_text(html)
    return f"{head}\n{body}" if head else body


# --------------------------------------------------------------------------------------------------
# Predictions.

Extractor = Callable[[Page], str]


def predict_html(page: Page) -> str:
    """onrecord's HTML path: the document body without the title line it prepends."""
    from onrecord.ingest import RawInput, load_document

    doc = load_document(RawInput(f"{page.id}.html", page.html), url=page.url)
    return doc.text[doc.title_span[1] :] if doc.title_span else doc.text


def clean_body(scraped: str) -> str:
    """A scrape through ``clean_scrape``, less the title line it found (the gold body has no title)."""
    from onrecord.ingest import clean_scrape

    cleaned = clean_scrape(scraped)
    if cleaned.title_span:
        return cleaned.text[: cleaned.title_span[0]] + cleaned.text[cleaned.title_span[1] :]
    return cleaned.text


def predict_text(page: Page) -> str:
    """onrecord's text path: the page's visible text through ``clean_scrape``, less the title it found."""
    from onrecord.ingest import RawInput, decode

    return clean_body(visible_text(decode(RawInput(f"{page.id}.html", page.html))))


PREDICTORS: dict[str, Extractor] = {"html": predict_html, "text": predict_text}


def score_pages(pages: Iterable[Page], extract: Extractor, mode: str) -> ExtractionScore:
    """Run ``extract`` on every page and score it; an ``InputError`` is a page with no prediction."""
    results: list[PageResult] = []
    for page in pages:
        start = time.perf_counter()
        error: str | None = None
        try:
            predicted = extract(page)
        except InputError as exc:
            predicted, error = "", exc.reason
        ms = (time.perf_counter() - start) * 1000
        p, r = page_scores(predicted, page.gold)
        results.append(PageResult(page.id, p, r, ms, error))
    return aggregate(mode, results)


def evaluate_extraction(folder: str | Path, mode: Mode = "html", limit: int | None = None) -> ExtractionScore:
    """Score onrecord's ``mode`` path on a benchmark folder; see the module docstring for the metric."""
    if mode not in PREDICTORS:
        raise ValueError(f"mode must be one of {', '.join(PREDICTORS)}, not {mode!r}")
    return score_pages(load_pages(folder, limit), PREDICTORS[mode], mode)
