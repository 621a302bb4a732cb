"""Box a quote on a scanned page from its passage's OCR words (pure).

A scanned page has no text layer, so pdfium has no character boxes to give; its passages carry each word
Tesseract read with the word's box as fractions of the page. The words the quote overlaps are boxed, one
box per line: a word starts a new line when it begins left of the word before it or shares none of its
height. The boxes are where OCR read the words, not guessed: the same page rendered at any size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from qa_service.ingest.pages.layout import Box
from qa_service.models import WordBox


def quote_boxes(words: Sequence[WordBox], start: int, end: int, width: int, height: int) -> tuple[Box, ...]:
    """Return one box per line of the words overlapping text[start:end], in a width x height image."""
    lines: list[Box] = []
    last: Box | None = None
    for w_start, w_end, x0, y0, x1, y1 in words:
        if w_end <= start or w_start >= end:
            continue
        box = _pixels(x0, y0, x1, y1, width, height)
        if last is not None and _same_line(last, box):
            lines[-1] = _union(lines[-1], box)
        else:
            lines.append(box)
        last = box
    return tuple(lines)


def _same_line(last: Box, box: Box) -> bool:
    """Return True when box follows last on its line: further right, and sharing some of its height."""
    return box[0] >= last[0] and box[1] < last[3] and last[1] < box[3]


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _pixels(x0: float, y0: float, x1: float, y1: float, width: int, height: int) -> Box:
    """Return a box of page fractions in whole pixels of the image, widened outwards, within the image."""
    return (
        max(0, math.floor(x0 * width)),
        max(0, math.floor(y0 * height)),
        min(width, math.ceil(x1 * width)),
        min(height, math.ceil(y1 * height)),
    )
