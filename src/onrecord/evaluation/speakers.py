"""Speaker resolution measured on its own: does "he" or "the senator" resolve to the right person?

PolNeAR marks each attribution's source as written ("he", "the Vermont senator") and never says who
that is. ``tests/data/polnear_speaker_coref.jsonl`` is the project's own annotation of that: PolNeAR
train attributions whose source is a third-person pronoun or a definite description, each with the
person (or organisation) it refers to, written by reading the article. It holds offsets and names
only, never article text beyond the few words of the source; the articles are read from
``../shared/data/polnear/train`` at run time.

Annotation file
    One JSON object per line: ``article`` (file name without ``.txt``), ``source_span`` (character
    offsets of the source in the ``.txt`` read byte for byte), ``source_text`` (that slice),
    ``type`` (``pronoun`` or ``description``), ``referent`` (the fullest name the article gives,
    "the Sanders campaign" style for organisations) and ``referent_mentions`` (1-3 offsets of
    explicit name mentions of the referent in the same article).

Scoring
    onrecord runs on each annotated article (every cue class, as ``onrecord eval attribution``
    does). An item's statement is onrecord's statement whose speaker span overlaps the item's
    ``source_span`` (of several, the first one resolved to a person). Then the item is:

    - ``no statement``: onrecord made no statement with that speaker (an attribution miss, which the
      PolNeAR scorer counts; here it only lowers coverage);
    - ``unresolved``: the statement's speaker is not resolved to any person;
    - ``right``: the resolved person's name matches the referent (same last word, first words
      compatible: equal, one an initial of the other, or one name the tail of the other; an acronym
      matches the name it abbreviates) or one of the person's mentions overlaps one of ``referent_mentions``;
    - ``wrong`` otherwise.

    Resolution accuracy = right / (right + wrong + unresolved): over the items where onrecord made a
    statement with that speaker. Coverage = those items / all items. End-to-end = right / all.

CLI: ``python -m onrecord.evaluation.speakers [ANNOTATION] [--split DIR] [--json OUT]``. The misses it
prints quote names and offsets only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from onrecord.model import Document, Person, Record, Span, Statement

REPO = Path(__file__).resolve().parents[3]
DEFAULT_ANNOTATION = REPO / "tests" / "data" / "polnear_speaker_coref.jsonl"
DEFAULT_SPLIT = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared")) / "data" / "polnear" / "train"
TYPES: tuple[str, ...] = ("pronoun", "description")
OUTCOMES: tuple[str, ...] = ("right", "wrong", "unresolved", "no statement")

_TITLES = frozenset(
    "mr mrs ms miss dr sen senator rep gov governor president pres mayor justice speaker rev gen".split()
)
_STOP = frozenset({"the", "of", "and", "for", "&"})
_WORD = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class CorefItem:
    """One annotated source mention and the entity it refers to."""

    article: str
    source_span: Span
    source_text: str
    type: str
    referent: str
    referent_mentions: tuple[Span, ...]


def load_annotation(path: Path) -> list[CorefItem]:
    """The items of an annotation file, in file order; a malformed line raises ValueError."""
    items: list[CorefItem] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(
                CorefItem(
                    article=row["article"],
                    source_span=(int(row["source_span"][0]), int(row["source_span"][1])),
                    source_text=row["source_text"],
                    type=row["type"],
                    referent=row["referent"],
                    referent_mentions=tuple((int(s), int(e)) for s, e in row["referent_mentions"]),
                )
            )
        except (KeyError, TypeError, ValueError, IndexError) as err:
            raise ValueError(f"{path}:{n}: malformed annotation line ({err})") from err
    return items


# --- name matching ------------------------------------------------------------------------------


def _name_words(name: str) -> list[str]:
    """Lower-cased words of a name without articles, titles, possessives or trailing dots."""
    words = []
    for w in _WORD.findall(name.lower().replace("’", "'")):
        w = re.sub(r"'s$", "", w).strip(".-")
        if w and w not in _TITLES and w != "the":
            words.append(w)
    return words


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _STOP)


def names_match(predicted: str, referent: str) -> bool:
    """Same last word and compatible first words ("Trump" ~ "Donald J. Trump"), or an acronym."""
    p, r = _name_words(predicted), _name_words(referent)
    if not p or not r:
        return False
    if len(p) == 1 and len(r) > 2 and p[0] == _acronym(r):
        return True
    if len(r) == 1 and len(p) > 2 and r[0] == _acronym(p):
        return True
    if p[-1] != r[-1]:
        return False
    short, long_ = sorted((p, r), key=len)
    if len(short) == 1 or long_[-len(short) :] == short:
        return True  # "Trump", "Daily News" ~ "New York Daily News"
    a, b = p[0], r[0]
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _overlaps(a: Span, spans: Sequence[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


# --- running onrecord ---------------------------------------------------------------------------


def _documents(names: Sequence[str], split_dir: Path) -> Iterator[Document]:
    """Each article's text exactly as in its file, with the metadata the PolNeAR scorer gives it."""
    from onrecord.evaluation.polnear import _meta, _title_span, read_metadata

    meta = read_metadata(split_dir)
    for name in names:
        path = split_dir / "text" / f"{name}.txt"
        text = path.read_bytes().decode("utf-8")
        row = meta.get(name, {})
        title = _meta(row, "title")
        yield Document(
            id=name,
            source=str(path),
            text=text,
            title=title,
            publisher=_meta(row, "publisher"),
            published=_meta(row, "publication_date"),
            title_span=_title_span(text, title),
        )


