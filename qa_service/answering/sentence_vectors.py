"""Sentence vectors for answers: stored by the build, else embedded when a passage is first retrieved.

The build embeds each passage's sentences with its passages and stores them as float16
(`sentence_vectors.npy`), so a question embeds nothing but itself: on page-sized passages the
answer-time embedding was 96 % of /api/ask (docs/performance.md). A sentence without a stored vector
(an index built before, or a near-duplicate cut into other sentences) is embedded on first use and
kept (bounded LRU).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np

from qa_service.errors import IndexInvalid
from qa_service.index.store import SENTENCE_VECTORS, LoadedIndex
from qa_service.ingest.tables.spans import scoring_text

KEEP_PASSAGES = 4096  # ~40 sentences x 384 floats each at most: a few MB per worker


class SentenceEncoder(Protocol):
    """What sentence scoring needs from an encoder."""

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...


class SentenceVectors:
    """Per passage row, the unit vectors of its sentences, in sentence order."""

    def __init__(self, index: LoadedIndex, encoder: SentenceEncoder, keep: int = KEEP_PASSAGES) -> None:
        self._passages, self._encoder, self._keep = index.passages, encoder, keep
        self._stored = _stored(index)
        self._width = index.vectors.dimension
        bounds = np.cumsum([0] + [len(p.sentences) for p in self._passages])
        self._bounds = list(zip(bounds[:-1], bounds[1:], strict=True))
        self._cached: OrderedDict[int, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # gthread workers share one retriever

    def for_rows(self, rows: list[int]) -> list[np.ndarray]:
        """Return each row's sentence vectors: stored ones, the rest embedded (in one batch) and kept."""
        found: dict[int, np.ndarray] = {}
        with self._lock:
            for row in rows:
                if row in self._cached:
                    found[row] = self._cached[row]
                    self._cached.move_to_end(row)
        partial = {row: self._read(row) for row in dict.fromkeys(rows) if row not in found}
        complete = {row: vectors for row, vectors in partial.items() if vectors.any(axis=1).all()}
        found |= complete
        missing = {row: vectors for row, vectors in partial.items() if row not in complete}
        if missing:
            found |= self._embed(missing)
        return [found[row] for row in rows]

    def _read(self, row: int) -> np.ndarray:
        """Return the row's stored vectors as float32; a sentence without one has a zero row."""
        start, end = self._bounds[row]
        if self._stored is None:
            return np.zeros((end - start, self._width), dtype=np.float32)
        return np.array(self._stored[start:end], dtype=np.float32)  # a copy: missing rows get filled

    def _embed(self, rows: dict[int, np.ndarray]) -> dict[int, np.ndarray]:
        """Fill the zero rows of each row's vectors by embedding those sentences, then keep the rows."""
        wanted = [(row, i) for row, vectors in rows.items() for i in np.flatnonzero(~vectors.any(axis=1))]
        texts = [scoring_text(self._passages[row], *self._passages[row].sentences[i]) for row, i in wanted]
        vectors = np.asarray(self._encoder.encode_passages(texts), dtype=np.float32)
        for (row, i), vector in zip(wanted, vectors, strict=True):
            rows[row][i] = vector
        with self._lock:
            self._cached.update(rows)
            while len(self._cached) > self._keep:
                self._cached.popitem(last=False)
        return rows


def _stored(index: LoadedIndex) -> np.ndarray | None:
    """Map the index's stored sentence vectors (float16; float32 in older indexes), or None."""
    path = index.folder / SENTENCE_VECTORS
    if not path.exists():
        return None
    expected = sum(len(p.sentences) for p in index.passages)
    try:
        vectors = np.load(path, mmap_mode="r")  # workers share the file's pages instead of a copy each
    except (OSError, ValueError) as exc:
        raise IndexInvalid(f"unreadable sentence vectors: {exc}") from exc
    width_ok = not expected or (vectors.ndim == 2 and vectors.shape[1] == index.vectors.dimension)
    if vectors.ndim != 2 or len(vectors) != expected or not width_ok:
        raise IndexInvalid(f"{len(vectors)} sentence vectors for {expected} sentences")
    return vectors
