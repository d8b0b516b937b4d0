"""`onrecord contradictions` on small SQLite ledgers: pairs across articles, stored for the web pages,
and the seed's 2013-vs-2016 Trump statements."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from conftest import shared_path
from onrecord.cli import app
from onrecord.ledger import Ledger
from onrecord.ledger import schema as t

runner = CliRunner()

EARLIER = (
    "Senate Vote on the Elk River Dam Nears\n\n"
    "Senator Rosa Vidal said on Monday that she supports the new dam on the Elk River.\n\n"
    "Mayor Tom Price said on Monday that the city cannot afford the new dam on the Elk River.\n"
)
LATER = (
    "Senator Vidal Turns Against the Elk River Dam\n\n"
    "Senator Rosa Vidal said on Tuesday that she does not support the new dam on the Elk River.\n\n"
    "Mayor Tom Price said on Tuesday that the city can afford the new dam on the Elk River now.\n\n"
    'Asked whether she would vote for it, Vidal said: "Will the dam on the Elk River be built?"\n'
)


def _ingest(db: str, folder: Path, name: str, text: str, published: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    result = runner.invoke(
        app, ["ingest", str(folder / name), "--db", db, "-w", "0", "--published", published, "--no-progress"]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("articles")
    path = str(tmp_path_factory.mktemp("db") / "ledger.sqlite3")
    _ingest(path, folder / "a", "earlier.txt", EARLIER, "2015-03-11")
    _ingest(path, folder / "b", "later.txt", LATER, "2016-05-20")
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["contradictions", *args], env={"COLUMNS": "240"})
    return result.exit_code, result.stdout, result.stderr


def test_contradictions_pairs_across_articles_and_stores_them(db: str) -> None:
    code, out, err = _run("--db", db, "--no-embeddings", "-f", "json")
    assert code == 0, err
    assert "candidate pairs" in err, "the first run pairs the ledger"
    listed = json.loads(out)
    # The later article's headline reports the turn itself ("Turns Against"): listed first, no pair.
    assert [c["reported"]["cue"]["text"] for c in listed if c["kind"] == "reported"] == ["Turns Against"]
    pairs = [c for c in listed if c["kind"] != "reported"]
    vidal = [p for p in pairs if p["speaker_name"] == "Rosa Vidal"]
    assert len(vidal) == 1, pairs
    pair = vidal[0]
    assert pair["scope"] == "ledger" and pair["score"] >= 0.6
    later, earlier = pair["a"], pair["b"]
    assert "does not support" in later["content"]["text"] and "supports" in earlier["content"]["text"]
    assert later["said_on"]["start"] == "2016-05-17" and earlier["said_on"]["start"] == "2015-03-09"
    assert later["document"]["published"] == "2016-05-20"
    assert earlier["document"]["title"].startswith("Senate Vote")
    assert later["document"]["source"].endswith("later.txt")
    with Ledger(db) as ledger, ledger.engine.connect() as conn:
        for side in (later, earlier):
            text = conn.execute(
                sa.select(t.documents.c.text).where(t.documents.c.id == side["document"]["id"])
            ).scalar_one()
            (start, end), *_ = side["content"]["spans"]
            assert text[start:end] == side["content"]["text"], "spans point at the words"
        stored = ledger.contradictions(scope="ledger")
        assert any(c.a.id == int(later["id"]) and c.b.id == int(earlier["id"]) for c in stored)
    # The question is never paired, and Price's words are never held against Vidal's.
    assert all("Will the dam" not in (p["a"]["content"]["text"] + p["b"]["content"]["text"]) for p in pairs)
    for p in pairs:
        assert p["a"]["speaker"]["person"] == p["b"]["speaker"]["person"] == p["speaker"]


def test_later_runs_list_what_is_stored_and_refresh_pairs_again(db: str) -> None:
    _run("--db", db, "--no-embeddings", "-f", "json")
    code, out, err = _run("--db", db, "--no-embeddings", "-f", "json")
    assert code == 0 and "candidate pairs" not in err, "stored pairs are listed, not computed again"
    listed = json.loads(out)
    code, out, err = _run("--db", db, "--no-embeddings", "-f", "json", "--refresh")
    assert code == 0 and "candidate pairs" in err

    def sides(items: list[dict]) -> list[object]:  # type: ignore[type-arg]
        return [c["b"]["id"] if c["b"] else c["evidence"]["span"] for c in items]

    assert sides(json.loads(out)) == sides(listed)


def test_formats_speaker_and_min_score(db: str) -> None:
    code, out, _ = _run("--db", db, "--no-embeddings", "-f", "csv", "--speaker", "Rosa Vidal")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and rows[0]["speaker"] == "Rosa Vidal"
    for key in ("a_text", "a_date", "a_title", "a_source", "a_published", "a_spans", "b_text", "explanation"):
        assert key in rows[0]
    code, out, _ = _run("--db", db, "-f", "table", "--speaker", "Vidal")
    assert code == 0 and "Rosa Vidal" in out and "Senate Vote" in out
    code, out, _ = _run("--db", db, "-f", "jsonl", "--min-score", "1.0")
    assert code == 0 and all(json.loads(line)["score"] >= 1.0 for line in out.splitlines())
    code, _, err = _run("--db", db, "--speaker", "Nobody At All")
    assert code == 1 and "no person called 'Nobody At All'" in err
    empty = runner.invoke(app, ["contradictions", "--db", db, "-f", "csv", "--min-score", "1.0"])
    assert empty.stdout.startswith("kind,id,wording,score")


REVERSAL = (
    "Vidal Changes Course on the Dam\n\n"
    "Senator Rosa Vidal later walked back her support for the new dam on the Elk River.\n"
)


@pytest.fixture(scope="module")
def reported_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two articles above and a third in which the paper itself reports Vidal's reversal."""
    folder = tmp_path_factory.mktemp("reported")
    path = str(tmp_path_factory.mktemp("db") / "reported.sqlite3")
    _ingest(path, folder / "a", "earlier.txt", EARLIER, "2015-03-11")
    _ingest(path, folder / "b", "later.txt", LATER, "2016-05-20")
    _ingest(path, folder / "c", "reversal.txt", REVERSAL, "2016-06-01")
    return path


