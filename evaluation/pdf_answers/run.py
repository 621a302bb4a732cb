"""Ask a real corpus its labelled questions and our out-of-scope set through the real QAService."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluation.answers import indexed_service
from evaluation.filings.scoring import FilingQuestion
from evaluation.filings.scoring import load_questions as load_filing_questions
from evaluation.pdf_answers.questions import OutOfScope, from_page_labels, out_of_scope
from evaluation.pdf_answers.scoring import score_answerable, summarise
from evaluation.pdf_labels import load_labels
from qa_service.answering.service import QAService


def ask_all(
    service: QAService, answerable: Sequence[FilingQuestion], refusable: Sequence[OutOfScope]
) -> dict[str, Any]:
    """Ask every question once; return the summary, the per-question rows and the ms per answer."""
    start = time.perf_counter()
    rows = [score_answerable(q, service.ask(q.question)) for q in answerable]
    refused = []
    for item in refusable:
        answer = service.ask(item.question)
        refused.append(
            {
                "question": item.question,
                "kind": item.kind,
                "covered": answer.covered,
                "answer": answer.text[:300],
            }
        )
    asked = max(1, len(rows) + len(refused))
    return {
        **summarise(rows, refused),
        "ms_per_answer": round(1e3 * (time.perf_counter() - start) / asked, 1),
        "per_question": rows,
        "out_of_scope_rows": refused,
    }


def report_pdf_answers(source: Path, labels: Path, index_dir: Path, encoder: Any) -> dict[str, Any]:
    """Score answers over the report PDF (source: a folder holding it) with its labels and our set."""
    service = indexed_service(source, index_dir, encoder)
    document = str(service.documents()[0]["id"])
    answerable, unanswerable = from_page_labels(load_labels(labels), document)
    refusable = out_of_scope("report_pdf") + [OutOfScope(q, "labelled_unanswerable") for q in unanswerable]
    return ask_all(service, answerable, refusable)


def filings_answers(source: Path, questions: Path, index_dir: Path, encoder: Any) -> dict[str, Any]:
    """Score answers over the filings folder (source: the PDFs, or the first N linked) and our set."""
    service = indexed_service(source, index_dir, encoder)
    ids = {str(d["id"]) for d in service.documents()}
    answerable = [q for q in load_filing_questions(questions) if q.document_id in ids]
    return ask_all(service, answerable, out_of_scope("filings"))
