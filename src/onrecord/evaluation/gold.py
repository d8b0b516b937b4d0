"""Score one onrecord output (format "1") against one hand-annotated gold file.

The gold format is the one of ``shared/gold/*.json`` and ``onrecord/examples/*.gold.json``: ``title``,
``not_article_text`` (page clutter), ``people``, ``statements``, ``not_statements`` and
``contradictions``. The scorer reads only those fields, so it works for any gold file of that format.
Every definition below is deliberately simple and written down here, because a number nobody can
re-derive by hand is a number nobody trusts.

Normalisation
    ``norm(s)``: strip, and collapse every run of whitespace to one space. Used for clutter lines and
    the title.

Clutter
    A gold ``not_article_text`` line is *removed* when some ``document.removed[].text`` equals it after
    ``norm``. ``removed_found``/``removed_total`` count those. ``clutter_left`` counts gold clutter lines
    whose ``norm`` still occurs as a substring of ``norm(document.text)``: removing a line into
    ``removed`` while leaving a copy in the text does not count as clean.

Title
    Right when ``norm(document.title) == norm(gold title)`` (both missing also counts as right).

Statement tokens and F1
    Tokens are the matches of ``\\w+(?:'\\w+)?`` in the lowercased text after curly apostrophes
    (’ ‘ ʼ ′) are mapped to ``'``; punctuation is dropped. F1 is the usual bag-of-tokens F1 (multiset
    overlap). A (gold, predicted) pair is a *candidate* when F1 >= 0.5.

Matching
    Greedy and one-to-one: candidate pairs are taken highest F1 first (ties: a pair whose speaker is
    right first, then gold order, then prediction order); each gold statement and each prediction is
    used at most once. A quote that runs on with no cue of its own is output as statements of its own
    (``cue`` null, as the seed's gold has it), while an annotation may make the whole quote one
    statement (``tests/data/DEVSET_GUIDE.md``). So, once each gold statement has its single match, a
    second pass joins run-on pieces to it: unmatched predictions beside it, with a null ``cue`` and the
    same speaker, added one at a time on either side while the F1 rises; a gold statement still
    unmatched may be matched by such a join of unmatched pieces (F1 >= 0.5). A piece matched on its
    own is never taken into a join, so a join cannot take a match away. Speaker and date are judged on
    the join's statement that has a cue (else its first). Gold statements without ``"hard": true``
    are *required*; a missed required statement counts against ``required_found``. Hard statements
    count in ``hard_found`` when matched and are never "missed".

Speaker
    Gold ``speaker`` set (a person or organisation id): the prediction's ``speaker.person`` must name an
    output person that *matches* the gold person (below); a null ``person`` is wrong. Gold
    ``source == "anonymous"`` (or a null gold speaker): right when the prediction's ``speaker.named`` is
    false. Gold ``"unresolved": true`` (a quote nobody in the text can be said to have made): right when
    the prediction's ``speaker.unresolved`` is true, since such a quote is no anonymous source. Names
    and mentions are compared after ``norm``, lowercasing, curly-to-straight apostrophes, dropping a
    leading "the " and a trailing "'s". An output person matches a gold person when

    1. the names are equal; or
    2. the last tokens of the names are equal and the first tokens do not conflict: one name is a
       single token, or the first tokens are equal, or one is the other's initial ("D." / "Donald");
       so "Putin" matches "Vladimir Putin" but "Emin Agalarov" does not match "Aras Agalarov"; or
    3. the output person's name matches (1-2) no *other* gold person, and one of its mention texts
       equals one of the gold person's mentions, where pronouns and mentions with no capital letter
       after a leading "the" ("he", "the source", "The veteran councilwoman") identify nobody, and a
       mention shared with another gold person does not count.

    So "Vladimir Putin" never matches "Donald Trump": different names, different last tokens, and a
    mis-merged output person named "Donald Trump" with a stray "Putin" mention is still Trump.

said_on
    Gold ``said_on`` is null, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and stands for the closed interval
    of days it covers. The prediction's ``said_on`` is ``{start, end}`` (ISO dates; a ``YYYY`` or
    ``YYYY-MM`` value is widened the same way). Null vs null is right; null vs non-null either way is
    wrong; otherwise right when the predicted interval lies inside the gold one, so a more precise date
    inside the gold period is right and a vaguer one is wrong. Counted among matched statements.

Extras and repeats
    Predictions matched to no gold statement are *extras*. Predictions matched to a hard gold statement
    are not extras. An unmatched prediction that is a candidate (F1 >= 0.5) for a gold statement marked
    ``"also_in_dek": true`` is a *repeat* of that statement in the dek, not an extra.

Look-alikes
    A gold ``not_statements[].text`` is *taken* when some predicted ``content.text`` has F1 >= 0.8
    against it (quoted titles, scare quotes and catchphrases that are not statements).

Contradictions
    A gold contradiction is found when the output lists a contradiction whose ``a``/``b`` are, in either
    order, the predictions matched to the gold ``a``/``b``. Required unless ``"hard": true``.

``speaker_*`` and ``said_on_*`` counts cover every matched gold statement, hard ones included: a found
statement with a wrong speaker is a wrong line in the record whatever its difficulty.

CLI: ``python -m onrecord.evaluation.gold OUTPUT.json GOLD.json`` prints the report and exits 1 when
``meets_bar()`` fails (2 on unreadable input). OUTPUT may be JSON lines; then the document whose
``source`` ends with the gold ``document``'s file name is scored.
"""

