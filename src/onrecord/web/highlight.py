"""The article text with its attributions marked, built piece by piece so that every piece is escaped.

The text is an untrusted scrape: a quote may hold ``<script>``. Marking it up by inserting tags into the
raw string and trusting the result would run that script, so instead the text is cut at every span
boundary into plain pieces, each piece is escaped on its own (``markupsafe.escape``), and only the tags
this module writes are left unescaped. Overlapping spans (a speaker named inside another statement's
quote) are handled by cutting at every boundary and giving each piece the roles of all spans over it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from onrecord.ledger import StoredStatement

#: A piece inside several spans is drawn in the colour of the first of these it has.
ROLES = ("speaker", "anonymous", "cue", "content")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    role: str
    statement: StoredStatement


def _spans(statements: Iterable[StoredStatement], lo: int, hi: int) -> list[_Span]:
    out: list[_Span] = []

    def add(start: int | None, end: int | None, role: str, s: StoredStatement) -> None:
        if start is None or end is None:
            return
        start, end = max(start, lo), min(end, hi)
        if start < end:
            out.append(_Span(start, end, role, s))

    for s in statements:
        for start, end in s.content_spans:
            add(start, end, "content", s)
        for start, end in s.repeated_at:
            add(start, end, "content", s)
        if s.cue_span:
            add(*s.cue_span, "cue", s)
        if s.speaker_span:
            add(*s.speaker_span, "speaker" if s.named else "anonymous", s)
    return out


def describe(s: StoredStatement) -> str:
    """One line about a statement for a tooltip: who, how, when."""
    if s.named:
        who = s.person_name or s.speaker_text or "unknown speaker"
    else:
        who = f"anonymous: {s.description or s.speaker_text or 'unnamed source'}"
    when = s.date or "undated"
    return f"#{s.id} {who} · {s.kind.replace('_', ' ')} · {when}"


def highlight(
    text: str, statements: Sequence[StoredStatement], start: int = 0, end: int | None = None
) -> Markup:
    """``text[start:end]`` as safe HTML: each statement's speaker, cue and content in a ``<mark>`` of its
    role's class, an empty anchor ``id="s<id>"`` where each statement's content begins, and every
    character of the text itself escaped."""
    hi = len(text) if end is None else min(end, len(text))
    lo = max(0, start)
    spans = _spans(statements, lo, hi)
    anchors: dict[int, list[int]] = {}
    for s in statements:
        if s.content_spans and lo <= s.content_spans[0][0] < hi:
            anchors.setdefault(s.content_spans[0][0], []).append(s.id)
    anon_ends = {x.end for x in spans if x.role == "anonymous"}
    cuts = sorted({lo, hi, *anchors} | {x.start for x in spans} | {x.end for x in spans})
    by_start = sorted(spans, key=lambda x: x.start)
    out: list[str] = []
    active: list[_Span] = []
    i = 0
    for a, b in itertools.pairwise(cuts):
        for sid in anchors.get(a, ()):
            out.append(f'<span class="anchor" id="s{int(sid)}"></span>')
        while i < len(by_start) and by_start[i].start <= a:
            active.append(by_start[i])
            i += 1
        active = [x for x in active if x.end > a]
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        roles = {x.role for x in active}
        top = next(r for r in ROLES if r in roles)
        classes = " ".join(["hl", f"hl-{top}", *(f"in-{r}" for r in ROLES if r in roles and r != top)])
        owners = list(dict.fromkeys(x.statement.id for x in active))
        tip = "; ".join(describe(x.statement) for x in {x.statement.id: x for x in active}.values())
        out.append(
            f'<mark class="{classes}" data-statements="{" ".join(str(int(o)) for o in owners)}" '
            f'title="{escape(tip)}">{piece}</mark>'
        )
        if b in anon_ends and "anonymous" in roles:
            out.append('<span class="visually-hidden"> (anonymous source)</span>')
    return Markup("".join(out))


def mark_spans(text: str, spans: Sequence[tuple[int, int, str]], offset: int = 0) -> Markup:
    """``text`` as safe HTML with each ``(start, end, role)`` span in a ``<mark class="hl hl-<role>">``.

    Spans are offsets into the document ``text`` was cut from, ``offset`` being where it starts (an
    evidence sentence's start). Where spans overlap, the first one given wins the piece: the cut at
    every boundary and the piecewise escaping are ``highlight``'s, for the same reason (the text is an
    untrusted scrape).
    """
    inside = [(max(a - offset, 0), min(b - offset, len(text)), role) for a, b, role in spans]
    inside = [(a, b, role) for a, b, role in inside if a < b]
    cuts = sorted({0, len(text), *(a for a, _, _ in inside), *(b for _, b, _ in inside)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        role = next((r for s, e, r in inside if s <= a and b <= e), None)
        out.append(str(piece) if role is None else f'<mark class="hl hl-{escape(role)}">{piece}</mark>')
    return Markup("".join(out))


_QUOTED = re.compile(r"'([^']{1,60})'")
_WORD = re.compile(r"[\w’'-]+")
#: Words that turn a statement around, for display only: the judge has its own lists, which the
#: proposition-reading refactor of issue 15 is folding into one module; this should read that once
#: it lands.
_TURNING = frozenset(
    {"not", "n't", "n’t", "never", "no", "cannot", "nor", "neither", "nobody", "nothing", "none"}
)


def _stem(word: str) -> str:
    return word.lower().strip("’'")[:5]


def clash_words(text: str, other: str, explanation: str) -> Markup:
    """A pair's statement with the words to compare marked: those the explanation quotes ("stance on
    'x' turned", "antonyms: 'support' earlier, 'oppose' later"), a turning word ("never", "not") the
    other statement lacks, and the shared word it turns (the next few words that both statements use,
    "never support" against "now supports")."""
    # A quoted term ('support'), not a quoted statement: the in-article rule quotes whole sentences.
    terms = [q.split() for q in _QUOTED.findall(explanation)]
    quoted = {w.strip().lower() for words in terms if len(words) <= 3 for w in words}
    mine = list(_WORD.finditer(text))
    theirs = [m.group().lower() for m in _WORD.finditer(other)]
    shared = {_stem(w) for w in theirs if len(w) > 3}
    turning_here = {w for w in (m.group().lower() for m in mine) if w in _TURNING} - set(theirs)
    turning_there = {w for w in theirs if w in _TURNING} - {m.group().lower() for m in mine}
    marked: set[int] = set()
    for i, m in enumerate(mine):
        word = m.group().lower()
        if word in quoted and (len(word) > 1):
            marked.add(i)
        if word in turning_here:
            marked.add(i)
            marked.update(j for j in range(i + 1, min(i + 4, len(mine))) if _stem(mine[j].group()) in shared)
    if turning_there:  # the other statement turns a word this one holds: mark it here too
        turned = {
            _stem(theirs[j])
            for i, w in enumerate(theirs)
            if w in turning_there
            for j in range(i + 1, min(i + 4, len(theirs)))
            if len(theirs[j]) > 3
        }
        marked.update(i for i, m in enumerate(mine) if len(m.group()) > 3 and _stem(m.group()) in turned)
    return mark_spans(text, [(mine[i].start(), mine[i].end(), "clash") for i in sorted(marked)])


def search_matches(text: str, query: str | None) -> Markup:
    """A statement with the words a search matched marked, so a reader sees why it was found.

    The query is read as the ledger reads it (``ledger.search_query``); a word also marks its longer
    forms ("toll" marks "tolls"), as the index's stemming matched them, and a phrase marks its words in
    a row. Without a query the text is only escaped.
    """
    from onrecord.ledger.search_query import parse

    terms = [term for group in parse(query or "") for term in group]
    if not terms:
        return escape(text)
    patterns = [r"\W+".join(rf"\b{re.escape(w)}\w*" for w in term.words) for term in terms]
    found = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return mark_spans(text, [(m.start(), m.end(), "match") for m in found.finditer(text)])
