"""The LLM back-end against a stub OpenAI-compatible server on 127.0.0.1, started by the test.

The stub answers a bounded number of requests with canned replies (clean JSON, chatty prose, an
HTTP error, a slow answer) so the client's parsing, errors and timeouts are checked offline.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

if importlib.util.find_spec("httpx") is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true needs httpx (a core dependency)", pytrace=False)
    pytest.skip("httpx is not installed", allow_module_level=True)

from onrecord.contradictions.backends import BackendError
from onrecord.contradictions.backends.llm import (
    PROMPT_TOKENS,
    LLMJudge,
    endpoint,
    estimate_tokens,
    parse_reply,
)

MAX_REQUESTS = 50  # the stub refuses past this, so no test can loop on it


class Stub:
    """What the stub server answers next, and what it was asked."""

    def __init__(self) -> None:
        self.reply = '{"label": "Consistent", "kind": null, "reason": "both back free schools"}'
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict[str, object]] = []
        self.headers: list[dict[str, str]] = []


@pytest.fixture
def stub() -> Iterator[tuple[Stub, str]]:
    state = Stub()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            if len(state.requests) >= MAX_REQUESTS:
                self.send_response(429)
                self.end_headers()
                return
            state.requests.append({"path": self.path, **body})
            state.headers.append(dict(self.headers))
            if state.delay:
                time.sleep(state.delay)
            if state.status != 200:
                payload = b'{"error": {"message": "model overloaded"}}'
                self.send_response(state.status)
            else:
                payload = json.dumps(
                    {
                        "choices": [{"message": {"role": "assistant", "content": state.reply}}],
                        "usage": {"prompt_tokens": 200, "completion_tokens": 20},
                    }
                ).encode()
                self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            # the client may have given up already (the timeout test)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_clean_json_reply(stub: tuple[Stub, str], monkeypatch: pytest.MonkeyPatch) -> None:
    state, url = stub
    monkeypatch.setenv("ONRECORD_LLM_API_KEY", "test-key")
    judge = LLMJudge(url, model="stub-model", timeout=5)
    verdict = judge.judge("Schools should be free.", "We support free schools.")
    assert (verdict.label_3, verdict.label_5) == ("Consistent", "Consistent")
    assert verdict.explanation == "both back free schools"
    sent = state.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["model"] == "stub-model" and sent["temperature"] == 0
    messages = sent["messages"]
    assert isinstance(messages, list) and "Schools should be free." in messages[-1]["content"]
    assert state.headers[0].get("Authorization") == "Bearer test-key"
    assert judge.usage == {"requests": 1, "prompt_tokens": 200, "completion_tokens": 20}


def test_chatty_reply_and_batch(stub: tuple[Stub, str]) -> None:
    state, url = stub
    state.reply = (
        "Sure! Here is my answer:\n```\nLabel: Inconsistent\nKind: surface\nReason: ban vs allow\n```"
    )
    verdicts = LLMJudge(url + "/v1", timeout=5).judge_many([("a", "b"), ("c", "d")])
    assert [v.label_5 for v in verdicts] == ["Surface contradiction"] * 2
    assert verdicts[0].explanation == "ban vs allow"
    assert verdicts[0].score > 0.5
    assert len(state.requests) == 2


def test_http_error_is_one_clear_error(stub: tuple[Stub, str]) -> None:
    state, url = stub
    state.status = 503
    with pytest.raises(BackendError, match=r"HTTP 503.*overloaded"):
        LLMJudge(url, timeout=5).judge("a", "b")


def test_slow_endpoint_times_out(stub: tuple[Stub, str]) -> None:
    state, url = stub
    state.delay = 1.0
    start = time.perf_counter()
    with pytest.raises(BackendError, match="no answer within"):
        LLMJudge(url, timeout=0.2).judge("a", "b")
    assert time.perf_counter() - start < 5


def test_unreachable_endpoint() -> None:
    with pytest.raises(BackendError, match="cannot reach"):
        LLMJudge("http://127.0.0.1:9", timeout=2).judge("a", "b")


def test_reply_without_label_is_an_error(stub: tuple[Stub, str]) -> None:
    state, url = stub
    state.reply = "I cannot help with that."
    with pytest.raises(BackendError, match="names no label"):
        LLMJudge(url, timeout=5).judge("a", "b")


@pytest.mark.parametrize(
    ("reply", "label_5", "reason"),
    [
        ('{"label": "Unrelated", "reason": "taxes vs schools"}', "Unrelated", "taxes vs schools"),
        (
            'Answer: {"label": "inconsistent", "kind": "Factual inconsistency", "reason": "aim vs deed"}',
            "Factual inconsistency",
            "aim vs deed",
        ),
        ("**Inconsistent** - one bans what the other allows.", "Indirect inconsistency", "- one bans"),
        ("The statements are consistent: both support it.", "Consistent", "both support it"),
        ('{"label": "Consistent"', "Consistent", ""),
    ],
)
def test_parse_reply(reply: str, label_5: str, reason: str) -> None:
    got = parse_reply(reply)
    assert got[1] == label_5
    assert got[2].startswith(reason.lstrip("- ")) if reason else True


def test_endpoint_and_cost() -> None:
    assert endpoint("http://h:1") == "http://h:1/v1/chat/completions"
    assert endpoint("http://h:1/v1/") == "http://h:1/v1/chat/completions"
    assert endpoint("https://h/v1/chat/completions") == "https://h/v1/chat/completions"
    with pytest.raises(BackendError):
        endpoint("h:1")
    with pytest.raises(BackendError):
        LLMJudge(None)
    assert estimate_tokens("a" * 400, "b" * 400) == PROMPT_TOKENS + 200
