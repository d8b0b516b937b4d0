"""Score onrecord's attributions against PolNeAR, the hand-annotated attribution corpus of 2016 news.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks every attribution in an article as a Source, a
Cue and a Content span, in brat standoff files; ``../shared/data/polnear/SOURCE.md`` describes the
copy the project reads. Its texts belong to their publishers, so nothing here copies them: the
reader reads them at run time and the scorer reports offsets and counts.

Reading
    A split folder holds ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``. One
    annotator is scored per article: the first of ``metadata.tsv``'s ``annotators`` that has a file
    (else the first file by name), so that a doubly annotated article does not count twice. ``T``
    lines give spans as character offsets into the ``.txt`` read byte for byte (no newline
    translation), ``;`` joining the pieces of a discontinuous span; a ``T`` line's text may run over
    several lines, so only its offsets are read. ``E`` lines tie an ``Attribution`` (or
    ``Attribution-no-source``) trigger to ``Source``, ``Cue`` and ``Content`` roles (a role name may
    carry a digit, ``Content2``); an event without content is dropped, since there is nothing to
    score. ``Discuss`` and ``Discard`` spans are annotators' notes, not attributions.

Gold kind
    ``according_to`` when the cue is "according to"; otherwise by how much of the content's letters
    and digits lie inside double quotation marks (curly, straight, or the New York Times' ``''``;
    tracked per paragraph, so an unclosed quote runs to the paragraph's end, as multi-paragraph
    quotes do): all = ``direct``, some = ``mixed``, none = ``indirect``.

Gold cue class
    The cue is lemmatised with the bare spaCy model; the first token whose lemma is in
    ``CUE_VERBS`` (else ``CUE_NOUNS``) gives the class; no such token gives ``other``. "according
    to" is classed ``speech``, as onrecord's own rule classes it, so that the speech+writing subset
    compares like with like.

Characters
    Every character count below counts letters and digits only (``str.isalnum``): annotators keep
    quotation marks, "that" aside, spaces and final stops where onrecord trims them, and those should
    not move a figure.

Matching (as the GenderGapTracker quote evaluation does)
    coverage(gold, pred) = |gold content chars also in pred content| / |gold content chars|. At each
    threshold t (0.3 and 0.8) pairs with coverage > t are taken highest coverage first (ties: gold
    order, then prediction order), each gold and each prediction at most once. precision = matched /
    predicted, recall = matched / gold.

Speaker (over matched pairs)
    ``span``: the predicted speaker's span overlaps a gold Source span, or neither has one.
    ``resolved``: also right when the speaker is resolved to a person and any mention of that person
    (``Record.people[].mentions``) overlaps a gold Source span; a pronoun resolved to the annotated
    name then counts, which is what onrecord's output is for.

Character level
    Per article, the union of gold content chars against the union of predicted content chars, summed
    over the split: no matching at all.

Breakdowns
    By gold kind and gold cue class: a group's gold are its gold; its predictions are the matched
    predictions whose gold is in it plus the unmatched predictions whose own kind or class is its
    name. Character figures per group: recall of the group's gold chars by any prediction, precision
    of the group's predicted chars against any gold. The ``speech+writing`` subset is scored anew
    (its own matching) with gold of those classes against predictions of those classes.

CLI: ``python -m onrecord.evaluation.polnear DIR [--limit N] [--json OUT] [--errors OUT.jsonl]``.
``--errors`` writes each missed gold and each unmatched prediction with offsets and a short excerpt,
for studying failures; such files quote the articles, so keep them out of the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spacy.language import Language

from onrecord.attribution.lexicon import CUE_NOUNS, CUE_VERBS, QUOTE_FRAME_VERBS
from onrecord.model import STATEMENT_KINDS, Document, Record, Span
from onrecord.resources import DEFAULT_MODEL

THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
KINDS: tuple[str, ...] = STATEMENT_KINDS
CUE_CLASSES: tuple[str, ...] = ("speech", "writing", "belief", "intention", "evidence", "stance", "other")
SPEECH_WRITING = frozenset({"speech", "writing"})
ACCORDING_TO_CLASS = "speech"
_BATCH = 16

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_OPEN = "“"
_CLOSE = "”"


# --- gold ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: where its content, source and cue are, and what kind it is."""

    id: str
    content: tuple[Span, ...]
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    kind: str
    cue_class: str
    cue_text: str