def test_reported_reversals_come_first_worded_as_reported_then_possible_pairs(reported_db: str) -> None:
    """Issue 15: the article's own report of a reversal is listed before any pair, with its evidence;
    pairs are worded "possible contradiction"; --kind, --since and --until filter both."""
    code, out, err = _run("--db", reported_db, "--no-embeddings", "-f", "json")
    assert code == 0, err
    listed = json.loads(out)
    kinds = [c["kind"] for c in listed]
    assert (
        kinds[0] == "reported"
        and "reported" not in kinds[kinds.index(next(k for k in kinds if k != "reported")) :]
    )
    reported = [c for c in listed if c["kind"] == "reported"]
    assert [c["reported"]["cue"]["text"] for c in reported] == [
        "walked back",
        "Turns Against",
    ]  # newest first
    first = listed[0]
    assert first["wording"] == "reported reversal" and first["speaker_name"] == "Rosa Vidal"
    assert first["a"] is None and first["b"] is None
    assert first["evidence"]["text"].startswith("Senator Rosa Vidal later walked back")
    assert first["reported"]["cue"]["text"] == "walked back" and first["score"] == 0.8
    assert first["document"]["published"] == "2016-06-01"
    pairs = [c for c in listed if c["kind"] != "reported"]
    assert pairs and all(c["wording"] == "possible contradiction" for c in pairs)

    def kinds_of(*args: str) -> list[str]:
        code, out, err = _run("--db", reported_db, "-f", "json", *args)
        assert code == 0, err
        return [c["kind"] for c in json.loads(out)]

    assert kinds_of("--kind", "reported") == ["reported", "reported"]
    assert "reported" not in kinds_of("--kind", "pair") and len(kinds_of("--kind", "pair")) == len(pairs)
    assert kinds_of("--until", "2016-05-31").count("reported") == 1  # the headline of 20 May only
    assert kinds_of("--since", "2016-06-01", "--speaker", "Vidal") == ["reported"]
    code, _, err = _run("--db", reported_db, "--since", "June")
    assert code == 2 and "not a day" in err

    code, out, _ = _run("--db", reported_db, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["kind"] == "reported" and rows[0]["wording"] == "reported reversal"
    assert rows[0]["evidence"] == first["evidence"]["text"] and rows[0]["cue"] == "walked back"
    assert rows[-1]["wording"] == "possible contradiction" and rows[-1]["a_text"] and not rows[-1]["evidence"]
    code, out, _ = _run("--db", reported_db, "-f", "table")
    assert code == 0 and "reported reversal" in out and "possible contradiction" in out


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["contradictions", "--help"])
    assert result.exit_code == 0 and "onrecord contradictions --db" in result.stdout


