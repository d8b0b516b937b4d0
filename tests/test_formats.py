"""The input-format registry: a format registered from outside is found, listed, counted, planned and
ingested with no other module touched; one document id; no import cycle among the ingest modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from onrecord.errors import InputError
from onrecord.ingest import document_id, formats, iter_inputs, load_document
from onrecord.ingest.raw import RawInput
from onrecord.ledger import Ledger
from onrecord.ledger.ingest import count_inputs
from onrecord.scale.rows import plan_units

LINES = [
    "2016-03-14\tThe mayor said the new bridge would open in May, weeks ahead of plan.",
    "",
    "2016-03-15\t\u201cWe will not raise the fares this year,\u201d said Dana Whitcombe, the transit chief.",
]


def _tsv_pages(path: Path, source: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    """A toy format: one article a line, ``date<TAB>text``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        day, _, text = line.partition("\t")
        if len(text.encode()) > max_bytes:
            yield InputError(f"{source}:{number}", "line is over the limit")
            continue
        yield RawInput(f"{source}:{number}", text.encode("utf-8"), published=day, kind="text")


def _tsv_count(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@pytest.fixture
def tsv() -> Iterator[formats.Format]:
    fmt = formats.register(formats.Format("tsv", _tsv_pages, (".tsv",), count=_tsv_count))
    try:
        yield fmt
    finally:
        formats.unregister("tsv")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lines.tsv").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    (folder / "notes.csv").write_text("not,an,article\n", encoding="utf-8")  # no format: not listed
    return folder


def test_a_registered_format_is_read_counted_and_planned(tsv: formats.Format, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    items = list(iter_inputs([str(folder)]))
    assert [i.source for i in items] == [f"{folder / 'lines.tsv'}:1", f"{folder / 'lines.tsv'}:3"]
    assert all(isinstance(i, RawInput) and i.published for i in items)
    assert count_inputs([str(folder)]) == 2
    assert [u.path for u in plan_units([str(folder)])] == [str(folder / "lines.tsv")]
    assert ".tsv" in formats.no_files_reason()
    formats.unregister("tsv")
    assert next(iter(iter_inputs([str(folder)]))).reason == formats.no_files_reason()  # type: ignore[union-attr]


def test_ingest_picks_up_a_registered_format(tsv: formats.Format, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        report = ledger.ingest([str(folder)], workers=0)
        assert (report.stored, report.errors) == (2, [])
        published = {d.published for d in ledger.documents()}
    assert published == {"2016-03-14", "2016-03-15"}


def test_one_document_id() -> None:
    raw = RawInput("a.txt", b"The mayor said the bridge would open in May.\n")
    assert load_document(raw).id == document_id(raw.data)
    assert len(document_id(b"")) == 64


def _imports(path: Path) -> set[str]:
    """Every ``onrecord.ingest.X`` module a file imports, inside functions too."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("onrecord.ingest."):
            found.add(node.module.split(".")[2])
        elif isinstance(node, ast.ImportFrom) and node.module == "onrecord.ingest":
            found.update(a.name for a in node.names)
    return found


def test_no_import_cycle_among_the_ingest_modules() -> None:
    folder = REPO / "src" / "onrecord" / "ingest"
    graph = {p.stem: _imports(p) for p in folder.glob("*.py") if p.stem != "__init__"}
    graph = {name: {m for m in deps if m in graph} for name, deps in graph.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or reaches(nxt, goal, seen | {nxt}) for nxt in graph[start] - seen)

    assert [name for name in graph if reaches(name, name, set())] == []
