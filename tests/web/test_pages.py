"""Server-rendered pages: chat page, no-JS search, passage permalinks, widget script (fake encoder)."""

import re

import pytest

from qa_service.web.html.citing import citation_text

# Plainly fictional test data, not LGIU report content.
DOCS = {
    "fictional-report.txt": (
        "Fictional councils merged their partnership boards into one board.\n\n"
        "The fictional government asked for twelve separate plans every year."
    ),
    "fictional-report.txt.meta.json": (
        '{"title": "Fictional Test Report", "publisher": "Test Publishing Unit (TPU)", "kind": "report"}'
    ),
    "hostile.txt": 'Hostile <script>alert(1)</script> text with <img src=x onerror="alert(2)"> inside.',
}
QUESTION = "fictional councils merged partnership boards into one board"


@pytest.fixture
def pages_client(fake_app_factory):
    return fake_app_factory(DOCS).test_client()


def test_chat_page_has_a_plain_get_form_and_only_external_scripts(pages_client):
    response = pages_client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert re.search(r'<form[^>]+action="/search"[^>]+method="get"', html)
    assert '<label for="q">' in html and 'id="q" name="q"' in html
    assert 'aria-live="polite"' in html
    scripts = [
        '<script src="/static/dom.js" defer>',
        '<script src="/static/chat.js" defer>',
        '<script src="/static/quote_check.js" defer>',
    ]
    assert re.findall(r"<script[^>]*>", html) == scripts
    assert re.search(r'<form[^>]+action="/quote-check"[^>]+method="get"', html)  # quote check without JS
    assert "<style" not in html and " style=" not in html  # nothing a strict CSP would block
    assert "Test Publishing Unit (TPU)" in html  # publishers for the copy-citation text


def test_search_without_a_question_shows_the_form(pages_client):
    html = pages_client.get("/search?q=").get_data(as_text=True)
    assert 'name="q"' in html and "Sources" not in html


def test_search_renders_a_cited_answer_server_side(pages_client):
    response = pages_client.get("/search", query_string={"q": QUESTION})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<a class="marker" href="#c-1">[1]</a>' in html
    assert "<mark>Fictional councils merged their partnership boards into one board.</mark>" in html
    expected = citation_text(
        title="Fictional Test Report",
        quote="Fictional councils merged their partnership boards into one board.",
        publisher="TPU",
        paragraph=1,
        url="http://localhost/passages/",
    )
    assert expected.split(", http")[0] in html.replace("&#34;", '"')
    assert re.search(r'href="/passages/fictional-report--\w+\?hl=0-\d+"', html)


def test_search_reports_a_bad_question_as_a_page(pages_client):
    response = pages_client.get("/search", query_string={"q": "x" * 5000})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert 'data-code="question_too_long"' in response.get_data(as_text=True)


def test_passage_permalink_page_highlights_and_cites(pages_client):
    passage = pages_client.get("/api/search?q=twelve separate plans&k=1").get_json()["results"][0]
    response = pages_client.get(f"{passage['url']}?hl=4-15")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"<mark>{passage['text'][4:15]}</mark>" in html
    assert "Fictional Test Report" in html and "<dd>report</dd>" in html
    assert f"TPU, Fictional Test Report, para. {passage['paragraph']}" in html


def test_unknown_passage_is_a_404_page(pages_client):
    response = pages_client.get("/passages/no-such-passage")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert 'data-code="not_found"' in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/search?q=hostile+script+text+inside", "/passages/{id}"])
def test_document_markup_is_escaped(pages_client, url):
    passage_id = pages_client.get("/api/search?q=hostile script&k=1").get_json()["results"][0]["id"]
    html = pages_client.get(url.format(id=passage_id)).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_widget_script_is_small_and_never_uses_inner_html(pages_client):
    with pages_client.get("/widget.js") as response:
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert len(body.encode()) < 25 * 1024
    assert 'customElements.define("qa-widget"' in body and "attachShadow" in body
    with pages_client.get("/static/chat.js") as response:
        chat = response.get_data(as_text=True)
    for script in (body, chat):
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


def test_pages_without_an_index_say_so(tmp_path, fake_encoder):
    from qa_service import create_app

    config = {"TESTING": True, "INDEX_DIR": str(tmp_path / "none"), "DATA_DIR": str(tmp_path / "data")}
    client = create_app(config, encoder=fake_encoder).test_client()
    assert client.get("/").status_code == 200  # the page itself still loads
    response = client.get("/search?q=partnerships")
    assert response.status_code == 503 and response.mimetype == "text/html"
    assert 'data-code="not_ready"' in response.get_data(as_text=True)