def _records(documents: Sequence[Document], nlp: Language) -> Iterator[Record | Exception]:
    """onrecord's Record per document, or the exception it raised on that one document."""
    from onrecord.reader import analyse

    for doc in documents:
        try:
            yield next(analyse([doc], nlp))
        except Exception as err:  # a benchmark reports a crash, it does not stop
            yield err


def _statement_for(item: CorefItem, record: Record) -> Statement | None:
    """onrecord's statement whose speaker span overlaps the item's source, preferring a resolved one."""
    found = [
        st
        for st in record.statements
        if st.speaker is not None
        and st.speaker.span is not None
        and _overlaps(st.speaker.span, [item.source_span])
    ]
    if not found:
        return None
    return next((st for st in found if st.speaker and st.speaker.person), found[0])


def judge(item: CorefItem, record: Record | None) -> tuple[str, Person | None]:
    """The item's outcome (one of ``OUTCOMES``) and the person onrecord resolved it to, if any."""
    if record is None:
        return "no statement", None
    st = _statement_for(item, record)
    if st is None:
        return "no statement", None
    person_id = st.speaker.person if st.speaker is not None else None
    person = next((p for p in record.people if p.id == person_id), None) if person_id else None
    if person is None:
        return "unresolved", None
    if names_match(person.name, item.referent):
        return "right", person
    if any(_overlaps(m.span, item.referent_mentions) for m in person.mentions):
        return "right", person
    return "wrong", person


# --- figures ------------------------------------------------------------------------------------


def _figures(outcomes: Sequence[str]) -> dict[str, Any]:
    counts = {o: sum(1 for x in outcomes if x == o) for o in OUTCOMES}
    with_statement = len(outcomes) - counts["no statement"]
    return {
        "items": len(outcomes),
        **{o.replace(" ", "_"): counts[o] for o in OUTCOMES},
        "with_statement": with_statement,
        "coverage": round(with_statement / len(outcomes), 4) if outcomes else 0.0,
        "resolution_accuracy": round(counts["right"] / with_statement, 4) if with_statement else 0.0,
        "end_to_end": round(counts["right"] / len(outcomes), 4) if outcomes else 0.0,
    }


