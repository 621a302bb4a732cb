"""The generated section of docs/evaluation.md: rendered from one run's results, replaced between markers."""

from __future__ import annotations

import json

from evaluation.markdown import BEGIN, END, render, replace_generated

MODE = {
    "ndcg@10": 0.5, "recall@1": 0.25, "recall@5": 0.5, "recall@10": 0.75, "recall@100": 1.0, "mrr@10": 0.4,
    "queries_per_s": 30.0, "p50_ms": 33.3,
}  # fmt: skip
PDF_ROW = {
    "question": "Is the lighthouse automated?", "covered": True, "labelled_pages": [3], "top5_pages": [3, 4],
    "cited_pages": [3], "pages_found": [3], "pages_cited": [3], "sentences": 1, "sentences_found": 1,
}  # fmt: skip
RESULTS = {
    "scifact": {"queries": 3, "bm25": MODE, "dense": MODE, "hybrid": {**MODE, "added_ms_p50": 0.6}},
    "policyqa": {
        "queries": 2,
        "bm25": {**MODE, "top1_has_answer": 0.5},
        "dense": {**MODE, "top1_has_answer": 0.5},
        "hybrid": {**MODE, "added_ms_p50": 0.5, "top1_has_answer": 0.5, "ndcg@10": 0.41},
    },
    "policyqa_answers": {
        "questions": 2,
        "documents": 1,
        "answer_has_gold": 0.5,
        "cited_has_gold": 1.0,
        "top5_has_gold": 1.0,
        "covered": 1.0,
        "answer_has_gold_when_covered": 0.5,
        "unverified_quotes": 0,
        "p50_ms": 20.0,
        "words_when_answered": 42.5,
    },  # fmt: skip
    "report_pdf": {
        "passages": 9,
        "page_recall@5": 1.0,
        "page_labels": 1,
        "sentence_recall@5": 1.0,
        "sentence_labels": 1,
        "sentences_in_index": 1.0,
        "question_page_hit@5": 1.0,
        "citation_page_hit": 1.0,
        "unanswerable_declined": "1/1",
        "per_question": [PDF_ROW],
    },  # fmt: skip
    "golden": {
        "questions": 4,
        "in_scope": 2,
        "recall@1": 0.5,
        "recall@3": 1.0,
        "recall@5": 1.0,
        "unverified_quotes": 0,
        "false_accept": 0.0,
        "false_reject": 0.5,
        "threshold": 0.32,
        "auc": 0.9,
    },  # fmt: skip
    "extractors": {
        "pages_read": "all",
        "documents": 2,
        "results": {
            "pypdfium2": {
                "pages": 40,
                "pages_per_s": 80.0,
                "pages_per_cpu_s": 90.0,
                "page_recall": 0.9,
                "page_recall_in_order": 0.8,
                "labelled": 10,
                "failures": [],
            },
        },
    },  # fmt: skip
    "filings": {
        "documents": 19,
        "passages": 18000,
        "questions": 29,
        "routed_exactly": 0.9,
        "variants": [
            {"variant": "header in vector and BM25", "page_hit@5": 0.5, "named_precision@5": 0.7},
            {"variant": "header + routing, boost 2.0", "page_hit@5": 0.61, "named_precision@5": 0.93},
        ],
        "naive": {"page_hit@5": 0.48, "named_precision@5": 0.6},
        "naive_windows": 20000,
        "shipped": "header + routing, boost 2.0",
        "route_boost": 2.0,
        "page_labels": {"pages": 1748, "right": 1700, "share": 0.9725},
    },
    "seconds": {"scifact": 10.0, "policyqa": 60.0},
}
RUN = {"date": "2030-01-01 00:00 UTC", "command": "python scripts/eval_all.py", "machine": "2 cores"}


def test_render_holds_every_table_with_this_runs_numbers() -> None:
    text = render(RESULTS, RUN)
    assert "2030-01-01 00:00 UTC" in text and "`python scripts/eval_all.py`" in text and "total 70 s" in text
    assert "| hybrid | 0.5000 | 0.2500 | 0.5000 | 0.7500 | 1.0000 | 0.4000 | 30.0 | 33.3 | 0.6 |" in text
    assert "| 0.500 | 1.000 | 1.000 | 1.000 | 0.500 | 42.5 | 0 | 20.0 |" in text  # extractive answers
    assert "| Is the lighthouse automated? | 3 | 3, 4 | 3 | 1/1 | True |" in text
    assert "**qa_service hybrid (this run)** | **0.500** | **0.410** |" in text
    assert "| pypdfium2 | 80.0 | 90.0 | 0.9 | 0.8 | 0 |" in text and "2 PDFs, 10 labelled" in text
    assert "of 1748 pages whose footer prints a running page number (pypdf's text), 1700 carry" in text


def test_replace_generated_keeps_the_hand_written_notes() -> None:
    document = f"# Evaluation\n\nintro\n\n{BEGIN}\n\nold table\n\n{END}\n\n## Tuning grid notes\n"
    updated = replace_generated(document, "new table")
    assert "old table" not in updated and "new table" in updated
    assert updated.startswith("# Evaluation\n\nintro\n\n") and updated.endswith("## Tuning grid notes\n")
    assert replace_generated(updated, "newer") == updated.replace("new table", "newer")


def test_replace_generated_appends_the_markers_once() -> None:
    updated = replace_generated("# Evaluation\n", "table")
    assert updated.count(BEGIN) == 1 and updated.count(END) == 1 and updated.startswith("# Evaluation")


def test_peer_figures_are_read_from_the_data_file_into_the_table(tmp_path):
    from evaluation.markdown import peers

    figures = tmp_path / "peers.json"
    figures.write_text(json.dumps({"peers": [{"system": "Other", "scifact": "0.5", "policyqa": "0.3"}]}))
    assert peers(figures) == [("Other", "0.5", "0.3")]
    shipped = peers()
    assert len(shipped) >= 3 and all(float(s) and float(p) for _, s, p in shipped)
    section = render(RESULTS, RUN)
    assert all(f"| {system} | {s} | {p} |" in section for system, s, p in shipped)


def test_render_shows_the_filings_variants_beside_the_naive_baseline() -> None:
    text = render(RESULTS, RUN)
    assert "| **header + routing, boost 2.0** | **0.61** | **0.93** |" in text
    assert "| naive baseline (pypdf page text, 80-word windows, dense only) | 0.48 | 0.6 |" in text
