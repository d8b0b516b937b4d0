"""Fetching an ``http(s)://`` input with httpx, without letting a URL reach into the machine's network.

A URL given to onrecord is untrusted: a page (or a redirect) can point at ``http://127.0.0.1:6379`` or
at the cloud metadata service on ``169.254.169.254``. So every hop is checked before anything connects:
the host is resolved here, *every* address it resolves to must be public, and the request then goes to
the address that was checked (the name is kept for the ``Host`` header and TLS), so a DNS answer that
changes between the check and the connection (DNS rebinding) cannot slip a private address in.
Redirects are followed by hand, at most ``MAX_REDIRECTS``, each hop checked the same way.

An IPv6 address that carries an IPv4 one (IPv4-mapped, 6to4, NAT64, Teredo) is judged by the IPv4
address inside, which is where it leads. A redirect to a malformed URL (``http:127.0.0.1/``, backslashes)
is refused, not guessed at.

``allow_private=True`` opens private and loopback networks (an intranet news server, a test server on
127.0.0.1). Link-local (the metadata service), multicast, reserved and unspecified addresses stay refused
even then: no news page lives there.

Bodies are streamed and cut off past ``max_bytes`` (counted after decompression), and each hop must
finish within the timeout, so neither a huge nor a slow-drip response can hold a batch. Every failure is
one ``InputError`` naming the URL as given.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from onrecord.errors import InputError

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
USER_AGENT = "onrecord/0.1 (+news attribution reader)"

URL_RX = re.compile(r"^https?://", re.IGNORECASE)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_REDIRECTS = {301, 302, 303, 307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _fetch_error(source: str, reason: str) -> InputError:
    """A page that could not be fetched: stage ``fetch``, so reports keep network failures apart."""
    return InputError(source, reason, "fetch")


def is_url(given: str) -> bool:
    """True for an ``http://`` or ``https://`` input (any other scheme is a path, and will not exist)."""
    return bool(URL_RX.match(given))


