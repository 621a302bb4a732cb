"""Reading order on pages set in columns: find a gutter, read each column in turn (pure)."""

from __future__ import annotations

import statistics

from qa_service.ingest.readers.pdf_geometry import Fragment

GUTTER_RANGE = (0.3, 0.7)  # a column gutter lies within this share of the page width
COLUMN_SHARE = 0.25  # each column holds at least this share of the page's characters, or
BESIDE_LINES = 3  # inside a column already found, has this many lines level with the other's
NESTING = 3  # columns found inside columns, at most this deep
CROSSING_SHARE = 0.3  # full-width text (headings, figures) crossing the gutter may hold this share
PROSE_WORDS = 4  # a column is prose when its fragments average this many words (not a table's cells)


def gutter(lines: list[list[Fragment]], low: float, high: float, nested: bool = False) -> float | None:
    """Return the x of a column gutter between low and high (page x), or None for one column."""
    frags = [f for line in lines for f in line]
    total = _chars(frags)
    start, end = low + GUTTER_RANGE[0] * (high - low), low + GUTTER_RANGE[1] * (high - low)
    best: tuple[float, float] | None = None
    # a gutter starts just right of some fragment's right edge; 4-point steps are fine enough
    for x in sorted({4 * round(f.x1 / 4) + 2 for f in frags if start <= f.x1 <= end}):
        left = [f for f in frags if f.x1 <= x]
        right = [f for f in frags if f.x0 >= x]
        short, long = sorted((left, right), key=_chars)
        smaller = _chars(short)
        crossing = total - smaller - _chars(long)
        if crossing > CROSSING_SHARE * total or not (_prose(left) and _prose(right)):
            continue
        # A short column beside a long one (an introduction or sidebar beside the body) holds few of
        # the characters; once the page is known to be set in columns (nested), lines set level with
        # its neighbour's show it is one. Not on the whole page: there a table's last column looks so.
        columns = smaller >= COLUMN_SHARE * total or (nested and _beside(short, long) >= BESIDE_LINES)
        if columns and (best is None or smaller - crossing > best[1]):
            best = (x, smaller - crossing)
    return best[0] if best else None


def _chars(frags: list[Fragment]) -> int:
    return sum(len(f.text) for f in frags)


def _prose(frags: list[Fragment]) -> bool:
    """Return True when the fragments read as running text (words per fragment), not a table's cells."""
    return statistics.fmean(len(f.text.split()) for f in frags) >= PROSE_WORDS if frags else False


def _beside(side: list[Fragment], other: list[Fragment]) -> int:
    """Return how many of side's fragments sit level with one of other's (their heights overlap)."""
    return sum(any(f.bottom < o.top and o.bottom < f.top for o in other) for f in side)


def column_order(
    lines: list[list[Fragment]], low: float, high: float, depth: int = NESTING
) -> list[list[Fragment]]:
    """Return lines in reading order: between full-width lines, each column in turn (nested ones too)."""
    x = gutter(lines, low, high, nested=depth < NESTING) if depth else None
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
