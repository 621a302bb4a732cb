"""Keep each answer with a snapshot of what it cited, so its permalink shows the same thing tomorrow."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from qa_service.editorial.db import Storage, utcnow
from qa_service.editorial.schema import answers, citations
from qa_service.errors import NotFound
from qa_service.models import Answer, printed_page, section_of


@dataclass(frozen=True)
class StoredCitation:
    """A citation as it was served: the quote and the passage text at that moment."""

    n: int
    passage_id: str
    document_id: str
    document: str
    section: str | None
    page: str | None  # the printed page the citation showed ("8", "COVa"), not the physical number
    quote: str
    passage_text: str


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as it was served, with the index version it came from."""

    id: str
    created_at: datetime
    question: str | None
    answer: str
    covered: bool
    index_version: str
    citations: tuple[StoredCitation, ...]


def new_answer_id() -> str:
    """Return an unguessable, URL-safe answer id."""
    return secrets.token_urlsafe(12)


def save_answer(storage: Storage, answer: Answer, *, keep_question: bool, at: datetime | None = None) -> str:
    """Store one answer and its citations; return its id."""
    answer_id = new_answer_id()
    row = {
        "id": answer_id,
        "created_at": at or utcnow(),
        "question": answer.question if keep_question else None,
        "answer": answer.text,
        "covered": answer.covered,
        "index_version": answer.index_version,
    }
    cited = [
        {
            "answer_id": answer_id,
            "position": position,
            "n": c.n,
            "passage_id": c.passage.id,
            "document_id": c.passage.document_id,
            "document": c.passage.document_title,
            "section": section_of(c.passage),
            "page": printed_page(c.passage),  # as the citation showed it: old rows hold the same
            "quote": c.quote,
            "passage_text": c.passage.text,
        }
        for position, c in enumerate(answer.citations)
    ]
    # rows go as parameters of one cached statement: `.values(row)` built fresh bind parameters per call
    with storage.engine.begin() as conn:
        conn.execute(insert(answers), row)
        if cited:
            conn.execute(insert(citations), cited)
    return answer_id


def load_answer(storage: Storage, answer_id: str) -> StoredAnswer:
    """Return a stored answer, or raise NotFound (also once the retention period purged it)."""
    with storage.engine.connect() as conn:
        row = conn.execute(select(answers).where(answers.c.id == answer_id)).mappings().first()
        if row is None:
            raise NotFound(
                f"no stored answer with id {answer_id!r} (it may have passed the retention period)"
            )
        cited = conn.execute(
            select(citations).where(citations.c.answer_id == answer_id).order_by(citations.c.position)
        ).mappings()
        internal = ("answer_id", "position")
        stored = tuple(StoredCitation(**{k: v for k, v in c.items() if k not in internal}) for c in cited)
    return StoredAnswer(citations=stored, **row)
