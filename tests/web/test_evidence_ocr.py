"""Quotes outlined on a scanned page: a generated PDF whose second page is an image of itself (no text
layer) is read by Tesseract, and the evidence boxes come from the OCR words of the passage. They are
checked against pdfplumber's word boxes on the PDF as it was before the scan: the same page geometry."""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from evidence_check import boxed_words, score
from fixtures.make_docs import make_placed_pdf, scan_pages

from qa_service.index.store import load_index
from qa_service.ingest.readers.ocr import tesseract
from qa_service.ingest.sentences import split_sentences

pytestmark = pytest.mark.skipif(not tesseract.available(), reason="needs Debian's tesseract-ocr: `make ocr`")
# Plainly fictional test data. The first page keeps its text layer, with a layout's " , " that passages
# mend away: every OCR word offset after it must follow (they once drifted by the characters mended).
TEXT_PAGE = ["In 2016 , the fictional harbour board kept its minutes online ; every meeting was filmed ."]
SCANNED_PAGE = [
    "The fictional harbour board met in March to agree the year's works on the quay and",
    "the lighthouse. Members heard that the paint had worn away on the seaward side.",
    "The fictional harbour board agreed to repaint the lighthouse in blue and white",
    "stripes before the summer season. The harbour master will report on the cost at",
    "the next meeting of the board.",
]
# how many printed lines each sentence of the scanned page runs over: one box a line
LINES = {"The fictional harbour board met": 2, "Members heard": 1, "The fictional harbour board agreed": 2}


def lines_of(pages: list[list[str]]):
    return [[(72, 120 + 16 * n, line, "Helvetica", 12) for n, line in enumerate(lines)] for lines in pages]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The half-scanned PDF in docs/, the PDF before the scan beside it, and an index of docs/."""
    folder = tmp_path_factory.mktemp("scanned")
    (folder / "docs").mkdir()
    make_placed_pdf(folder / "original.pdf", lines_of([TEXT_PAGE, SCANNED_PAGE]))
    shutil.copy(folder / "original.pdf", folder / "docs" / "minutes.pdf")
    scan_pages(folder / "docs" / "minutes.pdf", [1])
    return folder


@pytest.fixture(scope="module")
def client(folder, fake_app_over):
    return fake_app_over(folder).test_client()


@pytest.fixture(scope="module")
def scanned(folder, client):
    """The passages read by OCR (the index is built with the app)."""
    passages = [p for p in load_index(folder / "index").passages if p.ocr]
    assert passages and {p.page for p in passages} == {2}
    return passages


@pytest.fixture(scope="module")
def plumber(folder):
    with pdfplumber.open(folder / "original.pdf") as pdf:
        yield pdf


def evidence(client, passage_id: str, start: int, end: int) -> dict:
    response = client.get(f"/api/passages/{passage_id}/evidence?start={start}&end={end}")
    assert response.status_code == 200
    return response.get_json()


def test_every_sentence_on_the_scanned_page_is_boxed_line_by_line(client, scanned, plumber):
    sentences = [(p, s, e) for p in scanned for s, e in split_sentences(p.text)]
    assert {p.text[s:e] for p, s, e in sentences} == {
        "The fictional harbour board met in March to agree the year's works on the quay and the lighthouse.",
        "Members heard that the paint had worn away on the seaward side.",
        "The fictional harbour board agreed to repaint the lighthouse in blue and white stripes before the "
        "summer season.",
        "The harbour master will report on the cost at the next meeting of the board.",
    }  # Tesseract read the page word for word
    for passage, start, end in sentences:
        body = evidence(client, passage.id, start, end)
        assert body["ocr"] is True and body["quote"] == passage.text[start:end]
        [page] = body["pages"]
        assert page["page"] == 2 and page["image_url"] == "/documents/minutes/pages/2/image.webp"
        boxed = boxed_words(plumber, 2, page["width"], page["boxes"])
        result = score(body["quote"], boxed)
        assert result.coverage >= 0.95 and result.spill <= 0.10, (body["quote"], result)
        lines = next((n for opening, n in LINES.items() if body["quote"].startswith(opening)), 2)
        assert len(page["boxes"]) == lines, (body["quote"], page["boxes"])
        assert all(
            0 <= x0 < x1 <= page["width"] and 0 <= y0 < y1 <= page["height"]
            for x0, y0, x1, y1 in page["boxes"]
        )


def test_a_few_words_get_a_box_around_just_them(client, scanned, plumber):
    passage = next(p for p in scanned if "seaward side" in p.text)
    start = passage.text.index("the paint had")
    end = start + len("the paint had worn away")
    [page] = evidence(client, passage.id, start, end)["pages"]
    assert len(page["boxes"]) == 1
    assert sorted(boxed_words(plumber, 2, page["width"], page["boxes"])) == sorted(
        ["the", "paint", "had", "worn", "away"]
    )


def test_the_text_layer_page_is_still_boxed_from_its_characters(client, plumber):
    results = client.get("/api/search?q=filmed&k=10").get_json()["results"]
    passage = next(p for p in results if "filmed" in p["text"])
    assert passage["page"] == 1 and not passage.get("ocr")
    body = evidence(client, passage["id"], 0, len(passage["text"]))
    assert body["ocr"] is False
    [page] = body["pages"]
    assert score(body["quote"], boxed_words(plumber, 1, page["width"], page["boxes"])).coverage >= 0.95


def test_the_page_view_outlines_the_quote_on_the_scan_and_says_it_is_one(client, scanned):
    passage = next(p for p in scanned if "repaint" in p.text)
    start = passage.text.index("The fictional harbour board agreed")
    end = passage.text.index("season.") + len("season.")
    html = client.get(f"/documents/minutes/pages/2?hl={passage.id}:{start}-{end}").get_data(as_text=True)
    assert html.count("<rect ") == 2  # the sentence runs over two printed lines
    assert "with the quoted words outlined: “The fictional harbour board agreed to repaint" in html
    assert "This page is a scan: its text was read by OCR" in html
    assert "not outlined on this page image" not in html
