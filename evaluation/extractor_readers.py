"""The candidate PDF extractors, each as `(file, 1-based pages) -> {page: text}` (imports kept lazy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

PageReader = Callable[[Path, list[int]], dict[int, str]]  # (file, 1-based pages) -> text of each page


def pypdf_pages(path: Path, pages: list[int]) -> dict[int, str]:
    """Return pypdf's extract_text() of each page."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return {page: reader.pages[page - 1].extract_text() or "" for page in pages}


def pdfium_pages(path: Path, pages: list[int]) -> dict[int, str]:
    """Return pypdfium2's plain text of each page (pdfium's own reading order)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        texts = {}
        for page in pages:
            textpage = document[page - 1].get_textpage()
            texts[page] = textpage.get_text_range()
        return texts
    finally:
        document.close()


def pdfplumber_pages(path: Path, pages: list[int]) -> dict[int, str]:
    """Return pdfplumber's extract_text() of each page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return {page: pdf.pages[page - 1].extract_text() or "" for page in pages}


def service_pages(path: Path, pages: list[int]) -> dict[int, str]:
    """Return the service's own page lines (pypdfium2 + layout: columns, table rows, hyphens mended)."""
    import pypdfium2 as pdfium

    from qa_service.ingest.readers.pdf_layout import page_lines

    document = pdfium.PdfDocument(path)
    try:
        return {page: "\n".join(line.text for line in page_lines(document[page - 1])) for page in pages}
    finally:
        document.close()


def page_count(path: Path) -> int:
    """Return the number of pages (pypdfium2: the fastest to open)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


READERS: dict[str, PageReader] = {
    "pypdf": pypdf_pages,
    "pypdfium2": pdfium_pages,
    "pdfplumber": pdfplumber_pages,
    "qa_service (pypdfium2 + layout)": service_pages,
}
