"""People across documents: which ledger person a name in one article is.

Inside one article the pipeline already joins "Donald Trump", "Trump", "Mr. Trump" and "he" into one
``Person`` whose ``name`` is the fullest name the article gives. Across articles the ledger has to decide
again, with nothing but names and context, because no coreference or entity-linking model can be
installed here. The rules, in the order they are tried for one article's person:

1. **A user's correction wins.** ``onrecord people merge`` and ``split`` store rules keyed by the
   normalised alias (``name_key``); a rule for this article (a document-level split) outranks a general
   one. Rules are applied at every ingest, so corrections survive re-ingestion.
2. **Organisations** join the organisation with the same normalised name, else a new one.
3. **A full name** ("Donald J. Trump", "Hillary Rodham Clinton") joins a person with the same first and
   last name (and suffix: "Donald Trump Jr." is someone else) whose middle names are compatible: either
   side has none, or their initials agree ("J." = "John"; "George W. Bush" is not "George H. W. Bush").
   Honorifics and titles ("Mr.", "Sen.", "President") never count. Several compatible people: the exact
   middle name first, then the one in most documents. A surname-only person made earlier ("Trump" from
   an article that never gave a first name) is given the full name when the first full name with that
   surname arrives, so ingest order does not split one person in two.
4. **A surname alone** ("Clinton") means the article never gave this person's full name (else the
   article's own mentions would have joined it). With one ledger person of that surname it is that
   person; with several ("Bill Clinton", "Hillary Clinton") the article's context decides, by points:
   a candidate's full name, or first name as a word, in the article's text (3 and 1); the mention as
   written ("Mrs. Clinton", "Secretary Clinton") already seen for exactly one candidate (2); the share of
   the article's other people that the candidate has appeared with before (up to 2). Ties go to the
   candidate in most documents. With none, a new surname-only person is made.

The scoring is deliberately plain so that a wrong join can be explained and corrected with
``people merge`` / ``people split`` rather than tuned away.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Words that precede a name without being part of it; stripped from the front only.
TITLES = frozenset(
    """
    mr mrs ms miss mx dr sir dame lord lady prof professor rev reverend fr father sister brother
    sen senator rep representative congressman congresswoman gov governor lt president vice
    secretary gen general col colonel maj major capt captain adm admiral sgt cmdr commander
    judge justice mayor chancellor minister prime premier king queen prince princess sheikh pope
    speaker chairman chairwoman chair ambassador attorney former the then first deputy chief
    candidate nominee presidential democratic republican gop u.s. us state treasury
    """.split()
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PRONOUNS = frozenset(
    "he him his himself she her hers herself they them their theirs themselves it its i me my we us our "
    "you your".split()
)

_TOKEN = re.compile(r"[^\W\d_][\w'.-]*", re.UNICODE)


@dataclass(frozen=True)
class NameParts:
    """A personal name split for matching: lower-case, accents and dots removed, titles dropped."""

    first: str | None
    middle: tuple[str, ...]
    last: str
    suffix: str | None

    @property
    def key(self) -> str:
        """The normalised alias: first and last name (and suffix), without middle names or titles."""
        parts = [p for p in (self.first, self.last, self.suffix) if p]
        return " ".join(parts)

    @property
    def full(self) -> bool:
        """True when a first name is known, i.e. this is more than a surname."""
        return self.first is not None


def _fold(text: str) -> str:
    """Lower-case without accents, with typographic apostrophes made plain."""
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def tokens(text: str) -> list[str]:
    """Name tokens: words without trailing dots or possessive 's, hyphenated names kept whole."""
    out = []
    for raw in _TOKEN.findall(_fold(text)):
        tok = raw.strip(".'-")
        if tok.endswith("'s"):
            tok = tok[:-2]
        tok = tok.replace(".", "")
        if tok:
            out.append(tok)
    return out


