"""onrecord: who said what, when, and on whose authority.

The public Python API mirrors the CLI: ``read`` is ``onrecord read`` for one article, ``read_all`` for
many; both return the typed objects of ``onrecord.model``.
"""

# First, before the slow imports below: an ingest worker ties its life to its parent's (issue 14).
import onrecord._spawn_guard  # noqa: F401, I001

from typing import TYPE_CHECKING, Any

from onrecord.errors import InputError
from onrecord.model import (
    ALL_CUE_CLASSES,
    Contradiction,
    Document,
    Person,
    Record,
    SaidOn,
    Speaker,
    Statement,
)

__all__ = [
    "ALL_CUE_CLASSES",
    "DEFAULT_MODEL",
    "Contradiction",
    "Document",
    "InputError",
    "Ledger",
    "Person",
    "Record",
    "SaidOn",
    "Speaker",
    "Statement",
    "read",
    "read_all",
]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from onrecord.ledger import Ledger
    from onrecord.reader import read, read_all
    from onrecord.resources import DEFAULT_MODEL


def __getattr__(name: str) -> Any:
    """``read``, ``read_all`` and ``Ledger`` are imported on first use: ``read`` never pays for
    SQLAlchemy, and ``onrecord --help`` or a ledger query never pays for spaCy."""
    if name == "DEFAULT_MODEL":  # the shipped attribution model; ``model=None`` turns it off
        from onrecord.resources import DEFAULT_MODEL

        return DEFAULT_MODEL
    if name in {"read", "read_all"}:
        from onrecord import reader

        return getattr(reader, name)
    if name == "Ledger":
        from onrecord.ledger import Ledger

        return Ledger
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
