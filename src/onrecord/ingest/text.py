"""The text-scrape cleaner: take page clutter out of a copied news page, line by line, and say why.

A scrape (a page saved as text, a browser copy, a feed's plain-text body) carries lines that are not
the story: browser notices, image labels and photo credits, "Related:" links, video teasers, bylines
and timestamps. Left in, they become false statements and false speakers downstream. The rules judge
one line at a time by its *shape*: word lists anchored at the start or filling the whole line, agency
credits at the end, and short lines without sentence structure. A sentence of the story that happens
to contain "video" or "related" is long, starts like prose and so stays.

Every removed line is reported with its kind, so a reader can see what was dropped; every kept line is
byte-identical to the input, so nothing the story says is changed.

The word lists are data (``onrecord/data/page_chrome.json``, see ``onrecord.wordlists``): share-bar
words, name connectors, photo agencies, teaser verbs and media words, byline prefixes and reporters'
roles; the regexes that use them are built here around the lists. The other patterns stay code because
they are grammar, not lists: notices (``_CHROME``), ad labels, "Related:" and teaser labels, credit and
image lines, stamps and dates each join words with optional parts, separators, numbers and anchors
("continue reading(?: the main story| below)?", "more from <a name>"), so a flat list would lose what
decides the match.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from onrecord import posts, wordlists
from onrecord.ingest.bylines import authors
from onrecord.ingest.headline import (
    PageTitle,
    find_heading,
    heading_by_layout,
    page_title_core,
    repeated_heading,
)
from onrecord.ingest.language import word_count
from onrecord.ingest.stamps import MONTH as _MONTH
from onrecord.ingest.stamps import (
    NEAR_HEADLINE,
    PageDate,
    dated_line,
    page_year,
    parse_date,
    stamp_date,
    yearless_stamp_date,
)
from onrecord.ingest.stamps import WEEKDAY as _WEEKDAY
from onrecord.model import Removed, RemovedKind, Span

# --------------------------------------------------------------------------------------------------
# Line shapes.

_WORDS = wordlists.load("page_chrome.json")

_WORD_RX = re.compile(r"[^\W_](?:[\w'’.&-]*[^\W_])?")


@lru_cache(maxsize=512)  # one page's passes ask for its lines' words again and again
def _words(line: str) -> tuple[str, ...]:
    return tuple(_WORD_RX.findall(line))


def _n_words(line: str) -> int:
    return len(_words(line))


_SEP = r"(?:\s*[:|»]\s*|\s+(?:–|—|-{1,2}|>>)\s+)"

# Browser, cookie, account and navigation notices. Each is judged only on a short line.
_CHROME = [
    re.compile(r"\b(?:IE|internet explorer)\s*\d*\s+(?:is\s+)?(?:no\s+longer\s+|not\s+)supported\b", re.I),
    re.compile(
        r"\bbrowser\b.*\b(?:not supported|unsupported|out of date|outdated|upgrade|update|optimal|"
        r"best experience|another|different|modern|newer)\b|"
        r"\b(?:upgrade|update|switch)\b.*\bbrowser\b",
        re.I,
    ),
    re.compile(
        r"\b(?:enable|turn on)\s+javascript\b|\bjavascript\b.{0,20}\b(?:disabled|required|off|turned on|"
        r"turned off|enabled)\b|\bbrowser settings\b",
        re.I,
    ),
    re.compile(
        r"^(?:this|our) (?:site|page|website|app) (?:works best|is best viewed|requires|needs|uses)\b|"
        r"\bfor (?:an optimal|the best|a better) (?:experience|viewing experience)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:uses?|using|use of|accept(?: all)?|about)\s+cookies\b|\bcookie\s+(?:policy|settings|"
        r"preferences|consent|notice)\b",
        re.I,
    ),
    re.compile(
        r"^(?:subscribe|sign up|sign in|log ?in|register)\b.*(?:\bnewsletters?\b|\b(?:now|today|here)\W*$|"
        r"(?<![-\w])free\b|\bunlimited\b|\bdigital\b|\bsubscription\b|\bto (?:read|continue|keep reading|get|"
        r"receive|access)\b|\bfor (?:our|updates|alerts|breaking)\b|\balerts\b|\binbox\b)",
        re.I,
    ),
    re.compile(
        r"^(?:create (?:a|an|your) (?:free )?account|already (?:a subscriber|have an account))\b", re.I
    ),
    re.compile(
        r"\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|delivered|free)\b|"
        r"\b(?:sign up|subscribe)\b.*\bnewsletters?\b",
        re.I,
    ),
    re.compile(r"^(?:get|download|install|try)\s+(?:the|our)\b.{0,40}\bapps?\b", re.I),
    re.compile(
        r"^follow\b.{0,40}\bon\s+(?:twitter|x|facebook|instagram|threads|tiktok|youtube|linkedin|"
        r"bluesky|mastodon|google news|flipboard)\b",
        re.I,
    ),
    re.compile(r"^follow\s+@\w+", re.I),
    # an editor's note on the page's own history, not the story ("This article was amended in 1992 to
    # let governors serve two terms" is a law's article)
    re.compile(
        r"^this (?:story|post|article) "
        r"(?:has been (?:updated|corrected)|was (?:updated|corrected) (?:on|at)\b)",
        re.I,
    ),
    re.compile(r"^(?:copyright\b|©|\(c\))\s*(?:©\s*|\(c\)\s*)?(?:\d{4}\b|(?-i:[A-Z]))", re.I),
    re.compile(r"\ball rights reserved\b|\bmay not be (?:published|reproduced),? broadcast\b", re.I),
    re.compile(
        r"^(?:skip to (?:main )?content|skip navigation|jump to (?:main )?content|back to top|"
        r"terms of (?:use|service)|privacy (?:policy|notice)|contact us|about us|"
        r"advertise with us|site ?map|(?:show|hide|view|read|load|see) (?:all )?(?:\d+ )?comments?|"
        r"\d+ comments?|comments?|menu|search|close|home|loading\.*|open navigation menu|"
        r"toggle navigation|log ?in|sign ?in|sign up|subscribe|register|print|email|share)\W*$",
        re.I,
    ),
]

# Share bars: every word is a share word and at least one is a network or an action.
_SHARE_ACTIONS = set(_WORDS["share_actions"])
_SHARE_FILLER = set(_WORDS["share_filler"])

_AD = re.compile(
    r"^(?:advertisements?|advert|ads?|sponsored(?: content| stories| links| post)?|paid (?:content|post|"
    r"partner content|for by [\w .,&'’-]+)|promoted(?: content| stories)?|supported by|from our sponsors?|"
    r"(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?|"
    r"continue reading(?: the main story| below)?|scroll (?:down )?to continue(?: with content)?|"
    r"advertisement\s*[-–—:]\s*scroll to continue|content continues below|ad feedback)\W*$",
    re.I,
)

# Credits: an agency chain at the very end of a line, after a separator, a "/" or "via".
_AGENCY = wordlists.alternation(_WORDS["agencies"])
_CHAIN = rf"{_AGENCY}(?:\s*(?:[-/–—|]|\bvia\b|\bfor\b)\s*{_AGENCY})*"
# what may close a credit: ", file" (an archive photo) and the closing parenthesis
_CREDIT_CLOSE = r"(?:\s*,?\s*(?:file|File|FILE))?\s*\)?"
_CREDIT_TAIL = re.compile(
    rf"(?:^\(?|[/|]|\s[-–—]|\bvia\b|\(|[.!?”\"’]\s*(?=[A-Z]))\s*{_CHAIN}{_CREDIT_CLOSE}\s*$"
)
# A line that is nothing but a credit may end with a full stop ("Bloomberg via Getty Images."); a sentence
# ending "... obtained via Reuters." may not be taken for one.
_CREDIT_ONLY = re.compile(rf"^\(?{_CHAIN}{_CREDIT_CLOSE}\.\s*$")
_AP_PHOTO = re.compile(r"\(?\bAP (?:Photo|Images)\s*/\s*[A-Z][\w.'’ -]*(?:,\s*(?:file|File|FILE))?\)?\s*$")
_PAREN_CREDIT = re.compile(
    r"\((?:photo|photograph|image|picture|credit|illustration)s?\s*(?:by|:|credit:?)\s*[^()]+\)\s*$", re.I
)
# "... with the bus bays on the left. Credit: Kelso Council": a caption whose credit follows its sentence
_CREDIT_LABEL_TAIL = re.compile(
    r"[.!?”\"’)]\s+(?i:(?:photo |image |picture )?credits?)\s*:\s*"
    r"[A-Z][\w&'’-]*\.?(?:[ /,]+(?:[A-Z][\w&'’-]*\.?|of|the|via|and)){0,5}\s*$"
)
_CREDIT_LINE = re.compile(
    r"^\(?(?:(?:photo|photograph|image|picture|illustration)s?\s*(?:credit|courtesy|source)?"
    r"\s*(?:by|:)|(?:photo |image |picture )?credits?\s*:|courtesy(?: of)?\s)\s*\S",
    re.I,
)
_IMAGE_LABEL = re.compile(
    r"^(?:image|photo|photograph|picture|pictured|caption|image caption|media caption|illustration|graphic|"
    r"gallery|photo gallery|slideshow|file photo|video still)\s*(?:\d+\s*(?:of|/)\s*\d+\s*)?[:|]\s*\S",
    re.I,
)
# Section labels: the genre a page prints over its story ("Obituary", "Analysis") and the field labels of
# a news database's export ("ABSTRACT", "FULL TEXT", "LENGTH: 812 words"), each a line of its own.
_SECTION_LABEL = re.compile(
    r"^(?:abstract|full text|body|highlight|obituary|obituaries|analysis|opinion|editorial|commentary|"
    r"(?-i:LENGTH|LOAD-DATE|SECTION|PUBLICATION-TYPE|DOCUMENT-TYPE|LANGUAGE|GRAPHIC|DATELINE|EDITION)\s*:.*)"
    r"\s*[.:]?$",
    re.I,
)
_SLIDE_COUNTER = re.compile(r"^(?:image|photo|slide)?\s*\d{1,3}\s*(?:of|/)\s*\d{1,3}$", re.I)

_RELATED = re.compile(
    r"^(?:related(?: coverage| stories| articles| content| links| video| reading| news)?|read more|"
    r"read also|also read|read next|more|more from [\w .'’&-]{1,40}|more on [\w .'’&-]{1,40}|see also|"
    r"also see|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed|shared)|"
    r"trending(?: now| stories)?|top stories|don['’]t miss|must read|editor['’]s picks?|"
    r"you (?:may|might) also like|up next|next up|latest news|in other news|further reading|"
    r"more stories|more news|keep reading|what to read next)"
    r"(?P<rest>" + _SEP + r".*)?$",
    re.I,
)

_TEASER_LABEL = re.compile(
    r"^(?:watch(?: live| now| the video)?|video|videos|listen|audio|podcast|play|live(?: updates)?|"
    r"live stream|livestream|photos|gallery|slideshow|interactive)" + _SEP + r"\S",
    re.I,
)
_TEASER_IMPERATIVE = re.compile(r"^(?:▶\s*)?" + wordlists.alternation(_WORDS["teaser_verbs"]) + r"\b", re.I)
_MEDIA_WORD = re.compile(r"\b" + wordlists.alternation(_WORDS["media_words"]) + r"\b", re.I)
_SAID = re.compile(r"\b" + wordlists.alternation(_WORDS["said_verbs"]) + r"\b")
_TEASER_LINE = re.compile(
    r"^(?:▶.*|play(?: video| all)?|replay|now playing|up next|watch(?: now| live| video)?|video|"
    r"(?:duration|runtime)\s*:?\s*\d{1,2}:\d{2}|\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?|"
    r"(?:open|expand|view) (?:gallery|image|slideshow|video)s?)\W*$",
    re.I,
)

# Bylines and timestamps: a line made of segments that are each a byline, a date or a source name.
_SEGMENT_SPLIT = re.compile(r"\s+[|•·/]\s+|\s+[–—-]\s+|\s*;\s*")
_BY_PREFIX = re.compile(
    r"^" + wordlists.alternation(_WORDS["byline_prefixes"]) + r"\s+(?P<names>\S.*)$", re.I
)
_STAMP_PREFIX = re.compile(
    r"^(?:(?:last\s+)?updated|published|posted|first published|originally published|modified|"
    r"last modified|created|date|dated|filed)\b(?:\s+(?:on|at))?\s*:?\s*",
    re.I,
)
_DATE_TOKEN = re.compile(
    rf"^(?:{_MONTH}\.?|{_WEEKDAY}\.?|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:[ap]\.?m\.?)?|"
    r"[ap]\.?m\.?|\d{4}-\d{2}-\d{2}(?:t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"et|est|edt|ct|cst|cdt|pt|pst|pdt|mt|mst|mdt|gmt|utc|bst|cet|cest|ist|aest|aedt|jst|hkt|sgt|z|"
    r"at|on|of|the|a|an|ago|just|now|today|yesterday|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|"
    r"weeks?|months?|updated|published|posted)$",
    re.I,
)
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b|"
    r"\b(?:\d+|an?)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b",
    re.I,
)
_ROLE = re.compile(r"\b" + wordlists.alternation(_WORDS["reporter_roles"]) + r"s?\b", re.I)
_NAME_CONNECTORS = set(_WORDS["name_connectors"])
_NAME_ONLY = re.compile(r"^[A-Z][a-z][\w'’.-]*(?:\s+(?:[A-Z]\.|[A-Z][a-z][\w'’.-]*)){1,3}$")


def _capitalised_words(text: str) -> bool:
    """All words are capitalised names, connectors ("and", "de") or date tokens: no sentence inside."""
    words = _words(text)
    if not words:
        return False
    for w in words:
        if w[0].isupper() or w.lower() in _NAME_CONNECTORS or _DATE_TOKEN.match(w) or w.isdigit():
            continue
        return False
    return True


def _stamp(segment: str) -> bool:
    """A segment that is only a date, a time or "3 hours ago", optionally after "Updated"/"Published"."""
    prefix = _STAMP_PREFIX.match(segment)
    rest = segment[prefix.end() :] if prefix else segment
    if rest.endswith(".") and not re.search(r"[ap]\.m\.$", rest, re.I):
        return False  # "... due on\nFeb 26, 1992." ends a wrapped sentence; a timestamp has no period
    words = re.findall(r"[^\s,|]+", rest)
    if not words or len(words) > 14:
        return False
    if not all(_DATE_TOKEN.match(w.strip("().")) or _DATE_TOKEN.match(w) for w in words):
        return False
    # The words must form a date or a time, not just a stray number or "the".
    return bool(
        parse_date(rest) or _TIME.search(rest) or (re.search(rf"\b{_MONTH}\b", rest, re.I) and prefix)
    )


def _byline_segment(segment: str) -> bool:
    """A "By Jane Doe and John Roe" or "Jane Doe, Senior Reporter" segment."""
    m = _BY_PREFIX.match(segment)
    if m:
        names = m["names"]
        return _n_words(names) <= 16 and _capitalised_words(names)
    name, _, role = segment.partition(",")
    if name.split(" ", 1)[0] in {"The", "A", "An"}:
        return False
    return (
        bool(_NAME_ONLY.match(name.strip()))
        and bool(_ROLE.search(role.split(",")[0]))
        and _n_words(role) <= 6
        and _capitalised_words(role)
    )


def _source_segment(segment: str) -> bool:
    """A short source or publisher name ("NBC News", "Source: Reuters") that may sit beside a byline."""
    segment = re.sub(r"^source\s*:\s*", "", segment, flags=re.I)
    return 0 < _n_words(segment) <= 5 and not re.search(r"\d", segment) and _capitalised_words(segment)


def _byline_or_stamp(line: str) -> bool:
    if _n_words(line) > 30:
        return False
    if line.startswith("(") and line.endswith((")", ").")):
        line = line[1:].rstrip(".").rstrip(")")  # "(Reporting by John Roe; Editing by Ann Poe)"
    segments = [s.strip(" ,") for s in _SEGMENT_SPLIT.split(line) if s.strip(" ,")]
    if not segments:
        return False
    strong = 0
    for seg in segments:
        if _stamp(seg) or _byline_segment(seg):
            strong += 1
        elif not _source_segment(seg):
            return False
    return strong > 0


def _share_bar(line: str) -> bool:
    words = [w.lower() for w in _words(line)]
    if not words or len(words) > 12:
        return False
    has_action = any(w in _SHARE_ACTIONS for w in words)
    return has_action and all(w in _SHARE_ACTIONS or w in _SHARE_FILLER for w in words)


def _link_tail(rest: str | None, n: int) -> bool:
    """After "Related:" comes a headline (short, not starting in lowercase); a bare "Related" header
    is a few words at most. "More: the budget also cuts ..." is a sentence, not a link."""
    if rest is None:
        return n <= 5
    tail = re.sub(rf"^{_SEP}", "", rest)
    return _n_words(tail) <= 25 and not tail[:1].islower()


def _credit_split(line: str) -> int | None:
    """Where a trailing photo credit starts in ``line``, or ``None`` when the line has none.

    A caption with its credit is a few sentences at most; longer lines are paragraphs, and skipping them
    also keeps the agency-chain pattern from backtracking over a huge line.
    """
    if len(line) > 600:
        return None
    starts = []
    for rx in (_CREDIT_TAIL, _AP_PHOTO, _PAREN_CREDIT, _CREDIT_LABEL_TAIL):
        m = rx.search(line)
        if m:
            starts.append(m.start())
    return min(starts) if starts else None


def classify_line(line: str, after_image_label: bool = False) -> RemovedKind | None:
    """The clutter kind of one line, or ``None`` when the line belongs to the story.

    ``after_image_label`` says that the line directly above (no blank line between) was an image label
    such as "Image: ...", in which case a short line is that image's caption.
    """
    s = line.strip()
    if not s or (s[0].islower() and not _BY_PREFIX.match(s)):
        return None  # clutter starts like a label or a name; a lowercase start continues a sentence
    n = _n_words(s)

    if _AD.match(s):
        return "ad"
    if n <= 25 and any(rx.search(s) for rx in _CHROME):
        return "site-chrome"
    if _share_bar(s) or (n <= 8 and _SECTION_LABEL.match(s)):
        return "site-chrome"

    # Images: labels, credits, captions.
    if n <= 40 and _IMAGE_LABEL.match(s):
        rest = s.split(":", 1)[1] if ":" in s else s.split("|", 1)[1]
        split = _credit_split(rest.strip())
        return "credit" if split is not None and _n_words(rest.strip()[:split]) == 0 else "caption"
    if _SLIDE_COUNTER.match(s):
        return "caption"
    if _CREDIT_ONLY.match(s):
        return "credit"
    split = _credit_split(s)
    if split is not None:
        return "caption" if _n_words(s[:split]) >= 3 else "credit"
    if n <= 14 and _CREDIT_LINE.match(s):
        return "credit"
    if after_image_label and n <= 60:
        return "caption"

    # Links to other stories and teasers for embedded media.
    m = _RELATED.match(s)
    if m and n <= 30 and _link_tail(m["rest"], n):
        return "related-link"
    if n <= 30 and _TEASER_LABEL.match(s):
        return "embed-teaser"
    if _TEASER_LINE.match(s):
        return "embed-teaser"
    if n <= 35 and _TEASER_IMPERATIVE.match(s) and _MEDIA_WORD.search(s) and not _SAID.search(s):
        return "embed-teaser"

    if _byline_or_stamp(s):
        return "byline"
    return None


def _is_image_label(line: str) -> bool:
    return bool(_IMAGE_LABEL.match(line.strip()))


# --------------------------------------------------------------------------------------------------
# The line pass shared by text scrapes and HTML extractions.


@dataclass
class _Pass:
    kept: list[tuple[int, str]] = field(default_factory=list)  # (input line index, line)
    removed: list[tuple[int, Removed]] = field(default_factory=list)
    #: Input line index of the story's first line of prose, once the article region is known.
    story_start: int | None = None


_OPEN_END = re.compile(r"[\w,;%$&-]$")


def _hard_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed width (wire copy, e-mail), where a line is only part of a sentence.

    Seen from the next line: in wrapped prose many lines are followed by one that starts in lowercase.
    Only a line long enough to have been wrapped counts: a page's menu of short lowercase links
    ("news", "home page", "world") continues nothing.
    """
    pairs = [
        (a.strip(), b.strip())
        for a, b in itertools.pairwise(lines)
        if len(a.strip()) >= _WRAPPED_CHARS and b.strip()
    ]
    if len(pairs) < 4:
        return False
    # a sentence that ends its line and a reader's name after it ("... a dumpster fire." / "jsmith")
    # continue nothing either
    continued = sum(1 for a, b in pairs if b[0].islower() and not _TERMINAL.search(a))
    return continued / len(pairs) >= 0.25


