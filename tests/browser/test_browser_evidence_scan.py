"""Evidence on a scanned page in a real browser: from an answer, "See it on the page" opens the page view
of a page that has no text layer (read by Tesseract), and the outline drawn over the image covers the
quoted words, checked against pdfplumber's word boxes on the page before it was scanned.

`make screenshots` (QA_UPDATE_SCREENSHOTS=1) writes docs/img/evidence-scan.png for the README."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from evidence_check import boxed_words, score, wait_loaded
from fixtures.make_docs import make_pdf, scan_pages
from playwright.sync_api import expect

from qa_service.ingest.readers.ocr import tesseract

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(not tesseract.available(), reason="needs Debian's tesseract-ocr: `make ocr`"),
]
ROOT = Path(__file__).resolve().parents[2]
QUESTION = "What colour will the lighthouse be painted?"
# Plainly fictional: two pages of a harbour board's minutes; the second is scanned (an image, no text).
MINUTES = [
    ["Fictional Harbour Board", "Minutes of a fictional year"],
    [
        "The fictional harbour board met in March to agree the year's works on the quay and",
        "the lighthouse. Members heard that the paint had worn away on the seaward side.",
        "The fictional harbour board agreed to repaint the lighthouse in blue and white",
        "stripes before the summer season. The harbour master will report on the cost at",
        "the next meeting of the board.",
    ],
]


@pytest.fixture(scope="module")
def scanned(serve_folder, tmp_path_factory) -> tuple[str, object]:
    """The app over the half-scanned minutes, and the minutes before the scan (for pdfplumber)."""
    folder = tmp_path_factory.mktemp("scanned-browser")
    original = make_pdf(folder / "original.pdf", MINUTES)
    (folder / "docs").mkdir()
    shutil.copy(original, folder / "docs" / "scanned-minutes.pdf")
    scan_pages(folder / "docs" / "scanned-minutes.pdf", [1])
    return serve_folder(folder / "docs"), original


def test_see_it_on_the_page_outlines_the_quote_on_a_scanned_page(page, ask, scanned, console_errors):
    server, original = scanned
    ask(page, server, QUESTION)
    summary = page.locator("li.citation summary").first
    expect(summary).to_contain_text("text read from a scanned page")
    summary.click()
    page.get_by_role("link", name="See it on the page").first.click()
    expect(page).to_have_url(
        re.compile(r"/documents/scanned-minutes/pages/2\?hl=scanned-minutes--[0-9a-f]+:\d+-\d+$")
    )
    expect(page.get_by_role("note")).to_contain_text("This page is a scan")
    image = page.locator(".page-frame img")
    wait_loaded(image)
    rects = page.locator("svg.highlight rect")
    expect(rects.first).to_be_visible()
    frame = image.bounding_box()
    natural = image.evaluate("img => img.naturalWidth")
    assert frame
    scale = natural / frame["width"]  # drawn boxes back into the image's pixels
    boxes = []
    for box in (rects.nth(n).bounding_box() for n in range(rects.count())):
        assert box and box["width"] > 20 and box["height"] > 5
        boxes.append(
            [
                (box["x"] - frame["x"]) * scale,
                (box["y"] - frame["y"]) * scale,
                (box["x"] + box["width"] - frame["x"]) * scale,
                (box["y"] + box["height"] - frame["y"]) * scale,
            ]
        )
    quote = page.locator("figcaption .quote").inner_text()
    assert "repaint the lighthouse" in quote
    with pdfplumber.open(original) as pdf:
        result = score(quote, boxed_words(pdf, 2, natural, boxes))
    assert result.coverage >= 0.95 and result.spill <= 0.10, (quote, result)
    if os.environ.get("QA_UPDATE_SCREENSHOTS") == "1":  # `make screenshots`: the README's image
        page.set_viewport_size({"width": 1000, "height": 760})
        page.locator(".page-number").scroll_into_view_if_needed()
        page.screenshot(path=ROOT / "docs" / "img" / "evidence-scan.png")
    assert console_errors == []
