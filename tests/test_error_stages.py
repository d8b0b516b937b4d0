"""Every failed input says at which stage it failed, and one function stores and reports for all paths."""

from __future__ import annotations

from pathlib import Path

import pytest

import onrecord
from onrecord import reader
from onrecord.errors import InputError
from onrecord.ingest import RawInput
from onrecord.ledger import Ledger
from onrecord.ledger.ingest import parse_chunk, store_record

STORY = "Mayor Ada Quill said the pier would reopen in May.\n"


def test_an_unreadable_input_fails_at_the_read_stage() -> None:
    with pytest.raises(InputError) as caught:
        onrecord.read("")
    assert caught.value.stage == "read"


def test_a_pipeline_crash_fails_at_the_analyse_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(documents, nlp=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")
        yield  # a generator, like the real one

    monkeypatch.setattr(reader, "analyse", broken)
    [result] = parse_chunk([RawInput("story.txt", STORY.encode())], "2024-03-05", nlp=object())  # type: ignore[arg-type]
    assert isinstance(result, InputError) and result.stage == "analyse"
    assert result.source == "story.txt" and "boom" in result.reason


def test_a_database_error_fails_one_document_at_the_store_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = onrecord.read(STORY, published="2024-03-05")
    with Ledger(str(tmp_path / "l.sqlite3")) as ledger:
        assert store_record(ledger, record) == 1
        assert store_record(ledger, record) is None  # already there

        def refuse(_record):  # type: ignore[no-untyped-def]
            raise OSError("disk full")

        monkeypatch.setattr(ledger, "add", refuse)
        failed = store_record(ledger, record)
    assert isinstance(failed, InputError) and failed.stage == "store"
    assert failed.reason == "could not be stored (OSError: disk full)"
