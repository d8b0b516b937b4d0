"""The whole-page development set: its annotation is sound, and onrecord meets the bars on it.

The set (tests/data/devset) is 18 real pages from 18 sites, as whole visible text (rendered from
../shared/data/scrapinghub at test time: the pages may not be copied here), and six fictional pieces
written for onrecord (interviews, a transcript, features). Every file was annotated before onrecord
was run on it. The bars are issue 13's; the figures they guard are in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import shared_path

from onrecord.evaluation import devset

DEVSET = Path(__file__).resolve().parent / "data" / "devset"
OWN = sorted((DEVSET / "own").glob("*.gold.json"))
PAGES = sorted(DEVSET.glob("*.gold.json"))

#: Issue 13's bars, which the whole set must meet.
BARS = {
    "titles": 0.9,
    "clutter_removed": 0.9,
    "recall": 0.85,
    "precision": 0.85,
    "speakers": 0.85,
    "dates": 0.80,
}


def _pieces_in(content: str, text: str) -> bool:
    """A content string is in the text whole, or as pieces joined by one space (an interrupted quote)."""
    if content in text:
        return True
    words = content.split(" ")
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if head in text and _pieces_in(tail, text[text.index(head) + len(head) :]):
            return True
    return False


def _check_annotation(gold: dict, text: str) -> list[str]:
    problems = []
    lines = {line.strip() for line in text.split("\n")}
    for item in gold["not_article_text"]:
        if item["text"].strip() not in lines:
            problems.append(f"clutter line not in the page: {item['text'][:60]}")
    people = {p["id"] for p in gold["people"]}
    for stmt in gold["statements"]:
        if stmt.get("speaker") and stmt["speaker"] not in people:
            problems.append(f"{stmt['id']}: unknown speaker {stmt['speaker']}")
        if not _pieces_in(stmt["content"], text):
            problems.append(f"{stmt['id']}: content not in the page: {stmt['content'][:60]}")
        if stmt.get("said_on") is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", stmt["said_on"]):
            problems.append(f"{stmt['id']}: said_on {stmt['said_on']!r}")
    return problems


def test_the_set_has_what_the_issue_asks_for() -> None:
    sites = {p.name.split("-")[0] for p in PAGES}
    kinds = [p.name.split("-")[0] for p in OWN]
    assert len(PAGES) >= 15 and len(sites) >= 10
    assert len([k for k in kinds if k in {"qa", "transcript", "profile"}]) >= 3
    assert len([k for k in kinds if k in {"feature", "wire"}]) >= 3


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_own_pieces_agree_with_their_annotation(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["document"]).read_text(encoding="utf-8")
    assert _check_annotation(gold, text) == []


@pytest.mark.shared
def test_pages_agree_with_their_annotation() -> None:
    shared = shared_path("data", "scrapinghub").parents[1]
    problems = []
    for page in devset.load(DEVSET, shared):
        if page.gold["document"].startswith(devset.SCRAPINGHUB):
            problems += [f"{page.name}: {p}" for p in _check_annotation(page.gold, page.text)]
    assert problems == []


def test_own_pieces_meet_the_bars_on_their_own() -> None:
    """The fictional pieces alone (no shared data needed): interviews, transcripts and features."""
    summary, _ = devset.evaluate(devset.load(DEVSET / "own", Path("/nonexistent")))
    figures = summary.figures()
    assert figures["titles"] == 1.0
    assert figures["published"] == 1.0
    assert figures["recall"] >= 0.85 and figures["precision"] >= 0.85, summary.line()
    assert figures["speakers"] >= 0.80 and figures["dates"] >= 0.85, summary.line()


#: The check sets (annotated later, from the second on blind; check 9 is TempEval-3 news copy, check 10
#: Reuters-21578 wire, checks 11 and 12 PolNeAR train articles, 2016 US political news, 13 and 14 BBC
#: News stories, 15 whole ScrapingHub pages again, 16 BBC News again): figures recorded
#: in docs/BENCHMARKS.md, kept as floors so that a change that helps the development set cannot quietly
#: cost unseen pages. A floor is the best figure recorded, not the last: a fall within the test's 0.02
#: is allowed but never written in as the new floor.
CHECK_FLOORS = {
    "devset_check": {"titles": 1.0, "recall": 0.981, "precision": 0.857, "speakers": 0.8, "dates": 0.9},
    "devset_check2": {"titles": 1.0, "recall": 0.969, "precision": 0.934, "speakers": 0.887, "dates": 0.859},
    "devset_check3": {"titles": 1.0, "recall": 0.943, "precision": 0.964, "speakers": 0.87, "dates": 0.981},
    "devset_check4": {"titles": 1.0, "recall": 0.908, "precision": 0.963, "speakers": 0.954, "dates": 0.977},
    "devset_check5": {"titles": 1.0, "recall": 0.928, "precision": 0.918, "speakers": 0.893, "dates": 0.982},
    "devset_check6": {"titles": 1.0, "recall": 0.858, "precision": 0.853, "speakers": 0.94, "dates": 0.9},
    "devset_check7": {"titles": 1.0, "recall": 0.911, "precision": 0.939, "speakers": 0.841, "dates": 0.813},
    "devset_check8": {"titles": 1.0, "recall": 0.923, "precision": 0.924, "speakers": 0.918, "dates": 0.856},
    "devset_check9": {"titles": 1.0, "recall": 0.909, "precision": 0.925, "speakers": 0.879, "dates": 0.859},
    "devset_check10": {"titles": 1.0, "recall": 0.903, "precision": 0.939, "speakers": 0.929, "dates": 0.942},
    "devset_check11": {"titles": 1.0, "recall": 0.881, "precision": 0.954, "speakers": 0.804, "dates": 0.811},
    "devset_check12": {"titles": 1.0, "recall": 0.864, "precision": 0.915, "speakers": 0.946, "dates": 0.868},
    "devset_check13": {"titles": 1.0, "recall": 0.891, "precision": 0.982, "speakers": 0.911, "dates": 1.0},
    "devset_check14": {"titles": 1.0, "recall": 0.974, "precision": 0.988, "speakers": 0.787, "dates": 0.975},
    # check 15's dates: two long features whose undated interviews the annotators left undated
    "devset_check15": {
        "titles": 0.94,
        "recall": 0.903,
        "precision": 0.839,
        "speakers": 0.899,
        "dates": 0.333,
    },
    "devset_check16": {"titles": 1.0, "recall": 0.943, "precision": 0.956, "speakers": 0.895, "dates": 0.919},
}


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(CHECK_FLOORS))
def test_check_sets_agree_with_their_annotation_and_keep_their_figures(name: str) -> None:
    shared = shared_path("data", "scrapinghub").parents[1]
    pages = devset.load(DEVSET.parent / name, shared)
    problems = [f"{page.name}: {p}" for page in pages for p in _check_annotation(page.gold, page.text)]
    assert problems == []
    summary, _ = devset.evaluate(pages)
    figures = summary.figures()
    low = {k: figures[k] for k, floor in CHECK_FLOORS[name].items() if figures[k] < floor - 0.02}
    assert low == {}, summary.line()


@pytest.mark.shared
def test_the_whole_set_meets_the_bars() -> None:
    shared = shared_path("data", "scrapinghub").parents[1]
    summary, _ = devset.evaluate(devset.load(DEVSET, shared))
    figures = summary.figures()
    missed = {k: figures[k] for k, bar in BARS.items() if figures[k] < bar}
    assert missed == {}, summary.line()
