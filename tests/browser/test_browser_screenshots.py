"""Chat page and widget at desktop and 375 px phone width: nothing overflows; screenshots for the docs.

`make screenshots` (QA_UPDATE_SCREENSHOTS=1) writes them to docs/img/; otherwise they go to a temp folder.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "How many local authorities did the case studies come from?"
VIEWPORTS = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 375, "height": 780}}
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture
def shots(tmp_path) -> Path:
    return DOCS_IMG if os.environ.get("QA_UPDATE_SCREENSHOTS") == "1" else tmp_path


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", VIEWPORTS)
def test_chat_page_fits_and_is_captured(browser, live_server, shots, size):
    context = browser.new_context(viewport=VIEWPORTS[size])
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        page.get_by_label("Ask a question about the report").fill(QUESTION)
        page.keyboard.press("Enter")
        page.locator("a.marker").first.click()
        expect(page.locator("li.citation mark").first).to_be_visible()
        assert fits(page)
        page.screenshot(path=shots / f"chat-{size}.png", full_page=True)
        assert (shots / f"chat-{size}.png").stat().st_size > 10_000
    finally:
        context.close()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_widget_fits_and_is_captured(browser, host_pages, shots, size):
    context = browser.new_context(viewport=VIEWPORTS[size])
    try:
        page = context.new_page()
        page.goto(host_pages["embed"])
        # desktop shows the inline box, the phone the launcher's panel
        widget = page.locator("#inline-widget" if size == "desktop" else "#launcher-widget")
        if size == "phone":
            widget.locator(".launcher").click()
        widget.locator("#q").fill(QUESTION)
        widget.locator("#q").press("Enter")
        expect(widget.locator(".answer")).to_contain_text("five local authorities")
        box = widget.locator("#panel").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[size]["width"]
        assert fits(page)
        page.screenshot(path=shots / f"widget-{size}.png")
        assert (shots / f"widget-{size}.png").stat().st_size > 10_000
    finally:
        context.close()
