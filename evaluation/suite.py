"""Run every benchmark in one go: BEIR sets per retrieval mode, PolicyQA answers, report PDF, golden set."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from evaluation.answers import extractive_report, indexed_service, write_documents
from evaluation.calibration import load_questions, outcomes_over, summary
from evaluation.datasets import FILES, EvalSet, load_dataset
from evaluation.extractors import run_extractors
from evaluation.filings.run import filings_report
from evaluation.ocr import cached_scan, ocr_report
from evaluation.pdf_answers.run import report_pdf_answers
from evaluation.pdf_labels import evaluate_labels, load_labels
from evaluation.quotes.scoring import quote_report
from evaluation.runner import MODES, Retrievers, collect, grid, passage_vectors, score_mode
from qa_service.index.fusion import FusionConfig

REPORT_PDF: dict[str, str] = FILES["report_pdf"]  # folder, document and labels file names
PDF_NAME = REPORT_PDF["document"]
DEFAULT_FUSION = FusionConfig()


@dataclass(frozen=True)
class SuitePaths:
    """Where the evaluation data is read in place and where caches (vectors, indexes) live."""

    shared: Path  # ../shared/eval
    cache: Path  # .cache/eval
    golden: Path  # tests/data/golden.jsonl
    default_corpus: Path  # source_docs


def beir_report(
    eval_set: EvalSet,
    encoder: Any,
    cache: Path,
    name: str,
    *,
    scoped: bool,
    fusion: FusionConfig = DEFAULT_FUSION,
    modes: Sequence[str] = MODES,
    grid_configs: Iterable[FusionConfig] = (),
) -> dict[str, Any]:
    """Score each retrieval mode (and optionally a fusion grid) over one BEIR set."""
    vectors = passage_vectors([entry.text for entry in eval_set.corpus], encoder, cache, name)
    retrievers = Retrievers(eval_set, encoder, vectors, scoped)
    found = collect(retrievers)
    report: dict[str, Any] = {"dataset": name, "queries": len(eval_set.queries), "scoped": scoped}
    report["fusion"] = asdict(fusion)
    for mode in modes:
        report[mode] = score_mode(retrievers, found, mode, fusion)
    configs = list(grid_configs)
    if configs:
        report["grid"] = [_grid_row(row) for row in grid(retrievers, found, configs)]
    return report


def policyqa_answers(paths: SuitePaths, encoder: Any, limit: int | None = None) -> dict[str, Any]:
    """Index PolicyQA's policies as documents and ask every question within its own policy."""
    eval_set = load_dataset(paths.shared, "policyqa", limit)
    with tempfile.TemporaryDirectory(prefix="qa-eval-policyqa-") as tmp:
        ids = write_documents(eval_set, Path(tmp))
        service = indexed_service(Path(tmp), paths.cache / "index-policyqa", encoder)
        return {"documents": len(ids), **extractive_report(service, eval_set, ids)}


def report_pdf(paths: SuitePaths, encoder: Any) -> dict[str, Any]:
    """Index the report PDF through the real ingestion path (a symlink, nothing copied) and score it."""
    folder = paths.shared / REPORT_PDF["folder"]
    with tempfile.TemporaryDirectory(prefix="qa-eval-pdf-") as tmp:
        (Path(tmp) / PDF_NAME).symlink_to((folder / PDF_NAME).resolve())
        service = indexed_service(Path(tmp), paths.cache / "index-report-pdf", encoder)
        passages = len(service.retriever.passages)
        labels = folder / REPORT_PDF["labels"]
        answers = report_pdf_answers(service, labels)  # our out-of-scope set beside the labelled questions
        return {"passages": passages, **evaluate_labels(service, load_labels(labels)), "answers": answers}


def report_pdf_scanned(paths: SuitePaths, encoder: Any) -> dict[str, Any]:
    """Index a scanned copy of the report PDF (200 dpi page images, no text) through OCR and score it."""
    folder = paths.shared / REPORT_PDF["folder"]
    scan = cached_scan(folder / PDF_NAME, paths.cache)
    with tempfile.TemporaryDirectory(prefix="qa-eval-scan-") as tmp:
        (Path(tmp) / PDF_NAME).symlink_to(scan.resolve())
        started = time.perf_counter()
        service = indexed_service(Path(tmp), paths.cache / "index-report-pdf-scanned", encoder)
        built = time.perf_counter() - started  # ~0 when the cached index is already up to date
        passages = service.retriever.passages
        scored = evaluate_labels(service, load_labels(folder / REPORT_PDF["labels"]))
    ocr_pages = len({p.page for p in passages if p.ocr})
    return {
        "passages": len(passages),
        "ocr_pages": ocr_pages,
        "build_seconds": round(built, 1),
        "ocr": ocr_report(folder / PDF_NAME),
        **scored,
    }


def golden(questions: Path, corpus: Path, encoder: Any, threshold: float) -> dict[str, Any]:
    """Run a golden question set over one corpus folder and summarise it at the threshold."""
    return summary(outcomes_over([corpus], load_questions(questions), encoder), threshold)


def run_suite(
    paths: SuitePaths,
    encoder: Any,
    threshold: float,
    limit: int | None = None,
    filings: int | None = None,
    only: Collection[str] = (),
) -> dict[str, Any]:
    """Run every benchmark once and return all results with the seconds each took (filings: first N PDFs;
    only: just these steps, a trial)."""
    results: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    steps = {
        "scifact": lambda: _beir(paths, encoder, "scifact", limit),
        "policyqa": lambda: _beir(paths, encoder, "policyqa", limit),
        "policyqa_answers": lambda: policyqa_answers(paths, encoder, limit),
        "report_pdf": lambda: report_pdf(paths, encoder),
        "report_pdf_scanned": lambda: report_pdf_scanned(paths, encoder),
        "golden": lambda: golden(paths.golden, paths.default_corpus, encoder, threshold),
        "extractors": lambda: run_extractors(paths.shared),  # PDF extractors: pages/s, page recall
        "quote_check": lambda: quote_report(paths.shared, paths.default_corpus, paths.cache, encoder),
        "filings": lambda: filings_report(paths.shared / "filings", paths.cache, filings),
    }
    for name, step in steps.items():
        if only and name not in only:
            continue
        start = time.perf_counter()
        results[name] = step()
        seconds[name] = round(time.perf_counter() - start, 1)
    results["seconds"] = seconds
    return results


def _beir(paths: SuitePaths, encoder: Any, name: str, limit: int | None) -> dict[str, Any]:
    eval_set = load_dataset(paths.shared, name, limit)
    return beir_report(eval_set, encoder, paths.cache, name, scoped=eval_set.scoped)


def _grid_row(row: dict) -> dict:
    config = row.pop("config")
    return {"config": asdict(config), "ndcg@10": row["ndcg@10"], "recall@100": row["recall@100"]}
