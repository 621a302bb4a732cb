"""Score questions that name their document among many PDFs: page hit@5 and named-document precision@5."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from evaluation.datasets import read_jsonl
from evaluation.pdf_labels import words
from qa_service.ingest.corpus import slug

EVIDENCE_SHARE = 0.8  # a passage holding this share of the evidence's words counts as found anywhere


@dataclass(frozen=True)
class FilingQuestion:
    """One distinct question, its document (id as the index names it), labelled pages and evidence."""

    document_id: str
    question: str
    pages: frozenset[int]
    evidence: tuple[str, ...]


class Retrieved(Protocol):
    """What scoring needs of one retrieved passage or window."""

    @property
    def document_id(self) -> str: ...
    @property
    def page(self) -> int | None: ...
    @property
    def text(self) -> str: ...


def load_questions(path: Path) -> list[FilingQuestion]:
    """Read questions.jsonl and merge the evidence rows of each distinct (report, question)."""
    merged: dict[tuple[str, str], tuple[set[int], list[str]]] = {}
    for row in read_jsonl(path):
        pages, evidence = merged.setdefault((slug(row["report"]), row["question"]), (set(), []))
        pages.add(int(row["page"]))
        evidence.append(row["relevant"] or "")
    return [
        FilingQuestion(document, question, frozenset(pages), tuple(evidence))
        for (document, question), (pages, evidence) in merged.items()
    ]


def holds_evidence(text: str, evidence: str) -> bool:
    """Return True when the text holds at least EVIDENCE_SHARE of the evidence's distinct words."""
    wanted = set(words(evidence))
    return bool(wanted) and len(wanted & set(words(text))) / len(wanted) >= EVIDENCE_SHARE


def page_hit(question: FilingQuestion, top: Sequence[Retrieved]) -> bool:
    """Return True when a top passage is from the question's document and on its page (or holds it)."""
    return any(
        item.document_id == question.document_id
        and (item.page in question.pages or any(holds_evidence(item.text, e) for e in question.evidence))
        for item in top
    )


def named_precision(question: FilingQuestion, top: Sequence[Retrieved]) -> float:
    """Return the share of the top passages that come from the document the question names."""
    return sum(item.document_id == question.document_id for item in top) / len(top) if top else 0.0


def summarise(questions: Sequence[FilingQuestion], tops: Sequence[Sequence[Retrieved]]) -> dict[str, float]:
    """Return page hit@5 and named-document precision@5 over all questions (top lists in order)."""
    count = max(1, len(questions))
    pairs = list(zip(questions, tops, strict=True))
    return {
        "page_hit@5": round(sum(page_hit(q, top[:5]) for q, top in pairs) / count, 3),
        "named_precision@5": round(sum(named_precision(q, top[:5]) for q, top in pairs) / count, 3),
    }
