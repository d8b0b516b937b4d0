"""Judge pairs with a local NLI cross-encoder: a transformers sequence-classification directory.

The user names the directory (``--model-dir``); onrecord never downloads one (``local_files_only``
and ``HF_HUB_OFFLINE`` are set). Any model whose labels name entailment, neutral and contradiction
works (e.g. a fine-tuned BERT, RoBERTa or DeBERTa NLI cross-encoder saved with ``save_pretrained``);
the labels are read from the model's ``config.id2label``, never assumed by position.

NLI is directional (premise, hypothesis) while a contradiction between two statements is not, so by
default each pair is run both ways and the two probability vectors are averaged: twice the cost of
one pass, in exchange for a verdict that does not depend on which statement came first.

Cost: one forward pass of the model per direction. On CPU this is dominated by the model's size;
``bench/judge.py --judge nli --model-dir DIR`` prints ms per pair for the directory given, and
docs/BENCHMARKS.md ("Pair judge benchmark") records it for the test's tiny model.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from onrecord.contradictions.backends import BackendError, quiet_transformers
from onrecord.contradictions.judge import Judgement

#: Fragments of a label name that identify each NLI class, and the verdict it maps to.
_LABEL_OF_NLI: dict[str, tuple[str, str, str]] = {
    # fragment: (label_3, label_5, name shown in the explanation)
    "contradict": ("Inconsistent", "Surface contradiction", "contradiction"),
    "neutral": ("Unrelated", "Unrelated", "neutral"),
    "entail": ("Consistent", "Consistent", "entailment"),
}


def _import():  # type: ignore[no-untyped-def]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as err:
        raise BackendError(
            "the NLI judge needs the 'nli' extra: pip install 'onrecord[nli]' (torch and transformers)"
        ) from err
    quiet_transformers()
    return torch, AutoTokenizer, AutoModelForSequenceClassification


def label_map(id2label: dict[int, str]) -> dict[int, str]:
    """Map the model's class indices to entailment / neutral / contradiction, or say what is missing."""
    found: dict[int, str] = {}
    for index, name in id2label.items():
        low = str(name).lower()
        for fragment in _LABEL_OF_NLI:
            if fragment in low:
                found[int(index)] = fragment
    missing = set(_LABEL_OF_NLI) - set(found.values())
    if missing:
        raise BackendError(
            f"the model's labels {sorted(id2label.values())} do not name "
            f"{', '.join(sorted(missing))}: an NLI model labels entailment, neutral and contradiction"
        )
    return found


class NLIJudge:
    """A judge backed by a local NLI cross-encoder directory."""

    def __init__(
        self,
        model_dir: str | os.PathLike[str],
        *,
        batch_size: int = 16,
        max_length: int = 256,
        symmetric: bool = True,
    ) -> None:
        path = Path(model_dir) if model_dir else None
        if path is None or not path.is_dir():
            raise BackendError(f"--model-dir {model_dir!s}: not a directory (the NLI judge needs one)")
        if not (path / "config.json").exists():
            raise BackendError(f"{path}: no config.json here; save the model with save_pretrained")
        torch, auto_tokenizer, auto_model = _import()
        try:
            self.tokenizer = auto_tokenizer.from_pretrained(path, local_files_only=True)
            self.model = auto_model.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError) as err:
            raise BackendError(f"{path}: cannot load the model ({err})") from err
        self.model.eval()
        self.labels = label_map(dict(self.model.config.id2label))
        self.torch = torch
        self.batch_size = batch_size
        self.max_length = max_length
        self.symmetric = symmetric

    def _probs(self, first: Sequence[str], second: Sequence[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(first), self.batch_size):
            enc = self.tokenizer(
                list(first[start : start + self.batch_size]),
                list(second[start : start + self.batch_size]),
                padding=True,
                truncation=True,
                max_length=self.max_length,
                return_tensors="pt",
            )
            with self.torch.no_grad():
                logits = self.model(**enc).logits
            out.extend(self.torch.softmax(logits, dim=-1).tolist())
        return out

    def judge_many(self, pairs: Iterable[tuple[str, str]]) -> list[Judgement]:
        """Judge many pairs in batches (both directions when ``symmetric``)."""
        pairs = list(pairs)
        if not pairs:
            return []
        a = [p[0] for p in pairs]
        b = [p[1] for p in pairs]
        probs = self._probs(a, b)
        if self.symmetric:
            back = self._probs(b, a)
            probs = [
                [(x + y) / 2 for x, y in zip(p, q, strict=True)] for p, q in zip(probs, back, strict=True)
            ]
        return [self._verdict(p) for p in probs]

    def judge(self, text_1: str, text_2: str) -> Judgement:
        """Judge one pair."""
        return self.judge_many([(text_1, text_2)])[0]

    def _verdict(self, probs: list[float]) -> Judgement:
        by_fragment = {frag: 0.0 for frag in _LABEL_OF_NLI}
        for index, fragment in self.labels.items():
            by_fragment[fragment] += probs[index]
        best = max(by_fragment, key=lambda f: by_fragment[f])
        label_3, label_5, _ = _LABEL_OF_NLI[best]
        shown = ", ".join(f"{_LABEL_OF_NLI[f][2]} {p:.2f}" for f, p in by_fragment.items())
        return Judgement(label_3, label_5, round(by_fragment["contradict"], 4), f"NLI model: {shown}")
