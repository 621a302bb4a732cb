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
