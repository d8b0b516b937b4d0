"""CLI command groups, one module per concern; ``onrecord.cli`` calls each module's ``register``.

A command module mirrors a part of the Python API (``onrecord.Ledger``, the scorers, the judge) and
keeps its imports inside the command functions, so ``onrecord --help`` stays fast.
"""

from __future__ import annotations

import typer

from onrecord.commands import contradictions, documents, evaluate, ingest, ledger, serve


def register_all(app: typer.Typer) -> None:
    for module in (evaluate, ingest, ledger, documents, contradictions, serve):
        module.register(app)
