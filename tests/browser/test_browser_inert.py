"""A fictional document full of markup (<img onerror>, <script>, javascript: links) stays inert text."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]
TITLE = "Fictional <img src=x onerror=alert(4)> notes"  # from the sidecar in conftest.HOSTILE_META
QUESTION = "How often did the fictional partnership board meet to agree one joint plan?"
NO_MARKUP_RAN = """(root) => ({
    pwned: window.__pwned ?? null,
    images: root.querySelectorAll('img').length,
    scripts: [...root.querySelectorAll('script')].filter((s) => !s.src).length,
    jsLinks: root.querySelectorAll('a[href^="javascript:" i]').length,
})"""
CLEAN = {"pwned": None, "images": 0, "scripts": 0, "jsLinks": 0}


def test_chat_page_shows_hostile_text_as_text(page, dialogs, hostile_server):
    page.goto(hostile_server + "/")
    page.get_by_label("Ask a question about the report").fill(QUESTION)
    page.keyboard.press("Enter")
    expect(page.locator("article.turn .answer")).to_contain_text("<img src=x onerror=")
    for summary in page.locator("li.citation summary").all():
        summary.click()
    expect(page.locator("li.citation blockquote").first).to_contain_text("<img src=x onerror=")
    expect(page.locator("li.citation summary").first).to_contain_text(TITLE)
    page.locator("li.citation .copy").first.click()
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    assert page.evaluate(NO_MARKUP_RAN, page.locator("#conversation").element_handle()) == CLEAN
    assert dialogs == []


def test_server_rendered_pages_show_hostile_text_as_text(page, dialogs, hostile_server):
    page.goto(f"{hostile_server}/search?q={QUESTION}")
    for summary in page.locator("li.citation summary").all():
        summary.click()
    expect(page.locator("main")).to_contain_text("<script>window.__pwned=2;alert(2)</script>")
    assert page.evaluate(NO_MARKUP_RAN, page.locator("main").element_handle()) == CLEAN
    results = page.request.get(f"{hostile_server}/api/search?q=fictional&k=10").json()["results"]
    assert len(results) >= 3
    for passage in results:
        page.goto(hostile_server + passage["url"])
        expect(page.locator("blockquote.passage")).to_have_text(passage["text"])
        assert page.evaluate(NO_MARKUP_RAN, page.locator("main").element_handle()) == CLEAN
    assert dialogs == []


def test_widget_shows_hostile_text_as_text(page, dialogs, host_pages):
    page.goto(host_pages["hostile-doc"])
    widget = page.locator("#inline-widget")
    widget.locator("#q").fill(QUESTION)
    widget.locator("#q").press("Enter")
    expect(widget.locator(".answer")).to_contain_text("<img src=x onerror=")
    expect(widget.locator("li .source").first).to_contain_text(TITLE)
    page.wait_for_timeout(300)
    shadow_root = page.evaluate_handle("document.getElementById('inline-widget').shadowRoot")
    assert page.evaluate(NO_MARKUP_RAN, shadow_root) == CLEAN
    for link in widget.get_by_role("link").all():
        assert link.get_attribute("href").startswith(("http://", "https://"))
    assert dialogs == []
