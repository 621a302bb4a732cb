"""Run bm25, dense and hybrid retrieval over an evaluation set, one query at a time, and score it."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evaluation.datasets import EvalSet, gold_in
from evaluation.ranking import score_run
from qa_service.encoders.torch import Encoder
from qa_service.index.dense import VectorIndex
from qa_service.index.fusion import FusionConfig, fuse
from qa_service.index.keyword import LexicalIndex

MODES = ("bm25", "dense", "hybrid")
DEPTH = 100  # candidates kept per retriever: enough for Recall@100 and for the fusion grid


@dataclass(frozen=True)
class Candidates:
    """One query's dense and lexical results and what each step cost, in milliseconds."""

    dense: tuple[np.ndarray, np.ndarray]
    lexical: tuple[np.ndarray, np.ndarray]
    dense_ms: float
    lexical_ms: float


def passage_vectors(texts: list[str], encoder: Encoder, cache: Path, name: str) -> np.ndarray:
    """Embed passages once per (set, model, texts), then reuse the .npy under the cache folder."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]
    path = cache / f"{name}-{encoder.name}-{encoder.checksum[:8]}-{digest}.npy"
    if path.exists():
        return np.load(path)
    vectors = encoder.encode_passages(texts, progress=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


class Retrievers:
    """Both indexes over one corpus, with optional scoping of each query to its own document."""

    def __init__(self, eval_set: EvalSet, encoder: Encoder, vectors: np.ndarray, scoped: bool) -> None:
        self.eval_set, self.encoder, self.scoped = eval_set, encoder, scoped
        self.lexical = LexicalIndex.build([entry.text for entry in eval_set.corpus])
        self.dense = VectorIndex.build(vectors)
        self.ids = [entry.id for entry in eval_set.corpus]
        rows: dict[str | None, list[int]] = {}
        for row, entry in enumerate(eval_set.corpus):
            rows.setdefault(entry.doc, []).append(row)
        self._rows = {doc: np.asarray(found, dtype=np.int64) for doc, found in rows.items()}

    def candidates(self, text: str, doc: str | None) -> Candidates:
        """Search both retrievers for one query, timing each as the service would run it."""
        rows = self._rows.get(doc, np.zeros(0, dtype=np.int64)) if self.scoped else None
        start = time.perf_counter()
        vector = self.encoder.encode_queries([text])
        scores, labels = self.dense.search(vector, len(self.dense) if self.scoped else DEPTH)
        scores, labels = scores[0], labels[0]
        if rows is not None:
            keep = np.isin(labels, rows)
            scores, labels = scores[keep][:DEPTH], labels[keep][:DEPTH]
        middle = time.perf_counter()
        lexical = self.lexical.search(text, DEPTH, rows=rows)
        end = time.perf_counter()
        return Candidates((scores, labels), lexical, 1e3 * (middle - start), 1e3 * (end - middle))


def collect(retrievers: Retrievers) -> list[Candidates]:
    """Gather candidates for every query in the set, one query at a time."""
    retrievers.encoder.encode_queries(["warm up"])
    return [retrievers.candidates(query.text, query.doc) for query in retrievers.eval_set.queries]


def score_mode(retrievers: Retrievers, found: list[Candidates], mode: str, fusion: FusionConfig) -> dict:
    """Score one mode from collected candidates: metrics, queries/s, p50 and hybrid's added ms."""
    ranked, millis, added = [], [], []
    for result in found:
        rows, fuse_ms = _rows_for(mode, result, fusion)
        ranked.append(rows)
        added.append(result.lexical_ms + fuse_ms)
        millis.append(
            {"bm25": result.lexical_ms, "dense": result.dense_ms}.get(mode, result.dense_ms + added[-1])
        )
    queries = retrievers.eval_set.queries
    run = {
        query.id: [retrievers.ids[row] for row in rows] for query, rows in zip(queries, ranked, strict=True)
    }
    report = score_run(run, retrievers.eval_set.qrels)
    report["queries_per_s"] = round(1e3 / float(np.mean(millis)), 1)
    report["p50_ms"] = round(float(np.median(millis)), 3)
    if mode == "hybrid":
        report["added_ms_p50"] = round(float(np.median(added)), 3)
    if any(query.answers for query in queries):
        report["top1_has_answer"] = top1_answer_share(retrievers, ranked)
    return report


def top1_answer_share(retrievers: Retrievers, ranked: list[list[int]]) -> float:
    """Return the share of queries whose top passage contains a gold answer span verbatim."""
    corpus = retrievers.eval_set.corpus
    hits = sum(
        bool(rows) and gold_in(corpus[rows[0]].text, query.answers)
        for query, rows in zip(retrievers.eval_set.queries, ranked, strict=True)
    )
    return round(hits / max(1, len(ranked)), 4)


def _rows_for(mode: str, result: Candidates, fusion: FusionConfig) -> tuple[list[int], float]:
    if mode == "bm25":
        return result.lexical[1].tolist(), 0.0
    if mode == "dense":
        return result.dense[1].tolist(), 0.0
    start = time.perf_counter()
    fused = fuse(result.dense, result.lexical, fusion)[:DEPTH]
    return [row for row, _ in fused], 1e3 * (time.perf_counter() - start)


def grid(retrievers: Retrievers, found: list[Candidates], configs: Iterable[FusionConfig]) -> list[dict]:
    """Score hybrid under each fusion config (reusing collected candidates): nDCG@10 per config."""
    return [{"config": config, **score_mode(retrievers, found, "hybrid", config)} for config in configs]