from __future__ import annotations

import calendar
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

CANDIDATE_F1 = 0.5
LOOKALIKE_F1 = 0.8

_TOKEN_RE = re.compile(r"\w+(?:'\w+)?")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'"})
_WS_RE = re.compile(r"\s+")
_PRONOUNS = frozenset(
    {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "it", "its"}
    | {"we", "us", "our", "i", "me", "my", "you", "your", "who", "whom"}
)


def norm(text: str | None) -> str:
    """Strip and collapse whitespace: scrapes differ from annotations mostly in spacing."""
    return _WS_RE.sub(" ", text or "").strip()


def tokens(text: str | None) -> list[str]:
    """Lowercased word tokens, apostrophes kept inside words so "doesn't" is one token either way."""
    return _TOKEN_RE.findall((text or "").translate(_APOSTROPHES).lower())


def token_f1(a: str | None, b: str | None) -> float:
    """Bag-of-tokens F1; tolerant of where an annotator and a system cut a clause."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if common == 0:
        return 0.0
    precision = common / sum(tb.values())
    recall = common / sum(ta.values())
    return 2 * precision * recall / (precision + recall)


# --- dates -------------------------------------------------------------------------------------


def date_interval(value: str | None) -> tuple[date, date] | None:
    """Turn ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into the closed interval of days it covers.

    Raises ``ValueError`` for anything else, so a malformed gold file fails loudly.
    """
    if value is None:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        year = int(value)
        return date(year, 1, 1), date(year, 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(value)
    return day, day


def _predicted_interval(said_on: Any) -> tuple[date, date] | None:
    """The prediction's ``said_on`` as an interval; raises ``ValueError`` when it is unreadable."""
    if said_on is None:
        return None
    if not isinstance(said_on, dict):
        raise ValueError(f"said_on is not an object: {said_on!r}")
    start = date_interval(said_on.get("start"))
    end = date_interval(said_on.get("end") or said_on.get("start"))
    if start is None or end is None:
        raise ValueError(f"said_on lacks start/end: {said_on!r}")
    return start[0], end[1]


def said_on_ok(predicted: Any, gold: str | None) -> bool:
    """Right when both are null, or the predicted interval lies inside the gold one."""
    gold_iv = date_interval(gold)
    try:
        pred_iv = _predicted_interval(predicted)
    except ValueError:
        return False
    if gold_iv is None or pred_iv is None:
        return gold_iv is None and pred_iv is None
    return gold_iv[0] <= pred_iv[0] and pred_iv[1] <= gold_iv[1]


# --- people ------------------------------------------------------------------------------------


def _name_key(text: str | None) -> str:
    """Comparable form of a name or mention: case, apostrophes, a leading "the", a possessive."""
    key = norm(text).translate(_APOSTROPHES).lower()
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"'s$", "", key)
    return key.strip(" .,;:")


def _name_tokens(text: str | None) -> list[str]:
    return _name_key(text).split()


