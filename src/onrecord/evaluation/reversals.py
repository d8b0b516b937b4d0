"""Score reported reversals against the hand-marked PolNeAR train set (issue 15).

The set (``tests/data/reversals/polnear-train.json``, made blind: see its GUIDE.md) lists every sentence
of PolNeAR train in which the article says that someone reversed their own position, found by reading
about 1,700 candidate sentences picked with a broad cue list, plus hard negatives and a borderline list.
A predicted reversal is right when its evidence overlaps a positive sentence of the same article; one
that overlaps only a borderline sentence is not counted either way; any other is wrong. The articles
are split in two halves by a hash of their names: "dev" was looked at while the rules were written,
"test" was held out until its first (blind) run, and the figures are given for each.

A second set, ``heldout.json``, was marked the same way on other articles (PolNeAR dev and BBC politics)
after the rules were written; its file ids are paths under ``../shared/data`` ("bbc/politics/001").
A third, ``bbc-other.json`` (BBC business, tech, entertainment and sport), was marked blind later still;
a set names the corpora it was searched over in its ``corpora`` key (default: the held-out set's).
A fourth, ``reuters.json`` (Reuters-21578, 1987 newswire; ids "reuters21578/NEWID", offsets into the
record's stripped body), was marked blind in the fifth session; its positives are complete only for
the sentences its maker read, so it is scored on the articles it marks (``--annotated``).
A fifth, ``liar2.json`` (LIAR2's PolitiFact fact-checks: the claim, a blank line, the summary; ids
"liar2/SPLIT/ID"), was marked blind in the fifteenth session.

    python -m onrecord.evaluation.reversals                       # every PolNeAR train article (2 min)
    python -m onrecord.evaluation.reversals --annotated -v        # only articles with a marked sentence
    python -m onrecord.evaluation.reversals --set tests/data/reversals/heldout.json
    python -m onrecord.evaluation.reversals --set tests/data/reversals/bbc-other.json
    python -m onrecord.evaluation.reversals --set tests/data/reversals/reuters.json --annotated
    python -m onrecord.evaluation.reversals --set tests/data/reversals/liar2.json
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from onrecord.evaluation.polnear import read_metadata
from onrecord.ingest.corpora import reuters_date, reuters_stories
from onrecord.model import Document

SET = Path(__file__).parents[3] / "tests" / "data" / "reversals" / "polnear-train.json"
DATA = Path(__file__).parents[3].parent / "shared" / "data"
TRAIN = DATA / "polnear" / "train"
#: Where the articles of a set whose ids are paths under DATA come from (every file is read).
HELDOUT_CORPORA = ("polnear/dev/text", "bbc/politics")
REUTERS = "reuters21578/"
LIAR2 = "liar2/"


def half(name: str) -> str:
    """ "dev" or "test", fixed by the article's name."""
    return "dev" if int(hashlib.sha1(name.encode()).hexdigest()[0], 16) < 8 else "test"


@dataclass
class Found:
    """One predicted reversal, reduced to what is scored."""

    file: str
    span: tuple[int, int]
    holder: str
    text: str


@dataclass
class Tally:
    predicted: int = 0
    right: int = 0
    ignored: int = 0
    positives: int = 0
    recalled: int = 0
    holders_right: int = 0
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        counted = self.predicted - self.ignored
        return {
            "precision": round(self.right / counted, 3) if counted else 0.0,
            "recall": round(self.recalled / self.positives, 3) if self.positives else 0.0,
            "holder": round(self.holders_right / self.recalled, 3) if self.recalled else 0.0,
            "predicted": counted,
            "positives": self.positives,
        }


