"""One registry of judge back-ends for every place that judges a pair: ``onrecord judge``, the
in-article rule of ``read`` (the ``onrecord_contradictions`` component's config) and the ledger pairing
(``onrecord contradictions --judge NAME``).

* ``rules``: the offline rules (``judge.judge_many``), the default everywhere;
* ``rules-minilm``: the rules with the packaged MiniLM similarity (the ``embed`` extra);
* ``nli``: a local NLI cross-encoder directory (``model_dir``), which judges every pair itself;
* ``llm``: an OpenAI-compatible chat endpoint (``llm_url``) that only re-ranks: the rules judge every
  pair, and the model is asked about the ``top_n`` best the rules kept (found inconsistent), since a
  request costs a second or more and the rules already set most pairs aside.

A model's verdict on a kept pair is a second opinion (``second_opinion``): a pair it calls
inconsistent keeps its place with the two scores averaged and its reason added; a pair it calls
consistent or unrelated is dropped (precision first, issue 15); pairs past ``top_n`` stay as the rules
left them. Settings come from the caller, else from the environment (``ONRECORD_LLM_URL``,
``ONRECORD_LLM_MODEL``, ``ONRECORD_LLM_TOP``; the key from ``ONRECORD_LLM_API_KEY``), so ``read``
can use a local server without a flag of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, Protocol, TypeVar

from onrecord.contradictions import judge as rules
from onrecord.contradictions.backends import BackendError
from onrecord.contradictions.judge import Embedder, Judgement

JudgeMany = Callable[[Sequence[tuple[str, str]]], list[Judgement]]
NAMES: Final[tuple[str, ...]] = ("rules", "rules-minilm", "nli", "llm")
#: How many of the pairs the rules kept the LLM is asked about, best first.
TOP_N: Final[int] = 20
DEFAULT_LLM_MODEL: Final[str] = "gpt-4o-mini"


@dataclass(frozen=True)
class Options:
    """What a back-end needs from its caller; unset LLM settings are read from the environment."""

    model_dir: str | None = None
    llm_url: str | None = None
    llm_model: str | None = None
    top_n: int | None = None


class Scored(Protocol):
    """A pair found by a rule: what ``second_opinion`` reads and rewrites."""

    score: float
    explanation: str


T = TypeVar("T", bound=Scored)


@dataclass
class Backend:
    """A judge: the rules (with an embedder or not), and optionally a model's verdict on top.

    ``top_n`` None with a model: the model judges every pair alone (``nli``); a number: the model only
    sees that many of the pairs the rules kept, best first (``llm``).
    """

    name: str
    embedder: Embedder | None = None
    model: JudgeMany | None = None
    top_n: int | None = None

    def judge_many(self, pairs: Iterable[tuple[str, str]]) -> list[Judgement]:
        """A verdict on every pair (what ``onrecord judge`` writes)."""
        pairs = list(pairs)
        if self.model is not None and self.top_n is None:
            return self.model(pairs)
        verdicts = rules.judge_many(pairs, embedder=self.embedder)
        kept = sorted(
            (i for i, v in enumerate(verdicts) if v.label_3 == "Inconsistent"),
            key=lambda i: -verdicts[i].score,
        )
        for i, verdict in zip(kept, self.rerank([pairs[i] for i in kept]), strict=True):
            if verdict is not None:
                verdicts[i] = verdict
        return verdicts

    def rerank(self, kept: Sequence[tuple[str, str]]) -> list[Judgement | None]:
        """The model's verdict on the first ``top_n`` of pairs the rules kept (best first), None for
        the rest and for every pair when there is no model."""
        if self.model is None or not kept:
            return [None] * len(kept)
        n = len(kept) if self.top_n is None else min(self.top_n, len(kept))
        return [*self.model(list(kept[:n])), *([None] * (len(kept) - n))]

    def second_opinion(self, found: Sequence[T], texts: Callable[[T], tuple[str, str]]) -> list[T]:
        """Pairs a rule found (best first), after the model's verdict (see the module docstring)."""
        out: list[T] = []
        for item, verdict in zip(found, self.rerank([texts(f) for f in found]), strict=True):
            if verdict is None:
                out.append(item)
            elif verdict.label_3 == "Inconsistent":
                why = f"{item.explanation}; {self.name}: {verdict.explanation}"
                out.append(replace(item, score=round((item.score + verdict.score) / 2, 3), explanation=why))  # type: ignore[type-var]
        return sorted(out, key=lambda f: -f.score)


def make(name: str, options: Options | None = None) -> Backend:
    """The named back-end, ready to judge (BackendError when it cannot be used: a missing extra, no
    model directory, no endpoint)."""
    opts = options or Options()
    if name == "rules":
        return Backend(name)
    if name == "rules-minilm":
        from onrecord.contradictions.backends.embed import minilm

        return Backend(name, embedder=minilm())
    if name == "nli":
        from onrecord.contradictions.backends.nli import NLIJudge

        if not opts.model_dir:
            raise BackendError("--judge nli needs --model-dir (a local NLI cross-encoder directory)")
        return Backend(name, model=NLIJudge(opts.model_dir).judge_many)
    if name == "llm":
        from onrecord.contradictions.backends.llm import LLMJudge

        url = opts.llm_url or os.environ.get("ONRECORD_LLM_URL")
        model = opts.llm_model or os.environ.get("ONRECORD_LLM_MODEL") or DEFAULT_LLM_MODEL
        top = opts.top_n if opts.top_n is not None else _env_int("ONRECORD_LLM_TOP", TOP_N)
        return Backend(name, model=LLMJudge(url, model=model).judge_many, top_n=top)
    raise BackendError(f"no judge called {name!r}: choose one of {', '.join(NAMES)}")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return max(1, int(value))
    except ValueError:
        raise BackendError(f"${name}={value!r}: give a whole number") from None


def from_config(config: dict[str, Any]) -> Backend:
    """The back-end a pipeline component's config names (``judge`` and the ``Options`` fields)."""
    fields = {k: config.get(k) for k in ("model_dir", "llm_url", "llm_model", "top_n")}
    return make(str(config.get("judge") or "rules"), Options(**fields))