@dataclass
class PolnearArticle:
    """An article's text exactly as in its file, with the attributions of the one annotator scored."""

    name: str
    path: Path
    text: str
    annotator: str
    attributions: list[GoldAttribution]
    published: str | None = None
    publisher: str | None = None
    title: str | None = None
    title_span: Span | None = None


@dataclass(frozen=True)
class _RawEvent:
    id: str
    roles: dict[str, list[Span]]


def _spans(field_: str) -> list[Span]:
    out: list[Span] = []
    for piece in field_.split(";"):
        start, end = (int(x) for x in piece.split())
        if end > start:
            out.append((start, end))
    return out


def parse_ann(ann_text: str) -> list[_RawEvent]:
    """The events of one brat file, each role mapped to the spans of its ``T`` entries."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[tuple[str, str]] = []
    for line in ann_text.split("\n"):
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = (m.group(2), _spans(m.group(3)))
            continue
        m = _E_LINE.match(line)
        if m:
            events.append((m.group(1), m.group(2)))
    out: list[_RawEvent] = []
    for eid, body in events:
        roles: dict[str, list[Span]] = {}
        for arg in body.split():
            if ":" not in arg:
                continue
            role, ref = arg.split(":", 1)
            role = re.sub(r"\d+$", "", role)
            if ref not in spans or role.startswith("Attribution"):
                continue
            roles.setdefault(role, []).extend(spans[ref][1])
        out.append(_RawEvent(eid, {r: sorted(set(s)) for r, s in roles.items()}))
    return out


def quoted_mask(text: str) -> list[bool]:
    """For each character, whether it lies inside double quotation marks (the marks included).

    Curly marks open and close; a straight mark toggles, and so does a pair of apostrophes, which is
    how the New York Times texts in PolNeAR write every double quotation mark (''like this,''). State
    resets at each line break: a quote that runs over paragraphs reopens each one, and a stray mark
    then spoils one paragraph only.
    """
    mask = [False] * len(text)
    inside = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            inside = False
        elif ch == _OPEN:
            inside = True
            mask[i] = True
        elif ch == _CLOSE:
            mask[i] = inside
            inside = False
        elif ch == '"' or text.startswith("''", i):
            width = 1 if ch == '"' else 2
            mask[i : i + width] = [True] * width
            inside = not inside
            i += width
            continue
        else:
            mask[i] = inside
        i += 1
    return mask


def gold_kind(text: str, content: Sequence[Span], cue_text: str, mask: Sequence[bool]) -> str:
    """direct / mixed / indirect by the share of quoted letters; according_to by the cue."""
    if _norm(cue_text) == "according to":
        return "according_to"
    chars = [i for s, e in content for i in range(s, e) if text[i].isalnum()]
    inside = sum(1 for i in chars if mask[i])
    if chars and inside == len(chars):
        return "direct"
    return "mixed" if inside else "indirect"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def cue_classes(cue_texts: Sequence[str], base: Language, framing: Sequence[bool] | None = None) -> list[str]:
    """The lexicon class of each cue text, from the lemmas the bare model gives its words.

    Cues are lemmatised out of context (a few words each, batched), which costs far less than a
    second parse of every article and gets reporting verbs right in practice.
    """
    disable = [p for p in ("parser", "ner") if p in base.pipe_names]
    out: list[str] = []
    quoting = framing if framing is not None else [False] * len(cue_texts)
    docs = base.pipe(cue_texts, disable=disable, batch_size=256)
    for text, doc, frames in zip(cue_texts, docs, quoting, strict=True):
        if _norm(text) == "according to":
            out.append(ACCORDING_TO_CLASS)
            continue
        if text.strip() and not any(ch.isalnum() for ch in text):
            out.append("speech")  # a colon or dash that stands for "said": "PENCE: ...", '"..." ― Ruiz'
            continue
        found = "other"
        for tok in doc:
            lemma, lower = tok.lemma_.lower(), tok.lower_
            if lemma in CUE_VERBS or lower in CUE_VERBS:
                found = CUE_VERBS.get(lemma) or CUE_VERBS[lower]
                break
            if lemma in CUE_NOUNS or lower in CUE_NOUNS:
                found = CUE_NOUNS.get(lemma) or CUE_NOUNS[lower]
                break
            if frames and lemma in QUOTE_FRAME_VERBS:  # '"...," he continued': a cue of the quote it frames
                found = QUOTE_FRAME_VERBS[lemma]
                break
        out.append(found)
    return out


def read_metadata(split_dir: Path) -> dict[str, dict[str, str]]:
    """``metadata.tsv`` rows by file name, from the split folder or the corpus folder above it."""
    for path in (split_dir / "metadata.tsv", split_dir.parent / "metadata.tsv"):
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as fh:
                rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                return {r["filename"]: r for r in rows if r.get("filename")}
    return {}


def _meta(row: dict[str, str], key: str) -> str | None:
    value = (row.get(key) or "").strip()
    return None if value in ("", "None") else value


def _pick_annotation(split_dir: Path, name: str, row: dict[str, str]) -> Path | None:
    files = {p.stem.rsplit("_", 1)[1]: p for p in (split_dir / "attributions").glob(f"{name}_*.ann")}
    files = {a: p for a, p in files.items() if f"{name}_{a}" == p.stem}
    for annotator in (row.get("annotators") or "").split("|"):
        if annotator in files:
            return files[annotator]
    return files[min(files)] if files else None


def _title_span(text: str, title: str | None) -> Span | None:
    """The headline's span in the text, found from the metadata's title.

    The text files end every paragraph with a full stop, placed inside a closing quotation mark
    ("... A Fair Price.’" for the title "... A Fair Price’"), and some break a title with a semicolon over
    two lines, so the first line, or else the first paragraph, is compared with the title with full
    stops and white space left out. A stricter comparison lost the headline of one article in five.
    """
    if not title:
        return None
    first = text.split("\n", 1)[0]
    paragraph = text.split("\n\n", 1)[0]
    for candidate in (first, paragraph):
        if _bare(candidate) == _bare(title):
            return (0, len(candidate.rstrip()))
    return None


def _bare(text: str) -> str:
    """The text as the title comparison sees it: lower case, without full stops and white space."""
    return re.sub(r"[\s.]+", "", text.lower())


def read_split(
    split_dir: Path, *, limit: int | None = None, base: Language | None = None
) -> list[PolnearArticle]:
    """Every article of a split folder that has an annotation, with its gold attributions.

    ``limit`` takes that many articles spread evenly over the sorted list, so a subset still holds
    every publisher (names start with the publisher).
    """
    if base is None:
        from onrecord import nlp as nlp_module

        base = nlp_module.load_base()
    meta = read_metadata(split_dir)
    texts = sorted((split_dir / "text").glob("*.txt"))
    chosen: list[tuple[Path, Path, dict[str, str]]] = []
    for txt in texts:
        row = meta.get(txt.stem, {})
        ann = _pick_annotation(split_dir, txt.stem, row)
        if ann is not None:
            chosen.append((txt, ann, row))
    if limit is not None and 0 < limit < len(chosen):
        step = len(chosen) / limit
        chosen = [chosen[int(i * step)] for i in range(limit)]

    articles: list[PolnearArticle] = []
    pending: list[tuple[PolnearArticle, list[_RawEvent], list[bool]]] = []
    for txt, ann, row in chosen:
        text = txt.read_bytes().decode("utf-8")
        title = _meta(row, "title")
        article = PolnearArticle(
            name=txt.stem,
            path=txt,
            text=text,
            annotator=ann.stem.rsplit("_", 1)[1],
            attributions=[],
            published=_meta(row, "publication_date"),
            publisher=_meta(row, "publisher"),
            title=title,
            title_span=_title_span(text, title),
        )
        events = [e for e in parse_ann(ann.read_bytes().decode("utf-8")) if e.roles.get("Content")]
        pending.append((article, events, quoted_mask(text)))
        articles.append(article)

    cue_texts = [
        " ".join(a.text[s:e] for s, e in ev.roles.get("Cue", [])) for a, evs, _ in pending for ev in evs
    ]
    cue_iter = iter(cue_texts)
    kinds = [
        gold_kind(article.text, tuple(ev.roles["Content"]), next(cue_iter), mask)
        for article, events, mask in pending
        for ev in events
    ]
    classes = iter(cue_classes(cue_texts, base, [k in {"direct", "mixed"} for k in kinds]))
    cue_iter, kind_iter = iter(cue_texts), iter(kinds)
    for article, events, _ in pending:
        for ev in events:
            article.attributions.append(
                GoldAttribution(
                    id=ev.id,
                    content=tuple(ev.roles["Content"]),
                    source=tuple(ev.roles.get("Source", [])),
                    cue=tuple(ev.roles.get("Cue", [])),
                    kind=next(kind_iter),
                    cue_class=next(classes),
                    cue_text=next(cue_iter),
                )
            )
    return articles


# --- predictions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    """A system's attribution in the scorer's terms, so that any system can be scored alike."""

    content: tuple[Span, ...]
    speaker: Span | None
    kind: str
    cue_class: str
    cue: tuple[Span, ...] = ()
    person_mentions: tuple[Span, ...] = ()
    rule: str = ""


def predictions_from_record(record: Record) -> list[Prediction]:
    """onrecord's statements as predictions, each speaker carrying its person's mention spans.

    PolNeAR annotates a quote that runs on over sentences or paragraphs ('"A," he said. "B."') as one
    attribution, where onrecord reports the run-on piece as a statement of its own (so that each piece
    keeps its own span and date); here the run-on pieces are joined to the statement they continue.
    """
    mentions = {p.id: tuple(m.span for m in p.mentions) for p in record.people}
    out: list[Prediction] = []
    for st in record.statements:
        if st.rule == "run-on" and out:
            out[-1] = replace(out[-1], content=out[-1].content + tuple(st.content_spans))
            continue
        spk = st.speaker
        out.append(
            Prediction(
                content=tuple(st.content_spans),
                speaker=spk.span if spk is not None else None,
                kind=st.kind,
                cue_class=st.cue_class,
                cue=(st.cue.span,) if st.cue is not None else (),
                person_mentions=mentions.get(spk.person, ()) if spk is not None and spk.person else (),
                rule=st.rule,
            )
        )
    return out


# --- scoring ------------------------------------------------------------------------------------


def _chars(text: str, spans: Iterable[Span]) -> frozenset[int]:
    return frozenset(i for s, e in spans for i in range(max(s, 0), min(e, len(text))) if text[i].isalnum())


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def speaker_right(gold: GoldAttribution, pred: Prediction, *, resolved: bool) -> bool:
    """Span overlap with a gold Source, or both absent; ``resolved`` also accepts a person's mention."""
    if pred.speaker is None:
        return not gold.source
    if not gold.source:
        return False
    if _overlaps(pred.speaker, gold.source):
        return True
    return resolved and any(_overlaps(m, gold.source) for m in pred.person_mentions)