#: The shortest line that may have been wrapped at a fixed width (wire copy wraps at 60 to 80).
_WRAPPED_CHARS = 30


def _line_pass(text: str) -> _Pass:
    """Drop clutter lines; merge the blank lines that a removal leaves on both sides; strip the ends."""
    out = _Pass()
    lines = text.split("\n")
    wrapped = _hard_wrapped(lines)
    pending_removal = False
    prev_label = False
    for i, line in enumerate(lines):
        prev = lines[i - 1].strip() if i else ""
        # In wrapped prose a line after an open-ended line of prose is the rest of its sentence.
        continues = wrapped and bool(prev) and bool(out.kept) and out.kept[-1][0] == i - 1
        if continues and _OPEN_END.search(prev) and _n_words(prev) >= 6:
            out.kept.append((i, line))
            pending_removal = False
            prev_label = False
            continue
        kind = classify_line(line, after_image_label=prev_label)
        if kind is not None:
            out.removed.append((i, Removed(line.strip(), kind)))
            prev_label = _is_image_label(line)
            pending_removal = True
            continue
        prev_label = False
        if not line.strip():
            if pending_removal and out.kept and not out.kept[-1][1].strip():
                continue  # a removal would leave two blank runs side by side
            out.kept.append((i, line))
            continue
        pending_removal = False
        out.kept.append((i, line))
    while out.kept and not out.kept[0][1].strip():
        out.kept.pop(0)
    while out.kept and not out.kept[-1][1].strip():
        out.kept.pop()
    return out


