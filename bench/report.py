"""Turn the saved benchmark results into docs/performance.md tables and a latency plot."""

from __future__ import annotations

from pathlib import Path

from bench import real_corpus
from bench.build_report import build_section
from evaluation.tables import markdown_table


def plot(latency: dict, path: Path) -> None:
    """Draw per-request latency distributions (floor, in-process, HTTP) per encoder as box plots."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels, data = [], []
    for kind, result in latency.items():
        for name in ("floor", "in_process", "http", "http_raw"):
            if name not in result["samples"]:
                continue
            labels.append(f"{kind}\n{name}")
            data.append(result["samples"][name])
    fig, ax = plt.subplots(figsize=(11, 4.5))
    ax.boxplot(data, showfliers=False)
    ax.set_xticks(range(1, len(labels) + 1), labels, fontsize=8)
    ax.set_ylabel("ms per question")
    ax.set_title("/api/ask latency vs the floor (encode + FAISS search), same run")
    ax.grid(axis="y", alpha=0.3)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def latency_section(latency: dict) -> str:
    """Return the latency table."""
    rows = []
    for kind, r in latency.items():
        for name in ("floor", "in_process", "http", "http_raw"):
            if name not in r:
                continue
            ratio = r.get(f"{name}_over_floor_p50", 1.0)
            rows.append([kind, name, r[name]["p50"], r[name]["p95"], r[name]["p99"], f"{ratio}x"])
        hit = r["cached_hit"]
        rows.append([kind, "in_process, cached answer", hit["p50"], hit["p95"], hit["p99"], ""])
    header = ["encoder", "path", "p50 ms", "p95 ms", "p99 ms", "p50 / floor"]
    return markdown_table(header, rows) + "\n\n![latency](img/latency.png)"


def render(results: dict, out: Path, image: Path) -> None:
    """Write the report from whatever results exist."""
    parts = [HEADER]
    if "latency" in results:
        plot(results["latency"], image)
        parts += ["## 1. Query latency", latency_section(results["latency"])]
    if "throughput" in results:
        t = results["throughput"]
        rows = [[c, rps] for c, rps in t["rps"].items()]
        parts += [
            "## 2. Throughput through gunicorn",
            markdown_table(["connections", "answers/s"], rows),
            f"Encoder {t['encoder']}, {t['workers']} workers, load from "
            f"{t.get('load_generator', 'python threads')}, floor {t['floor_ms']} ms: ideal "
            f"workers/floor = {t['ideal_rps']}/s; best measured / ideal = **{t['saturation_ratio']}**.",
        ]
    if "build" in results:
        parts += ["## 3. Index build", build_section(results["build"], results.get("build_scale"))]
    if "cold_start" in results:
        rows = [[k, v["ready_s"], v["first_answer_s"]] for k, v in results["cold_start"].items()]
        parts += [
            "## 4. Cold start (spawn gunicorn, 1 worker)",
            markdown_table(["encoder", "ready s", "first answer s"], rows),
        ]
    if "memory" in results:
        parts += ["## 5. Memory per worker (2 workers)", memory_section(results["memory"])]
    if "scale" in results:
        rows = [
            [r["n"], r["kind"], r["build_s"], r["p50_ms"], r["recall@10"]] for r in results["scale"]["rows"]
        ]
        parts += [
            "## 6. Scale (synthetic clustered unit vectors, d=384, one thread, k=10)",
            markdown_table(["vectors", "index", "build s", "search p50 ms", "recall@10"], rows),
        ]
    if "encoder_quality" in results:
        parts += ["## 7. int8 ONNX vs fp32 torch query encoder", quality_section(results["encoder_quality"])]
    if "quote_check" in results:
        parts += ["## 8. Quote check vs ask (in-process, interleaved)", quote_section(results["quote_check"])]
    if "real_corpus" in results:
        parts += [
            "## 9. /api/ask on real PDFs (interleaved in one run per corpus; `python -m bench.real_corpus`)",
            real_corpus.section(results["real_corpus"]),
        ]
    if "page_render" in results:
        parts += [
            "## 10. Page images for evidence (`python -m bench.page_render`)",
            page_section(results["page_render"]),
        ]
    out.write_text("\n\n".join(parts) + "\n\n" + NOTES, encoding="utf-8")


def page_section(pages: dict) -> str:
    """Return the cold / warm page render table and the CPU, sandbox and memory figures beside it."""
    documents = {name: r for name, r in pages.items() if isinstance(r, dict) and "cold_ms" in r}
    rows = [
        [name, r["pages"], r["cold_ms"]["p50"], r["cold_ms"]["p95"], r["warm_ms"]["p50"], r["warm_ms"]["p95"],
         r["locate_ms"]["p50"], r["cache_kb_per_page"]]
        for name, r in documents.items()
    ]  # fmt: skip
    header = ["document", "pages", "cold p50 ms", "cold p95 ms", "warm p50 ms", "warm p95 ms", "boxes p50 ms",
              "cache KB/page"]  # fmt: skip
    inner = pages.get("in_process (report PDF)", {})
    cpu, trip = inner.get("cpu_ms", {}), pages.get("sandbox_round_trip_ms", {})
    return markdown_table(header, rows) + (
        f"\n\nOne page's work in-process (render, character layout, WebP): CPU p50 {cpu.get('p50')} ms, "
        f"p95 {cpu.get('p95')} ms; peak RSS of a process rendering every page {inner.get('peak_rss_mb')} MB. "
        f"A sandbox round trip doing nothing: p50 {trip.get('p50')} ms. Load average during the run "
        f"{pages.get('load_average')} on {pages.get('cores')} cores. Targets: cold p50 <= 250, warm <= 10 ms."
    )


def quote_section(quote: dict) -> str:
    """Return the /api/quote-check vs /api/ask table (p50 ratio from one interleaved run per corpus)."""
    rows = [
        [
            corpus,
            r["passages"],
            r["ask"]["p50"],
            r["quote_check"]["p50"],
            r["quote_check"]["p95"],
            f"{r['quote_over_ask_p50']}x",
        ]
        for corpus, r in quote.items()
    ]
    header = ["corpus", "passages", "ask p50 ms", "quote-check p50 ms", "quote-check p95 ms", "p50 ratio"]
    return markdown_table(header, rows) + (
        "\n\nQuotes: the corpus's own sentences verbatim, the same with one word changed, and unrelated "
        "sentences, in turn; questions: the golden set. Target: ratio ≤ 1.5 (issue 14)."
    )


def memory_section(memory: dict) -> str:
    """Return the memory table."""
    rows = []
    for config, r in memory.items():
        if "error" in r:
            rows.append([config, "did not start", r["error"], ""])
            continue
        for i, w in enumerate(r["workers"]):
            rows.append([config, f"worker {i + 1}", w["rss_mib"], w["pss_mib"]])
        rows.append([config, "master", r["master"]["rss_mib"], r["master"]["pss_mib"]])
    return markdown_table(["config", "process", "RSS MiB", "PSS MiB"], rows)


def quality_section(q: dict) -> str:
    """Return the encoder comparison."""
    e, g = q["encode_ms"], q["golden"]
    lines = [
        markdown_table(
            ["encoder", "p50 ms", "p95 ms", "p99 ms"],
            [[k, e[k]["p50"], e[k]["p95"], e[k]["p99"]] for k in ("torch", "onnx-int8")],
        ),
        f"Speed-up at p50: **{e['speedup_p50']}x** (interleaved, one question at a time, one thread).",
        f"Golden questions ({g['questions']}) over the seed index ({g['passages']} passages): top-5 "
        f"overlap {g['top5_overlap']}, same top-1 {g['top1_same']}.",
    ]
    if "scifact" in q:
        s = q["scifact"]
        lines.append(
            f"SciFact ({s['queries']} queries, {s['documents']} abstracts, fp32 passage vectors): "
            f"dense nDCG@10 fp32 {s['ndcg@10_torch']}, int8 {s['ndcg@10_onnx-int8']}, "
            f"delta **{s['delta']}** (limit 0.005)."
        )
    return "\n\n".join(lines)


HEADER = """# Performance

