"""The gold scorer's verdicts on hand-built outputs whose right answers are known.

Each output is built from a gold file's own strings, so a "perfect" output must pass the bar and each
deliberate defect (a wrong speaker, missing statements, a look-alike taken, a date too vague) must be
counted exactly once and named by ``meets_bar``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, shared_path
from onrecord.evaluation.gold import (
    GoldScore,
    date_interval,
    main,
    names_match,
    person_matches,
    said_on_ok,
    score,
    token_f1,
    tokens,
)

EXAMPLE_GOLD = REPO / "src" / "onrecord" / "examples" / "harbor-city-council.gold.json"


def _said_on(value: str | None) -> dict[str, Any] | None:
    """The output-contract form of a gold date: the same interval, at its own precision."""
    interval = date_interval(value)
    if interval is None or value is None:
        return None
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    return {
        "start": interval[0].isoformat(),
        "end": interval[1].isoformat(),
        "precision": precision,
        "basis": "t",
    }


def perfect_output(gold: dict[str, Any]) -> dict[str, Any]:
    """An output that says exactly what the gold says, with its own ids (p1.., s1..) and real spans."""
    paragraphs = [gold["title"], gold["dek"]]
    people = []
    person_id = {}
    for i, p in enumerate(gold["people"], 1):
        person_id[p["id"]] = f"p{i}"
        people.append({"id": f"p{i}", "name": p["name"], "mentions": []})
    statements = []
    text = "\n\n".join(paragraphs)
    for i, g in enumerate(gold["statements"], 1):
        speaker_name = next((p["name"] for p in gold["people"] if p["id"] == g["speaker"]), None)
        mention = speaker_name or g.get("source_description") or "A source"
        text += "\n\n"
        speaker_start = len(text)
        text += f"{mention} said: "
        content_start = len(text)
        text += g["content"]
        speaker: dict[str, Any] = {
            "text": mention,
            "span": [speaker_start, speaker_start + len(mention)],
            "person": person_id.get(g["speaker"]),
            "named": g["source"] != "anonymous",
            "description": g.get("source_description"),
        }
        if g["speaker"] in person_id:
            people[int(person_id[g["speaker"]][1:]) - 1]["mentions"].append(
                {"text": mention, "span": speaker["span"]}
            )
        statements.append(
            {
                "id": f"s{i}",
                "kind": g["kind"],
                "content": {"text": g["content"], "spans": [[content_start, len(text)]]},
                "cue": None,
                "speaker": speaker,
                "question": bool(g.get("question")),
                "said_on": _said_on(g["said_on"]),
                "confidence": 0.9,
            }
        )
    ids = {g["id"]: s["id"] for g, s in zip(gold["statements"], statements, strict=True)}
    return {
        "format": "1",
        "document": {
            "id": "0" * 64,
            "source": gold["document"],
            "title": gold["title"],
            "publisher": None,
            "published": gold["given_metadata"]["published"],
            "authors": [],
            "text": text,
            "removed": [{"text": c["text"], "kind": "other"} for c in gold["not_article_text"]],
        },
        "people": people,
        "statements": statements,
        "contradictions": [
            {
                "a": ids[c["a"]],
                "b": ids[c["b"]],
                "speaker": person_id[c["speaker"]],
                "score": 0.9,
                "kind": "negation",
                "explanation": c["why"],
            }
            for c in gold["contradictions"]
        ],
    }


def _statement(output: dict[str, Any], gold: dict[str, Any], gold_id: str) -> dict[str, Any]:
    """The output statement built from gold statement ``gold_id`` (same position)."""
    index = [g["id"] for g in gold["statements"]].index(gold_id)
    return output["statements"][index]


def _person_id(output: dict[str, Any], name: str) -> str:
    return next(p["id"] for p in output["people"] if p["name"] == name)


def _result(result: GoldScore, gold_id: str):
    return next(r for r in result.per_statement if r.gold_id == gold_id)


@pytest.fixture(scope="module")
def seed_gold() -> dict[str, Any]:
    return json.loads(shared_path("gold", "nbc-2016-trump-putin-moscow.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_gold() -> dict[str, Any]:
    return json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(params=["seed", "example"])
def gold(request: pytest.FixtureRequest) -> dict[str, Any]:
    return request.getfixturevalue(f"{request.param}_gold")


# --- building blocks ---------------------------------------------------------------------------


def test_tokens_map_curly_apostrophes_and_drop_punctuation() -> None:
    assert tokens("He doesn’t know, “really”!") == ["he", "doesn't", "know", "really"]
    assert token_f1("the state’s department", "The state's department.") == 1.0
    assert token_f1("a b c d", "a b") == pytest.approx(2 / 3)
    assert token_f1("", "anything") == 0.0


def test_date_intervals_and_said_on_containment() -> None:
    assert [d.isoformat() for d in date_interval("2024-02") or ()] == ["2024-02-01", "2024-02-29"]
    assert [d.isoformat() for d in date_interval("2013") or ()] == ["2013-01-01", "2013-12-31"]
    assert said_on_ok(None, None)
    assert not said_on_ok(None, "2013")
    assert not said_on_ok(_said_on("2013"), None)
    assert said_on_ok(_said_on("2013-06-01"), "2013"), "a more precise date inside the period is right"
    assert not said_on_ok(_said_on("2013"), "2013-06-01"), "a vaguer date is wrong"
    assert not said_on_ok(_said_on("2016-07-28"), "2016-07-27")
    week = {"start": "2024-03-08", "end": "2024-03-14", "precision": "week", "basis": "t"}
    assert said_on_ok(week, "2024-03")
    assert not said_on_ok({"start": "not a date", "end": "2024"}, "2024")
    with pytest.raises(ValueError):
        date_interval("July 2016")


def test_names_match_is_strict_about_different_people() -> None:
    assert not names_match("Vladimir Putin", "Donald Trump")
    assert names_match("Putin", "Vladimir Putin")
    assert names_match("vladimir  putin", "Vladimir Putin")
    assert names_match("D. Trump", "Donald Trump")
    assert not names_match("Emin Agalarov", "Aras Agalarov")
    assert not names_match("Trump", None)


def test_person_matches_by_mentions_only_when_the_name_points_nowhere_else(seed_gold: dict[str, Any]) -> None:
    gold_people = {p["id"]: p for p in seed_gold["people"]}
    putin = {"name": "Vladimir Putin", "mentions": [{"text": "Putin", "span": [0, 5]}]}
    assert person_matches(putin, "putin", gold_people)
    assert not person_matches(putin, "trump", gold_people)
    # A system that named the person by a description still matches through a proper-noun mention.
    strongman = {"name": "the Russian strongman", "mentions": [{"text": "Putin"}]}
    assert person_matches(strongman, "putin", gold_people)
    # A mis-merged cluster named Trump that swallowed a "Putin" mention is still Trump.
    merged = {"name": "Donald Trump", "mentions": [{"text": "Putin"}, {"text": "Trump"}]}
    assert not person_matches(merged, "putin", gold_people)
    # Pronouns identify nobody.
    pronoun = {"name": "him", "mentions": [{"text": "he"}, {"text": "his"}]}
    assert not person_matches(pronoun, "trump", gold_people)
    assert not person_matches(putin, "nobody", gold_people)


# --- whole outputs -----------------------------------------------------------------------------


def test_perfect_output_passes(gold: dict[str, Any]) -> None:
    result = score(perfect_output(gold), gold)
    assert result.meets_bar() == [], result.report()
    assert result.removed_found == result.removed_total == len(gold["not_article_text"])
    assert result.clutter_left == 0
    assert result.title_right
    assert result.required_found == result.required_total
    assert result.hard_found == result.hard_total >= 1
    assert result.speaker_wrong == 0 and result.said_on_wrong == 0
    assert result.extras == 0 and result.lookalikes_taken == 0
    assert result.contradictions_found == result.contradictions_total >= 1
    assert all(r.f1 == 1.0 for r in result.per_statement)
    assert "bar: PASS" in result.report()


def test_wrong_speaker_is_counted(seed_gold: dict[str, Any]) -> None:
    output = perfect_output(seed_gold)
    _statement(output, seed_gold, "S3")["speaker"]["person"] = _person_id(output, "Vladimir Putin")
    result = score(output, seed_gold)
    assert result.speaker_wrong == 1
    assert _result(result, "S3").speaker_ok is False
    assert result.required_found == result.required_total, "a wrong speaker still finds the statement"
    assert result.meets_bar() == []
    assert result.meets_bar(max_speaker_wrong=0) == ["speaker wrong for 1 found statement(s) (max 0)"]


def test_unresolved_or_named_speaker_for_anonymous_source_is_wrong(seed_gold: dict[str, Any]) -> None:
    output = perfect_output(seed_gold)
    _statement(output, seed_gold, "S1")["speaker"]["person"] = None
    anonymous = _statement(output, seed_gold, "S6")["speaker"]
    anonymous.update(named=True, person=_person_id(output, "Aras Agalarov"))
    result = score(output, seed_gold)
    assert _result(result, "S1").speaker_ok is False
    assert _result(result, "S6").speaker_ok is False
    assert result.speaker_wrong == 2
    assert any(f.startswith("speaker wrong") for f in result.meets_bar())


def test_missing_two_statements_fails(seed_gold: dict[str, Any]) -> None:
    output = perfect_output(seed_gold)
    drop = {_statement(output, seed_gold, "S5")["id"], _statement(output, seed_gold, "S9")["id"]}
    output["statements"] = [s for s in output["statements"] if s["id"] not in drop]
    result = score(output, seed_gold)
    assert result.required_found == result.required_total - 2
    assert not _result(result, "S5").found
    total = result.required_total
    assert result.meets_bar() == [f"required statements found {total - 2}/{total} (at most 1 may be missed)"]
    assert "S5: MISSED" in result.report()


def test_missing_hard_statement_is_not_missed_and_matching_it_is_not_extra(seed_gold: dict[str, Any]) -> None:
    output = perfect_output(seed_gold)
    hard = _statement(output, seed_gold, "S1b")["id"]
    found = score(output, seed_gold)
    assert found.hard_found == 1 and found.extras == 0
    output["statements"] = [s for s in output["statements"] if s["id"] != hard]
    result = score(output, seed_gold)
    assert result.hard_found == 0 and result.required_found == result.required_total
    assert result.hard_contradictions_found == 0, "the hard contradiction needs the hard statement"
    assert result.meets_bar() == []


def test_lookalike_taken_fails(seed_gold: dict[str, Any]) -> None:
    output = perfect_output(seed_gold)
    taken = copy.deepcopy(_statement(output, seed_gold, "S3"))
    taken.update(id="s99", content={"text": "you're fired", "spans": [[0, 12]]})
    output["statements"].append(taken)
    result = score(output, seed_gold)
    assert result.lookalikes_taken == 1 and result.lookalikes_taken_texts == ["you're fired"]
    assert result.extras == 1 and result.extra_ids == ["s99"]
    assert result.meets_bar() == ["1 look-alike(s) taken as statements"]


def test_date_too_vague_is_wrong_and_more_precise_is_right(seed_gold: dict[str, Any]) -> None:
    output = perfect_output(seed_gold)
    _statement(output, seed_gold, "S1")["said_on"] = _said_on("2016")
    _statement(output, seed_gold, "S3")["said_on"] = _said_on("2013-11-09")
    result = score(output, seed_gold)
    assert _result(result, "S1").said_on_ok is False
    assert _result(result, "S1").predicted_said_on == "2016-01-01..2016-12-31"
    assert _result(result, "S3").said_on_ok is True
    assert result.said_on_wrong == 1
    assert result.meets_bar() == []
    assert result.meets_bar(max_said_on_wrong=0) == ["said_on wrong for 1 found statement(s) (max 0)"]


def test_extras_and_dek_repeats(seed_gold: dict[str, Any]) -> None:
    output = perfect_output(seed_gold)
    s1, s3 = _statement(output, seed_gold, "S1"), _statement(output, seed_gold, "S3")
    output["statements"].append({**copy.deepcopy(s1), "id": "s-dup"})
    dek_quote = seed_gold["dek"].split('"')[1]
    output["statements"].append(
        {**copy.deepcopy(s3), "id": "s-dek", "content": {"text": dek_quote, "spans": []}}
    )
    for i in range(2):
        output["statements"].append(
            {**copy.deepcopy(s1), "id": f"s-x{i}", "content": {"text": f"unrelated {i}"}}
        )
    result = score(output, seed_gold)
    assert result.required_found == result.required_total, "one-to-one: duplicates do not add matches"
    assert result.repeats == 1, "the dek's copy of S3 (also_in_dek) is a repeat"
    assert result.extras == 3 and set(result.extra_ids) == {"s-dup", "s-x0", "s-x1"}
    assert result.meets_bar() == ["3 extra statement(s) (max 2)"]


def test_a_quote_that_runs_on_may_be_one_gold_statement(seed_gold: dict[str, Any]) -> None:
    # onrecord outputs a run-on quote as statements of their own (cue null, as the seed's S4); an
    # annotation that makes the whole quote one statement is matched by the pieces joined
    output = perfect_output(seed_gold)
    s3, s4 = _statement(output, seed_gold, "S3"), _statement(output, seed_gold, "S4")
    s3["cue"] = {"text": "said", "span": [0, 4]}
    joined = copy.deepcopy(seed_gold)
    g3, g4 = (next(g for g in joined["statements"] if g["id"] == k) for k in ("S3", "S4"))
    g3["content"] += " " + g4["content"]
    joined["statements"].remove(g4)
    joined["contradictions"] = [c for c in joined["contradictions"] if "S4" not in (c["a"], c["b"])]
    result = score(output, joined)
    assert _result(result, "S3").predicted_id == s3["id"]
    assert result.extras == 0, result.extra_ids
    # the seed's own gold (two statements) is still matched piece by piece
    split = score(output, seed_gold)
    assert (_result(split, "S3").predicted_id, _result(split, "S4").predicted_id) == (s3["id"], s4["id"])
    assert split.extras == 0


def _pieces(*pieces: tuple[str, bool, str]) -> dict[str, Any]:
    """An output of statements (content, has a cue, speaker text) in order, people left unresolved."""
    statements = [
        {
            "id": f"s{i}",
            "kind": "direct",
            "content": {"text": text, "spans": []},
            "cue": {"text": "said", "span": [0, 4]} if cued else None,
            "speaker": {"text": who, "span": None, "person": None, "named": False, "description": who},
            "said_on": None,
        }
        for i, (text, cued, who) in enumerate(pieces, 1)
    ]
    return {"document": {"title": "t", "text": "", "removed": []}, "people": [], "statements": statements}


def _golds(*contents: str) -> dict[str, Any]:
    statements = [
        {"id": f"G{i}", "speaker": None, "source": "anonymous", "content": c, "said_on": None}
        for i, c in enumerate(contents, 1)
    ]
    return {
        "title": "t",
        "not_article_text": [],
        "people": [],
        "statements": statements,
        "contradictions": [],
    }


def test_a_join_never_takes_a_piece_another_statement_matched() -> None:
    output = _pieces(("alpha beta gamma", True, "Ed"), ("delta epsilon zeta eta theta", False, "Ed"))
    result = score(output, _golds("alpha beta gamma delta epsilon", "zeta eta theta"))
    assert [r.predicted_id for r in result.per_statement] == ["s1", "s2"]


def test_a_quote_continued_over_paragraphs_joins_the_statement_after_it() -> None:
    # the pieces of a quote over paragraphs come before the statement that has its cue
    output = _pieces(
        ("the park is safe", True, "Ed"),
        ("we promised the park to the town years ago", False, "Ana"),
        ("nobody will sell it", True, "Ana"),
    )
    result = score(
        output, _golds("the park is safe", "we promised the park to the town years ago nobody will sell it")
    )
    assert [r.predicted_id for r in result.per_statement] == ["s1", "s3"]
    assert result.per_statement[1].f1 == 1.0 and result.extras == 0


def test_clutter_title_and_contradictions(example_gold: dict[str, Any]) -> None:
    output = perfect_output(example_gold)
    ad = "Advertisement"
    output["document"]["removed"] = [r for r in output["document"]["removed"] if r["text"] != ad]
    output["document"]["text"] += "\n\n" + ad + "\n\n" + "  Share   this article "
    output["document"]["title"] = "  Harbor City Council Approves Gullwing Bridge   Toll in 5-4 Vote\n"
    result = score(output, example_gold)
    assert result.title_right, "whitespace does not make a title wrong"
    assert result.removed_found == result.removed_total - 1 and result.clutter_not_removed == [ad]
    assert result.clutter_left == 2 and set(result.clutter_left_lines) == {ad, "Share this article"}
    # Reversed order still finds the contradiction; a missing one fails the bar.
    c = output["contradictions"][0]
    c["a"], c["b"] = c["b"], c["a"]
    assert score(output, example_gold).contradictions_found == 1
    output["contradictions"] = []
    output["document"]["title"] = "Council Approves Toll"
    failed = score(output, example_gold).meets_bar()
    assert [f.split(":")[0].split(" ")[0] for f in failed] == ["clutter", "clutter", "title", "required"]


def test_organisation_and_description_speakers(example_gold: dict[str, Any]) -> None:
    output = perfect_output(example_gold)
    authority = next(p for p in output["people"] if p["name"] == "Harbor City Port Authority")
    authority["name"] = "Port Authority"
    authority["mentions"] = [{"text": "The Harbor City Port Authority", "span": [0, 0]}]
    result = score(output, example_gold)
    assert _result(result, "S9").speaker_ok, "matched through its full-name mention"
    authority["mentions"] = [{"text": "the authority", "span": [0, 0]}]
    assert not _result(score(output, example_gold), "S9").speaker_ok, (
        "a lowercase description identifies nobody"
    )


def test_output_without_statements_scores_zero(example_gold: dict[str, Any]) -> None:
    result = score({"format": "1", "document": {"text": "", "title": None}}, example_gold)
    assert result.required_found == 0 and result.extras == 0
    assert result.removed_found == 0 and not result.title_right
    assert len(result.meets_bar()) == 4
    assert "MISSED" in result.report()


def test_cli_prints_report_and_exits_by_the_bar(
    tmp_path: Path, example_gold: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    good = perfect_output(example_gold)
    out_path = tmp_path / "out.json"
    out_path.write_text(json.dumps(good), encoding="utf-8")
    assert main([str(out_path), str(EXAMPLE_GOLD)]) == 0
    assert "bar: PASS" in capsys.readouterr().out

    bad = copy.deepcopy(good)
    bad["statements"] = bad["statements"][:5]
    other = copy.deepcopy(good)
    other["document"]["source"] = "elsewhere.txt"
    jsonl = tmp_path / "out.jsonl"
    jsonl.write_text(json.dumps(other) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    assert main([str(jsonl), str(EXAMPLE_GOLD)]) == 1
    assert "bar: FAIL" in capsys.readouterr().out

    assert main([str(tmp_path / "absent.json"), str(EXAMPLE_GOLD)]) == 2
    assert main([]) == 2
