"""Resolve English news date expressions to TIMEX3-style values against a publication date.

A statement is dated by the words around it ("on Wednesday", "three years ago", "early December"), and
those words only mean something relative to when the article was published. ``normalize`` turns such an
expression plus that anchor date into a :class:`TimeValue`: the TIMEX3 ``value`` the TimeML guidelines
would give it, and the closed interval of ISO dates it covers, so later stages can compare claims in time.

How it works, and why in this order:

1. Our own rules: a small grammar of English news dating (weekdays, months, seasons, quarters, years,
   decades, number words, "ago", "last/this/next/past/previous/coming", "early/mid/late", "the end of",
   "yesterday/today/tomorrow", "now/currently", "recently"), written as anchored regular expressions
   compiled once at import. They know the news conventions that general parsers get wrong (a bare
   weekday is the most recent one, "last summer" is a season, "three years ago" is a year, not a day).
2. ``dateparser`` as a fallback, only for expressions that look like full calendar dates (a month or
   weekday name next to a number, or a numeric D/M/Y date) that the rules did not read, and its answer is
   kept only when it agrees with the numbers written (a stated year; the day of a day result; within a
   year of the anchor when no year is written). It is imported lazily: its import is the expensive part.
3. Otherwise ``None``: durations ("three years"), sets ("every week") and things anchored to another
   event rather than to the publication date ("the day", "two years later") are not a point in time.

Conventions (documented here because the benchmark and the callers depend on them):

* ``precision`` is always one of ``onrecord.model.Precision`` ("day", "week", "month", "season", "year",
  "decade"). Quarters ("2016-Q3") and halves ("2016-H1") carry precision "month" (their bounds are whole
  months); weekends ("2016-W30-WE") carry precision "week" with Saturday-Sunday bounds. Centuries
  ("the 20th century") have no precision in that set and so are not resolved (``None``).
* Seasons are meteorological: spring Mar 1-May 31, summer Jun 1-Aug 31, fall Sep 1-Nov 30, and winter
  ``Y-WI`` runs from Dec 1 of ``Y`` to the end of February of ``Y+1``.
* "now", "currently", "these days" give ``value="PRESENT_REF"`` with start = end = the anchor day;
  "recently", "the past", "at the time" give ``"PAST_REF"`` (end = the day before the anchor, start open,
  written "0001-01-01", or bounded for "the past five years"); "soon", "the future" give ``"FUTURE_REF"``
  (start = the day after the anchor, end "9999-12-31" unless bounded). All three carry precision "day".
* ``mod`` follows TIMEX3 (``START``, ``MID``, ``END``, ``APPROX``, ``BEFORE``, ``AFTER``): the ``value``
  stays that of the whole period ("early December" is ``2012-12``), while ``start``/``end`` are narrowed to
  the first, middle or last third of it (month-aligned for years and seasons, year-aligned for decades),
  because the interval is what later stages reason with.
* ``direction="past"`` (the default, for news) resolves a bare weekday, month, season, quarter or
  month-day to the most recent one that started at or before the anchor; ``"future"`` to the first one that
  has not ended by the anchor. Explicit words ("last", "next", "this") decide regardless of direction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Final, Literal, TypeVar

from onrecord.model import Precision

__all__ = ["FUTURE_REF", "PAST_REF", "PRESENT_REF", "TimeValue", "normalize"]

PRESENT_REF: Final = "PRESENT_REF"
PAST_REF: Final = "PAST_REF"
FUTURE_REF: Final = "FUTURE_REF"

_T = TypeVar("_T")

_OPEN_START: Final = dt.date(1, 1, 1)
_OPEN_END: Final = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class TimeValue:
    """A resolved temporal expression: TIMEX3 value plus the closed interval of days it covers."""

    value: (
        str  # TIMEX3 value: "2016-07-27", "2016-W30", "2016-07", "2016-Q3", "2016-SU", "2016", "201", "*_REF"
    )
    start: str  # ISO date, first day of the interval
    end: str  # ISO date, last day of the interval (inclusive)
    precision: Precision  # granularity of ``value``
    text: str  # the expression as given
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER


@dataclass(frozen=True, slots=True)
class _Span:
    """Internal result: dates stay ``datetime.date`` until the public ``TimeValue`` is built."""

    value: str
    start: dt.date
    end: dt.date
    precision: Precision
    mod: str | None = None


# --------------------------------------------------------------------------------------------------------
# Period constructors. Each builds the TIMEX3 value and its exact bounds, so every rule agrees on both.


def _day(d: dt.date) -> _Span:
    return _Span(d.isoformat(), d, d, "day")


def _week(d: dt.date) -> _Span:
    """The ISO week (Monday-Sunday) containing ``d``; the ISO year may differ from ``d.year``."""
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return _Span(f"{iso.year:04d}-W{iso.week:02d}", monday, monday + dt.timedelta(days=6), "week")


def _weekend(d: dt.date) -> _Span:
    """The Saturday-Sunday of the ISO week containing ``d``."""
    iso = d.isocalendar()
    saturday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
    return _Span(f"{iso.year:04d}-W{iso.week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "week")


def _month(year: int, month: int) -> _Span:
    last = calendar.monthrange(year, month)[1]
    return _Span(f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last), "month")


def _months_span(value: str, year: int, first_month: int, n_months: int) -> _Span:
    """A run of whole months (quarters, halves, seasons) starting at ``first_month`` of ``year``."""
    end_year, end_month = _add_months(year, first_month, n_months - 1)
    last = calendar.monthrange(end_year, end_month)[1]
    return _Span(value, dt.date(year, first_month, 1), dt.date(end_year, end_month, last), "month")


def _quarter(year: int, quarter: int) -> _Span:
    return _months_span(f"{year:04d}-Q{quarter}", year, 3 * quarter - 2, 3)


def _half(year: int, half: int) -> _Span:
    return _months_span(f"{year:04d}-H{half}", year, 6 * half - 5, 6)


_SEASON_CODES: Final = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_FIRST_MONTH: Final = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(year: int, code: str) -> _Span:
    span = _months_span(f"{year:04d}-{code}", year, _SEASON_FIRST_MONTH[code], 3)
    return replace(span, precision="season")


def _year(year: int) -> _Span:
    return _Span(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _decade(decade: int) -> _Span:
    """``decade`` is the year divided by ten (199 for the 1990s), which is also its TIMEX3 value."""
    return _Span(f"{decade:03d}", dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31), "decade")


def _ref(value: str, anchor: dt.date, start: dt.date | None = None, end: dt.date | None = None) -> _Span:
    """PRESENT_REF / PAST_REF / FUTURE_REF with default bounds (the anchor; open before or after it)."""
    if value == PRESENT_REF:
        return _Span(value, anchor, anchor, "day")
    if value == PAST_REF:
        return _Span(
            value, start or _OPEN_START, end or max(anchor - dt.timedelta(days=1), _OPEN_START), "day"
        )
    return _Span(value, start or min(anchor + dt.timedelta(days=1), _OPEN_END), end or _OPEN_END, "day")


# --------------------------------------------------------------------------------------------------------
# Calendar arithmetic.


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def _shift_date(d: dt.date, unit: str, k: int) -> dt.date:
    """Move ``d`` by ``k`` units, clamping the day of month (Mar 31 minus a month is Feb 28/29)."""
    if unit == "day":
        return d + dt.timedelta(days=k)
    if unit == "week":
        return d + dt.timedelta(weeks=k)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * k
    year, month = _add_months(d.year, d.month, months)
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _unit_span(d: dt.date, unit: str) -> _Span | None:
    """The calendar period of ``unit`` granularity that contains ``d``."""
    if unit == "day":
        return _day(d)
    if unit == "week":
        return _week(d)
    if unit == "weekend":
        return _weekend(d)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "quarter":
        return _quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "half":
        return _half(d.year, 1 if d.month <= 6 else 2)
    if unit == "year":
        return _year(d.year)
    if unit == "decade":
        return _decade(d.year // 10)
    return None  # centuries: no precision for them in the model


def _shifted_period(anchor: dt.date, unit: str, k: int) -> _Span | None:
    """The period ``k`` units away from the one containing the anchor ("last week" is k = -1)."""
    if unit == "weekend":
        return _weekend(anchor + dt.timedelta(weeks=k))
    if unit == "half":
        year, month = _add_months(anchor.year, anchor.month, 6 * k)
        return _unit_span(dt.date(year, month, 1), unit)
    return _unit_span(_shift_date(anchor, unit, k), unit)


_How = Literal["past", "future", "last", "next"]


def _pick(candidates: list[_Span], anchor: dt.date, how: _How) -> _Span | None:
    """Choose among instances of a recurring period (every May, every Wednesday) relative to the anchor.

    past: the latest that started at or before the anchor (the current one counts: news convention).
    future: the earliest that has not ended by the anchor. last: the latest that ended before the anchor.
    next: the earliest that starts after the anchor.
    """
    if how == "past":
        chosen = [c for c in candidates if c.start <= anchor]
        return max(chosen, key=lambda c: c.start, default=None)
    if how == "future":
        chosen = [c for c in candidates if c.end >= anchor]
        return min(chosen, key=lambda c: c.start, default=None)
    if how == "last":
        chosen = [c for c in candidates if c.end < anchor]
        return max(chosen, key=lambda c: c.start, default=None)
    chosen = [c for c in candidates if c.start > anchor]
    return min(chosen, key=lambda c: c.start, default=None)


def _safe(build: Callable[[], _T | None]) -> _T | None:
    """Build a candidate, dropping the ones that do not exist (Feb 30, years outside 1..9999)."""
    try:
        return build()
    except (ValueError, OverflowError):
        return None


def _recurring(
    make: Callable[[int], _Span], anchor: dt.date, how: _How, years: range | None = None
) -> _Span | None:
    """Pick one instance of a yearly period built by ``make(year)`` around the anchor year."""
    span_years = years if years is not None else range(anchor.year - 2, anchor.year + 3)
    candidates = [s for y in span_years if (s := _safe(lambda y=y: make(y))) is not None]
    return _pick(candidates, anchor, how)


# --------------------------------------------------------------------------------------------------------
# Vocabulary.

_MONTHS: Final = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS: Final = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_SMALL: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_ORDINAL_SMALL: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_ORDINALS: Final = {
    **_ORDINAL_SMALL,
    **{f"{tens}-{unit}": base + _ORDINAL_SMALL[unit] for tens, base in (("twenty", 20), ("thirty", 30))
       for unit in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
       if base + _ORDINAL_SMALL[unit] <= 31},
}  # fmt: skip
_DECADE_WORDS: Final = {
    "tens": 1, "teens": 1, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
_VAGUE_COUNTS: Final = frozenset(
    {"a few", "few", "several", "many", "some", "a number of",
     "dozens of", "hundreds of", "countless", "numerous", "a handful of"}
)  # fmt: skip
_RELATIONS: Final[dict[str, _How | Literal["this"]]] = {
    "last": "last", "past": "last", "previous": "last", "this past": "last", "prior": "last",
    "next": "next", "coming": "next", "upcoming": "next", "this coming": "next",
    "this": "this", "current": "this",
}  # fmt: skip
_APPROX_MODS: Final = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX",
                       "roughly": "APPROX", "some": "APPROX", "circa": "APPROX", "ca": "APPROX",
                       "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX",
                       "more or less": "APPROX", "more than": "BEFORE", "over": "BEFORE",
                       "upwards of": "BEFORE", "less than": "AFTER", "under": "AFTER",
                       "fewer than": "AFTER"}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of the given words, longest first so "sept" wins over "sep"."""
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


