"""The document library in Chromium with the real model: upload a scanned PDF from the form, see it
indexed with its OCR'd pages, and ask the chat page and the embedded widget, which both say the quote
was read from a scan."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from fixtures.make_docs import make_pdf, scan_pages
from playwright.sync_api import expect
from werkzeug.serving import make_server

from qa_service.ingest.readers.ocr import tesseract

pytestmark = [pytest.mark.browser, pytest.mark.model]
TOKEN = "library-browser-token"
ROOT = Path(__file__).resolve().parents[2]
SCANNED = "text read from a scanned page"
QUESTION = "How many households are on the Millbrook allotments waiting list?"


@pytest.fixture
def library_server(seed_index, real_encoder, host_origin, tmp_path, monkeypatch):
    """An app of its own (a copy of the seed sources and index), whose local worker builds uploads."""
    from qa_service import create_app

    if not tesseract.available():
        pytest.skip("needs Debian's tesseract-ocr: `make ocr`")
    source, index = tmp_path / "source_docs", tmp_path / "index"
    shutil.copytree(ROOT / "source_docs", source)
    shutil.copytree(seed_index, index, symlinks=True)
    monkeypatch.setenv("QA_ALLOWED_ORIGINS", host_origin)  # the widget's host page is another origin
    config = {"SOURCE_DIR": str(source), "INDEX_DIR": str(index), "DATA_DIR": str(tmp_path / "data")}
    config |= {"ADMIN_TOKEN": TOKEN, "RATELIMIT_ENABLED": False, "WARMUP": False, "INDEX_CHECK_SECONDS": 0}
    server = make_server("127.0.0.1", 0, create_app(config, encoder=real_encoder), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_upload_from_the_form_then_the_chat_and_the_widget_cite_the_scanned_page(
    page, library_server, ask, ask_widget, tmp_path, console_errors
):
    pages = [
        ["Fictional Millbrook allotment survey.", "The survey was written only to test the library."],
        [
            "The fictional Millbrook allotments have a waiting list of 212 households.",
            "Plots are let each March.",
        ],
    ]
    pdf = scan_pages(make_pdf(tmp_path / "allotments.pdf", pages))
    page.goto(f"{library_server}/admin/documents?token={TOKEN}")
    expect(page.get_by_role("heading", name="Document library")).to_be_visible()
    form = page.locator("form#upload")
    form.locator("input[name=file]").set_input_files(str(pdf))
    form.locator("input[name=title]").fill("Fictional Millbrook Allotment Survey")
    form.locator("input[name=council]").fill("Millbrook")
    form.get_by_role("button", name="Upload").click()
    row = page.locator("#doc-allotments")
    # the page refreshes itself until this server answers from the new version (a guard, not a target)
    expect(row).to_have_attribute("data-status", "indexed", timeout=300_000)
    expect(row).to_contain_text("Fictional Millbrook Allotment Survey")
    expect(row.locator("td.num").nth(2)).to_have_text("2")  # OCR pages
    expect(page.locator("#job-status")).to_contain_text("done")

    ask(page, library_server, QUESTION)
    turn = page.locator("article.turn").first
    expect(turn.locator(".answer")).to_contain_text("212 households", timeout=60_000)
    citation = turn.locator("li.citation").filter(has_text="Millbrook").first
    expect(citation.locator("summary")).to_contain_text(SCANNED)

    widget = ask_widget(page, library_server, QUESTION)
    expect(widget.locator(".answer")).to_contain_text("212 households", timeout=60_000)
    source = widget.locator("li .source").filter(has_text="Millbrook").first
    expect(source).to_contain_text("Fictional Millbrook Allotment Survey")
    expect(source).to_contain_text(SCANNED)
    assert console_errors == []