def match(coverage: dict[tuple[int, int], float], threshold: float) -> dict[int, int]:
    """Greedy one-to-one matching, highest coverage first: gold index -> prediction index."""
    pairs = sorted(
        ((c, g, p) for (g, p), c in coverage.items() if c > threshold), key=lambda x: (-x[0], x[1], x[2])
    )
    taken_g: dict[int, int] = {}
    taken_p: set[int] = set()
    for _, g, p in pairs:
        if g not in taken_g and p not in taken_p:
            taken_g[g] = p
            taken_p.add(p)
    return taken_g


def _key(t: float) -> str:
    return f"{t:g}"


@dataclass
class Figures:
    """Counts for one slice of the data, summed over articles (micro-averaged)."""

    gold: int = 0
    predicted: dict[str, int] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)
    speaker_span: dict[str, int] = field(default_factory=dict)
    speaker_resolved: dict[str, int] = field(default_factory=dict)
    char_gold: int = 0
    char_pred: int = 0
    char_gold_covered: int = 0
    char_pred_correct: int = 0

    def add(self, counter: dict[str, int], t: float, n: int = 1) -> None:
        counter[_key(t)] = counter.get(_key(t), 0) + n

    def precision(self, t: float = 0.3) -> float:
        return _ratio(self.matched.get(_key(t), 0), self.predicted.get(_key(t), 0))

    def recall(self, t: float = 0.3) -> float:
        return _ratio(self.matched.get(_key(t), 0), self.gold)

    def f1(self, t: float = 0.3) -> float:
        return _f1(self.precision(t), self.recall(t))

    def speaker_accuracy(self, t: float = 0.3, variant: str = "span") -> float:
        right = self.speaker_span if variant == "span" else self.speaker_resolved
        return _ratio(right.get(_key(t), 0), self.matched.get(_key(t), 0))

    @property
    def char_precision(self) -> float:
        return _ratio(self.char_pred_correct, self.char_pred)

    @property
    def char_recall(self) -> float:
        return _ratio(self.char_gold_covered, self.char_gold)

    @property
    def char_f1(self) -> float:
        return _f1(self.char_precision, self.char_recall)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold}
        for t in THRESHOLDS:
            k = _key(t)
            out[k] = {
                "predicted": self.predicted.get(k, 0),
                "matched": self.matched.get(k, 0),
                "precision": round(self.precision(t), 4),
                "recall": round(self.recall(t), 4),
                "f1": round(self.f1(t), 4),
                "speaker_accuracy_span": round(self.speaker_accuracy(t, "span"), 4),
                "speaker_accuracy_resolved": round(self.speaker_accuracy(t, "resolved"), 4),
            }
        out["chars"] = {
            "gold": self.char_gold,
            "predicted": self.char_pred,
            "precision": round(self.char_precision, 4),
            "recall": round(self.char_recall, 4),
            "f1": round(self.char_f1, 4),
        }
        return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PolnearScore:
    """All figures for one split and one system; ``errors`` lists failures when asked for."""

    articles: int = 0
    gold_in_title: int = 0
    overall: Figures = field(default_factory=Figures)
    speech_writing: Figures = field(default_factory=Figures)
    by_kind: dict[str, Figures] = field(default_factory=lambda: {k: Figures() for k in KINDS})
    by_cue_class: dict[str, Figures] = field(default_factory=lambda: {c: Figures() for c in CUE_CLASSES})
    errors: list[dict[str, Any]] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_in_title": self.gold_in_title,
            "crashed": list(self.crashed),
            "overall": self.overall.to_dict(),
            "speech+writing": self.speech_writing.to_dict(),
            "by_kind": {k: f.to_dict() for k, f in self.by_kind.items()},
            "by_cue_class": {k: f.to_dict() for k, f in self.by_cue_class.items()},
        }

    def table(self) -> str:
        """A fixed-width table: one row per slice, the figures at 0.3 unless the column says 0.8."""
        head = (
            f"{'slice':<16}{'gold':>6}{'pred':>6}{'P@.3':>7}{'R@.3':>7}{'F1@.3':>7}{'F1@.8':>7}"
            f"{'spk':>7}{'spk+r':>7}{'chP':>7}{'chR':>7}{'chF1':>7}"
        )
        rows = [f"PolNeAR: {self.articles} articles ({self.gold_in_title} gold in headlines)"]
        if self.crashed:
            rows.append(f"{len(self.crashed)} articles crashed the pipeline (scored with no predictions):")
            rows += [f"  {c[:150]}" for c in self.crashed]
        rows.append(head)
        slices: list[tuple[str, Figures]] = [("all", self.overall), ("speech+writing", self.speech_writing)]
        slices += [(f"kind:{k}", f) for k, f in self.by_kind.items()]
        slices += [(f"cue:{k}", f) for k, f in self.by_cue_class.items()]
        for name, f in slices:
            rows.append(
                f"{name:<16}{f.gold:>6}{f.predicted.get('0.3', 0):>6}{f.precision(0.3):>7.3f}"
                f"{f.recall(0.3):>7.3f}{f.f1(0.3):>7.3f}{f.f1(0.8):>7.3f}"
                f"{f.speaker_accuracy(0.3, 'span'):>7.3f}{f.speaker_accuracy(0.3, 'resolved'):>7.3f}"
                f"{f.char_precision:>7.3f}{f.char_recall:>7.3f}{f.char_f1:>7.3f}"
            )
        rows.append(
            "spk = speaker span overlaps the gold source; spk+r = or a mention of the resolved person"
        )
        return "\n".join(rows)


