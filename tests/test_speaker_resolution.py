"""Speaker resolution on the project's own annotation of PolNeAR train ("he", "the senator" -> who).

``tests/data/polnear_speaker_coref.jsonl`` holds offsets and names only; the articles are read from
../shared at run time, so the well-formedness checks and the regression test skip without them (and
fail under CI=true). The name-matching and judging rules are also tested on made-up records.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, shared_path
from onrecord.evaluation.speakers import (
    TYPES,
    CorefItem,
    evaluate_coref,
    judge,
    load_annotation,
    main,
    names_match,
)
from onrecord.model import Document, Mention, Person, Record, Speaker, Statement

ANNOTATION = REPO / "tests" / "data" / "polnear_speaker_coref.jsonl"
#: A second annotation of other train articles, made without running onrecord: the honest estimate,
#: since the rules were written from the first file's misses (only one bug it showed was fixed).
CHECK = REPO / "tests" / "data" / "polnear_speaker_coref_check.jsonl"

#: Resolution accuracy measured on each annotation (docs/BENCHMARKS.md, "Speaker resolution"); the suite
#: keeps the figures from falling more than 0.02 below them. The issue's bar is 0.85.
RECORDED_ACCURACY = 0.888  # 0.899 before 2026-12-04's seventh session, which found one more statement
RECORDED_COVERAGE = 0.645  # ("As the paper noted, ...") whose description stays unresolved
#: The check annotation: 0.881 when first recorded, 0.864 before 2026-12-06's seventeenth session, whose
#: rule "as" found one more statement ("The board saw her as ...") with the same 51 right: its
#: description (the company's board, named earlier) stays unresolved.
RECORDED_CHECK_ACCURACY = 0.850
RECORDED_CHECK_COVERAGE = 0.659


def _same_name(mention: str, referent: str) -> bool:
    """A name mention shares a word with the referent ("Mrs. Clinton") or abbreviates it ("NRA")."""
    words = referent.lower().replace("the ", "").split()
    return bool(set(mention.lower().split()) & set(words)) or mention == "".join(w[0] for w in words).upper()


def _text(article: str) -> str:
    path = shared_path("data", "polnear", "train", "text", f"{article}.txt")
    return path.read_bytes().decode("utf-8")


# --- the annotation file --------------------------------------------------------------------------


@pytest.mark.parametrize("annotation", [ANNOTATION, CHECK], ids=["tuned", "check"])
def test_annotation_lines_have_the_fields_and_no_article_text(annotation: Path) -> None:
    rows = [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines() if line]
    keys = {"article", "source_span", "source_text", "type", "referent", "referent_mentions"}
    for row in rows:
        assert set(row) == keys, row
        assert row["type"] in TYPES
        assert 1 <= len(row["referent_mentions"]) <= 3
        assert len(row["source_text"].split()) <= 6  # a pronoun or a short description, no more
        assert row["referent"].strip() == row["referent"] and row["referent"]
    spans = [(r["article"], tuple(r["source_span"])) for r in rows]
    assert len(spans) == len(set(spans)), "an item is annotated twice"


def test_annotation_size_and_spread() -> None:
    items = load_annotation(ANNOTATION)
    kinds = Counter(it.type for it in items)
    assert len(items) >= 100
    assert kinds["description"] >= 30
    publishers = {it.article.split("_")[0] for it in items}
    assert len(publishers) == 7


def test_check_annotation_is_other_articles() -> None:
    check = load_annotation(CHECK)
    assert len(check) >= 60 and Counter(it.type for it in check)["description"] >= 30
    assert not {it.article for it in check} & {it.article for it in load_annotation(ANNOTATION)}


@pytest.mark.shared
@pytest.mark.parametrize("annotation", [ANNOTATION, CHECK], ids=["tuned", "check"])
def test_annotation_offsets_fit_the_articles(annotation: Path) -> None:
    items = load_annotation(annotation)
    texts = {a: _text(a) for a in {it.article for it in items}}
    for it in items:
        text = texts[it.article]
        s, e = it.source_span
        assert 0 <= s < e <= len(text)
        assert text[s:e] == it.source_text, (it.article, it.source_span)
        for ms, me in it.referent_mentions:
            assert 0 <= ms < me <= len(text)
            assert not (ms < e and s < me), "a referent mention overlaps the source"
            mention = text[ms:me]
            assert mention.removeprefix("the ")[:1].isupper() and _same_name(mention, it.referent), (
                it.article,
                mention,
            )


# --- the scoring rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "referent", "expected"),
    [
        ("Trump", "Donald J. Trump", True),
        ("Donald Trump", "Donald J. Trump", True),
        ("Mr. Trump", "Donald Trump", True),
        ("Ivanka Trump", "Donald Trump", False),
        ("Bill Clinton", "Hillary Clinton", False),
        ("Sanders campaign", "the Sanders campaign", True),
        ("Daily News", "New York Daily News", True),
        ("Trump campaign", "the Sanders campaign", False),
        ("NRA", "National Rifle Association", True),
        ("FBI", "FBI", True),
        ("Republican", "Paul Ryan", False),
        ("M. Rubio", "Marco Rubio", True),
    ],
)
def test_names_match(predicted: str, referent: str, expected: bool) -> None:
    assert names_match(predicted, referent) is expected


TEXT = "Sen. Ana Ruiz spoke. She said the bridge is safe. Bo Lin agreed, the engineer said."


def _record(person: Person | None, speaker_span: tuple[int, int] | None) -> Record:
    doc = Document(id="x", source="x", text=TEXT)
    stmts = []
    if speaker_span is not None:
        speaker = Speaker(text="She", span=speaker_span, person=person.id if person else None)
        stmts.append(Statement("s1", "indirect", [(30, 48)], "the bridge is safe", None, speaker))
    return Record(document=doc, people=[person] if person else [], statements=stmts)


def test_judge_outcomes() -> None:
    item = CorefItem("x", (21, 24), "She", "pronoun", "Ana Ruiz", ((5, 13),))
    ruiz = Person("p1", "Ana Ruiz", [Mention("Ana Ruiz", (5, 13)), Mention("She", (21, 24))])
    assert judge(item, _record(ruiz, (21, 24)))[0] == "right"
    renamed = Person("p1", "A. Ruiz-Soto", [Mention("Ana Ruiz", (5, 13))])
    assert judge(item, _record(renamed, (21, 24)))[0] == "right"  # by the mention's offsets
    lin = Person("p2", "Bo Lin", [Mention("Bo Lin", (50, 56))])
    assert judge(item, _record(lin, (21, 24))) == ("wrong", lin)
    assert judge(item, _record(None, (21, 24))) == ("unresolved", None)
    assert judge(item, _record(ruiz, (65, 77)))[0] == "no statement"
    assert judge(item, None)[0] == "no statement"


def test_load_annotation_rejects_a_malformed_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": "a", "source_span": [1]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_annotation(bad)


# --- onrecord on the annotation -------------------------------------------------------------------


def _hand_rules() -> object:
    """The pipeline the recorded figures were measured with: every cue class, the hand rules alone.
    The shipped learned rule (on by default) finds more of the annotated statements, so it changes
    which items count (coverage 0.64 -> 0.71, accuracy 0.899 -> 0.886 on 2026-12-04,
    docs/BENCHMARKS.md), and a floor must compare like with like."""
    from onrecord import ALL_CUE_CLASSES, nlp

    return nlp.load(ALL_CUE_CLASSES, None)


@pytest.fixture(scope="module")
def measured() -> dict:
    split = shared_path("data", "polnear", "train")
    return evaluate_coref(ANNOTATION, split, nlp=_hand_rules())


@pytest.mark.shared
def test_resolution_accuracy_does_not_regress(measured: dict) -> None:
    overall = measured["overall"]
    assert not measured["crashed"]
    assert overall["items"] == len(load_annotation(ANNOTATION))
    assert overall["resolution_accuracy"] >= RECORDED_ACCURACY - 0.02, overall
    assert overall["coverage"] >= RECORDED_COVERAGE - 0.02, overall
    assert set(measured["by_type"]) == set(TYPES)
    wrong = [m for m in measured["misses"] if m["outcome"] != "no statement"]
    assert len(wrong) == overall["wrong"] + overall["unresolved"]


@pytest.mark.shared
def test_resolution_on_the_check_annotation_does_not_regress() -> None:
    measured = evaluate_coref(CHECK, shared_path("data", "polnear", "train"), nlp=_hand_rules())
    overall = measured["overall"]
    assert not measured["crashed"] and overall["items"] == len(load_annotation(CHECK))
    assert overall["resolution_accuracy"] >= RECORDED_CHECK_ACCURACY - 0.02, overall
    assert overall["coverage"] >= RECORDED_CHECK_COVERAGE - 0.02, overall


@pytest.mark.shared
def test_cli_prints_the_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    split = shared_path("data", "polnear", "train")
    items = [json.loads(line) for line in ANNOTATION.read_text(encoding="utf-8").splitlines()][:3]
    small = tmp_path / "small.jsonl"
    small.write_text("".join(json.dumps(r) + "\n" for r in items), encoding="utf-8")
    out_json = tmp_path / "out.json"
    assert main([str(small), "--split", str(split), "--json", str(out_json)]) == 0
    printed = capsys.readouterr().out
    assert "Speaker resolution: 3 items" in printed and "description" in printed
    assert json.loads(out_json.read_text(encoding="utf-8"))["overall"]["items"] == 3
