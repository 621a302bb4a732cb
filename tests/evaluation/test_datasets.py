"""BEIR loaders and ranking metrics against hand-computed values."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from evaluation.datasets import load_eval_set, read_qrels
from evaluation.ranking import mrr_at_k, ndcg_at_k, recall_at_k, score_run
from qa_service.errors import BadRequest


@pytest.fixture
def beir(tmp_path):
    corpus = [
        {"_id": "d1", "title": "Plans", "text": "Councils plan.", "doc": "a"},
        {"_id": "d2", "title": "", "text": "Partnerships grow.", "doc": "a"},
    ]
    queries = [
        {"_id": "q1", "text": "what plans?", "doc": "a", "answers": ["Councils plan"]},
        {"_id": "q2", "text": "unjudged", "doc": "a"},
    ]
    (tmp_path / "corpus.jsonl").write_text("\n".join(json.dumps(r) for r in corpus) + "\n")
    (tmp_path / "queries.jsonl").write_text("\n".join(json.dumps(r) for r in queries) + "\n")
    (tmp_path / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t1\n")
    return tmp_path


def test_loader_reads_corpus_queries_and_qrels(beir) -> None:
    loaded = load_eval_set(beir / "corpus.jsonl", beir / "queries.jsonl", beir / "qrels.tsv")
    assert [entry.text for entry in loaded.corpus] == ["Plans Councils plan.", "Partnerships grow."]
    assert [query.id for query in loaded.queries] == ["q1"]  # only judged queries
    assert loaded.queries[0].answers == ("Councils plan",)
    assert loaded.qrels == {"q1": {"d1": 2, "d2": 1}}
    assert loaded.scoped


def test_qrels_without_header_is_refused(tmp_path) -> None:
    (tmp_path / "q.tsv").write_text("q1\td1\t1\n")
    with pytest.raises(BadRequest):
        read_qrels(tmp_path / "q.tsv")


def test_ndcg_uses_graded_gain_and_ideal_from_qrels() -> None:
    grades = {"a": 2, "b": 1, "c": 1}
    dcg = 1 / math.log2(2) + 2 / math.log2(4)  # b at rank 1, a at rank 3
    ideal = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at_k(["b", "x", "a"], grades, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at_k(["a", "b", "c"], grades, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["x"], {"a": 0}, 10) == 0.0


def test_recall_and_mrr() -> None:
    grades = {"a": 1, "b": 1}
    assert recall_at_k(["x", "a", "y", "b"], grades, 1) == 0.0
    assert recall_at_k(["x", "a", "y", "b"], grades, 2) == 0.5
    assert recall_at_k(["x", "a", "y", "b"], grades, 10) == 1.0
    assert mrr_at_k(["x", "y", "b"], grades, 10) == pytest.approx(1 / 3)
    assert mrr_at_k(["x", "y", "b"], grades, 2) == 0.0


def test_score_run_averages_only_judged_queries() -> None:
    report = score_run({"q1": ["a"], "q2": ["b"], "q9": ["a"]}, {"q1": {"a": 1}, "q2": {"a": 1}})
    assert report["ndcg@10"] == 0.5 and report["recall@1"] == 0.5 and report["mrr@10"] == 0.5


def test_runner_scores_every_mode_over_a_tiny_set(beir, tmp_path, fake_encoder) -> None:
    from evaluation.runner import Retrievers, collect, passage_vectors, score_mode
    from qa_service.index.fusion import FusionConfig

    loaded = load_eval_set(beir / "corpus.jsonl", beir / "queries.jsonl", beir / "qrels.tsv")
    encoder = fake_encoder
    texts = [entry.text for entry in loaded.corpus]
    vectors = passage_vectors(texts, encoder, tmp_path / "cache", "tiny")
    assert len(list((tmp_path / "cache").glob("tiny-fake-*.npy"))) == 1
    retrievers = Retrievers(loaded, encoder, vectors, scoped=True)
    found = collect(retrievers)
    for mode in ("bm25", "dense", "hybrid"):
        report = score_mode(retrievers, found, mode, FusionConfig())
        assert report["ndcg@10"] > 0.5 and report["queries_per_s"] > 0
        assert report["top1_has_answer"] == 1.0
    assert "added_ms_p50" in score_mode(retrievers, found, "hybrid", FusionConfig())


def test_cli_needs_a_dataset_or_three_paths(runner) -> None:
    ran = runner("evaluate", "--corpus", "corpus.jsonl")
    assert ran.code == 2
    assert "--dataset" in ran.err
    assert runner.module("evaluate").parse(["--dataset", "policyqa"]).qrels.name == "dev.tsv"


def test_the_dataset_file_names_in_the_data_file_exist_in_the_shared_folder():
    from evaluation.datasets import BEIR, FILES
    from evaluation.suite import PDF_NAME

    shared = Path("/work/shared/eval")
    for name, files in BEIR.items():
        assert all((shared / name / path).is_file() for path in files.values()), name
    report = FILES["report_pdf"]
    assert (shared / report["folder"] / PDF_NAME).is_file()
    assert (shared / report["folder"] / report["labels"]).is_file()
