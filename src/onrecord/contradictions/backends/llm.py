"""Judge pairs with a chat model behind an OpenAI-compatible ``/v1/chat/completions`` endpoint.

Any server that speaks that protocol will do (a hosted API, or a local llama.cpp / vLLM / Ollama
server); onrecord sends the prompt below and parses the answer. The key, if the server needs one, is
read from ``ONRECORD_LLM_API_KEY`` (or ``OPENAI_API_KEY``), never from the command line.

The model is asked for JSON with a label, a kind and a one-line reason, at temperature 0. Models do
not always obey, so the reply is parsed in steps: a JSON object anywhere in the text, else
``label: ...`` lines, else the first label word in the prose ("inconsistent" is looked for before
"consistent", which it contains). A reply with no label at all is an error, not a guess.

Cost per pair: one request of about ``PROMPT_TOKENS`` prompt tokens plus the two statements
(``estimate_tokens``) and at most ``MAX_TOKENS`` completion tokens; docs/BENCHMARKS.md ("Pair judge
benchmark") gives the figure measured on the benchmark's pairs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from typing import Any

from onrecord.contradictions.backends import BackendError
from onrecord.contradictions.judge import LABEL_3_OF, Judgement

SYSTEM = (
    "You check political statements for consistency. You are given two statements by the same "
    "speaker. Decide whether they are Inconsistent (they cannot both be the speaker's honest position: "
    "a direct contradiction, an action that goes against a stated aim, or positions that are hard to "
    "reconcile), Unrelated (about different things), or Consistent (about the same thing and "
    "compatible). Answer with one JSON object and nothing else: "
    '{"label": "Inconsistent" | "Unrelated" | "Consistent", '
    '"kind": "Surface contradiction" | "Factual inconsistency" | "Indirect inconsistency" | null, '
    '"reason": "one line naming what clashes or why it does not"}'
)
USER = "Statement 1: {text_1}\nStatement 2: {text_2}"
MAX_TOKENS = 120
#: Rough prompt size in tokens without the statements (about four characters a token).
PROMPT_TOKENS = (len(SYSTEM) + len(USER)) // 4 + 8  # + chat-format overhead

_KINDS = ("Surface contradiction", "Factual inconsistency", "Indirect inconsistency")
_SCORE = {"Inconsistent": 0.9, "Unrelated": 0.1, "Consistent": 0.05}
_LABEL_WORD = re.compile(r"\b(inconsistent|unrelated|consistent)\b", re.IGNORECASE)
_FIELD = re.compile(r"^\W*(label|kind|reason)\W*[:=]\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def estimate_tokens(text_1: str, text_2: str) -> int:
    """Prompt tokens one pair costs, at about four characters a token (no tokenizer needed)."""
    return PROMPT_TOKENS + (len(text_1) + len(text_2)) // 4


def endpoint(url: str) -> str:
    """The chat-completions URL for a base URL given with or without ``/v1`` or the full path."""
    url = url.strip().rstrip("/")
    if not re.match(r"^https?://", url):
        raise BackendError(f"--llm-url {url!r}: give an http:// or https:// URL")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


def _label(word: str) -> str | None:
    low = word.strip().strip("\"'.*` ").lower()
    for label in ("Inconsistent", "Unrelated", "Consistent"):
        if low.startswith(label.lower()):
            return label
    return None


def _kind(word: object, label: str) -> str:
    if label != "Inconsistent":
        return label
    text = str(word or "").lower()
    for kind in _KINDS:
        if kind.split()[0].lower() in text:
            return kind
    return "Indirect inconsistency"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:300]


def parse_reply(text: str) -> tuple[str, str, str]:
    """(label_3, label_5, reason) from a model's reply, or BackendError when it names no label."""
    for match in re.finditer(r"\{.*?\}", text, re.DOTALL):
        try:
            obj = json.loads(match.group(0))
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("label"), str):
            label = _label(obj["label"])
            if label:
                return label, _kind(obj.get("kind"), label), _one_line(obj.get("reason") or "")
    fields = {name.lower(): value.strip() for name, value in _FIELD.findall(text)}
    label = _label(fields.get("label", ""))
    if label:
        return label, _kind(fields.get("kind"), label), _one_line(fields.get("reason", ""))
    found = _LABEL_WORD.search(text)
    if found:
        label = _label(found.group(1))
        assert label is not None
        rest = text[found.end() :].strip(" \t\n:.-—*")
        return label, _kind(text, label), _one_line(rest.splitlines()[0] if rest else "")
    raise BackendError(f"the model's reply names no label: {_one_line(text)[:120]!r}")


class LLMJudge:
    """A judge that asks a chat model, one request per pair."""

    def __init__(
        self,
        url: str | None,
        *,
        model: str = "gpt-4o-mini",
        api_key: str | None = None,
        timeout: float = 60.0,
        client: Any = None,
    ) -> None:
        if not url:
            raise BackendError("the LLM judge needs --llm-url (an OpenAI-compatible endpoint)")
        try:
            import httpx
        except ImportError as err:
            raise BackendError("the LLM judge needs httpx (a core dependency): pip install httpx") from err
        self.httpx = httpx
        self.url = endpoint(url)
        self.model = model
        key = api_key or os.environ.get("ONRECORD_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY")
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.timeout = timeout
        self.client = client or httpx.Client(timeout=httpx.Timeout(timeout), headers=headers)
        self.usage: dict[str, int] = {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0}

    def _ask(self, text_1: str, text_2: str) -> str:
        body = {
            "model": self.model,
            "temperature": 0,
            "max_tokens": MAX_TOKENS,
            "messages": [
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": USER.format(text_1=text_1, text_2=text_2)},
            ],
        }
        httpx = self.httpx
        try:
            response = self.client.post(self.url, json=body)
        except httpx.TimeoutException as err:
            raise BackendError(f"{self.url}: no answer within {self.timeout:g} s") from err
        except httpx.HTTPError as err:
            raise BackendError(
                f"{self.url}: cannot reach the endpoint ({type(err).__name__}: {err})"
            ) from err
        if response.status_code != 200:
            raise BackendError(
                f"{self.url} answered HTTP {response.status_code}: {_one_line(response.text)[:200]}"
            )
        try:
            data = response.json()
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as err:
            raise BackendError(
                f"{self.url}: not a chat-completions answer: {_one_line(response.text)[:200]}"
            ) from err
        self.usage["requests"] += 1
        usage = data.get("usage") or {}
        for field in ("prompt_tokens", "completion_tokens"):
            if isinstance(usage.get(field), int):
                self.usage[field] += usage[field]
        return str(content or "")

    def judge(self, text_1: str, text_2: str) -> Judgement:
        """Judge one pair with one request."""
        label_3, label_5, reason = parse_reply(self._ask(text_1, text_2))
        assert LABEL_3_OF[label_5] == label_3
        return Judgement(label_3, label_5, _SCORE[label_3], reason or f"LLM: {label_3}")

    def judge_many(self, pairs: Iterable[tuple[str, str]]) -> list[Judgement]:
        """Judge pairs one request at a time (servers differ too much in batching to assume it)."""
        return [self.judge(a, b) for a, b in pairs]

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self.client.close()