def names_match(predicted: str | None, gold: str | None) -> bool:
    """Rules 1 and 2 of the module docstring: equal names, or equal last tokens without conflict."""
    p, g = _name_tokens(predicted), _name_tokens(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1] != g[-1]:
        return False
    if len(p) == 1 or len(g) == 1:
        return True
    a, b = p[0].rstrip("."), g[0].rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _is_name_like(mention: str) -> bool:
    """Mentions that can identify someone: not a pronoun, and a capital letter past a leading "The"."""
    rest = re.sub(r"^\s*the\s+", "", mention, flags=re.IGNORECASE)
    return _name_key(mention) not in _PRONOUNS and any(ch.isupper() for ch in rest)


def person_matches(predicted: dict[str, Any], gold_id: str, gold_people: dict[str, dict[str, Any]]) -> bool:
    """Whether an output person stands for the gold person ``gold_id`` (rules 1-3 of the docstring)."""
    gold = gold_people.get(gold_id)
    if gold is None:
        return False
    pred_name = predicted.get("name")
    if names_match(pred_name, gold.get("name")):
        return True
    others = {pid: p for pid, p in gold_people.items() if pid != gold_id}
    if any(names_match(pred_name, other.get("name")) for other in others.values()):
        return False
    other_keys = {
        _name_key(m)
        for other in others.values()
        for m in [other.get("name"), *other.get("mentions", [])]
        if m
    }
    gold_keys = {
        _name_key(m) for m in [gold.get("name"), *gold.get("mentions", [])] if m and _is_name_like(m)
    } - other_keys
    pred_mentions = [
        m.get("text", "") if isinstance(m, dict) else str(m) for m in predicted.get("mentions", [])
    ]
    return any(_is_name_like(m) and _name_key(m) in gold_keys for m in pred_mentions)


# --- result types ------------------------------------------------------------------------------


@dataclass
class StatementResult:
    """How one gold statement fared: what it was matched to and whether speaker and date are right."""

    gold_id: str
    required: bool
    gold_content: str
    gold_speaker: str | None
    gold_said_on: str | None
    predicted_id: str | None = None
    f1: float = 0.0
    speaker_ok: bool | None = None
    said_on_ok: bool | None = None
    predicted_content: str | None = None
    predicted_speaker: str | None = None
    predicted_person: str | None = None
    predicted_said_on: str | None = None

    @property
    def found(self) -> bool:
        return self.predicted_id is not None


