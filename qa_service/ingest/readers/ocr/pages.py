"""Which PDF pages need OCR, and their OCR'd words as Blocks with word boxes (within a time budget)."""

from __future__ import annotations

import io
import os
import statistics
import time
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from qa_service.ingest.readers.ocr import tesseract
from qa_service.ingest.readers.ocr.tesseract import Word
from qa_service.ingest.readers.pdf_furniture import running_line_indexes
from qa_service.models import Block, WordBox

DPI = 200  # the resolution scans are usually made at; 300 dpi read no more words of the report PDF
# Per document unless QA_OCR_SECONDS says otherwise; pages past it are left out and the document indexed
# with a note. The 34-page report scan took 375 s on 2 cores shared with 5 other jobs (0.09 pages/s; 0.25
# on a quiet core): 300 s cut it at page 30. Under the sandbox's wall-time backstop (120 s x 10).
OCR_SECONDS = 900.0
PAGE_SECONDS = 1.0  # no page is started with less time than this left (Tesseract's own timeout floor)
USABLE_SHARE = 0.5  # a text layer with less than this share of letters, digits and punctuation is garbage
HEADING_HEIGHT = 1.5  # a one-line paragraph this many times the page's median word height is a heading
HEADING_WORDS = 12


@dataclass
class Scanned:
    """What OCR made of a document's scanned pages: blocks by page index, and a note if it stopped early."""

    blocks: dict[int, list[Block]] = field(default_factory=dict)
    note: str | None = None

    def all_blocks(self) -> list[Block]:
        """Return every OCR'd block in page order."""
        return [block for index in sorted(self.blocks) for block in self.blocks[index]]


def budget() -> float:
    """Return the OCR seconds one document may take (QA_OCR_SECONDS, default OCR_SECONDS)."""
    return float(os.environ.get("QA_OCR_SECONDS") or OCR_SECONDS)


def is_garbage(text: str) -> bool:
    """Return True when a text layer is mostly symbols, private-use or control characters."""
    shown = [ch for ch in text if not ch.isspace()]
    if not shown:
        return True
    usable = sum(unicodedata.category(ch)[0] in "LNP" and ch != "\ufffd" for ch in shown)
    return usable / len(shown) < USABLE_SHARE


def has_image(document: pdfium.PdfDocument, index: int) -> bool:
    """Return True when the page draws an image (a scan); a blank page is not worth an OCR pass."""
    page = document[index]
    try:
        return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    finally:
        page.close()


def with_note(blocks: list[Block], note: str | None) -> list[Block]:
    """Return the blocks with the note carried by the first one (how a reader's remark reaches the build)."""
    return [replace(blocks[0], note=note), *blocks[1:]] if note and blocks else blocks


Flying = list[tuple[int, tuple[int, int], "Future[list[Word]]"]]  # page index, image size, Tesseract's words


def read_scanned(
    document: pdfium.PdfDocument, indexes: list[int], labels: list[str | None], seconds: float
) -> Scanned:
    """OCR the given pages until `seconds` are spent, one Tesseract per core; return blocks and any note.

    Pages render here, one at a time (pdfium is not thread-safe); Tesseract reads them in parallel, at
    most one page per core in flight, so memory stays bounded. A page that runs out of time stops the
    document there: the pages before it are kept, the rest named in the note.
    """
    started, workers = time.monotonic(), len(os.sched_getaffinity(0))
    flying: Flying = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        for index in indexes:
            busy = [future for *_, future in flying if not future.done()]
            if len(busy) >= workers:
                wait(busy, return_when=FIRST_COMPLETED)
            left = seconds - (time.monotonic() - started)
            if left < PAGE_SECONDS:
                break
            image, size = _render(document[index])
            flying.append((index, size, pool.submit(tesseract.recognise, image, left)))
        scanned = _collect(flying, labels)
    if len(scanned.blocks) < len(indexes):
        missing = ", ".join(str(i + 1) for i in indexes[len(scanned.blocks) :])
        scanned.note = (
            f"OCR stopped after {seconds:g} s: {len(scanned.blocks)} of {len(indexes)} scanned pages"
        )
        scanned.note += f" read (not read: page {missing})"
    _drop_running_lines(scanned.blocks)
    return scanned


def _collect(flying: Flying, labels: list[str | None]) -> Scanned:
    """Return the blocks of the pages read, in order, up to the first that ran out of time."""
    scanned = Scanned()
    for index, (width, height), future in flying:
        try:
            words = future.result()
        except TimeoutError:
            for _, _, later in flying:
                later.cancel()
            break
        scanned.blocks[index] = page_blocks(words, width, height, index + 1, labels[index])
    return scanned


def _drop_running_lines(pages: dict[int, list[Block]]) -> None:
    """Drop running headers, footers and page numbers from the OCR'd pages, as from a text layer's."""
    order = sorted(pages)
    drops = running_line_indexes([[block.text for block in pages[index]] for index in order])
    for index, drop in zip(order, drops, strict=True):
        pages[index] = [block for i, block in enumerate(pages[index]) if i not in drop]


def _render(page: pdfium.PdfPage) -> tuple[bytes, tuple[int, int]]:
    """Return the page as an uncompressed grey image at DPI (no time spent on PNG) and its size."""
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue(), image.size


def page_blocks(words: list[Word], width: int, height: int, page: int, label: str | None) -> list[Block]:
    """Return one page's paragraphs (and large one-line headings) with each word's box on the page."""
    paragraphs: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        paragraphs.setdefault(word.paragraph, []).append(word)
    median = statistics.median([w.height for w in words]) if words else 0
    blocks = []
    for group in paragraphs.values():
        text, boxes = _join(group, width, height)
        one_line = len({w.line for w in group}) == 1 and len(group) <= HEADING_WORDS
        tall = statistics.median([w.height for w in group]) >= HEADING_HEIGHT * median
        level = 2 if one_line and tall and any(c.isalpha() for c in text) else 0
        blocks.append(Block(text, level, page=page, page_label=label, ocr=True, words=boxes))
    return blocks


def _join(words: list[Word], width: int, height: int) -> tuple[str, tuple[WordBox, ...]]:
    """Return the paragraph's text (words joined by spaces) and each word's offsets and page fractions."""
    parts, boxes, offset = [], [], 0
    for word in words:
        x0, y0 = round(word.left / width, 4), round(word.top / height, 4)
        x1, y1 = round((word.left + word.width) / width, 4), round((word.top + word.height) / height, 4)
        boxes.append((offset, offset + len(word.text), x0, y0, x1, y1))
        parts.append(word.text)
        offset += len(word.text) + 1
    return " ".join(parts), tuple(boxes)
