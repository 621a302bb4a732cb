"""Evidence on the page in a real browser: from an answer to the page view with the quote outlined, by
mouse, by keyboard only, at phone width, and from the widget on another origin. Also the widget's
launcher on a phone: its heading, close button and input stay in view; it leaves the host's text clear.

`make screenshots` (QA_UPDATE_SCREENSHOTS=1) writes docs/img/evidence-page.png for the README.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from evidence_check import wait_loaded
from fixtures.make_docs import make_pdf, relabel_pdf
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "What colour will the lighthouse be painted?"
ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 375, "height": 740}
PAGE_VIEW = r"/documents/harbour-board/pages/4\?hl=harbour-board--[0-9a-f]+:\d+-\d+$"
# Plainly fictional: a harbour board's minutes, five sheets, the first two labelled i and ii.
MINUTES = [
    ["Fictional Harbour Board", "Minutes of a fictional year"],
    ["Contents: a fictional list of meetings."],
    ["The fictional harbour board met twelve times in the year and kept its minutes online."],
    [
        "Works on the quay and the lighthouse",
        "",
        "The fictional harbour board met in March to agree the year's works on the quay and",
        "the lighthouse. Members heard that the paint had worn away on the seaward side.",
        "The fictional harbour board agreed to repaint the lighthouse in blue and white",
        "stripes before the summer season. The harbour master will report on the cost at",
        "the next meeting of the board.",
        "",
        "A fictional volunteer group offered to clean the slipway once a month, and the",
        "board thanked them. The ferry timetable stays as it was for another year.",
    ],
    ["The fictional harbour board thanked its volunteers for their work on the quay."],
]


@pytest.fixture(scope="module")
def pdf_server(serve_folder, tmp_path_factory) -> str:
    source = tmp_path_factory.mktemp("evidence-docs")
    relabel_pdf(make_pdf(source / "harbour-board.pdf", MINUTES, footer="Fictional minutes"), roman_pages=2)
    (source / "harbour-board.pdf.meta.json").write_text(
        '{"title": "Fictional Harbour Board Minutes"}', "utf-8"
    )
    return serve_folder(source)


def assert_highlight_visible(page) -> None:
    """The page image loaded, and an outlined box lies on it, inside the viewport once scrolled to."""
    image = page.locator(".page-frame img")
    expect(image).to_be_visible()
    wait_loaded(image)  # visible as soon as laid out (it has its size); wait for the picture itself
    rect = page.locator("svg.highlight rect").first
    rect.scroll_into_view_if_needed()
    expect(rect).to_be_visible()
    box, frame = rect.bounding_box(), image.bounding_box()
    assert box and frame and box["width"] > 20 and box["height"] > 5
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] / 3
    assert (
        page.evaluate("getComputedStyle(document.querySelector('svg.highlight rect')).strokeWidth") == "3px"
    )
    alt = image.get_attribute("alt") or ""
    assert alt.startswith("Page 2 of Fictional Harbour Board Minutes, with the quoted words outlined: “")
    assert "repaint the lighthouse" in alt and alt.endswith("”")


def test_see_it_on_the_page_opens_the_page_view_with_the_quote_outlined(
    page, ask, pdf_server, console_errors
):
    ask(page, pdf_server, QUESTION)
    page.locator("li.citation summary").first.click()
    page.get_by_role("link", name="See it on the page").first.click()
    expect(page).to_have_url(re.compile(PAGE_VIEW))
    assert_highlight_visible(page)
    expect(page.locator(".page-number")).to_have_text("Page 2 (sheet 4) of 5")
    expect(page.get_by_role("link", name="Open the original at this page")).to_have_attribute(
        "href", "/documents/harbour-board/file#page=4"
    )
    shots = ROOT / "docs" / "img" if os.environ.get("QA_UPDATE_SCREENSHOTS") == "1" else None
    if shots:
        page.set_viewport_size({"width": 1000, "height": 760})
        page.locator(".page-number").scroll_into_view_if_needed()
        page.screenshot(path=shots / "evidence-page.png")
    assert console_errors == []  # the strict CSP holds: no inline style or script was needed


def test_keyboard_only_from_the_answer_to_the_next_page(page, pdf_server, console_errors):
    page.goto(pdf_server + "/")

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#q")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    expect(page.locator("li.citation summary").first).to_be_visible()
    tab_to("li.citation summary")
    page.keyboard.press("Enter")
    tab_to("a.on-page")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(PAGE_VIEW))
    assert_highlight_visible(page)
    tab_to("a[rel=next]")
    page.keyboard.press("Enter")
    expect(page.locator(".page-number")).to_have_text("Page 3 (sheet 5) of 5")
    tab_to("a[rel=prev]")
    page.keyboard.press("Enter")
    assert_highlight_visible(page)  # the highlight travels with previous / next
    assert console_errors == []


def test_the_page_view_fits_a_phone(browser, ask, pdf_server):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        ask(page, pdf_server, QUESTION)
        page.locator("li.citation summary").first.click()
        page.get_by_role("link", name="See it on the page").first.click()
        assert_highlight_visible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        frame = page.locator(".page-frame img").bounding_box()
        assert frame and frame["width"] <= PHONE["width"]
    finally:
        context.close()


def test_the_widget_link_opens_the_page_view_from_another_origin(page, ask_widget, pdf_server):
    widget = ask_widget(page, pdf_server, QUESTION)
    link = widget.get_by_role("link", name="See it on the page [1]", exact=True).first
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as opened:
        link.click()
    view = opened.value
    view.wait_for_load_state()
    assert view.url.startswith(pdf_server + "/documents/harbour-board/pages/4?hl=")
    assert_highlight_visible(view)


def test_the_launcher_panel_on_a_phone_keeps_its_head_and_input_in_view(browser, host_pages):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(host_pages["embed"])
        widget = page.locator("#launcher-widget")
        widget.locator(".launcher").click()
        questions = ("How many local authorities did the case studies come from?", "Who wrote the report?")
        for n, question in enumerate((*questions, "What does the report recommend?"), start=1):
            widget.locator("#q").fill(question)
            widget.locator("#q").press("Enter")
            expect(widget.locator(".turn")).to_have_count(n)
        log = widget.locator(".log")
        assert log.evaluate("n => n.scrollHeight > n.clientHeight")  # the answers scroll, inside the panel
        for part in ("#title", "button.close", "#q"):
            box = widget.locator(part).bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], part
    finally:
        context.close()


def test_the_launcher_leaves_the_end_of_the_host_text_uncovered(browser, host_dir, host_origin, live_server):
    paragraphs = "".join(f"<p>Fictional host paragraph {n} about local partnerships.</p>" for n in range(60))
    html = (
        '<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><script src="{live_server}/widget.js" defer></script></head><body>'
        f'{paragraphs}<p id="last">The last line of the host page.</p>'
        f'<qa-widget endpoint="{live_server}" mode="launcher"></qa-widget></body></html>'
    )
    (host_dir / "long.html").write_text(html, encoding="utf-8")
    for viewport in (PHONE, {"width": 1280, "height": 800}):
        context = browser.new_context(viewport=viewport)
        try:
            page = context.new_page()
            page.goto(f"{host_origin}/long.html")
            launcher = page.locator("qa-widget .launcher")
            expect(launcher).to_be_visible()
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            last, button = page.locator("#last").bounding_box(), launcher.bounding_box()
            assert last and button
            assert last["y"] + last["height"] <= button["y"], (last, button)  # the text ends above it
        finally:
            context.close()
