"""The ledger's commands: ingest, statements, timeline, search, people (merge, split), export, --help."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from test_ledger_support import write_articles

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("in")
    write_articles(folder, 5)
    (folder / "empty.txt").write_text("")
    path = str(tmp_path_factory.mktemp("db") / "ledger.sqlite3")
    result = runner.invoke(
        app, ["ingest", str(folder), "--db", path, "--workers", "0", "--published", "2016-03-14"]
    )
    assert result.exit_code == 1  # the empty file is an error; the others are stored
    assert result.stderr.count("onrecord: error:") == 1 and "empty.txt" in result.stderr
    assert "stored 5 documents (15 statements)" in result.stderr
    return path


def test_statements_jsonl_rows_follow_the_output_contract(db: str) -> None:
    result = runner.invoke(app, ["statements", "--db", db, "--speaker", "Ana Ruiz", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["speaker"]["text"] == "Ana Ruiz" for r in rows)
    for key in ("id", "kind", "content", "cue", "speaker", "said_on", "confidence", "document"):
        assert key in rows[0]
    assert rows[0]["document"]["published"] == "2016-03-14"
    anonymous = runner.invoke(app, ["statements", "--db", db, "--anonymous", "-f", "json"])
    assert len(json.loads(anonymous.stdout)) == 5
    bad = runner.invoke(app, ["statements", "--db", db, "--since", "yesterday"])
    assert bad.exit_code == 2 and "not a date" in bad.stderr


def test_timeline_search_people_and_export(db: str, tmp_path: Path) -> None:
    table = runner.invoke(app, ["timeline", "Ana Ruiz", "--db", db, "--format", "table"])
    assert table.exit_code == 0 and "Ana Ruiz" in table.stdout and "statements" in table.stdout
    missing = runner.invoke(app, ["timeline", "Nobody", "--db", db])
    assert missing.exit_code == 1 and "no person called 'Nobody'" in missing.stderr
    found = runner.invoke(app, ["search", "crowds", "--db", db, "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(found.stdout)))
    assert len(rows) == 5 and all("crowds" in r["content_text"] for r in rows)
    people = runner.invoke(app, ["people", "--db", db, "-f", "json"])
    names = {p["name"]: p for p in json.loads(people.stdout)}
    assert names["Ana Ruiz"]["statements"] >= 2
    out = tmp_path / "all.csv"
    exported = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--out", str(out)])
    assert exported.exit_code == 0 and len(out.read_text().splitlines()) == 16
    no_file = runner.invoke(app, ["export", "--db", db, "--format", "parquet"])
    assert no_file.exit_code == 1 and "--out" in no_file.stderr


def test_offset_pages_through_the_same_list(db: str) -> None:
    def ids(*args: str) -> list[int]:
        result = runner.invoke(app, [*args, "--db", db, "-f", "jsonl"])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["id"] for line in result.stdout.splitlines()]

    every = ids("statements")
    assert len(every) == 15
    pages = [ids("statements", "--limit", "4", "--offset", str(k)) for k in range(0, 16, 4)]
    assert [i for page in pages for i in page] == every
    found = ids("search", "crowds")
    assert ids("search", "crowds", "--limit", "2", "--offset", "2") == found[2:4]
    assert ids("timeline", "Ana Ruiz", "--offset", "1") == ids("timeline", "Ana Ruiz")[1:]


def test_people_merge_and_split_commands(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A\n\nBill Clinton said on Monday that farmers need help.\n")
    (folder / "b.txt").write_text("B\n\nWilliam Clinton said on Monday that the deficit fell.\n")
    db = str(tmp_path / "l.sqlite3")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "-w", "0"]).exit_code == 0
    merged = runner.invoke(
        app, ["people", "merge", "Bill Clinton", "William Clinton", "--db", db, "-f", "json"]
    )
    assert merged.exit_code == 0, merged.output
    assert json.loads(merged.stdout)[0]["statements"] == 2
    split = runner.invoke(
        app, ["people", "split", "Bill Clinton", "--alias", "William Clinton", "--db", db, "-f", "json"]
    )
    assert split.exit_code == 0, split.output
    assert json.loads(split.stdout)[0]["name"] == "William Clinton"


@pytest.mark.parametrize(
    "command",
    [["ingest"], ["statements"], ["timeline"], ["search"], ["export"], ["people"], ["people", "merge"]],
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["statements"],
        ["timeline", "Ana Ruiz"],
        ["search", "budget"],
        ["people"],
        ["contradictions"],
        ["export", "-o", "out.csv"],
    ],
)
def test_read_commands_refuse_a_ledger_that_does_not_exist_and_create_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "typo" / "ledger.sqlite3"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "no ledger at" in lines[0] and "onrecord ingest" in lines[0], lines
    assert not missing.parent.exists()


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"onrecord {version('onrecord')}"


def test_the_command_line_loads_without_spacy_until_a_command_needs_it() -> None:
    """`onrecord --help` answers at once: importing the CLI must not import spaCy (about 3 s)."""
    import subprocess
    import sys

    code = "import sys, onrecord.cli; print('spacy' in sys.modules, 'sqlalchemy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"], done.stdout


def _one_error(result) -> str:  # type: ignore[no-untyped-def]
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("onrecord: error:"), lines
    return lines[0]


def test_statements_of_nobody_is_an_error_as_in_timeline(db: str) -> None:
    for command in (["statements", "--speaker", "Nobody"], ["timeline", "Nobody"]):
        result = runner.invoke(app, [*command, "--db", db])
        assert result.exit_code == 1
        assert "no person called 'Nobody'" in _one_error(result)


def test_since_after_until_is_an_error(db: str) -> None:
    result = runner.invoke(app, ["statements", "--since", "2016-05-01", "--until", "2016-01-01", "--db", db])
    assert result.exit_code == 2
    assert "is after --until" in _one_error(result)


def test_export_into_a_missing_folder_is_one_line(db: str, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "dir" / "x.csv"
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(target), "--db", db])
    assert result.exit_code == 2
    assert "folder does not exist" in _one_error(result)
    assert not target.parent.exists()


# ------------------------------------------------------------------ names, dates, shapes (issue 16)


NAMES = (
    "Farm bill\n\nBill Clinton said in March 2021 that farmers need help. Hillary Clinton said last week "
    "that the bridge will open. Otis Brandvold said in 2019 that the library is closing.\n"
)


@pytest.fixture(scope="module")
def names_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two people who share a surname, one with a surname of his own, and dates of three precisions."""
    folder = tmp_path_factory.mktemp("names")
    (folder / "a.txt").write_text(NAMES)
    path = str(tmp_path_factory.mktemp("db") / "names.sqlite3")
    result = runner.invoke(app, ["ingest", str(folder), "--db", path, "-w", "0", "--published", "2024-06-14"])
    assert result.exit_code == 0, result.output
    return path


