"""The questions asked of a real corpus: labelled answerable ones, and out-of-scope ones of our own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.datasets import read_jsonl
from evaluation.filings.scoring import FilingQuestion
from evaluation.pdf_labels import PageLabel

DATA = Path(__file__).resolve().parents[1] / "data"
OUT_OF_SCOPE = {
    "report_pdf": DATA / "out_of_scope_report_pdf.jsonl",
    "filings": DATA / "out_of_scope_filings.jsonl",
}
KINDS = ("general", "near_domain", "absent_document", "coincidence")
# answerable questions of our own over the same PDFs, written after the rules of issue 19 were fixed (a
# held-out measure: 40 on the report PDF, 45 on the filings, each page checked against the PDF's text)
OURS = {
    "report_pdf": DATA / "answerable_report_pdf.jsonl",
    "filings": DATA / "answerable_filings.jsonl",
}


@dataclass(frozen=True)
class OutOfScope:
    """A question the corpus does not answer, and why it looks as if it might (its kind)."""

    question: str
    kind: str  # general | near_domain | absent_document | coincidence


def out_of_scope(corpus: str) -> list[OutOfScope]:
    """Read the out-of-scope set written for one corpus (evaluation/data/out_of_scope_<corpus>.jsonl)."""
    rows = [OutOfScope(row["question"], row["kind"]) for row in read_jsonl(OUT_OF_SCOPE[corpus])]
    unknown = {row.kind for row in rows} - set(KINDS)
    if unknown:
        raise ValueError(f"unknown out-of-scope kinds {sorted(unknown)} in {OUT_OF_SCOPE[corpus]}")
    return rows


def from_page_labels(labels: list[PageLabel], document_id: str) -> tuple[list[FilingQuestion], list[str]]:
    """Merge the report PDF's labels per question: answerable ones (pages, evidence) and unanswerable ones."""
    merged: dict[str, tuple[set[int], list[str]]] = {}
    for label in labels:
        pages, evidence = merged.setdefault(label.question, (set(), []))
        if label.page is not None:
            pages.add(label.page)
        if label.relevant:
            evidence.append(label.relevant)
    answerable = [
        FilingQuestion(document_id, question, frozenset(pages), tuple(evidence))
        for question, (pages, evidence) in merged.items()
        if pages
    ]
    return answerable, [question for question, (pages, _) in merged.items() if not pages]