_MON = _alt(_MONTHS)
_NAMES_A_MONTH = re.compile(rf"\b{_MON}\b", re.I)


def names_a_month(expression: str) -> bool:
    """Whether the expression names a month ("Oct. 21", "in May"), never "mayor" or "decade"."""
    return _NAMES_A_MONTH.search(expression) is not None


_WD = _alt(_WEEKDAYS)
_NAMES_A_DAY = re.compile(rf"\b(?:{_WD}|today|yesterday)\b|\b{_MON}\.? \d{{1,2}}(?:st|nd|rd|th)?\b", re.I)


def names_a_day(expression: str) -> bool:
    """Whether the expression names its day ("Wednesday", "Nov. 20", "yesterday"), not a day reckoned
    from an unsaid one ("earlier in the day", "that morning")."""
    return _NAMES_A_DAY.search(expression) is not None


_ORD_WORD = _alt(_ORDINALS)
_REL = r"(?:the )?(?P<rel>this past|this coming|last|past|previous|prior|next|coming|upcoming|this|current)"
_YEAR_SPEC = (
    r"(?P<yspec>(?:(?:fiscal|fy|calendar) ?(?:year )?)?(?:\d{4}|'\d{2})"
    r"|(?:the )?(?:last|this|next|previous|past|current|coming) (?:fiscal |calendar )?year)"
)
_UNIT_WORD = r"(?P<unit>days?|weeks?|fortnights?|months?|quarters?|years?|decades?|hours?|minutes?)"
_COUNT = r"(?P<num>[a-z0-9][a-z0-9 -]*?)"
_DAY_NUM = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dayw>{_ORD_WORD})"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------------------------------------
# Text cleanup: one canonical lower-case form so the rules need not spell out punctuation variants.

