"""The editors' dashboard and answer feedback in Chromium: rendered chart and tables, no CSP violations."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from editorial_data import make_answer
from playwright.sync_api import expect
from werkzeug.serving import make_server

from qa_service.editorial.answers import save_answer
from qa_service.editorial.feedback import Feedback, save_feedback

pytestmark = pytest.mark.browser
TOKEN = "browser-editor-token"


@pytest.fixture
def admin_server(fake_app_factory):
    """A fast app (fake encoder) with a token and some fictional answers and feedback, on a free port."""
    app = fake_app_factory({"doc.txt": "Councils run local partnerships.\n\nBoards meet."}, ADMIN_TOKEN=TOKEN)
    storage = app.extensions["qa_storage"]
    answer_id = save_answer(storage, make_answer("Who runs partnerships?"), keep_question=True)
    for question in ("What is the weather on Mars?", "What is the weather on Mars today?"):
        save_answer(storage, make_answer(question, covered=False), keep_question=True)
    save_feedback(storage, Feedback(answer_id, "up"))
    save_feedback(storage, Feedback(answer_id, "down", "Too short"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _console_errors(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Collect console errors (CSP violations among them) and failed loads other than the favicon."""
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text else None
    )
    page.on(
        "response", lambda r: errors.append(r.url) if r.status >= 400 and "favicon" not in r.url else None
    )
    return errors


def test_dashboard_renders_with_its_chart_under_the_strict_csp(page, admin_server):
    errors = _console_errors(page)
    page.goto(f"{admin_server}/admin/?token={TOKEN}")
    expect(page.get_by_role("heading", name="Editors' dashboard")).to_be_visible()
    expect(page.locator("#total-answers")).to_have_text("3")
    expect(page.locator("#gaps .gap")).to_have_count(1)
    expect(page.locator("#gaps summary").first).to_contain_text("What is the weather on Mars")
    expect(page.locator("#top-questions")).to_contain_text("Who runs partnerships?")
    expect(page.locator("#cited caption").first).to_have_text("Documents")
    bar = page.locator("#feedback-chart rect.bar")
    expect(bar).to_have_count(1)
    box = bar.bounding_box()
    assert box and box["height"] > 10 and box["width"] > 1  # drawn, at 50 % of the plot height
    assert page.evaluate("getComputedStyle(document.querySelector('.totals dl')).display") == "flex"
    assert page.context.cookies() == []
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []  # CSP, stylesheets


def test_dashboard_with_a_header_token_and_csv_download(browser, admin_server):
    context = browser.new_context(extra_http_headers={"Authorization": f"Bearer {TOKEN}"})
    page = context.new_page()
    page.goto(f"{admin_server}/admin/")
    expect(page.locator("#total-down")).to_have_text("1")
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    assert download.value.suggested_filename.startswith("qa-answers-")
    assert "Too short" in Path(download.value.path()).read_text(encoding="utf-8")
    context.close()


def test_dashboard_without_a_token_is_a_json_401(page, admin_server):
    response = page.goto(f"{admin_server}/admin/")
    assert response.status == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.model
def test_chat_page_sends_thumbs_and_comment_and_links_the_answer(page, live_server):
    sent = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/api/feedback") else None)
    page.goto(live_server + "/")
    page.get_by_label("Ask a question about the report").fill("How many local authorities were case studies?")
    page.keyboard.press("Enter")
    turn = page.locator("article.turn").first
    feedback = turn.locator(".feedback")
    expect(feedback).to_be_visible()
    feedback.get_by_role("button", name="Helpful", exact=True).click()
    feedback.get_by_label("Comment (optional)").fill("Exactly the quote I needed")
    feedback.get_by_role("button", name="Send feedback").click()
    expect(feedback.locator(".feedback-status")).to_have_text("Thank you for your feedback.")
    assert sent[0]["rating"] == "up" and sent[0]["comment"] == "Exactly the quote I needed"
    permalink = feedback.get_by_role("link", name="Link to this answer").get_attribute("href")
    page.goto(permalink)
    expect(page.locator("h1")).to_have_text("How many local authorities were case studies?")


@pytest.mark.model
def test_widget_on_a_foreign_origin_sends_feedback(page, host_pages):
    page.goto(host_pages["embed"])
    widget = page.locator("#inline-widget")
    widget.locator("#q").fill("How many local authorities were case studies?")
    widget.locator("#q").press("Enter")
    feedback = widget.locator(".feedback").first
    expect(feedback).to_be_visible()
    feedback.get_by_role("button", name="Not helpful").click()
    feedback.get_by_role("button", name="Send feedback").click()
    expect(feedback.locator(".status")).to_have_text("Thank you for your feedback.")
    assert feedback.get_by_role("link", name="Link to this answer").get_attribute("href").startswith("http")


def test_cited_tables_keep_their_own_heights(browser, fake_app_factory):
    """Documents (one row) beside Sections (five rows): the short table is not stretched to match."""
    from dataclasses import replace

    app = fake_app_factory({"doc.txt": "Councils run local partnerships."}, ADMIN_TOKEN=TOKEN)
    storage = app.extensions["qa_storage"]
    for n in range(5):
        answer = make_answer(f"Fictional question {n}?")
        passage = replace(answer.citations[0].passage, section=("Chapter 1", f"Part {n}"))
        cited = replace(answer, citations=(replace(answer.citations[0], passage=passage),))
        save_answer(storage, cited, keep_question=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/admin/?token={TOKEN}")
        documents, sections = page.locator("#cited table").all()
        expect(sections.locator("tbody tr")).to_have_count(5)
        doc_box, section_box = documents.bounding_box(), sections.bounding_box()
        assert doc_box and section_box and doc_box["y"] == section_box["y"]  # side by side
        assert doc_box["height"] < section_box["height"] / 2  # one row's height, not five rows'
        row = documents.locator("tbody tr").bounding_box()
        assert row and row["height"] < 60
    finally:
        context.close()
        server.shutdown()
        server.server_close()
