"""The one module that imports faiss: exact inner-product search with guarded results."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from .errors import IndexInvalid, SearchError

# One FAISS (OpenMP) thread per worker; more threads contend with torch and with the other workers.
faiss.omp_set_num_threads(1)


class VectorIndex:
    """Unit vectors searched by inner product (= cosine); labels are row numbers."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> VectorIndex:
        """Build an exact (Flat) inner-product index over float32 vectors of shape (n, d)."""
        vectors = _as_matrix(vectors)
        index = faiss.IndexFlatIP(vectors.shape[1])
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
        scores, labels = self._index.search(queries, k)
        if (labels < 0).any() or (labels >= len(self)).any():
            raise SearchError("vector search returned a label outside the passage table")
        return scores, labels


def _as_matrix(vectors: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    if array.ndim != 2:
        raise SearchError(f"expected a 2-D array of vectors, got shape {array.shape}")
    return array
