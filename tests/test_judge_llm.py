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


# The re-rank path through `onrecord contradictions`: the rules pair the ledger, the LLM is asked only
# about the best --llm-top pairs they kept, and a pair it calls consistent is dropped.
_DAM_EARLIER = "Senator Rosa Vidal said on Monday that she supports the new dam on the Elk River.\n"
_DAM_LATER = "Senator Rosa Vidal said on Tuesday that she does not support the new dam on the Elk River.\n"
_PARK_EARLIER = 'Mayor Helen Ortiz spoke at a rally on Saturday. "We will never sell the park," Ortiz said.\n'
_PARK_LATER = 'Mayor Helen Ortiz addressed the council on Monday. "The park must be sold," Ortiz said.\n'


@pytest.fixture(scope="module")
def reversals_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from typer.testing import CliRunner

    from onrecord.cli import app

    folder = tmp_path_factory.mktemp("articles")
    db = str(tmp_path_factory.mktemp("db") / "ledger.sqlite3")
    for name, text, day in (
        ("earlier.txt", "Elk River Dam\n\n" + _DAM_EARLIER + "\n" + _PARK_EARLIER, "2015-03-11"),
        ("later.txt", "Elk River Dam\n\n" + _DAM_LATER + "\n" + _PARK_LATER, "2016-05-20"),
    ):
        (folder / name).write_text(text)
        args = ["ingest", str(folder / name), "--db", db, "-w", "0", "--published", day, "--no-progress"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    return db


def _contradictions(db: str, url: str, *args: str) -> list[dict]:
    from typer.testing import CliRunner

    from onrecord.cli import app

    cmd = ["contradictions", "--db", db, "--no-embeddings", "-f", "json", "--refresh", "--llm-url", url]
    result = CliRunner().invoke(app, [*cmd, *args])
    assert result.exit_code == 0, result.output
    return [p for p in json.loads(result.stdout) if p["scope"] == "ledger"]


def test_contradictions_llm_reranks_only_the_top_pairs(reversals_db: str, stub: tuple[Stub, str]) -> None:
    state, url = stub
    rules_only = _contradictions(reversals_db, url, "--judge", "rules")
    assert len(rules_only) == 2 and state.requests == [], "the rules alone ask no model"

    state.reply = '{"label": "Inconsistent", "kind": "Surface contradiction", "reason": "kept then sold"}'
    confirmed = _contradictions(reversals_db, url, "--judge", "llm", "--llm-top", "1")
    assert len(state.requests) == 1, "only the rules' best pair goes to the model"
    asked = state.requests[0]["messages"][-1]["content"]  # type: ignore[index]
    assert len(confirmed) == 2
    top = next(p for p in confirmed if p["a"]["content"]["text"] in asked)
    assert top["explanation"].endswith("llm: kept then sold")
    assert top["b"]["content"]["text"] in asked

    state.reply = '{"label": "Consistent", "kind": null, "reason": "same position"}'
    rejected = _contradictions(reversals_db, url, "--judge", "llm", "--llm-top", "1")
    assert len(state.requests) == 2
    assert [p["a"]["content"]["text"] for p in rejected] == [
        p["a"]["content"]["text"] for p in rules_only if p["a"]["content"]["text"] not in asked
    ], "the pair the model calls consistent is dropped, the one it was not asked about stays"


def test_registry_judge_reranks_what_the_rules_kept(stub: tuple[Stub, str]) -> None:
    from onrecord.contradictions.backends import registry

    state, url = stub
    state.reply = '{"label": "Unrelated", "reason": "no"}'
    backend = registry.make("llm", registry.Options(llm_url=url, top_n=5))
    pairs = [
        ("We support the new dam.", "We oppose the new dam."),
        ("Schools should be free.", "Go by train."),
    ]
    verdicts = backend.judge_many(pairs)
    assert len(state.requests) == 1, "the pair the rules call unrelated never reaches the model"
    assert verdicts[0].label_3 == "Unrelated" and verdicts[0].explanation == "no"
    with pytest.raises(BackendError, match="no judge called"):
        registry.make("oracle")


def test_read_takes_the_judge_from_its_component(
    stub: tuple[Stub, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`read` has no judge flag: ONRECORD_JUDGE sets the in-article component's judge, and the model's
    'consistent' drops the pair the rule found."""
    import datetime as dt

    from onrecord import nlp as nlp_module

    state, url = stub
    state.reply = '{"label": "Consistent", "kind": null, "reason": "same position"}'
    monkeypatch.setenv("ONRECORD_JUDGE", "llm")
    monkeypatch.setenv("ONRECORD_LLM_URL", url)
    pipe = nlp_module.build_pipeline(nlp_module._load_base())
    text = (
        "Park\n\n"
        + _PARK_LATER
        + "\nThree years ago, Ortiz made a promise. "
        + '"We will never sell the park," she said at the time.\n'
    )
    doc = pipe(nlp_module.make_doc(pipe, text, dt.date(2024, 3, 14), None))
    assert len(state.requests) == 1 and "never sell the park" in str(state.requests[0]["messages"])
    assert [c for c in doc._.contradictions if c.kind != "reported"] == []
