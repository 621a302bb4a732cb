"""Merge dense and keyword rankings, and drop near-duplicate passages (pure numpy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Ranked = list[tuple[int, float]]


@dataclass(frozen=True)
class FusionConfig:
    """How hybrid search merges its two candidate lists (defaults chosen in docs/evaluation.md)."""

    method: str = "rrf"  # "rrf" (ranks only) or "blend" (normalised scores)
    depth: int = 100  # candidates taken from each retriever
    rrf_k: int = 60
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    normalise: str = "minmax"  # blend only: "minmax" or "zscore"


def rrf(rank_lists: Sequence[Sequence[int]], k: int = 60, weights: Sequence[float] | None = None) -> Ranked:
    """Fuse ranked row lists by weighted reciprocal rank: sum of w / (k + rank)."""
    weights = weights if weights is not None else [1.0] * len(rank_lists)
    totals: dict[int, float] = {}
    for rows, weight in zip(rank_lists, weights, strict=True):
        for rank, row in enumerate(rows, 1):
            totals[int(row)] = totals.get(int(row), 0.0) + weight / (k + rank)
    return _ordered(totals)


def blend(
    score_lists: Sequence[tuple[np.ndarray, np.ndarray]],
    weights: Sequence[float] | None = None,
    normalise: str = "minmax",
) -> Ranked:
    """Fuse (scores, rows) lists by a weighted sum of per-list normalised scores; absent rows add 0."""
    weights = weights if weights is not None else [1.0] * len(score_lists)
    totals: dict[int, float] = {}
    for (scores, rows), weight in zip(score_lists, weights, strict=True):
        for row, value in zip(rows, normalised(np.asarray(scores, dtype=np.float64), normalise), strict=True):
            totals[int(row)] = totals.get(int(row), 0.0) + weight * float(value)
    return _ordered(totals)


def normalised(scores: np.ndarray, method: str = "minmax") -> np.ndarray:
    """Scale one list's scores to [0, 1] (min-max) or to its z-scores; a flat list becomes all 1."""
    if len(scores) == 0:
        return scores
    if method == "minmax":
        spread = scores.max() - scores.min()
        return (scores - scores.min()) / spread if spread > 0 else np.ones_like(scores)
    if method == "zscore":
        spread = scores.std()
        return (scores - scores.mean()) / spread if spread > 0 else np.ones_like(scores)
    raise ValueError(f"unknown normalisation {method!r}")


def fuse(
    dense: tuple[np.ndarray, np.ndarray], lexical: tuple[np.ndarray, np.ndarray], config: FusionConfig
) -> Ranked:
    """Merge one query's dense and lexical (scores, rows) results as the config says."""
    weights = (config.dense_weight, config.lexical_weight)
    lists = [(np.ravel(s)[: config.depth], np.ravel(r)[: config.depth]) for s, r in (dense, lexical)]
    if config.method == "rrf":
        return rrf([rows for _, rows in lists], config.rrf_k, weights)
    if config.method == "blend":
        return blend(lists, weights, config.normalise)
    raise ValueError(f"unknown fusion method {config.method!r}")


def mmr(
    candidate_rows: Sequence[int],
    relevance: Sequence[float],
    vectors: np.ndarray,
    lambda_: float = 0.7,
    top_k: int = 10,
    duplicate_at: float = 0.95,
) -> list[int]:
    """Pick up to top_k rows trading relevance against similarity to picks; drop near-duplicates."""
    rows = [int(row) for row in candidate_rows]
    if not rows:
        return []
    unit = np.asarray(vectors, dtype=np.float32)[rows]
    similarity = unit @ unit.T
    gain = lambda_ * np.asarray(relevance, dtype=np.float64)
    picked: list[int] = []
    closest = np.full(len(rows), -np.inf)
    for _ in range(min(top_k, len(rows))):
        penalty = np.where(np.isfinite(closest), closest, 0.0)
        value = gain - (1 - lambda_) * penalty
        value[picked] = -np.inf
        value[closest >= duplicate_at] = -np.inf
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            break
        picked.append(best)
        closest = np.maximum(closest, similarity[best])
    return [rows[i] for i in picked]


def _ordered(totals: dict[int, float]) -> Ranked:
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
