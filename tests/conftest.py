"""Shared fixtures: where the outside data lives, and one loaded pipeline for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test when it is absent (failing under CI=true)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: this test reads the project's shared data (../shared)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true requires it")
        pytest.skip(reason)
    return path
