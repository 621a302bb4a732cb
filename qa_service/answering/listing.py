"""List questions ("which councils…") and kind/council filters: every matching document, not top-k."""

from __future__ import annotations

import re
from dataclasses import replace

from qa_service.answering import compose
from qa_service.answering.retrieval import Retriever
from qa_service.models import Citation, Filters, Hit, Query

CASE_STUDY = "case study"
_LIST_QUESTION = re.compile(
    r"\b(which|what)\s+(?:other\s+)?(councils?|local\s+authorities|authorities|areas|boroughs|case\s+studies)\b"
    r"|\blist\b.*\b(councils|authorities|case\s+studies)\b",
    re.I,
)


def is_list_question(question: str) -> bool:
    """Return True when the question asks for a list of councils or case studies."""
    return bool(_LIST_QUESTION.search(question))


def best_per_document(retriever: Retriever, query: Query, filters: Filters) -> list[Hit]:
    """Return every document passing the filters once (its best passage for the query), best first."""
    # the fused ranking, not MMR: diversity is per document here, and MMR over every passage is
    # quadratic and may drop a document whose only passage resembles another document's
    best: dict[str, Hit] = {}
    for row, score in retriever.ranked(query, filters):
        passage = retriever.passages[row]
        best.setdefault(passage.document_id, Hit(passage, score))
    return list(best.values())


def case_study_answer(
    retriever: Retriever, query: Query, filters: Filters, weights: compose.Weights
) -> tuple[list[Hit], str, tuple[Citation, ...]] | None:
    """List every case study that passes the filters, each cited by its most relevant sentence."""
    if filters.kind not in (None, CASE_STUDY):
        return None
    hits = best_per_document(retriever, query, replace(filters, kind=CASE_STUDY))
    chosen = []
    for hit in hits:
        candidates = compose.score_sentences(query.text, retriever.sentences(query, [hit]), weights)
        if candidates:
            chosen.append(max(candidates, key=lambda c: c.score))
    _, citations = compose.cite(chosen)
    if not citations:
        return None
    return hits, list_text(citations), citations


def list_text(citations: tuple[Citation, ...]) -> str:
    """Return "The documents hold N case studies: A [1]; B [2]." naming each council (or title)."""
    names = [f"{c.passage.council or c.passage.document_title} [{c.n}]" for c in citations]
    plural = "case study" if len(names) == 1 else "case studies"
    return f"The documents hold {len(names)} {plural}: {'; '.join(names)}."
