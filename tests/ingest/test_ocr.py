"""OCR of scanned PDF pages (Tesseract): which pages, their words and boxes, the time cap, the index."""

from __future__ import annotations

import re
import time

import pytest
from fixtures.make_docs import make_pdf, scan_pages

from qa_service.errors import UnreadableDocument
from qa_service.index.store import load_index
from qa_service.ingest.build import build_index
from qa_service.ingest.chunking import split_passages
from qa_service.ingest.readers import read_blocks
from qa_service.ingest.readers.ocr import pages as ocr_pages
from qa_service.ingest.readers.ocr import tesseract
from qa_service.ingest.readers.ocr.words import mark_ocr
from qa_service.ingest.readers.pdf import read_pdf
from qa_service.models import Block, DocumentMeta, Passage

pytestmark = pytest.mark.skipif(not tesseract.available(), reason="needs Debian's tesseract-ocr: `make ocr`")

PAGES = [
    ["The fictional harbour board met twelve times in the year.", "Its minutes are kept in the library."],
    ["The fictional lighthouse was repainted in blue and white stripes.", "Volunteers worked on the quay."],
    ["The fictional ferry timetable changed in the spring.", "Boats now leave every forty minutes."],
]


def test_a_scanned_pdf_is_read_by_ocr_with_a_box_for_every_word(tmp_path):
    pdf = scan_pages(make_pdf(tmp_path / "scan.pdf", PAGES[:2]))
    blocks = read_blocks(pdf)
    assert blocks and all(block.ocr for block in blocks)
    text = " ".join(block.text for block in blocks)
    assert "lighthouse was repainted in blue and white stripes" in text
    assert {block.page for block in blocks} == {1, 2}
    for block in blocks:
        assert len(block.words) == len(block.text.split())
        for start, end, x0, y0, x1, y1 in block.words:
            assert block.text[start:end] and not block.text[start:end].isspace()
            assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1


def test_a_mixed_pdf_ocrs_only_its_scanned_page(tmp_path):
    pdf = scan_pages(make_pdf(tmp_path / "mixed.pdf", PAGES), [1])
    blocks = read_blocks(pdf)
    assert {block.page for block in blocks if block.ocr} == {2}
    assert {block.page for block in blocks if not block.ocr} == {1, 3}
    assert "Boats now leave every forty minutes." in " ".join(b.text for b in blocks if b.page == 3)


def test_the_ocr_time_cap_stops_early_and_says_so(tmp_path, monkeypatch):
    pdf = scan_pages(make_pdf(tmp_path / "slow.pdf", PAGES))
    real = tesseract.recognise

    def slow(image: bytes, timeout: float):  # this page uses up all the time that was left
        time.sleep(timeout)
        return real(image, 60)

    monkeypatch.setattr(tesseract, "recognise", slow)
    blocks = read_pdf(pdf.read_bytes(), ocr_seconds=3)
    read = len({block.page for block in blocks})  # one page per core was in flight when time ran out
    assert 1 <= read < 3 and {block.page for block in blocks} == set(range(1, read + 1))
    missing = ", ".join(str(page) for page in range(read + 1, 4))
    assert (
        blocks[0].note == f"OCR stopped after 3 s: {read} of 3 scanned pages read (not read: page {missing})"
    )

    def too_slow(image: bytes, timeout: float):  # tesseract killed at the time left
        raise TimeoutError

    monkeypatch.setattr(tesseract, "recognise", too_slow)
    with pytest.raises(UnreadableDocument, match=r"OCR stopped after 3 s: 0 of 3 .* page 1, 2, 3\)"):
        read_pdf(pdf.read_bytes(), ocr_seconds=3)


def test_a_text_layer_of_symbols_is_garbage_and_prose_is_not():
    assert ocr_pages.is_garbage("")
    assert ocr_pages.is_garbage("\ue000\ue001\ue002 \ufffd\ufffd ~~ ^^")
    assert not ocr_pages.is_garbage("The board met twelve times (in 2023).")


def test_tesseract_tsv_words_keep_their_paragraph_line_and_box():
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t100\t30\t96.5\tHarbour\n"
        "5\t1\t1\t1\t1\t2\t120\t20\t90\t30\t95.1\tboard\n"
        "5\t1\t2\t1\t1\t1\t10\t80\t60\t12\t90.0\t \n"
    )
    words = tesseract.parse_tsv(tsv)
    assert [(w.text, w.paragraph, w.left, w.width) for w in words] == [
        ("Harbour", (1, 1), 10, 100),
        ("board", (1, 1), 120, 90),
    ]
    [block] = ocr_pages.page_blocks(words, 1000, 2000, page=3, label="iii")
    assert block.text == "Harbour board" and block.page == 3 and block.page_label == "iii" and block.ocr
    assert block.words == ((0, 7, 0.01, 0.01, 0.11, 0.025), (8, 13, 0.12, 0.01, 0.21, 0.025))


def test_passages_over_ocr_blocks_carry_the_flag_and_their_words_shifted():
    blocks = [
        Block("Digital heading", 1, page=1),
        Block(
            "Harbour board",
            0,
            page=2,
            ocr=True,
            words=((0, 7, 0.1, 0.1, 0.2, 0.2), (8, 13, 0.3, 0.1, 0.4, 0.2)),
        ),
    ]
    start = len("Digital heading\n\n")
    scanned = Passage("p2", "d", "D", "report", (), start + 8, start + 13, "board", page=2)
    digital = Passage("p1", "d", "D", "report", (), 0, 15, "Digital heading", page=1)
    marked = mark_ocr([digital, scanned], blocks)
    assert not marked[0].ocr and marked[0].words == ()
    assert marked[1].ocr and marked[1].words == ((0, 5, 0.3, 0.1, 0.4, 0.2),)


def test_word_offsets_follow_the_mended_spacing_before_them_and_in_their_own_block():
    scanned = "Harbour dues rose ( 4 % ) , said the fictional board ."
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", scanned)]
    words = tuple((s, e, 0.1 * n, 0.1, 0.1 * n + 0.05, 0.2) for n, (s, e) in enumerate(spans))
    text_layer = Block("In 2016 , the fictional board met .", 0, page=1)  # mended: two characters fewer
    blocks = [text_layer, Block(scanned, 0, 2, ocr=True, words=words)]
    meta = DocumentMeta("d", "D", "report", "d.pdf", "0")
    assert len(spans) == 13
    _, passages = split_passages(meta, blocks, lambda text: len(text.split()))
    [marked] = [p for p in mark_ocr(passages, blocks) if p.ocr]
    assert marked.text == "Harbour dues rose (4 %), said the fictional board."  # mended: shorter
    assert [marked.text[s:e] for s, e, *_ in marked.words] == [scanned[s:e] for s, e in spans]
    assert [w[2:] for w in marked.words] == [w[2:] for w in words]


def test_ocr_flags_and_word_boxes_survive_the_index_round_trip(tmp_path, fake_encoder):
    source = tmp_path / "docs"
    source.mkdir()
    scan_pages(make_pdf(source / "mixed.pdf", PAGES[:2]), [1])
    report = build_index(source, tmp_path / "index", fake_encoder, progress=False)
    assert not report.skipped
    passages = load_index(tmp_path / "index").passages
    scanned = [p for p in passages if p.ocr]
    assert {p.page for p in scanned} == {2} and all(not p.ocr for p in passages if p.page == 1)
    assert all(p.text[s:e].strip() for p in scanned for s, e, *_ in p.words)
    assert hash(scanned[0])  # words come back as tuples: a passage stays hashable
