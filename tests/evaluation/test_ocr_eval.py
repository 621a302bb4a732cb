"""The scanned copy the evaluation OCRs, and the scores it compares OCR by."""

from __future__ import annotations

import pypdfium2 as pdfium
from fixtures.make_docs import make_pdf

from evaluation.ocr import char_accuracy, scanned_copy, word_recall


def test_a_scanned_copy_keeps_the_pages_and_drops_the_text(tmp_path):
    source = make_pdf(tmp_path / "a.pdf", [["Fictional page one."], ["Fictional page two."]])
    copy = scanned_copy(source, tmp_path / "scan" / "a.pdf")
    document = pdfium.PdfDocument(copy)
    assert len(document) == 2
    assert all(document[i].get_textpage().get_text_range().strip() == "" for i in range(2))
    document.close()


def test_character_accuracy_is_in_order_and_word_recall_is_not():
    assert char_accuracy("the board  met", "the board met") == 1.0
    assert char_accuracy("the bo4rd met", "the board met") == 1 - 1 / 13
    assert word_recall("met board the", "the board met") == 1.0
    assert word_recall("the", "the board met") == 1 / 3
    assert char_accuracy("", "abc") == 0.0
