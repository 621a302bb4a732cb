"""What the editors' dashboard counts: questions, gaps, citations and feedback over a period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select

from qa_service.editorial.db import Storage
from qa_service.editorial.schema import answers, citations, feedback
from qa_service.models import DayFeedback

Counted = list[tuple[str, int]]


def _counted(storage: Storage, query: Select[Any, int]) -> Counted:
    with storage.engine.connect() as conn:
        return [(str(label), int(count)) for label, count in conn.execute(query)]


def questions(storage: Storage, since: datetime, *, covered: bool | None = None, limit: int = 20) -> Counted:
    """Return the most asked questions (case-insensitive), optionally only covered or uncovered ones."""
    key = func.lower(answers.c.question)
    count = func.count().label("n")
    query = select(func.min(answers.c.question), count).where(
        answers.c.created_at >= since, answers.c.question.is_not(None)
    )
    if covered is not None:
        query = query.where(answers.c.covered == covered)
    return _counted(storage, query.group_by(key).order_by(count.desc(), key).limit(limit))


def cited(storage: Storage, since: datetime, *, by_section: bool, limit: int = 10) -> Counted:
    """Return the documents (or document › section pairs) cited most often."""
    columns = [citations.c.document] + ([citations.c.section] if by_section else [])
    count = func.count().label("n")
    query = (
        select(*columns, count)
        .join(answers, answers.c.id == citations.c.answer_id)
        .where(answers.c.created_at >= since)
        .group_by(*columns)
        .order_by(count.desc(), *columns)
        .limit(limit)
    )
    with storage.engine.connect() as conn:
        rows: list[Any] = list(conn.execute(query).all())
    if by_section:
        return [(f"{doc} › {section or '(no section)'}", int(n)) for doc, section, n in rows]
    return [(str(doc), int(n)) for doc, n in rows]


def totals(storage: Storage, since: datetime) -> dict[str, int]:
    """Return answers, uncovered answers and thumbs up/down in the period."""
    with storage.engine.connect() as conn:
        asked = conn.execute(
            select(func.count(), func.count().filter(answers.c.covered.is_(False))).where(
                answers.c.created_at >= since
            )
        ).one()
        ratings: dict[str, int] = dict(
            conn.execute(
                select(feedback.c.rating, func.count())
                .where(feedback.c.created_at >= since)
                .group_by(feedback.c.rating)
            ).all()
        )
    return {
        "answers": asked[0],
        "not_covered": asked[1],
        "up": ratings.get("up", 0),
        "down": ratings.get("down", 0),
    }


def feedback_by_day(storage: Storage, since: datetime, today: date) -> list[DayFeedback]:
    """Return thumbs up and down per day from `since` to `today`, with empty days included."""
    with storage.engine.connect() as conn:
        rows = conn.execute(
            select(feedback.c.created_at, feedback.c.rating).where(feedback.c.created_at >= since)
        )
        counts = Counter((at.date(), rating) for at, rating in rows)
    days = [since.date() + timedelta(days=i) for i in range((today - since.date()).days + 1)]
    return [DayFeedback(day, counts[(day, "up")], counts[(day, "down")]) for day in days]


EXPORT_COLUMNS = (
    "answer_id", "created_at", "question", "covered", "index_version", "answer",
    "cited_passages", "thumbs_up", "thumbs_down", "comments",
)  # fmt: skip


def export_rows(storage: Storage, since: datetime) -> Iterator[tuple[Any, ...]]:
    """Yield one row per answer in the period, oldest first, with its citations and feedback."""
    period = select(answers.c.id).where(answers.c.created_at >= since)
    with storage.engine.connect() as conn:
        cites: dict[str, list[str]] = {}
        for answer_id, passage_id in conn.execute(
            select(citations.c.answer_id, citations.c.passage_id)
            .where(citations.c.answer_id.in_(period))
            .order_by(citations.c.answer_id, citations.c.n)
        ):
            cites.setdefault(answer_id, []).append(passage_id)
        notes: dict[str, list[tuple[str, str | None]]] = {}
        for answer_id, rating, comment in conn.execute(
            select(feedback.c.answer_id, feedback.c.rating, feedback.c.comment)
            .where(feedback.c.answer_id.in_(period))
            .order_by(feedback.c.id)
        ):
            notes.setdefault(answer_id, []).append((rating, comment))
        query = select(answers).where(answers.c.created_at >= since).order_by(answers.c.created_at)
        for row in conn.execute(query).mappings():
            rated = notes.get(row["id"], [])
            yield (
                row["id"], row["created_at"].isoformat(timespec="seconds"), row["question"] or "",
                row["covered"], row["index_version"], row["answer"], " ".join(cites.get(row["id"], [])),
                sum(r == "up" for r, _ in rated), sum(r == "down" for r, _ in rated),
                " | ".join(c for _, c in rated if c),
            )  # fmt: skip