Written by `make bench` (`python -m bench.run_all`; `--reuse` re-renders from `.cache/bench/*.json`).
Every number below was measured on the 2-core development machine while other engineers were using it,
so absolute times move from run to run; each script therefore measures ours against its own baseline in
the same run, interleaved, and the ratios are what to read. Benchmarks are not tests: nothing asserts time."""

NOTES = """## Targets: met and missed (from the committed run; the machine was shared with other engineers)

- **/api/ask p50 <= 0.6x the fp32 encode + search floor on the report PDF + three filings: met**
  (issue 22, section 9: 0.414x in-process, 0.559x over HTTP, interleaved in one run; 6.2-7.4x before,
  when the retrieved passages' sentences were embedded at answer time).
- **int8 encode >= 2.5x faster than fp32, delta nDCG@10 <= 0.005: met** (5.4x at p50; delta 0.002).
- **/api/ask p50 over HTTP <= 1.15x floor: missed, by much less than before.** int8: 1.76x through a
  bare-socket client (4.95 vs 2.82 ms; `http_raw`), 2.11x through urllib, whose own ~0.5-1 ms of
  Python request building and parsing is client time, not server time; torch: 1.20x (`http_raw`).
  The previous run had 9.5x. What changed on the answer path, each measured before and after in one
  process: the answer log's insert passes rows as parameters of a cached statement instead of
  `insert().values(row)`, which built fresh bind parameters every call (0.26 -> 0.15 ms p50; with WAL +
  `synchronous=NORMAL` there is no fsync left); the request-log hook reads coverage from `flask.g`
  (set by the view) instead of re-parsing the response JSON, and builds its one `json.dumps` only
  when INFO is on; a database made before citations were keyed by position (like the one the last
  run used) failed every insert and logged a traceback per answer, which the schema v2 migration
  fixes. A repeated (cached) question now takes 0.94 ms in-process against 19 ms before.
  What is left, from pyinstrument over 99 in-process asks with floor, `QAService.ask` and the full
  request timed interleaved in one run (floor 1.75 ms, service 2.23 ms, request 3.54 ms): hybrid
  retrieval and answer composition (BM25, fusion, MMR, sentence scoring and quote selection) 0.5 ms =
  0.27x of the floor, work the floor does not do and that the answers need; then Flask/werkzeug
  request and response handling ~0.6 ms (of which the test client itself ~0.3 ms), the answer log
  0.15 ms, jsonify 0.05 ms, the request log ~0.08 ms. Over HTTP gunicorn adds parsing, two socket
  writes and its access-log formatting (py-spy on a worker under wrk: ~17 % of worker time outside
  Flask). With a 2-3 ms int8 floor, 1.15x leaves 0.3-0.4 ms for all of that: not reachable with
  hybrid retrieval in Python, and the gap is smaller in absolute terms than run-to-run noise here.
- **Answer log kept synchronous**, by measurement: 0.15 ms p50 per answer (threshold 0.3 ms), so a
  queue + writer thread would save ~4 % of a request while adding a flush on every permalink and
  feedback read and a loss window on crashes. Throughput with and without the database (wrk, 2 and
  32 connections, 2 workers) was within run-to-run noise (405-434/s vs 416-434/s).
- **Throughput >= 0.9 x workers/floor: missed** (best 473/s vs an ideal of 1,066/s for a 1.88 ms
  floor: 0.44; the previous run had 69/s, 0.06). Load now comes from wrk (one C thread) instead of
  Python threads, and nothing serialises on SQLite any more. The ideal counts only encode + search;
  each answer also costs ~0.5 ms of retrieval/answer work and ~1.5 ms of web and HTTP handling per
  request, and wrk plus the kernel's loopback TCP share the same 2 cores with both workers (sync
  workers also close every connection, so each answer pays a TCP handshake). The lower rate at 32
  connections is mostly noise: a separate check gave 405/s at 2 and 419/s at 32 connections.
