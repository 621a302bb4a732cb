"""The records a PDF page is laid out in: characters, line fragments and finished lines (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_service.ingest.readers.text import normalise


@dataclass(frozen=True)
class Char:
    """One character with its loose box (PDF points, y up)."""

    ch: str
    left: float
    right: float
    bottom: float
    top: float
    index: int  # pdfium's character index, to ask for its font weight later


@dataclass(frozen=True)
class Fragment:
    """Characters of one visual line with no wide gap: a cell, a column's line or a whole line."""

    chars: tuple[Char, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


# Leaders: a contents line's dots ("Introduction . . . . 1"), a form's blanks ("Signature ______"). Words
# to nobody, they filled a passage's embedding window with dots; they stand as a cell break instead.
_LEADERS = re.compile(r"\s*(?:[._·…]\s?){4,}\s*")


def fragment(chars: list[Char]) -> Fragment:
    """Return the fragment of these characters, its text normalised and its box measured once."""
    text = _LEADERS.sub(" | ", normalise("".join(c.ch for c in chars))).strip(" |")
    right, top, bottom = max(c.right for c in chars), max(c.top for c in chars), min(c.bottom for c in chars)
    return Fragment(tuple(chars), text, chars[0].left, right, top, bottom)


@dataclass(frozen=True)
class Line:
    """One line of a page in reading order; a table row has cells joined by CELL_SEPARATOR."""

    text: str
    size: float  # median loose glyph height: the font-size cue for headings
    bold: bool
    cells: int = 1
    gap_before: bool = False  # blank space above it: a paragraph break
