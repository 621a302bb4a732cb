"""A quoted table row with the caption and column headers that give its numbers meaning (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from qa_service.ingest.tables.spans import rows_in, table_at
from qa_service.models import Passage


@dataclass(frozen=True)
class QuotedTable:
    """The rows a quote takes from a table, as cells, under the table's caption and header rows."""

    caption: str | None
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]


def quoted_table(passage: Passage, start: int | None, end: int | None) -> QuotedTable | None:
    """Return the table rows the quote at [start, end) of the passage text spans, or None for prose."""
    if start is None or end is None or not passage.tables:
        return None
    table = table_at(passage, start, end)
    rows = rows_in(passage, table, start, end) if table else []
    if table is None or not rows or all(len(row) < 2 for row in rows):
        return None
    width = max(len(row) for row in (*rows, *table.header))
    # a header row usually leaves out the stub column above the row labels: align it to the right
    header = tuple(("",) * (width - len(row)) + row for row in table.header)
    return QuotedTable(table.caption, header, tuple(row + ("",) * (width - len(row)) for row in rows))
