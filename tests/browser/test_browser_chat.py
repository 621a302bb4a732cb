"""The chat page in Chromium: a cited answer, citations that expand and copy, follow-ups, no-JS search."""

import re

import pytest
from playwright.sync_api import expect

from qa_service.web.html.citing import citation_text

pytestmark = [pytest.mark.browser, pytest.mark.model]
QUESTION = "How many local authorities did the case studies come from?"
PUBLISHER = "Local Government Information Unit (LGIU)"  # source_docs/*.meta.json
TITLE = "Press release: Rationalising Partnerships and Plans"


def ask(page, question):
    page.get_by_label("Ask a question about the report").fill(question)
    page.keyboard.press("Enter")


def test_ask_shows_a_cited_answer_and_announces_only_it(page, live_server, console_errors):
    page.goto(live_server + "/")
    ask(page, QUESTION)
    turn = page.locator("article.turn").first
    expect(turn.locator(".answer")).to_contain_text("five local authorities")
    expect(turn.locator("a.marker").first).to_have_text("[1]")
    expect(turn.locator("li.citation")).not_to_have_count(0)
    first = page.locator("#announce").text_content()
    assert "five local authorities" in first
    ask(page, "Who is the author of the report?")
    expect(page.locator("article.turn")).to_have_count(2)
    second = page.locator("article.turn").nth(1).locator(".answer").text_content()
    expect(page.locator("#announce")).to_have_text(second)
    assert first not in page.locator("#announce").text_content()
    assert page.locator("#conversation[aria-live]").count() == 0  # the history is never re-announced
    assert console_errors == []  # no CSP violation, no script error


def test_follow_up_sends_history_and_shows_the_standalone_question(page, live_server):
    page.goto(live_server + "/")
    sent = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/api/ask") else None)
    ask(page, QUESTION)
    expect(page.locator("article.turn")).to_have_count(1)
    ask(page, "Who wrote it?")
    expect(page.locator("article.turn")).to_have_count(2)
    assert sent[0]["history"] == []
    assert sent[1]["history"][0]["question"] == QUESTION
    assert "five local authorities" in sent[1]["history"][0]["answer"]
    standalone = page.locator("article.turn").nth(1).locator(".standalone")
    follow_up = {"question": "Who wrote it?", "history": sent[1]["history"]}
    response = page.request.post(live_server + "/api/ask", data=follow_up)
    rewritten = response.json()["standalone_question"]
    if rewritten != "Who wrote it?":
        expect(standalone).to_have_text("Searched as: " + rewritten)
    else:
        expect(standalone).to_have_count(0)


def test_citation_expands_with_the_quote_highlighted(page, live_server):
    page.goto(live_server + "/")
    ask(page, QUESTION)
    page.locator("a.marker").first.click()
    details = page.locator("li.citation details").first
    expect(details).to_have_attribute("open", "")
    mark = details.locator("blockquote.passage mark")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("five local authorities")
    expect(details.locator("dl.meta")).to_contain_text("press release")
    expect(details.locator("dl.meta")).to_contain_text(TITLE)
    link = details.get_by_role("link", name="Permalink to this passage")
    link.click()
    expect(page.locator("article.permalink mark")).to_contain_text("five local authorities")


def test_copy_citation_puts_the_house_style_on_the_clipboard(browser, live_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        ask(page, QUESTION)
        page.locator("li.citation summary").first.click()
        page.get_by_role("button", name="Copy citation").first.click()
        expect(page.locator("#status")).to_have_text("Citation copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        body = page.request.post(live_server + "/api/ask", data={"question": QUESTION}).json()
        c = body["citations"][0]
        passage = next(p for p in body["passages"] if p["id"] == c["passage_id"])
        start = passage["text"].find(c["quote"])
        url = f"{live_server}{c['url']}?hl={start}-{start + len(c['quote'])}"
        expected = citation_text(
            title=c["document"],
            quote=c["quote"],
            publisher=PUBLISHER,
            page=c["page"],
            paragraph=c["paragraph"],
            url=url,
        )
        assert copied == expected
        assert copied.startswith("LGIU, Press release: Rationalising Partnerships and Plans, para. ")
    finally:
        context.close()


def test_search_form_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        page.get_by_label("Ask a question about the report").fill(QUESTION)
        page.get_by_role("button", name="Ask").click()
        expect(page).to_have_url(re.compile(r"/search\?q=How\+many"))
        expect(page.locator(".answer")).to_contain_text("five local authorities")
        page.locator("li.citation summary").first.click()  # <details> needs no script
        expect(page.locator("li.citation mark").first).to_be_visible()
        page.get_by_role("link", name="Permalink to this passage").first.click()
        expect(page.locator("article.permalink .cite-text")).to_contain_text(
            "LGIU, Press release: Rationalising"
        )
    finally:
        context.close()


def test_chat_page_text_has_aa_contrast(page, live_server, low_contrast):
    page.goto(live_server + "/")
    ask(page, QUESTION)
    page.locator("a.marker").first.click()
    expect(page.locator("li.citation mark").first).to_be_visible()
    assert low_contrast(page, "document") == []