def strip_clutter(text: str) -> tuple[str, list[Removed]]:
    """Remove clutter lines from ``text`` (no title or dek detection): for text that is already an article
    body, such as trafilatura's extraction, where only stray share bars and credits need to go."""
    p = _line_pass(text)
    return "\n".join(line for _, line in p.kept), [r for _, r in p.removed]


# --------------------------------------------------------------------------------------------------
# The article region of a whole-page scrape.
#
# A scraper that hands over a page's whole visible text brings the menus, the "more stories" teasers,
# the comments and the footer along; no single line of those need look like clutter ("Latest Sports",
# a reader's comment), so the line rules above cannot remove them. What gives them away is the page's
# layout as text: the story is one stretch of consecutive prose paragraphs, while navigation is a run of
# short lines and teaser lists and comments alternate one prose line with a name, a time or a headline.
# So every line gets a score, prose lines their length and every other line a penalty, and the article
# is the stretch with the highest total (Kadane's maximum-sum segment, as in Body Text Extraction, Finn
# et al. 2001, on lines instead of tags). The constants were set on the ScrapingHub article-extraction
# benchmark (docs/BENCHMARKS.md, "Article extraction"); the figure there is measured on the pages they
# were set on.

#: A line this long that trails off in an ellipsis is another story's teaser.
_TEASER_WORDS = 12
#: Prose: at least this many words and sentence-final punctuation (or ``_LONG_WORDS`` words).
_PROSE_WORDS = 4
_LONG_WORDS = 25
#: A line whose words are mostly capitalised is a headline or a name list, not prose.
_MAX_CAPS = 0.6
#: Penalties, in words of prose: a short line, a very short one (menus), a line the rules removed.
_SHORT_PENALTY = 6
_TINY_PENALTY = 8
_REMOVED_PENALTY = 16
#: Clutter that sits inside articles (a caption, an ad slot, a "Related:" link) costs less.
_INLINE_CLUTTER = frozenset({"caption", "credit", "ad", "related-link", "embed-teaser"})
_INLINE_PENALTY = 4
_REPEATED_PENALTY = 12
_COMMENTS_PENALTY = 30
_LIST_HEAD_PENALTY = 40
#: A prose line with no prose neighbour (a teaser under a headline, one comment) counts this much.
_ISOLATED = 0.6
#: Prose inside a comment section counts this much.
_IN_COMMENTS = 0.25
#: A comment section header cuts the article off once this many words of prose come before it.
_CUT_AFTER_WORDS = 60

