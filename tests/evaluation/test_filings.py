"""Filings scoring: page hit@5 (own document and page, or most of the evidence), named-doc precision."""

import json

from evaluation.filings.naive import WINDOW_WORDS, windows
from evaluation.filings.scoring import FilingQuestion, holds_evidence, load_questions, page_hit, summarise
from qa_service.models import Passage

QUESTION = FilingQuestion(
    "acme-2021-10k", "What was ACME's 2021 revenue?", frozenset({12}), ("Revenue was 5 m",)
)


def passage(document: str, page: int, text: str = "unrelated words") -> Passage:
    return Passage(f"{document}-{page}", document, document, "report", (), 0, len(text), text, page=page)


def test_a_hit_needs_the_questions_own_document_on_its_page():
    assert page_hit(QUESTION, [passage("other", 12), passage("acme-2021-10k", 12)])
    assert not page_hit(QUESTION, [passage("acme-2019-10k", 12), passage("acme-2021-10k", 13)])


def test_a_passage_holding_most_evidence_words_counts_on_any_page():
    assert page_hit(QUESTION, [passage("acme-2021-10k", 40, "In 2021 revenue was 5 m dollars")])
    assert not holds_evidence("revenue", "Revenue was 5 m")


def test_summary_shares():
    tops = [
        [
            passage("acme-2021-10k", 12),
            passage("other", 1),
            passage("other", 2),
            passage("x", 3),
            passage("y", 4),
        ]
    ]
    assert summarise([QUESTION], tops) == {"page_hit@5": 1.0, "named_precision@5": 0.2}


def test_evidence_rows_of_one_question_are_merged(tmp_path):
    rows = [
        {"report": "ACME_2021_10K", "question": "q?", "relevant": "a", "page": 3},
        {"report": "ACME_2021_10K", "question": "q?", "relevant": "b", "page": 4},
    ]
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    (merged,) = load_questions(path)
    assert merged.document_id == "acme-2021-10k" and merged.pages == {3, 4} and merged.evidence == ("a", "b")


def test_naive_windows_are_80_words_per_page():
    found = windows("doc", [" ".join(["w"] * (WINDOW_WORDS + 5)), "short page"])
    assert [(w.page, len(w.text.split())) for w in found] == [(1, WINDOW_WORDS), (1, 5), (2, 2)]