def test_a_surname_or_first_name_finds_the_one_person_it_names(names_db: str) -> None:
    for command in (
        ["statements", "--speaker", "Brandvold"],
        ["timeline", "Brandvold"],
        ["timeline", "Otis"],
    ):
        result = runner.invoke(app, [*command, "--db", names_db, "-f", "json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        assert [r["speaker"]["text"] for r in rows] == ["Otis Brandvold"], command


def test_an_ambiguous_name_lists_the_candidates_and_fails(names_db: str) -> None:
    for command in (["statements", "--speaker", "Clinton"], ["timeline", "Clinton"]):
        result = runner.invoke(app, [*command, "--db", names_db, "-f", "json"])
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert "could be several people" in result.stderr
        listed = re.findall(r"^  #(\d+)  (.+?)  \(", result.stderr, re.M)
        assert sorted(name for _, name in listed) == ["Bill Clinton", "Hillary Clinton"]
    chosen = runner.invoke(app, ["timeline", f"#{listed[0][0]}", "--db", names_db, "-f", "json"])
    assert chosen.exit_code == 0 and len(json.loads(chosen.stdout)) == 1


def test_dates_print_at_their_precision(names_db: str) -> None:
    result = runner.invoke(app, ["statements", "--db", names_db, "-f", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for shown in ("2021-03 ", "week of 2024-06-03", "2019 "):
        assert shown in result.stdout, result.stdout
    assert "2021-03-01" not in result.stdout and "2019-01-01" not in result.stdout


def test_flags_show_as_flags_in_help() -> None:
    for command in (["statements"], ["read"], ["contradictions"], []):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "--help" in result.stdout
        assert "<bool>" not in result.stdout, command


def test_search_takes_speaker_since_until_and_the_query_syntax(db: str) -> None:
    def found(*args: str) -> list[dict]:
        result = runner.invoke(app, ["search", *args, "--db", db, "-f", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert len(found("crowd*")) == 5
    assert {r["speaker"]["text"] for r in found("crowds", "--speaker", "Ruiz")} == {"Ana Ruiz"}
    assert len(found("librar* OR bridge")) == 2
    assert found("crowds", "--since", "2016-03-15") == []
    assert len(found("crowds", "--until", "2016-03-14")) == 5
    bad = runner.invoke(
        app, ["search", "crowds", "--since", "2016-05-01", "--until", "2016-01-01", "--db", db]
    )
    assert bad.exit_code == 2 and "is after --until" in bad.stderr


# ------------------------------------------------------------------------- the CLI mirrors the API


def test_documents_statement_and_statements_of_one_document(db: str) -> None:
    listed = runner.invoke(app, ["documents", "--db", db, "-f", "json"])
    assert listed.exit_code == 0, listed.output
    docs = json.loads(listed.stdout)
    assert len(docs) == 5 and all(d["statements"] == 3 for d in docs)
    one = runner.invoke(app, ["statements", "--document", docs[0]["id"][:8], "--db", db, "-f", "json"])
    rows = json.loads(one.stdout)
    assert len(rows) == 3 and {r["document"]["id"] for r in rows} == {docs[0]["id"]}
    shown = runner.invoke(app, ["statement", rows[0]["id"], "--db", db, "-f", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout) == rows[0]
    missing = runner.invoke(app, ["statement", "999999", "--db", db])
    assert missing.exit_code == 1 and "no statement #999999" in _one_error(missing)
    unknown = runner.invoke(app, ["statements", "--document", "ffffffffff", "--db", db])
    assert unknown.exit_code == 1 and "no document" in _one_error(unknown)


def test_stored_and_freshly_read_statements_have_the_same_shape(db: str, tmp_path: Path) -> None:
    from test_ledger_support import article

    (tmp_path / "a.txt").write_text(article(0))
    read = runner.invoke(app, ["read", str(tmp_path / "a.txt"), "--published", "2016-03-14", "-f", "json"])
    fresh = json.loads(read.stdout)["statements"]
    stored = json.loads(runner.invoke(app, ["timeline", "Ana Ruiz", "--db", db, "-f", "json"]).stdout)
    named = [s for s in fresh if s["speaker"] and s["speaker"]["text"] == "Ana Ruiz"]
    assert named and stored
    assert set(named[0]) <= set(stored[0]) and set(named[0]["speaker"]) == set(stored[0]["speaker"])
    assert stored[0]["speaker"]["text"] == named[0]["speaker"]["text"] == "Ana Ruiz"


def test_delete_a_document_and_list_merges(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A\n\nBill Clinton said on Monday that farmers need help.\n")
    (folder / "b.txt").write_text("B\n\nWilliam Clinton said on Monday that the deficit fell.\n")
    (folder / "c.txt").write_text("C\n\nMayor Ana Ruiz said on Monday that the library will reopen.\n")
    db = str(tmp_path / "l.sqlite3")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "-w", "0"]).exit_code == 0
    empty = runner.invoke(app, ["people", "merges", "--db", db, "-f", "json"])
    assert json.loads(empty.stdout) == [] and "no merges or splits in ledger sqlite:///" in empty.stderr
    assert (
        runner.invoke(app, ["people", "merge", "Bill Clinton", "William Clinton", "--db", db]).exit_code == 0
    )
    log = json.loads(runner.invoke(app, ["people", "merges", "--db", db, "-f", "json"]).stdout)
    assert [(c["action"], c["person_name"], c["other_name"]) for c in log] == [
        ("merge", "Bill Clinton", "William Clinton")
    ]

    docs = json.loads(runner.invoke(app, ["documents", "--db", db, "-f", "json"]).stdout)
    ruiz = next(d for d in docs if d["source"].endswith("c.txt"))
    gone = runner.invoke(app, ["documents", "delete", ruiz["id"][:10], "--db", db])
    assert gone.exit_code == 0 and "deleted document" in gone.stderr
    assert len(json.loads(runner.invoke(app, ["documents", "--db", db, "-f", "json"]).stdout)) == 2
    assert runner.invoke(app, ["search", "library", "--db", db, "-f", "json"]).stdout.strip() == "[]"
    names = {p["name"] for p in json.loads(runner.invoke(app, ["people", "--db", db, "-f", "json"]).stdout)}
    assert names == {"Bill Clinton"}
    again = runner.invoke(app, ["documents", "delete", ruiz["id"], "--db", db])
    assert again.exit_code == 1 and "no document" in _one_error(again)


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["statements", "--anonymous", "--since", "2030-01-01"], "statements"),
        (["search", "zeppelin"], "statements"),
        (["people", "--name", "#999"], "people"),
        (["documents", "--contains", "zeppelin"], "documents"),
        (["contradictions"], "contradictions"),
    ],
)
def test_an_empty_answer_names_the_ledger(db: str, command: list[str], what: str) -> None:
    result = runner.invoke(app, [*command, "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert f"no {what} in ledger sqlite:///{Path(db).resolve()}" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["documents"],
        ["documents", "delete"],
        ["statement"],
        ["people", "merges"],
        ["people", "split"],
        ["people", "undo"],
    ],
)
def test_new_commands_have_help_with_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout and "--db" in result.stdout


def test_people_merges_lists_the_log_and_undo_reverses_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A\n\nBill Clinton said on Monday that farmers need help.\n")
    (folder / "b.txt").write_text("B\n\nWilliam Clinton said on Monday that the deficit fell.\n")
    db = str(tmp_path / "l.sqlite3")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "-w", "0"]).exit_code == 0
    people = json.loads(runner.invoke(app, ["people", "--db", db, "-f", "json"]).stdout)
    merged = runner.invoke(app, ["people", "merge", "Bill Clinton", "William Clinton", "--db", db])
    assert merged.exit_code == 0 and "logged as correction #1 (`onrecord people undo 1`)" in merged.stderr
    split = runner.invoke(app, ["people", "split", "Bill Clinton", "-a", "William Clinton", "--db", db])
    assert split.exit_code == 0 and "correction #2" in split.stderr

    log = json.loads(runner.invoke(app, ["people", "merges", "--db", db, "-f", "json"]).stdout)
    assert [(c["id"], c["action"], c["undone_at"]) for c in log] == [
        ("2", "split", None),
        ("1", "merge", None),
    ]
    assert log[1]["moved"]["statements"] == 1 and log[0]["other_name"] == "William Clinton"
    table = runner.invoke(app, ["people", "merges", "--db", db, "-f", "csv"]).stdout
    assert table.splitlines()[0] == "id,action,person,person_name,other,other_name,moved,created_at,undone_at"

    refused = runner.invoke(app, ["people", "undo", "1", "--db", db])
    assert refused.exit_code == 1 and "undo #2 first" in _one_error(refused)
    for correction in ("2", "1"):
        done = runner.invoke(app, ["people", "undo", correction, "--db", db, "-f", "json"])
        assert done.exit_code == 0, done.output
        assert "onrecord: undid" in done.stderr and f"#{correction}" in done.stderr
    assert json.loads(runner.invoke(app, ["people", "--db", db, "-f", "json"]).stdout) == people
    log = json.loads(runner.invoke(app, ["people", "merges", "--db", db, "-f", "json"]).stdout)
    assert all(c["undone_at"] for c in log)
    again = runner.invoke(app, ["people", "undo", "1", "--db", db])
    assert again.exit_code == 1 and "was undone already" in _one_error(again)
    missing = runner.invoke(app, ["people", "undo", "99", "--db", db])
    assert missing.exit_code == 1 and "no correction #99" in _one_error(missing)


UNRESOLVED_AND_CALLED_BACK = """Council Delays Vote On Harbor Plan

The city council delayed its vote on the harbor plan on Tuesday.

"We will not be rushed," he said.

A source close to the mayor said the budget was late. The source said the council had not been told.
"""


def test_a_stored_speaker_is_the_speaker_read_field_by_field(tmp_path: Path) -> None:
    """``speaker.unresolved`` and ``speaker.antecedent`` survive the ledger: ``statements -f json`` gives
    the object ``read -f json`` gives, but for ``person``, which is the ledger's id (null for both here)."""
    path = tmp_path / "harbor.txt"
    path.write_text(UNRESOLVED_AND_CALLED_BACK)
    db = str(tmp_path / "l.sqlite3")
    read = runner.invoke(app, ["read", str(path), "--published", "2024-05-07", "-f", "json"])
    fresh = {s["id"]: s["speaker"] for s in json.loads(read.stdout)["statements"]}
    assert (
        runner.invoke(
            app, ["ingest", str(path), "--db", db, "-w", "0", "--published", "2024-05-07"]
        ).exit_code
        == 0
    )
    stored = {
        s["local_id"]: s["speaker"]
        for s in json.loads(runner.invoke(app, ["statements", "--db", db, "-f", "json"]).stdout)
    }
    assert stored.keys() == fresh.keys()
    assert any(s.get("unresolved") for s in fresh.values())
    assert any(s.get("antecedent") for s in fresh.values())
    for local, speaker in fresh.items():
        assert list(stored[local]) == list(speaker), local
        for field, value in speaker.items():
            assert stored[local][field] == value, (local, field)
