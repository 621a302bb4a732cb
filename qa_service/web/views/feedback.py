"""Thumbs up/down with an optional short comment on a stored answer: `POST /api/feedback`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import SQLAlchemyError

from qa_service.answering.compose import normalise_space
from qa_service.editorial.feedback import Feedback, save_feedback
from qa_service.errors import BadRequest, StorageUnavailable
from qa_service.web.context import json_body, storage

MAX_COMMENT_CHARS = 500
RATINGS = ("up", "down")

bp = Blueprint("feedback", __name__, url_prefix="/api")  # under /api: rate limited like the rest


def parse_feedback(payload: Any) -> Feedback:
    """Validate the JSON body of POST /api/feedback."""
    if not isinstance(payload, dict):
        raise BadRequest("the request body must be a JSON object", code="invalid_body")
    unknown = set(payload) - {"answer_id", "rating", "comment"}
    if unknown:
        raise BadRequest(f"unknown field(s): {', '.join(sorted(unknown))}", code="unknown_field")
    answer_id = payload.get("answer_id")
    if not isinstance(answer_id, str) or not 0 < len(answer_id) <= 64:
        raise BadRequest("`answer_id` must be the answer_id /api/ask returned", code="invalid_answer_id")
    if payload.get("rating") not in RATINGS:
        raise BadRequest('`rating` must be "up" or "down"', code="invalid_rating")
    comment = payload.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise BadRequest("`comment` must be a string", code="invalid_comment")
    comment = normalise_space(comment or "") or None
    if comment and len(comment) > MAX_COMMENT_CHARS:
        raise BadRequest(f"`comment` is longer than {MAX_COMMENT_CHARS} characters", code="comment_too_long")
    return Feedback(answer_id, payload["rating"], comment)


def parse_idempotency_key(value: str | None) -> str | None:
    """Return the Idempotency-Key header (1-64 printable ASCII characters), or None when absent."""
    if value is None:
        return None
    if not 0 < len(value) <= 64 or not value.isascii() or not value.isprintable():
        raise BadRequest("`Idempotency-Key` must be 1-64 printable ASCII characters", code="invalid_key")
    return value


@bp.post("/feedback")
def post_feedback() -> ResponseReturnValue:
    """Record a thumbs up or down (and an optional comment) for an answer."""
    item = parse_feedback(json_body())
    item = replace(item, request_id=parse_idempotency_key(request.headers.get("Idempotency-Key")))
    try:
        feedback_id = save_feedback(storage(), item)
    except SQLAlchemyError as exc:
        raise StorageUnavailable("feedback could not be saved; please try again later") from exc
    return jsonify({"id": feedback_id, "answer_id": item.answer_id, "rating": item.rating}), 201
