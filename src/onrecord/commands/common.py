"""What every command shares: plain one-line errors and the output formats."""

from __future__ import annotations

import sys
from enum import Enum


def say_error(message: str) -> None:
    """One plain line on stderr, never wrapped, so scripts and people can both read it."""
    sys.stderr.write(f"onrecord: error: {' '.join(message.split())}\n")
    sys.stderr.flush()


def say_note(message: str) -> None:
    """One plain line on stderr about an input that was read but not as fully as it might seem."""
    sys.stderr.write(f"onrecord: note: {' '.join(message.split())}\n")
    sys.stderr.flush()


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def default_format(single: bool) -> Format:
    """A table for a person at a terminal; JSON (or JSON lines for many) for a program."""
    if sys.stdout.isatty():
        return Format.table
    return Format.json if single else Format.jsonl
