"""Printed page labels in the browser: the chat page, "Copy citation" and the widget show "p. 2" for a
passage on the fourth sheet of a PDF whose cover pages are labelled i and ii."""

from __future__ import annotations

import pytest
from fixtures.make_docs import make_labelled_report
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "What colour will the lighthouse be painted?"


@pytest.fixture(scope="module")
def labelled_server(serve_folder, tmp_path_factory) -> str:
    return serve_folder(make_labelled_report(tmp_path_factory.mktemp("labelled-docs")))


def test_chat_page_and_copied_citation_show_the_printed_label(browser, ask, labelled_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        ask(page, labelled_server, QUESTION)
        summary = page.locator("li.citation summary").first
        expect(summary).to_contain_text("Fictional Harbour Board Report, p. 2")
        summary.click()
        page.get_by_role("button", name="Copy citation").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Fictional Harbour Board Report, p. 2, ") and "lighthouse" in copied
    finally:
        context.close()


def test_widget_shows_the_printed_label(page, ask_widget, labelled_server):
    widget = ask_widget(page, labelled_server, QUESTION)
    expect(widget.locator("li .source").first).to_contain_text("p. 2")
    expect(widget.locator("li .source").first).not_to_contain_text("p. 4")
