"""A scanned copy of a PDF: every page rendered to a 200 dpi image and put back into a PDF without text."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

DPI = 200


def scanned_copy(source: Path, target: Path, dpi: int = DPI, pages: int | None = None) -> Path:
    """Write target as source's pages (the first `pages`, default all) as images only; return target."""
    document = pdfium.PdfDocument(source)
    try:
        images = []
        for index in range(len(document) if pages is None else min(pages, len(document))):
            page = document[index]
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil())
            page.close()
    finally:
        document.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(target, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return target


def cached_scan(source: Path, cache: Path) -> Path:
    """Return the scanned copy of source kept in the cache folder, making it on first use."""
    target = cache / "scanned" / f"{source.stem} (scanned).pdf"
    return target if target.exists() else scanned_copy(source, target)
