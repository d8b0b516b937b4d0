"""Writing to the ledger over HTTP: who may, and how an article given as text, HTML or a URL is stored.

A server is read-only unless it was started with a token (``ONRECORD_TOKEN``): a ledger is a record
people rely on, so nothing anonymous on the network may add to it. The token is compared in constant
time. A URL is fetched by the same code as ``onrecord ingest URL``, which refuses private, loopback and
link-local addresses at every redirect hop, so the server cannot be used to reach the machines behind it;
anything that is not an ``http(s)`` URL is refused before it gets near ``iter_inputs``, which would
otherwise read a local path.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass

import anyio

from onrecord.errors import InputError
from onrecord.ingest.raw import RawInput, document_id
from onrecord.ledger import Ledger, StoredDocument

#: One analysis at a time: the spaCy pipeline is shared by the process and is not safe across threads.
_ANALYSIS = threading.Lock()
#: The threads writes run in, apart from the readers' (``app.SQLITE_HANDLER_THREADS``): a write waits
#: for the analysis and for the database's write lock, which another process may hold for a while, and
#: must not take a reader's thread meanwhile. Four lets URL fetches overlap; analysis stays one at a time.
LIMITER = anyio.CapacityLimiter(4)


class WriteRefused(Exception):
    """Why a write was refused, with the HTTP status to say it with."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def check_token(configured: str | None, authorization: str | None) -> None:
    """Raise ``WriteRefused`` unless ``authorization`` is ``Bearer <the configured token>``."""
    if not configured:
        raise WriteRefused(
            403,
            "this server is read-only: start it with ONRECORD_TOKEN set to accept documents "
            "(then send 'Authorization: Bearer <token>')",
        )
    challenge = {"WWW-Authenticate": 'Bearer realm="onrecord"'}
    if not authorization:
        raise WriteRefused(401, "writing needs 'Authorization: Bearer <token>'", challenge)
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise WriteRefused(401, "writing needs 'Authorization: Bearer <token>'", challenge)
    if not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise WriteRefused(401, "the bearer token is not this server's token", challenge)


@dataclass(frozen=True)
class Written:
    """What storing one input did: the document as stored, and whether this request stored it."""

    document: StoredDocument
    stored: bool


def raw_from_body(text: str | None, html: str | None, source: str | None) -> RawInput:
    """An input from text or HTML sent in a request; ``kind`` says which so nothing is sniffed."""
    if html is not None:
        return RawInput(source=source or "api", data=html.encode("utf-8"), kind="html")
    return RawInput(source=source or "api", data=(text or "").encode("utf-8"), kind="text")


def raw_from_url(url: str, allow_private: bool, max_bytes: int) -> RawInput:
    """Fetch ``url`` (http or https only) with the private-address guard; ``InputError`` says why not."""
    from onrecord.ingest import iter_inputs
    from onrecord.ingest.fetch import is_url

    url = url.strip()
    if not is_url(url):  # iter_inputs reads anything else as a path on this server
        raise InputError(url, "only http:// and https:// URLs can be fetched")
    for item in iter_inputs([url], max_bytes=max_bytes, allow_private=allow_private):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(url, "nothing could be fetched")


def store(ledger: Ledger, raw: RawInput, published: str | None) -> Written:
    """Read, analyse and store one input in this process; ``InputError`` when it holds no article."""
    from onrecord.ledger.ingest import ingest_inputs
    from onrecord.reader import parse_date

    try:
        parse_date(published)
    except ValueError as err:
        raise InputError(raw.source, str(err)) from None
    doc_id = document_id(raw.data)
    with _ANALYSIS:
        report = ingest_inputs(ledger, [raw], published=published, workers=0)
    if report.errors:
        raise report.errors[0]
    found = ledger.document(doc_id)
    if found is None:  # analysed but not stored: the ledger refused it without saying why
        raise InputError(raw.source, "the document could not be stored")
    return Written(document=found.summary, stored=report.stored > 0)
