"""Readers for the real corpora: detection, dates and text, on small copies and on ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from onrecord.ingest import load_document
from onrecord.ingest.corpora import CorpusInput, detect, reuters_date, reuters_text

RECORD = {
    "attrs": {"newid": "7"},
    "date": "26-FEB-1987 15:02:20.00",
    "dateline": "CLEVELAND, Feb 26 -",
    "title": "STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT",
    "body": "Standard Oil Co and BP North America\nInc said they plan to form a venture.\n"
    "    The venture will be called BP/Standard\nFinancial Trading.\n Reuter\n&#3;",
}


def test_reuters_record_becomes_dated_paragraphs(tmp_path: Path) -> None:
    assert reuters_date(RECORD["date"]) == "1987-02-26"
    assert reuters_date("garbage") is None
    text = reuters_text(RECORD)
    assert text.splitlines()[0] == "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT"
    assert "CLEVELAND, Feb 26 (Reuters) - Standard Oil Co and BP North America Inc said they plan" in text
    assert "\n\nThe venture will be called BP/Standard Financial Trading." in text
    assert "Reuter\n" not in text and "&#3;" not in text
    path = tmp_path / "reut2-000.json"
    path.write_text(json.dumps([RECORD, {"attrs": {"newid": "8"}, "date": RECORD["date"], "body": ""}]))
    corpus = detect(path)
    assert corpus is not None and corpus.kind == "reuters" and corpus.count() == 1
    (item,) = list(corpus)
    assert isinstance(item, CorpusInput)
    assert item.source.endswith("reut2-000.json#7") and item.published == "1987-02-26"
    assert detect(tmp_path).kind == "reuters"  # type: ignore[union-attr]
    assert list(corpus) == [item]  # same bytes, same document id, every run


def test_polnear_split_reads_metadata(tmp_path: Path) -> None:
    (tmp_path / "train" / "text").mkdir(parents=True)
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n"
        "train\tnyt_2016-05-01_x\tNone\ta\tnyt\t2016-05-01\tJane Roe\tA Title\n",
        encoding="utf-8",
    )
    (tmp_path / "train" / "text" / "nyt_2016-05-01_x.txt").write_text("A Title.\n\nSmith said it rained.\n")
    for path in (tmp_path, tmp_path / "train", tmp_path / "train" / "text"):
        corpus = detect(path)
        assert corpus is not None and corpus.kind == "polnear" and corpus.count() == 1
        (item,) = list(corpus)
        assert isinstance(item, CorpusInput)
        assert (item.published, item.publisher, item.authors) == ("2016-05-01", "nyt", ["Jane Roe"])


def test_ordinary_folders_are_not_corpora(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.")
    assert detect(tmp_path) is None
    assert detect(tmp_path / "a.txt") is None
    assert detect(tmp_path / "missing") is None


@pytest.mark.shared
def test_shared_corpora_are_detected_with_dates() -> None:
    polnear = detect(shared_path("data", "polnear", "dev"))
    assert polnear is not None and polnear.count() == 84
    first = next(iter(polnear))
    assert isinstance(first, CorpusInput) and first.published and first.publisher
    reuters = detect(shared_path("data", "reuters21578", "reut2-000.json"))
    assert reuters is not None and reuters.kind == "reuters"
    item = next(iter(reuters))
    assert isinstance(item, CorpusInput) and item.published == "1987-02-26"
    doc = load_document(item)
    assert doc.published == "1987-02-26" and "\n" not in doc.text.split("\n\n")[1]
    bbc = detect(shared_path("data", "bbc"))
    assert bbc is not None and bbc.kind == "bbc" and bbc.count() == 2225
    assert all(Path(i.source).name != "README.TXT" for i in bbc)  # type: ignore[union-attr]
    topic = detect(shared_path("data", "bbc", "politics"))
    assert topic is not None and topic.kind == "bbc"
