"""Printed page labels in the browser: the chat page, "Copy citation" and the widget show "p. 2" for a
passage on the fourth sheet of a PDF whose cover pages are labelled i and ii."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.make_docs import make_labelled_report
from playwright.sync_api import expect
from werkzeug.serving import make_server

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "What colour will the lighthouse be painted?"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def labelled_server(real_encoder, host_origin, tmp_path_factory) -> Iterator[str]:
    from qa_service import create_app
    from qa_service.ingest.build import build_index

    source = make_labelled_report(tmp_path_factory.mktemp("labelled-docs"))
    index = tmp_path_factory.mktemp("labelled-index")
    build_index(source, index, real_encoder, progress=False)
    config = {"TESTING": True, "INDEX_DIR": str(index), "SOURCE_DIR": str(source), "WARMUP": False}
    config |= {"DATA_DIR": str(tmp_path_factory.mktemp("data")), "RATELIMIT_ENABLED": False}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_ALLOWED_ORIGINS", host_origin)
        app = create_app(config, encoder=real_encoder)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_chat_page_and_copied_citation_show_the_printed_label(browser, labelled_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(labelled_server + "/")
        page.get_by_label("Ask a question about the report").fill(QUESTION)
        page.keyboard.press("Enter")
        summary = page.locator("li.citation summary").first
        expect(summary).to_contain_text("Fictional Harbour Board Report, p. 2")
        summary.click()
        page.get_by_role("button", name="Copy citation").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Fictional Harbour Board Report, p. 2, ") and "lighthouse" in copied
    finally:
        context.close()


def test_widget_shows_the_printed_label(page, host_dir, host_origin, labelled_server):
    demo = (ROOT / "examples" / "embed.html").read_text(encoding="utf-8")
    (host_dir / "labels.html").write_text(demo.replace("http://127.0.0.1:8000", labelled_server), "utf-8")
    page.goto(f"{host_origin}/labels.html")
    widget = page.locator("#inline-widget")
    widget.locator("#q").fill(QUESTION)
    widget.locator("#q").press("Enter")
    expect(widget.locator("li .source").first).to_contain_text("p. 2")
    expect(widget.locator("li .source").first).not_to_contain_text("p. 4")
