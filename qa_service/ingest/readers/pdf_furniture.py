"""Drop a PDF's running headers/footers and their page numbers: lines repeated at the page edges."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from qa_service.ingest.readers.pdf_geometry import Line

EDGE_LINES = 3  # running headers/footers live in the first or last few lines of a page
RUNNING_SHARE = 0.4  # ...and repeat on at least this share of pages
RUNNING_MIN_PAGES = 3
RUNNING_ANYWHERE_WORDS = 4  # a running line this long is dropped wherever on the page it appears
RUNNING_ANYWHERE_CELLS = 3  # ...as is a running row's run of this many cells

_CELL_SEPARATOR = re.compile(r"\s*\|\s*")
# Roman numerals only in lower case: an upper-case "CV" or "I" at a page edge is more likely text.
_PAGE_NUMBER = re.compile(
    r"[-–—\s]*((?i:page)\s+)?(\d{1,4}|(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3}))"
    r"(\s*((?i:of)|/)\s*\d{1,4})?[-–—\s]*"
)


def is_page_number(line: str) -> bool:
    """Return True for a line that is only a page number ("12", "Page 3 of 34", "- iv -")."""
    return bool(line.strip()) and _PAGE_NUMBER.fullmatch(line.strip()) is not None


def _signature(line: str) -> str:
    """Return the line with digits and spacing neutralised, so "Page 3" matches "Page 14"."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _cells(line: str) -> tuple[str, ...]:
    """Return the signatures of a line's cells (a table row's, split at its "|" separators)."""
    return tuple(cell for cell in _CELL_SEPARATOR.split(_signature(line)) if cell)


def _edge_indexes(lines: Sequence[str]) -> list[int]:
    """Return the indexes of the first and last few non-blank lines of one page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def _running_lines(pages: list[list[str]], edges: list[list[int]]) -> set[str]:
    """Return the word keys of lines seen at a page edge on enough pages to be running headers/footers."""
    # Keyed on words, not cells: the same header read as one line or as a row ("Appendix | 7") is one.
    counts: Counter[str] = Counter()
    cells: dict[str, tuple[str, ...]] = {}
    for lines, indexes in zip(pages, edges, strict=True):
        seen = {" ".join(row): row for row in (_cells(lines[i]) for i in indexes)}
        counts.update(seen.keys())
        cells |= seen
    needed = max(RUNNING_MIN_PAGES, RUNNING_SHARE * len(pages))
    return _with_parts([cells[key] for key, n in counts.items() if n >= needed])


def _with_parts(rows: list[tuple[str, ...]]) -> set[str]:
    """Return the running lines' keys plus those of every run of two or more cells of a running row."""
    # A page set in columns splits a full-width running row into pieces read apart (the left column's
    # "Overview | Environmental | Social", later the right one's "Governance | Appendix | 17"); each
    # piece is furniture too. Runs of numbers only are left out: they are more likely a table's cells.
    keys = {" ".join(row) for row in rows}
    for row in rows:
        runs = (row[i:j] for i in range(len(row)) for j in range(i + 2, len(row) + 1))
        keys |= {" ".join(run) for run in runs if any(ch.isalpha() for cell in run for ch in cell)}
    return keys


def _furniture_indexes(lines: list[str], edges: list[int], running: set[str]) -> set[int]:
    """Return the indexes of one page's running lines and page-number lines."""
    # Content streams sometimes emit the header mid-page; a long running line is safe to drop anywhere.
    drop = {
        i
        for i, line in enumerate(lines)
        if " ".join(cells := _cells(line)) in running and (i in edges or _long(cells))
    }
    near = set(edges) | {j for i in drop for j in (i - 1, i + 1)}
    return drop | {i for i in near if 0 <= i < len(lines) and is_page_number(lines[i])}


def _long(cells: tuple[str, ...]) -> bool:
    words = len(" ".join(cells).split())
    return len(cells) >= RUNNING_ANYWHERE_CELLS or words >= RUNNING_ANYWHERE_WORDS


def running_line_indexes(pages: list[list[str]]) -> list[set[int]]:
    """Return, per page, the indexes of its running header/footer lines and page-number lines."""
    edges = [_edge_indexes(lines) for lines in pages]
    running = _running_lines(pages, edges)
    return [_furniture_indexes(lines, indexes, running) for lines, indexes in zip(pages, edges, strict=True)]


def without_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Return the pages without running headers/footers and page numbers."""
    drop = running_line_indexes([[line.text for line in lines] for lines in pages])
    return [
        [line for i, line in enumerate(lines) if i not in gone]
        for lines, gone in zip(pages, drop, strict=True)
    ]
