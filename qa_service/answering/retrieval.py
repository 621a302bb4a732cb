"""Find the passages most relevant to a query (dense + BM25, fused, de-duplicated); measure sentences."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from qa_service.answering import cues
from qa_service.answering.sentence_vectors import SentenceVectors
from qa_service.errors import IndexInvalid
from qa_service.index import fusion
from qa_service.index.keyword import LexicalIndex
from qa_service.index.store import LoadedIndex
from qa_service.models import Filters, Hit, Passage, Query, SentenceMatch

log = logging.getLogger(__name__)

ALLOWED_ROWS_KEPT = 256  # filter combinations whose passage rows one retriever remembers


class QueryEncoder(Protocol):
    """What retrieval needs from an encoder: questions, and sentences of the passages it retrieves."""

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...
    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...


@dataclass(frozen=True)
class Ranking:
    """How hybrid search ranks: the fusion of dense and BM25, then MMR against near-duplicates."""

    fusion: fusion.FusionConfig = fusion.FusionConfig()
    mmr_lambda: float = 0.85  # mostly relevance; similarity only breaks near-ties
    duplicate_at: float = 0.95  # cosine above which a passage repeats one already picked


class Retriever:
    """Hybrid retrieval over one loaded index, plus how closely each sentence of a hit matches."""

    def __init__(self, index: LoadedIndex, encoder: QueryEncoder, ranking: Ranking = Ranking()) -> None:
        self.index, self.encoder, self.ranking = index, encoder, ranking
        self.passages = index.passages
        self.passage_vectors = index.vectors.vectors()
        self.sentence_vectors = SentenceVectors(index, encoder)
        self.lexical = _lexical(index)
        bounds = np.cumsum([0] + [len(p.sentences) for p in self.passages])
        self._sentence_rows = list(zip(bounds[:-1], bounds[1:], strict=True))
        self._rows = {p.id: i for i, p in enumerate(self.passages)}
        self._tokens = [self.tokens(p.text[s:e]) for p in self.passages for s, e in p.sentences]
        self.term_weights = cues.TermWeights.from_sentences(self._tokens)
        self._allowed_rows: dict[Filters, np.ndarray] = {}

    def embed(self, text: str) -> Query:
        """Return the query for text: the text and its unit vector."""
        return Query(text, self.encoder.encode_queries([text])[0])

    def tokens(self, text: str) -> list[str]:
        """Return text as the stemmed, stop-word-free words BM25 uses (lower-cased words without it)."""
        return self.lexical.tokens(text) if self.lexical else text.lower().split()

    def search(self, query: Query, k: int, filters: Filters = Filters()) -> list[Hit]:
        """Return up to k hits, best first, honouring filters: fused dense + BM25, then MMR."""
        return self._diverse(self.ranked(query, filters), k) if k > 0 else []

    def ranked(self, query: Query, filters: Filters = Filters()) -> list[tuple[int, float]]:
        """Return (row, fused score) for the passages passing filters, best first, without MMR."""
        rows = self._allowed(filters)
        if rows is not None and not len(rows):
            return []
        depth = len(self.passages) if rows is not None else self.ranking.fusion.depth
        scores, labels = self.index.vectors.search(query.vector, depth)
        dense = (scores[0], labels[0])
        if rows is not None:
            keep = np.isin(dense[1], rows)
            dense = (dense[0][keep], dense[1][keep])
        if self.lexical is None:
            return [(int(row), float(score)) for score, row in zip(*dense, strict=True)]
        lexical = self.lexical.search(query.text, self.ranking.fusion.depth, rows=rows)
        return fusion.fuse(dense, lexical, self.ranking.fusion)

    def passage(self, passage_id: str) -> Passage | None:
        """Return the passage with this id, or None."""
        row = self._rows.get(passage_id)
        return None if row is None else self.passages[row]

    def sentences(self, query: Query, hits: list[Hit]) -> list[SentenceMatch]:
        """Return every sentence of the hit passages with its cosine and word overlap to the query."""
        wanted = self.tokens(query.text)
        found: list[SentenceMatch] = []
        rows = [self._rows[hit.passage.id] for hit in hits]
        for hit, row, sentences in zip(hits, rows, self.sentence_vectors.for_rows(rows), strict=True):
            first = self._sentence_rows[row][0]
            similarities = sentences @ query.vector
            passage_similarity = float(self.passage_vectors[row] @ query.vector)
            for i, (start, end) in enumerate(hit.passage.sentences):
                overlap = self.term_weights.overlap(wanted, self._tokens[first + i])
                similarity = float(similarities[i])
                found.append(SentenceMatch(hit.passage, start, end, similarity, passage_similarity, overlap))
        return found

    def _allowed(self, filters: Filters) -> np.ndarray | None:
        if filters == Filters():
            return None
        # a filter scan walks every passage (ms at 10^4); one index sees few distinct filters, so keep them
        rows = self._allowed_rows.get(filters)
        if rows is None:
            if len(self._allowed_rows) >= ALLOWED_ROWS_KEPT:  # values come from users: stay bounded
                self._allowed_rows.clear()
            rows = np.array([i for i, p in enumerate(self.passages) if filters.allows(p)], dtype=np.int64)
            rows.flags.writeable = False
            self._allowed_rows[filters] = rows
        return rows

    def _diverse(self, fused: list[tuple[int, float]], k: int) -> list[Hit]:
        pool = fused[: max(3 * k, 20)]
        if not pool:
            return []
        relevance = fusion.normalised(np.array([score for _, score in pool]))
        picked = fusion.mmr(
            [row for row, _ in pool],
            relevance,
            self.passage_vectors,
            lambda_=self.ranking.mmr_lambda,
            top_k=k,
            duplicate_at=self.ranking.duplicate_at,
        )
        score = dict(pool)
        return [Hit(self.passages[row], score[row]) for row in picked]


def _lexical(index: LoadedIndex) -> LexicalIndex | None:
    folder = index.folder / "lexical"
    if not folder.exists():
        # an index built before keyword search existed still serves, dense-only, until rebuilt
        log.warning("index %s has no keyword index; serving dense-only", index.version)
        return None
    lexical = LexicalIndex.load(folder)
    if len(lexical) != len(index.passages):
        raise IndexInvalid(f"keyword index has {len(lexical)} rows for {len(index.passages)} passages")
    return lexical
