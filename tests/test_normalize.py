"""The date normalizer: news expressions resolved against a publication date, and its TempEval-3 score."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_bench, shared_path
from onrecord.timing.normalize import TimeValue, normalize

ANCHOR = dt.date(2016, 7, 28)  # a Thursday

# Accuracy measured by bench/dates.py on TempEval-3 platinum (docs/BENCHMARKS.md, "Date normalization");
# the test allows 0.02.
RECORDED_TEMPEVAL_ACCURACY = 0.854


def resolve(expression: str, anchor: dt.date = ANCHOR, direction: str = "past") -> TimeValue:
    result = normalize(expression, anchor, direction=direction)
    assert result is not None, expression
    return result


@pytest.mark.parametrize(
    ("expression", "value", "start", "end", "precision"),
    [
        ("on Wednesday", "2016-07-27", "2016-07-27", "2016-07-27", "day"),
        ("Wednesday", "2016-07-27", "2016-07-27", "2016-07-27", "day"),
        ("Thursday", "2016-07-28", "2016-07-28", "2016-07-28", "day"),  # the anchor's own weekday
        ("Friday", "2016-07-22", "2016-07-22", "2016-07-22", "day"),
        ("in 2013", "2013", "2013-01-01", "2013-12-31", "year"),
        ("back in 2013", "2013", "2013-01-01", "2013-12-31", "year"),
        ("three years ago", "2013", "2013-01-01", "2013-12-31", "year"),
        ("two weeks ago", "2016-W28", "2016-07-11", "2016-07-17", "week"),
        ("a month ago", "2016-06", "2016-06-01", "2016-06-30", "month"),
        ("last week", "2016-W29", "2016-07-18", "2016-07-24", "week"),
        ("the past week", "2016-W29", "2016-07-18", "2016-07-24", "week"),
        ("this week", "2016-W30", "2016-07-25", "2016-07-31", "week"),
        ("last summer", "2015-SU", "2015-06-01", "2015-08-31", "season"),
        ("this summer", "2016-SU", "2016-06-01", "2016-08-31", "season"),
        ("the summer of 2012", "2012-SU", "2012-06-01", "2012-08-31", "season"),
        ("last winter", "2015-WI", "2015-12-01", "2016-02-29", "season"),
        ("the 1990s", "199", "1990-01-01", "1999-12-31", "decade"),
        ("the '90s", "199", "1990-01-01", "1999-12-31", "decade"),
        ("May 27, 2016", "2016-05-27", "2016-05-27", "2016-05-27", "day"),
        ("Sept. 11, 2001", "2001-09-11", "2001-09-11", "2001-09-11", "day"),
        ("11 September 2001", "2001-09-11", "2001-09-11", "2001-09-11", "day"),
        ("Wednesday, July 27", "2016-07-27", "2016-07-27", "2016-07-27", "day"),
        ("7/4/2016", "2016-07-04", "2016-07-04", "2016-07-04", "day"),
        ("May 2010", "2010-05", "2010-05-01", "2010-05-31", "month"),
        ("this year", "2016", "2016-01-01", "2016-12-31", "year"),
        ("last year's", "2015", "2015-01-01", "2015-12-31", "year"),
        ("next year", "2017", "2017-01-01", "2017-12-31", "year"),
        ("this fiscal year", "2016", "2016-01-01", "2016-12-31", "year"),
        ("today", "2016-07-28", "2016-07-28", "2016-07-28", "day"),
        ("yesterday", "2016-07-27", "2016-07-27", "2016-07-27", "day"),
        ("tomorrow", "2016-07-29", "2016-07-29", "2016-07-29", "day"),
        ("last night", "2016-07-27", "2016-07-27", "2016-07-27", "day"),
        ("Wednesday night", "2016-07-27", "2016-07-27", "2016-07-27", "day"),
        ("Friday at 3 p.m.", "2016-07-22", "2016-07-22", "2016-07-22", "day"),
        ("in May", "2016-05", "2016-05-01", "2016-05-31", "month"),
        ("in August", "2015-08", "2015-08-01", "2015-08-31", "month"),  # the latest August begun
        ("last July", "2015-07", "2015-07-01", "2015-07-31", "month"),
        ("this month", "2016-07", "2016-07-01", "2016-07-31", "month"),
        ("the third quarter of 2016", "2016-Q3", "2016-07-01", "2016-09-30", "month"),
        ("Q1 2015", "2015-Q1", "2015-01-01", "2015-03-31", "month"),
        ("the first half of 2015", "2015-H1", "2015-01-01", "2015-06-30", "month"),
        ("the weekend", "2016-W29-WE", "2016-07-23", "2016-07-24", "week"),
        ("now", "PRESENT_REF", "2016-07-28", "2016-07-28", "day"),
        ("currently", "PRESENT_REF", "2016-07-28", "2016-07-28", "day"),
        ("recently", "PAST_REF", "0001-01-01", "2016-07-27", "day"),
        ("at the time", "PAST_REF", "0001-01-01", "2016-07-27", "day"),
        ("the past five years", "PAST_REF", "2011-07-28", "2016-07-28", "day"),
        ("the future", "FUTURE_REF", "2016-07-29", "9999-12-31", "day"),
    ],
)
def test_resolves_news_expressions(expression: str, value: str, start: str, end: str, precision: str) -> None:
    result = resolve(expression)
    assert (result.value, result.start, result.end, result.precision) == (value, start, end, precision)
    assert result.text == expression


@pytest.mark.parametrize(
    ("expression", "value", "start", "end", "mod"),
    [
        ("early December", "2015-12", "2015-12-01", "2015-12-10", "START"),
        ("mid-July", "2016-07", "2016-07-11", "2016-07-20", "MID"),
        ("late last year", "2015", "2015-09-01", "2015-12-31", "END"),
        ("early 2011", "2011", "2011-01-01", "2011-04-30", "START"),
        ("the end of the year", "2016", "2016-09-01", "2016-12-31", "END"),
        ("the end of year", "2016", "2016-09-01", "2016-12-31", "END"),
        ("the early 1990s", "199", "1990-01-01", "1992-12-31", "START"),
        ("the first week of March", "2016-03", "2016-03-01", "2016-03-07", "START"),
        ("about three years ago", "2013", "2013-01-01", "2013-12-31", "APPROX"),
    ],
)
def test_modifiers_keep_the_value_and_narrow_the_bounds(
    expression: str, value: str, start: str, end: str, mod: str
) -> None:
    result = resolve(expression)
    assert (result.value, result.start, result.end, result.mod) == (value, start, end, mod)


def test_earlier_this_year_stops_before_the_anchor() -> None:
    result = resolve("earlier this year")
    assert (result.value, result.start, result.end) == ("2016", "2016-01-01", "2016-07-27")


@pytest.mark.parametrize(
    "expression",
    [
        "three years",
        "every week",
        "each year",
        "weekly",
        "the day",
        "that year",
        "two years later",
        "the following week",
        "58",
        "40-year-old",
        "the 20th century",  # no century precision in onrecord.model.Precision
        "digital",
        "September 16-19",  # a range has no single value
        "",
    ],
)
def test_durations_sets_and_other_anchors_are_not_resolved(expression: str) -> None:
    assert normalize(expression, ANCHOR) is None


def test_future_direction_takes_the_next_occurrence() -> None:
    assert resolve("Friday", direction="future").value == "2016-07-29"
    assert resolve("Thursday", direction="future").value == "2016-07-28"
    assert resolve("August", direction="future").value == "2016-08"
    assert resolve("April 7", direction="future").value == "2017-04-07"


def test_explicit_words_decide_whatever_the_direction() -> None:
    for direction in ("past", "future"):
        assert resolve("last Friday", direction=direction).value == "2016-07-22"
        assert resolve("next Tuesday", direction=direction).value == "2016-08-02"
        assert resolve("last Thursday", direction=direction).value == "2016-07-21"
        assert resolve("this Friday", direction=direction).value == "2016-07-29"


def test_year_boundaries() -> None:
    new_year = dt.date(2017, 1, 2)  # a Monday in ISO week 2017-W01
    assert resolve("last week", new_year).value == "2016-W52"
    assert resolve("December", new_year).value == "2016-12"
    assert resolve("last December", new_year).value == "2016-12"
    assert resolve("this winter", new_year).value == "2016-WI"
    assert resolve("Dec. 30", new_year).value == "2016-12-30"
    assert resolve("Feb. 29", dt.date(2017, 3, 1)).value == "2016-02-29"


def test_accepts_a_datetime_anchor_and_rejects_an_unknown_direction() -> None:
    assert resolve("yesterday", dt.datetime(2016, 7, 28, 23, 59)).value == "2016-07-27"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="direction"):
        normalize("Friday", ANCHOR, direction="nearest")


def test_dateparser_is_the_fallback_for_other_calendar_dates() -> None:
    assert resolve("11-Sep-2001").value == "2001-09-11"
    assert resolve("Wed, 27 Jul 2016 10:00").value == "2016-07-27"


def test_rules_answer_without_importing_dateparser() -> None:
    """dateparser's import is the slow part; expressions the rules read must not pay for it."""
    code = (
        "import sys, datetime as dt\n"
        "import onrecord.timing.normalize as n\n"
        "before = 'dateparser' in sys.modules\n"
        "for e in ['on Wednesday', 'May 27, 2016', 'three years ago', 'last summer', 'three years']:\n"
        "    n.normalize(e, dt.date(2016, 7, 28))\n"
        "print(before, 'dateparser' in sys.modules, n._dateparser_for.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after, parsers = out.stdout.split()
    assert parsers == "0"  # the fallback was never built
    if before == "False":  # (unless another onrecord module imports dateparser itself)
        assert after == "False"


# --------------------------------------------------------------------------------------------------------
# Property: for any anchor and any templated expression, the result is a well-formed interval whose
# precision matches the value's shape and which lies inside the period the value names.

_SHAPES = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}|PRESENT_REF|PAST_REF|FUTURE_REF"),
    "week": re.compile(r"\d{4}-W\d{2}(?:-WE)?"),
    "month": re.compile(r"\d{4}-(?:\d{2}|Q[1-4]|H[12])"),
    "season": re.compile(r"\d{4}-(?:SP|SU|FA|WI)"),
    "year": re.compile(r"\d{4}"),
    "decade": re.compile(r"\d{3}"),
}


