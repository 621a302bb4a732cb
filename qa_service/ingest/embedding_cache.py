"""Embed texts in windows as they stream in, once per near-duplicate, reusing the live index's vectors.

Each new passage's sentences are embedded in the same encoder call as the passages (one sorted batch
stream) and kept under the passage's key, so the service embeds nothing but the question
(answering/sentence_vectors.py; the choice is measured in docs/performance.md).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Protocol

import numpy as np

from qa_service.index.store import SENTENCE_VECTORS, LoadedIndex
from qa_service.ingest.context import retrieval_text
from qa_service.ingest.tables.spans import scoring_text
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
    """A near-duplicate key → vector (and its sentences' vectors) map, seeded from the previous index."""

    def __init__(
        self,
        vectors: dict[str, np.ndarray] | None = None,
        documents: Mapping[str, DocumentMeta] | None = None,
        seeded: dict[str, str] | None = None,
        sentences: dict[str, np.ndarray] | None = None,
    ) -> None:
        self._vectors = vectors or {}
        self._sentences = sentences or {}  # key -> unit vectors of its passage's sentences, float16
        self._documents = documents or {}  # id -> metadata of this build's corpus: the contextual headers
        self._seeded = seeded or {}  # passage id -> its text, for the live index's passages
        self._pending: dict[str, tuple[str, list[str]]] = {}  # key -> first text seen, its sentences
        self._by_sentence: dict[str, np.ndarray] = {}  # sentence text -> its vector, across windows
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
        vectors = dict(zip(keys, loaded.vectors.vectors(), strict=True))
        return cls(vectors, documents, seeded, _stored_sentences(loaded, keys))

    def texts(self, passages: list[Passage], *, reused: bool = False) -> list[str]:
        """Return the text the encoder embeds and BM25 indexes for each passage, computed once per build.

        Passages reused from the live index (`reused`) have theirs already, from seeding.
        """
        if reused:
            return [self._seeded[p.id] for p in passages]
        return [retrieval_text(p, self._documents) for p in passages]

    def add(self, texts: list[str], encoder: PassageEncoder, passages: list[Passage]) -> int:
        """Queue texts (one per passage) for embedding; encode the queue once it fills a window.

        Return how many passage texts were encoded."""
        for text, passage in zip(texts, passages, strict=True):
            key = duplicate_key(text)
            if key in self._fresh or key in self._pending:  # embedded (or queued) earlier in this build
                self.duplicates += 1
            elif key in self._vectors and key in self._sentences:  # from the live index
                self.reused += 1
            else:
                self._pending[key] = (
                    text,
                    [scoring_text(passage, start, end) for start, end in passage.sentences],
                )
        return self.flush(encoder) if len(self._pending) >= WINDOW else 0

    def flush(self, encoder: PassageEncoder) -> int:
        """Encode every queued text and its sentences now (one call); return how many texts were encoded."""
        if not self._pending:
            return 0
        keys = list(self._pending)
        texts = [text for text, _ in self._pending.values()]
        by_text = self._by_sentence  # a sentence met in an earlier window (a repeated row) is not re-embedded
        sentences = list(
            dict.fromkeys(s for _, found in self._pending.values() for s in found if s not in by_text)
        )
        started = time.perf_counter()
        vectors = np.asarray(encoder.encode_passages(texts + sentences), dtype=np.float32)
        self.seconds += time.perf_counter() - started
        self._vectors.update(zip(keys, vectors[: len(texts)], strict=True))
        by_text.update(zip(sentences, vectors[len(texts) :].astype(np.float16), strict=True))
        width = vectors.shape[1]
        for key, (_, found) in self._pending.items():
            rows = np.array([by_text[s] for s in found], np.float16)
            self._sentences[key] = rows.reshape(len(found), width)
        self._fresh.update(keys)
        self._pending.clear()
        self.embedded += len(keys)
        return len(keys)

    def vectors(self, texts: list[str], dimension: int) -> np.ndarray:
        """Return the (flushed) vectors of texts in order, shape (len(texts), dimension)."""
        if not texts:
            return np.zeros((0, dimension), dtype=np.float32)
        return np.stack([self._vectors[duplicate_key(t)] for t in texts]).astype(np.float32)

    def sentence_vectors(self, texts: list[str], passages: list[Passage], dimension: int) -> np.ndarray:
        """Return every passage's sentence vectors, in order, as float16 (what the index stores).

        A passage whose near-duplicate was cut into other sentences gets zero rows: the service embeds
        those sentences when first asked (answering/sentence_vectors.py).
        """
        rows: list[np.ndarray] = [np.zeros((0, dimension), np.float16)]
        for text, passage in zip(texts, passages, strict=True):
            found = self._sentences.get(duplicate_key(text))
            if found is None or len(found) != len(passage.sentences):
                found = np.zeros((len(passage.sentences), dimension), np.float16)
            rows.append(found)
        return np.concatenate(rows).astype(np.float16)


def _stored_sentences(loaded: LoadedIndex, keys: list[str]) -> dict[str, np.ndarray]:
    """Return key -> sentence vectors of the live index's passages that have all of theirs stored."""
    path = loaded.folder / SENTENCE_VECTORS
    if not path.exists():  # an index from before sentence vectors were stored: its passages re-embed
        return {}
    stored = np.load(path, mmap_mode="r")
    bounds = np.cumsum([0] + [len(p.sentences) for p in loaded.passages])
    spans = zip(bounds[:-1], bounds[1:], strict=True)
    rows = [np.array(stored[start:end], np.float16) for start, end in spans]
    return {key: row for key, row in zip(keys, rows, strict=True) if row.any(axis=1).all()}
