"""The chat page's "Check a quote" mode in Chromium: keyboard only, screen-reader labels, copy, and no JS."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]
TYPO_QUOTE = "grind to a halt without the government lightening the burden of red tape"
EXACT_QUOTE = "Building on case studies from five local authorities"


def quote_mode_by_keyboard(page):
    """Reach the quote form from the mode switch with the keyboard alone."""
    page.get_by_role("radio", name="Ask a question").focus()
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    expect(page.get_by_role("radio", name="Check a quote")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Check a quote: paste it as it was published")).to_be_focused()


def test_keyboard_only_check_marks_the_differences(page, live_server, console_errors):
    page.goto(live_server + "/")
    expect(page.get_by_role("group", name="What do you want to do?")).to_be_visible()
    quote_mode_by_keyboard(page)
    expect(page.get_by_label("Ask a question about the report")).to_be_hidden()
    page.keyboard.type(TYPO_QUOTE)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Check quote")).to_be_focused()
    page.keyboard.press("Enter")
    result = page.locator("article.quote-result")
    expect(result.locator(".verdict")).to_have_attribute("data-verdict", "close")
    expect(page.locator("#announce")).to_have_text(re.compile(r"^Close: "))
    deleted = [d.text_content() for d in result.locator(".diff del").all()]
    inserted = [i.text_content() for i in result.locator(".diff ins").all()]
    assert deleted == ["deleted: all", "deleted: lighte ning"]  # the source's own typos, shown as they are
    assert inserted == ["inserted: a", "inserted: lightening"]
    expect(result.locator("blockquote.source")).to_contain_text("grind to all halt")
    section = result.get_by_role("region", name=re.compile(r"^Press release: Rationalising"))
    expect(section).to_be_visible()
    assert console_errors == []


def test_marking_reads_without_colour(page, live_server):
    page.goto(live_server + "/")
    page.get_by_role("radio", name="Check a quote").check()
    page.get_by_role("textbox", name="Check a quote: paste it as it was published").fill(TYPO_QUOTE)
    page.get_by_role("button", name="Check quote").click()
    deleted = page.locator(".diff del").first
    expect(deleted).to_be_visible()
    assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
    ins = page.locator(".diff ins").first
    assert "underline" in ins.evaluate("e => getComputedStyle(e).textDecorationLine")
    expect(page.locator(".legend")).to_contain_text("Struck-through words are the document's own")


def test_exact_quote_copies_its_citation(browser, live_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        page.get_by_role("radio", name="Check a quote").check()
        page.get_by_role("textbox", name="Check a quote: paste it as it was published").fill(EXACT_QUOTE)
        page.keyboard.press("Enter")  # Enter in a textarea adds a line; the button submits
        page.get_by_role("button", name="Check quote").click()
        expect(page.locator(".verdict")).to_have_attribute("data-verdict", "exact")
        expect(page.locator(".diff del, .diff ins")).to_have_count(0)
        page.get_by_role("button", name="Copy citation").first.click()
        expect(page.locator("#status")).to_have_text("Citation copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("LGIU, Press release: Rationalising Partnerships and Plans, para. ")
        assert f'"{EXACT_QUOTE}", {live_server}/passages/' in copied
    finally:
        context.close()


def test_unrelated_quote_lists_nearest_passages_not_matches(page, live_server):
    page.goto(live_server + "/")
    page.get_by_role("radio", name="Check a quote").check()
    box = page.get_by_role("textbox", name="Check a quote: paste it as it was published")
    box.fill("Mitochondrial enzymes regulate apoptosis in murine neurons under hypoxia.")
    page.get_by_role("button", name="Check quote").click()
    expect(page.locator(".verdict")).to_have_attribute("data-verdict", "not_found")
    expect(page.get_by_role("heading", name="Nearest passages (not a match)")).to_be_visible()
    expect(page.locator(".quote-match")).to_have_count(0)


def test_too_long_quote_shows_the_error_in_the_status_line(page, live_server):
    page.goto(live_server + "/")
    page.get_by_role("radio", name="Check a quote").check()
    page.locator("#quote").evaluate("e => e.removeAttribute('maxlength')")
    page.locator("#quote").fill("x" * 2001)
    page.get_by_role("button", name="Check quote").click()
    expect(page.locator("#status.error")).to_contain_text("longer than 2000 characters")


def test_quote_form_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        expect(page.get_by_label("Ask a question about the report")).to_be_visible()  # both forms show
        page.get_by_label("Check a quote: paste it as it was published").fill(TYPO_QUOTE)
        page.get_by_role("button", name="Check quote").click()
        expect(page).to_have_url(re.compile(r"/quote-check\?quote=grind"))
        expect(page.locator(".verdict")).to_have_attribute("data-verdict", "close")
        expect(page.locator(".diff del").first).to_have_text("deleted: all")
        expect(page.locator(".cite-text").first).to_contain_text("LGIU, Press release: Rationalising")
    finally:
        context.close()


def test_widget_quote_check_attribute_on_a_foreign_origin(
    page, host_dir, host_origin, live_server, console_errors
):
    html = (
        '<!doctype html><html lang="en"><head><title>Host</title>'
        f'<script src="{live_server}/widget.js" defer></script></head><body>'
        f'<qa-widget id="quote-widget" endpoint="{live_server}" quote-check></qa-widget></body></html>'
    )
    (host_dir / "quote-widget.html").write_text(html, encoding="utf-8")
    page.goto(f"{host_origin}/quote-widget.html")
    widget = page.locator("#quote-widget")
    widget.get_by_label("Check a quote from Rationalising Partnerships and Plans").fill(TYPO_QUOTE)
    widget.get_by_role("button", name="Check quote").press("Enter")
    expect(widget.locator(".verdict")).to_contain_text("Close:")
    assert [d.text_content() for d in widget.locator(".diff del").all()] == [
        "deleted: all",
        "deleted: lighte ning",
    ]
    assert [i.text_content() for i in widget.locator(".diff ins").all()] == [
        "inserted: a",
        "inserted: lightening",
    ]
    expect(widget.locator("blockquote")).to_contain_text("grind to all halt")
    assert widget.get_by_role("link", name="Open the passage").get_attribute("href").startswith(live_server)
    assert console_errors == []