_QUOTES_RX = _rx(r"[\u2018\u2019\u02bc`´]")
_DASHES_RX = _rx(r"[\u2010-\u2015\u2212]")
_ABBREV_DOT_RX = _rx(r"(?<=[a-z])\.")
_POSSESSIVE_RX = _rx(r"(?<=[a-z])'s\b")
_EDGE_RX = _rx(r"^[\s,;:!?\"()\[\]{}.]+|[\s,;:!?\"()\[\]{}.]+$")
_SPACE_RX = _rx(r"\s+")


def _clean(text: str) -> str:
    t = _QUOTES_RX.sub("'", text.lower())
    t = _DASHES_RX.sub("-", t)
    t = _POSSESSIVE_RX.sub("", t)
    t = _ABBREV_DOT_RX.sub("", t).replace(",", " ")
    t = _SPACE_RX.sub(" ", t)
    return _EDGE_RX.sub("", t)


def _parse_count(text: str) -> int | Literal["vague"] | None:
    """A cardinal count in digits or words ("three", "twenty-five", "a", "a dozen"); "vague" for "a few"."""
    t = text.strip()
    if t.isdigit():
        return int(t)
    if t in ("a", "an", "one", "a single", "a full"):
        return 1
    if t in _VAGUE_COUNTS:
        return "vague"
    if t in ("a dozen", "dozen"):
        return 12
    if t in ("a couple of", "a couple", "couple of", "a pair of"):
        return 2
    if t in _SMALL:
        return _SMALL[t]
    parts = re.split(r"[ -]", t)
    if len(parts) == 1 and t in _TENS:
        return _TENS[t]
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _SMALL and 0 < _SMALL[parts[1]] < 10:
        return _TENS[parts[0]] + _SMALL[parts[1]]
    return None


def _year_of(spec: str, anchor: dt.date) -> int | None:
    """The year named by "2013", "'13", "fiscal 2013", "last year", "the current fiscal year"..."""
    digits = re.search(r"\d{4}|'\d{2}", spec)
    if digits:
        return (
            _two_digit_year(digits.group()[1:], anchor) if digits.group()[0] == "'" else int(digits.group())
        )
    if "last" in spec or "previous" in spec or "past" in spec:
        return anchor.year - 1
    if "next" in spec or "coming" in spec:
        return anchor.year + 1
    return anchor.year


def _two_digit_year(digits: str, anchor: dt.date) -> int:
    """'58 -> the year in the anchor's century, or the one before when that would be > 20 years ahead."""
    year = anchor.year // 100 * 100 + int(digits)
    return year - 100 if year > anchor.year + 20 else year


def _relation(word: str | None, direction: _How) -> _How | Literal["this"]:
    return _RELATIONS[word] if word else direction


