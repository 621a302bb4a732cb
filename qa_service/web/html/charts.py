"""Geometry of the dashboard's feedback chart, rendered as inline SVG by the template (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_service.models import DayFeedback


@dataclass(frozen=True)
class Bar:
    """One day's bar: its box in SVG units and its accessible title."""

    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class Chart:
    """A bar chart of the daily thumbs-up share, 0 % at the bottom, 100 % at the top."""

    width: int
    height: int
    top: int
    bottom: int
    bars: tuple[Bar, ...]
    first_label: str
    last_label: str


def ratio_chart(days: Sequence[DayFeedback], width: int = 640, height: int = 180) -> Chart:
    """Lay out one bar per day (days without feedback leave a gap) scaled to the plot height."""
    top, bottom = 10, height - 24  # room for the date labels under the axis
    slot = width / max(len(days), 1)
    bars = []
    for i, day in enumerate(days):
        if day.ratio is None:
            continue
        tall = max((bottom - top) * day.ratio, 1.0)  # a 0 % day still shows a hairline
        title = f"{day.day.isoformat()}: {day.up} up, {day.down} down ({day.ratio:.0%} up)"
        bars.append(Bar(round(i * slot + slot * 0.15, 1), round(bottom - tall, 1), round(slot * 0.7, 1),
                        round(tall, 1), title))  # fmt: skip
    first = days[0].day.isoformat() if days else ""
    last = days[-1].day.isoformat() if days else ""
    return Chart(width, height, top, bottom, tuple(bars), first, last)