@dataclass
class GoldScore:
    """Counts and per-statement details for one output against one gold file (see module docstring)."""

    removed_found: int = 0
    removed_total: int = 0
    clutter_left: int = 0
    clutter_not_removed: list[str] = field(default_factory=list)
    clutter_left_lines: list[str] = field(default_factory=list)
    title_right: bool = False
    title_predicted: str | None = None
    title_gold: str | None = None
    required_found: int = 0
    required_total: int = 0
    hard_found: int = 0
    hard_total: int = 0
    speaker_right: int = 0
    speaker_wrong: int = 0
    said_on_right: int = 0
    said_on_wrong: int = 0
    extras: int = 0
    extra_ids: list[str] = field(default_factory=list)
    repeats: int = 0
    lookalikes_taken: int = 0
    lookalikes_total: int = 0
    lookalikes_taken_texts: list[str] = field(default_factory=list)
    contradictions_found: int = 0
    contradictions_total: int = 0
    hard_contradictions_found: int = 0
    hard_contradictions_total: int = 0
    contradictions_missing: list[str] = field(default_factory=list)
    per_statement: list[StatementResult] = field(default_factory=list)

    @property
    def required_missed(self) -> int:
        return self.required_total - self.required_found

    def meets_bar(
        self,
        *,
        max_missed: int = 1,
        max_speaker_wrong: int = 1,
        max_said_on_wrong: int = 2,
        max_extras: int = 2,
    ) -> list[str]:
        """The conditions this output fails, worded for a test message; empty means it passes."""
        failed: list[str] = []
        if self.removed_found < self.removed_total:
            failed.append(f"clutter not removed: {self.removed_found}/{self.removed_total} lines in removed")
        if self.clutter_left:
            failed.append(f"clutter left in text: {self.clutter_left} line(s)")
        if not self.title_right:
            failed.append(f"title wrong: {self.title_predicted!r} != {self.title_gold!r}")
        if self.required_found < self.required_total - max_missed:
            failed.append(
                f"required statements found {self.required_found}/{self.required_total} "
                f"(at most {max_missed} may be missed)"
            )
        if self.speaker_wrong > max_speaker_wrong:
            failed.append(
                f"speaker wrong for {self.speaker_wrong} found statement(s) (max {max_speaker_wrong})"
            )
        if self.said_on_wrong > max_said_on_wrong:
            failed.append(
                f"said_on wrong for {self.said_on_wrong} found statement(s) (max {max_said_on_wrong})"
            )
        if self.extras > max_extras:
            failed.append(f"{self.extras} extra statement(s) (max {max_extras})")
        if self.lookalikes_taken:
            failed.append(f"{self.lookalikes_taken} look-alike(s) taken as statements")
        if self.contradictions_found < self.contradictions_total:
            failed.append(
                f"required contradictions found {self.contradictions_found}/{self.contradictions_total}"
            )
        return failed

    def report(self, **bar: int) -> str:
        """A readable multi-line summary: totals, then one line per gold statement, then the verdict."""
        found_total = self.speaker_right + self.speaker_wrong
        lines = [
            f"clutter removed      {self.removed_found}/{self.removed_total}"
            f"   left in text: {self.clutter_left}",
            f"title                {'right' if self.title_right else 'WRONG'}"
            + ("" if self.title_right else f"  (got {self.title_predicted!r}, want {self.title_gold!r})"),
            f"required statements  {self.required_found}/{self.required_total}"
            f"   hard: {self.hard_found}/{self.hard_total}",
            f"speaker right        {self.speaker_right}/{found_total}",
            f"said_on right        {self.said_on_right}/{self.said_on_right + self.said_on_wrong}",
            f"extras               {self.extras}"
            + (f"  {self.extra_ids}" if self.extra_ids else "")
            + (f"   dek repeats: {self.repeats}" if self.repeats else ""),
            f"look-alikes taken    {self.lookalikes_taken}/{self.lookalikes_total}"
            + (f"  {self.lookalikes_taken_texts}" if self.lookalikes_taken_texts else ""),
            f"contradictions       {self.contradictions_found}/{self.contradictions_total}"
            f"   hard: {self.hard_contradictions_found}/{self.hard_contradictions_total}",
        ]
        for line in self.clutter_not_removed:
            lines.append(f"  not removed: {line!r}")
        for line in self.clutter_left_lines:
            lines.append(f"  left in text: {line!r}")
        for missing in self.contradictions_missing:
            lines.append(f"  contradiction missing: {missing}")
        lines.append("statements:")
        for r in self.per_statement:
            tag = "" if r.required else " (hard)"
            if not r.found:
                status = "MISSED" if r.required else "not found"
                lines.append(f"  {r.gold_id}{tag}: {status}  {_clip(r.gold_content)!r}")
                continue
            speaker = (
                "ok" if r.speaker_ok else f"WRONG (got {r.predicted_speaker!r}, want {r.gold_speaker!r})"
            )
            when = "ok" if r.said_on_ok else f"WRONG (got {r.predicted_said_on}, want {r.gold_said_on})"
            lines.append(
                f"  {r.gold_id}{tag}: -> {r.predicted_id} f1={r.f1:.2f} speaker {speaker}; said_on {when}"
            )
        failed = self.meets_bar(**bar)
        lines.append("bar: PASS" if not failed else "bar: FAIL")
        lines.extend(f"  - {f}" for f in failed)
        return "\n".join(lines)


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# --- scoring -----------------------------------------------------------------------------------


def _speaker_ok(
    pred: dict[str, Any], gold: dict[str, Any], people_by_id: dict[str, Any], gold_people: dict
) -> bool:
    speaker = pred.get("speaker")
    if not isinstance(speaker, dict):
        return False
    gold_speaker = gold.get("speaker")
    if gold.get("unresolved"):
        return bool(speaker.get("unresolved"))
    if gold.get("source") == "anonymous" or gold_speaker is None:
        return speaker.get("named") is False
    person = people_by_id.get(speaker.get("person"))
    return person is not None and person_matches(person, gold_speaker, gold_people)


def _said_on_text(said_on: Any) -> str | None:
    if not isinstance(said_on, dict):
        return None if said_on is None else str(said_on)
    start, end = said_on.get("start"), said_on.get("end")
    return str(start) if start == end else f"{start}..{end}"


def _content(pred: dict[str, Any]) -> str:
    content = pred.get("content")
    return (content.get("text") if isinstance(content, dict) else content) or ""


def _speaker(pred: dict[str, Any]) -> dict[str, Any]:
    speaker = pred.get("speaker")
    return speaker if isinstance(speaker, dict) else {}


