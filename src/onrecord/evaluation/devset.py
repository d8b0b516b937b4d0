"""Score onrecord on the whole-page development set: real pages as users hand them over, and own pieces.

The set lives in ``tests/data/devset``: one gold file per page in the format of ``gold.py``. A gold file
whose ``document`` is ``scrapinghub:<id>`` annotates that ScrapingHub page as whole-page text
(``extraction.page_text``: the ``<title>`` line, then every visible line), rendered here from
``../shared/data/scrapinghub`` because the page itself may not be copied into the repository; any
``tempeval3:<DOCID>`` annotates a TempEval-3 platinum news story (``timeml_text``: headline, the
creation date as the page's date stamp, then the story), ``reuters21578:<NEWID>`` a Reuters-21578 wire
story (``wire_text``: the same shape), ``polnear:<split>/<stem>`` a PolNeAR article (``polnear_text``),
``bbc:<category>/<NNN>`` a story of the BBC News corpus as its file holds it (headline, blank line,
story; the corpus gives no date, so the page has none), and any other ``document`` is a text file
beside the gold file (the fictional interviews and features).

Pages are read without a publication date, as a user would read a saved page: finding the date on the
page is part of the job. The figures, summed over every page (micro averages, so a page counts by its
statements and lines):

- titles: pages whose title is right (``gold.py``);
- clutter: gold clutter lines found in ``document.removed``;
- recall: required gold statements found; precision: matched predictions over matched predictions plus
  extras (a repeat of a statement printed twice, ``also_in_dek``, is neither);
- speakers and dates: right among the matched statements (hard ones included, as in ``gold.py``);
- published: pages whose publication day (or year, when the gold has only a year) is right.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from onrecord.evaluation.gold import GoldScore, score

REPO = Path(__file__).resolve().parents[3]
DEFAULT_FOLDER = REPO / "tests" / "data" / "devset"
DEFAULT_SHARED = REPO.parent / "shared"
SCRAPINGHUB = "scrapinghub:"
TEMPEVAL = "tempeval3:"
REUTERS = "reuters21578:"
POLNEAR = "polnear:"
BBC = "bbc:"


@dataclass
class Page:
    """One development page: its name, gold annotation and the text onrecord reads."""

    name: str
    gold: dict[str, Any]
    text: str


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.gold.json"))


def page_text_of(gold_path: Path, gold: dict[str, Any], shared: Path) -> str:
    """The text the gold file annotates; raises FileNotFoundError naming what is missing."""
    document = gold["document"]
    if document.startswith(SCRAPINGHUB):
        from onrecord.evaluation.extraction import page_text
        from onrecord.ingest import RawInput, decode

        page_id = document[len(SCRAPINGHUB) :]
        path = shared / "data" / "scrapinghub" / "html" / f"{page_id}.html.gz"
        raw = gzip.decompress(path.read_bytes())
        return page_text(decode(RawInput(f"{page_id}.html", raw)))
    if document.startswith(REUTERS):
        return wire_text(shared / "data" / "reuters21578", document[len(REUTERS) :])
    if document.startswith(POLNEAR):
        return polnear_text(shared / "data" / "polnear", document[len(POLNEAR) :])
    if document.startswith(BBC):
        return (shared / "data" / "bbc" / f"{document[len(BBC) :]}.txt").read_text(encoding="utf-8")
    if document.startswith(TEMPEVAL):
        return timeml_text(shared / "data" / "tempeval3-platinum" / f"{document[len(TEMPEVAL) :]}.tml")
    return (gold_path.parent / document).read_text(encoding="utf-8")


def wire_text(folder: Path, newid: str) -> str:
    """A Reuters-21578 story as a copied wire text: its headline, its filing date on a line of its own,
    then the dateline and body (``corpora.reuters_text``); FileNotFoundError when the id is absent."""
    from onrecord.ingest.corpora import reuters_date, reuters_stories, reuters_text

    record = reuters_stories(folder).get(newid)
    if record is None:
        raise FileNotFoundError(f"no Reuters-21578 story {newid} under {folder}")
    title, _, rest = reuters_text(record).partition("\n\n")
    return _stamped(title, reuters_date(record.get("date")), f"\n{rest}")


def polnear_text(folder: Path, name: str) -> str:
    """A PolNeAR article (``<split>/<file name>``) as a copied news text: its headline, the publication
    date from the corpus metadata on a line of its own (the stamp a page shows; the article text has
    none), then the story; FileNotFoundError when the article is absent."""
    from onrecord.evaluation.polnear import read_metadata

    split, _, stem = name.partition("/")
    path = folder / split / "text" / f"{stem}.txt"
    title, _, rest = path.read_text(encoding="utf-8").partition("\n")
    return _stamped(title, read_metadata(folder / split).get(stem, {}).get("publication_date"), rest)


def _stamped(title: str, day: str | None, rest: str) -> str:
    """A headline, the date a page shows under it ("June 2, 1987", when the corpus gives one), then the
    rest of the text as it follows the headline's line."""
    stamp = dt.date.fromisoformat(day).strftime("%B %-d, %Y") if day else ""
    return f"{title}\n{stamp}\n{rest}" if stamp else f"{title}\n{rest}"