_TERMINAL = re.compile(r"(?:[.!?…。！？]|[.!?…][\"”’'»)]+|[\"”」』])\s*$")
_SENTENCE_INSIDE = re.compile(r"[.!?。！？][\"”’)]*\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_COMMENTS_HEAD = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies|reactions|discussion)\b.{0,30}$|"
    r"^\W*\d+\s+(?:comments?|responses?|replies)\b|"
    r"\b\d+\s+(?:comments?|responses?)\s*\W*$|"
    r"^(?:top rated|newest|oldest|best|featured)\s+comments?\b|"
    r"^(?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:comment|reply|response)\b|"
    r"^(?:join|start) the (?:discussion|conversation)\b|"
    r"^(?:show|view|load|read|see)\s+(?:all\s+|more\s+)?(?:\d+\s+)?comments?\b|"
    r"^comments? (?:are|have been) (?:closed|disabled)\b",
    re.I,
)
#: Markers that a comment section has begun (a bare "Comments" link can sit above an article; these do not).
_COMMENTS_START = re.compile(
    r"^\W*[1-9]\d*\s+(?:comments?|responses?|replies)\b|\b[1-9]\d*\s+(?:comments?|responses?)\s*\W*$|"
    r"^(?:top rated|newest|oldest|best|featured)\s+comments?\b|^leave a (?:reply|response)\b|"
    r"^comments? (?:are|have been) (?:closed|disabled)\b|^comments powered by\b|"
    r"^(?:join|start) the (?:discussion|conversation)\b|^(?:show|load) more comments\b",
    re.I,
)
_COMMENT_AUTHOR = re.compile(r"^.{1,80}?\b(?:says|said|wrote|writes|replied|replies)\s*:\s*$", re.I)
_LIST_HEAD = re.compile(
    r"^(?:related|recommended|more|popular|trending|latest|top|recent|similar|other|further|read)\b.{0,30}"
    r"\b(?:stories|articles|posts|news|reads|content|videos|coverage|links|reading)\W*$|"
    r"^(?:you (?:may|might) (?:also )?(?:like|enjoy|be interested)|more from\b|more in\b|also on\b|"
    r"read next|up next|what to read next|around the web|from the web|don['’]t miss|"
    r"in case you missed it)",
    re.I,
)