@pytest.mark.shared
def test_seed_trump_2013_against_2016(tmp_path: Path) -> None:
    """The seed in a fresh ledger: Trump's 2013 "I do have a relationship" against his 2016 "has never
    met Putin" is listed, and the ledger's own pairing finds it (not only the in-article rule)."""
    seed = shared_path("corpus", "seed", "nbc-2016-trump-putin-moscow.txt")
    db = str(tmp_path / "seed.sqlite3")
    ingest = runner.invoke(app, ["ingest", str(seed), "--db", db, "-w", "0", "--published", "2016-07-28"])
    assert ingest.exit_code == 0, ingest.output
    code, out, err = _run("--db", db, "-f", "json", "--speaker", "Donald Trump")
    assert code == 0, err

    def is_seed_pair(a_text: str, b_text: str) -> bool:
        return "never met" in a_text and "I do have a relationship" in b_text

    pairs = [p for p in json.loads(out) if p["kind"] != "reported"]
    hit = [p for p in pairs if is_seed_pair(p["a"]["content"]["text"], p["b"]["content"]["text"])]
    assert hit, pairs
    assert (
        hit[0]["a"]["said_on"]["start"].startswith("2016") and hit[0]["b"]["said_on"]["start"] == "2013-01-01"
    )
    assert hit[0]["speaker_name"] == "Donald Trump"

    from onrecord.contradictions import ledger_pairs

    with Ledger(db) as ledger:
        for embeddings in (False, True):
            found = ledger_pairs.pair_ledger(ledger, embeddings=embeddings, save=False).found
            assert any(is_seed_pair(f.a.text, f.b.text) for f in found), embeddings


def _wire_copy(outlet: str) -> str:
    return (
        f"{outlet}: Ortiz Promises to Save Riverside Park\n\n"
        'Mayor Helen Ortiz spoke at a rally on Saturday. "We will never sell the park," Ortiz said.\n'
    )


def test_one_quote_in_three_articles_is_one_pair_with_three_sources(tmp_path: Path) -> None:
    """Three outlets carry the mayor's 2021 promise word for word; in 2024 she says the opposite. The
    repeats fold into one claim: one pair, listing the three articles as the earlier side's sources."""
    db = str(tmp_path / "wire.sqlite3")
    for n, (outlet, day) in enumerate((("Daily Star", "12"), ("City Wire", "13"), ("Bay News", "15"))):
        _ingest(db, tmp_path / f"w{n}", f"copy{n}.txt", _wire_copy(outlet), f"2021-06-{day}")
    later = (
        "Ortiz Puts Riverside Park Up for Sale\n\n"
        'Mayor Helen Ortiz addressed the council on Monday. "The park must be sold," Ortiz said.\n'
    )
    _ingest(db, tmp_path / "later", "later.txt", later, "2024-03-14")

    from onrecord.contradictions import ledger_pairs

    with Ledger(db) as ledger:
        result = ledger_pairs.pair_ledger(ledger, embeddings=False, save=False)
    assert result.stats.folded >= 2  # the headline's own claim is carried three times too
    assert len(result.found) == 1, result.found
    found = result.found[0]
    assert "must be sold" in found.a.text and "never sell" in found.b.text
    sources = found.sources()
    assert len(sources["a"]) == 1 and len(sources["b"]) == 3
    assert sorted(s["title"][:9] for s in sources["b"]) == ["Bay News:", "City Wire", "Daily Sta"]

    code, out, err = _run("--db", db, "--no-embeddings", "-f", "json")
    assert code == 0, err
    pairs = [p for p in json.loads(out) if p["scope"] == "ledger"]
    assert len(pairs) == 1, pairs
    assert len(pairs[0]["sources"]["b"]) == 3 and len(pairs[0]["sources"]["a"]) == 1
    assert {s["document_id"] for s in pairs[0]["sources"]["b"]} >= {pairs[0]["b"]["document"]["id"]}
    code, out, _ = _run("--db", db, "-f", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["scope"] == "ledger")
    assert len(json.loads(row["b_sources"])) == 3
