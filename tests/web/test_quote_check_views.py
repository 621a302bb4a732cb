"""POST /api/quote-check and the no-JS /quote-check page: shape, limits, errors; the seed's typos for real."""

import pytest

# Plainly fictional test data, not LGIU report content.
DOCS = {
    "fictional.txt": (
        "The fictional borough merged nine older plans into one joint plan.\n\n"
        "Officers said the change was not easy for partners."
    ),
    "fictional.txt.meta.json": '{"title": "Fictional Plans", "publisher": "Test Unit (TU)"}',
    "hostile.txt": 'Hostile <script>alert(1)</script> text with <img src=x onerror="alert(2)"> inside.',
}


@pytest.fixture
def quote_client(fake_app_factory):
    return fake_app_factory(DOCS).test_client()


def error_code(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]["code"]


def test_exact_quote_returns_span_page_and_citation(quote_client):
    body = quote_client.post("/api/quote-check", json={"quote": "merged nine older plans"}).get_json()
    assert body["verdict"] == "exact" and body["nearest"] == [] and body["index_version"]
    (match,) = body["matches"]
    assert match["source_text"] == "merged nine older plans" and match["similarity"] == 1.0
    assert {"passage_id", "document", "page", "page_label", "section", "diff"} <= set(match)
    assert match["citation"].startswith('TU, Fictional Plans, para. 1, "merged nine older plans", http')
    assert match["url"].endswith(f"?hl={match['source_start']}-{match['source_end']}")


def test_close_quote_lists_flagged_word_operations(quote_client):
    body = quote_client.post("/api/quote-check", json={"quote": "merged ten older plans"}).get_json()
    assert body["verdict"] == "close" and body["flags"] == ["number"]
    ops = body["matches"][0]["diff"]
    assert {"op": "replace", "source": "nine", "quote": "ten", "flags": ["number"]} in ops


def test_not_found_gives_nearest_passages_never_matches(quote_client):
    body = quote_client.post(
        "/api/quote-check", json={"quote": "Quantum chromodynamics of gluons"}
    ).get_json()
    assert body["verdict"] == "not_found" and body["matches"] == []
    assert all(p["role"] == "nearest" for p in body["nearest"])


def test_document_field_scopes_the_check(quote_client):
    quote = {"quote": "merged nine older plans"}
    assert (
        quote_client.post("/api/quote-check", json=quote | {"document": "fictional"}).get_json()["verdict"]
        == "exact"
    )
    assert (
        quote_client.post("/api/quote-check", json=quote | {"document": "hostile"}).get_json()["verdict"]
        == "not_found"
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "missing_quote"),
        ({"quote": "   "}, "empty_quote"),
        ({"quote": 12}, "invalid_quote"),
        ({"quote": "x" * 2001}, "quote_too_long"),
        ({"quote": "bad \ud800 text"}, "invalid_text"),  # the strict JSON parser, as on every route
        ({"quote": "ok", "k": 3}, "unknown_field"),
        ({"quote": "ok", "document": ["x"]}, "invalid_filter"),
        (["quote"], "invalid_body"),
    ],
)
def test_bad_input_is_a_400_in_the_one_error_shape(quote_client, body, code):
    assert error_code(quote_client.post("/api/quote-check", json=body), 400) == code


def test_quote_of_2000_characters_is_accepted(quote_client):
    assert quote_client.post("/api/quote-check", json={"quote": "plan " * 400}).status_code == 200


def test_quote_check_shares_the_api_rate_limit(fake_app_factory):
    client = fake_app_factory(DOCS, RATELIMIT_ENABLED=True, RATE_LIMIT="2 per minute").test_client()
    assert client.post("/api/quote-check", json={"quote": "plans"}).status_code == 200
    assert client.get("/quote-check?quote=plans").status_code == 200
    assert error_code(client.post("/api/quote-check", json={"quote": "plans"}), 429) == "too_many_requests"


def test_no_js_page_marks_differences_readably_without_colour(quote_client):
    html = quote_client.get("/quote-check?quote=merged+ten+older+plans").get_data(as_text=True)
    assert 'data-verdict="close"' in html
    assert '<del><span class="visually-hidden">deleted: </span>nine</del>' in html
    assert '<ins><span class="visually-hidden">inserted: </span>ten</ins>' in html
    assert "(a number changed)" in html and "Fictional Plans, para. 1" in html


def test_no_js_page_escapes_document_text_and_shows_errors_as_pages(quote_client):
    html = quote_client.get("/quote-check?quote=Hostile+text+with").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    response = quote_client.get("/quote-check?quote=" + "x" * 2001)
    assert response.status_code == 400 and 'data-code="quote_too_long"' in response.get_data(as_text=True)


def test_empty_no_js_page_is_the_form(quote_client):
    html = quote_client.get("/quote-check").get_data(as_text=True)
    assert 'id="quote-form"' in html and 'maxlength="2000"' in html


@pytest.mark.model
def test_seed_typos_are_shown_never_corrected(client):
    quote = "grind to a halt without the government lightening the burden of red tape"
    body = client.post("/api/quote-check", json={"quote": quote}).get_json()
    assert body["verdict"] == "close"
    (match,) = body["matches"]
    assert "grind to all halt" in match["source_text"] and "lighte ning" in match["source_text"]
    changed = [(op["op"], op["source"], op["quote"]) for op in match["diff"] if op["op"] != "equal"]
    assert changed == [("replace", "all", "a"), ("replace", "lighte ning", "lightening")]
    assert match["document"].startswith("Press release")


@pytest.mark.model
def test_seed_verbatim_quote_is_exact(client):
    quote = "Building on case studies from five local authorities"
    body = client.post("/api/quote-check", json={"quote": quote}).get_json()
    assert body["verdict"] == "exact" and body["matches"][0]["source_text"] == quote
