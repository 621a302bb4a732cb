"""The floor a build is judged against: the same passages encoded bare, every core, sorted by length."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from typing import Any

import numpy as np

BATCHES = (16, 32, 64)


def floor(index_dir: Path, sample: int) -> dict[str, Any]:
    """Time bare encoding of a sample of the index's passages: int8 (threads vs processes), fp32.

    Other engineers share the cores, so the variants are interleaved and the int8 figure (every core,
    best batch) is the mean of a run before and after the others: the load drifts within minutes.
    """
    from qa_service.encoders import load_encoder
    from qa_service.index.store import load_index
    from qa_service.ingest.context import retrieval_text
    from qa_service.ingest.stream.pool import default_workers

    index = load_index(index_dir)
    documents = {d.id: d for d in index.documents}
    # the texts the build embedded: each passage under its contextual header (ingest/context.py)
    texts = [retrieval_text(p, documents) for p in index.passages]
    picked = sorted((texts[i] for i in np.random.default_rng(0).permutation(len(texts))[:sample]), key=len)
    cores = default_workers()
    int8 = load_encoder("onnx-int8", threads=cores)
    batches = {size: _rate(int8, picked, size) for size in BATCHES}
    best = max(batches, key=lambda size: batches[size])
    out: dict[str, Any] = {"sample": len(picked), "int8_batch_texts_per_s": batches, "best_batch": best}
    first = _rate(int8, picked, best)
    out["int8_1_thread_texts_per_s"] = _rate(load_encoder("onnx-int8", threads=1), picked, best)
    out["int8_processes_texts_per_s"] = _processes_rate(picked, best, cores)
    out["fp32_all_threads_texts_per_s"] = _rate(load_encoder("torch", threads=cores), picked, best)
    cpu = time.process_time()
    last = _rate(int8, picked, best)
    # texts per CPU second does not depend on what else runs: compare with the build's cpu_seconds
    out["int8_texts_per_cpu_s"] = round(len(picked) / max(time.process_time() - cpu, 1e-9), 1)
    out["int8_runs_texts_per_s"] = [first, last]
    out["int8_texts_per_s"] = round((first + last) / 2, 1)
    return out


def _rate(encoder: Any, texts: list[str], batch: int) -> float:
    encoder.batch_size = batch
    encoder.encode_passages(texts[:batch])  # warm up
    started = time.perf_counter()
    encoder.encode_passages(texts)
    return round(len(texts) / (time.perf_counter() - started), 1)


def _processes_rate(texts: list[str], batch: int, cores: int) -> float:
    """Encode the texts split over one single-threaded int8 process per core."""
    shares = [(texts[i::cores], batch) for i in range(cores)]
    with multiprocessing.get_context("forkserver").Pool(cores) as pool:
        pool.map(_encode_in_child, [(share[:batch], batch) for share, _ in shares])  # load + warm up
        started = time.perf_counter()
        pool.map(_encode_in_child, shares)
        return round(len(texts) / (time.perf_counter() - started), 1)


_CHILD: dict[str, Any] = {}


def _encode_in_child(job: tuple[list[str], int]) -> int:
    if "encoder" not in _CHILD:
        from qa_service.encoders import load_encoder

        _CHILD["encoder"] = load_encoder("onnx-int8", threads=1)
    encoder = _CHILD["encoder"]
    encoder.batch_size = job[1]
    return len(encoder.encode_passages(job[0]))


def reading_rates(source: Path, docs: int) -> dict[str, Any]:
    """Pages/s reading the first `docs` documents with 1 worker and with one per core."""
    from qa_service.ingest import corpus
    from qa_service.ingest.stream.pool import default_workers, read_documents

    documents = corpus.discover(source)[0][:docs]
    rates: dict[str, Any] = {"documents": len(documents)}
    for workers in sorted({1, default_workers()}):
        started = time.perf_counter()
        reads = list(read_documents(source, documents, workers))
        seconds = time.perf_counter() - started
        pages = sum(max((b.page or 1 for b in r.blocks or []), default=0) for r in reads)
        rates[f"{workers}_workers"] = {
            "pages": pages,
            "seconds": round(seconds, 1),
            "pages_per_s": round(pages / seconds, 2),
        }
    return rates