def _score_slice(
    text: str,
    gold: Sequence[GoldAttribution],
    preds: Sequence[Prediction],
    into: Figures,
    groups: dict[str, Figures] | None = None,
    group_of_gold: Any = None,
    group_of_pred: Any = None,
) -> dict[float, dict[int, int]]:
    """Add one article's figures to ``into`` (and per group); returns the matchings by threshold."""
    gchars = [_chars(text, g.content) for g in gold]
    pchars = [_chars(text, p.content) for p in preds]
    coverage: dict[tuple[int, int], float] = {}
    for gi, gc in enumerate(gchars):
        if not gc:
            continue
        for pi, pc in enumerate(pchars):
            common = len(gc & pc)
            if common:
                coverage[(gi, pi)] = common / len(gc)
    all_g = frozenset().union(*gchars) if gchars else frozenset()
    all_p = frozenset().union(*pchars) if pchars else frozenset()
    into.gold += len(gold)
    into.char_gold += len(all_g)
    into.char_pred += len(all_p)
    into.char_gold_covered += len(all_g & all_p)
    into.char_pred_correct += len(all_g & all_p)
    matchings: dict[float, dict[int, int]] = {}
    for t in THRESHOLDS:
        m = match(coverage, t)
        matchings[t] = m
        into.add(into.predicted, t, len(preds))
        into.add(into.matched, t, len(m))
        into.add(
            into.speaker_span, t, sum(speaker_right(gold[g], preds[p], resolved=False) for g, p in m.items())
        )
        into.add(
            into.speaker_resolved,
            t,
            sum(speaker_right(gold[g], preds[p], resolved=True) for g, p in m.items()),
        )
    if groups is None:
        return matchings
    for g in gold:
        groups.setdefault(group_of_gold(g), Figures()).gold += 1
    for t in THRESHOLDS:
        m = matchings[t]
        owner = {p: group_of_gold(gold[g]) for g, p in m.items()}
        for pi, p in enumerate(preds):
            name = owner.get(pi, group_of_pred(p))
            groups.setdefault(name, Figures()).add(groups[name].predicted, t)
        for g, p in m.items():
            f = groups[group_of_gold(gold[g])]
            f.add(f.matched, t)
            f.add(f.speaker_span, t, int(speaker_right(gold[g], preds[p], resolved=False)))
            f.add(f.speaker_resolved, t, int(speaker_right(gold[g], preds[p], resolved=True)))
    owner = {p: group_of_gold(gold[g]) for g, p in matchings[THRESHOLDS[0]].items()}
    for name, f in groups.items():
        g_chars = frozenset().union(*(gchars[i] for i, g in enumerate(gold) if group_of_gold(g) == name))
        p_chars = frozenset().union(
            *(pchars[i] for i, p in enumerate(preds) if owner.get(i, group_of_pred(p)) == name)
        )
        f.char_gold += len(g_chars)
        f.char_gold_covered += len(g_chars & all_p)
        f.char_pred += len(p_chars)
        f.char_pred_correct += len(p_chars & all_g)
    return matchings


