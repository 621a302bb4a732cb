"""Pin the one JSON error shape: every 4xx/5xx is {"error": {"code", "message"}} and nothing else."""

import pytest


def assert_error_shape(response, status):
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    return body["error"]["code"]


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status"),
    [
        ("get", "/nope", {}, 404),
        ("get", "/api/passages/unknown-id", {}, 404),
        ("post", "/api/ask", {"json": {}}, 400),
        ("post", "/api/ask", {"json": {"question": ""}}, 400),
        ("post", "/api/ask", {"json": {"question": ["list"]}}, 400),
        ("post", "/api/ask", {"data": "{bad json", "content_type": "application/json"}, 400),
        ("post", "/api/ask", {"data": "question=hi", "content_type": "text/plain"}, 415),
        ("get", "/api/ask", {}, 405),
        ("get", "/api/search", {}, 400),
        ("get", "/api/search?q=x&k=abc", {}, 400),
        ("post", "/api/quote-check", {"json": {}}, 400),
        ("post", "/api/quote-check", {"json": {"quote": "x" * 2001}}, 400),
        ("post", "/api/quote-check", {"data": "{bad json", "content_type": "application/json"}, 400),
        ("post", "/api/quote-check", {"data": "quote=hi", "content_type": "text/plain"}, 415),
        ("get", "/api/quote-check", {}, 405),
    ],
)
def test_errors_share_one_shape(fake_client, method, url, kwargs, status):
    assert_error_shape(getattr(fake_client, method)(url, **kwargs), status)


def test_unexpected_crash_is_json_500(fake_app_factory, monkeypatch):
    app = fake_app_factory({"doc.txt": "Some text about councils."})
    monkeypatch.setattr(app.extensions["qa"], "documents", lambda: 1 / 0)
    assert assert_error_shape(app.test_client().get("/api/documents"), 500) == "internal_error"


def test_missing_index_answers_503(tmp_path, fake_encoder):
    from qa_service import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}, encoder=fake_encoder)
    client = app.test_client()
    assert assert_error_shape(client.post("/api/ask", json={"question": "hi"}), 503) == "not_ready"
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "no index" in ready.get_json()["reason"]
    assert client.get("/healthz").status_code == 200