def timeml_text(path: Path) -> str:
    """A TimeML story as a copied news text: its headline, its creation date on a line of its own (the
    stamp a page shows), a blank line, then the story with the annotation tags taken out."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()

    def text_of(tag: str) -> str:
        element = root.find(tag)
        return "".join(element.itertext()).strip() if element is not None else ""

    head = [line for line in (text_of("TITLE"), text_of("DCT")) if line]
    return "\n".join(head) + "\n\n" + text_of("TEXT") + "\n"


def load(folder: Path = DEFAULT_FOLDER, shared: Path = DEFAULT_SHARED) -> list[Page]:
    pages = []
    for path in gold_files(folder):
        gold = json.loads(path.read_text(encoding="utf-8"))
        pages.append(Page(path.name.removesuffix(".gold.json"), gold, page_text_of(path, gold, shared)))
    return pages


@dataclass
class PageResult:
    name: str
    score: GoldScore
    published_gold: str | None
    published_predicted: str | None

    @property
    def published_right(self) -> bool:
        gold, predicted = self.published_gold, self.published_predicted
        if gold is None:
            return predicted is None or len(predicted) == 4  # a year alone claims no day
        if predicted is None:
            return False
        return predicted == gold or (len(gold) == 4 and predicted[:4] == gold)


@dataclass
class Summary:
    pages: int = 0
    titles_right: int = 0
    clutter_found: int = 0
    clutter_total: int = 0
    required_found: int = 0
    required_total: int = 0
    matched: int = 0
    extras: int = 0
    speakers_right: int = 0
    dates_right: int = 0
    published_right: int = 0
    per_page: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "titles": ratio(self.titles_right, self.pages),
            "clutter_removed": ratio(self.clutter_found, self.clutter_total),
            "recall": ratio(self.required_found, self.required_total),
            "precision": ratio(self.matched, self.matched + self.extras),
            "speakers": ratio(self.speakers_right, self.matched),
            "dates": ratio(self.dates_right, self.matched),
            "published": ratio(self.published_right, self.pages),
        }

    def line(self) -> str:
        return " ".join(f"{k}={v:.3f}" for k, v in self.figures().items()) + f" pages={self.pages}"


def _published(record: dict[str, Any]) -> str | None:
    document = record.get("document") or {}
    if document.get("published"):
        return str(document["published"])
    year = document.get("published_year")
    return str(year) if year else None


def evaluate(pages: Sequence[Page], nlp: Any = None) -> tuple[Summary, list[PageResult]]:
    """Read every page (no publication date given) and score it against its gold file."""
    from onrecord.ingest import RawInput, load_document
    from onrecord.reader import analyse

    documents = [load_document(RawInput(f"{p.name}.txt", p.text.encode("utf-8"))) for p in pages]
    results: list[PageResult] = []
    summary = Summary()
    for page, record in zip(pages, analyse(documents, nlp), strict=True):
        out = record.to_dict()
        s = score(out, page.gold)
        result = PageResult(
            page.name, s, page.gold.get("given_metadata", {}).get("published"), _published(out)
        )
        results.append(result)
        matched = s.required_found + s.hard_found
        summary.pages += 1
        summary.titles_right += s.title_right
        summary.clutter_found += s.removed_found
        summary.clutter_total += s.removed_total
        summary.required_found += s.required_found
        summary.required_total += s.required_total
        summary.matched += matched
        summary.extras += s.extras
        summary.speakers_right += s.speaker_right
        summary.dates_right += s.said_on_right
        summary.published_right += result.published_right
        summary.per_page.append(
            {
                "page": page.name,
                "title": s.title_right,
                "clutter": f"{s.removed_found}/{s.removed_total}",
                "recall": f"{s.required_found}/{s.required_total}",
                "extras": s.extras,
                "speakers": f"{s.speaker_right}/{matched}",
                "dates": f"{s.said_on_right}/{matched}",
                "published": f"{result.published_predicted} (gold {result.published_gold})",
            }
        )
    return summary, results


def _detail(result: PageResult) -> Iterable[str]:
    s = result.score
    verdict = "ok" if s.title_right else "WRONG"
    yield f"== {result.name}: title {verdict} {s.title_predicted!r} (gold {s.title_gold!r})"
    yield f"   published {result.published_predicted} (gold {result.published_gold})"
    for line in s.clutter_not_removed[:40]:
        yield f"   clutter kept: {line[:100]}"
    for r in s.per_statement:
        if not r.found:
            yield f"   MISSED{'' if r.required else ' (hard)'} {r.gold_id}: {r.gold_content[:100]}"
        elif not r.speaker_ok or not r.said_on_ok:
            yield (
                f"   {r.gold_id}: speaker {r.predicted_speaker!r}->{r.predicted_person}"
                f" (gold {r.gold_speaker}) date {r.predicted_said_on} (gold {r.gold_said_on})"
                f" | {r.gold_content[:60]}"
            )
    if s.extra_ids:
        yield f"   extras: {', '.join(s.extra_ids)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder (data)")
    parser.add_argument("--json", type=Path, help="write the figures and per-page counts here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list what each page got wrong")
    parser.add_argument(
        "--no-model", action="store_true", help="the hand rules alone, without the learned attribution model"
    )
    args = parser.parse_args(argv)
    try:
        pages = load(args.folder, args.shared)
    except FileNotFoundError as err:
        print(f"devset: {err.filename}: not found (is --shared right?)", file=sys.stderr)
        return 2
    if args.no_model:
        from onrecord import nlp as nlp_module

        summary, results = evaluate(pages, nlp_module.load(None, None))
    else:
        summary, results = evaluate(pages)
    if args.verbose:
        for result in results:
            print("\n".join(_detail(result)))
    print(summary.line())
    if args.json:
        args.json.write_text(json.dumps({"figures": summary.figures(), **asdict(summary)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
