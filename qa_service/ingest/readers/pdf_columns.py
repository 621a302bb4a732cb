"""Reading order on pages set in columns: find a gutter, read each column in turn (pure)."""

from __future__ import annotations

import statistics

from qa_service.ingest.readers.pdf_geometry import Fragment

GUTTER_RANGE = (0.3, 0.7)  # a column gutter lies within this share of the page width
COLUMN_SHARE = 0.25  # each column holds at least this share of the page's characters
CROSSING_SHARE = 0.3  # full-width text (headings, figures) crossing the gutter may hold this share
PROSE_WORDS = 4  # a column is prose when its fragments average this many words (not a table's cells)


def gutter(lines: list[list[Fragment]], low: float, high: float) -> float | None:
    """Return the x of a column gutter between low and high (page x), or None for one column."""
    frags = [(f.x0, f.x1, len(f.text), len(f.text.split())) for line in lines for f in line]
    total = sum(f[2] for f in frags)
    start, end = low + GUTTER_RANGE[0] * (high - low), low + GUTTER_RANGE[1] * (high - low)
    best: tuple[float, float] | None = None
    # a gutter starts just right of some fragment's right edge; 4-point steps are fine enough
    for x in sorted({4 * round(f[1] / 4) + 2 for f in frags if start <= f[1] <= end}):
        left = [f for f in frags if f[1] <= x]
        right = [f for f in frags if f[0] >= x]
        crossing = total - sum(f[2] for f in left + right)
        smaller = min(sum(f[2] for f in left), sum(f[2] for f in right))
        fits = crossing <= CROSSING_SHARE * total and smaller >= COLUMN_SHARE * total
        if fits and _prose(left) and _prose(right) and (best is None or smaller - crossing > best[1]):
            best = (x, smaller - crossing)
    return best[0] if best else None


def _prose(frags: list[tuple[float, float, int, int]]) -> bool:
    """Return True when the fragments (x0, x1, chars, words) read as running text, not a table's cells."""
    return statistics.fmean(f[3] for f in frags) >= PROSE_WORDS if frags else False


def column_order(
    lines: list[list[Fragment]], low: float, high: float, depth: int = 3
) -> list[list[Fragment]]:
    """Return lines in reading order: between full-width lines, each column in turn (nested ones too)."""
    x = gutter(lines, low, high) if depth else None
    if x is None:
        return lines
    ordered: list[list[Fragment]] = []
    left: list[list[Fragment]] = []
    right: list[list[Fragment]] = []
    for line in sorted(lines, key=lambda frags: -frags[0].top):
        if any(f.x0 < x < f.x1 for f in line):
            ordered += [*_columns(left, low, x, depth), *_columns(right, x, high, depth), line]
            left, right = [], []
            continue
        left.append([f for f in line if f.x1 <= x])
        right.append([f for f in line if f.x0 >= x])
    return ordered + _columns(left, low, x, depth) + _columns(right, x, high, depth)


def _columns(lines: list[list[Fragment]], low: float, high: float, depth: int) -> list[list[Fragment]]:
    return column_order([line for line in lines if line], low, high, depth - 1)