def overlap(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two character spans share a character: how a find is matched to a marked sentence."""
    return a[0] < b[1] and b[0] < a[1]


def holder_right(gold: str, predicted: str) -> bool:
    """The gold holder's last word is in the predicted holder's words, or the predicted words are all
    in the gold holder's. A gold holder may add another name for the same holder in parentheses
    ("Philippines (Manila)", "Greek government (Prime Minister Andreas Papandreou)"): a capitalised
    prediction of exactly what the parentheses hold counts as well. They also hold roles, notes and
    lists ("Terry Sanford (Senator, North Carolina)", "(first name not in article)"), so only the
    whole of it counts: "the senator" or "North Carolina" is not Terry Sanford; "Manila" is the
    Philippines as the story names its government."""
    said = _name_words(predicted)
    main, _, rest = gold.partition("(")
    words = _name_words(main)
    last = _name_words(main.split()[-1]) if main.split() else set()
    if (last and last <= said) or (said and said <= words):
        return True
    other = _name_words(rest.rstrip(")"))
    return bool(other) and any(ch.isupper() for ch in predicted) and said - _DETERMINERS == other


_DETERMINERS = {"the", "a", "an"}


def _name_words(text: str) -> set[str]:
    """A name's words, lower-cased, without a possessive ending or a final stop ("Trump's" is "trump",
    "Sen." is "sen")."""
    return {re.sub(r"(['’]s|\.)$", "", w) for w in re.findall(r"[\w'’.-]+", text.lower())} - {""}


def path_of(train: Path, name: str) -> Path:
    """A set's file id as a path: a bare PolNeAR train name, or a path under the data folder."""
    if "/" not in name:
        return train / "text" / f"{name}.txt"
    data = train.parents[1]
    if name.startswith("polnear/"):  # "polnear/dev/NAME": PolNeAR keeps its texts in a text/ folder
        _, split, stem = name.split("/", 2)
        return data / "polnear" / split / "text" / f"{stem}.txt"
    return data / f"{name}.txt"


def reuters_document(name: str, record: dict[str, Any]) -> Document:
    """The record's body as the set was marked on (stripped), its hard line wraps read as spaces: the
    same length, so the set's offsets hold, and the parser sees sentences rather than wrapped lines."""
    text = re.sub(r"(?<=\S)\n(?=\S)", " ", str(record["body"]).strip())
    return Document(id=name, source=name, text=text, published=reuters_date(record.get("date")))


@lru_cache(maxsize=1)
def liar2_records(folder: Path) -> dict[str, dict[str, str]]:
    """LIAR2's fact-checks by set id ("liar2/test/21750"), from its test and valid splits (read once:
    both the list of names and the documents need them)."""
    records: dict[str, dict[str, str]] = {}
    for split in ("test", "valid"):
        with (folder / f"{split}.csv").open(encoding="utf-8", newline="") as f:
            records.update((f"{LIAR2}{split}/{row['id']}", row) for row in csv.DictReader(f))
    return records


def liar2_document(name: str, row: dict[str, str]) -> Document:
    """A fact-check as the set was marked on: the claim, a blank line, then PolitiFact's summary (with
    the gaps its removed links left), dated by when the claim was made (LIAR2 keeps no date of the
    summary, so a relative date in it is read from the claim's day)."""
    text = row["statement"].strip() + "\n\n" + row["justification"].strip()
    try:
        published: str | None = dt.datetime.strptime(row["date"].strip(), "%B %d, %Y").date().isoformat()
    except ValueError:
        published = None
    return Document(id=name, source=name, text=text, published=published)


def documents(train: Path, names: Sequence[str]) -> Iterator[Document]:
    meta = read_metadata(train)
    reuters = (
        reuters_stories(train.parents[1] / "reuters21578")
        if any(n.startswith(REUTERS) for n in names)
        else {}
    )
    liar2 = liar2_records(train.parents[1] / "liar2") if any(n.startswith(LIAR2) for n in names) else {}
    for name in names:
        if name.startswith(REUTERS):
            yield reuters_document(name, reuters[name.removeprefix(REUTERS)])
            continue
        if name.startswith(LIAR2):
            yield liar2_document(name, liar2[name])
            continue
        row = meta.get(name.rsplit("/", 1)[-1], {}) if "bbc/" not in name else {}
        # one BBC file is not valid UTF-8: read it as the sets were searched, bad bytes replaced
        text = path_of(train, name).read_text(encoding="utf-8", errors="replace")
        yield Document(id=name, source=name, text=text, published=row.get("publication_date") or None)


