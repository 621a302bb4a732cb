"""<qa-widget> on a foreign-origin host page: answers, CSS isolation, keyboard, live region, errors."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]
TITLE = "Press release: Rationalising Partnerships and Plans"
TIMED_OUT = "The service took too long to answer; please try again."
QUESTION = "How many local authorities did the case studies come from?"


def shadow(page, widget_id, selector):
    """Locate inside a widget's shadow root (Playwright CSS pierces open shadow DOM)."""
    return page.locator(f"#{widget_id}").locator(selector)


def ask_inline(page, question):
    shadow(page, "inline-widget", "#q").fill(question)
    shadow(page, "inline-widget", "#q").press("Enter")


def test_widget_on_a_foreign_origin_answers_with_citations(page, host_pages, live_server, console_errors):
    page.goto(host_pages["embed"])
    assert page.evaluate("location.origin") != live_server
    events = []
    page.expose_function("recordAnswer", lambda detail: events.append(detail))
    page.evaluate("document.addEventListener('qa-answer', (e) => window.recordAnswer(e.detail))")
    ask_inline(page, QUESTION)
    expect(shadow(page, "inline-widget", ".answer")).to_contain_text("five local authorities")
    item = shadow(page, "inline-widget", "li").first
    expect(item.locator(".source")).to_contain_text("[1] " + TITLE)
    expect(item.locator(".source")).to_contain_text("press release")
    expect(item.locator("blockquote")).not_to_be_empty()
    link = item.get_by_role("link")
    assert link.get_attribute("href").startswith(live_server + "/passages/")
    assert link.get_attribute("rel") == "noopener"
    expect(page.locator("#host-log")).to_contain_text("citation(s)")  # the composed event reached the host
    assert events and events[0]["covered"] is True and events[0]["citations"]
    assert console_errors == []  # CORS allowed the host origin; no script error


def widget_styles(page):
    return page.evaluate(
        """() => {
        const root = document.getElementById('inline-widget').shadowRoot;
        const pick = (sel) => { const s = getComputedStyle(root.querySelector(sel));
          return [s.color, s.fontFamily, s.fontSize, s.display, s.backgroundColor, s.letterSpacing]; };
        return { root: pick('.root'), label: pick('label'), input: pick('input'), button: pick('button'),
                 status: pick('#panel > .status') };
    }"""
    )


def test_host_page_css_cannot_reach_into_the_widget(page, host_pages):
    page.goto(host_pages["embed"])
    clean = widget_styles(page)
    page.goto(host_pages["hostile-css"])
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(255, 0, 0)"
    assert widget_styles(page) == clean
    assert clean["button"][3] != "none"  # the host rule `button {display: none}` did not apply
    assert clean["button"][4] == "rgb(0, 90, 60)"  # themed by the host through --qa-accent only


def test_widget_css_does_not_leak_out(page, host_pages):
    page.goto(host_pages["embed"])
    margin = page.evaluate("getComputedStyle(document.querySelector('h2')).marginTop")
    assert margin != "0px"  # the widget's own h2 { margin: 0 } stays inside its shadow root


def test_keyboard_only_launcher(page, host_pages):
    page.goto(host_pages["embed"])
    focused = (
        "() => { const w = document.activeElement;"
        " return w && w.id === 'launcher-widget' ? w.shadowRoot.activeElement.className : null }"
    )
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == "launcher":
            break
    assert page.evaluate(focused) == "launcher"
    outline = page.evaluate(
        "getComputedStyle(document.getElementById('launcher-widget').shadowRoot.activeElement).outlineStyle"
    )
    assert outline == "solid"  # visible focus
    page.keyboard.press("Enter")
    panel = shadow(page, "launcher-widget", "#panel")
    expect(panel).to_be_visible()
    expect(shadow(page, "launcher-widget", ".launcher")).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("document.getElementById('launcher-widget').shadowRoot.activeElement.id") == "q"
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    expect(shadow(page, "launcher-widget", ".answer")).to_contain_text("five local authorities")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert page.evaluate(focused) == "launcher"


def test_live_region_announces_the_new_answer_only(page, host_pages):
    page.goto(host_pages["embed"])
    live = shadow(page, "inline-widget", "[aria-live=polite]")
    expect(live).to_have_count(1)
    ask_inline(page, QUESTION)
    expect(shadow(page, "inline-widget", ".turn")).to_have_count(1)
    first = shadow(page, "inline-widget", ".answer").first.text_content()
    expect(live).to_have_text(first)
    ask_inline(page, "Who is the author of the report?")
    expect(shadow(page, "inline-widget", ".turn")).to_have_count(2)
    second = shadow(page, "inline-widget", ".answer").nth(1).text_content()
    expect(live).to_have_text(second)
    assert first not in live.text_content()


@pytest.mark.parametrize(
    ("status", "body", "headers", "message"),
    [
        (
            429,
            '{"error": {"code": "too_many_requests", "message": "slow down"}}',
            {"Retry-After": "30"},
            "Too many questions just now; try again in 30 seconds.",
        ),
        (503, '{"error": {"code": "not_ready", "message": "index not loaded"}}', {}, "index not loaded"),
    ],
)
def test_status_line_explains_errors(page, host_pages, host_origin, status, body, headers, message):
    cors = {"Access-Control-Allow-Origin": host_origin, "Access-Control-Expose-Headers": "Retry-After"}
    reply = {"status": status, "body": body, "content_type": "application/json", "headers": cors | headers}
    page.route("**/api/ask", lambda route: route.fulfill(**reply))
    page.goto(host_pages["embed"])
    ask_inline(page, QUESTION)
    expect(shadow(page, "inline-widget", "#panel > .status")).to_have_text(message)
    expect(shadow(page, "inline-widget", "#panel > .status")).to_have_class("status error")


def test_status_line_reports_a_timeout(page, host_pages):
    page.route("**/api/ask", lambda route: None)  # never answered
    page.goto(host_pages["embed"])
    page.evaluate("document.getElementById('inline-widget').setAttribute('timeout', '500')")
    ask_inline(page, QUESTION)
    expect(shadow(page, "inline-widget", "#panel > .status")).to_have_text(TIMED_OUT)


def test_widget_text_has_aa_contrast(page, host_pages, low_contrast):
    page.goto(host_pages["embed"])
    page.locator("#launcher-widget .launcher").click()
    for widget_id in ("inline-widget", "launcher-widget"):
        shadow(page, widget_id, "#q").fill(QUESTION)
        shadow(page, widget_id, "#q").press("Enter")
        expect(shadow(page, widget_id, ".answer")).to_contain_text("five local authorities")
    shadow(page, "inline-widget", "#q").fill("")
    shadow(page, "inline-widget", "#q").press("Enter")  # the status line's error colour too
    expect(shadow(page, "inline-widget", "#panel > .status")).to_have_text("Type a question first.")
    for widget_id in ("inline-widget", "launcher-widget"):
        assert low_contrast(page, f"document.getElementById('{widget_id}').shadowRoot") == []
