"""Run every benchmark once (SciFact, PolicyQA retrieval and answers, report PDF, golden set) and
write the benchmark table into docs/evaluation.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

# evaluation/ is a top-level folder beside scripts/ (not in the wheel): run from a checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.markdown import render, replace_generated  # noqa: E402
from evaluation.suite import SuitePaths, run_suite  # noqa: E402
from qa_service.config import DEFAULTS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    cli.add_argument("--cache", type=Path, default=ROOT / ".cache" / "eval")
    cli.add_argument("--doc", type=Path, default=ROOT / "docs" / "evaluation.md")
    cli.add_argument("--limit", type=int, help="first N judged queries per BEIR set (a trial; no doc)")
    cli.add_argument("--no-write", action="store_true", help="print results, leave the doc alone")
    cli.add_argument("--filings-documents", type=int, help="only the first N filings PDFs (a trial)")
    cli.add_argument(
        "--only", nargs="+", default=(), help="only these steps, e.g. report_pdf filings (a trial)"
    )
    return cli.parse_args(argv)


def machine_note(load_at_start: float) -> str:
    """Describe the machine and how busy it was, since other engineers' jobs share its cores."""
    model = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), "CPU"
    )
    import torch

    return (
        f"{os.cpu_count()} cores ({model}), shared with other engineers' jobs — 1-min load average "
        f"{load_at_start:.1f} at start, {os.getloadavg()[0]:.1f} at end; Python {platform.python_version()}, "
        f"torch {torch.__version__} (1 thread), fp32 encoder for passages and questions "
        "(filings: int8 ONNX, 2 threads, for passages, windows and questions alike)"
    )


def summary_lines(results: dict) -> list[str]:
    """Return the headline numbers, one line per benchmark that ran."""
    lines = {
        "scifact": lambda r: _ndcg_line("SciFact", r),
        "policyqa": lambda r: _ndcg_line("PolicyQA", r),
        "policyqa_answers": lambda r: (
            f"PolicyQA answers   gold span in answer {r['answer_has_gold']:.3f}, in cited passages "
            f"{r['cited_has_gold']:.3f}, answered {r['covered']:.3f} ({r['questions']} questions)"
        ),
        "report_pdf": lambda r: (
            f"Report PDF         page R@5 {r['page_recall@5']}, sentence R@5 {r['sentence_recall@5']}, "
            f"cites a labelled page {r['citation_page_hit']}, "
            f"unanswerable declined {r['unanswerable_declined']}"
        ),
        "report_pdf_scanned": _scanned_line,
        "extractors": _extractors_line,
        "filings": _filings_line,
        "golden": lambda r: (
            f"Golden set         R@3 {r['recall@3']}, unverified quotes {r['unverified_quotes']}, "
            f"false accept {r['false_accept']:.3f}, false reject {r['false_reject']:.3f}"
        ),
        "quote_check": _quote_line,
    }
    found = [line(results[step]) for step, line in lines.items() if step in results]
    return found + _answer_lines(results)


def _scanned_line(report: dict) -> str:
    ocr = report["ocr"]
    return (
        f"Report PDF scanned page R@5 {report['page_recall@5']}, OCR pages {report['ocr_pages']}, "
        f"char accuracy {ocr['char_accuracy']}, {ocr['pages_per_second']} pages/s"
    )


def _answer_lines(results: dict) -> list[str]:
    names = ("Report PDF", "Filings")
    corpora = list(
        zip(
            names,
            [results.get("report_pdf", {}).get("answers"), results.get("filings", {}).get("answers")],
            strict=True,
        )
    )
    return [
        f"{name + ' answers':<19}answered {r['answered']}, answer page hit {r['answer_page_hit']} "
        f"(passages {r['passage_page_hit@5']}), quotes hold evidence {r['quote_holds_evidence']}, "
        f"out of scope refused {r['refused']} of {r['out_of_scope']}"
        for name, r in corpora
        if r
    ]


def _quote_line(report: dict) -> str:
    kinds = report["kinds"]
    verdicts = ", ".join(f"{kind} {100 * row['verdict']:.0f} %" for kind, row in kinds.items())
    return f"Quote check       verdict right: {verdicts}; exact on the right page {kinds['exact']['page']}"


def main(argv: list[str] | None = None) -> int:
    """Run the suite, write the doc's generated section and JSON results, print the summary."""
    args = parse(argv)
    if not args.shared.is_dir():
        print(f"error: no evaluation data at {args.shared}", file=sys.stderr)
        return 2
    load = os.getloadavg()[0]
    from qa_service.encoders.torch import Encoder  # loads torch

    paths = SuitePaths(args.shared, args.cache, ROOT / "tests/data/golden.jsonl", ROOT / "source_docs")
    threshold = float(DEFAULTS["COVER_THRESHOLD"])  # type: ignore[arg-type]
    results = run_suite(paths, Encoder(), threshold, args.limit, args.filings_documents, args.only)
    args.cache.mkdir(parents=True, exist_ok=True)
    (args.cache / "last-run.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    if not (args.no_write or args.limit or args.only):
        date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        run = {"date": date, "command": "python scripts/eval_all.py", "machine": machine_note(load)}
        args.doc.write_text(replace_generated(args.doc.read_text(encoding="utf-8"), render(results, run)))
    print("\n".join(summary_lines(results)))
    unverified = sum(
        results.get(step, {}).get("unverified_quotes", 0) for step in ("golden", "policyqa_answers")
    )
    unverified += sum(r["unverified_quotes"] for r in _answer_reports(results))
    return 1 if unverified else 0  # a quote that is not in its passage is a defect, never a statistic


def _answer_reports(results: dict) -> list[dict]:
    found = [results.get("report_pdf", {}).get("answers"), results.get("filings", {}).get("answers")]
    return [report for report in found if report]


def _ndcg_line(name: str, report: dict) -> str:
    modes = "  ".join(f"{mode} {report[mode]['ndcg@10']:.4f}" for mode in ("bm25", "dense", "hybrid"))
    return f"{name + ' nDCG@10':<18}{modes} (+{report['hybrid']['added_ms_p50']} ms)"


def _extractors_line(report: dict) -> str:
    figures = ", ".join(
        f"{name.split()[0]} {r['pages_per_s']} p/s recall {r['page_recall']}"
        for name, r in report["results"].items()
    )
    return f"PDF extractors     {figures}"


def _filings_line(report: dict) -> str:
    labels = report.get("page_labels")
    shipped = next(row for row in report["variants"] if row["variant"] == report["shipped"])
    naive = report["naive"]
    return (
        f"Filings            page hit@5 {shipped['page_hit@5']} (naive {naive['page_hit@5']}), named-doc "
        f"precision@5 {shipped['named_precision@5']} (naive {naive['named_precision@5']}), "
        f"{report['documents']} PDFs, {report['questions']} questions"
        + (
            f"; printed page labels {labels['share']} of {labels['pages']} footer-numbered pages"
            if labels
            else ""
        )
    )


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return []


if __name__ == "__main__":
    sys.exit(main())
