"""A table block's shape: its cells, its column header rows and the caption printed above it (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa_service.models import Block

CELL_SEPARATOR = " | "  # the readers' join of a row's cells (ingest/readers/pdf_layout.py)
MAX_HEADER_ROWS = 3
CAPTION_LINE_WORDS = 12  # a body line this short just above a table labels it ("Earnings per share:")
CAPTION_CHARS = 200
_CURRENCY = ("$", "€", "£", "¥")
_TRAILING_CURRENCY = re.compile(r"(.*\S)\s+([$€£¥])$")
# what a header cell may hold besides words: years, fiscal periods, footnote marks
_HEADER_NUMBERS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\(\d{1,2}\)|\b[QH][1-4]\b")


@dataclass(frozen=True)
class Shape:
    """What gives a table's rows their meaning: its caption and its column header rows."""

    caption: str | None
    header: tuple[tuple[str, ...], ...]


def cells(row: str) -> tuple[str, ...]:
    """Return a row's cells, a currency sign set apart by the layout joined to its amount ("$44,538")."""
    found: list[str] = []
    carry = ""
    for part in (part.strip() for part in row.split(CELL_SEPARATOR.strip())):
        if part in _CURRENCY:
            carry = part
            continue
        trailing = _TRAILING_CURRENCY.fullmatch(part)
        part, after = (trailing.group(1), trailing.group(2)) if trailing else (part, "")
        found.append(carry + part)
        carry = after
    return tuple(found + ([carry] if carry else []))


def is_row(line: str) -> bool:
    """Return True for a table row: a line with cells."""
    return CELL_SEPARATOR in line


def header_like(row: tuple[str, ...]) -> bool:
    """Return True for a column header row: cells after the first hold words, years or periods, no amounts."""
    rest = [cell for cell in row[1:] if cell]
    return bool(rest) and not any(re.search(r"\d", _HEADER_NUMBERS.sub("", cell)) for cell in rest)


def header_rows(rows: Sequence[tuple[str, ...]]) -> int:
    """Return how many leading rows are column headers (none when no data row follows them)."""
    count = 0
    while count < min(MAX_HEADER_ROWS, len(rows)) and header_like(rows[count]):
        count += 1
    return count if count < len(rows) else 0


def table_shapes(blocks: Sequence[Block]) -> dict[int, Shape]:
    """Return the shape of every table block, by block index.

    A table's caption is the headings just above it (a statement's title and period), or a short line
    just above it; a table without header rows of its own continues the table before it on its page
    (a statement broken by a label line, "Earnings per common share:") when the columns agree.
    """
    shapes: dict[int, Shape] = {}
    headings: list[str] = []  # the headings since the last body block
    last: tuple[int, int | None, Shape] | None = None  # the last table: its block index, page, shape
    for index, block in enumerate(blocks):
        if block.heading_level:
            headings.append(block.text)
            continue
        if block.table:
            shapes[index] = _shape(blocks, index, headings, last)
            continued = last is not None and shapes[index].header is last[2].header
            last = (index, block.page, last[2] if last and continued else shapes[index])
        headings = []
    return shapes


def _shape(
    blocks: Sequence[Block], index: int, headings: list[str], last: tuple[int, int | None, Shape] | None
) -> Shape:
    rows = [cells(line) for line in blocks[index].text.split("\n")]
    above = blocks[index - 1] if index else None
    label = (
        above.text if above and not above.heading_level and not above.table and _short(above.text) else None
    )
    own = header_rows(rows)
    if not own and last and last[1] == blocks[index].page and index - last[0] <= 2:
        previous = last[2]
        if (
            previous.header and 0 <= len(rows[0]) - len(previous.header[-1]) <= 1
        ):  # a header may lack the stub
            return Shape(_join([previous.caption, label]), previous.header)
    return Shape(_join(headings) if headings else label, tuple(rows[:own]))


def _short(text: str) -> bool:
    return "\n" not in text and len(text.split()) <= CAPTION_LINE_WORDS


def _join(parts: Sequence[str | None]) -> str | None:
    text = " — ".join(part for part in parts if part)
    return text[:CAPTION_CHARS] or None
