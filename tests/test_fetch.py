"""URLs: a local HTTP server started by the test (127.0.0.1 only), and the address guard.

No test sends traffic anywhere but 127.0.0.1: private and link-local targets must be refused before any
connection, which ``connections`` (a spy on ``socket.create_connection``) checks. The one test that
starts from a public address uses an httpx mock transport, so nothing leaves the process.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from onrecord.errors import InputError
from onrecord.ingest import RawInput, iter_inputs, load_document
from onrecord.ingest.fetch import address_problem, fetch_url

ARTICLE = (
    "<!DOCTYPE html><html><head><title>Harbor Ferry Resumes Service - Test Gazette</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Harbor Ferry Resumes Service</h1>"
    + "".join(
        f"<p>The harbor ferry resumed service on Monday after a month of repairs, the port authority "
        f"said in paragraph {n}, adding that every crossing would run on time.</p>"
        for n in range(1, 5)
    )
    + "</article></body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    """Routes for each case; the server answers only on 127.0.0.1."""

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE)
        elif path == "/redirect":
            self._send(302, b"", Location="/article")
        elif path == "/redirect-chain":
            self._send(301, b"", Location="/redirect")
        elif path.startswith("/loop"):
            n = int(path.removeprefix("/loop") or 0)
            self._send(302, b"", Location=f"/loop{n + 1}")
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, ARTICLE)
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 60_000 + b"</p>")
        elif path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the body runs until the connection closes
            for _ in range(60):
                self.wfile.write(b"<p>" + b"y" * 1_000 + b"</p>")
            self.close_connection = True
        elif path == "/to-metadata":
            self._send(302, b"", Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/to-zero":
            self._send(302, b"", Location="http://0.0.0.0:9/")
        elif path == "/to-no-slashes":
            self._send(302, b"", Location="http:127.0.0.1/")
        elif path == "/to-backslashes":
            self._send(302, b"", Location="http:\\\\127.0.0.1\\")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n", ctype="image/png")
        elif path == "/text":
            self._send(
                200, b"Ferry Back\n\nThe ferry is back on Monday, the port said.\n", ctype="text/plain"
            )
        else:
            self._send(404, b"not here")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (the timeout and size tests do) is expected; say nothing."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host a connection is opened to, in order (the connection still happens)."""
    seen: list[str] = []
    real = socket.create_connection

    def spy(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        seen.append(str(address[0]))
        assert ipaddress.ip_address(address[0]).is_loopback, f"tried to connect to {address}"
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", spy)
    return seen


def test_page_and_redirects_are_fetched(server: str, connections: list[str]) -> None:
    got = fetch_url(f"{server}/redirect-chain", allow_private=True)
    assert got.url == f"{server}/article" and got.kind == "html"
    assert got.data == ARTICLE
    assert connections and set(connections) == {"127.0.0.1"}


def test_iter_inputs_reads_urls_into_documents_and_errors(server: str, connections: list[str]) -> None:
    urls = [
        f"{server}/redirect",
        f"{server}/slow",
        f"{server}/big",
        f"{server}/big-undeclared",
        f"{server}/to-metadata",
        f"{server}/loop",
        f"{server}/image",
        f"{server}/missing",
        f"{server}/text",
    ]
    items = list(iter_inputs(urls, max_bytes=50_000, timeout=0.5, allow_private=True))
    assert [i.source for i in items] == urls  # one item per URL, in order, named as given

    first = items[0]
    assert isinstance(first, RawInput) and first.url == f"{server}/article"
    doc = load_document(first)
    assert doc.source == f"{server}/redirect"
    assert doc.title == "Harbor Ferry Resumes Service"
    assert "resumed service on Monday" in doc.text

    reasons = {i.source.removeprefix(server): i.reason for i in items if isinstance(i, InputError)}
    assert reasons["/slow"] == "timed out after 0.5 s (the server is too slow)"
    assert reasons["/big"] == "the page is 60.0 kB, over the 50.0 kB limit"
    assert reasons["/big-undeclared"] == "the page is over the 50.0 kB limit (download stopped)"
    assert reasons["/to-metadata"].startswith("refused to connect to 169.254.169.254: a link-local address")
    assert reasons["/to-metadata"].endswith("(redirected to http://169.254.169.254/latest/meta-data/)")
    assert reasons["/loop"] == "more than 5 redirects (a redirect loop?)"
    assert reasons["/image"] == "the server sent image/png, not an HTML page or text"
    assert reasons["/missing"] == "the server answered 404 Not Found"
    assert all("\n" not in str(i) for i in items if isinstance(i, InputError))

    text = items[-1]
    assert isinstance(text, RawInput) and text.kind == "text"
    assert load_document(text).title == "Ferry Back"
    assert "169.254.169.254" not in connections  # refused before connecting


def test_loopback_is_refused_without_allow_private(server: str, connections: list[str]) -> None:
    port = server.rsplit(":", 1)[1]
    for url in (f"{server}/article", f"http://localhost:{port}/article", f"http://[::1]:{port}/"):
        [err] = list(iter_inputs([url]))
        assert isinstance(err, InputError)
        assert "a loopback address (this machine); pass --allow-private to reach it" in err.reason
        assert err.stage == "fetch"
    assert connections == []  # nothing was even attempted


def test_redirect_from_the_loopback_server_to_zero_address_is_refused(
    server: str, connections: list[str]
) -> None:
    with pytest.raises(InputError) as info:
        fetch_url(f"{server}/to-zero", allow_private=True)
    assert "refused to connect to 0.0.0.0: an unspecified address" in info.value.reason
    assert set(connections) == {"127.0.0.1"}


def test_public_page_redirecting_to_a_private_address_is_refused_before_connecting() -> None:
    """From a public address (mocked: nothing leaves the process) to 10.0.0.1: the hop is refused."""
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://10.0.0.1/admin"})

    with pytest.raises(InputError) as info:
        fetch_url("http://93.184.216.34/story", transport=httpx.MockTransport(handler))
    assert info.value.reason == (
        "refused to connect to 10.0.0.1: a private network address; pass --allow-private to reach it "
        "(redirected to http://10.0.0.1/admin)"
    )
    assert asked == ["http://93.184.216.34/story"]  # the private hop was never requested


def test_request_goes_to_the_checked_address_with_the_original_host() -> None:
    """The guard pins the address it checked, so a second DNS answer cannot change the target."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=ARTICLE)

    got = fetch_url("http://93.184.216.34:8080/a?b=1", transport=httpx.MockTransport(handler))
    assert got.data == ARTICLE
    assert str(seen[0].url) == "http://93.184.216.34:8080/a?b=1"
    assert seen[0].headers["host"] == "93.184.216.34:8080"


@pytest.mark.parametrize(
    ("address", "private_ok", "refused"),
    [
        ("8.8.8.8", False, None),
        ("127.0.0.1", False, "a loopback address (this machine)"),
        ("127.0.0.1", True, None),
        ("10.1.2.3", False, "a private network address"),
        ("192.168.0.10", True, None),
        ("100.64.0.1", False, "a private network address"),  # carrier-grade NAT: not global
        ("169.254.169.254", True, "a link-local address (where cloud metadata services answer)"),
        ("0.0.0.0", True, "an unspecified address (0.0.0.0 or ::, which reaches this machine)"),
        ("224.0.0.1", True, "a multicast address"),
        ("240.0.0.1", True, "a reserved address"),
        ("::1", False, "a loopback address (this machine)"),
        ("::ffff:10.0.0.1", False, "a private network address"),  # IPv4-mapped
        ("fe80::1", True, "a link-local address (where cloud metadata services answer)"),
        ("fd00::1", False, "a private network address"),
        ("2606:4700:4700::1111", False, None),
        # IPv6 transition addresses reach the IPv4 address inside them: judged by that address.
        ("2002:7f00:1::", False, "a loopback address (this machine), inside a 6to4 address (127.0.0.1)"),
        ("2002:a00:1::5", False, "a private network address, inside a 6to4 address (10.0.0.1)"),
        ("2002:a00:1::5", True, None),
        ("2002:808:808::1", False, None),
        ("64:ff9b::c0a8:1", False, "a private network address, inside a NAT64 address (192.168.0.1)"),
        (
            "64:ff9b::a9fe:a9fe",
            True,
            "a link-local address (where cloud metadata services answer), inside a NAT64 address "
            "(169.254.169.254)",
        ),
        ("64:ff9b::808:808", False, None),
        (
            "2001:0:4136:e378:8000:63bf:80ff:fffe",
            False,
            "a loopback address (this machine), inside a Teredo address (127.0.0.1)",
        ),
    ],
)
def test_address_policy(address: str, private_ok: bool, refused: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address), private_ok) == refused


def test_other_schemes_are_not_urls_and_bad_urls_are_errors() -> None:
    [err] = list(iter_inputs(["ftp://example.org/a.html"]))
    assert err.reason == "no such file or folder (check the path)"
    with pytest.raises(InputError) as info:
        fetch_url("http:///nohost")
    assert info.value.reason == "the URL has no host"


def test_malformed_redirects_are_input_errors_and_the_batch_goes_on(
    server: str, connections: list[str]
) -> None:
    """``http:127.0.0.1/`` and ``http:\\\\127.0.0.1\\`` made httpx raise InvalidURL, which is no HTTPError."""
    urls = [f"{server}/to-no-slashes", f"{server}/to-backslashes", f"{server}/article"]
    items = list(iter_inputs(urls, allow_private=True))
    assert [i.source for i in items] == urls
    *errors, page = items
    for err in errors:
        assert isinstance(err, InputError)
        assert err.reason.startswith("the server redirected to a malformed URL"), err.reason
        assert "\n" not in str(err)
    assert isinstance(page, RawInput)


def test_a_url_httpx_cannot_build_is_an_input_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing is sent")

    for url in ("http://93.184.216.34/a\x00b", "http://93.184.216.34/\ud800"):
        with pytest.raises(InputError) as info:
            fetch_url(url, transport=httpx.MockTransport(handler))
        assert info.value.reason.startswith("the URL is not valid")


def test_transition_addresses_embedding_loopback_are_refused_before_connecting(
    connections: list[str],
) -> None:
    for url in ("http://[2002:7f00:1::]/", "http://[64:ff9b::7f00:1]/"):
        with pytest.raises(InputError) as info:
            fetch_url(url)
        assert "a loopback address (this machine), inside a" in info.value.reason
        assert info.value.reason.endswith("pass --allow-private to reach it")
    assert connections == []