def _excerpt(text: str, spans: Sequence[Span], width: int = 70) -> str:
    joined = " … ".join(text[s:e] for s, e in spans)
    joined = " ".join(joined.split())
    return joined if len(joined) <= width else joined[: width - 1] + "…"


def score_article(
    article: PolnearArticle, preds: Sequence[Prediction], result: PolnearScore, *, keep_errors: bool = False
) -> None:
    """Add one article's gold against one system's predictions to ``result``."""
    text, gold = article.text, article.attributions
    result.articles += 1
    if article.title_span is not None:
        result.gold_in_title += sum(1 for g in gold if g.content[0][0] < article.title_span[1])
    matchings = _score_slice(text, gold, preds, result.overall)
    _score_slice(text, gold, preds, Figures(), result.by_kind, lambda g: g.kind, lambda p: p.kind)
    _score_slice(
        text,
        gold,
        preds,
        Figures(),
        result.by_cue_class,
        lambda g: g.cue_class,
        lambda p: p.cue_class if p.cue_class in CUE_CLASSES else "other",
    )
    sw_gold = [g for g in gold if g.cue_class in SPEECH_WRITING]
    sw_pred = [p for p in preds if p.cue_class in SPEECH_WRITING]
    _score_slice(text, sw_gold, sw_pred, result.speech_writing)
    if keep_errors:
        result.errors.extend(_errors(article, preds, matchings[THRESHOLDS[0]]))


