"""Score quote boxes against an independent extractor: pdfplumber's word boxes (test helper).

A word counts as boxed when its centre lies in one of the boxes. Coverage is the share of the quote's
words found among the boxed words; spill is the share of boxed words that are not the quote's.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import pdfplumber

from qa_service.ingest.pages.align import fold

SLACK = 0  # pixels: a centre must lie within a box


@dataclass(frozen=True)
class Score:
    """How well the boxes match the quote."""

    coverage: float
    spill: float
    quote_words: int
    boxed_words: int


def boxed_words(pdf: pdfplumber.PDF, page: int, width: int, boxes: list[list[int]]) -> list[str]:
    """Return the folded words pdfplumber finds on the page whose centres lie in one of the boxes."""
    sheet = pdf.pages[page - 1]
    scale = width / float(sheet.width)
    found = []
    for word in sheet.extract_words():
        cx, cy = (word["x0"] + word["x1"]) / 2 * scale, (word["top"] + word["bottom"]) / 2 * scale
        inside = any(
            x0 - SLACK <= cx <= x1 + SLACK and y0 - SLACK <= cy <= y1 + SLACK for x0, y0, x1, y1 in boxes
        )
        if inside and fold(word["text"]):
            found.append(fold(word["text"]))
    return found


def score(quote: str, boxed: list[str]) -> Score:
    """Return coverage and spill of boxed words against the quote's words (hyphen-split words joined)."""
    wanted = [w for w in (fold(token) for token in quote.split()) if w]
    left = Counter(boxed)
    covered = 0
    for word in wanted:
        if left[word] > 0:
            left[word] -= 1
            covered += 1
            continue
        pieces = [(word[:i], word[i:]) for i in range(1, len(word)) if left[word[:i]] and left[word[i:]]]
        if pieces:  # "partner-" + "ships" on two lines: pdfplumber's two words are one of the quote's
            head, tail = pieces[0]
            left[head] -= 1
            left[tail] -= 1
            covered += 1
    outside = sum(left.values())
    return Score(covered / len(wanted), outside / max(len(boxed), 1), len(wanted), len(boxed))


def wait_loaded(image, seconds: float = 20) -> None:  # type: ignore[no-untyped-def]
    """Wait until a page view's <img> has loaded its picture (Playwright locator). Polled from here:
    page.wait_for_function compiles its expression inside the page, which the page's CSP (no
    'unsafe-eval') refuses now and then."""
    deadline = time.monotonic() + seconds
    while not image.evaluate("img => img.complete && img.naturalWidth > 0"):
        assert time.monotonic() < deadline, "the page image did not load"
        image.page.wait_for_timeout(50)
