"""Score one answer against its labels: cited page, quoted evidence, answered or refused."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evaluation.filings.scoring import FilingQuestion, page_hit
from evaluation.pdf_labels import words
from qa_service.answering.compose import verify_quote
from qa_service.models import Answer

QUOTE_SHARE = 0.8  # a quote "holds the evidence" when this share of the shorter side's words is in the other
MIN_QUOTE_WORDS = 4  # shorter quotes ("2022", "Total") match any evidence by chance


def quote_holds_evidence(quote: str, evidence: str) -> bool:
    """Return True when a quote and an evidence text share most of the shorter one's distinct words."""
    have, wanted = set(words(quote)), set(words(evidence))
    if len(have) < MIN_QUOTE_WORDS or not wanted:
        return False
    shorter, longer = (have, wanted) if len(have) <= len(wanted) else (wanted, have)
    return len(shorter & longer) / len(shorter) >= QUOTE_SHARE


def score_answerable(question: FilingQuestion, answer: Answer) -> dict[str, Any]:
    """Return what one answer to an answerable question got right."""
    cited = [citation.passage for citation in answer.citations]
    own = [c for c in answer.citations if c.passage.document_id == question.document_id]
    return {
        "question": question.question,
        "document": question.document_id,
        "pages": sorted(question.pages),
        "covered": answer.covered,
        "passage_hit@5": page_hit(question, [hit.passage for hit in answer.hits[:5]]),
        "answer_page_hit": answer.covered and page_hit(question, cited),
        "quote_holds_evidence": answer.covered
        and any(quote_holds_evidence(c.quote, e) for c in own for e in question.evidence),
        "cited_pages": [c.passage.page for c in answer.citations],
        "unverified": sum(not verify_quote(c.quote, c.passage) for c in answer.citations),
        "answer": answer.text,
    }


def summarise(answerable: Sequence[dict[str, Any]], refused: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return the shares over the answerable rows and the out-of-scope rows (per kind too)."""
    count = max(1, len(answerable))
    kinds: dict[str, list[bool]] = {}
    for row in refused:
        kinds.setdefault(row["kind"], []).append(not row["covered"])
    passage_hit = sum(r["passage_hit@5"] for r in answerable) / count
    answer_hit = sum(r["answer_page_hit"] for r in answerable) / count
    return {
        "answerable": len(answerable),
        "answered": round(sum(r["covered"] for r in answerable) / count, 3),
        "passage_page_hit@5": round(passage_hit, 3),
        "answer_page_hit": round(answer_hit, 3),
        "answer_to_passage": round(answer_hit / passage_hit, 3) if passage_hit else None,
        "quote_holds_evidence": round(sum(r["quote_holds_evidence"] for r in answerable) / count, 3),
        "unverified_quotes": sum(r["unverified"] for r in answerable),
        "out_of_scope": len(refused),
        "refused": round(sum(not r["covered"] for r in refused) / max(1, len(refused)), 3),
        "refused_by_kind": {kind: round(sum(v) / len(v), 3) for kind, v in kinds.items()},
    }
