"""OCR for PDF pages without a usable text layer: Tesseract 5 words with boxes, turned into Blocks.

The engine was chosen by measurement (docs/ocr.md): on the report PDF's pages rendered at 200 dpi,
Tesseract 5.3 read 83% of the characters in order (99% of the words) at 0.25 pages/s per core on this
machine; RapidOCR (ONNX) 45% and 0.03 pages/s.
"""
