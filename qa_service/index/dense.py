"""The one module that imports faiss: inner-product search with guarded results, exact or HNSW by size."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from qa_service.errors import IndexInvalid, SearchError

# One FAISS (OpenMP) thread per worker; more threads contend with torch and with the other workers.
faiss.omp_set_num_threads(1)

# Exact search below this size. bench/scale.py (one thread, d=384, docs/performance.md): Flat costs
# 0.04 ms at 1e3 vectors, 0.7 ms at 1e4 and 19 ms at 1e5; HNSW (M=32, efSearch=64) 0.07 ms at 1e4 with
# recall@10 1.0. At 2e4 Flat is ~1.5 ms, about half the int8 question encode; past that it would
# dominate the request, so HNSW takes over (no training pass, unlike IVF, and recall stays ~1).
HNSW_FROM = 20_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 64


class VectorIndex:
    """Unit vectors searched by inner product (= cosine); labels are row numbers."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index
        self.exact = not isinstance(index, faiss.IndexHNSW)

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto") -> VectorIndex:
        """Build an index over float32 vectors (n, d): Flat below HNSW_FROM rows, HNSW from there on."""
        vectors = _as_matrix(vectors)
        if kind == "auto":
            kind = "hnsw" if len(vectors) >= HNSW_FROM else "flat"
        index: faiss.Index
        if kind == "flat":
            index = faiss.IndexFlatIP(vectors.shape[1])
        elif kind == "hnsw":
            graph = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
            graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index = graph
        else:
            raise ValueError(f"unknown index kind {kind!r}: use auto, flat or hnsw")
        if len(vectors):
            index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        """Read an index file; a damaged file becomes IndexInvalid, not a crash."""
        try:
            return cls(faiss.read_index(str(path)))
        except (RuntimeError, OSError) as exc:
            raise IndexInvalid(f"cannot read vectors from {path.name}: {exc}") from exc

    def save(self, path: Path) -> None:
        """Write the index to one file."""
        faiss.write_index(self._index, str(path))

    @property
    def kind(self) -> str:
        """Return "flat" or "hnsw"."""
        return "flat" if self.exact else "hnsw"

    @property
    def dimension(self) -> int:
        """Return the vector dimension."""
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def vectors(self) -> np.ndarray:
        """Return all stored vectors (for reuse by an incremental build)."""
        if len(self) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._index.reconstruct_n(0, len(self))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, labels) of the k best rows per query; never a -1 or an out-of-range label."""
        queries = _as_matrix(queries)
        if queries.shape[1] != self.dimension:
            # faiss only asserts on this; make it a domain error before it gets that far
            raise SearchError(f"query dimension {queries.shape[1]} != index dimension {self.dimension}")
        k = max(0, min(int(k), len(self)))
        if k == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        if self.exact:
            scores, labels = self._index.search(queries, k)
        else:
            # HNSW finds at most efSearch neighbours: a deep (filtered) search needs a wider beam
            params = faiss.SearchParametersHNSW(  # type: ignore[attr-defined]
                efSearch=max(HNSW_EF_SEARCH, k)
            )
            scores, labels = _drop_unfound(*self._index.search(queries, k, params=params))
        if (labels < 0).any() or (labels >= len(self)).any():
            raise SearchError("vector search returned a label outside the passage table")
        return scores, labels


def _drop_unfound(scores: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # an approximate graph may reach fewer than k rows; faiss pads with -1 at the end of each row
    width = int((labels >= 0).sum(axis=1).min())
    return scores[:, :width], labels[:, :width]


def _as_matrix(vectors: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    if array.ndim != 2:
        raise SearchError(f"expected a 2-D array of vectors, got shape {array.shape}")
    return array
