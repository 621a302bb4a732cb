"""/api/ask on real PDFs: latency against the fp32 and int8 floors, and wrk throughput, in one run.

Two corpora, each indexed by the real build (int8 encoder, every core) under .cache/bench/ and reused
while the sources and the code are unchanged: the report PDF + three filings, and all of filings/.
Per corpus, one process asks each question of report-pdf/ and filings/ in turn through four paths,
interleaved so the machine's load hits all alike: the fp32 floor (torch encode + FAISS search over the
same vectors), the int8 floor (ONNX encode + search), /api/ask in-process and /api/ask over HTTP
(gunicorn, 1 worker, bare-socket client); then wrk against 2 workers vs workers ÷ floor.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from bench.common import RESULTS, percentiles, post_raw, save, start_gunicorn, stop
from bench.latency import floor_call
from bench.throughput import rate_function

EVAL = Path(os.environ.get("QA_EVAL_DIR", "/work/shared/eval"))
REPORT = EVAL / "report-pdf" / "CT REIT 2022 ESG Report.pdf"
FILINGS = EVAL / "filings" / "src"
SMALL = ("BLOCK_2016_10K.pdf", "NIKE_2021_10K.pdf", "GENERALMILLS_2019_10K.pdf")
CORPORA = {
    "report + 3 filings": [REPORT, *(FILINGS / name for name in SMALL)],
    "filings/ (19)": sorted(FILINGS.glob("*.pdf")),
}
PATHS = ("floor_fp32", "floor_int8", "in_process", "http_raw")


def real_questions() -> list[str]:
    """Return the distinct questions of report-pdf/ and filings/ (real questions about these PDFs)."""
    files = (EVAL / "report-pdf" / "questions.jsonl", EVAL / "filings" / "questions.jsonl")
    rows = [json.loads(line) for path in files for line in path.read_text().splitlines() if line.strip()]
    return list(dict.fromkeys(row["question"] for row in rows))


def real_index(name: str, files: list[Path]) -> Path:
    """Build (or find up to date) the index of these files, linked into one source folder."""
    from qa_service.encoders import load_encoder
    from qa_service.ingest.build import build_index
    from qa_service.ingest.stream.pool import default_workers

    slug = "".join(c if c.isalnum() else "-" for c in name).strip("-")
    source, index = RESULTS / f"src-{slug}", RESULTS / f"index-{slug}"
    source.mkdir(parents=True, exist_ok=True)
    for path in files:
        link = source / path.name
        if not link.exists():
            link.symlink_to(path.resolve())
    encoder = load_encoder("onnx-int8", threads=default_workers())
    report = build_index(source, index, encoder, progress=False)
    print(f"{name}: {report.summary()}", flush=True)
    return index


def latency(index: Path, rounds: int) -> dict:
    """Interleave both floors, in-process and HTTP /api/ask per question; return percentiles and ratios."""
    from qa_service import create_app
    from qa_service.encoders import load_encoder

    env = {"QA_INDEX_DIR": str(index), "QA_QUERY_CACHE_SIZE": "0", "QA_DATA_DIR": str(RESULTS / "data")}
    app = create_app({k[3:]: v for k, v in env.items()} | {"RATELIMIT_ENABLED": False, "TESTING": True})
    service, client, port = app.extensions["qa"], app.test_client(), _port()
    vectors = service.retriever.index.vectors
    server = start_gunicorn(port, 1, env)
    calls = {
        "floor_fp32": floor_call(load_encoder("torch"), vectors),
        "floor_int8": floor_call(service.encoder, vectors),
        "in_process": lambda q: client.post("/api/ask", json={"question": q}).get_json(),
        "http_raw": lambda q: post_raw(port, q),
    }
    times: dict[str, list[float]] = {name: [] for name in PATHS}
    try:
        for question in real_questions()[:3]:  # warm every path
            for call in calls.values():
                call(question)
        for _ in range(rounds):
            for question in real_questions():
                for name, call in calls.items():
                    started = time.perf_counter()
                    call(question)
                    times[name].append(time.perf_counter() - started)
    finally:
        stop(server)
    result: dict = {name: percentiles(values) for name, values in times.items()}
    for name in ("in_process", "http_raw"):
        for floor in ("floor_fp32", "floor_int8"):
            result[f"{name}_over_{floor}_p50"] = round(result[name]["p50"] / result[floor]["p50"], 3)
    result["passages"] = len(service.retriever.passages)
    result["questions"] = len(real_questions())
    return result


def throughput(index: Path, floors: dict, workers: int, seconds: float) -> dict:
    """Return wrk answers/s at 2 and 8 connections against workers ÷ each floor (from `latency`)."""
    env = {"QA_INDEX_DIR": str(index), "QA_QUERY_CACHE_SIZE": "0"}
    port = _port()
    server = start_gunicorn(port, workers, env)
    try:
        for question in real_questions()[:4]:
            post_raw(port, question)
        generator, measure = rate_function(real_questions())
        rates = {str(c): round(measure(port, c, seconds), 1) for c in (2, 8)}
    finally:
        stop(server)
    best = max(rates.values())
    ideal = {name: round(workers / (floors[name]["p50"] / 1e3), 1) for name in ("floor_fp32", "floor_int8")}
    ratios = {name: round(best / rate, 3) for name, rate in ideal.items()}
    return {
        "workers": workers,
        "load_generator": generator,
        "rps": rates,
        "ideal_rps": ideal,
        "ratio": ratios,
    }


def _port() -> int:
    from bench.common import free_port

    return free_port()


def main() -> None:
    """Build or reuse each corpus's index, then measure latency and throughput per corpus."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--rounds", type=int, default=2)
    cli.add_argument("--seconds", type=float, default=8)
    cli.add_argument("--only", default=",".join(CORPORA), help="corpus names, comma-separated")
    args = cli.parse_args()
    saved = RESULTS / "real_corpus.json"  # --only refreshes some corpora and keeps the others' figures
    results = json.loads(saved.read_text()) if saved.exists() else {}
    for name in args.only.split(","):
        index = real_index(name, CORPORA[name])
        measured = latency(index, args.rounds)
        measured["throughput"] = throughput(index, measured, 2, args.seconds)
        results[name] = measured
        print(
            f"{name}: ask p50 {measured['in_process']['p50']} ms, fp32 floor {measured['floor_fp32']['p50']} "
            f"ms, ratio {measured['in_process_over_floor_fp32_p50']}",
            flush=True,
        )
    save("real_corpus", results)