#: A wire credit naming the reporters, wherever it stands: its names are the story's authors.
_REPORTING_BY = re.compile(r"\breport(?:ing|ed) by\b", re.I)
#: A signer: a name of up to five capitalised words, then at most a short description, ending the line.
_SIGNER = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:,[^,]{0,60})?\.?$"
#: A signature line: a dash and a name, then at most a short description.
_SIGNATURE = re.compile(r"^[-–—―]{1,2}\s*" + _SIGNER)
#: A post embedded in the story as a scrape keeps it: its text, then "— Name (@handle) March 3, 2024";
#: and a quotation signed on its own line ('"We were never consulted." — Rosa Tamm, harbor resident').
#: Both are the story's (the rule "signed" reads them), however short or unpunctuated they look.
_SIGNED_LINE = re.compile(
    r"(?:\S\s+[-–—―]{1,2}\s*(?!(?:Follow|Share|Subscribe|Reporting|Photo|Staff)\b)"
    rf"{posts.POSTER}\s*{posts.HANDLE}\s*(?:{posts.POST_DATE})?\s*\.?$)"
    r"|(?:^[\"“][^\"“”]{2,}[\"”]\s*[-–—―]{1,2}\s*" + _SIGNER + ")"
)
_CLOSING = ("”", '"', "’", "''", "»")


def _size(line: str) -> int:
    """Words, with CJK text (written without spaces) counted as one word per two characters."""
    return word_count(line) if _CJK.search(line) else _n_words(line)


def _trigrams(line: str) -> list[tuple[str, ...]]:
    words = [w.lower() for w in _words(line)]
    return [tuple(words[k : k + 3]) for k in range(len(words) - 2)]


def _caps_ratio(line: str) -> float:
    words = _words(line)
    if not words:
        return 1.0
    return sum(1 for w in words if w[0].isupper() or w[0].isdigit()) / len(words)


#: Where a card's headline runs into its blurb with no space ("... In NASCAR FinaleFord v Toyota"):
#: three lower-case letters (so "McDonald", "MacArthur" are names) or a ? or ! before a capital.
_GLUE = re.compile(r"(?:[a-z]{3}|[?!])(?=[A-Z][a-z])")
_TEASER_HEAD_WORDS = 5
_TEASER_HEAD_CAPS = 0.8