def evaluate_coref(
    annotation_path: Path | str = DEFAULT_ANNOTATION,
    split_dir: Path | str = DEFAULT_SPLIT,
    *,
    nlp: Language | None = None,
) -> dict[str, Any]:
    """Run onrecord on the annotated articles and score each item's resolved speaker.

    Returns ``overall`` and ``by_type`` figures (items, counts per outcome, coverage, resolution
    accuracy, end-to-end), ``crashed`` articles and ``misses``: every item not ``right``, with its
    offsets, the predicted person's name and the referent.
    """
    split_dir = Path(split_dir)
    items = load_annotation(Path(annotation_path))
    if nlp is None:
        from onrecord import nlp as nlp_module
        from onrecord.model import ALL_CUE_CLASSES

        nlp = nlp_module.load(ALL_CUE_CLASSES)
    names = sorted({it.article for it in items})
    records: dict[str, Record | None] = {}
    crashed: list[str] = []
    for name, rec in zip(names, _records(list(_documents(names, split_dir)), nlp), strict=True):
        if isinstance(rec, Exception):
            crashed.append(f"{name}: {type(rec).__name__}: {rec}")
            records[name] = None
        else:
            records[name] = rec
    outcomes: list[str] = []
    misses: list[dict[str, Any]] = []
    for item in items:
        outcome, person = judge(item, records[item.article])
        outcomes.append(outcome)
        if outcome != "right":
            misses.append(
                {
                    "article": item.article,
                    "source_span": list(item.source_span),
                    "source_text": item.source_text,
                    "type": item.type,
                    "outcome": outcome,
                    "predicted": person.name if person is not None else None,
                    "referent": item.referent,
                }
            )
    return {
        "articles": len(names),
        "overall": _figures(outcomes),
        "by_type": {
            t: _figures([o for o, it in zip(outcomes, items, strict=True) if it.type == t]) for t in TYPES
        },
        "crashed": crashed,
        "misses": misses,
    }


def table(result: dict[str, Any]) -> str:
    """A fixed-width table of the figures, one row per slice, then the misses."""
    head = (
        f"{'slice':<13}{'items':>6}{'stmt':>6}{'cov':>7}{'right':>6}{'wrong':>6}{'unres':>6}"
        f"{'acc':>7}{'e2e':>7}"
    )
    rows = [f"Speaker resolution: {result['overall']['items']} items in {result['articles']} articles", head]
    slices = [("all", result["overall"])] + [(t, f) for t, f in result["by_type"].items()]
    for name, f in slices:
        rows.append(
            f"{name:<13}{f['items']:>6}{f['with_statement']:>6}{f['coverage']:>7.3f}{f['right']:>6}"
            f"{f['wrong']:>6}{f['unresolved']:>6}{f['resolution_accuracy']:>7.3f}{f['end_to_end']:>7.3f}"
        )
    rows.append("acc = right / items with a statement for that speaker (the bar); e2e = right / items")
    for c in result["crashed"]:
        rows.append(f"crashed: {c[:150]}")
    if result["misses"]:
        rows.append("misses:")
        for m in result["misses"]:
            rows.append(
                f"  {m['outcome']:<13}{m['article']} {m['source_span']} {m['source_text']!r} "
                f"-> {m['predicted']!r} (right: {m['referent']!r})"
            )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m onrecord.evaluation.speakers [ANNOTATION] [--split DIR] [--json OUT]``."""
    parser = argparse.ArgumentParser(
        prog="python -m onrecord.evaluation.speakers", description=__doc__.split("\n")[0]
    )
    parser.add_argument("annotation", type=Path, nargs="?", default=DEFAULT_ANNOTATION)
    parser.add_argument(
        "--split", type=Path, default=DEFAULT_SPLIT, help="the PolNeAR split the items are from"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures and misses here")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not (args.split / "text").is_dir():
        print(f"error: {args.split} has no text/ folder", file=sys.stderr)
        return 2
    result = evaluate_coref(args.annotation, args.split)
    print(table(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
