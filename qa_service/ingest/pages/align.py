"""Find a quote's characters on rendered pages and box them line by line (pure).

The passage text went through the reader (columns ordered, hyphens mended, furniture dropped); the page
layout is the same reader's order of the PDF's own characters. Both are folded to lower-case letters
and digits, so spacing, punctuation and line-end hyphens cannot stand between them; the quote is then
found in the page's characters, stepping over running headers and footers at a page break.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from qa_service.ingest.pages.layout import Box, PageLayout

ANCHOR = 12  # characters of the quote that must match exactly where a candidate starts
CHUNK = 10  # after a mismatch, the next this-many quote characters are looked for further on
MAX_SKIP = 400  # ...at most this far: a footer, a page number and the next page's header
ENOUGH = 0.9  # a match is kept when it accounts for this share of the quote's characters
CONTEXT = 40  # characters before the quote that choose between repeated occurrences


@dataclass(frozen=True)
class Located:
    """Where a quote lies: per page its line boxes, and the share of its characters found."""

    pages: tuple[tuple[int, tuple[Box, ...]], ...]
    share: float


def fold(text: str) -> str:
    """Return text as lower-case letters and digits only (compatibility forms unfolded: ligatures)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def locate(quote: str, before: str, layouts: Sequence[tuple[int, PageLayout]]) -> Located:
    """Box the quote on these consecutive pages; it starts on the first. before = passage text before it."""
    target, context = fold(quote), fold(before)[-CONTEXT:]
    stream = "".join(layout.text for _, layout in layouts)
    first = len(layouts[0][1].text) if layouts else 0
    best: tuple[int, int, list[int]] = (0, 0, [])
    for start in _candidates(stream, target, first):
        matched = _match(stream, target, start)
        score = (len(matched), _context_score(stream, start, context), matched)
        best = max(best, score, key=lambda s: (s[0], s[1]))
    share = best[0] / len(target) if target else 0.0
    if share < ENOUGH:
        return Located((), share)
    return Located(_boxes(best[2], layouts), share)


def _candidates(stream: str, target: str, first: int) -> set[int]:
    """Return start positions on the first page where a piece of the quote matches exactly."""
    starts: set[int] = set()
    for offset in (0, len(target) // 3, 2 * len(target) // 3):
        piece = target[offset : offset + ANCHOR]
        at = stream.find(piece) if piece else -1
        while at >= 0:
            if 0 <= at - offset < first:
                starts.add(at - offset)
            at = stream.find(piece, at + 1)
        if starts:
            break
    return starts


def _match(stream: str, target: str, start: int) -> list[int]:
    """Walk the quote along the stream from start, stepping over page furniture; return matched indices."""
    matched: list[int] = []
    i, j = start, 0
    while j < len(target) and i < len(stream):
        if stream[i] == target[j]:
            matched.append(i)
            i, j = i + 1, j + 1
            continue
        chunk = target[j : j + CHUNK]
        found = stream.find(chunk, i + 1, i + MAX_SKIP + len(chunk))
        if found >= 0 and len(chunk) == CHUNK:
            i = found
        else:
            j += 1  # a character the page does not have (or sets elsewhere): leave it out
    return matched


def _context_score(stream: str, start: int, context: str) -> int:
    """Return how many characters before start agree with the passage text before the quote."""
    n = 0
    while n < len(context) and start - n - 1 >= 0 and stream[start - n - 1] == context[-n - 1]:
        n += 1
    return n


def _boxes(
    matched: list[int], layouts: Sequence[tuple[int, PageLayout]]
) -> tuple[tuple[int, tuple[Box, ...]], ...]:
    """Return per page one box per line of the matched characters (two where the match skipped words)."""
    found: dict[int, list[Box]] = {}
    offset, index = 0, 0
    for page, layout in layouts:
        end, boxes = offset + len(layout.text), list[Box]()
        previous: tuple[int, int, Box] = (-2, -1, (0, 0, 0, 0))  # the last character boxed: index, line, box
        while index < len(matched) and matched[index] < end:
            at = matched[index] - offset
            line, box = layout.lines[at], layout.boxes[at]
            if previous[:2] == (at - 1, line) and _level(previous[2], box):  # the same run: widen its box
                old = boxes[-1]
                boxes[-1] = (
                    min(old[0], box[0]),
                    min(old[1], box[1]),
                    max(old[2], box[2]),
                    max(old[3], box[3]),
                )
            else:
                boxes.append(box)
            previous = (at, line, box)
            index += 1
        if boxes:
            found[page] = boxes
        offset = end
    return tuple((page, tuple(boxes)) for page, boxes in found.items())


def _level(a: Box, b: Box) -> bool:
    """Return True when each box's vertical middle lies within the other: one line, not a tall initial."""
    return a[1] <= (b[1] + b[3]) / 2 <= a[3] and b[1] <= (a[1] + a[3]) / 2 <= b[3]
