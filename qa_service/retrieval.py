"""Find the passages and sentences most relevant to a question in a loaded index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .answer import Candidate
from .errors import IndexInvalid
from .models import Hit, Passage
from .store import LoadedIndex


class QueryEncoder(Protocol):
    """What retrieval needs from an encoder."""

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class Filters:
    """Restrict a search to documents of one kind, council or id (None = any)."""

    kind: str | None = None
    council: str | None = None
    document: str | None = None

    def allows(self, passage: Passage) -> bool:
        """Return True when the passage passes every filter that is set."""
        return all(
            want is None or (have or "").casefold() == want.casefold()
            for want, have in (
                (self.kind, passage.kind),
                (self.council, passage.council),
                (self.document, passage.document_id),
            )
        )


class Retriever:
    """Dense retrieval over one loaded index, plus sentence scoring for answers."""

    def __init__(self, index: LoadedIndex, encoder: QueryEncoder) -> None:
        self.index = index
        self.encoder = encoder
        self.passages = index.passages
        self.sentence_vectors = _sentence_vectors(index)
        bounds = np.cumsum([0] + [len(p.sentences) for p in self.passages])
        self._sentence_rows = list(zip(bounds[:-1], bounds[1:], strict=True))
        self._rows = {p.id: i for i, p in enumerate(self.passages)}

    def embed(self, question: str) -> np.ndarray:
        """Return the question's unit vector."""
        return self.encoder.encode_queries([question])[0]

    def search(self, query: np.ndarray, k: int, filters: Filters = Filters()) -> list[Hit]:
        """Return up to k hits, best first, honouring filters."""
        depth = len(self.passages) if filters != Filters() else k
        scores, labels = self.index.vectors.search(query, depth)
        hits = [
            Hit(self.passages[row], float(score)) for score, row in zip(scores[0], labels[0], strict=True)
        ]
        return [hit for hit in hits if filters.allows(hit.passage)][:k]

    def candidates(self, query: np.ndarray, hits: list[Hit]) -> list[Candidate]:
        """Score every sentence of the hit passages against the question."""
        found: list[Candidate] = []
        for hit in hits:
            first, last = self._sentence_rows[self._rows[hit.passage.id]]
            similarities = self.sentence_vectors[first:last] @ query
            for (start, end), similarity in zip(hit.passage.sentences, similarities, strict=True):
                # the passage's own relevance steadies sentences that are short or lack context
                score = 0.7 * float(similarity) + 0.3 * hit.score
                found.append(Candidate(hit.passage, start, end, score))
        return found


def _sentence_vectors(index: LoadedIndex) -> np.ndarray:
    expected = sum(len(p.sentences) for p in index.passages)
    try:
        vectors = np.load(index.folder / "sentence_vectors.npy")
    except (OSError, ValueError) as exc:
        raise IndexInvalid(f"unreadable sentence vectors: {exc}") from exc
    if (
        vectors.ndim != 2
        or len(vectors) != expected
        or (expected and vectors.shape[1] != index.vectors.dimension)
    ):
        raise IndexInvalid(f"{len(vectors)} sentence vectors for {expected} sentences")
    return vectors.astype(np.float32)