if __name__ == "__main__":
    main()


def section(results: dict) -> str:
    """Return the markdown of the real-corpus latency and throughput tables (for bench/report.py)."""
    from evaluation.tables import markdown_table

    rows, rates = [], []
    for corpus, r in results.items():
        for path in PATHS:
            fp32 = r[f"{path}_over_floor_fp32_p50"] if path in ("in_process", "http_raw") else ""
            ratio = f"{fp32}x" if fp32 != "" else ("1.0x" if path == "floor_fp32" else "")
            rows.append([corpus, r["passages"], path, r[path]["p50"], r[path]["p95"], ratio])
        t = r["throughput"]
        best = max(t["rps"].values())
        rates.append(
            [
                corpus,
                t["workers"],
                *t["rps"].values(),
                best,
                t["ideal_rps"]["floor_fp32"],
                f"{t['ratio']['floor_fp32']}",
                t["ideal_rps"]["floor_int8"],
                f"{t['ratio']['floor_int8']}",
            ]
        )
    latency = markdown_table(["corpus", "passages", "path", "p50 ms", "p95 ms", "p50 / fp32 floor"], rows)
    header = [
        "corpus",
        "workers",
        "2 conn /s",
        "8 conn /s",
        "best /s",
        "workers ÷ fp32 floor /s",
        "best / that",
        "workers ÷ int8 floor /s",
        "best / that",
    ]
    notes = (Path(__file__).with_suffix(".md")).read_text(encoding="utf-8").split("-->", 1)[-1].strip()
    return latency + "\n\n" + markdown_table(header, rates) + "\n\n" + notes
