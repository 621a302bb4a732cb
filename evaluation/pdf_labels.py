"""Score answers over a labelled report PDF: top-5 passages and citations against pages and sentences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from evaluation.datasets import read_jsonl
from qa_service.answering.compose import normalise_space
from qa_service.models import Answer, Passage

FUZZY_SHARE = 0.8  # a relevant sentence counts as found when this share of its words appear in order
_WORD = re.compile(r"\w+")
# labels join excerpts with "[...]" and sometimes lose the space after a full stop ("communities.This")
_PARTS = re.compile(r"\s*\[\s*(?:\.\.\.|…)\s*\]\s*|(?<=[a-z][.!?])\s*(?=[A-Z])")


@dataclass(frozen=True)
class PageLabel:
    """One expert label: a question, and the sentence and PDF page that answer it (None = unanswerable)."""

    question: str
    relevant: str | None
    page: int | None


def load_labels(path: Path) -> list[PageLabel]:
    """Read questions.jsonl (fields question, relevant, page)."""
    return [PageLabel(row["question"], row.get("relevant"), row.get("page")) for row in read_jsonl(path)]


def words(text: str) -> list[str]:
    """Return the lower-cased words of text after NFKC folding (ligatures, odd spaces)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def label_parts(sentence: str) -> list[str]:
    """Return the excerpts and sentences a relevant-sentence label is made of."""
    return [part.strip() for part in _PARTS.split(sentence) if part and len(words(part)) > 0]


def contains_sentence(passage_text: str, sentence: str) -> bool:
    """Return True when the passage holds the sentence: exactly (whitespace-normalised) or fuzzily."""
    wanted, found = words(sentence), words(passage_text)
    if not wanted:
        return False
    if normalise_space(sentence) in normalise_space(passage_text):
        return True
    blocks = SequenceMatcher(None, wanted, found, autojunk=False).get_matching_blocks()
    # runs of one word are ignored: scattered "the"/"and" matches must not count as the sentence
    in_order = sum(block.size for block in blocks if block.size >= 2)
    return in_order / len(wanted) >= FUZZY_SHARE


def score_answer(
    answer: Answer, labels: Sequence[PageLabel], indexed: Sequence[Passage] = ()
) -> dict[str, Any]:
    """Return what one answer got right against all labels of its question (indexed: every passage)."""
    top = [hit.passage for hit in answer.hits[:5]]
    cited_pages = {citation.passage.page for citation in answer.citations}
    pages = {label.page for label in labels if label.page is not None}
    sentences = [label.relevant for label in labels if label.relevant]
    return {
        "question": answer.question,
        "covered": answer.covered,
        "labelled_pages": sorted(pages),
        "top5_pages": [passage.page for passage in top],
        "cited_pages": sorted(page for page in cited_pages if page is not None),
        "pages_found": sorted(page for page in pages if any(p.page == page for p in top)),
        "pages_cited": sorted(pages & cited_pages),
        "sentences": len(sentences),
        "sentences_found": sum(found(sentence, top) for sentence in sentences),
        "sentences_indexed": sum(found(sentence, indexed) for sentence in sentences),
    }


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return Recall@5 by page and by sentence (over labels), citation page hits and refusals."""
    answerable = [row for row in rows if row["labelled_pages"]]
    unanswerable = [row for row in rows if not row["labelled_pages"]]
    pages = sum(len(row["labelled_pages"]) for row in answerable)
    sentences = sum(row["sentences"] for row in answerable)
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "page_labels": pages,
        "sentence_labels": sentences,
        "page_recall@5": _share(sum(len(row["pages_found"]) for row in answerable), pages),
        "sentence_recall@5": _share(sum(row["sentences_found"] for row in answerable), sentences),
        "sentences_in_index": _share(sum(row["sentences_indexed"] for row in answerable), sentences),
        "question_page_hit@5": _share(sum(bool(row["pages_found"]) for row in answerable), len(answerable)),
        "citation_page_hit": _share(sum(bool(row["pages_cited"]) for row in answerable), len(answerable)),
        "answered": sum(row["covered"] for row in answerable),
        "unanswerable_declined": f"{sum(not row['covered'] for row in unanswerable)}/{len(unanswerable)}",
    }


def evaluate_labels(service: Any, labels: Sequence[PageLabel], k: int = 5) -> dict[str, Any]:
    """Ask each distinct labelled question once and return the summary plus one row per question."""
    questions = list(dict.fromkeys(label.question for label in labels))
    indexed = service.retriever.passages
    rows = [
        score_answer(service.ask(question, k), [lab for lab in labels if lab.question == question], indexed)
        for question in questions
    ]
    return {**summarise(rows), "per_question": rows}


def found(sentence: str, passages: Sequence[Passage]) -> bool:
    """Return True when every excerpt of a label is held by one of the passages."""
    parts = label_parts(sentence)
    return bool(parts) and all(any(contains_sentence(p.text, part) for p in passages) for part in parts)


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None