@dataclass(frozen=True)
class Fetched:
    """A fetched body: the bytes, the URL it finally came from, and what the server said it is."""

    url: str
    data: bytes
    kind: str | None  # "html", "text" or None (unknown: decided by sniffing later)


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, list[ipaddress.IPv4Address]] | None:
    """The IPv4 addresses an IPv6 transition address carries, and what kind of address it is.

    A 6to4 (2002::/16), NAT64 (64:ff9b::/96) or Teredo (2001::/32) address is routed to the IPv4
    address inside it, so ``2002:7f00:1::`` reaches 127.0.0.1 as surely as ``127.0.0.1`` does; judging
    only the IPv6 address (which Python calls global for 6to4) would let a private target through.
    """
    if ip.sixtofour is not None:
        return "6to4", [ip.sixtofour]
    if ip in _NAT64:
        return "NAT64", [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    if ip.teredo is not None:
        server, client = ip.teredo
        return "Teredo", [server, client]
    return None


def address_problem(ip: IPAddress, allow_private: bool) -> str | None:
    """Why onrecord will not connect to ``ip``, or ``None`` when it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            kind, inner = embedded
            for v4 in inner:
                problem = address_problem(v4, allow_private)
                if problem is not None:
                    return f"{problem}, inside a {kind} address ({v4})"
            if kind == "NAT64":
                return None  # a translation of a public IPv4 address (Python calls 64:ff9b::/96 reserved)
    if ip.is_unspecified:
        return "an unspecified address (0.0.0.0 or ::, which reaches this machine)"
    if ip.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_loopback:
        return None if allow_private else "a loopback address (this machine)"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return None if allow_private else "a private network address"
    return None


def _resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to; an IP literal is itself (nothing is sent for it)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[IPAddress] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in seen:
            seen.append(ip)
    return seen


def _checked_target(url: str, allow_private: bool) -> tuple[str, str, str]:
    """Check one hop; return the URL to connect to (host replaced by a checked address), the Host
    header value and the host name for TLS. Raises ``ValueError`` with the reason when refused."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}")
    host = parts.hostname
    if not host:
        raise ValueError("the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise ValueError(f"the URL's port is not valid ({exc})") from exc
    try:
        addresses = _resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise ValueError(f"cannot resolve the host {host} ({exc})") from exc
    if not addresses:
        raise ValueError(f"the host {host} has no address")
    for ip in addresses:
        problem = address_problem(ip, allow_private)
        if problem is not None:
            shown = host if str(ip) == host else f"{host} ({ip})"
            hint = "; pass --allow-private to reach it" if _privatish(problem) else ""
            raise ValueError(f"refused to connect to {shown}: {problem}{hint}")
    ip = addresses[0]
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    host_header = parts.netloc.rsplit("@", 1)[-1]
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    return pinned, host_header, host


_SCHEME_RX = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _malformed_location(location: str) -> str | None:
    """Why a redirect target is malformed, or ``None``.

    Browsers and ``urljoin`` disagree on ``http:127.0.0.1/`` (a relative path to one, a host to the
    other) and browsers read ``http:\\\\127.0.0.1\\`` as ``http://127.0.0.1/``; a news site never
    sends either, so such a target is refused rather than guessed at.
    """
    if any(c == "\\" or c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in location):
        return "backslashes, spaces or control characters"
    if _SCHEME_RX.match(location) and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", location):
        return "a scheme without //"
    return None


def _privatish(problem: str) -> bool:
    return problem.startswith(("a loopback", "a private"))


def _kind(content_type: str) -> str | None:
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in _HTML_TYPES:
        return "html"
    if mime in _TEXT_TYPES:
        return "text"
    return None


def _refuse_type(content_type: str) -> str | None:
    """A reason when the server says the body is something onrecord does not read (an image, a PDF,
    JSON); ``None`` for HTML, plain text, or no useful type at all (the bytes are sniffed later)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if not mime or _kind(mime) or mime == "application/octet-stream":
        return None
    return f"the server sent {mime}, not an HTML page or text"


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1_000:.1f} kB"


def fetch_url(
    url: str,
    *,
    max_bytes: int = 20_000_000,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    max_redirects: int = MAX_REDIRECTS,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """Fetch one page; raise ``InputError(url, reason)`` for anything that stops it.

    ``timeout`` bounds connecting, each read, and each hop as a whole; ``transport`` is for tests.
    """
    current = url
    with httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        transport=transport,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"},
        trust_env=False,  # a proxy from the environment would connect on our behalf, unchecked
    ) as client:
        for hop in range(max_redirects + 1):
            try:
                pinned, host_header, sni = _checked_target(current, allow_private)
            except ValueError as exc:
                where = "" if hop == 0 else f" (redirected to {current})"
                raise _fetch_error(url, f"{exc}{where}") from None
            try:
                result = _one_hop(client, pinned, host_header, sni, current, url, max_bytes, timeout)
            except httpx.TimeoutException:
                raise _fetch_error(url, f"timed out after {timeout:g} s (the server is too slow)") from None
            except httpx.HTTPError as exc:
                detail = str(exc) or type(exc).__name__
                raise _fetch_error(url, f"cannot fetch the page ({detail})") from None
            if isinstance(result, Fetched):
                return result
            current = result
        raise _fetch_error(url, f"more than {max_redirects} redirects (a redirect loop?)")


def _one_hop(
    client: httpx.Client,
    pinned: str,
    host_header: str,
    sni: str,
    current: str,
    given: str,
    max_bytes: int,
    timeout: float,
) -> Fetched | str:
    """One request; the next URL when it is a redirect, else the fetched body."""
    try:
        request = client.build_request(
            "GET", pinned, headers={"Host": host_header}, extensions={"sni_hostname": sni}
        )
    except (httpx.InvalidURL, UnicodeError) as exc:  # a control character or a lone surrogate in the path
        where = "" if current == given else f" (redirected to {current!r})"
        raise _fetch_error(given, f"the URL is not valid ({exc}){where}") from None
    deadline = time.monotonic() + timeout
    try:
        response = client.send(request, stream=True)
    except httpx.InvalidURL as exc:
        # httpx parses a redirect's Location while sending, even with follow_redirects=False, and its
        # InvalidURL is no HTTPError: without this a bad Location would escape as a traceback.
        raise _fetch_error(given, f"the server redirected to a malformed URL ({exc})") from None
    try:
        if response.status_code in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise _fetch_error(given, f"the server answered {response.status_code} without a Location")
            malformed = _malformed_location(location)
            if malformed:
                reason = f"the server redirected to a malformed URL {location!r} ({malformed})"
                raise _fetch_error(given, reason)
            return urljoin(current, location)
        if response.status_code >= 400:
            phrase = response.reason_phrase or ""
            raise _fetch_error(given, f"the server answered {response.status_code} {phrase}".rstrip())
        if not 200 <= response.status_code < 300:
            raise _fetch_error(given, f"the server answered {response.status_code}, not a page")
        content_type = response.headers.get("content-type", "")
        refused = _refuse_type(content_type)
        if refused:
            raise _fetch_error(given, refused)
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise _fetch_error(
                given, f"the page is {_size(int(declared))}, over the {_size(max_bytes)} limit"
            )
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > max_bytes:
                raise _fetch_error(given, f"the page is over the {_size(max_bytes)} limit (download stopped)")
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("the download took too long", request=request)
            chunks.append(chunk)
        return Fetched(current, b"".join(chunks), _kind(content_type))
    finally:
        response.close()
