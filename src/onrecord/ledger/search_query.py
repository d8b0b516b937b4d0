"""What people type in a search box, as one query for SQLite FTS5 and for PostgreSQL full-text search.

The syntax is the one people already use: words (all must appear), ``"quoted phrases"``, ``OR``
between two terms (either may appear), and a trailing ``*`` for a prefix (``librar*`` finds library,
libraries, librarian). ``OR`` binds tighter than the implicit AND, as in web search engines:
``bridge OR tunnel toll`` is (bridge or tunnel) and toll.

The query is parsed here once and written out for each back end, so the same words find the same
statements on both: the user's text is never handed to FTS5's own syntax (where ``NEAR(`` or a stray
quote is an error) nor to ``websearch_to_tsquery`` (which knows no prefixes). Only ``\\w+`` words reach
either, so nothing a user types can break out of a term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"?(\*?)|(\S+)')


@dataclass(frozen=True)
class Term:
    """Words that must appear together, in order (one word is a phrase of one); ``prefix`` lets the
    last word be the start of a longer one."""

    words: tuple[str, ...]
    prefix: bool = False


#: A parsed query: every group must match; a group matches when any of its terms does.
Query = tuple[tuple[Term, ...], ...]


def parse(text: str) -> Query:
    """The groups of ``text``; empty when it holds no words (then nothing can match)."""
    groups: list[list[Term]] = []
    joined = False
    for phrase, star, bare in _TOKEN.findall(text):
        if not phrase and bare in ("OR", "|"):
            joined = bool(groups)
            continue
        raw = phrase if phrase or star else bare
        words = tuple(re.findall(r"\w+", raw))
        if not words:
            continue
        term = Term(words, prefix=bool(star) or (not phrase and bare.endswith("*")))
        if joined:
            groups[-1].append(term)
        else:
            groups.append([term])
        joined = False
    return tuple(tuple(g) for g in groups)


def to_fts5(query: Query) -> str | None:
    """An FTS5 MATCH expression: ``"bridge" AND ("toll" OR "librar" *)``; None for no words."""
    if not query:
        return None

    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + (" *" if t.prefix else "")

    parts = [term(g[0]) if len(g) == 1 else "(" + " OR ".join(term(t) for t in g) + ")" for g in query]
    return " AND ".join(parts)


def to_tsquery(query: Query) -> str | None:
    """A ``to_tsquery`` text: ``'bridge' & ('toll' | 'librar':*)``, phrases joined by ``<->``; None
    for no words. Each word is stemmed by ``to_tsquery`` itself, as the indexed text was."""
    if not query:
        return None

    def term(t: Term) -> str:
        lexemes = [f"'{w}'" for w in t.words]
        if t.prefix:
            lexemes[-1] += ":*"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

    parts = [term(g[0]) if len(g) == 1 else "(" + " | ".join(term(t) for t in g) + ")" for g in query]
    return " & ".join(parts)
