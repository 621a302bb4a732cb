"""scripts/evaluate.py's CLI over a tiny fictional BEIR set written to tmp_path: JSON metrics per mode."""

from __future__ import annotations

import json

import pytest

METRICS = {"ndcg@10", "recall@1", "recall@5", "recall@10", "recall@100", "mrr@10", "queries_per_s", "p50_ms"}
CORPUS = [  # fictional test data
    {"_id": "p1", "doc": "harbour", "title": "Ferries", "text": "The harbour ferry runs every hour."},
    {"_id": "p2", "doc": "harbour", "title": "", "text": "Moorings cost twelve crowns a night."},
    {"_id": "p3", "doc": "orchard", "title": "Apples", "text": "The orchard grows nine apple kinds."},
    {"_id": "p4", "doc": "orchard", "title": "", "text": "Pickers start at dawn in autumn."},
]
QUERIES = [
    {"_id": "q1", "doc": "harbour", "text": "How often does the ferry run?", "answers": ["every hour"]},
    {"_id": "q2", "doc": "orchard", "text": "When do pickers start?", "answers": ["at dawn"]},
    {"_id": "q3", "doc": "orchard", "text": "an unjudged question"},
]


@pytest.fixture
def cli(runner):
    return runner.module("evaluate")


@pytest.fixture
def beir(tmp_path) -> list[str]:
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(row) + "\n" for row in CORPUS))
    (tmp_path / "queries.jsonl").write_text("".join(json.dumps(row) + "\n" for row in QUERIES))
    (tmp_path / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\tp1\t1\nq2\tp4\t1\n")
    paths = ["--corpus", "corpus.jsonl", "--queries", "queries.jsonl", "--qrels", "qrels.tsv"]
    args = [str(tmp_path / value) if value.endswith(("jsonl", "tsv")) else value for value in paths]
    return args + ["--cache", str(tmp_path / "cache")]


def test_cli_prints_every_metric_per_mode(cli, beir, fake_encoder, capsys) -> None:
    assert cli.main(beir, encoder=fake_encoder) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["queries"] == 2 and report["scoped"] is True
    for mode in ("bm25", "dense", "hybrid"):
        assert report[mode].keys() >= METRICS
        assert 0.0 <= report[mode]["top1_has_answer"] <= 1.0 and 0.0 < report[mode]["ndcg@10"] <= 1.0
    assert report["bm25"]["ndcg@10"] == 1.0 and report["bm25"]["top1_has_answer"] == 1.0
    assert report["hybrid"]["added_ms_p50"] >= 0
    assert "grid" not in report


def test_cli_grid_and_mode_choice(cli, beir, fake_encoder, capsys) -> None:
    argv = [*beir, "--modes", "hybrid", "--grid", "--scope-by-doc", "off"]
    assert cli.main(argv, encoder=fake_encoder) == 0
    report = json.loads(capsys.readouterr().out)
    assert "bm25" not in report and "dense" not in report and report["scoped"] is False
    assert len(report["grid"]) == len(cli.tuning_grid(cli.FusionConfig()))
    assert {"config", "ndcg@10", "recall@100"} == set(report["grid"][0])


def test_cli_refuses_an_unknown_mode_and_a_bad_qrels(cli, beir, fake_encoder, capsys, tmp_path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*beir, "--modes", "dense,splade"], encoder=fake_encoder)
    assert exit_info.value.code == 2 and "splade" in capsys.readouterr().err
    (tmp_path / "qrels.tsv").write_text("q1\tp1\t1\n")
    assert cli.main(beir, encoder=fake_encoder) == 2
    assert "header" in capsys.readouterr().err


@pytest.mark.model
def test_cli_with_the_real_model(cli, beir, real_encoder, capsys) -> None:
    assert cli.main(beir, encoder=real_encoder) == 0
    report = json.loads(capsys.readouterr().out)
    for mode in ("bm25", "dense", "hybrid"):  # two passages per policy: the model ranks the right one first
        assert report[mode]["ndcg@10"] == 1.0 and report[mode]["top1_has_answer"] == 1.0


def test_eval_all_refuses_missing_data_and_summarises_a_run(tmp_path, capsys, runner) -> None:
    from tests.evaluation.test_eval_markdown import RESULTS

    eval_all = runner.module("eval_all")
    assert eval_all.main(["--shared", str(tmp_path / "nowhere")]) == 2
    assert "no evaluation data" in capsys.readouterr().err
    lines = eval_all.summary_lines(RESULTS)
    assert len(lines) == 7 and lines[0].startswith("SciFact nDCG@10") and "+0.6 ms" in lines[0]
    assert "unanswerable declined 1/1" in lines[3]
    assert lines[4] == "PDF extractors     pypdfium2 80.0 p/s recall 0.9"
    assert lines[5].startswith("Filings            page hit@5 0.61 (naive 0.48)")
