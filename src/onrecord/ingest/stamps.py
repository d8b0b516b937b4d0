"""Dates that pages print about themselves: bylines, "Updated ..." stamps, datelines, copyright lines.

A relative date in a story ("on Monday") means nothing until the story's own date is known, and a page
saved as text carries that date only as printed words. Sites print it in many shapes ("Published
10:02 AM EST Nov 19, 2019", "Updated: 20/11/2019 13:42", "19 November 2019", "by Jeff Foust — November
18, 2019", a stamp with no year under a copyright line that has one), so each shape is a small pattern,
every match is checked to be a real calendar day, and the stamp nearest the headline wins: pages list
other stories' dates too, further away.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

# fmt: off
_MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
]
# fmt: on
MONTHS = {name: i for i, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])} | {"sept": 9}
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
#: A year, also when a page glues the time to it ("Nov 20 20194:29 AM").
_YEAR = r"(?P<y>(?:19|20)\d{2})(?:\b|(?=\d{1,2}:\d{2})|(?=[A-Z][a-z]))"
_DATE_MDY = re.compile(rf"\b(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I)
_DATE_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\.?,?\s+{_YEAR}", re.I)
_DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_DATE_NUM = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})(?:\b|(?=[A-Z][a-z]))")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)
#: A stamp's short US date ("11/19/19 06:56 AM"); read only on stamp lines, where it cannot be a fraction.
_DATE_NUM_SHORT = re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2})\b")
#: A short line holding a full date is a stamp ("Reuters November 18, 2019 11:03 PM", "Wednesday 20
#: November 2019 11:42, UK"), unless it ends a sentence.
_STAMP_WORDS = 12
#: A line that is only a month and a day, the first half of a stamp split over two lines.
_MONTH_DAY_LINE = re.compile(rf"^(?:{WEEKDAY},?\s+)?{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?$", re.I)
#: A month and day without a year ("Updated Nov 19, 9:41 AM"), dated with a year found elsewhere.
_DATE_MD = re.compile(rf"\b(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})", re.I)
_DATE_DM = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTH})\b(?!\.?,?\s+\d{{4}})", re.I)

#: A line that announces the page's own date.
_STAMP_HEAD = re.compile(
    r"^\W*(?:(?:last\s+)?updated|published|posted|first published|originally published|modified|"
    r"last modified|date|dated|filed|by\s+[A-Z])",
    re.I,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}\s*[-–]\s*)?(?P<y>(?:19|20)\d{2})\b", re.I)
#: Lines further from the headline than this are other stories' dates, not the page's.
NEAR_HEADLINE = 40


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first full calendar date (day, month and year) in ``text`` as ISO ``YYYY-MM-DD``.

    Only full dates count: a byline's "July 28" without a year says too little to date a story.
    Numeric ``a/b/yyyy`` is read month-first (the US order of most English news sites) unless the first
    number cannot be a month.
    """
    best: tuple[int, str] | None = None
    for rx in (_DATE_MDY, _DATE_DMY):
        for m in rx.finditer(text):
            iso = _valid(int(m["y"]), MONTHS[m["m"].lower().rstrip(".")], int(m["d"]))
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
    for m in _DATE_ISO.finditer(text):
        iso = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso and (best is None or m.start() < best[0]):
            best = (m.start(), iso)
    for m in _DATE_NUM.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        iso = _valid(int(m["y"]), a, b) if a <= 12 else _valid(int(m["y"]), b, a)
        if iso and (best is None or m.start() < best[0]):
            best = (m.start(), iso)
    return best[1] if best else None


def _month_day(text: str, year: int) -> str | None:
    for rx in (_DATE_MD, _DATE_DM):
        m = rx.search(text)
        if m:
            iso = _valid(year, MONTHS[m["m"].lower().rstrip(".")], int(m["d"]))
            if iso:
                return iso
    return None


@dataclass(frozen=True)
class PageDate:
    """The page's date as far as it can be known: a day, or only a year, and the words it rests on."""

    day: str | None
    year: int | None
    basis: str


def stamp_date(lines: list[str], headline: int, is_stamp: Callable[[str], bool]) -> PageDate | None:
    """The full date of the stamp line nearest the headline (line index), looking below it first.

    ``is_stamp`` recognises a bare byline or date line (the line cleaner's rule); lines that open with
    "Updated", "Published" or "By Name" count too, whatever follows.
    """
    for i in _stamps(lines, headline, is_stamp):
        line = _publication_part(lines[i])
        day = parse_date(line) or _short_numeric(line)
        if day:
            return PageDate(day, int(day[:4]), lines[i].strip())
        split = _split_stamp(lines, i)
        if split:
            return split
    return None


_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.I)
_POSTED = re.compile(r"\b(?:posted|published|original(?:ly)?)\b", re.I)


def _publication_part(line: str) -> str:
    """The part of a stamp that says when the page was first put out: "Updated Nov 19, 9:41 AM; Posted
    Nov 18, 8:19 PM" was published on the 18th, and its statements were reported that day."""
    updated, posted = _UPDATED.search(line), _POSTED.search(line)
    if updated is None or posted is None or posted.start() < updated.start():
        return line
    part = line[posted.start() :]
    return part if parse_date(part) or _DATE_MD.search(part) or _DATE_DM.search(part) else line