def _same_source(a: dict[str, Any], b: dict[str, Any]) -> bool:
    sa, sb = _speaker(a), _speaker(b)
    if sa.get("person") or sb.get("person"):
        return sa.get("person") == sb.get("person")
    return sa.get("text") == sb.get("text")


def _joined(preds: Sequence[dict[str, Any]], unit: Sequence[int]) -> str:
    return " ".join(_content(preds[i]) for i in unit)


def _grow(
    content: str | None, preds: Sequence[dict[str, Any]], unit: list[int], free: set[int]
) -> tuple[float, list[int]]:
    """``unit`` with the run-on pieces beside it (free, the same source) added one at a time, on either
    side, while the F1 against ``content`` rises. A join holds at most one statement with a cue: the
    pieces (``cue`` null) run on after it or, for a quote continued over paragraphs, come before it."""
    best = token_f1(content, _joined(preds, unit))
    while True:
        sides = [unit[0] - 1, unit[-1] + 1]
        grown = [
            sorted([*unit, i])
            for i in sides
            if 0 <= i < len(preds)
            and i in free
            and (preds[i].get("cue") is None or all(preds[k].get("cue") is None for k in unit))
            and _same_source(preds[i], preds[unit[0]])
        ]
        scored = [(token_f1(content, _joined(preds, g)), g) for g in grown]
        if not scored or max(f for f, _ in scored) <= best:
            return best, unit
        best, unit = max(scored, key=lambda pair: pair[0])


def score(output: dict[str, Any], gold: dict[str, Any]) -> GoldScore:
    """Score one onrecord output document against one gold annotation (definitions: module docstring)."""
    result = GoldScore()
    document = output.get("document") or {}
    text_norm = norm(document.get("text"))
    removed = {norm(r.get("text")) for r in document.get("removed") or [] if isinstance(r, dict)}

    # Clutter.
    clutter = [
        norm(item["text"] if isinstance(item, dict) else item) for item in gold.get("not_article_text", [])
    ]
    result.removed_total = len(clutter)
    for line in clutter:
        if line in removed:
            result.removed_found += 1
        else:
            result.clutter_not_removed.append(line)
        if line and line in text_norm:
            result.clutter_left_lines.append(line)
    result.clutter_left = len(result.clutter_left_lines)

    # Title.
    result.title_predicted, result.title_gold = document.get("title"), gold.get("title")
    result.title_right = norm(result.title_predicted) == norm(result.title_gold)

    # Statements.
    gold_people = {p["id"]: p for p in gold.get("people", [])}
    people_by_id = {p.get("id"): p for p in output.get("people") or [] if isinstance(p, dict)}
    preds: list[dict[str, Any]] = [s for s in output.get("statements") or [] if isinstance(s, dict)]
    golds: list[dict[str, Any]] = list(gold.get("statements", []))
    results = [
        StatementResult(
            gold_id=g["id"],
            required=not g.get("hard", False),
            gold_content=g.get("content", ""),
            gold_speaker=g.get("speaker") or g.get("source_description") or g.get("source"),
            gold_said_on=g.get("said_on"),
        )
        for g in golds
    ]
    candidates: list[tuple[float, bool, int, int]] = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            f1 = token_f1(g.get("content"), _content(p))
            if f1 >= CANDIDATE_F1:
                candidates.append((f1, _speaker_ok(p, g, people_by_id, gold_people), gi, pi))
    candidates.sort(key=lambda c: (-c[0], not c[1], c[2], c[3]))
    taken: dict[int, tuple[float, list[int]]] = {}
    pred_used: set[int] = set()
    for f1, _, gi, pi in candidates:
        if gi in taken or pi in pred_used:
            continue
        taken[gi] = (f1, [pi])
        pred_used.add(pi)
    # run-on pieces: first those beside a taken statement, then joins for a gold statement left over
    free = set(range(len(preds))) - pred_used
    for gi in sorted(taken):
        taken[gi] = _grow(golds[gi].get("content"), preds, taken[gi][1], free)
        free -= set(taken[gi][1])
    for gi, g in enumerate(golds):
        if gi in taken:
            continue
        grown = [_grow(g.get("content"), preds, [pi], free) for pi in sorted(free)]
        best = max(grown, key=lambda pair: pair[0], default=(0.0, []))
        if best[0] >= CANDIDATE_F1:
            taken[gi] = best
            free -= set(best[1])
    pred_used = set(range(len(preds))) - free
    gold_used = set(taken)
    for gi, (f1, unit) in sorted(taken.items()):
        # the statement with a cue speaks for a join ("..." / '"...," she said' / "..."), else the first
        pi = next((i for i in unit if preds[i].get("cue") is not None), unit[0])
        speaker_right = _speaker_ok(preds[pi], golds[gi], people_by_id, gold_people)
        g, p, r = golds[gi], preds[pi], results[gi]
        speaker = _speaker(p)
        r.predicted_id = p.get("id")
        r.f1 = f1
        r.speaker_ok = speaker_right
        r.said_on_ok = said_on_ok(p.get("said_on"), g.get("said_on"))
        r.predicted_content = _joined(preds, unit)
        r.predicted_speaker = speaker.get("text")
        r.predicted_person = speaker.get("person")
        r.predicted_said_on = _said_on_text(p.get("said_on"))
    for r in results:
        if r.required:
            result.required_total += 1
            result.required_found += r.found
        else:
            result.hard_total += 1
            result.hard_found += r.found
        if r.found:
            if r.speaker_ok:
                result.speaker_right += 1
            else:
                result.speaker_wrong += 1
            if r.said_on_ok:
                result.said_on_right += 1
            else:
                result.said_on_wrong += 1
    result.per_statement = results

    dek_gold = {gi for gi, g in enumerate(golds) if g.get("also_in_dek")}
    repeat_preds = {pi for _, _, gi, pi in candidates if gi in dek_gold and gi in gold_used}
    for pi, p in enumerate(preds):
        if pi in pred_used:
            continue
        if pi in repeat_preds:
            result.repeats += 1
        else:
            result.extras += 1
            result.extra_ids.append(str(p.get("id")))

    # Look-alikes.
    contents = [_content(p) for p in preds]
    for item in gold.get("not_statements", []):
        text = item["text"] if isinstance(item, dict) else item
        result.lookalikes_total += 1
        if any(token_f1(text, c) >= LOOKALIKE_F1 for c in contents):
            result.lookalikes_taken += 1
            result.lookalikes_taken_texts.append(text)

    # Contradictions.
    matched = {r.gold_id: r.predicted_id for r in results if r.found}
    predicted_pairs = {
        frozenset((c.get("a"), c.get("b"))) for c in output.get("contradictions") or [] if isinstance(c, dict)
    }
    for c in gold.get("contradictions", []):
        a, b = matched.get(c["a"]), matched.get(c["b"])
        found = a is not None and b is not None and frozenset((a, b)) in predicted_pairs
        if c.get("hard", False):
            result.hard_contradictions_total += 1
            result.hard_contradictions_found += found
        else:
            result.contradictions_total += 1
            result.contradictions_found += found
            if not found:
                result.contradictions_missing.append(f"{c['a']} vs {c['b']}")
    return result


