"""Scoring answers against page and sentence labels (fictional passages), and the PDF path end to end."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from evaluation.pdf_labels import (
    PageLabel,
    contains_sentence,
    label_parts,
    load_labels,
    score_answer,
    summarise,
)
from qa_service.models import Answer, Citation, Hit, Passage

sys.path.insert(0, str(Path(__file__).parents[1]))
from fixtures.make_docs import make_pdf  # noqa: E402


def passage(pid: str, page: int, text: str) -> Passage:
    return Passage(pid, "doc", "Doc", "report", (), 0, len(text), text, page=page)


def test_label_parts_split_elisions_and_glued_sentences() -> None:
    label = "Bridges are painted blue. [...] Tolls end in May.Ferries stay free"
    assert label_parts(label) == ["Bridges are painted blue.", "Tolls end in May.", "Ferries stay free"]


def test_contains_sentence_exact_fuzzy_and_not_scattered() -> None:
    text = "The canal  authority repaints every lock-gate\nin spring, weather permitting, and in autumn."
    assert contains_sentence(text, "The canal authority repaints every lock-gate in spring,")
    # a hyphen lost and one word changed by extraction: 8 of 9 words still in order
    assert contains_sentence(text, "The canal authority repaints every lock gate in early spring")
    assert not contains_sentence(text, "The mayor in spring and the canal in autumn were weather")
    assert not contains_sentence(text, "")


def test_score_and_summarise_count_pages_sentences_citations_and_refusals() -> None:
    on_page_4 = passage("p4", 4, "Lanterns are lit at dusk. Keepers log each one.")
    on_page_9 = passage("p9", 9, "The lighthouse has 112 steps.")
    answered = Answer(
        "When are lanterns lit?",
        "“Lanterns are lit at dusk.” [1]",
        True,
        (Citation(1, on_page_4, "Lanterns are lit at dusk."),),
        (Hit(on_page_9, 0.9), Hit(on_page_4, 0.8)),
        "v1",
    )
    labels = [
        PageLabel("When are lanterns lit?", "Lanterns are lit at dusk.", 4),
        PageLabel("When are lanterns lit?", "Keepers sleep at noon.", 12),
    ]
    row = score_answer(answered, labels, [on_page_4, on_page_9])
    assert row["pages_found"] == [4] and row["pages_cited"] == [4] and row["top5_pages"] == [9, 4]
    assert (row["sentences"], row["sentences_found"], row["sentences_indexed"]) == (2, 1, 1)
    declined = Answer("Who paints the moon?", "…", False, (), (Hit(on_page_9, 0.1),), "v1")
    refused = score_answer(declined, [PageLabel("Who paints the moon?", None, None)])
    totals = summarise([row, refused])
    assert totals["page_recall@5"] == 0.5 and totals["sentence_recall@5"] == 0.5
    assert totals["citation_page_hit"] == 1.0 and totals["unanswerable_declined"] == "1/1"
    assert totals["answerable"] == 1 and totals["sentences_in_index"] == 0.5


@pytest.mark.model
def test_report_pdf_goes_through_ingestion_by_symlink(tmp_path, real_encoder) -> None:
    from evaluation.suite import PDF_NAME, SuitePaths, report_pdf

    shared = tmp_path / "shared" / "report-pdf"
    shared.mkdir(parents=True)
    make_pdf(  # fictional pages
        shared / PDF_NAME,
        [
            ["The Fennick Bay lighthouse was automated in 1994."],
            ["Visitors may climb the tower on Saturdays from April to October."],
        ],
    )
    rows = [
        {"question": "When was the lighthouse automated?", "relevant": "automated in 1994", "page": 1},
        {"question": "What is the price of cheese on Mars?", "relevant": None, "page": None},
    ]
    (shared / "questions.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    assert [label.page for label in load_labels(shared / "questions.jsonl")] == [1, None]
    paths = SuitePaths(tmp_path / "shared", tmp_path / "cache", tmp_path / "unused", tmp_path / "unused")
    report = report_pdf(paths, real_encoder)
    assert report["passages"] == 2 and report["page_recall@5"] == 1.0 and report["sentence_recall@5"] == 1.0
    assert report["citation_page_hit"] == 1.0 and report["unanswerable_declined"] == "1/1"
    assert not list((tmp_path / "cache").rglob("*.pdf"))  # the index holds passages, never the PDF
