"""Errors that name one bad input, so a batch can report it and go on with the rest."""

from __future__ import annotations

from typing import Literal

#: Where an input failed: ``read`` (opening, decoding, extracting the article), ``fetch`` (the
#: network), ``analyse`` (the NLP pipeline), ``store`` (the ledger). Reports and Ray's error rows
#: group failures by it; nothing needs to parse the reason's wording.
Stage = Literal["read", "fetch", "analyse", "store"]


class InputError(Exception):
    """One input that cannot be read as an article.

    It carries the source (path, ``<stdin>`` or URL) and a reason written for the user: what is wrong and,
    where useful, what to do about it. ``str(e)`` is one line, ``"{source}: {reason}"``, so a CLI can print
    it as is and a batch can collect it next to the good results instead of stopping.
    """

    def __init__(self, source: str, reason: str, stage: Stage = "read") -> None:
        self.source = source
        self.stage: Stage = stage
        # One line whatever the caller passed, so log lines and CLI messages never break apart.
        self.reason = " ".join(reason.split())
        super().__init__(source, self.reason)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def __repr__(self) -> str:
        return f"InputError({self.source!r}, {self.reason!r}, stage={self.stage!r})"
