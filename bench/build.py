"""Cold and incremental index builds of filings/ against the bare encoding floor, measured in one run.

`python -m bench.build [--source DIR] [--add PDF] [--sample N]`; figures go to .cache/bench/build.json.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.build_floor import floor, reading_rates
from bench.common import save

EVAL = Path(os.environ.get("QA_EVAL_DIR", "/work/shared/eval"))
FILINGS = EVAL / "filings" / "src"
ADDED = EVAL / "report-pdf" / "CT REIT 2022 ESG Report.pdf"


def main() -> None:
    """Build filings/ cold, add one PDF, then measure the floor and the reading pool on the same passages."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--source", type=Path, default=FILINGS)
    cli.add_argument("--first", type=int, default=0, help="only the first N documents (0 = all)")
    cli.add_argument("--add", type=Path, default=ADDED)
    cli.add_argument("--sample", type=int, default=600, help="passages for the floor and its sweeps")
    cli.add_argument("--read-docs", type=int, default=2, help="documents for the reading pool's pages/s")
    args = cli.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "src"
        source.mkdir()
        files = sorted(p for p in args.source.iterdir() if p.is_file())
        for path in files[: args.first or None]:
            shutil.copy(path, source / path.name)
        index_dir = Path(work) / "index"
        results = {"load_before": [round(x, 2) for x in load], "cores": len(os.sched_getaffinity(0))}
        results["cold"] = _timed_build(source, index_dir, force=True)
        results["peak_rss_mb"] = _peak_rss_mb()
        results["floor"] = floor(index_dir, args.sample)
        shutil.copy(args.add, source / args.add.name)
        results["add_one_pdf"] = _timed_build(source, index_dir)
        results["reading"] = reading_rates(source, docs=args.read_docs)
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    cold, bare = results["cold"], results["floor"]["int8_texts_per_s"]
    # the build's rate over the texts it had to embed, against bare encoding of a sample of them
    results["build_vs_floor"] = round(cold["embedded"] / cold["seconds"] / bare, 3)
    save("build", results)


def _timed_build(source: Path, index_dir: Path, *, force: bool = False) -> dict[str, object]:
    from qa_service.encoders import load_encoder
    from qa_service.ingest.build import build_index
    from qa_service.ingest.stream.pool import default_workers

    encoder = load_encoder("onnx-int8", threads=default_workers())
    cpu, started = time.process_time(), time.perf_counter()
    report = build_index(source, index_dir, encoder, force=force, progress=True)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": round(wall, 1),
        # CPU seconds of the builder (split, encode, write; parses run in the forkserver's children):
        # what it costs whatever else shares the cores
        "cpu_seconds": round(cpu, 1),
        "documents": report.documents,
        "read_documents": report.read_documents,
        "pages": report.pages,
        "passages": report.passages,
        "embedded": report.embedded,
        "reused": report.reused,
        "duplicates": report.duplicates,
        "stages": {name: round(seconds, 1) for name, seconds in report.stages.items()},
        "passages_per_s": round(report.passages / wall, 1),
        "pages_per_s": round(report.pages / wall, 2),
    }


def _peak_rss_mb() -> dict[str, float]:
    # reader children belong to the forkserver, so RUSAGE_CHILDREN never sees them: each is capped by
    # SandboxLimits.memory_mb of address space instead
    return {"builder": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


if __name__ == "__main__":
    main()