def _glued_teaser(line: str) -> bool:
    """A teaser card as whole-page text renders it: another story's Title Case headline glued to the
    first sentence of its blurb. Prose reads as prose after the glue, so the line would pass for a
    paragraph of the story; the headline before the glue gives it away."""
    glue = _GLUE.search(line)
    if glue is None:
        return False
    head = line[: glue.end()]
    return (
        _n_words(head) >= _TEASER_HEAD_WORDS
        and _caps_ratio(head) >= _TEASER_HEAD_CAPS
        and not _SENTENCE_INSIDE.search(head)
    )


def _line_score(line: str, removed: RemovedKind | None, repeated: bool) -> tuple[float, str]:
    """A line's score and its role: ``p`` prose, ``c`` comment header, ``z`` a line that only a comment
    section has (a comment's "Jane on May 2 said:", "12 responses"), ``o`` anything else."""
    n = _size(line)
    if (n <= 12 and _COMMENTS_START.search(line)) or _COMMENT_AUTHOR.match(line):
        return -_COMMENTS_PENALTY, "z"
    if n <= 12 and _COMMENTS_HEAD.search(line):
        return -_COMMENTS_PENALTY, "c"
    if n <= 8 and _LIST_HEAD.match(line):
        return -_LIST_HEAD_PENALTY, "o"
    if removed is not None:
        return -(_INLINE_PENALTY if removed in _INLINE_CLUTTER else _REMOVED_PENALTY), "o"
    if n >= _TEASER_WORDS and line.rstrip().endswith(("...", "…")):
        return -_SHORT_PENALTY, "o"  # a teaser cut off mid-sentence ("... may soon...") is not the story
    if _glued_teaser(line):
        return -_SHORT_PENALTY, "o"
    prose_shape = _caps_ratio(line) < _MAX_CAPS
    # A long line without a final stop is prose only when it holds a sentence break (a tag cloud does not).
    long_prose = n >= _LONG_WORDS and _SENTENCE_INSIDE.search(line)
    if prose_shape and ((n >= _PROSE_WORDS and _TERMINAL.search(line)) or long_prose):
        return n, "p"
    if repeated:
        return -_REPEATED_PENALTY, "o"
    return -(_TINY_PENALTY if n <= 3 else _SHORT_PENALTY), "o"


def _title_before(lines: list[str], units: list[tuple[int, bool]], start: int) -> int:
    """The unit where the article starts once its headline, just above the first paragraph, is added.

    Up to three kept lines above are looked at; dates and bylines between the headline and the text are
    passed over (and kept, as part of the article's head).
    """
    looked = 0
    j = start - 1
    while j >= 0 and looked < 3:
        i, removed = units[j]
        line = lines[i].strip()
        if not removed:
            looked += 1
            if re.match(r"by\s", line, re.I) or parse_date(line) or _TIME.search(line):
                j -= 1
                continue
            if _looks_like_title(line) and _caps_ratio(line) >= 0.5:
                return j
            if j == 0 and _stamp_follows(lines, i, {k for k, gone in units if gone}):
                return j
        j -= 1
    return start


def _article_region(text: str, p: _Pass) -> None:
    """Move the kept lines outside the article's stretch of prose into ``p.removed`` (kind ``other``,
    ``site-chrome`` for short lines); see the comment above for why a maximum-sum segment.

    Nothing is removed from hard-wrapped text (its lines are not paragraphs) or from text without prose.
    """
    lines = text.split("\n")
    if _hard_wrapped(lines):
        return
    removed_kind = {i: r.kind for i, r in p.removed}
    units = sorted([(i, False) for i, line in p.kept if line.strip()] + [(i, True) for i in removed_kind])
    counts: dict[str, int] = {}
    for i, _ in units:
        key = lines[i].strip()
        counts[key] = counts.get(key, 0) + 1
    scored = [
        _line_score(lines[i].strip(), removed_kind.get(i), counts[lines[i].strip()] > 1) for i, _ in units
    ]
    scores = [s for s, _ in scored]
    roles = [r for _, r in scored]
    for j in range(1, len(units)):
        # '- Luis Ortega, Riverton.' under a quotation signs it: part of the story, like the quote
        line, above = lines[units[j][0]].strip(), lines[units[j - 1][0]].rstrip()
        if _SIGNATURE.match(line) and above.endswith(_CLOSING):
            scores[j], roles[j] = 0.0, "p"
    for j, (i, _) in enumerate(units):
        if i not in removed_kind and _SIGNED_LINE.search(lines[i].strip()):
            scores[j], roles[j] = 1.0, "p"  # an embedded post or a signed quotation: the story's, if short
    # Neighbours are the nearest lines the rules kept: a caption between two paragraphs does not
    # isolate them, a headline above a teaser does.
    live = [j for j, (i, removed) in enumerate(units) if i not in removed_kind]
    for k, j in enumerate(live):
        neighbours = [roles[live[m]] for m in (k - 1, k + 1) if 0 <= m < len(live)]
        if roles[j] == "p" and "p" not in neighbours:
            scores[j] *= _ISOLATED
    # Prose after the first sure sign of a comment section, once an article could have come before it,
    # is the readers' and not the story's: it counts for little.
    prose_before = 0.0
    in_comments = False
    for j, role in enumerate(roles):
        if role == "z" and prose_before >= _CUT_AFTER_WORDS:
            in_comments = True
        if role == "p":
            prose_before += scores[j]
            if in_comments:
                scores[j] *= _IN_COMMENTS
    best, total, start, best_span = 0.0, 0.0, 0, (0, -1)
    for j, score in enumerate(scores):
        if total <= 0:
            total, start = score, j
        else:
            total += score
        if total > best:
            best, best_span = total, (start, j)
    if best <= 0:
        return
    first, last = best_span
    prose = 0.0
    for j in range(first, last + 1):
        if roles[j] in "cz" and prose >= _CUT_AFTER_WORDS:
            last = j - 1  # the comments start here, however much they say
            break
        if roles[j] == "p":
            prose += scores[j]
    p.story_start = units[first][0]
    first = _title_before(lines, units, first)

    drop: set[int] = set()
    seen: set[tuple[str, ...]] = set()
    for j, (i, removed) in enumerate(units):
        if removed:
            continue
        if j < first or j > last:
            drop.add(i)
            continue
        # A paragraph whose word 3-grams mostly came before is the page's second copy of the text
        # (mobile and desktop layouts, a hidden full-text field), not more of the story.
        grams = _trigrams(lines[i])
        if len(grams) >= 2 and sum(1 for g in grams if g in seen) >= 0.8 * len(grams):
            drop.add(i)
            continue
        seen.update(grams)
    if not drop:
        return
    kept: list[tuple[int, str]] = []
    dropped_since = False
    for i, line in p.kept:
        if i in drop:
            kind: RemovedKind = "other" if _size(line) >= _PROSE_WORDS else "site-chrome"
            p.removed.append((i, Removed(line.strip(), kind)))
            dropped_since = True
            continue
        if not line.strip():
            if dropped_since and kept and not kept[-1][1].strip():
                continue
        else:
            dropped_since = False
        kept.append((i, line))
    while kept and not kept[0][1].strip():
        kept.pop(0)
    while kept and not kept[-1][1].strip():
        kept.pop()
    p.kept = kept
    p.removed.sort(key=lambda item: item[0])


