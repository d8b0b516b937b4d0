"""The extraction scorer: the shingle metric by hand, the scraper's visible text, the command, and the
recorded ScrapingHub figures (docs/BENCHMARKS.md, "Article extraction") on a fixed subset."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from onrecord.cli import app
from onrecord.evaluation.extraction import (
    PageResult,
    aggregate,
    evaluate_extraction,
    load_pages,
    page_scores,
    predict_html,
    predict_text,
    score_pages,
    shingles,
    visible_text,
)

#: Recorded on every 4th page (by id) of ../shared/data/scrapinghub: 37 pages (see the benchmark doc).
RECORDED_SUBSET_F1 = {"html": 0.979, "text": 0.892}


def test_shingles_are_a_bag_of_lowercased_word_4grams() -> None:
    bag = shingles("The cat sat on the mat. The cat sat on")
    assert bag[("the", "cat", "sat", "on")] == 2
    assert sum(bag.values()) == 7  # 10 tokens, 7 windows
    assert shingles("Two words") == {("two", "words"): 1}  # shorter than 4 tokens: one shingle
    assert not shingles("  ,.; ")


def test_page_scores_by_hand() -> None:
    gold = "a b c d e f"  # shingles: abcd bcde cdef
    assert page_scores("a b c d e f", gold) == (1.0, 1.0)
    p, r = page_scores("a b c d e x y", gold)  # abcd bcde cdex dexy: 2 shared of 4 predicted, of 3 gold
    assert (p, r) == (0.5, 2 / 3)
    assert page_scores("", gold) == (0.0, 0.0)  # nothing predicted scores nothing


def test_f1_comes_from_the_averages_not_the_mean_of_page_f1s() -> None:
    results = [PageResult("a", 1.0, 0.5, 1.0), PageResult("b", 0.5, 1.0, 3.0)]
    score = aggregate("html", results)
    assert score.precision == 0.75 and score.recall == 0.75
    assert score.f1 == pytest.approx(0.75)  # the mean of the page F1s would be 0.667
    assert score.ms_per_page == 2.0


def test_visible_text_is_what_a_scraper_copies() -> None:
    html = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/w'>World</a></nav><!-- a comment -->"
        "<p>One <b>bold</b>\n   sentence\n here.</p><script>var x = 1;</script>"
        "<div>Block<div>Inner</div>tail</div><ul><li>Item</li></ul><pre>keep\n  lines</pre></body></html>"
    )
    assert visible_text(html) == "Home World\nOne bold sentence here.\nBlock\nInner\ntail\nItem\nkeep\nlines"


def _tiny_benchmark(folder: Path) -> None:
    (folder / "html").mkdir(parents=True)
    body = " ".join(
        f"The river rose two meters overnight and the council closed the bridge, sentence {n}."
        for n in range(8)
    )
    page = (
        "<html><head><title>River Rises - Gazette</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>River Rises</h1><p>{body}</p></article><footer>Contact us</footer></body></html>"
    )
    (folder / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode()))
    (folder / "html" / "p2.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    truth = {"p1": {"articleBody": body, "url": "https://gazette.example/river"}, "p2": {"articleBody": body}}
    (folder / "ground-truth.json").write_text(json.dumps(truth))


def test_evaluate_extraction_on_a_tiny_benchmark(tmp_path: Path) -> None:
    _tiny_benchmark(tmp_path)
    html = evaluate_extraction(tmp_path, mode="html")
    assert html.pages == 2 and html.errors == 1  # p2 has no article: scored 0, with its reason
    assert [r.id for r in html.per_page] == ["p1", "p2"]
    assert html.per_page[0].precision == 1.0 and html.per_page[0].recall == 1.0
    assert "no article text found" in (html.per_page[1].error or "")
    assert html.f1 == pytest.approx(0.5)
    text = evaluate_extraction(tmp_path, mode="text", limit=1)
    assert text.pages == 1 and text.per_page[0].recall == 1.0
    with pytest.raises(ValueError):
        evaluate_extraction(tmp_path, mode="pdf")  # type: ignore[arg-type]


def test_eval_extraction_command(tmp_path: Path) -> None:
    _tiny_benchmark(tmp_path / "bench")
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(
        app, ["eval", "extraction", str(tmp_path / "bench"), "--mode", "html", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("html: pages=2 precision=0.5000 recall=0.5000 F1=0.5000 ms/page=")
    saved = json.loads(out.read_text())
    assert saved["pages"] == 2 and len(saved["per_page"]) == 2
    missing = CliRunner().invoke(app, ["eval", "extraction", str(tmp_path)])
    assert missing.exit_code == 1
    assert "no ground-truth.json" in missing.stderr


@pytest.mark.shared
@pytest.mark.parametrize("mode", ["html", "text"])
def test_scrapinghub_subset_keeps_the_recorded_figure(mode: str) -> None:
    folder = shared_path("data", "scrapinghub")
    pages = load_pages(folder)[::4]
    predict = predict_html if mode == "html" else predict_text
    score = score_pages(pages, predict, mode)
    assert score.pages == 37
    assert score.f1 >= RECORDED_SUBSET_F1[mode] - 0.02, score.line()
