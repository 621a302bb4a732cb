"""CORS: /api/* only, exact allowed origins echoed, Vary: Origin, no credentials, preflight answered."""

import pytest

from qa_service.web.headers import parse_origins

DOCS = {"doc.txt": "Councils run local partnerships with the police.\n\nThe government sets many targets."}
HOST = "http://127.0.0.1:8001"


@pytest.fixture
def cors_client(fake_app_factory):
    return fake_app_factory(DOCS, ALLOWED_ORIGINS=f"{HOST}, https://www.lgiu.org/").test_client()


def test_parse_origins_strips_and_refuses_wildcard():
    assert parse_origins(" https://a.example/ ,https://b.example,*,") == {
        "https://a.example",
        "https://b.example",
    }
    assert parse_origins(["https://a.example"]) == {"https://a.example"}
    assert parse_origins("") == frozenset()


@pytest.mark.parametrize("origin", [HOST, "https://www.lgiu.org"])
def test_allowed_origin_is_echoed_without_credentials(cors_client, origin):
    response = cors_client.get("/api/search?q=partnerships", headers={"Origin": origin})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize("origin", ["http://127.0.0.1:9999", "https://evil.example", "null"])
def test_other_origins_get_no_grant(cors_client, origin):
    response = cors_client.get("/api/search?q=partnerships", headers={"Origin": origin})
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Origin" in response.headers["Vary"]


def test_preflight_is_answered_for_allowed_origin(cors_client):
    headers = {
        "Origin": HOST,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    response = cors_client.options("/api/ask", headers=headers)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == HOST
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"].lower() == "content-type"


def test_errors_carry_the_grant_so_the_widget_can_read_them(cors_client):
    response = cors_client.post("/api/ask", json={"question": ""}, headers={"Origin": HOST})
    assert response.status_code == 400
    assert response.headers["Access-Control-Allow-Origin"] == HOST
    assert "Retry-After" in response.headers["Access-Control-Expose-Headers"]


def test_pages_get_no_cors_headers(cors_client):
    response = cors_client.get("/", headers={"Origin": HOST})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_nothing_is_allowed_by_default(fake_app_factory):
    client = fake_app_factory(DOCS).test_client()
    response = client.get("/api/search?q=partnerships", headers={"Origin": HOST})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_factory_reads_qa_allowed_origins_from_the_environment(fake_app_factory, monkeypatch):
    monkeypatch.setenv("QA_ALLOWED_ORIGINS", f"{HOST},https://www.lgiu.org")
    client = fake_app_factory(DOCS).test_client()
    response = client.get("/api/search?q=partnerships", headers={"Origin": HOST})
    assert response.headers["Access-Control-Allow-Origin"] == HOST