# --------------------------------------------------------------------------------------------------------
# Rules. Each is (compiled full-match regex, handler); handlers return None to let later rules try.

_Handler = Callable[[re.Match[str], dt.date, _How], _Span | None]
_RULES: list[tuple[re.Pattern[str], _Handler]] = []


def _rule(pattern: str) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        _RULES.append((_rx(pattern), handler))
        return handler

    return register


_DEICTIC_OFFSETS: Final = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2, "overnight": 0,
}  # fmt: skip


@_rule(rf"(?P<word>{_alt(_DEICTIC_OFFSETS)})")
def _deictic_day(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _day(anchor + dt.timedelta(days=_DEICTIC_OFFSETS[m["word"]]))


@_rule(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})")
def _iso_date(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _safe(lambda: _day(dt.date(int(m["y"]), int(m["m"]), int(m["d"]))))


@_rule(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})")
def _us_numeric_date(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """US news order M/D/Y; a two-digit year is read as in the anchor's century (or the one before)."""
    year = int(m["y"]) if len(m["y"]) == 4 else _two_digit_year(m["y"], anchor)
    return _safe(lambda: _day(dt.date(year, int(m["m"]), int(m["d"]))))


@_rule(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")
def _dotted_date(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """D.M.Y is the European dotted form; the US never writes dates with dots."""
    return _safe(lambda: _day(dt.date(int(m["y"]), int(m["m"]), int(m["d"]))))


@_rule(r"(?P<y>\d{4})-(?P<m>\d{2})")
def _iso_month(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _safe(lambda: _month(int(m["y"]), int(m["m"])))


def _month_day(month: int, day: int, year: int | None, anchor: dt.date, how: _How) -> _Span | None:
    if year is not None:
        return _safe(lambda: _day(dt.date(year, month, day)))
    # Feb 29 only exists in leap years, so look far enough to find one on each side.
    return _recurring(
        lambda y: _day(dt.date(y, month, day)), anchor, how, range(anchor.year - 8, anchor.year + 9)
    )


def _day_number(m: re.Match[str]) -> int:
    return int(m["day"]) if m["day"] else _ORDINALS[m["dayw"]]


@_rule(rf"(?:{_WD} )?(?:the )?(?P<mon>{_MON}) (?:the )?(?:{_DAY_NUM})(?: (?:of )?{_YEAR_SPEC})?(?: {_WD})?")
def _month_day_year(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'May 27, 2016', 'Wednesday, July 27', 'Feb. 28', 'June 16th of last year' (commas, dots gone)."""
    year = _year_of(m["yspec"], anchor) if m["yspec"] else None
    return _month_day(_MONTHS[m["mon"]], _day_number(m), year, anchor, how)


@_rule(rf"(?:{_WD} )?(?:the )?(?:{_DAY_NUM}) (?:of )?(?P<mon>{_MON})(?: (?:of )?{_YEAR_SPEC})?")
def _day_month_year(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'27 May 2016', 'the 27th of May' (British and wire style)."""
    year = _year_of(m["yspec"], anchor) if m["yspec"] else None
    return _month_day(_MONTHS[m["mon"]], _day_number(m), year, anchor, how)


@_rule(rf"(?:{_WD} )?(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)")
def _day_of_month(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'on the 27th': that day of the current month, or of an adjacent month by direction."""
    day = int(m["day"])
    candidates = []
    for k in range(-13, 14):
        year, month = _add_months(anchor.year, anchor.month, k)
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            candidates.append(_day(dt.date(year, month, day)))
    return _pick(candidates, anchor, how)


@_rule(rf"(?:the )?(?P<mon>{_MON}) (?:of )?{_YEAR_SPEC}")
def _month_year(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'May 2010', 'May of last year'."""
    year = _year_of(m["yspec"], anchor)
    return None if year is None else _safe(lambda: _month(year, _MONTHS[m["mon"]]))


@_rule(rf"(?:{_REL} )?(?P<mon>{_MON})")
def _named_month(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'May', 'last May', 'this May': a bare month is the latest one begun by the anchor (news past)."""
    month = _MONTHS[m["mon"]]
    relation = _relation(m["rel"], how)
    if relation == "this":
        return _month(anchor.year, month)
    return _recurring(lambda y: _month(y, month), anchor, relation)


def _weekday_in_week(week_of: dt.date, weekday: int) -> _Span:
    return _day(week_of - dt.timedelta(days=week_of.weekday() - weekday))


@_rule(rf"(?P<wd>{_WD}) (?:of )?{_REL} week")
def _weekday_of_week(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'Wednesday of last week', 'Friday next week': the weekday inside the named ISO week."""
    shift = {"last": -1, "this": 0, "next": 1}[_RELATIONS[m["rel"]]]
    return _weekday_in_week(anchor + dt.timedelta(weeks=shift), _WEEKDAYS[m["wd"]])


@_rule(rf"(?:{_REL} )?(?P<wd>{_WD})")
def _named_weekday(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'on Wednesday' in a Thursday paper is the day before; the anchor's own weekday is the anchor."""
    weekday = _WEEKDAYS[m["wd"]]
    relation = _relation(m["rel"], how)
    if relation == "this":
        return _weekday_in_week(anchor, weekday)
    candidates = [_day(anchor + dt.timedelta(days=k)) for k in range(-14, 15)]
    return _pick([c for c in candidates if c.start.weekday() == weekday], anchor, relation)


@_rule(rf"(?:{_REL} )?(?:the )?weekend")
def _weekend_rule(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'the weekend' / 'this weekend' / 'last weekend' (ISO-week based, so Sunday's 'this' is today)."""
    relation = _relation(m["rel"], how)
    if relation == "this":
        return _weekend(anchor)
    if relation in ("last", "next"):
        return _weekend(anchor + dt.timedelta(weeks=-1 if relation == "last" else 1))
    candidates = [_weekend(anchor + dt.timedelta(weeks=k)) for k in (-1, 0, 1)]
    return _pick(candidates, anchor, relation)


_PERIOD_UNITS = r"(?P<unit>day|week|month|quarter|year|decade)"


@_rule(rf"{_REL} (?:fiscal |financial |calendar )?{_PERIOD_UNITS}")
def _relative_period(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'last week', 'this year', 'the past month', 'the coming year', 'this fiscal year'."""
    if m["unit"] == "day":
        return None  # "the last day" / "the next day" point at another event, not the anchor
    shift = {"last": -1, "this": 0, "next": 1}[_RELATIONS[m["rel"]]]
    return _shifted_period(anchor, m["unit"], shift)


@_rule(rf"(?:the )?{_PERIOD_UNITS} (?P<which>before last|after next)")
def _period_before_last(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _shifted_period(anchor, m["unit"], -2 if m["which"] == "before last" else 2)


def _unit_name(raw: str) -> str:
    unit = raw.rstrip("s")
    return "week" if unit == "fortnight" else unit


@_rule(rf"{_COUNT} {_UNIT_WORD} (?P<dir>ago|back|from now|from today|hence)")
def _ago(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'three years ago' is the year 2013, not a day: the value keeps the granularity of the unit."""
    count = _parse_count(m["num"])
    if count is None:
        return None
    future = m["dir"] not in ("ago", "back")
    if count == "vague":
        return _ref(FUTURE_REF if future else PAST_REF, anchor)
    sign = 1 if future else -1
    unit = _unit_name(m["unit"])
    if m["unit"].startswith("fortnight"):
        count *= 2
    if unit in ("hour", "minute"):
        hours = count if unit == "hour" else count // 60
        return _day(anchor + dt.timedelta(days=sign * (hours // 24)))
    if unit == "decade":
        return _year(anchor.year + sign * 10 * count)  # "a decade ago" is a year, as "ten years ago" is
    return _unit_span(_shift_date(anchor, unit, sign * count), unit)


@_rule(rf"(?:the |these )?(?P<side>past|last|previous|next|coming|upcoming) {_COUNT} {_UNIT_WORD}")
def _bounded_window(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'the past five years' is the window ending at the anchor; it has no single TIMEX value, so it is
    PAST_REF (FUTURE_REF for 'the next two weeks') with the window as bounds."""
    count = _parse_count(m["num"])
    if count is None or (not m["unit"].endswith("s") and count != 1):
        return None
    unit = _unit_name(m["unit"])
    past = m["side"] in ("past", "last", "previous")
    if count == "vague" or unit in ("hour", "minute"):
        return _ref(PAST_REF if past else FUTURE_REF, anchor)
    if m["unit"].startswith("fortnight"):
        count *= 2
    factor = 10 if unit == "decade" else 1
    base = "year" if unit == "decade" else unit
    if past:
        return _ref(PAST_REF, anchor, start=_shift_date(anchor, base, -count * factor), end=anchor)
    return _ref(FUTURE_REF, anchor, start=anchor, end=_shift_date(anchor, base, count * factor))


def _this_season_year(anchor: dt.date, code: str) -> int:
    """'this winter' in January is the winter that began in December of the year before."""
    return anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year


@_rule(rf"(?:{_REL} )?(?:the )?(?P<season>spring|summer|fall|autumn|winter)(?: (?:of )?{_YEAR_SPEC})?")
def _season_rule(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'last summer' in March 2013 is 2012-SU; 'the summer of 2015'; a bare 'summer' by direction."""
    code = _SEASON_CODES[m["season"]]
    if m["yspec"]:
        if m["rel"]:
            return None
        year = _year_of(m["yspec"], anchor)
        return None if year is None else _safe(lambda: _season(year, code))
    relation = _relation(m["rel"], how)
    if relation == "this":
        return _season(_this_season_year(anchor, code), code)
    return _recurring(lambda y: _season(y, code), anchor, relation)


_QUARTER_ORD = r"(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_QUARTER_NUM: Final = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                       "4th": 4, "final": 4}  # fmt: skip


def _quarter_of(quarter: int, yspec: str | None, anchor: dt.date, how: _How) -> _Span | None:
    if yspec:
        year = _year_of(yspec, anchor)
        return None if year is None else _safe(lambda: _quarter(year, quarter))
    return _recurring(lambda y: _quarter(y, quarter), anchor, how)


@_rule(
    rf"(?:the )?{_QUARTER_ORD} (?:fiscal |financial |calendar )?quarter"
    rf"(?: (?:of |in )?(?:the )?{_YEAR_SPEC})?"
)
def _ordinal_quarter(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'the third quarter of 2016', 'the second quarter' (the latest begun by the anchor)."""
    return _quarter_of(_QUARTER_NUM[m["q"]], m["yspec"], anchor, how)


@_rule(rf"(?:the )?last quarter (?:of |in )(?:the )?{_YEAR_SPEC}")
def _last_quarter_of(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _quarter_of(4, m["yspec"], anchor, how)


@_rule(r"(?:the )?q(?P<q>[1-4])(?: (?:of )?(?P<yspec>(?:fy ?|fiscal )?(?:\d{4}|'\d{2})))?")
def _q_quarter(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _quarter_of(int(m["q"]), m["yspec"], anchor, how)


@_rule(r"(?P<yspec>\d{4}) q(?P<q>[1-4])")
def _year_q_quarter(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _quarter_of(int(m["q"]), m["yspec"], anchor, how)


@_rule(rf"(?:the )?(?P<h>first|second|1st|2nd|latter) half(?: (?:of )?(?:the )?{_YEAR_SPEC})?")
def _half_year(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'the first half of 2016' is 2016-H1; a bare 'the second half' is the latest begun by the anchor."""
    half = 1 if m["h"] in ("first", "1st") else 2
    if m["yspec"]:
        year = _year_of(m["yspec"], anchor)
        return None if year is None else _safe(lambda: _half(year, half))
    return _recurring(lambda y: _half(y, half), anchor, how)


@_rule(r"(?:the )?h(?P<h>[12]) (?P<y>\d{4})")
def _h_half(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    return _safe(lambda: _half(int(m["y"]), int(m["h"])))


@_rule(r"(?:the )?(?:(?:calendar|fiscal|financial|school|academic|model) )?(?:year )?(?:fy ?)?(?P<y>\d{4})")
def _plain_year(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'2013', 'the year 2013', 'fiscal 2013': four digits read as a year only in a plausible range."""
    year = int(m["y"])
    return _year(year) if 1000 <= year <= 2999 else None


@_rule(r"(?:fy ?|fiscal )?'(?P<y>\d{2})|fy ?(?P<y2>\d{2})")
def _apostrophe_year(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """ "'58", "FY13": a bare "58" is left alone (ages, counts), the apostrophe marks a year."""
    return _year(_two_digit_year(m["y"] or m["y2"], anchor))


@_rule(r"(?:the )?(?P<d>\d{3})0'?s")
def _decade_digits(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """'the 1990s' / 'the 1990's' -> 199."""
    return _decade(int(m["d"]))


@_rule(rf"(?:the )?(?:'?(?P<dd>\d)0'?s|(?P<dw>{_alt(_DECADE_WORDS)}))")
def _decade_short(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    """ "the '90s", "the nineties": the latest such decade begun by the anchor (future: not yet ended)."""
    digit = int(m["dd"]) if m["dd"] else _DECADE_WORDS[m["dw"]]
    century = anchor.year // 100
    candidates = [_decade(c * 10 + digit) for c in (century - 1, century, century + 1)]
    return _pick(candidates, anchor, how)


@_rule(r"this time (?P<which>last|next) year")
def _this_time_year(m: re.Match[str], anchor: dt.date, how: _How) -> _Span | None:
    span = _day(_shift_date(anchor, "year", -1 if m["which"] == "last" else 1))
    return replace(span, mod="APPROX")


# --------------------------------------------------------------------------------------------------------
# References to the present, past and future as a whole.

_PRESENT_RX = _rx(
    r"now|right now|just now|currently|presently|present|the present|the present day|present day"
    r"|nowadays|these days|the moment|this moment|this point|this point in time|the present time"
    r"|the current time|the time being|this time"
)
_PAST_RX = _rx(
    r"the past|the recent past|recently|recent|lately|previously|formerly|earlier|the time|that time"
    r"|the other day|(?:years|months|weeks|days|decades|long|a while|some time|sometime|not long) ago"
    r"|a while back|some time back|(?:in )?recent (?:years|months|weeks|days|decades|times)"
)
_FUTURE_RX = _rx(
    r"the future|future|soon|shortly|someday|some day|the near future|the foreseeable future"
    r"|the not-too-distant future|the distant future"
    r"|(?:the )?(?:coming|upcoming|next few) (?:days|weeks|months|years|decades)"
    r"|(?:the )?(?:days|weeks|months|years|decades) (?:ahead|to come)"
)


def _resolve_reference(text: str, anchor: dt.date) -> _Span | None:
    if _PRESENT_RX.fullmatch(text):
        return _ref(PRESENT_REF, anchor)
    if _PAST_RX.fullmatch(text):
        return _ref(PAST_REF, anchor)
    if _FUTURE_RX.fullmatch(text):
        return _ref(FUTURE_REF, anchor)
    return None


# --------------------------------------------------------------------------------------------------------
# Prefixes (prepositions, hedges) and modifiers (early/mid/late, the end of ...).

_PREPOSITIONS: Final = (
    "way back in", "back in", "back", "as early as", "as late as", "as recently as", "as far back as",
    "as of", "in", "on", "at", "during", "by", "since", "until", "till", "til", "through", "throughout",
    "from", "before", "after", "prior to", "ahead of", "for", "within", "of", "starting in", "starting on",
    "starting from", "starting", "beginning in", "beginning on", "sometime in", "sometime on", "sometime",
    "some time in", "shortly before", "shortly after", "just", "only", "even", "already", "still",
    "at least", "at most", "earlier than", "later than", "no later than", "no earlier than", "not until",
    "up to", "up until", "effective", "due",
)  # fmt: skip
# One longest-first alternation, so "at least" is not read as "at" and "some time in" not as "some".
_PREFIX_RX = _rx(rf"(?P<word>{_alt((*_APPROX_MODS, *_PREPOSITIONS))}) ")
_TIME_OF_DAY_RX = _rx(
    r"(?P<inner>.+?) (?:in the |at )?(?:morning|afternoon|evening|night|overnight|midday|noon|midnight"
    r"|dawn|daybreak|lunchtime)"
)
_CLOCK_RX = _rx(r"(?:at )?\d{1,2}(?::\d{2})? ?(?:am|pm|a m|p m)(?: [a-z]{2,4}t)?|(?:at )?(?:noon|midnight)")
_EDGE_MOD_RX = _rx(
    r"(?:the )?(?P<mod>early|earlier|mid|middle|late|later|end)(?:-| )(?:in |on |of )?(?P<inner>.+)"
)
_OF_MOD_RX = _rx(
    r"(?:the )?(?P<mod>beginning|start|outset|dawn|middle|midst|end|close|latter part|early part"
    r"|first half|second half|latter half|first part|last part) of (?:the )?(?P<inner>.+)"
)
_PART_OF_RX = _rx(
    r"(?:the )?(?P<edge>first|last|final|closing|opening) (?:few |couple of |two |three )?"
    r"(?P<unit>days?|weeks?|months?) of (?:the )?(?P<inner>.+)"
)
_UNIT_END_RX = _rx(r"(?:the )?(?P<inner>year|month|quarter|week)[- ]end")
_BARE_UNITS: Final = frozenset({"day", "week", "weekend", "month", "quarter", "year", "decade"})
_MOD_WORDS: Final = {
    "early": "START", "beginning": "START", "start": "START", "outset": "START", "dawn": "START",
    "early part": "START", "first half": "START", "first part": "START",
    "mid": "MID", "middle": "MID", "midst": "MID",
    "late": "END", "end": "END", "close": "END", "latter part": "END", "second half": "END",
    "latter half": "END", "last part": "END",
}  # fmt: skip


def _cut(d: dt.date, span: _Span) -> dt.date:
    """Round an interior cut point to the nearest month (years, seasons) or year (decades) boundary."""
    if span.precision == "decade":
        low, high = dt.date(d.year, 1, 1), dt.date(d.year + 1, 1, 1)
    elif (span.end - span.start).days >= 80:
        low = d.replace(day=1)
        year, month = _add_months(d.year, d.month, 1)
        high = dt.date(year, month, 1)
    else:
        return d
    return low if (d - low) <= (high - d) else high


def _narrow(span: _Span, mod: str) -> _Span:
    """Keep the value, narrow the bounds to the first / middle / last third of the period."""
    days = (span.end - span.start).days + 1
    if days < 3 or span.value.endswith("_REF"):
        return replace(span, mod=mod)
    first_cut = _cut(span.start + dt.timedelta(days=days // 3), span)
    second_cut = _cut(span.start + dt.timedelta(days=2 * days // 3), span)
    one = dt.timedelta(days=1)
    if mod == "START":
        return replace(span, end=first_cut - one, mod=mod)
    if mod == "MID":
        return replace(span, start=first_cut, end=second_cut - one, mod=mod)
    return replace(span, start=second_cut, mod=mod)


def _inner(text: str, anchor: dt.date, how: _How, depth: int) -> _Span | None:
    """What a modifier applies to: a bare unit ('the end of the year') means the current one."""
    bare = text.removeprefix("the ")
    if bare in _BARE_UNITS:
        return _unit_span(anchor, bare)
    return _resolve(text, anchor, how, depth + 1)


def _resolve_modified(text: str, anchor: dt.date, how: _How, depth: int) -> _Span | None:
    m = _UNIT_END_RX.fullmatch(text)
    if m:
        inner = _unit_span(anchor, m["inner"])
        return None if inner is None else _narrow(inner, "END")
    m = _PART_OF_RX.fullmatch(text)
    if m:
        inner = _inner(m["inner"], anchor, how, depth)
        if inner is None or inner.value.endswith("_REF"):
            return None
        first = m["edge"] in ("first", "opening")
        mod = "START" if first else "END"
        if m["unit"] == "day":
            return _day(inner.start if first else inner.end)
        if m["unit"] == "week" and inner.precision != "week":
            # "the first week of March": its first (or last) seven days, the value stays the month's
            seven = dt.timedelta(days=6)
            if first:
                return replace(inner, end=min(inner.end, inner.start + seven), mod=mod)
            return replace(inner, start=max(inner.start, inner.end - seven), mod=mod)
        if m["unit"] == "month" and inner.precision not in ("day", "week", "month"):
            edge = (
                _month(inner.start.year, inner.start.month)
                if first
                else _month(inner.end.year, inner.end.month)
            )
            return replace(inner, start=edge.start, end=edge.end, mod=mod)
        return _narrow(inner, mod)
    m = _OF_MOD_RX.fullmatch(text) or _EDGE_MOD_RX.fullmatch(text)
    if not m:
        return None
    word = m["mod"]
    inner = _inner(m["inner"], anchor, how, depth)
    if inner is None:
        return None
    if word in ("earlier", "later"):
        # "earlier this year": the part of the period before the anchor, when the period contains it.
        if not inner.start <= anchor <= inner.end or inner.value.endswith("_REF"):
            return _narrow(inner, "START" if word == "earlier" else "END")
        if word == "earlier":
            return replace(inner, end=max(inner.start, anchor - dt.timedelta(days=1)))
        return replace(inner, start=min(inner.end, anchor + dt.timedelta(days=1)))
    if word in ("first half", "second half", "latter half") and inner.precision == "year":
        return _half(inner.start.year, 1 if word == "first half" else 2)
    return _narrow(inner, _MOD_WORDS[word])


# --------------------------------------------------------------------------------------------------------
# Driver.

_MAX_DEPTH: Final = 3


def _resolve_core(text: str, anchor: dt.date, how: _How) -> _Span | None:
    for pattern, handler in _RULES:
        m = pattern.fullmatch(text)
        if m:
            try:
                span = handler(m, anchor, how)
            except (ValueError, OverflowError):  # a date that does not exist: let later rules try
                span = None
            if span is not None:
                return span
    return None


def _resolve(text: str, anchor: dt.date, how: _How, depth: int = 0) -> _Span | None:
    if depth > _MAX_DEPTH or not text:
        return None
    span = _resolve_reference(text, anchor)
    if span:
        return span
    mod = None
    while m := _PREFIX_RX.match(text):
        mod = _APPROX_MODS.get(m["word"], mod)
        text = text[m.end() :]
    span = (
        _resolve_reference(text, anchor)
        or _resolve_modified(text, anchor, how, depth)
        or _resolve_core(text, anchor, how)
    )
    if span is None:
        span = _resolve_with_time_of_day(text, anchor, how, depth)
    if span is not None and mod is not None and span.mod is None:
        if mod != "APPROX" and not text.endswith(("ago", "back")):
            mod = None  # "over the weekend": a preposition, not "more than"
        span = replace(span, mod=mod) if mod else span
    return span


def _resolve_with_time_of_day(text: str, anchor: dt.date, how: _How, depth: int) -> _Span | None:
    """'Wednesday night', 'Friday at 3 pm': the day is what dates a statement; the clock is dropped."""
    stripped = _CLOCK_RX.sub("", text).strip()
    if stripped != text:
        span = _resolve(_SPACE_RX.sub(" ", stripped), anchor, how, depth + 1) if stripped else None
        return span if span is not None and span.precision == "day" else None
    m = _TIME_OF_DAY_RX.fullmatch(text)
    if m:
        span = _resolve(m["inner"], anchor, how, depth + 1)
        return span if span is not None and span.precision == "day" else None
    return None


# A full calendar date the rules did not read: a month name or weekday next to a number, or D/M/Y digits.
_FALLBACK_GATE_RX = _rx(
    rf"\b(?:{_MON}|{_WD})\b.*\d|\d.*\b(?:{_MON}|{_WD})\b|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}"
)


_NUMBER_RX = _rx(r"\d+")


@lru_cache(maxsize=64)
def _dateparser_for(anchor: dt.date, how: _How) -> Any:
    """One parser per (anchor, direction): dateparser's settings are fixed at construction."""
    from dateparser.date import DateDataParser  # lazy: a heavy import few expressions ever need

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()),
            "PREFER_DATES_FROM": how,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def _resolve_with_dateparser(text: str, anchor: dt.date, how: _How) -> _Span | None:
    parser = _dateparser_for(anchor, how)
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is all that means
        return None
    if data.date_obj is None:
        return None
    found: dt.date = data.date_obj.date()
    period = data.period or "day"
    # dateparser reads something into almost any string; keep its answer only when the numbers written
    # in the expression are the ones it used (a stated year is that year, a day result shows its day).
    # With no year written, the answer must lie within a year of the anchor ("September 16-19" is not 1919).
    numbers = {int(n) for n in _NUMBER_RX.findall(text)}
    years = {n for n in numbers if n >= 1000}
    if period == "week" or (found.year not in years if years else abs((found - anchor).days) > 366):
        return None
    if period == "year":
        return _year(found.year)
    if period == "month":
        return _month(found.year, found.month)
    return _day(found) if found.day in numbers else None


def normalize(expression: str, anchor: dt.date, *, direction: str = "past") -> TimeValue | None:
    """Resolve a temporal expression against an anchor date (the publication date).

    Handles e.g. "on Wednesday", "in 2013", "back in 2013", "three years ago", "last week",
    "May 27, 2016", "early December", "last summer", "the 1990s", "this year", "Friday", "today",
    "yesterday", "the past week", "in May", "now". ``direction="past"`` (news convention) makes a bare
    weekday or month the most recent one at or before the anchor ("on Wednesday" in a paper of Thursday
    2016-07-28 is 2016-07-27; a bare weekday equal to the anchor's is the anchor day); ``"future"`` the
    next one not yet over. Words such as "last", "next", "this" decide on their own.

    Returns None for durations, sets and anything that is not a point or period in time relative to the
    anchor ("three years", "every week", "the day", "two years later").
    """
    if direction not in ("past", "future"):
        raise ValueError(f"direction must be 'past' or 'future', not {direction!r}")
    how: _How = "past" if direction == "past" else "future"
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    text = _clean(expression)
    if not text:
        return None
    day = anchor
    span = _safe(lambda: _resolve(text, day, how))
    if span is None and _FALLBACK_GATE_RX.search(text):
        span = _safe(lambda: _resolve_with_dateparser(expression.strip(), day, how))
    if span is None:
        return None
    return TimeValue(
        value=span.value,
        start=span.start.isoformat(),
        end=span.end.isoformat(),
        precision=span.precision,
        text=expression,
        mod=span.mod,
    )
