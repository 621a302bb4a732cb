"""Search latency and recall@10 vs corpus size for Flat, HNSW and IVF (one thread, d=384)."""

from __future__ import annotations

import argparse
import time

import faiss
import numpy as np

from bench.common import ROOT, save

faiss.omp_set_num_threads(1)
D = 384


def corpus(n: int, rng: np.random.Generator) -> np.ndarray:
    """Clustered unit vectors: real embeddings have topics, uniform noise would flatter nobody."""
    centres = rng.normal(size=(max(16, n // 200), D)).astype(np.float32)
    rows = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, D)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def build(kind: str, vectors: np.ndarray) -> faiss.Index:
    """Build one index kind over the vectors."""
    n = len(vectors)
    if kind == "flat":
        index = faiss.IndexFlatIP(D)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(D, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction, index.hnsw.efSearch = 80, 64
    else:
        nlist = min(1024, int(4 * np.sqrt(n)))  # capped: k-means on one core must stay in minutes
        quantizer = faiss.IndexFlatIP(D)
        index = faiss.IndexIVFFlat(quantizer, D, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.min_points_per_centroid, index.cp.niter = 5, 10
        index.train(vectors[np.random.default_rng(1).permutation(n)[: 20 * nlist]])
        index.nprobe = max(1, nlist // 32)
    index.add(vectors)
    return index


def measure(kind: str, vectors: np.ndarray, queries: np.ndarray, truth: np.ndarray) -> dict:
    """Return build seconds, p50 search ms (k=10, one query at a time) and recall@10 vs exact."""
    started = time.perf_counter()
    index = build(kind, vectors)
    built = time.perf_counter() - started
    times, found = [], []
    for query in queries:
        start = time.perf_counter()
        _, labels = index.search(query[None, :], 10)
        times.append(time.perf_counter() - start)
        found.append(labels[0])
    recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
    return {
        "build_s": round(built, 2),
        "p50_ms": round(1e3 * float(np.median(times)), 3),
        "recall@10": round(float(recall), 4),
    }


def main() -> None:
    """Run every size and kind; HNSW only while its build stays short."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--sizes", default="1000,10000,100000,1000000")
    cli.add_argument("--hnsw-max", type=int, default=100_000)
    cli.add_argument("--queries", type=int, default=50)
    args = cli.parse_args()
    rng = np.random.default_rng(0)
    rows = []
    for n in map(int, args.sizes.split(",")):
        vectors = corpus(n + args.queries, rng)
        vectors, queries = vectors[:n], vectors[n:]
        truth = faiss.IndexFlatIP(D)
        truth.add(vectors)
        exact = truth.search(queries, 10)[1]
        for kind in ("flat", "ivf", "hnsw"):
            if kind == "hnsw" and n > args.hnsw_max:
                continue
            rows.append({"n": n, "kind": kind, **measure(kind, vectors, queries, exact)})
            print(rows[-1], flush=True)
    save("scale", {"dimension": D, "rows": rows, "root": str(ROOT)})


if __name__ == "__main__":
    main()