# --- CLI ---------------------------------------------------------------------------------------


def _select_output(objects: Sequence[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """One object is taken as is; from several, the one whose source names the gold's document."""
    if len(objects) == 1:
        return objects[0]
    wanted = Path(str(gold.get("document", ""))).name
    chosen = [
        o for o in objects if wanted and str((o.get("document") or {}).get("source", "")).endswith(wanted)
    ]
    if len(chosen) != 1:
        raise ValueError(
            f"{len(objects)} documents in the output and {len(chosen)} whose source ends with {wanted!r}"
        )
    return chosen[0]


def load_output(path: Path, gold: dict[str, Any]) -> dict[str, Any]:
    """Read a JSON or JSON-lines output file and pick the document this gold file annotates."""
    raw = path.read_text(encoding="utf-8")
    try:
        objects: list[dict[str, Any]] = [json.loads(raw)]
    except json.JSONDecodeError:
        objects = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return _select_output(objects, gold)


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m onrecord.evaluation.gold OUTPUT.json GOLD.json``: print the report, 1 if the bar fails."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or any(a in ("-h", "--help") for a in args):
        print("usage: python -m onrecord.evaluation.gold OUTPUT.json GOLD.json", file=sys.stderr)
        return 2
    try:
        gold = json.loads(Path(args[1]).read_text(encoding="utf-8"))
        output = load_output(Path(args[0]), gold)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = score(output, gold)
    print(result.report())
    return 1 if result.meets_bar() else 0


if __name__ == "__main__":
    sys.exit(main())
