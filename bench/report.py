"""Turn the saved benchmark results into docs/performance.md tables and a latency plot."""

from __future__ import annotations

from pathlib import Path


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


def table(header: list[str], rows: list[list[object]]) -> str:
    """Return a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


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
    return table(header, rows) + "\n\n![latency](img/latency.png)"


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
            table(["connections", "answers/s"], rows),
            f"Encoder {t['encoder']}, {t['workers']} workers, load from "
            f"{t.get('load_generator', 'python threads')}, floor {t['floor_ms']} ms: ideal "
            f"workers/floor = {t['ideal_rps']}/s; best measured / ideal = **{t['saturation_ratio']}**.",
        ]
    if "build" in results:
        b = results["build"]
        parts += ["## 3. Index build", table(list(b), [list(b.values())])]
    if "cold_start" in results:
        rows = [[k, v["ready_s"], v["first_answer_s"]] for k, v in results["cold_start"].items()]
        parts += [
            "## 4. Cold start (spawn gunicorn, 1 worker)",
            table(["encoder", "ready s", "first answer s"], rows),
        ]
    if "memory" in results:
        parts += ["## 5. Memory per worker (2 workers)", memory_section(results["memory"])]
    if "scale" in results:
        rows = [
            [r["n"], r["kind"], r["build_s"], r["p50_ms"], r["recall@10"]] for r in results["scale"]["rows"]
        ]
        parts += [
            "## 6. Scale (synthetic clustered unit vectors, d=384, one thread, k=10)",
            table(["vectors", "index", "build s", "search p50 ms", "recall@10"], rows),
        ]
    if "encoder_quality" in results:
        parts += ["## 7. int8 ONNX vs fp32 torch query encoder", quality_section(results["encoder_quality"])]
    out.write_text("\n\n".join(parts) + "\n\n" + NOTES, encoding="utf-8")


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
    return table(["config", "process", "RSS MiB", "PSS MiB"], rows)


def quality_section(q: dict) -> str:
    """Return the encoder comparison."""
    e, g = q["encode_ms"], q["golden"]
    lines = [
        table(
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

NOTES = """## Targets: met and missed (from the committed run; the machine was shared and busy)

- **int8 encode >= 2.5x faster than fp32, delta nDCG@10 <= 0.005: met** (5.7x at p50; delta 0.002).
- **/api/ask p50 over HTTP <= 1.15x floor: missed.** With the torch encoder 1.40x; with int8 the floor
  fell to ~3 ms, so fixed per-request costs dominate (9.5x). pyinstrument over 99 in-process asks
  (quiet moment, 6 ms each): encode 2.0 ms, retrieval + answer composition 1.0 ms (fusion/BM25 0.5,
  sentence selection 0.2), the answer log's SQLite insert + commit 1.6 ms (`answers_log.remember`, an
  fsync per answer), the observability hook re-parsing the response JSON 0.4 ms, Flask/werkzeug ~1 ms.
  The cached-answer row shows that floor of the web layer alone. Closing the gap needs the answer log
  written off the request path (id made up front, insert queued) and the metrics hook reading the
  answer from `g` instead of re-parsing JSON: both in other engineers' modules, noted for them.
- **Throughput >= 0.9 x workers/floor: missed by far** (best 69/s vs an ideal of ~1,100/s for a 1.8 ms
  floor). The ideal assumes the model is the whole request; here the load generator (Python threads, a
  new TCP connection per request) shares the same 2 cores with both workers, each request carries the
  ~4-20 ms of web-layer work above, and the two workers serialise on SQLite's write lock.
- **Build >= 0.9x raw encode: met in a quiet run (0.94), missed in the busy committed run (0.60).** The
  seed corpus is 60 texts, so reading, BM25 and the fsynced version folder weigh heavily; the encoding
  itself is the same batched call.

## Decisions

- **Query encoder: int8 ONNX by default** (`QA_ENCODER=onnx-int8`; `torch` for fp32). It is exported
  offline from the packaged weights by `scripts/export_onnx.py` (TorchScript export with eager attention,
  onnxruntime BERT fusions, dynamic per-channel int8; ~20 s, run by `make index`/`make run`, or on first use).
  Per-tensor int8 was faster still but lost too much (cosine to fp32 0.97 vs 0.99), so per-channel it is.
- **Passages stay fp32.** The index is always built by the torch `Encoder`; int8 only encodes questions.
  The encoder's `checksum` names the fp32 weights (the embedding space), so an fp32 index loads with
  either query encoder; the ONNX file records the checksum of the weights it was exported from in its
  metadata and `OnnxEncoder` refuses a file exported from other weights, and `load_index` refuses an
  index built from another model as before.
- **Index type by size:** Flat (exact) below `HNSW_FROM` vectors, HNSW (M=32, efSearch=64) from there;
  see the scale table. IVF needs a k-means training pass that took minutes on one core and, with the
  nprobe kept cheap, lost recall at small sizes; HNSW needs no training and keeps recall@10 near 1.
- **Answer cache:** a per-worker LRU (`QA_QUERY_CACHE_SIZE`, default 1024) keyed by index version,
  normalised question, k and filters; cleared on index swap; follow-ups with history are never cached.
- One torch / onnxruntime / FAISS thread per worker, workers = cores (gunicorn.conf.py)."""
