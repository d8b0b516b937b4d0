"""What goes wrong with a ledger in a way the user can act on: one line each, no traceback."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onrecord.ledger.rows import StoredPerson


class LedgerError(Exception):
    """A problem with the ledger the user can act on (an unknown person, a bad URL), said in one line."""


class AmbiguousName(LedgerError):
    """A name that fits several people ("Clinton"): the caller must say which, by ``#id``.

    Picking the most quoted would answer a question the user did not ask, about someone else, without
    saying so; ``candidates`` (most statements first) lets a CLI or the web list who was meant.
    """

    def __init__(self, name: str | int, candidates: Sequence[StoredPerson]) -> None:
        self.name = str(name)
        self.candidates = list(candidates)
        listed = ", ".join(f"#{p.id} {p.name}" for p in self.candidates)
        super().__init__(f"{self.name!r} could be several people ({listed}); name one by #id")