def _value_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The canonical interval a TIMEX3 value names (None for the open *_REF values)."""
    if value.endswith("_REF"):
        return None
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (
            (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
            if m[3]
            else (
                monday,
                monday + dt.timedelta(days=6),
            )
        )
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = dt.date.fromisoformat(value)
        return day, day
    if re.fullmatch(r"\d{3}", value):
        return dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
    year = int(value[:4])
    if len(value) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    part = value[5:]
    first, count = {
        "Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6),
        "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3),
    }.get(part, (int(part) if part.isdigit() else 0, 1))  # fmt: skip
    last_index = year * 12 + first - 1 + count - 1
    last_year, last_month = divmod(last_index, 12)
    end = dt.date(last_year, last_month + 1, 1) + dt.timedelta(days=31)
    return dt.date(year, first, 1), end.replace(day=1) - dt.timedelta(days=1)


_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = ["January", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "October",
                "November", "December"]  # fmt: skip
_NUMBERS = ["a", "one", "two", "three", "five", "ten", "twenty-five", "a couple of", "a few", "12"]
_UNITS = ["days", "weeks", "months", "years", "decades", "quarters"]

_expression = st.one_of(
    st.builds("on {}".format, st.sampled_from(_WEEKDAY_NAMES)),
    st.builds(
        "{} {}".format,
        st.sampled_from(["last", "this", "next", "this past"]),
        st.sampled_from(_WEEKDAY_NAMES),
    ),
    st.builds("in {}".format, st.sampled_from(_MONTH_NAMES)),
    st.builds("{} {}".format, st.sampled_from(["last", "this", "next"]), st.sampled_from(_MONTH_NAMES)),
    st.builds("{} {}".format, st.sampled_from(_MONTH_NAMES), st.integers(1, 31)),
    st.builds("{} {}, {}".format, st.sampled_from(_MONTH_NAMES), st.integers(1, 31), st.integers(1900, 2100)),
    st.builds("{} {} ago".format, st.sampled_from(_NUMBERS), st.sampled_from(_UNITS)),
    st.builds("the past {} {}".format, st.sampled_from(_NUMBERS), st.sampled_from(_UNITS)),
    st.builds(
        "{} {}".format,
        st.sampled_from(["last", "this", "next", "the past", "the coming"]),
        st.sampled_from(["week", "weekend", "month", "quarter", "year", "decade", "summer", "winter"]),
    ),
    st.builds(
        "{} {}".format,
        st.sampled_from(
            ["early", "mid-", "late", "the end of", "the beginning of", "earlier this", "later this"]
        ),
        st.sampled_from(["year", "month", "week", "2014", "December", "last year", "the 1990s", "summer"]),
    ),
    st.builds("the {}0s".format, st.integers(100, 209)),
    st.builds("in {}".format, st.integers(1000, 2999)),
    st.builds(
        "the {} quarter of {}".format,
        st.sampled_from(["first", "second", "third", "fourth"]),
        st.integers(1900, 2100),
    ),
    st.sampled_from(
        ["today", "yesterday", "tomorrow", "now", "recently", "the weekend", "the nineties", "soon"]
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    anchor=st.dates(dt.date(1100, 1, 1), dt.date(8900, 12, 31)), expression=_expression, future=st.booleans()
)
def test_property_well_formed_intervals(anchor: dt.date, expression: str, future: bool) -> None:
    result = normalize(expression, anchor, direction="future" if future else "past")
    if result is None:
        return
    start, end = dt.date.fromisoformat(result.start), dt.date.fromisoformat(result.end)
    assert start <= end
    assert _SHAPES[result.precision].fullmatch(result.value), (result.precision, result.value)
    bounds = _value_bounds(result.value)
    if bounds is not None:
        assert bounds[0] <= start <= end <= bounds[1], (result, bounds)


@settings(max_examples=200, deadline=None)
@given(anchor=st.dates(dt.date(1100, 1, 1), dt.date(8900, 12, 31)), weekday=st.integers(0, 6))
def test_property_bare_weekday_is_within_the_week_before_the_anchor(anchor: dt.date, weekday: int) -> None:
    day = dt.date.fromisoformat(resolve(_WEEKDAY_NAMES[weekday], anchor).value)
    assert day.weekday() == weekday
    assert 0 <= (anchor - day).days <= 6


# --------------------------------------------------------------------------------------------------------
# TempEval-3 platinum: the accuracy recorded in docs/BENCHMARKS.md, "Date normalization" must hold.


@pytest.mark.shared
def test_tempeval3_platinum_accuracy() -> None:
    data = shared_path("data", "tempeval3-platinum")
    bench = load_bench("dates")
    results = bench.evaluate(data, with_dateparser=False)  # type: ignore[attr-defined]
    assert results["total"] >= 90
    assert results["onrecord"]["accuracy"] >= RECORDED_TEMPEVAL_ACCURACY - 0.02