def _split_stamp(lines: list[str], i: int) -> PageDate | None:
    """A stamp a layout broke over two short lines ("November 20" / "15:23 2019")."""
    if i + 1 >= len(lines) or len(lines[i].split()) > 4 or len(lines[i + 1].split()) > 4:
        return None
    joined = _CLOCK.sub(" ", f"{lines[i].strip()} {lines[i + 1].strip()}")
    day = parse_date(" ".join(joined.split()))
    return PageDate(day, int(day[:4]), f"{lines[i].strip()} {lines[i + 1].strip()}") if day else None


def page_year(lines: list[str]) -> PageDate | None:
    """The year a page belongs to when no stamp gives its day: its copyright line, else the latest date
    it prints on a line of its own (a comment's or a related story's stamp). A date inside the story's
    sentences is an event's ("since 11 September, 2001"), often years before the page: no year."""
    years = [int(m["y"]) for line in lines for m in _COPYRIGHT.finditer(line)]
    if years:
        return PageDate(None, max(years), "the page's copyright line")
    full = [d for line in lines if dated_line(line.strip()) and (d := parse_date(line))]
    if full:
        return PageDate(None, int(max(full)[:4]), f"the latest date on the page ({max(full)})")
    return None


def yearless_stamp_date(
    lines: list[str], headline: int, year: int, is_stamp: Callable[[str], bool]
) -> PageDate | None:
    """A stamp that prints only month and day ("Updated Nov 19, 9:41 AM"), in the page's year."""
    for i in _stamps(lines, headline, is_stamp):
        day = _month_day(_publication_part(lines[i]), year)
        if day:
            return PageDate(day, year, f"{lines[i].strip()} (year from the page)")
    return None


def _short_numeric(line: str) -> str | None:
    m = _DATE_NUM_SHORT.search(line)
    return _valid(2000 + int(m["y"]), int(m["m"]), int(m["d"])) if m else None


def dated_line(line: str) -> bool:
    """A short line holding a full date and no sentence: a stamp whatever words sit around the date
    ("Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT" is short once its dates
    and times are not counted)."""
    if line.startswith(("—", "–", "-", "―")):
        return False  # "— Name (@handle) November 18, 2019" signs an embedded post, not the page
    if line.endswith(".") and not re.search(r"[ap]\.m\.$", line, re.I):
        return False  # a sentence; tested first since it is cheap and most lines are sentences
    if _words_besides_dates(line) > _STAMP_WORDS:
        return False
    return parse_date(line) is not None or _short_numeric(line) is not None


#: What a stamp holds besides its words: weekdays, a time written with a dot ("18.54"), a time zone.
_STAMP_PARTS = re.compile(rf"\b{WEEKDAY}\b\.?|\b\d{{1,2}}\.\d{{2}}\b", re.I)
_TIME_ZONE = re.compile(r"\b[A-Z]{1,4}T\b|\bUTC\b")  # in capitals: "GMT", "EST", never "last"


def _words_besides_dates(line: str) -> int:
    rest = line
    for rx in (_DATE_MDY, _DATE_DMY, _DATE_ISO, _DATE_NUM, _CLOCK, _STAMP_PARTS, _TIME_ZONE):
        rest = rx.sub(" ", rest)
    return len(rest.split())


def _bare_stamp(line: str, is_stamp: Callable[[str], bool]) -> bool:
    """A line that is the page's stamp by its form, not only a line with a date in it ("Source: the
    ministry, October 25, 2019" cites a document)."""
    return bool(_STAMP_HEAD.match(line) or is_stamp(line) or _MONTH_DAY_LINE.match(line)) or (
        dated_line(line) and _words_besides_dates(line) <= _BARE_WORDS
    )


#: Words a dated line may hold beside its dates and still be a bare stamp ("Last modified on").
_BARE_WORDS = 3


def _stamps(lines: list[str], headline: int, is_stamp: Callable[[str], bool]) -> list[int]:
    """Stamp lines near the headline: bare stamps first, then any short dated line; below the headline
    before above, nearer before further."""
    near = range(max(0, headline - NEAR_HEADLINE), min(len(lines), headline + NEAR_HEADLINE + 1))
    bare = {i: _bare_stamp(lines[i].strip(), is_stamp) for i in near if lines[i].strip()}
    found = [i for i, is_bare in bare.items() if is_bare or dated_line(lines[i].strip())]
    found = [i for i in found if not _in_listing(lines, i)]
    return sorted(found, key=lambda i: (not bare[i], i < headline, abs(i - headline)))


#: A plain date line with this many other plain date lines within ``_LISTING_REACH`` lines, each pair
#: with an item between them, is one entry of a list.
_LISTING_DATES = 2
_LISTING_REACH = 4


def _in_listing(lines: list[str], i: int) -> bool:
    """One of several bare dates that alternate with other lines: a "Recent" or "Related" list, a
    comment thread ("Other story" / "November 19, 2019" / "Another" / "November 19, 2019"), each date
    another item's. A stamp that says what it is ("Published ...", "Updated ...", "By ...") is the
    page's, however many of them stand together."""
    if _STAMP_HEAD.match(lines[i].strip()):
        return False
    window = range(max(0, i - _LISTING_REACH), min(len(lines), i + _LISTING_REACH + 1))
    dated = [j for j in window if _plain_date(lines[j].strip())]
    if len(dated) < _LISTING_DATES + 1:
        return False
    return all(any(lines[k].strip() for k in range(a + 1, b)) for a, b in itertools.pairwise(dated))


def _plain_date(line: str) -> bool:
    return bool(line) and dated_line(line) and not _STAMP_HEAD.match(line)
