"""The stored ledger: every statement of every article ingested, with its people, dates and sources.

``Ledger`` is the Python API (``onrecord ingest`` and the query commands call it); ``schema`` holds the
tables and ``migrations`` the Alembic scripts applied when a ledger is opened; ``ingest`` fills it with
worker processes; ``identity`` decides which stored person a name is (rules in ``onrecord.people``).
"""

from onrecord.ledger.engine import default_path, resolve_url
from onrecord.ledger.errors import AmbiguousName, LedgerError
from onrecord.ledger.ingest import IngestReport
from onrecord.ledger.rows import (
    DocumentDetail,
    DocumentPerson,
    DocumentRef,
    StoredContradiction,
    StoredCorrection,
    StoredDocument,
    StoredPerson,
    StoredReversal,
    StoredStatement,
)
from onrecord.ledger.store import Ledger

__all__ = [
    "AmbiguousName",
    "DocumentDetail",
    "DocumentPerson",
    "DocumentRef",
    "IngestReport",
    "Ledger",
    "LedgerError",
    "StoredContradiction",
    "StoredCorrection",
    "StoredDocument",
    "StoredPerson",
    "StoredReversal",
    "StoredStatement",
    "default_path",
    "resolve_url",
]
