"""Word (.docx) reader: heading styles become headings, paragraphs and table cells body text."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from qa_service.errors import UnreadableDocument
from qa_service.ingest.readers.text import normalise
from qa_service.models import Block

MAX_UNZIPPED = 256 * 1024 * 1024  # a real report unzips to a few MB; more is a decompression bomb
MAX_RATIO = 200  # deflate rarely beats 20:1 on text; far more means a crafted zip
# Word never writes a DTD; one in a package part can only be there to declare entities (XXE, billion laughs).
_DTD_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))

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


def check_package(data: bytes) -> None:
    """Refuse a .docx whose zip is a decompression bomb or whose XML parts declare a DTD."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
        unzipped = sum(part.file_size for part in parts)
        if unzipped > MAX_UNZIPPED or unzipped > MAX_RATIO * max(len(data), 1):
            raise UnreadableDocument(f"zip would unpack to {unzipped} bytes (decompression bomb?)")
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                with package.open(part) as handle:
                    head = handle.read(64 * 1024)
                if any(marker in head for marker in _DTD_MARKERS):
                    raise UnreadableDocument(f"{part.filename} declares a DTD (entity expansion or XXE)")


def read_docx(data: bytes) -> list[Block]:
    """Return heading and body Blocks from a Word document, tables included, in document order."""
    check_package(data)
    blocks = []
    for item in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, Paragraph):
            pairs = [(item.text, _level(item))]
        else:
            pairs = [(text, 0) for text in _cell_texts(item)]
        blocks += [Block(text, heading_level=level) for raw, level in pairs if (text := normalise(raw))]
    return blocks