def _errors(
    article: PolnearArticle, preds: Sequence[Prediction], m: dict[int, int]
) -> Iterator[dict[str, Any]]:
    """Missed gold, unmatched predictions and wrong speakers at the lower threshold, with offsets."""
    text, gold = article.text, article.attributions
    pchars = [_chars(text, p.content) for p in preds]
    gchars = [_chars(text, g.content) for g in gold]
    matched_p = set(m.values())
    for gi, g in enumerate(gold):
        base = {"article": article.name, "gold_id": g.id, "kind": g.kind, "cue_class": g.cue_class}
        if gi not in m:
            best = (
                max((len(gchars[gi] & pc) / len(gchars[gi]) for pc in pchars), default=0.0)
                if gchars[gi]
                else 0.0
            )
            yield {
                "type": "missed",
                **base,
                "content": [list(s) for s in g.content],
                "cue": g.cue_text,
                "source": _excerpt(text, g.source, 40) if g.source else None,
                "best_coverage": round(best, 3),
                "excerpt": _excerpt(text, g.content),
            }
        elif not speaker_right(g, preds[m[gi]], resolved=True):
            p = preds[m[gi]]
            yield {
                "type": "wrong_speaker",
                **base,
                "content": [list(s) for s in g.content],
                "gold_source": _excerpt(text, g.source, 40) if g.source else None,
                "gold_source_span": [list(s) for s in g.source],
                "predicted_speaker": text[p.speaker[0] : p.speaker[1]] if p.speaker else None,
                "predicted_span": list(p.speaker) if p.speaker else None,
                "rule": p.rule,
            }
    for pi, p in enumerate(preds):
        if pi in matched_p:
            continue
        best = max((len(gc & pchars[pi]) / len(gc) for gc in gchars if gc), default=0.0)
        yield {
            "type": "false_positive",
            "article": article.name,
            "kind": p.kind,
            "cue_class": p.cue_class,
            "rule": p.rule,
            "content": [list(s) for s in p.content],
            "cue": _excerpt(text, p.cue, 30) if p.cue else None,
            "speaker": text[p.speaker[0] : p.speaker[1]] if p.speaker else None,
            "best_gold_coverage": round(best, 3),
            "excerpt": _excerpt(text, p.content),
        }