- **Rate limiting is off in these runs** (as in every run): with Flask-Limiter's memory storage it adds
  ~0.25 ms per /api/ask in-process (0.85 -> 1.11 ms on a cached answer) and ~0.08 ms on unlimited
  routes; most of it is the library's per-request limit resolution and the timer thread its memory
  storage restarts. A static limit string instead of the config lambda made no measurable difference.
- **Build >= 0.9x raw encode: met** (1.06 in this run; 0.60 in the previous busy run).
- The `onnx-int8 preload` memory rows list one worker where two ran; not investigated here
  (bench/memory.py is unchanged by this run's work); the shared-pages effect shows either way.

## Decisions

- **Query encoder: int8 ONNX by default** (`QA_ENCODER=onnx-int8`; `torch` for fp32). It is exported
  offline from the packaged weights by `scripts/export_onnx.py` (TorchScript export with eager attention,
  onnxruntime BERT fusions, dynamic per-channel int8; ~20 s, run by `make index`/`make run`, or on first use).
  Per-tensor int8 was faster still but lost too much (cosine to fp32 0.97 vs 0.99), so per-channel it is.
- **Passages by the serving encoder** (int8 ONNX by default, every core at build time; section 3). The
  encoder's `checksum` names the fp32 weights (the embedding space), so an index built by either encoder
  loads with either; the ONNX file records the checksum of the weights it was exported from and
  `OnnxEncoder` refuses a file exported from other weights; `load_index` refuses another model's index.
- **Index type by size:** Flat (exact) below `HNSW_FROM` vectors, HNSW (M=32, efSearch=64) from there;
  see the scale table. IVF needs a k-means training pass that took minutes on one core and, with the
  nprobe kept cheap, lost recall at small sizes; HNSW needs no training and keeps recall@10 near 1.
- **Answer cache:** a per-worker LRU (`QA_QUERY_CACHE_SIZE`, default 1024) keyed by index version,
  normalised question, k and filters; cleared on index swap; follow-ups with history are never cached.
- One torch / onnxruntime / FAISS thread per worker, workers = cores (gunicorn.conf.py)."""
