"""`onrecord` commands for this concern (registered by `onrecord.commands.register_all`)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app (none yet)."""
