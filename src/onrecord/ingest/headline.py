"""The headline of a whole-page scrape: the page title, less the site's name, found again over the story.

A page saved as text starts with its ``<title>`` ("Council delays depot vote | The Marlow Courier"), and
somewhere above the story the same headline is printed again as the page's heading, sometimes worded a
little differently ("Council delays vote on new bus depot"). The heading just above the story is the
headline a reader sees, so it is preferred; the page title, less its site name, is the fallback. The
heading is found by word overlap with the page title, not by its case or its shape, because headlines
are written in title case and in sentence case alike, and either can look like a line of prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: Separators between a page title and the site's name ("Title | Site", "Title - Site", "Site » Title").
_SITE_SEP = re.compile(r"\s+(?:\||-|–|—|::|»|«|·|•)\s+|\s*\|\s*")
_TOKEN = re.compile(r"\w+(?:['’]\w+)?")
#: A site's name after a separator: a few words, none of them a lowercase content word.
_SITE_WORDS = 6
#: Word overlap (Dice over word sets) a heading needs with the page title to be its printed copy.
MIN_OVERLAP = 0.5
#: A heading closer than this many lines above the story may overlap less (rewritten headlines).
NEAR_LINES = 25
NEAR_OVERLAP = 0.4
#: A near copy of the page title (a few words added or dropped).
SAME_OVERLAP = 0.8
#: Headlines are short: a longer line is a paragraph that happens to share words with the title.
MAX_WORDS = 30


_URL = re.compile(r"://|^\S+\.\S+/\S*$")
#: A rewritten heading still shares some words with the page title.
LAYOUT_OVERLAP = 0.25
#: How far above the story the byline and date block may sit.
LAYOUT_LINES = 30


def _tokens(text: str) -> set[str]:
    return {_plural_stripped(_owner_stripped(t.lower().replace("’", "'"))) for t in _TOKEN.findall(text)}


def _owner_stripped(word: str) -> str:
    """ "Vale's novels" are about Vale: a possessive is its noun's word."""
    return word[:-2] if word.endswith("'s") and len(word) > 2 else word


def _plural_stripped(word: str) -> str:
    """ "stores" and "store" are one word to a headline's reader (Harman's S-stemmer, reduced)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def overlap(a: str, b: str) -> float:
    """Dice coefficient of the two lines' word sets: 1.0 for the same words in any order."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def _site_like(segment: str) -> bool:
    words = _TOKEN.findall(segment)
    return 0 < len(words) <= _SITE_WORDS and not any(w[0].islower() and len(w) > 3 for w in words)


@dataclass(frozen=True)
class PageTitle:
    """The headline part of a page title: ``start``/``end`` index into the title line."""

    start: int
    end: int

    def text(self, line: str) -> str:
        return line[self.start : self.end]


_DOMAIN = re.compile(r"\w\.(?:com|org|net|co|uk|ca|au|in|news|info)\b", re.I)


def page_title_core(line: str, elsewhere: str = "") -> PageTitle | None:
    """The headline inside a ``<title>`` line: the longest segment once site names around it are cut.

    Only segments that look like a site's name (a few capitalised words: "TheHill", "Los Angeles
    Times", "News") are cut. After a bar the name is cut on its looks; after a dash only when the page
    prints it elsewhere (``elsewhere``: the rest of the page) or it is a domain, because a title-case
    headline goes on after a dash too ("Ortiz Says Toll Is Fair — Dunn Disagrees", "Poll - Clinton
    Leads").
    """
    stripped = line.strip()
    if not stripped:
        return None
    offset = line.index(stripped)
    cuts = [(m.start(), m.end()) for m in _SITE_SEP.finditer(stripped)]
    bounds = [0, *(x for cut in cuts for x in cut), len(stripped)]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    lowered = elsewhere.lower()

    def site(k: int, sep: tuple[int, int]) -> bool:
        segment = stripped[slice(*pieces[k])]
        if not _site_like(segment):
            return False
        bar = stripped[slice(*sep)].strip() in {"|", "»", "«", "::"}
        return bar or bool(_DOMAIN.search(segment)) or segment.lower() in lowered

    longest = max(range(len(pieces)), key=lambda k: len(_TOKEN.findall(stripped[slice(*pieces[k])])))
    first, last = longest, longest
    # Segments beside the longest that are not site names belong to the headline ("Opinion - X - Y").
    while first > 0 and not site(first - 1, cuts[first - 1]):
        first -= 1
    while last < len(pieces) - 1 and not site(last + 1, cuts[last]):
        last += 1
    return PageTitle(offset + pieces[first][0], offset + pieces[last][1])


