"""Render one PDF page and lay out its characters in image pixels (run in the sandbox child)."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import WebPImagePlugin  # noqa: F401 - registers the WebP encoder without importing every plugin

from qa_service.errors import UnreadableDocument
from qa_service.ingest.readers.pdf_columns import column_order
from qa_service.ingest.readers.pdf_layout import page_chars, visual_lines

WEBP_QUALITY = 82  # text stays crisp at reading size; a text page is ~55 KB instead of ~130 KB as PNG
WEBP_METHOD = 0  # the fastest encoder effort: 25 ms of CPU a page instead of 38 ms (method 2), ~15 % larger
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels, origin top-left


@dataclass(frozen=True)
class PageLayout:
    """A page's words as the reader orders them: each alphanumeric character with its line and box."""

    text: str  # lower-cased letters and digits only, in reading order
    lines: tuple[int, ...]  # per character: the visual line (cell) it sits on
    boxes: tuple[Box, ...]  # per character: its loose box


@dataclass(frozen=True)
class RenderedPage:
    """A rendered page image and what the highlight needs from it."""

    image: bytes  # WebP
    width: int
    height: int
    layout: PageLayout


@dataclass(frozen=True)
class DocumentFacts:
    """What a page view needs of the whole PDF: how many pages and their printed labels."""

    pages: int
    labels: tuple[str | None, ...]  # None where the label is the physical number or undefined


def document_facts(path: Path) -> DocumentFacts:
    """Return the page count and printed page labels of a PDF."""
    document = _open(path)
    try:
        labels = [document.get_page_label(i) for i in range(len(document))]
        return DocumentFacts(
            len(document), tuple(None if x in ("", str(i + 1)) else x for i, x in enumerate(labels))
        )
    finally:
        document.close()


def render_page(path: Path, *, page: int, width: int) -> RenderedPage:
    """Render 1-based page at this pixel width (WebP) and lay out its characters on the image."""
    document = _open(path)
    try:
        if not 1 <= page <= len(document):
            raise UnreadableDocument(f"{path.name} has no page {page}")
        pdf_page = document[page - 1]
        bitmap = pdf_page.render(scale=width / pdf_page.get_width())
        buffer = io.BytesIO()
        bitmap.to_pil().save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
        layout = _layout(pdf_page, bitmap.get_posconv(pdf_page))
        return RenderedPage(buffer.getvalue(), bitmap.width, bitmap.height, layout)
    finally:
        document.close()


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"{path.name}: not a readable PDF ({exc})") from exc


def _layout(page: pdfium.PdfPage, posconv: pdfium.PdfPosConv) -> PageLayout:
    """Return the page's alphanumeric characters in the reader's order, boxes mapped onto the image."""
    to_image = _affine(posconv)
    textpage = page.get_textpage()
    try:
        ordered = column_order(visual_lines(page_chars(textpage)), 0.0, page.get_width())
    finally:
        textpage.close()
    text: list[str] = []
    lines: list[int] = []
    boxes: list[Box] = []
    for number, frag in enumerate(f for line in ordered for f in line):
        for char in frag.chars:
            folded = [c for c in unicodedata.normalize("NFKC", char.ch).casefold() if c.isalnum()]
            box = _box(to_image(char.left, char.top), to_image(char.right, char.bottom))
            text += folded
            lines += [number] * len(folded)
            boxes += [box] * len(folded)
    return PageLayout("".join(text), tuple(lines), tuple(boxes))


def _affine(posconv: pdfium.PdfPosConv) -> Callable[[float, float], tuple[float, float]]:
    """Return page point -> image pixel, measured once from pdfium's own mapping (rotation, crop box)."""
    far = 10_000.0  # pdfium answers in whole pixels: measure over a long stretch for sub-pixel slopes
    ox, oy = posconv.to_bitmap(0.0, 0.0)
    ax, ay = posconv.to_bitmap(far, 0.0)
    bx, by = posconv.to_bitmap(0.0, far)

    def to_image(x: float, y: float) -> tuple[float, float]:
        return ox + ((ax - ox) * x + (bx - ox) * y) / far, oy + ((ay - oy) * x + (by - oy) * y) / far

    return to_image


def _box(a: tuple[float, float], b: tuple[float, float]) -> Box:
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return (int(x0), int(y0), int(x1 + 0.999), int(y1 + 0.999))
