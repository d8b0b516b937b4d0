"""The NLI back-end, on a tiny randomly initialised BERT that the test builds and saves itself.

Nothing is downloaded: the vocabulary and config are written here. The test skips when torch or
transformers is absent (the optional 'nli' extra), except under CI=true, where the extra is installed.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from onrecord.contradictions.backends import BackendError
from onrecord.contradictions.judge import LABEL_3_OF, LABELS_3

_MISSING = [m for m in ("torch", "transformers") if importlib.util.find_spec(m) is None]
if _MISSING:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true needs the 'nli' extra, missing: {', '.join(_MISSING)}", pytrace=False)
    pytest.skip(f"the 'nli' extra is not installed (missing {', '.join(_MISSING)})", allow_module_level=True)

WORDS = """[PAD] [UNK] [CLS] [SEP] [MASK] we i they the a to of and is are be should not never
support supports oppose opposes ban allow tax taxes more less higher lower coal power plants
new build school schools free for all children . ,""".split()


def build_tiny_nli(path: Path, id2label: dict[int, str], winner: int | None = None) -> Path:
    """Write a tiny BERT sequence classifier with the given labels; ``winner`` fixes its answer."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    path.mkdir(parents=True, exist_ok=True)
    vocab = path / "vocab.txt"
    vocab.write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    tokenizer = BertTokenizer(vocab_file=str(vocab))
    config = BertConfig(
        vocab_size=len(WORDS),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    if winner is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.zero_()
            model.classifier.bias[winner] = 5.0
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


NLI_LABELS = {0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}
PAIRS = [
    ("We support the coal tax.", "We oppose the coal tax."),
    ("Schools should be free for all children.", "We support free schools."),
    ("We will build new coal power plants.", "Taxes should be lower."),
]


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_nli(tmp_path_factory.mktemp("tiny-nli"), NLI_LABELS)


def test_random_tiny_model_gives_well_formed_verdicts(tiny_dir: Path) -> None:
    from onrecord.contradictions.backends.nli import NLIJudge

    verdicts = NLIJudge(tiny_dir).judge_many(PAIRS)
    assert len(verdicts) == len(PAIRS)
    for v in verdicts:
        assert v.label_3 in LABELS_3
        assert LABEL_3_OF[v.label_5] == v.label_3
        assert 0.0 <= v.score <= 1.0
        assert v.explanation.startswith("NLI model:")
        assert "contradiction" in v.explanation


def test_symmetric_verdict_does_not_depend_on_order(tiny_dir: Path) -> None:
    from onrecord.contradictions.backends.nli import NLIJudge

    judge = NLIJudge(tiny_dir)
    a, b = PAIRS[0]
    assert judge.judge(a, b).score == pytest.approx(judge.judge(b, a).score, abs=1e-5)


@pytest.mark.parametrize(
    ("labels", "winner", "expected"),
    [
        ({0: "entailment", 1: "neutral", 2: "contradiction"}, 2, "Inconsistent"),
        ({0: "entailment", 1: "neutral", 2: "contradiction"}, 0, "Consistent"),
        ({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}, 1, "Unrelated"),
    ],
)
def test_labels_are_mapped_by_name_not_position(
    tmp_path: Path, labels: dict[int, str], winner: int, expected: str
) -> None:
    from onrecord.contradictions.backends.nli import NLIJudge

    judge = NLIJudge(build_tiny_nli(tmp_path / "m", labels, winner=winner))
    verdict = judge.judge(*PAIRS[0])
    assert verdict.label_3 == expected
    if expected == "Inconsistent":
        assert verdict.score > 0.9


def test_a_model_without_nli_labels_is_refused(tmp_path: Path) -> None:
    from onrecord.contradictions.backends.nli import NLIJudge

    path = build_tiny_nli(tmp_path / "m", {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(BackendError, match="entailment"):
        NLIJudge(path)


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    from onrecord.contradictions.backends.nli import NLIJudge

    with pytest.raises(BackendError, match="not a directory"):
        NLIJudge(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BackendError, match=r"config\.json"):
        NLIJudge(tmp_path / "empty")
