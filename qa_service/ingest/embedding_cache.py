"""Reuse vectors from the live index for texts that did not change (keyed by text, same model only)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
from tqdm import tqdm

from qa_service.errors import QAError
from qa_service.index import store

BATCH = 64


class PassageEncoder(Protocol):
    """What the cache needs from an encoder."""

    dimension: int

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...


class EmbeddingCache:
    """A text → vector map seeded from the previous index built with the same model."""

    def __init__(self, vectors: dict[str, np.ndarray] | None = None) -> None:
        self._vectors = vectors or {}
        self.embedded = 0
        self.reused = 0

    @classmethod
    def from_index(cls, index_dir: Path, model_checksum: str) -> EmbeddingCache:
        """Seed the cache from the live index when it was built with this model; else start empty."""
        try:
            loaded = store.load_index(index_dir, model_checksum=model_checksum)
            texts = [p.text for p in loaded.passages]
            vectors = dict(zip(texts, loaded.vectors.vectors(), strict=True))
            sentences = [p.text[s:e] for p in loaded.passages for s, e in p.sentences]
            sentence_vectors = np.load(loaded.folder / "sentence_vectors.npy")
            if len(sentence_vectors) == len(sentences):
                vectors.update(zip(sentences, sentence_vectors, strict=True))
            return cls(vectors)
        except (QAError, OSError, ValueError):
            return cls()

    def embed(self, texts: list[str], encoder: PassageEncoder, *, progress: bool = True) -> np.ndarray:
        """Return vectors for texts, encoding only those not cached (with a progress bar)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        with tqdm(
            total=len(missing), desc="embedding", unit="text", disable=not progress or not missing
        ) as bar:
            for start in range(0, len(missing), BATCH):
                batch = missing[start : start + BATCH]
                for text, vector in zip(batch, encoder.encode_passages(batch), strict=True):
                    self._vectors[text] = vector
                bar.update(len(batch))
        self.embedded += len(missing)
        self.reused += len(texts) - len(missing)
        if not texts:
            return np.zeros((0, encoder.dimension), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts]).astype(np.float32)
