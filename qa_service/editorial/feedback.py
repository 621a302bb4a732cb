"""Editors' feedback: one thumbs up or down, with an optional comment, on a stored answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from qa_service.editorial.db import Storage, utcnow
from qa_service.editorial.schema import answers, feedback
from qa_service.errors import NotFound


@dataclass(frozen=True)
class Feedback:
    """One validated rating of one answer."""

    answer_id: str
    rating: str
    comment: str | None = None
    request_id: str | None = None  # the Idempotency-Key header: a retry of the same POST stores once


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
        result = conn.execute(
            insert(feedback).values(created_at=at or utcnow(), request_id=item.request_id, **values)
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def _feedback_for_request(storage: Storage, request_id: str | None) -> int | None:
    if request_id is None:
        return None
    with storage.engine.connect() as conn:
        found = conn.execute(select(feedback.c.id).where(feedback.c.request_id == request_id)).first()
    return None if found is None else int(found[0])