# --- running onrecord ---------------------------------------------------------------------------


def documents(articles: Iterable[PolnearArticle]) -> Iterator[Document]:
    """Each article as onrecord's Document, its text untouched so that gold offsets apply."""
    for a in articles:
        yield Document(
            id=a.name,
            source=str(a.path),
            text=a.text,
            title=a.title,
            publisher=a.publisher,
            published=a.published,
            title_span=a.title_span,
        )


def _records(articles: Sequence[PolnearArticle], nlp: Language) -> Iterator[Record | Exception]:
    """onrecord's Record per article, or the exception it raised on that article.

    Batches go through ``analyse`` as in real use; a batch that raises is redone one article at a
    time, so one article that breaks a rule costs that article's predictions only, and is reported.
    """
    from onrecord.reader import analyse

    for i in range(0, len(articles), _BATCH):
        batch = list(documents(articles[i : i + _BATCH]))
        try:
            yield from list(analyse(batch, nlp))
            continue
        except Exception:  # redone one by one below, where the culprit is named
            pass
        for doc in batch:
            try:
                yield next(analyse([doc], nlp))
            except Exception as err:  # a benchmark reports a crash, it does not stop
                yield err


def evaluate_articles(
    articles: Sequence[PolnearArticle], nlp: Language, *, keep_errors: bool = False
) -> PolnearScore:
    """Run onrecord on read articles and score it; an article it crashes on scores no predictions."""
    result = PolnearScore()
    for article, record in zip(articles, _records(articles, nlp), strict=True):
        if isinstance(record, Exception):
            result.crashed.append(f"{article.name}: {type(record).__name__}: {record}")
            preds: list[Prediction] = []
        else:
            preds = predictions_from_record(record)
        score_article(article, preds, result, keep_errors=keep_errors)
    return result


