"""Thumbs up/down with an optional short comment on a stored answer: `POST /api/feedback`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from qa_service.answering.compose import normalise_space
from qa_service.editorial.answers import current_storage
from qa_service.editorial.db import Storage, utcnow
from qa_service.editorial.schema import answers, feedback
from qa_service.errors import BadRequest, NotFound, StorageUnavailable
from qa_service.web.views.api import json_body

MAX_COMMENT_CHARS = 500
RATINGS = ("up", "down")

bp = Blueprint("feedback", __name__, url_prefix="/api")  # under /api: rate limited like the rest


@dataclass(frozen=True)
class Feedback:
    """One validated rating of one answer."""

    answer_id: str
    rating: str
    comment: str | None = None
    request_id: str | None = None  # the Idempotency-Key header: a retry of the same POST stores once


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


def save_feedback(storage: Storage, item: Feedback, at: datetime | None = None) -> int:
    """Store one rating of a stored answer once per request id; NotFound when the answer is unknown."""
    try:
        return _insert_feedback(storage, item, at)
    except IntegrityError:  # a retry racing its first attempt: the unique request id kept one row
        existing = _feedback_for_request(storage, item.request_id)
        if existing is None:
            raise
        return existing


def _insert_feedback(storage: Storage, item: Feedback, at: datetime | None) -> int:
    with storage.engine.begin() as conn:
        if conn.execute(select(answers.c.id).where(answers.c.id == item.answer_id)).first() is None:
            raise NotFound(f"no stored answer with id {item.answer_id!r}", code="unknown_answer")
        if item.request_id is not None:
            found = conn.execute(select(feedback.c.id).where(feedback.c.request_id == item.request_id))
            if (row := found.first()) is not None:
                return int(row[0])  # already stored by an earlier attempt of this request
        values = {"answer_id": item.answer_id, "rating": item.rating, "comment": item.comment}
        values["request_id"] = item.request_id
        result = conn.execute(insert(feedback).values(created_at=at or utcnow(), **values))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def _feedback_for_request(storage: Storage, request_id: str | None) -> int | None:
    if request_id is None:
        return None
    with storage.engine.connect() as conn:
        found = conn.execute(select(feedback.c.id).where(feedback.c.request_id == request_id)).first()
    return None if found is None else int(found[0])


@bp.post("/feedback")
def post_feedback() -> ResponseReturnValue:
    """Record a thumbs up or down (and an optional comment) for an answer."""
    item = parse_feedback(json_body())
    item = replace(item, request_id=parse_idempotency_key(request.headers.get("Idempotency-Key")))
    try:
        feedback_id = save_feedback(current_storage(), item)
    except SQLAlchemyError as exc:
        raise StorageUnavailable("feedback could not be saved; please try again later") from exc
    return jsonify({"id": feedback_id, "answer_id": item.answer_id, "rating": item.rating}), 201