def parse_name(text: str) -> NameParts | None:
    """Split a name as written into parts, or None when nothing name-like is left.

    >>> parse_name("Donald J. Trump").key
    'donald trump'
    >>> parse_name("Mr. Trump").key
    'trump'
    """
    toks = tokens(text)
    while len(toks) > 1 and toks[0] in TITLES:
        toks = toks[1:]
    if not toks:
        return None
    suffix = None
    if len(toks) > 1 and toks[-1] in SUFFIXES:
        suffix = toks[-1]
        toks = toks[:-1]
    if len(toks) == 1:
        return NameParts(None, (), toks[0], suffix)
    return NameParts(toks[0], tuple(toks[1:-1]), toks[-1], suffix)


def name_key(text: str) -> str:
    """The key aliases and correction rules are stored under ("Mr. Donald J. Trump" -> "donald trump")."""
    parts = parse_name(text)
    return parts.key if parts else " ".join(tokens(text))


def org_key(text: str) -> str:
    """An organisation's key: its words, lower-case, without a leading "the"."""
    toks = tokens(text)
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


def middles_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Middle names agree when either side has none or their initials match one for one."""
    if not a or not b:
        return True
    return len(a) == len(b) and all(x[0] == y[0] for x, y in zip(a, b, strict=True))


def is_alias(mention: str, name: str, organization: bool = False) -> bool:
    """True when a mention as written is a proper name for ``name`` ("Mr. Trump" for "Donald Trump").

    Pronouns and descriptions ("he", "the real estate mogul") are mentions but not aliases: only
    capitalised mentions whose name words are all words of the person's name (initials matching by
    letter) are kept as aliases, so the alias list is something a reader can check.
    """
    text = mention.strip()
    if not text or not text[0].isupper() or _fold(text) in PRONOUNS:
        return False
    if organization:
        return bool(set(tokens(org_key(text))) & set(tokens(org_key(name))))
    parts = parse_name(text)
    target = parse_name(name)
    if parts is None or target is None:
        return False
    # A middle initial ("Donald J. Trump") may stand for a middle name this person was never given.
    words = [p for p in (parts.first, *(m for m in parts.middle if len(m) > 1), parts.last) if p]
    known = [p for p in (target.first, *target.middle, target.last) if p]
    return all(any(w == k or (len(w) == 1 and k.startswith(w)) for k in known) for w in words)


@dataclass
class Candidate:
    """A ledger person that an article's surname-only person might be, with what is known of them."""

    id: int
    name: str
    documents: int
    aliases_written: frozenset[str]  # lower-cased aliases as written, e.g. "mrs. clinton"
    comentions: int = 0  # documents shared with the article's other people


def context_scores(
    candidates: Iterable[Candidate], text: str, written: Iterable[str]
) -> list[tuple[float, int, Candidate]]:
    """Score surname-only candidates against one article (rule 4 of the module docstring), best first.

    Each entry is ``(points, documents, candidate)``; sorting on both makes the tie-break (most
    documents) explicit.
    """
    cands = list(candidates)
    folded = _fold(text)
    words = set(tokens(text))
    # Only written forms that say more than the bare surname ("Mrs. Clinton", "Secretary Clinton") tell
    # people apart; "Clinton" itself is written for every Clinton.
    written_l = {_fold(w).strip() for w in written if len(tokens(w)) > 1}
    max_co = max((c.comentions for c in cands), default=0)
    out: list[tuple[float, int, Candidate]] = []
    for cand in cands:
        points = 0.0
        parts = parse_name(cand.name)
        if parts is not None and parts.first:
            full = f"{parts.first} {parts.last}"
            if re.search(rf"\b{re.escape(full)}\b", folded):
                points += 3
            elif parts.first in words:
                points += 1
        own = written_l & cand.aliases_written
        if own and not any(own & other.aliases_written for other in cands if other is not cand):
            points += 2
        if max_co:
            points += 2 * cand.comentions / max_co
        out.append((points, cand.documents, cand))
    out.sort(key=lambda t: (t[0], t[1], -t[2].id), reverse=True)
    return out