def all_names(train: Path, heldout: bool, corpora: Sequence[str] = HELDOUT_CORPORA) -> list[str]:
    """Every article a set was searched over: PolNeAR train, or the corpora named (folders under the
    data folder; PolNeAR's with their text/ part)."""
    if not heldout:
        return sorted(p.stem for p in (train / "text").glob("*.txt"))
    names = []
    for corpus in corpora:
        if corpus == REUTERS.rstrip("/"):
            names += [f"{REUTERS}{newid}" for newid in reuters_stories(train.parents[1] / "reuters21578")]
            continue
        if corpus == LIAR2.rstrip("/"):
            names += list(liar2_records(train.parents[1] / "liar2"))
            continue
        prefix = corpus.removesuffix("/text")
        names += [f"{prefix}/{p.stem}" for p in sorted((train.parents[1] / corpus).glob("*.txt"))]
    return names


def set_names(train: Path, gold: dict[str, Any], annotated: bool) -> list[str]:
    """The articles a set is scored on: those it marks (``annotated``), or all it was searched over."""
    if annotated:
        return sorted(
            {x["file"] for key in ("positives", "negatives", "borderline") for x in gold.get(key, [])}
        )
    heldout = any("/" in p["file"] for p in gold["positives"])
    return all_names(train, heldout, gold.get("corpora", HELDOUT_CORPORA))


def predict(train: Path, names: Sequence[str]) -> list[Found]:
    from onrecord import nlp as nlp_module
    from onrecord.reader import analyse

    pipeline = nlp_module.load()
    found: list[Found] = []
    for name, record in zip(names, analyse(documents(train, names), pipeline), strict=True):
        for c in record.contradictions:
            if c.kind == "reported" and c.evidence is not None and c.reported is not None:
                people = {p.id: p.name for p in record.people}
                holder = people.get(c.speaker or "", c.reported["holder"]["text"])
                found.append(Found(name, tuple(c.evidence["span"]), holder, c.evidence["text"]))  # type: ignore[arg-type]
    return found


def score(gold: dict[str, Any], found: Sequence[Found], names: Sequence[str]) -> dict[str, Tally]:
    tallies = {"dev": Tally(), "test": Tally(), "all": Tally()}
    chosen = set(names)
    positives = [p for p in gold["positives"] if p["file"] in chosen]
    borderline = [b for b in gold.get("borderline", []) if b["file"] in chosen]
    for p in positives:
        hits = [f for f in found if f.file == p["file"] and overlap(f.span, p["sentence"])]
        for key in (half(p["file"]), "all"):
            t = tallies[key]
            t.positives += 1
            if hits:
                t.recalled += 1
                named = any(holder_right(p["holder"], f.holder) for f in hits)
                t.holders_right += named
                if not named:
                    given = ", ".join(sorted({f.holder for f in hits}))
                    t.errors.append(f"holder {p['id']} {p['file']} [{given}] (right: {p['holder']})")
            else:
                t.errors.append(f"missed {p['id']} {p['file']} ({p['cue']})")
    for f in found:
        right = any(p["file"] == f.file and overlap(f.span, p["sentence"]) for p in positives)
        unsure = any(b["file"] == f.file and overlap(f.span, b["sentence"]) for b in borderline)
        for key in (half(f.file), "all"):
            t = tallies[key]
            t.predicted += 1
            t.right += right
            t.ignored += unsure and not right
            if not right and not unsure:
                t.errors.append(f"wrong {f.file} [{f.holder}] {f.text[:160]}")
    return tallies


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--annotated", action="store_true", help="only articles with a marked sentence")
    parser.add_argument("--half", choices=["dev", "test", "all"], default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, wrong finds and holders")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.train / "text").is_dir():
        print(f"reversals: no PolNeAR train at {args.train}", file=sys.stderr)
        return 2
    gold = json.loads(args.set.read_text(encoding="utf-8"))
    names = set_names(args.train, gold, args.annotated)
    if args.half != "all":
        names = [n for n in names if half(n) == args.half]
    tallies = score(gold, predict(args.train, names), names)
    if args.json:
        print(json.dumps({k: t.figures() for k, t in tallies.items()}, indent=1))
    else:
        for key, t in tallies.items():
            if args.verbose and key != "all":
                print("\n".join(t.errors))
            print(key, " ".join(f"{k}={v}" for k, v in t.figures().items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
