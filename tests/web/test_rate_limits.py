"""Abuse limits: rate limiting on by default with Retry-After, proxy hops, request body size."""

import pytest

DOCS = {"doc.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}


def error_code(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]["code"]


def test_rate_limit_is_on_by_default(tmp_path, fake_encoder):
    from qa_service import create_app

    app = create_app({"INDEX_DIR": str(tmp_path / "none")}, encoder=fake_encoder)
    assert app.config["RATELIMIT_ENABLED"] is True
    assert app.config["RATE_LIMIT"] == "60 per minute"
    client = app.test_client()
    statuses = [client.get("/api/documents").status_code for _ in range(61)]
    assert statuses[:60] == [503] * 60  # no index here: the limit counts every answer, good or bad
    limited = client.get("/api/documents")
    assert error_code(limited, 429) == "too_many_requests"
    assert int(limited.headers["Retry-After"]) > 0
    assert client.get("/healthz").status_code == 200  # probes are never limited


@pytest.fixture
def limited_app(fake_app_factory):
    return fake_app_factory(DOCS, RATELIMIT_ENABLED=True, RATE_LIMIT="3 per minute")


def test_limit_is_shared_across_api_routes_and_configurable(limited_app):
    client = limited_app.test_client()
    assert client.get("/api/documents").status_code == 200
    assert client.get("/api/passages/unknown").status_code == 404
    assert client.post("/api/ask", json={"question": ""}).status_code == 400
    response = client.get("/api/documents")
    assert error_code(response, 429) == "too_many_requests"
    assert response.headers["Retry-After"].isdigit()
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_spoofed_forwarded_for_does_not_bypass_the_limit(limited_app):
    client = limited_app.test_client()
    for n in range(3):
        client.get("/api/documents", headers={"X-Forwarded-For": f"10.0.0.{n}"})
    response = client.get("/api/documents", headers={"X-Forwarded-For": "10.9.9.9"})
    assert response.status_code == 429


def test_trusted_proxy_hop_separates_clients(fake_app_factory):
    app = fake_app_factory(DOCS, RATELIMIT_ENABLED=True, RATE_LIMIT="2 per minute", TRUSTED_PROXIES=1)
    client = app.test_client()
    for _ in range(2):
        assert client.get("/api/documents", headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 200
    assert client.get("/api/documents", headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429
    # the proxy's own hop names a different client: its own budget
    assert client.get("/api/documents", headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 200
    # a client prepending a fake address is still keyed by what our one proxy saw
    spoofed = {"X-Forwarded-For": "1.2.3.4, 203.0.113.1"}
    assert client.get("/api/documents", headers=spoofed).status_code == 429


def test_storage_uri_is_configurable(fake_app_factory):
    app = fake_app_factory(DOCS, RATELIMIT_STORAGE_URI="memory://")
    assert app.extensions["qa_limiter"]._storage_uri == "memory://"


def test_body_over_the_limit_is_413_before_parsing(fake_app_factory, monkeypatch):
    app = fake_app_factory(DOCS, MAX_CONTENT_LENGTH=1024)
    client = app.test_client()
    import qa_service.web.views.api as api

    monkeypatch.setattr(api, "parse_ask", lambda *a: pytest.fail("the body must not be parsed"))
    big = '{"question": "' + "x" * 2000 + '"}'
    response = client.post("/api/ask", data=big, content_type="application/json")
    assert error_code(response, 413) == "request_entity_too_large"


def test_body_without_declared_length_is_cut_at_the_limit(fake_app_factory):
    from werkzeug.test import EnvironBuilder

    app = fake_app_factory(DOCS, MAX_CONTENT_LENGTH=1024)
    body = ('{"question": "' + "x" * 5000 + '"}').encode()
    environ = EnvironBuilder(path="/api/ask", method="POST", data=body, content_type="application/json")
    environ = environ.get_environ()
    del environ["CONTENT_LENGTH"]  # a chunked upload declares no length; the stream is still capped
    environ |= {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True}
    response = app.test_client().open(environ)
    # werkzeug stops reading at the cap: the truncated body is refused, never answered or crashed on
    assert response.status_code in (400, 413) and set(response.get_json()) == {"error"}


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"json": {"question": "x" * 1001}}, 400, "question_too_long"),
        ({"json": {"question": "councils", "k": 0}}, 400, "invalid_k"),
        ({"json": {"question": "councils", "k": 21}}, 400, "invalid_k"),
        ({"json": {"question": "councils", "history": [{"question": "q"}] * 11}}, 400, "invalid_history"),
        ({"data": "question=x", "content_type": "text/plain"}, 415, "unsupported_media_type"),
    ],
)
def test_request_limits_are_json_errors(fake_client, kwargs, status, code):
    assert error_code(fake_client.post("/api/ask", **kwargs), status) == code


def test_wrong_method_is_405_with_allow(fake_client):
    response = fake_client.delete("/api/ask")
    assert error_code(response, 405) == "method_not_allowed"
    assert "POST" in response.headers["Allow"]


def test_documents_and_their_pages_share_the_budget(limited_app):
    """Page images are rendered on first use: /documents counts like /api/*."""
    client = limited_app.test_client()
    assert client.get("/documents").status_code == 200
    assert client.get("/documents/unknown/pages/1").status_code == 404
    assert client.get("/api/documents").status_code == 200
    assert error_code(client.get("/documents/unknown/file"), 429) == "too_many_requests"
