"""The bundled example's gold file must agree with its article, character for character.

A gold file that quotes text the article does not contain silently caps every score computed against
it, so this test checks the annotation itself. It reads only JSON and text, not onrecord, so a broken
pipeline cannot hide a broken annotation (or the reverse).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "examples"
GOLD_FILES = sorted(EXAMPLES.glob("*.gold.json"))
KINDS = {"direct", "indirect", "mixed", "according_to"}
Span = tuple[int, int]
SAID_ON_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _load(gold_path: Path) -> tuple[dict[str, Any], str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["document"]).read_text(encoding="utf-8")
    return gold, text


def _pieces(
    content: str, text: str, start: int = 0, max_pieces: int = 3, max_gap: int = 80
) -> list[Span] | None:
    """Spans of ``content`` in ``text`` from ``start`` on: whole, or split at spaces into ordered pieces.

    Mirrors the output contract, where an interrupted quote's pieces are joined with one space. Longest
    first pieces are tried first, and each later piece must start within ``max_gap`` characters of the
    one before (an attribution, not a paragraph, sits between them), so stray short matches elsewhere in
    the page ("I" in "Image:") cannot pass for a quote.
    """
    at = text.find(content, start)
    if at >= 0:
        return [(at, at + len(content))]
    if max_pieces <= 1:
        return None
    for split in sorted((m.start() for m in re.finditer(" ", content)), reverse=True):
        head, tail = content[:split], content[split + 1 :]
        at = text.find(head, start)
        while at >= 0:
            end = at + len(head)
            rest = _pieces(tail, text, end, max_pieces - 1, max_gap)
            if rest is not None and rest[0][0] - end <= max_gap:
                return [(at, end), *rest]
            at = text.find(head, at + 1)
    return None


def test_there_is_an_example() -> None:
    assert GOLD_FILES, f"no *.gold.json under {EXAMPLES}"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_page_parts_occur_in_the_article(gold_path: Path) -> None:
    gold, text = _load(gold_path)
    lines = text.splitlines()
    assert gold["title"] in lines, "the title must be a line of the page"
    assert gold["dek"] in lines, "the dek must be a line of the page"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold["given_metadata"]["published"])
    for item in gold["not_article_text"]:
        assert item["text"] in lines, f"clutter is not a whole line of the page: {item['text']!r}"
        assert item["kind"]
    for item in gold["not_statements"]:
        assert item["text"] in text, f"look-alike not in the page: {item['text']!r}"
        assert item["why"]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_statements_quote_the_article(gold_path: Path) -> None:
    gold, text = _load(gold_path)
    clutter = [
        (text.find(i["text"]), text.find(i["text"]) + len(i["text"])) for i in gold["not_article_text"]
    ]
    ids = [s["id"] for s in gold["statements"]]
    assert len(ids) == len(set(ids)), "statement ids must be unique"
    assert all(re.fullmatch(r"S\d+[a-z]?", i) for i in ids)
    previous = -1
    for s in gold["statements"]:
        spans = _pieces(s["content"], text)
        assert spans is not None, f"{s['id']}: content is not in the article, whole or in pieces"
        for a, b in spans:
            assert not any(ca <= a and b <= cb for ca, cb in clutter), f"{s['id']}: content lies in clutter"
        assert spans[0][0] > previous, f"{s['id']}: statements must follow document order"
        previous = spans[0][0]
        assert s["kind"] in KINDS, s["id"]
        if s["cue"] is not None:
            assert s["cue"] in text, f"{s['id']}: cue {s['cue']!r} not in the article"
        if s["said_on"] is not None:
            assert SAID_ON_RE.fullmatch(s["said_on"]), f"{s['id']}: said_on {s['said_on']!r}"
        assert isinstance(s.get("question", False), bool)
        assert isinstance(s.get("hard", False), bool)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_speakers_and_contradictions_resolve(gold_path: Path) -> None:
    gold, text = _load(gold_path)
    people = {p["id"]: p for p in gold["people"]}
    assert len(people) == len(gold["people"]), "people ids must be unique"
    for p in gold["people"]:
        assert p["name"]
        assert p.get("kind", "person") in {"person", "organization"}
        for mention in p["mentions"]:
            assert mention in text, f"{p['id']}: mention {mention!r} not in the article"
    statements = {s["id"]: s for s in gold["statements"]}
    for s in statements.values():
        if s["source"] == "named":
            assert s["speaker"] in people, f"{s['id']}: unknown speaker {s['speaker']!r}"
        else:
            assert s["source"] == "anonymous", s["id"]
            assert s["speaker"] is None, s["id"]
            assert s["source_description"] in text, f"{s['id']}: source description not in the article"
    for c in gold["contradictions"]:
        assert c["a"] in statements and c["b"] in statements, c
        assert c["speaker"] in people, c
        assert statements[c["a"]]["speaker"] == statements[c["b"]]["speaker"] == c["speaker"], c
        assert c["why"]


def test_harbor_city_example_covers_the_features_it_exists_for() -> None:
    """The example is the project's offline test bed; keep the cases it was written to exercise."""
    gold, text = _load(EXAMPLES / "harbor-city-council.gold.json")
    body = "\n".join(
        line for line in text.splitlines() if line not in {i["text"] for i in gold["not_article_text"]}
    )
    assert 450 <= len(text.split()) <= 600
    statements = gold["statements"]
    kinds = {s["kind"] for s in statements}
    assert {"direct", "indirect", "according_to"} <= kinds
    assert any(s["cue"] is None for s in statements), "a quote running on with no cue of its own"
    assert any(_pieces(s["content"], body) and len(_pieces(s["content"], body) or []) > 1 for s in statements)
    assert any(s.get("question") for s in statements)
    assert any(s["source"] == "anonymous" for s in statements)
    org_ids = {p["id"] for p in gold["people"] if p.get("kind") == "organization"}
    assert any(s["speaker"] in org_ids for s in statements), "an organisation speaking"
    assert any(s.get("hard") for s in statements)
    assert gold["contradictions"]
    for phrase in (
        'she said, "',
        ", the official said,",
        "according to",
        "familiar with the negotiations",
        "The person said",
        "he said",
        "The veteran councilwoman said",
        "on Tuesday",
        "last month",
    ):
        assert phrase in body, phrase
