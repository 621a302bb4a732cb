"""POST /api/feedback: validation, storage, the one error shape and the rate limit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qa_service.editorial.feedback import Feedback
from qa_service.editorial.schema import feedback
from qa_service.errors import BadRequest
from qa_service.web.views.feedback import MAX_COMMENT_CHARS, parse_feedback

DOCS = {"doc.txt": "Councils run local partnerships across the county.\n\nThe government sets targets."}


@pytest.fixture
def feedback_app(fake_app_factory):
    return fake_app_factory(DOCS)


@pytest.fixture
def answer_id(feedback_app):
    return (
        feedback_app.test_client()
        .post("/api/ask", json={"question": "Who runs local partnerships?"})
        .json["answer_id"]
    )


def test_parse_accepts_a_rating_and_trims_the_comment():
    assert parse_feedback({"answer_id": "a1", "rating": "up", "comment": "  very   useful "}) == Feedback(
        "a1", "up", "very useful"
    )
    assert parse_feedback({"answer_id": "a1", "rating": "down", "comment": "   "}).comment is None


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ([], "invalid_body"),
        ({"rating": "up"}, "invalid_answer_id"),
        ({"answer_id": 7, "rating": "up"}, "invalid_answer_id"),
        ({"answer_id": "x" * 65, "rating": "up"}, "invalid_answer_id"),
        ({"answer_id": "a1"}, "invalid_rating"),
        ({"answer_id": "a1", "rating": "meh"}, "invalid_rating"),
        ({"answer_id": "a1", "rating": "up", "comment": 5}, "invalid_comment"),
        ({"answer_id": "a1", "rating": "up", "comment": "x" * (MAX_COMMENT_CHARS + 1)}, "comment_too_long"),
        ({"answer_id": "a1", "rating": "up", "ip": "1.2.3.4"}, "unknown_field"),
    ],
)
def test_parse_rejects(payload, code):
    with pytest.raises(BadRequest) as caught:
        parse_feedback(payload)
    assert caught.value.code == code


def test_feedback_is_stored_without_any_client_address_or_cookie(feedback_app, answer_id):
    client = feedback_app.test_client()
    response = client.post(
        "/api/feedback", json={"answer_id": answer_id, "rating": "down", "comment": "Missed the point"}
    )
    assert response.status_code == 201
    assert response.json["answer_id"] == answer_id and response.json["rating"] == "down"
    assert "Set-Cookie" not in response.headers
    with feedback_app.extensions["qa_storage"].engine.connect() as conn:
        rows = conn.execute(select(feedback)).mappings().all()
    assert [(r["answer_id"], r["rating"], r["comment"]) for r in rows] == [
        (answer_id, "down", "Missed the point")
    ]
    assert set(rows[0]) == {"id", "answer_id", "created_at", "rating", "comment", "request_id"}
    assert rows[0]["request_id"] is None  # nothing about the client: the key is the client's random token


def test_a_retried_post_with_the_same_idempotency_key_is_stored_once(feedback_app, answer_id):
    client = feedback_app.test_client()
    body = {"answer_id": answer_id, "rating": "up", "comment": "retried"}
    first = client.post("/api/feedback", json=body, headers={"Idempotency-Key": "k-1"})
    again = client.post("/api/feedback", json=body, headers={"Idempotency-Key": "k-1"})
    other = client.post("/api/feedback", json=body, headers={"Idempotency-Key": "k-2"})
    assert first.status_code == again.status_code == other.status_code == 201
    assert first.json["id"] == again.json["id"] != other.json["id"]
    with feedback_app.extensions["qa_storage"].engine.connect() as conn:
        assert len(conn.execute(select(feedback)).all()) == 2


@pytest.mark.parametrize("key", ["", "x" * 65, "caf\u00e9", "tab\there"])
def test_a_bad_idempotency_key_is_a_400(feedback_app, answer_id, key):
    response = feedback_app.test_client().post(
        "/api/feedback", json={"answer_id": answer_id, "rating": "up"}, headers={"Idempotency-Key": key}
    )
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid_key"


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"json": {"answer_id": "unknown-answer", "rating": "up"}}, 404, "unknown_answer"),
        ({"json": {"answer_id": "a", "rating": "sideways"}}, 400, "invalid_rating"),
        ({"data": "{nope", "content_type": "application/json"}, 400, "invalid_json"),
        ({"data": "rating=up", "content_type": "text/plain"}, 415, "unsupported_media_type"),
    ],
)
def test_errors_use_the_one_json_shape(feedback_app, kwargs, status, code):
    response = feedback_app.test_client().post("/api/feedback", **kwargs)
    assert response.status_code == status
    assert response.json == {"error": {"code": code, "message": response.json["error"]["message"]}}


def test_feedback_is_rate_limited_like_every_api_endpoint(fake_app_factory):
    feedback_app = fake_app_factory(DOCS, RATELIMIT_ENABLED=True, RATE_LIMIT="2 per minute")
    client = feedback_app.test_client()
    statuses = [
        client.post("/api/feedback", json={"answer_id": "x", "rating": "up"}).status_code for _ in range(3)
    ]
    assert statuses[:2] == [404, 404]
    assert statuses[2] == 429
    assert client.post("/api/feedback", json={}).json["error"]["code"]


def test_a_broken_database_gives_503_not_a_crash(feedback_app, answer_id, monkeypatch):
    dialect = feedback_app.extensions["qa_storage"].engine.dialect
    monkeypatch.setattr(dialect, "do_execute", _raise_operational)
    response = feedback_app.test_client().post("/api/feedback", json={"answer_id": answer_id, "rating": "up"})
    assert response.status_code == 503
    assert response.json["error"]["code"] == "storage_unavailable"


def _raise_operational(*args, **kwargs):
    import sqlite3

    raise sqlite3.OperationalError("disk I/O error")
