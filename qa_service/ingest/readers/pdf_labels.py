"""Printed page numbers read from running headers and footers, for PDFs that define no page labels (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence

EDGE_LINES = 3  # a page number is printed in the first or last few lines of a page
NEIGHBOURS = 2  # ...and goes up by one from page to page: one of the next few pages must agree
YEARS = (1900, 2099)  # a four-digit number in this range is read as a year, never as a page number
# a number standing on its own ("33", "F-12", "Page 7", "2021 FORM 10-K 33"), not part of an amount or a date
_NUMBER = re.compile(r"(?<![\w.,$/%-])(?:([A-Z]{1,2})-)?(\d{1,4})(?![\w.,%/-])")
_ROMAN = re.compile(r"^[-–—\s]*(?:page\s+)?([ivxlc]{1,7})[-–—\s]*$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

Candidate = tuple[str, int, str]  # (prefix, value, the label as printed)


def printed_labels(pages: Sequence[Sequence[str]]) -> list[str | None]:
    """Return each page's printed number, where a numbering runs at the page edges, else None.

    A number at a page's edge is its page number when a nearby page has one in the same series
    (same prefix, such as "F-") exactly as many pages on: a year or a form number ("10-K") in a
    running line stays the same from page to page, so it never qualifies.
    """
    found = [_candidates(lines) for lines in pages]
    labels: list[str | None] = []
    for index, candidates in enumerate(found):
        label = next((c[2] for c in candidates if _continued(found, index, c)), None)
        labels.append(label)
    return labels


def _continued(found: list[list[Candidate]], index: int, candidate: Candidate) -> bool:
    prefix, value, _ = candidate
    for step in (*range(1, NEIGHBOURS + 1), *range(-1, -NEIGHBOURS - 1, -1)):
        other = index + step
        if 0 <= other < len(found) and any((p, v) == (prefix, value + step) for p, v, _ in found[other]):
            return True
    return False


def _candidates(lines: Sequence[str]) -> list[Candidate]:
    """Return the standalone numbers of a page's edge lines, the footer's first."""
    filled = [line for line in lines if line.strip()]
    edges = [*reversed(filled[-EDGE_LINES:]), *filled[:EDGE_LINES]]
    found: list[Candidate] = []
    for line in edges:
        roman = _ROMAN.match(line)
        if roman and (value := _roman(roman.group(1).lower())):
            found.append(("roman", value, roman.group(1)))
            continue
        for match in _NUMBER.finditer(line):
            value = int(match.group(2))
            if not YEARS[0] <= value <= YEARS[1]:  # years at page edges run on too (a chart's axis)
                found.append((match.group(1) or "", value, match.group(0)))
    return found


def _roman(text: str) -> int | None:
    """Return a lower-case roman numeral's value (None when it is not a well-formed one)."""
    values = [_ROMAN_VALUES[ch] for ch in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 and _to_roman(total) == text else None


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in (
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while value >= number:
            out, value = out + letters, value - number
    return out
