"""The feedback chart's geometry: one bar per day with feedback, scaled to the share of thumbs up."""

from __future__ import annotations

from datetime import date

from qa_service.models import DayFeedback
from qa_service.web.html.charts import ratio_chart


def test_bars_scale_with_the_share_of_thumbs_up_and_skip_empty_days():
    days = [
        DayFeedback(date(2026, 1, 1), 3, 1),
        DayFeedback(date(2026, 1, 2), 0, 0),
        DayFeedback(date(2026, 1, 3), 0, 2),
    ]
    chart = ratio_chart(days, width=300, height=124)
    plot = chart.bottom - chart.top
    assert len(chart.bars) == 2
    full, zero = chart.bars
    assert full.height == 0.75 * plot and full.y == chart.bottom - 0.75 * plot
    assert zero.height == 1.0  # a day of only thumbs down still shows a hairline
    assert full.x < 100 < 200 < zero.x
    assert "3 up, 1 down (75% up)" in full.title
    assert (chart.first_label, chart.last_label) == ("2026-01-01", "2026-01-03")


def test_no_days_gives_an_empty_chart():
    chart = ratio_chart([])
    assert chart.bars == () and chart.first_label == ""
    assert DayFeedback(date(2026, 1, 1), 0, 0).ratio is None
