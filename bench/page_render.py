"""Page images for evidence: cold render (sandboxed pdfium + layout + WebP + disk cache) and warm reads.

`python -m bench.page_render` (run it under `nice` on a shared machine). Per page of the report PDF and
of one 10-K: cold = PageImages.page() on an empty cache, the production path (a forkserver child with
CPU and memory caps renders the page and lays out its characters; the parent writes both files);
warm = the same call again (a cache hit: the image path and the layout read back). The quote boxes of
every sentence on a page are then located from the warm layout. Memory: peak RSS of a process that
renders every page in-process (what one sandbox child holds at most) and the disk the cache takes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import percentiles, save

SHARED = Path("/work/shared/eval")
DOCUMENTS = {
    "report PDF (34 pages)": SHARED / "report-pdf" / "CT REIT 2022 ESG Report.pdf",
    "10-K (3M 2018)": SHARED / "filings" / "src" / "3M_2018_10K.pdf",
}
WIDTH = 1240


def measure(path: Path, pages: int) -> dict:
    """Return cold and warm percentiles per page, quote location time, cache size, for one PDF."""
    from qa_service.ingest.corpus import describe
    from qa_service.ingest.pages.align import locate
    from qa_service.ingest.pages.cache import PageCache
    from qa_service.ingest.pages.files import SourceFile, Verifier
    from qa_service.ingest.pages.images import PageImages
    from qa_service.ingest.pages.layout import document_facts

    count = min(document_facts(path).pages, pages)
    with tempfile.TemporaryDirectory(prefix="qa-bench-pages-") as tmp:
        source = Path(tmp) / "docs"
        source.mkdir()
        (source / path.name).symlink_to(path)
        meta = describe(source / path.name, source, title=path.stem)
        file = SourceFile(meta.id, path.stem, "report", None, source / path.name, meta.checksum)
        renderer = PageImages(PageCache(Path(tmp) / "cache", 10**10), Verifier(source), WIDTH)
        renderer.page(file, 1)  # the forkserver starts once per worker: not a page's cost
        shutil.rmtree(Path(tmp) / "cache")
        cold, warm, locating = [], [], []
        for number in range(1, count + 1):
            start = time.perf_counter()
            renderer.page(file, number)
            cold.append(time.perf_counter() - start)
        for number in range(1, count + 1):
            start = time.perf_counter()
            shown = renderer.page(file, number)
            warm.append(time.perf_counter() - start)
            text = shown.layout.text[: len(shown.layout.text) // 2]
            start = time.perf_counter()
            locate(text[-200:], text[:-200], [(number, shown.layout)])
            locating.append(time.perf_counter() - start)
        disk = sum(f.stat().st_size for f in (Path(tmp) / "cache").iterdir())
    return {
        "pages": count,
        "cold_ms": percentiles(cold),
        "warm_ms": percentiles(warm),
        "locate_ms": percentiles(locating),
        "cache_kb_per_page": round(disk / count / 1024, 1),
    }


def in_process(path: Path, pages: int) -> dict:
    """Return the CPU time of one page's work (render, layout, WebP) and the peak RSS it needs (MB)."""
    from qa_service.ingest.pages.layout import document_facts, render_page

    cpu = []
    for number in range(1, min(document_facts(path).pages, pages) + 1):
        start = time.process_time()
        render_page(path, page=number, width=WIDTH)
        cpu.append(time.process_time() - start)
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return {"cpu_ms": percentiles(cpu), "peak_rss_mb": peak}


def sandbox_round_trip(path: Path, rounds: int = 20) -> dict:
    """Return the wall time of a sandboxed task that does nothing: the child's fork, caps and pipe."""
    from qa_service.ingest.sandbox import run_safely

    run_safely(Path.exists, path)  # the forkserver starts once
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run_safely(Path.exists, path)
        times.append(time.perf_counter() - start)
    return percentiles(times)


def main() -> None:
    """Measure each document present; save .cache/bench/page_render.json."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--pages", type=int, default=40, help="pages per document, from the first")
    args = cli.parse_args()
    results: dict = {"load_average_at_start": [round(x, 1) for x in os.getloadavg()]}
    for name, path in DOCUMENTS.items():
        if path.exists():
            results[name] = measure(path, args.pages)
            r = results[name]
            print(f"{name}: cold p50 {r['cold_ms']['p50']} ms, p95 {r['cold_ms']['p95']} ms; "
                  f"warm p50 {r['warm_ms']['p50']} ms; {r['cache_kb_per_page']} KB/page")  # fmt: skip
    report = DOCUMENTS["report PDF (34 pages)"]
    if report.exists():
        results["in_process (report PDF)"] = in_process(report, args.pages)
        results["sandbox_round_trip_ms"] = sandbox_round_trip(report)
    results["load_average"] = [round(x, 1) for x in os.getloadavg()]
    results["cores"] = os.cpu_count()
    save("page_render", results)


if __name__ == "__main__":
    main()
