"""A table answer in Chromium: the chat page and the widget draw a quoted row as a table with its caption
and column headers (over a fictional statement PDF). `make screenshots` saves docs/img/chat-table.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.make_docs import make_statement_report
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "What were the mooring dues in 2023?"
CAPTION = "STATEMENT OF HARBOUR DUES — YEAR ENDED MARCH 31,"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def statement_server(serve_folder, tmp_path_factory) -> str:
    return serve_folder(make_statement_report(tmp_path_factory.mktemp("statement-browser") / "docs"))


def test_chat_page_draws_a_table_answer_as_a_table(browser, ask, statement_server, tmp_path):
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    try:
        page = context.new_page()
        ask(page, statement_server, QUESTION)
        table = page.locator("article.turn .answer table.quoted-table")
        expect(table.locator("caption")).to_have_text(CAPTION)
        expect(table.get_by_role("columnheader", name="2023")).to_be_visible()
        expect(table.get_by_role("rowheader", name="Mooring dues")).to_be_visible()
        assert table.locator("td").all_text_contents() == ["1,204", "1,118"]
        assert " | " not in page.locator("article.turn .answer").inner_text()
        page.locator("a.marker").first.click()
        expect(page.locator("li.citation mark").first).to_have_text("Mooring dues | 1,204 | 1,118")
        shots = ROOT / "docs" / "img" if os.environ.get("QA_UPDATE_SCREENSHOTS") == "1" else tmp_path
        page.screenshot(path=shots / "chat-table.png", full_page=True)
        assert (shots / "chat-table.png").stat().st_size > 10_000
    finally:
        context.close()


def test_widget_draws_a_table_answer_as_a_table(page, ask_widget, statement_server):
    widget = ask_widget(page, statement_server, QUESTION)
    table = widget.locator(".answer table")
    expect(table.locator("caption")).to_have_text(CAPTION)
    expect(table.get_by_role("columnheader", name="2022")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Mooring dues")).to_be_visible()