def evaluate(
    split_dir: Path,
    *,
    limit: int | None = None,
    nlp: Language | None = None,
    keep_errors: bool = False,
    model: str | Path | None = DEFAULT_MODEL,
) -> PolnearScore:
    """Read a PolNeAR split, run onrecord with every cue class on it, and score the output.

    ``model`` is the learned attribution model: the shipped one (trained on PolNeAR train, so score
    dev, never train, with it), another file from ``onrecord train attribution``, or ``None`` for the
    hand rules alone.
    """
    from onrecord import nlp as nlp_module
    from onrecord.model import ALL_CUE_CLASSES

    articles = read_split(Path(split_dir), limit=limit)
    pipeline = nlp or nlp_module.load(ALL_CUE_CLASSES, model)
    return evaluate_articles(articles, pipeline, keep_errors=keep_errors)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m onrecord.evaluation.polnear DIR [--limit N] [--json OUT] [--errors OUT.jsonl]``."""
    parser = argparse.ArgumentParser(
        prog="python -m onrecord.evaluation.polnear", description=__doc__.split("\n")[0]
    )
    parser.add_argument("split_dir", type=Path, help="a PolNeAR split folder (with text/ and attributions/)")
    parser.add_argument(
        "--limit", type=int, default=None, help="score this many articles, spread over the split"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    parser.add_argument(
        "--errors", type=Path, default=None, help="write failures as JSON lines (quotes the texts)"
    )
    models = parser.add_mutually_exclusive_group()
    models.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help="another learned attribution model (onrecord train attribution) than the shipped one",
    )
    models.add_argument(
        "--no-model", dest="model", action="store_const", const=None, help="the hand rules alone"
    )
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not (args.split_dir / "text").is_dir() or not (args.split_dir / "attributions").is_dir():
        print(f"error: {args.split_dir} has no text/ and attributions/ folders", file=sys.stderr)
        return 2
    try:
        result = evaluate(
            args.split_dir, limit=args.limit, keep_errors=args.errors is not None, model=args.model
        )
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(result.table())
    if args.json is not None:
        args.json.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
    if args.errors is not None:
        with args.errors.open("w", encoding="utf-8") as fh:
            for err in result.errors:
                fh.write(json.dumps(err, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
