"""Sentence vectors for answers: embedded when a passage is first retrieved, then kept (bounded LRU).

The build embeds passages only. A question reads the sentences of its few top passages, so embedding
those on demand costs a handful of short texts per new passage instead of a vector per sentence of
the whole corpus at build time (docs/performance.md). Indexes built with sentence_vectors.npy use it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np

from qa_service.errors import IndexInvalid
from qa_service.index.store import LoadedIndex
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
        bounds = np.cumsum([0] + [len(p.sentences) for p in self._passages])
        self._bounds = list(zip(bounds[:-1], bounds[1:], strict=True))
        self._cached: OrderedDict[int, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # gthread workers share one retriever

    def for_rows(self, rows: list[int]) -> list[np.ndarray]:
        """Return each row's sentence vectors, embedding those not yet known in one batch."""
        if self._stored is not None:
            return [self._stored[slice(*self._bounds[row])] for row in rows]
        with self._lock:
            found = {row: self._cached[row] for row in rows if row in self._cached}
            for row in found:
                self._cached.move_to_end(row)
        missing = [row for row in dict.fromkeys(rows) if row not in found]
        if missing:
            found.update(self._embed(missing))
        return [found[row] for row in rows]

    def _embed(self, rows: list[int]) -> dict[int, np.ndarray]:
        spans = [(row, s, e) for row in rows for s, e in self._passages[row].sentences]
        texts = [scoring_text(self._passages[row], s, e) for row, s, e in spans]  # a row with its headers
        vectors = np.asarray(self._encoder.encode_passages(texts), dtype=np.float32)
        split = np.cumsum([len(self._passages[row].sentences) for row in rows])[:-1]
        embedded = dict(zip(rows, np.split(vectors, split), strict=True))
        with self._lock:
            self._cached.update(embedded)
            while len(self._cached) > self._keep:
                self._cached.popitem(last=False)
        return embedded


def _stored(index: LoadedIndex) -> np.ndarray | None:
    path = index.folder / "sentence_vectors.npy"
    if not path.exists():
        return None
    expected = sum(len(p.sentences) for p in index.passages)
    try:
        vectors = np.load(path)
    except (OSError, ValueError) as exc:
        raise IndexInvalid(f"unreadable sentence vectors: {exc}") from exc
    width_ok = not expected or (vectors.ndim == 2 and vectors.shape[1] == index.vectors.dimension)
    if vectors.ndim != 2 or len(vectors) != expected or not width_ok:
        raise IndexInvalid(f"{len(vectors)} sentence vectors for {expected} sentences")
    return vectors.astype(np.float32)