def find_heading(lines: list[str], story_start: int, title: str, usable: set[int]) -> int | None:
    """The line above the story (index into ``lines``) that prints the page title ``title`` again.

    ``usable`` holds the indexes of lines that may be the heading (not already known as clutter of
    another kind). The best overlap wins, nearer lines on a tie; the first line (the title) never counts.
    The story's first line counts only as a near copy: a headline in sentence case can end with a stop
    and look like the story's first sentence, but an opening sentence merely sharing words is no heading.
    """
    best: tuple[float, int] | None = None
    for i in sorted(usable):
        if i == 0 or i > story_start or (i == story_start and overlap(title, lines[i]) < SAME_OVERLAP):
            continue
        n_words = len(_TOKEN.findall(lines[i]))
        if not 2 <= n_words <= MAX_WORDS or _URL.search(lines[i]):
            continue
        score = overlap(title, lines[i])
        distance = abs(story_start - i)
        needed = NEAR_OVERLAP if distance <= NEAR_LINES else MIN_OVERLAP
        if score < needed:
            continue
        key = score - 0.005 * distance
        if best is None or key > best[0]:
            best = (key, i)
    return best[1] if best else None


def heading_by_layout(
    lines: list[str],
    story_start: int,
    title: str,
    usable: set[int],
    is_stamp: Callable[[str], bool],
    is_heading: Callable[[str], bool],
) -> int | None:
    """The heading of a page whose printed headline is reworded from its page title.

    Pages print the headline right above the byline and date (some right below them, over the story):
    the nearest stamp above the story marks the spot, and the heading is the first headline-shaped line
    above that block, else between it and the story (``is_heading``),
    passing over short labels ("By", a section name, the author's name) and the dek. It must still share
    some words with the page title, so a section heading is not taken for it.
    """
    stamp = next(
        (
            i
            for i in range(story_start - 1, max(story_start - LAYOUT_LINES, 0), -1)
            if is_stamp(lines[i].strip())
        ),
        None,
    )
    if stamp is None:
        return None
    # failing a heading above, some layouts print it under the byline and date, right over the story
    below = range(stamp + 1, story_start)
    for i in [*range(stamp - 1, max(stamp - LAYOUT_LINES, 0), -1), *below]:
        line = lines[i].strip()
        if not line or is_stamp(line) or len(_TOKEN.findall(line)) <= 3:
            continue
        if (
            i in usable
            and is_heading(line)
            and not _URL.search(line)
            and overlap(title, line) >= LAYOUT_OVERLAP
        ):
            return i
    return None


def repeated_heading(
    lines: list[str], title: str, story_start: int, usable: set[int], is_heading: Callable[[str], bool]
) -> int | None:
    """The heading of a page whose ``<title>`` is only the site's name ("Quanta Magazine"), which no
    heading need share a word with: the headline-shaped line printed twice above the story (a bar at
    the top of the page and the heading itself), its later copy."""
    if not (_site_like(title) and len(_TOKEN.findall(title)) <= _SITE_TITLE_WORDS):
        return None
    seen: dict[str, list[int]] = {}
    for i in sorted(usable):
        line = lines[i].strip()
        if i >= story_start or len(_TOKEN.findall(line)) < 4 or _URL.search(line) or not is_heading(line):
            continue
        seen.setdefault(line, []).append(i)
    repeated = [found[-1] for found in seen.values() if len(found) >= 2]
    return max(repeated) if repeated else None


#: A page title this short, in a site name's shape, may be the site's name alone.
_SITE_TITLE_WORDS = 3
