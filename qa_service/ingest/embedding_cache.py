"""Embed texts in windows as they stream in, once per near-duplicate, reusing the live index's vectors."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Protocol

import numpy as np

from qa_service.index.store import LoadedIndex
from qa_service.ingest.context import retrieval_text
from qa_service.ingest.texts import duplicate_key
from qa_service.models import DocumentMeta, Passage

# Texts queued before one encode call: the encoder sorts a window by length (less padding), and a
# window this size keeps both cores busy while bounding what waits in memory.
WINDOW = 512


class PassageEncoder(Protocol):
    """What the cache needs from an encoder."""

    dimension: int

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...


class EmbeddingCache:
    """A near-duplicate key → vector map, seeded from the previous index built with the same model."""

    def __init__(
        self,
        vectors: dict[str, np.ndarray] | None = None,
        documents: Mapping[str, DocumentMeta] | None = None,
        seeded: dict[str, str] | None = None,
    ) -> None:
        self._vectors = vectors or {}
        self._documents = documents or {}  # id -> metadata of this build's corpus: the contextual headers
        self._seeded = seeded or {}  # passage id -> its text, for the live index's passages
        self._pending: dict[str, str] = {}  # key -> the first text seen with it
        self._fresh: set[str] = set()  # keys embedded by this cache, not seeded
        self.embedded = 0
        self.reused = 0
        self.duplicates = 0
        self.seconds = 0.0  # spent inside the encoder

    @classmethod
    def from_index(cls, loaded: LoadedIndex | None, documents: Mapping[str, DocumentMeta]) -> EmbeddingCache:
        """Seed the cache from the live index (already checked to use this model), or start empty."""
        if loaded is None:
            return cls(documents=documents)
        seeded = {p.id: retrieval_text(p, documents) for p in loaded.passages}  # as this build sees them
        keys = [duplicate_key(seeded[p.id]) for p in loaded.passages]
        return cls(dict(zip(keys, loaded.vectors.vectors(), strict=True)), documents, seeded)

    def texts(self, passages: list[Passage], *, reused: bool = False) -> list[str]:
        """Return the text the encoder embeds and BM25 indexes for each passage, computed once per build.

        Passages reused from the live index (`reused`) have theirs already, from seeding.
        """
        if reused:
            return [self._seeded[p.id] for p in passages]
        return [retrieval_text(p, self._documents) for p in passages]

    def add(self, texts: list[str], encoder: PassageEncoder) -> int:
        """Queue texts for embedding; encode the queue once it fills a window. Return texts encoded."""
        for text in texts:
            key = duplicate_key(text)
            if key in self._fresh or key in self._pending:  # embedded (or queued) earlier in this build
                self.duplicates += 1
            elif key in self._vectors:  # from the live index
                self.reused += 1
            else:
                self._pending[key] = text
        return self.flush(encoder) if len(self._pending) >= WINDOW else 0

    def flush(self, encoder: PassageEncoder) -> int:
        """Encode every queued text now; return how many were encoded."""
        if not self._pending:
            return 0
        keys, texts = list(self._pending), list(self._pending.values())
        started = time.perf_counter()
        vectors = encoder.encode_passages(texts)
        self.seconds += time.perf_counter() - started
        self._vectors.update(zip(keys, np.asarray(vectors, dtype=np.float32), strict=True))
        self._fresh.update(keys)
        self._pending.clear()
        self.embedded += len(keys)
        return len(keys)

    def vectors(self, texts: list[str], dimension: int) -> np.ndarray:
        """Return the (flushed) vectors of texts in order, shape (len(texts), dimension)."""
        if not texts:
            return np.zeros((0, dimension), dtype=np.float32)
        return np.stack([self._vectors[duplicate_key(t)] for t in texts]).astype(np.float32)
