"""Editors' feedback: one thumbs up or down, with an optional comment, on a stored answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from qa_service.editorial.db import Storage, utcnow
from qa_service.editorial.schema import answers, feedback
from qa_service.errors import NotFound


@dataclass(frozen=True)
class Feedback:
    """One validated rating of one answer."""

    answer_id: str
    rating: str
    comment: str | None = None


def save_feedback(storage: Storage, item: Feedback, at: datetime | None = None) -> int:
    """Store one rating of a stored answer; NotFound when the answer is unknown or purged."""
    with storage.engine.begin() as conn:
        if conn.execute(select(answers.c.id).where(answers.c.id == item.answer_id)).first() is None:
            raise NotFound(f"no stored answer with id {item.answer_id!r}", code="unknown_answer")
        row = {"answer_id": item.answer_id, "rating": item.rating, "comment": item.comment}
        result = conn.execute(insert(feedback).values(created_at=at or utcnow(), **row))
        return int(result.inserted_primary_key[0])  # type: ignore[index]
