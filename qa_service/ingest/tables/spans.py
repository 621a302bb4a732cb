"""Where tables sit in a passage, and the text a table row is judged by (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_service.ingest.tables.shape import CELL_SEPARATOR, Shape, cells
from qa_service.models import Passage, TableSpan


def passage_tables(placed: Sequence[tuple[int, int, Shape]], start: int, end: int) -> tuple[TableSpan, ...]:
    """Return the tables (document offsets and shapes) overlapping [start, end), as passage offsets."""
    return tuple(
        TableSpan(max(s, start) - start, min(e, end) - start, shape.caption, shape.header)
        for s, e, shape in placed
        if s < end and e > start
    )


def table_at(passage: Passage, start: int, end: int) -> TableSpan | None:
    """Return the passage's table that holds the span [start, end) (offsets into its text), if any."""
    return next((t for t in passage.tables if t.start <= start and end <= t.end), None)


def rows_in(passage: Passage, table: TableSpan, start: int, end: int) -> list[tuple[str, ...]]:
    """Return the cells of the table's rows the span touches, its header rows left out."""
    found, offset = [], table.start
    for line in passage.text[table.start : table.end].split("\n"):
        row = cells(line) if CELL_SEPARATOR in line else (line.strip(),)
        if offset < end and offset + len(line) > start and row not in table.header and line.strip():
            found.append(row)
        offset += len(line) + 1
    return found


def scoring_text(passage: Passage, start: int, end: int) -> str:
    """Return the text a sentence is judged by: a table row with its caption and column headers."""
    text = passage.text[start:end]
    table = table_at(passage, start, end)
    if table is None or not (table.header or table.caption):
        return text
    header = " ".join(" ".join(row) for row in table.header)
    return " ".join(part for part in (table.caption, header, text) if part)
