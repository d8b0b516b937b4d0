"""HTML extraction: a page written here, pages without an article, and real pages with ground truth."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, shared_path
from onrecord.errors import InputError
from onrecord.ingest import RawInput, load_document
from onrecord.ingest.html import clean_title, extract_html, split_authors

PAGE = """<!DOCTYPE html>
<html><head>
<title>Council Approves New Budget - Riverside Herald</title>
<meta name="author" content="Jane Doe, John Roe and Ann Poe">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics desk</a></li>
<li><a href="/subscribe">Subscribe today for unlimited access</a></li></ul></nav>
<div class="content"><article>
<p>The city council approved a new budget on Tuesday that raises spending on road repairs by ten
percent, the mayor said after the vote.</p>
<p>“This budget fixes the streets people drive on every day,” Mayor Tom Hill told reporters outside
city hall. He added that the money would come from last year’s surplus.</p>
<p>Share this article</p>
<p>Council member Rosa Diaz voted against the plan and said the surplus should be returned to
taxpayers instead of being spent on new contracts.</p>
</article></div>
<footer><p>Copyright 2021 Riverside Herald. All rights reserved.</p>
<a href="/privacy">Privacy Policy</a> <a href="/terms">Terms of Use</a></footer>
</body></html>"""


def test_article_page_gives_text_and_metadata() -> None:
    ex = extract_html(PAGE, "page.html")
    assert ex.title == "Council Approves New Budget"
    assert ex.authors == ["Jane Doe", "John Roe", "Ann Poe"]
    assert ex.published == "2021-03-04"
    assert ex.publisher == "Riverside Herald"  # from the <title> suffix, as no site name is declared
    assert "Mayor Tom Hill told reporters" in ex.text
    assert "“This budget fixes the streets" in ex.text  # curly quotes kept
    for chrome in (
        "Politics desk",
        "Subscribe",
        "Privacy Policy",
        "All rights reserved",
        "Share this article",
    ):
        assert chrome not in ex.text
    assert [r.text for r in ex.removed] == ["Share this article"]
    assert "\n\n" in ex.text  # paragraphs are separated by a blank line, as in text scrapes


def test_a_readability_failure_prints_nothing_on_a_good_page(tmp_path: Path) -> None:
    """readability logged its own failure with a traceback through Python's last-resort handler. Run in a
    fresh interpreter, since pytest's log capture would hide that handler; the fallback is made to fail."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    script = (
        "import sys\n"
        "import readability.readability as r\n"
        "def broken(self, force=False):\n"
        "    raise ValueError('a page readability cannot parse')\n"
        "r.Document._html = broken\n"
        "from onrecord.ingest.html import extract_html\n"
        "ex = extract_html(open(sys.argv[1], encoding='utf-8').read(), 'page.html')\n"
        "assert 'Mayor Tom Hill told reporters' in ex.text\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(page)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_load_document_puts_the_title_at_the_head_of_the_text() -> None:
    raw = RawInput("page.html", PAGE.encode("utf-8"))
    doc = load_document(raw)
    assert doc.title == "Council Approves New Budget"
    assert doc.title_span == (0, len(doc.title))
    assert doc.text.startswith("Council Approves New Budget\n\nThe city council approved")
    assert doc.text.count("Council Approves New Budget") == 1
    assert doc.published == "2021-03-04"
    assert load_document(raw, published="2021-03-05").published == "2021-03-05"
    sniffed = load_document(RawInput("page.txt", PAGE.encode("utf-8")))  # HTML by sniffing
    assert sniffed.text == doc.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><script>var app = {};</script></head><body><div id=app></div>"
        "<script src='bundle.js'></script></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        "<ul><li><a href='/1'>Story one</a></li><li><a href='/2'>Story two</a></li></ul></body></html>",
        "<<<>>><p <div </b>&&& <",
    ],
)
def test_page_without_an_article_is_an_input_error(page: str) -> None:
    with pytest.raises(InputError) as info:
        extract_html(page, "index.html")
    assert str(info.value).startswith("index.html: no article text found in the HTML")


def test_clean_title_drops_site_suffixes_only() -> None:
    assert clean_title("Foo - Site") == "Foo"
    assert (
        clean_title("Senator Says Bill Will Pass | Politics | Daily Planet") == "Senator Says Bill Will Pass"
    )
    assert (
        clean_title("Trump, Putin Never Met: Source - NBC News", "NBC News")
        == "Trump, Putin Never Met: Source"
    )
    assert clean_title("Opinion | Republicans Are Following Trump to Nowhere") == (
        "Opinion | Republicans Are Following Trump to Nowhere"
    )
    assert clean_title("Trump - the interview nobody expected") == "Trump - the interview nobody expected"


def test_split_authors() -> None:
    assert split_authors("Jane Doe; John Roe") == ["Jane Doe", "John Roe"]
    assert split_authors("By Jane Doe, Staff Writer") == ["Jane Doe"]
    assert split_authors("Jane Doe & John Roe and Ann Poe") == ["Jane Doe", "John Roe", "Ann Poe"]
    assert split_authors(None) == []


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


REAL_PAGES = [
    "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34",
    "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f",
    "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85",
    "076f4f33bf75059db581bedf36e76fb65e89a8f7752db3339aa3ea11c5122f32",
    "098bb3e96c0acdf36efdcde45fb9cca3f8c82c7cb2071b76097a1b96155f1eb2",
]


@pytest.mark.shared
@pytest.mark.parametrize("page_id", REAL_PAGES)
def test_real_pages_share_most_words_with_the_ground_truth(page_id: str) -> None:
    truth = json.loads(shared_path("data", "scrapinghub", "ground-truth.json").read_text(encoding="utf-8"))
    path = shared_path("data", "scrapinghub", "html", f"{page_id}.html.gz")
    raw = RawInput(str(path), gzip.decompress(path.read_bytes()))
    doc = load_document(raw, url=truth[page_id].get("url"))
    expected = _words(truth[page_id]["articleBody"])
    got = _words(doc.text)
    assert len(expected & got) / len(expected) >= 0.9  # recall: the article is there
    assert len(expected & got) / len(got) >= 0.85  # precision: little besides it
    assert doc.title and doc.text.startswith(doc.title)
    assert doc.published is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.published)
