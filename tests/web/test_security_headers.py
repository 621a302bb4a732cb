"""Security headers: nonce CSP on pages, nosniff and a referrer policy everywhere, JSON APIs stay JSON."""

import re

import pytest
from flask import render_template_string

DOCS = {"doc.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}


@pytest.fixture
def page_app(fake_app_factory):
    return fake_app_factory(DOCS)


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def page(page_app, template="<script nonce='{{ csp_nonce() }}'>1</script>"):
    @page_app.get("/_page")
    def _page():
        return render_template_string(template)

    return page_app.test_client().get("/_page")


def test_page_has_a_strict_nonce_csp(page_app):
    response = page(page_app)
    csp = directives(response.headers["Content-Security-Policy"])
    nonce = re.search(r"nonce='([^']+)'", response.get_data(as_text=True)).group(1)
    assert csp["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert csp["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_each_request_gets_a_fresh_nonce(page_app):
    client = page_app.test_client()

    @page_app.get("/_nonce")
    def _nonce():
        return render_template_string("{{ csp_nonce() }} {{ csp_nonce() }}")

    first, second = (client.get("/_nonce") for _ in range(2))
    a1, a2 = first.get_data(as_text=True).split()
    assert a1 == a2 and a1 in first.headers["Content-Security-Policy"]
    assert second.get_data(as_text=True).split()[0] != a1
    assert len(a1) >= 22


def test_frame_ancestors_is_configurable(fake_app_factory):
    page_app = fake_app_factory(DOCS, FRAME_ANCESTORS="https://www.lgiu.org")
    csp = directives(page(page_app).headers["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["https://www.lgiu.org"]


@pytest.mark.parametrize(
    ("method", "url", "kwargs"),
    [
        ("get", "/api/documents", {}),
        ("post", "/api/ask", {"json": {"question": "Who sets targets?"}}),
        ("post", "/api/ask", {"json": {}}),
        ("get", "/api/nothing-here", {}),
        ("get", "/openapi.json", {}),
    ],
)
def test_api_responses_are_json_with_nosniff(page_app, method, url, kwargs):
    response = getattr(page_app.test_client(), method)(url, **kwargs)
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert directives(response.headers["Content-Security-Policy"])["default-src"] == ["'none'"]


def test_real_pages_carry_the_csp(page_app):
    response = page_app.test_client().get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    csp = directives(response.headers["Content-Security-Policy"])
    assert csp["object-src"] == ["'none'"]
    body = response.get_data(as_text=True)
    for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body):  # inline scripts need the nonce
        assert "nonce=" in tag


def test_widget_script_stays_embeddable(page_app):
    response = page_app.test_client().get("/widget.js", headers={"Origin": "https://example.org"})
    response.close()  # a streamed file: close it so no handle leaks
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "javascript" in response.mimetype  # nosniff requires a script type to run cross-origin
    assert "Cross-Origin-Resource-Policy" not in response.headers
