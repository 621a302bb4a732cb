"""Whole-answer scoring over real PDFs: cited page, quoted evidence, refusals; our out-of-scope sets."""

import pytest

from evaluation.filings.scoring import FilingQuestion
from evaluation.pdf_answers.questions import KINDS, from_page_labels, out_of_scope
from evaluation.pdf_answers.scoring import quote_holds_evidence, score_answerable, summarise
from evaluation.pdf_labels import PageLabel
from qa_service.models import Answer, Citation, Hit, Passage


def passage(pid, page, text):
    return Passage(pid, "doc", "Doc", "report", (), 0, len(text), text, page=page)


QUESTION = FilingQuestion(
    "doc", "What were capital expenditures?", frozenset({7}), ("Capex was $1.5 billion in 2021.",)
)
RIGHT = passage("a", 7, "Capex was $1.5 billion in 2021. Sales rose.")
WRONG = passage("b", 3, "Our strategy is growth.")


def answer(covered, cited, hits):
    citations = tuple(Citation(1, p, p.text.split(". ")[0]) for p in cited)
    return Answer("q", "text", covered, citations, tuple(Hit(p, 1.0) for p in hits), "v1")


def test_an_answer_citing_the_labelled_page_with_the_evidence_scores_both():
    row = score_answerable(QUESTION, answer(True, [RIGHT], [WRONG, RIGHT]))
    assert row["passage_hit@5"] and row["answer_page_hit"] and row["quote_holds_evidence"]


def test_an_answer_citing_another_page_misses_though_retrieval_found_it():
    row = score_answerable(QUESTION, answer(True, [WRONG], [WRONG, RIGHT]))
    assert row["passage_hit@5"] and not row["answer_page_hit"] and not row["quote_holds_evidence"]


def test_a_declined_answer_hits_nothing():
    row = score_answerable(QUESTION, answer(False, [], [RIGHT]))
    assert not row["covered"] and not row["answer_page_hit"]


@pytest.mark.parametrize(
    ("quote", "holds"),
    [
        ("Capex was $1.5 billion in 2021.", True),
        ("In 2021 capex was $1.5 billion, up from 2020.", True),
        ("2021", False),  # too short to tell
        ("Our strategy is growth in every market.", False),
    ],
)
def test_a_quote_holds_evidence_when_most_words_are_shared(quote, holds):
    assert quote_holds_evidence(quote, "Capex was $1.5 billion in 2021.") is holds


def test_summary_reports_shares_and_refusals_by_kind():
    rows = [score_answerable(QUESTION, answer(True, [RIGHT], [RIGHT]))]
    rows.append(score_answerable(QUESTION, answer(True, [WRONG], [RIGHT])))
    refused = [{"kind": "general", "covered": False}, {"kind": "coincidence", "covered": True}]
    summary = summarise(rows, refused)
    assert summary["answered"] == 1.0 and summary["answer_page_hit"] == 0.5
    assert summary["answer_to_passage"] == 0.5 and summary["refused"] == 0.5
    assert summary["refused_by_kind"] == {"general": 1.0, "coincidence": 0.0}


@pytest.mark.parametrize("corpus", ["report_pdf", "filings"])
def test_each_real_corpus_has_at_least_100_out_of_scope_questions_of_every_kind(corpus):
    questions = out_of_scope(corpus)
    assert len(questions) >= 100
    assert {q.kind for q in questions} == set(KINDS)
    assert len({q.question for q in questions}) == len(questions)


def test_report_labels_merge_per_question_and_keep_the_unanswerable_apart():
    labels = [PageLabel("Q1", "a", 9), PageLabel("Q1", "b", 10), PageLabel("Q2", None, None)]
    answerable, unanswerable = from_page_labels(labels, "doc")
    assert [(q.question, q.pages) for q in answerable] == [("Q1", frozenset({9, 10}))]
    assert unanswerable == ["Q2"]


def test_our_answerable_questions_each_name_a_page_and_evidence():
    from evaluation.filings.scoring import load_questions
    from evaluation.pdf_answers.questions import OURS
    from evaluation.pdf_labels import load_labels

    filings = load_questions(OURS["filings"])
    report, unanswerable = from_page_labels(load_labels(OURS["report_pdf"]), "doc")
    assert (len(filings), len(report), unanswerable) == (45, 40, [])
    assert all(q.pages and all(q.evidence) for q in [*filings, *report])
    stems = {q.document_id for q in filings}
    assert len(stems) >= 12  # spread over the filings, not one document
