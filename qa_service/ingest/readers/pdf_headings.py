"""Find a PDF's headings: its outline (bookmarks) first, then lines set larger or bolder than the body."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qa_service.ingest.readers.pdf_geometry import Line

HEADING_SIZE = 1.15  # a line this much larger than the body text may be a heading
HEADING_WORDS = 12  # ...if it is this short
SIZE_LEVELS = 3  # distinct heading sizes kept as levels; smaller ones count as the last level
MAX_LEVEL = 6
_SENTENCE_END = re.compile(r"[.!?;]$")  # a heading wrapped over lines may end in a comma
_SQUASH = re.compile(r"\W+")


@dataclass(frozen=True)
class OutlineEntry:
    """One bookmark: its title, depth (1 = top) and the 0-based page it points to."""

    title: str
    level: int
    page: int


def body_size(pages: Sequence[Sequence[Line]]) -> float:
    """Return the size most characters are set in: the body text's."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _heading_like(line: Line) -> bool:
    """Return True for a short one-cell line starting with a capital that does not end like a sentence."""
    letters = [c for c in line.text if c.isalpha()]
    short = line.cells == 1 and len(line.text.split()) <= HEADING_WORDS
    return short and bool(letters) and letters[0].isupper() and not _SENTENCE_END.search(line.text)


def size_levels(pages: Sequence[Sequence[Line]], depth: int) -> dict[float, int]:
    """Return heading levels by rounded line size, below the outline's depth (largest size first)."""
    body = body_size(pages)
    sizes = {
        round(line.size)
        for lines in pages
        for line in lines
        if line.size >= HEADING_SIZE * body and _heading_like(line)
    }
    ranked = sorted(sizes, reverse=True)
    return {size: min(depth + min(rank, SIZE_LEVELS - 1) + 1, MAX_LEVEL) for rank, size in enumerate(ranked)}


def heading_level(line: Line, levels: dict[float, int], bold_level: int) -> int:
    """Return the line's heading level from the size and weight cues (0 = body text)."""
    if not _heading_like(line):
        return 0
    if round(line.size) in levels:
        return levels[round(line.size)]
    return bold_level if line.bold else 0


def bold_level(pages: Sequence[Sequence[Line]], levels: dict[float, int], depth: int) -> int:
    """Return the level for bold body-size lines, or 0 when the body itself is mostly bold."""
    chars = [(line.bold, len(line.text)) for lines in pages for line in lines]
    bold = sum(n for is_bold, n in chars if is_bold)
    if bold * 2 >= sum(n for _, n in chars):
        return 0
    return min(max([depth, *levels.values()]) + 1, MAX_LEVEL)


def squash(text: str) -> str:
    """Return text lower-cased with punctuation and spacing removed, to match a bookmark to a line."""
    return _SQUASH.sub("", text).lower()
