"""Ask a real corpus its labelled questions and our out-of-scope set through the real QAService."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluation.filings.scoring import FilingQuestion, load_questions
from evaluation.pdf_answers.questions import OURS, OutOfScope, from_page_labels, out_of_scope
from evaluation.pdf_answers.scoring import score_answerable, summarise
from evaluation.pdf_labels import load_labels
from qa_service.answering.service import QAService


def ask_all(
    service: QAService, answerable: Sequence[FilingQuestion], refusable: Sequence[OutOfScope]
) -> dict[str, Any]:
    """Ask every question once; return the summary, the per-question rows and the ms per answer."""
    start = time.perf_counter()
    floor = service.settings.cover_threshold  # the seed's gate alone, on the same answers: "before"
    rows = []
    for question in answerable:
        answer = service.ask(question.question)
        rows.append({**score_answerable(question, answer), "floor_admits": (answer.evidence or 0.0) >= floor})
    refused = []
    for item in refusable:
        answer = service.ask(item.question)
        row = {"question": item.question, "kind": item.kind, "covered": answer.covered}
        refused.append(
            {**row, "floor_admits": (answer.evidence or 0.0) >= floor, "answer": answer.text[:300]}
        )
    asked = max(1, len(rows) + len(refused))
    return {
        **summarise(rows, refused),
        "floor_only": {
            "answered": round(sum(r["floor_admits"] for r in rows) / max(1, len(rows)), 3),
            "refused": round(sum(not r["floor_admits"] for r in refused) / max(1, len(refused)), 3),
        },
        "chance_bar": service.gate.bar,
        "ms_per_answer": round(1e3 * (time.perf_counter() - start) / asked, 1),
        "per_question": rows,
        "out_of_scope_rows": refused,
    }


def report_pdf_answers(service: QAService, labels: Path) -> dict[str, Any]:
    """Score answers over the report PDF's index with its labels and our out-of-scope set, and our own
    answerable questions apart ("ours")."""
    document = service.documents()[0].id
    answerable, unanswerable = from_page_labels(load_labels(labels), document)
    refusable = out_of_scope("report_pdf") + [OutOfScope(q, "labelled_unanswerable") for q in unanswerable]
    ours, _ = from_page_labels(load_labels(OURS["report_pdf"]), document)
    return {**ask_all(service, answerable, refusable), "ours": ask_all(service, ours, [])}


def filings_answers(service: QAService, questions: Sequence[FilingQuestion]) -> dict[str, Any]:
    """Score answers over the filings index (its labelled questions) and our out-of-scope set, and our
    own answerable questions apart ("ours")."""
    ours = ask_all(service, load_questions(OURS["filings"]), [])
    return {**ask_all(service, questions, out_of_scope("filings")), "ours": ours}
