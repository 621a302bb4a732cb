"""A table answer in Chromium: the chat page and the widget draw a quoted row as a table with its caption
and column headers (over a fictional statement PDF). `make screenshots` saves docs/img/chat-table.png."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.make_docs import make_statement_report
from playwright.sync_api import expect
from werkzeug.serving import make_server

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "What were the mooring dues in 2023?"
CAPTION = "STATEMENT OF HARBOUR DUES — YEAR ENDED MARCH 31,"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def statement_server(real_encoder, host_origin, tmp_path_factory) -> Iterator[str]:
    from qa_service import create_app
    from qa_service.ingest.build import build_index

    folder = tmp_path_factory.mktemp("statement-browser")
    source = make_statement_report(folder / "docs")
    build_index(source, folder / "index", real_encoder, progress=False)
    config = {"TESTING": True, "INDEX_DIR": str(folder / "index"), "SOURCE_DIR": str(source), "WARMUP": False}
    config |= {"DATA_DIR": str(folder / "data"), "RATELIMIT_ENABLED": False}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_ALLOWED_ORIGINS", host_origin)
        app = create_app(config, encoder=real_encoder)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_chat_page_draws_a_table_answer_as_a_table(browser, statement_server, tmp_path):
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    try:
        page = context.new_page()
        page.goto(statement_server + "/")
        page.get_by_label("Ask a question about the report").fill(QUESTION)
        page.keyboard.press("Enter")
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


def test_widget_draws_a_table_answer_as_a_table(page, host_dir, host_origin, statement_server):
    demo = (ROOT / "examples" / "embed.html").read_text(encoding="utf-8")
    (host_dir / "tables.html").write_text(demo.replace("http://127.0.0.1:8000", statement_server), "utf-8")
    page.goto(f"{host_origin}/tables.html")
    widget = page.locator("#inline-widget")
    widget.locator("#q").fill(QUESTION)
    widget.locator("#q").press("Enter")
    table = widget.locator(".answer table")
    expect(table.locator("caption")).to_have_text(CAPTION)
    expect(table.get_by_role("columnheader", name="2022")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Mooring dues")).to_be_visible()
