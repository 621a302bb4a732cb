"""The index build section of docs/performance.md, from bench/build.py and bench/build_scale.py results."""

from __future__ import annotations

from typing import Any

from evaluation.tables import markdown_table

STAGES = ("read", "wait", "split", "encode", "write")
DECISIONS = """How the build works and why (issue 12):

- **A pipeline, every core.** `ingest/stream/pool.py` parses documents in a pool of sandboxed children
  (one per core; the size, memory and CPU-time caps of `ingest/sandbox.py`), at most 2 x workers ahead,
  while the main process splits and embeds (`ingest/stream/pipeline.py`). The encoder runs with one intra-op
  thread per core and does not spin while idle, so parses and encoding share the cores.
- **Threads for encoding, not processes**: one process with a thread per core keeps one model in memory.
  On two filings' short passages it was the fastest (87.7 texts/s vs 78.0 for one 1-thread process per
  core); on all of `filings/` with page-sized passages processes were 8 % faster (61.7 vs 57.2), and the
  build still runs at 0.83x that processes floor, so the second model copy was not worth its memory.
- **Batch 16**: the fastest of 16/32/64 in all three runs of the day (less padding per batch); the ONNX
  encoder's default batch is 16.
- **Passages by the int8 encoder.** The build uses the serving encoder (`QA_ENCODER`, int8 ONNX by
  default) on every core; answers were unchanged (golden set) or within noise (PolicyQA), see the note.
- **Sentence vectors at build time, float16** (issue 22, section 9). Issue 12 moved them to answer time
  (they were 60-70 % of the texts embedded); on real PDFs that made /api/ask 6-7x the fp32 floor, so
  they are embedded again at build time, in the same encoder call as their passages, and stored as
  float16 (`sentence_vectors.npy`); the service embeds only the question.
- **Near-duplicates once.** Passages of 12+ words equal after dropping case, digits and punctuation (tables
  of contents, repeated legal text across years) share one vector; BM25 keeps their exact text.
- **Streaming, bounded memory.** Only 2 x workers documents' blocks are in memory at once; texts wait in a
  window of 512 before one encode call; the rest held is the index itself (passages + vectors).
- **Incremental.** Documents whose path and checksum are unchanged keep their passages and vectors from
  the live index without being read again, as long as the reader/splitter code is unchanged (its checksum
  is in the manifest); vectors are keyed by the (near-duplicate) text.
- **Time cap in CPU seconds.** A 120 s wall-time cap skipped two 10-Ks when the machine ran at load 17;
  the cap now counts the parser's CPU time (RLIMIT_CPU), with a 10x wall-time backstop."""


def build_section(build: dict[str, Any], scale: dict[str, Any] | None) -> str:
    """Return the Markdown for the build: runs, stages, floor, reading pool, 100k simulation."""
    parts = [_runs(build), _stages(build), _floor(build["floor"]), _reading(build["reading"])]
    if scale:
        parts.append(_scale(scale))
    return "\n\n".join([*parts, DECISIONS])


def _runs(build: dict[str, Any]) -> str:
    header = ["build", "docs read", "pages", "passages", "embedded", "reused", "near-dup", "wall s", "CPU s"]
    rows = [
        [
            name,
            r["read_documents"],
            r["pages"],
            r["passages"],
            r["embedded"],
            r["reused"],
            r["duplicates"],
            r["seconds"],
            r.get("cpu_seconds", ""),
        ]
        for name, r in (("cold", build["cold"]), ("add one PDF", build["add_one_pdf"]))
    ]
    rss = build["peak_rss_mb"]
    return (
        markdown_table(header, rows)
        + f"\n\nLoad average before/after: {build['load_before']} / {build['load_after']} on "
        f"{build['cores']} cores. Peak RSS of the builder: {rss['builder']} MB (each reader child is capped "
        f"at 1 GB of address space above its baseline). Cold build embedded {build['cold']['embedded']} "
        f"texts at "
        f"{round(build['cold']['embedded'] / build['cold']['seconds'], 1)} texts/s = "
        f"**{build['build_vs_floor']}x** the bare int8 floor measured in the same run."
        + _per_cpu_second(build)
    )


def _per_cpu_second(build: dict[str, Any]) -> str:
    cold, floor = build["cold"], build["floor"]
    if not cold.get("cpu_seconds") or "int8_texts_per_cpu_s" not in floor:
        return ""
    rate = round(cold["embedded"] / cold["cpu_seconds"], 1)
    return (
        f" Per CPU second of the builder (independent of the load): {rate} texts vs "
        f"{floor['int8_texts_per_cpu_s']} bare = {round(rate / floor['int8_texts_per_cpu_s'], 3)}x."
    )


def _stages(build: dict[str, Any]) -> str:
    rows = [
        [name, *(r["stages"].get(s, "") for s in STAGES)]
        for name, r in (("cold", build["cold"]), ("add one PDF", build["add_one_pdf"]))
    ]
    return (
        "Stage seconds (read = parse time summed over workers; wait = the encoder idle for a parse):\n\n"
        + (markdown_table(["build", *STAGES], rows))
    )


def _floor(floor: dict[str, Any]) -> str:
    rows = [
        [f"int8, every core, batch {size}", rate] for size, rate in floor["int8_batch_texts_per_s"].items()
    ]
    rows += [
        ["int8, 1 thread", floor["int8_1_thread_texts_per_s"]],
        ["int8, one 1-thread process per core", floor["int8_processes_texts_per_s"]],
        ["fp32 torch, every core", floor["fp32_all_threads_texts_per_s"]],
        [
            f"int8, every core, batch {floor['best_batch']} (before / after the others)",
            " / ".join(map(str, floor["int8_runs_texts_per_s"])),
        ],
    ]
    return f"Bare encoding floor ({floor['sample']} of the cold build's passages, sorted by length):\n\n" + (
        markdown_table(["encoder", "texts/s"], rows)
    )


def _reading(reading: dict[str, Any]) -> str:
    rows = [
        [key.split("_")[0], r["pages"], r["seconds"], r["pages_per_s"]]
        for key, r in reading.items()
        if key.endswith("_workers")
    ]
    return f"Reading pool alone ({reading['documents']} PDFs):\n\n" + markdown_table(
        ["workers", "pages", "seconds", "pages/s"], rows
    )


def _scale(scale: dict[str, Any]) -> str:
    keys = (
        "passages",
        "index_kind",
        "write_s",
        "load_s",
        "first_query_ms",
        "peak_rss_mb",
        "memory_total_mb",
        "projected_encode_min",
    )
    return "100,000 passages, simulated (synthetic text and vectors, nothing embedded):\n\n" + markdown_table(
        keys, [[scale.get(k, "") for k in keys]]
    )
