"""A person's statements over time as an inline SVG bar chart, drawn on the server.

Server-side SVG needs no JavaScript and no build step, prints, scales to a phone's width (``viewBox``)
and works under a strict Content-Security-Policy (no inline styles or scripts: colours come from classes
in the stylesheet). Each bar is a link to the statements of its period, so the chart is also a way in
for keyboard users; each carries a ``<title>`` so screen readers and hovering say what it counts.
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


@dataclass(frozen=True)
class Bucket:
    """One bar: a period (first and last day) and how many statements fall in it."""

    first: dt.date
    last: dt.date
    label: str
    count: int


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def buckets(days: Sequence[tuple[dt.date, int]]) -> list[Bucket]:
    """Counts per month (short records) or per year (long ones), with empty periods kept so that gaps in a
    record show as gaps."""
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
    step = plot_w / len(bars)
    bar_w = max(1.0, step * 0.72)
    every = max(1, math.ceil(len(bars) / 10))  # at most 10 axis labels
    span = f"{bars[0].label} to {bars[-1].label}" if len(bars) > 1 else bars[0].label
    summary = f"{total} dated statements by {who}, {span}" + (f"; {undated} undated" if undated else "")
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="chart-title">Statements over time: {escape(who)}</title>',
        f'<desc id="chart-desc">{escape(summary)}</desc>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>',
        f'<text class="tick" x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for i, b in enumerate(bars):
        x = LEFT + i * step + (step - bar_w) / 2
        h = plot_h * b.count / top
        label = f"{b.label}: {b.count} statement{'s' if b.count != 1 else ''}"
        if b.count:
            parts.append(
                f'<a href="{escape(link(b))}" aria-label="{escape(label)}">'
                f'<rect class="bar" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{max(h, 1.0):.1f}"><title>{escape(label)}</title></rect></a>'
            )
        if i % every == 0:
            cx = LEFT + i * step + step / 2
            parts.append(
                f'<text class="tick" x="{cx:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                f"{escape(b.label)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
