"""OCR engines on this machine: Tesseract 5 (CLI, Debian) vs RapidOCR (ONNX, weights in its wheel).

`python -m bench.ocr_engines [pages]` renders report-PDF pages at 200 dpi, reads them with each engine
and scores against the PDF's own text layer (evaluation/ocr.py): character accuracy in reading order,
share of words read in any order, pages/s. RapidOCR is not a dependency: `pip install
rapidocr-onnxruntime` to repeat its row (docs/ocr.md holds the table that chose Tesseract).
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from evaluation.ocr import char_accuracy, word_recall
from qa_service.ingest.readers.ocr import tesseract
from qa_service.ingest.readers.ocr.pages import DPI

# ../shared/eval beside the checkout (scripts/eval_all.py's default), or QA_EVAL_DIR
EVAL = Path(os.environ.get("QA_EVAL_DIR") or Path(__file__).resolve().parents[1].parent / "shared" / "eval")
REPORT = EVAL / "report-pdf" / "CT REIT 2022 ESG Report.pdf"
PAGES = (3, 6, 10, 15, 21)  # 1-based: text pages, a two-column page, a table page, the highlights page


def _tesseract(image) -> str:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return " ".join(word.text for word in tesseract.recognise(buffer.getvalue(), timeout=600))


def _rapidocr():  # type: ignore[no-untyped-def]
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    return lambda image: " ".join(row[1] for row in (engine(np.array(image.convert("RGB")))[0] or []))


def measure(pages: tuple[int, ...] = PAGES) -> dict[str, dict[str, float]]:
    """Return each engine's mean character accuracy, word share and pages/s over the pages."""
    document = pdfium.PdfDocument(REPORT)
    truth = [document[p - 1].get_textpage().get_text_range() for p in pages]
    images = [document[p - 1].render(scale=DPI / 72, grayscale=True).to_pil() for p in pages]
    engines = {"tesseract 5 (CLI, --psm 3)": _tesseract}
    try:
        engines["rapidocr-onnxruntime"] = _rapidocr()
        engines["rapidocr-onnxruntime"](images[0])  # load its models outside the timing
    except ImportError:
        print("rapidocr-onnxruntime not installed: Tesseract only", file=sys.stderr)
    results = {}
    for name, read in engines.items():
        started = time.perf_counter()
        texts = [read(image) for image in images]
        seconds = time.perf_counter() - started
        results[name] = {
            "char_accuracy": round(
                float(np.mean([char_accuracy(t, r) for t, r in zip(texts, truth, strict=True)])), 3
            ),
            "word_recall": round(
                float(np.mean([word_recall(t, r) for t, r in zip(texts, truth, strict=True)])), 3
            ),
            "pages_per_second": round(len(images) / seconds, 3),
        }
    return results


if __name__ == "__main__":
    chosen = tuple(int(p) for p in sys.argv[1].split(",")) if len(sys.argv) > 1 else PAGES
    for engine, figures in measure(chosen).items():
        print(engine, figures)