# --------------------------------------------------------------------------------------------------
# The headline of a whole-page scrape (see ``headline.py``).


def _stamp_line(line: str) -> bool:
    """A byline or date line, or the bare "By" some pages print on a line of its own."""
    return line.lower() == "by" or _byline_or_stamp(line) or dated_line(line)


def _heading_shape(line: str) -> bool:
    """A headline, not a dek: a dek is a sentence in sentence case; a headline is short or title case."""
    if not _looks_like_title(line):
        return False
    return not (_TERMINAL.search(line) and _caps_ratio(line) < 0.5 and _n_words(line) >= 8)


def _prose_line(line: str) -> bool:
    return _size(line) >= _PROSE_WORDS and bool(_TERMINAL.search(line)) and _caps_ratio(line) < _MAX_CAPS


def _place_headline(
    lines: list[str], p: _Pass, rule_removed: set[int]
) -> tuple[int, PageTitle | None] | None:
    """Put the page's headline at the head of the kept lines: its input line index, and where the
    headline lies inside that line when it is the page title itself; None when there is none.

    A page title on the first line is found again above the story (the printed heading) or, failing
    that, used itself: the line is kept whole (kept lines are the input's), the headline is the part
    without the site's name. Kept lines above the heading go, and so do non-prose lines between it and
    the story (share bars, "Key Points", gallery buttons); prose there (a dek) and datelines stay.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or first in rule_removed or p.story_start is None:
        return None
    core = page_title_core(lines[first], "\n".join(lines[first + 1 :]))
    if core is None:
        return None
    title = core.text(lines[first])
    usable = {i for i, line in enumerate(lines) if line.strip() and i not in rule_removed}
    heading = repeated_heading(lines, title, p.story_start, usable - {first}, _heading_shape)
    if heading is None:
        heading = find_heading(lines, p.story_start, title, usable - {first})
    if heading is None:
        heading = heading_by_layout(
            lines, p.story_start, title, usable - {first}, _stamp_line, _heading_shape
        )
    removed: list[tuple[int, Removed]] = []
    inside: PageTitle | None = None
    if heading is None:
        if not _looks_like_title(title) or first >= p.story_start:
            return None
        heading, inside = first, core
    story = p.story_start
    kept: list[tuple[int, str]] = [(heading, lines[heading])]
    for i, line in p.kept:
        if i == heading:
            continue
        if i < heading or (
            i < story and line.strip() and not _prose_line(line) and not _dateline(line.strip())[0]
        ):
            if line.strip():
                kind: RemovedKind = "byline" if _byline_or_stamp(line.strip()) else "site-chrome"
                removed.append((i, Removed(line.strip(), kind)))
            continue
        kept.append((i, line))
    p.removed = sorted([(i, r) for i, r in p.removed if i != heading] + removed, key=lambda item: item[0])
    p.kept = kept
    return heading, inside


# --------------------------------------------------------------------------------------------------
# Title, dek, dateline.

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)"
    r"(?:,\s*(?P<date>[^()\n–—-]{3,30}?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&-]{2,30})\))?\s*(?:/[\w .-]+/\s*)?(?:--|[-–—])\s",
)


def _dateline(line: str) -> tuple[bool, str | None]:
    """Whether a paragraph opens with a dateline ("WASHINGTON (Reuters) -", "MOSCOW, July 27 —"), and the
    full date it holds, if any. The place must be in capitals so that an ordinary sentence never matches."""
    m = _DATELINE.match(line)
    if not m:
        return False, None
    place_letters = [c for c in m["place"].split(",")[0] if c.isalpha()]
    if len(place_letters) < 2 or not all(c.isupper() for c in place_letters):
        return False, None
    date = m["date"]
    if date is not None and not re.search(rf"\b{_MONTH}\b|\d", date, re.I):
        return False, None
    return True, parse_date(date) if date else None


def _stamp_follows(page_lines: list[str], i: int, removed: set[int]) -> bool:
    """Line ``i`` stands over a date or byline stamp, removed as clutter: that is the shape of
    a headline ("Senators ask for an inquiry.", then "July 11, 2016"), whatever its case or last mark,
    when it is one short sentence."""
    line = page_lines[i].strip()
    if i + 1 not in removed or not _stamp_line(page_lines[i + 1].strip()):
        return False
    return 2 <= _n_words(line) <= 20 and not _SENTENCE_INSIDE.search(line) and line[-1:] not in {",", ":"}


def _looks_like_title(line: str) -> bool:
    s = line.strip()
    words = _words(s)
    if not 2 <= len(words) <= 20:
        return False
    if s[-1] in ",;:":
        return False
    if s[-1] == "." and not s.endswith("..."):
        capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
        return capitalised / len(words) >= 0.6  # "Trump Says He Never Met Putin." is a headline shape
    return True


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)\]]*\s+[\"“‘(\[]?[A-Z]")


@dataclass
class Cleaned:
    """A cleaned scrape: the text every later span indexes into, what was removed, and what was found.

    ``title_span`` and ``dek_span`` point into ``text``: the title stays in the text so a reader can
    check it there, and the dek (the summary line under the headline) is marked so later stages can
    treat a statement it repeats as a repetition rather than a second statement.
    """

    text: str
    title: str | None
    title_span: Span | None
    removed: list[Removed]
    date: PageDate | None
    dek_span: Span | None
    authors: list[str] = field(default_factory=list)

    @property
    def published(self) -> str | None:
        """The publication day, when the page prints one (``date`` may hold only a year)."""
        return self.date.day if self.date else None


def clean_scrape(text: str) -> Cleaned:
    """Clean a plain-text scrape of a news page: remove clutter lines, find the title, the dek and a date.

    Kept lines are byte-identical to the input; blank lines left around a removal merge into one; leading
    and trailing blank lines go. The page's date comes from the stamp nearest the headline, else from the
    first paragraph's dateline, else from a stamp without a year and the page's year, else that year alone.
    """
    p = _line_pass(text)
    rule_removed = {i for i, _ in p.removed}
    _article_region(text, p)
    page_lines = text.split("\n")
    placed = _place_headline(page_lines, p, rule_removed)
    heading = placed[0] if placed else None
    lines = [line for _, line in p.kept]
    src_index = [i for i, _ in p.kept]
    removed_at = sorted(i for i, _ in p.removed)
    out_text = "\n".join(lines)

    offsets: list[int] = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    def span(k: int) -> Span:
        start = offsets[k] + (len(lines[k]) - len(lines[k].lstrip()))
        return (start, offsets[k] + len(lines[k].rstrip()))

    # Paragraphs: runs of non-blank kept lines, as (first line, last line) indexes into ``lines``.
    paragraphs: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        if lines[k].strip():
            j = k
            while j + 1 < len(lines) and lines[j + 1].strip():
                j += 1
            paragraphs.append((k, j))
            k = j + 1
        else:
            k += 1

    title: str | None = None
    title_span: Span | None = None
    dek_span: Span | None = None
    body_start = 0  # paragraph index where the body starts
    title_line = 0
    if placed and paragraphs:
        inside = placed[1]
        title_span = (inside.start, inside.end) if inside else span(0)
        title = out_text[title_span[0] : title_span[1]]
        if paragraphs[0][1] == 0:
            dek_span, body_start = _find_dek(lines, paragraphs, src_index, removed_at, span)
    elif paragraphs:
        first = paragraphs[0][0]
        is_dateline, _ = _dateline(lines[first].strip())
        has_more = len(paragraphs) > 1 or paragraphs[0][1] > first
        stamped = _stamp_follows(page_lines, src_index[first], {i for i, _ in p.removed})
        if has_more and not is_dateline and (_looks_like_title(lines[first]) or stamped):
            title_line = first
            title_span = span(first)
            title = out_text[title_span[0] : title_span[1]]
            if paragraphs[0][1] == first:
                body_start = 1
                dek_span, body_start = _find_dek(lines, paragraphs, src_index, removed_at, span)

    anchor = heading if heading is not None else (src_index[title_line] if title_span else 0)
    date = stamp_date(page_lines, anchor, _byline_or_stamp)
    # the body's first line: its paragraph's, or the line under the title when a whole page put no
    # blank line between them
    firsts = [a for a, _ in paragraphs[body_start : body_start + 1]]
    firsts += [k for k in range(title_line + 1, len(lines)) if lines[k].strip()][:1] if title_span else []
    for a in firsts if date is None else []:
        day = _dateline(lines[a].strip())[1]
        if day and date is None:
            date = PageDate(day, int(day[:4]), f"dateline: {lines[a].strip()[:60]}")
    if date is None:
        year = page_year(page_lines)
        if year is not None:
            date = yearless_stamp_date(page_lines, anchor, year.year or 0, _byline_or_stamp) or year
    bylines = [r.text for i, r in p.removed if r.kind == "byline" and abs(i - anchor) <= NEAR_HEADLINE]
    bylines += [r.text for _, r in p.removed if r.kind == "byline" and _REPORTING_BY.search(r.text)]
    removed = [r for _, r in p.removed]
    return Cleaned(out_text, title, title_span, removed, date, dek_span, authors(bylines))


def _find_dek(
    lines: list[str],
    paragraphs: list[tuple[int, int]],
    src_index: list[int],
    removed_at: list[int],
    span: Callable[[int], Span],
) -> tuple[Span | None, int]:
    """The dek is the one-sentence paragraph between the title and the body.

    A one-sentence first paragraph is also how wire stories start, so it counts as a dek only when
    something marks the body's start after it: removed clutter (a byline, an image and its caption)
    between it and the next paragraph, or a dateline opening the next paragraph.
    Returns the dek span and the index of the paragraph where the body starts.
    """
    if len(paragraphs) < 3:
        return None, 1
    a, b = paragraphs[1]
    if a != b:
        return None, 1
    line = lines[a].strip()
    if _n_words(line) > 60 or len(_SENTENCE_BREAK.findall(line)) > 1 or _dateline(line)[0]:
        return None, 1
    nxt = paragraphs[2][0]
    clutter_between = any(src_index[a] < i < src_index[nxt] for i in removed_at)
    if not clutter_between and not _dateline(lines[nxt].strip())[0]:
        return None, 1
    return span(a), 2
