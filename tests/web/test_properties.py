"""Property tests: whatever a fake_client sends to any endpoint, it gets a 2xx or a 4xx JSON error."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BOUNDED = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(["question", "k", "history", "kind", "council", "document", "other"])
ASK = st.dictionaries(FIELDS, JSON, max_size=5) | JSON
TEXT = st.text(max_size=300)
HEADER = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=100)  # printable ASCII
API_URLS = ["/api/ask", "/api/search", "/api/documents", "/api/passages/x", "/admin/reload", "/openapi.json"]


def assert_handled(response):
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        assert response.is_json
        body = response.get_json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}


@BOUNDED
@given(body=ASK)
def test_any_json_body_to_ask(fake_client, body):
    response = fake_client.post("/api/ask", data=json.dumps(body), content_type="application/json")
    assert_handled(response)
    if response.status_code == 200:
        assert isinstance(response.get_json()["covered"], bool)


@BOUNDED
@given(
    data=st.binary(max_size=300), content_type=st.sampled_from(["application/json", "text/plain", "", "x/y"])
)
def test_any_bytes_to_ask(fake_client, data, content_type):
    assert_handled(fake_client.post("/api/ask", data=data, content_type=content_type))


@BOUNDED
@given(q=TEXT, k=TEXT, kind=TEXT)
def test_any_query_string_to_search(fake_client, q, k, kind):
    assert_handled(fake_client.get("/api/search", query_string={"q": q, "k": k, "kind": kind}))


@BOUNDED
@given(passage_id=st.text(min_size=1, max_size=200))
def test_any_passage_id(fake_client, passage_id):
    assert_handled(fake_client.get("/api/passages/" + passage_id.replace("?", "%3F").replace("#", "%23")))


@BOUNDED
@given(
    url=st.sampled_from(API_URLS),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    data=st.binary(max_size=100),
    headers=st.dictionaries(
        st.sampled_from(["Authorization", "X-Forwarded-For", "Accept"]), HEADER, max_size=2
    ),
)
def test_any_method_body_and_headers(fake_client, url, method, data, headers):
    assert_handled(fake_client.open(url, method=method, data=data, headers=headers))


# The classes a hostile-input run found as 500s: lone surrogates in any string, deep nesting,
# NaN/Infinity and huge integers, sent to every route that takes a JSON body.
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
HOSTILE_TEXT = st.builds(
    lambda head, bad, tail: head + bad + tail, st.text(max_size=20), SURROGATE, st.text(max_size=20)
)
HOSTILE_JSON = st.recursive(
    st.none() | st.integers() | st.text(max_size=20) | HOSTILE_TEXT,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8) | HOSTILE_TEXT, children, max_size=3)
    ),
    max_leaves=8,
)
ROUTE_FIELDS = ["question", "k", "history", "kind", "council", "document", "answer_id", "rating", "comment"]


def json_routes(app):
    """Every URL that accepts a JSON body (any POST/PUT/PATCH rule without URL variables)."""
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if {"POST", "PUT", "PATCH"} & set(rule.methods or ()) and not rule.arguments
    )


def test_json_routes_include_the_known_ones(fake_client):
    assert {"/api/ask", "/api/feedback"} <= set(json_routes(fake_client.application))


@BOUNDED
@given(
    data=st.data(),
    field=st.sampled_from(ROUTE_FIELDS),
    value=HOSTILE_TEXT | st.lists(HOSTILE_TEXT, min_size=1, max_size=3),
)
def test_lone_surrogate_in_any_string_field(fake_client, data, field, value):
    url = data.draw(st.sampled_from(json_routes(fake_client.application)))
    body = {"question": "What do councils run?", "answer_id": "x", "rating": "up", field: value}
    response = fake_client.post(url, data=json.dumps(body), content_type="application/json")
    assert_handled(response)
    assert response.status_code == 400 or url.startswith("/admin/"), response.get_data(as_text=True)


@BOUNDED
@given(data=st.data(), body=HOSTILE_JSON)
def test_any_json_with_surrogates_anywhere(fake_client, data, body):
    url = data.draw(st.sampled_from(json_routes(fake_client.application)))
    assert_handled(fake_client.post(url, data=json.dumps(body), content_type="application/json"))


@BOUNDED
@given(data=st.data(), depth=st.integers(1, 20_000), opener=st.sampled_from(["[", '{"a":']))
def test_nesting_depth(fake_client, data, depth, opener):
    url = data.draw(st.sampled_from(json_routes(fake_client.application)))
    closer = "]" if opener == "[" else "}"
    body = opener * depth + "1" + closer * depth
    assert_handled(fake_client.post(url, data=body, content_type="application/json"))


@BOUNDED
@given(
    data=st.data(),
    field=st.sampled_from(ROUTE_FIELDS),
    number=st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
    | st.integers(min_value=2**63).map(str)
    | st.integers(20, 6000).map(lambda digits: "-" + "9" * digits),  # past Python's 4,300-digit limit
)
def test_non_finite_and_huge_numbers(fake_client, data, field, number):
    url = data.draw(st.sampled_from(json_routes(fake_client.application)))
    body = '{"question": "What do councils run?", "' + field + '": ' + number + "}"
    response = fake_client.post(url, data=body, content_type="application/json")
    assert_handled(response)
    assert response.status_code >= 400
