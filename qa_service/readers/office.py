"""Word (.docx) reader: heading styles become headings, paragraphs and table cells body text."""

from __future__ import annotations

import io
import re

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..models import Block
from .text import normalise

_HEADING_STYLE = re.compile(r"heading ([1-9])", re.IGNORECASE)


def _level(paragraph: Paragraph) -> int:
    """Return the heading level a paragraph's style gives it (0 for body text)."""
    name = paragraph.style.name if paragraph.style is not None else ""
    if name.lower() == "title":
        return 1
    match = _HEADING_STYLE.fullmatch(name or "")
    return min(int(match.group(1)), 6) if match else 0


def _cell_texts(table: Table) -> list[str]:
    """Return each distinct cell's text, row by row (a merged cell is listed once)."""
    seen: set[object] = set()  # holding the elements keeps lxml's proxies, so identity is stable
    texts = []
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:  # merged cells share one <w:tc>; python-docx repeats them
                seen.add(cell._tc)
                texts.append(cell.text)
    return texts


def read_docx(data: bytes) -> list[Block]:
    """Return heading and body Blocks from a Word document, tables included, in document order."""
    blocks = []
    for item in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, Paragraph):
            pairs = [(item.text, _level(item))]
        else:
            pairs = [(text, 0) for text in _cell_texts(item)]
        blocks += [Block(normalise(text), heading_level=level) for text, level in pairs if normalise(text)]
    return blocks
