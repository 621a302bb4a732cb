"""PDF reader (pypdfium2): pages laid out, furniture dropped, headings and outline found, paragraphs made."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from qa_service.errors import UnreadableDocument
from qa_service.ingest.readers.ocr.pages import budget, has_image, is_garbage, read_scanned, with_note
from qa_service.ingest.readers.pdf_furniture import without_furniture
from qa_service.ingest.readers.pdf_headings import (
    OutlineEntry,
    bold_level,
    heading_level,
    size_levels,
    squash,
)
from qa_service.ingest.readers.pdf_labels import printed_labels
from qa_service.ingest.readers.pdf_layout import Line, page_lines
from qa_service.ingest.readers.pdf_paragraphs import paragraphs, vocabulary
from qa_service.models import Block


@dataclass(frozen=True)
class _Cues:
    """What a page's lines are judged by: the document's heading sizes, outline and vocabulary."""

    levels: dict[float, int]
    bold_level: int
    outline: tuple[OutlineEntry, ...]
    known: set[str]


def _open(data: bytes) -> pdfium.PdfDocument:
    """Return the document, unlocking an empty-password encryption if there is one."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableDocument("PDF is encrypted and needs a password") from exc
        raise


def _labels(document: pdfium.PdfDocument, pages: list[list[Line]]) -> list[str | None]:
    """Return each page's printed label, or None where it is the physical number or unknown.

    The PDF's own page labels where it defines them; else the numbers its running headers or
    footers print ("2021 FORM 10-K 33" on physical page 35).
    """
    defined = [document.get_page_label(index) for index in range(len(document))]
    if not any(defined):
        defined = printed_labels([[line.text for line in lines] for lines in pages])
    return [None if label in (None, "", str(index + 1)) else label for index, label in enumerate(defined)]


def _outline(document: pdfium.PdfDocument) -> tuple[OutlineEntry, ...]:
    """Return the bookmarks that point at a page, depth counted from 1."""
    entries = []
    for bookmark in document.get_toc():
        dest, title = bookmark.get_dest(), " ".join(bookmark.get_title().split())
        index = dest.get_index() if dest else None
        if index is not None and title:
            entries.append(OutlineEntry(title, bookmark.level + 1, index))
    return tuple(entries)


def _read(document: pdfium.PdfDocument) -> list[list[Line]]:
    """Return every page's lines, closing each page after use."""
    pages = []
    for index in range(len(document)):
        page = document[index]
        pages.append(page_lines(page))
        page.close()
    return pages


def read_pdf(data: bytes, *, ocr_seconds: float | None = None) -> list[Block]:
    """Return heading and body Blocks per page, carrying the physical page number and any printed label.

    Pages without a usable text layer (scans) are read by OCR (readers/ocr/), within ocr_seconds.
    """
    document = _open(data)
    try:
        pages = _read(document)
        labels = _labels(document, pages)
        outline = _outline(document)
        scanned = read_scanned(document, _unreadable(document, pages), labels, ocr_seconds or budget())
    finally:
        document.close()
    pages = without_furniture([[] if i in scanned.blocks else lines for i, lines in enumerate(pages)])
    if not any(pages) and not any(scanned.blocks.values()):
        raise UnreadableDocument(scanned.note or "PDF has no extractable text (no text layer, no scans)")
    depth = max((entry.level for entry in outline), default=0)
    levels = size_levels(pages, depth)
    cues = _Cues(levels, bold_level(pages, levels, depth), outline, vocabulary(_texts(pages)))
    blocks = [
        Block(text, level, page=index + 1, page_label=labels[index], table=table)
        for index, lines in enumerate(pages)
        for level, text, table in page_blocks(lines, index, cues)
    ]
    return with_note(sorted(blocks + scanned.all_blocks(), key=lambda block: block.page or 0), scanned.note)


def _unreadable(document: pdfium.PdfDocument, pages: list[list[Line]]) -> list[int]:
    """Return the indexes of pages to OCR: an image and no text layer, or one that is garbage."""
    return [
        index
        for index, lines in enumerate(pages)
        if is_garbage(" ".join(line.text for line in lines)) and has_image(document, index)
    ]


def _texts(pages: list[list[Line]]) -> list[str]:
    return [line.text for lines in pages for line in lines if line.cells == 1]


def page_blocks(lines: Sequence[Line], index: int, cues: _Cues) -> list[tuple[int, str, bool]]:
    """Return one page's (heading level, text, is a table) blocks: headings, tables, paragraphs (level 0)."""
    marks = {squash(e.title): e for e in cues.outline if e.page == index}
    blocks: list[tuple[int, str, bool]] = []
    body: list[Line] = []
    for line in lines:
        entry = marks.pop(squash(line.text), None)
        level = entry.level if entry else heading_level(line, cues.levels, cues.bold_level)
        if not level:
            body.append(line)
            continue
        blocks += _body(body, cues.known)
        body = []
        if blocks and blocks[-1][0] == level and not entry:  # a heading wrapped over two lines
            blocks[-1] = (level, f"{blocks[-1][1]} {line.text}", False)
        else:
            blocks.append((level, line.text, False))
    unmatched = [(e.level, e.title, False) for e in marks.values()]  # bookmarks not printed as lines
    return unmatched + blocks + _body(body, cues.known)


def _body(lines: list[Line], known: set[str]) -> list[tuple[int, str, bool]]:
    """Return body blocks: consecutive table rows as one table (a row per line), prose as paragraphs."""
    blocks: list[tuple[int, str, bool]] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if run and (line is None or (line.cells > 1) != (run[-1].cells > 1)):
            if run[-1].cells > 1:
                blocks.append((0, "\n".join(row.text for row in run), True))
            else:
                texts = [text for row in run for text in (([""] if row.gap_before else []) + [row.text])]
                blocks += [(0, para, False) for para in paragraphs(texts, known)]
            run = []
        if line is not None:
            run.append(line)
    return blocks
