"""A person's statements over time as an inline SVG bar chart, drawn on the server.

Server-side SVG needs no JavaScript and no build step, prints, scales to a phone's width (``viewBox``)
and works under a strict Content-Security-Policy (no inline styles or scripts: colours come from classes
in the stylesheet). Each bar is a link to the statements of its period, so the chart is also a way in
for keyboard users; each carries a ``<title>`` so screen readers and hovering say what it counts.

The axis fits the record: it runs from the person's first dated statement to their last, a stretch of
``MIN_GAP`` or more empty periods is drawn as one narrow break (so a statement from 2019 and five from
2024 do not leave four years of empty axis between them), and a bar is never wider than ``MAX_BAR``, so
a single statement is one ordinary bar in the middle, not a slab across the whole chart.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 36
#: Months are used while the record spans at most this many; years beyond that.
MAX_MONTHS = 36
#: This many empty periods in a row or more are drawn as one break in the axis.
MIN_GAP = 2
#: The widest a bar (and its slot) may be, in viewBox units: a lone bar stays a bar.
MAX_BAR = 44


@dataclass(frozen=True)
class Bucket:
    """One bar: a period (first and last day) and how many statements fall in it."""

    first: dt.date
    last: dt.date
    label: str
    count: int
    #: A stretch of empty periods drawn as one break (``first`` to ``last``), not a period of its own.
    gap: bool = False


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def buckets(days: Sequence[tuple[dt.date, int]]) -> list[Bucket]:
    """Counts per month (short records) or per year (long ones) from the first dated statement to the
    last; a short run of empty periods is kept (a pause shows as one), a run of ``MIN_GAP`` or more
    becomes one ``gap`` bucket."""
    return _fold_gaps(_periods(days))


def _fold_gaps(periods: list[Bucket]) -> list[Bucket]:
    out: list[Bucket] = []
    run: list[Bucket] = []
    for b in [*periods, None]:
        if b is not None and b.count == 0:
            run.append(b)
            continue
        if len(run) >= MIN_GAP:
            label = f"{run[0].label}–{run[-1].label}"
            out.append(Bucket(run[0].first, run[-1].last, label, 0, gap=True))
        else:
            out.extend(run)
        run = []
        if b is not None:
            out.append(b)
    return out


def _periods(days: Sequence[tuple[dt.date, int]]) -> list[Bucket]:
    """Every month or year from the first day to the last, empty ones included."""
    if not days:
        return []
    first, last = days[0][0], days[-1][0]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    out: list[Bucket] = []
    if months <= MAX_MONTHS:
        counts: dict[tuple[int, int], int] = {}
        for day, n in days:
            counts[(day.year, day.month)] = counts.get((day.year, day.month), 0) + n
        y, m = first.year, first.month
        for _ in range(months):
            start = dt.date(y, m, 1)
            out.append(Bucket(start, _month_end(start), start.strftime("%b %Y"), counts.get((y, m), 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    per_year: dict[int, int] = {}
    for day, n in days:
        per_year[day.year] = per_year.get(day.year, 0) + n
    for year in range(first.year, last.year + 1):
        out.append(Bucket(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), per_year.get(year, 0)))
    return out


def timeline_svg(
    days: Sequence[tuple[dt.date, int]], link: Callable[[Bucket], str], who: str, undated: int = 0
) -> Markup:
    """The chart for ``who``; ``link`` gives each bar's target (the list filtered to its period)."""
    bars = buckets(days)
    total = sum(n for _, n in days)
    if not bars:
        return Markup('<p class="muted">No dated statements to chart.</p>')
    top = max(b.count for b in bars) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    # A break takes half a slot; slots are at most MAX_BAR / 0.72 wide and centred when they are few.
    slots = sum(0.5 if b.gap else 1.0 for b in bars)
    step = min(plot_w / slots, MAX_BAR / 0.72)
    bar_w = max(1.0, step * 0.72)
    start = LEFT + (plot_w - step * slots) / 2
    every = max(1, math.ceil(len(bars) / 10))  # at most 10 axis labels
    span = f"{bars[0].label} to {bars[-1].label}" if len(bars) > 1 else bars[0].label
    summary = f"{total} dated statement{'s' if total != 1 else ''} by {who}, {span}" + (
        f"; {undated} undated" if undated else ""
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="chart-title">Statements over time: {escape(who)}</title>',
        f'<desc id="chart-desc">{escape(summary)}</desc>',
        f'<line class="axis" x1="{start:.1f}" y1="{TOP + plot_h}" x2="{start + step * slots:.1f}" '
        f'y2="{TOP + plot_h}"/>',
        f'<text class="tick" x="{start - 6:.1f}" y="{TOP + 4}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{start - 6:.1f}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    at = start
    for i, b in enumerate(bars):
        if b.gap:
            cx = at + step / 4
            parts.append(
                f'<g class="gap"><title>{escape(b.label)}: no statements</title>'
                f'<line class="break" x1="{cx - 4:.1f}" y1="{TOP + plot_h + 6}" x2="{cx + 4:.1f}" '
                f'y2="{TOP + plot_h - 6}"/></g>'
            )
            at += step / 2
            continue
        x = at + (step - bar_w) / 2
        h = plot_h * b.count / top
        label = f"{b.label}: {b.count} statement{'s' if b.count != 1 else ''}"
        if b.count:
            parts.append(
                f'<a href="{escape(link(b))}" aria-label="{escape(label)}">'
                f'<rect class="bar" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{max(h, 1.0):.1f}"><title>{escape(label)}</title></rect></a>'
            )
        if i % every == 0:
            cx = at + step / 2
            parts.append(
                f'<text class="tick" x="{cx:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                f"{escape(b.label)}</text>"
            )
        at += step
    parts.append("</svg>")
    return Markup("".join(parts))
