"""Scanned copies of a PDF (page images, no text) and OCR scored against the PDF's own text layer."""

from __future__ import annotations

import io
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from rapidfuzz.distance import Levenshtein

from qa_service.ingest.readers.ocr import tesseract
from qa_service.ingest.readers.ocr.pages import DPI

EVERY = 4  # pages sampled: every 4th page of the report (9 of 34) keeps the run near a minute


def char_accuracy(read: str, truth: str) -> float:
    """Return 1 - edit distance / length of the truth, over whitespace-normalised text (in reading order)."""
    read, truth = " ".join(read.split()), " ".join(truth.split())
    return max(0.0, 1 - Levenshtein.distance(read, truth) / max(1, len(truth)))


def word_recall(read: str, truth: str) -> float:
    """Return the share of the truth's words (with multiplicity, case-folded) that OCR read, in any order."""
    found, wanted = Counter(read.casefold().split()), Counter(truth.casefold().split())
    return sum((found & wanted).values()) / max(1, sum(wanted.values()))


def ocr_report(pdf: Path, every: int = EVERY) -> dict[str, Any]:
    """Render sampled pages at the scan resolution, OCR them, and score against the text layer."""
    document = pdfium.PdfDocument(pdf)
    rows, seconds = [], 0.0
    try:
        for index in range(0, len(document), every):
            page = document[index]
            truth = page.get_textpage().get_text_range()
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            page.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PPM")
            started = time.perf_counter()
            words = tesseract.recognise(buffer.getvalue(), timeout=300)
            seconds += time.perf_counter() - started
            read = " ".join(word.text for word in words)
            rows.append((index + 1, char_accuracy(read, truth), word_recall(read, truth)))
    finally:
        document.close()
    return {
        "engine": "tesseract",
        "pages": [row[0] for row in rows],
        "char_accuracy": round(sum(r[1] for r in rows) / len(rows), 3),
        "word_recall": round(sum(r[2] for r in rows) / len(rows), 3),
        "pages_per_second": round(len(rows) / seconds, 3),
    }


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
