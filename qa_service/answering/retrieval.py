"""Find the passages most relevant to a query (dense + BM25, fused, de-duplicated); measure sentences."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from qa_service.answering import cues
from qa_service.answering.compose import row_label
from qa_service.answering.routing import NO_ROUTE, Route, Router
from qa_service.answering.sentence_vectors import SentenceVectors
from qa_service.errors import IndexInvalid
from qa_service.index import fusion
from qa_service.index.keyword import LexicalIndex
from qa_service.index.spelling import CorpusSpelling
from qa_service.index.store import LoadedIndex
from qa_service.index.tokenizer import Tokenizer
from qa_service.ingest.tables.spans import scoring_text
from qa_service.models import Filters, Hit, Passage, Query, SentenceMatch

log = logging.getLogger(__name__)

ALLOWED_ROWS_KEPT = 256  # filter combinations whose passage rows one retriever remembers
PROSE_SAMPLE = 2000  # passages, spread over the corpus, from which routing learns how words are written
ROUTE_BOOST = 2.0


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
    # fused-score bonus (z-score units) for passages of the documents a question names; measured on the
    # filings set in docs/evaluation.md: soft, so a wrong guess lowers the right passage, never hides it
    route_boost: float = ROUTE_BOOST


class Retriever:
    """Hybrid retrieval over one loaded index, plus how closely each sentence of a hit matches."""

    def __init__(self, index: LoadedIndex, encoder: QueryEncoder, ranking: Ranking = Ranking()) -> None:
        self.index, self.encoder, self.ranking = index, encoder, ranking
        self.passages = index.passages
        self.passage_vectors = index.vectors.vectors()
        self.sentence_vectors = SentenceVectors(index, encoder)
        self.lexical = _lexical(index)
        # the keyword index's own tokenizer (its recorded settings); a dense-only index: the default one
        self.tokenizer = self.lexical.tokenizer if self.lexical else Tokenizer()
        bounds = np.cumsum([0] + [len(p.sentences) for p in self.passages])
        self._sentence_rows = list(zip(bounds[:-1], bounds[1:], strict=True))
        self._rows = {p.id: i for i, p in enumerate(self.passages)}
        self._document_ids = np.array([p.document_id for p in self.passages], dtype=object)
        self._tokens = [self.tokenizer(scoring_text(p, s, e)) for p in self.passages for s, e in p.sentences]
        self.term_weights = cues.TermWeights.from_sentences(self._tokens)
        # a question's words in this corpus's spelling, British or American ("recognise" for "recognize")
        self.spelling = CorpusSpelling(self.tokenizer, self.term_weights.idf)
        self._allowed_rows: dict[Filters, np.ndarray] = {}
        self._labels: dict[str, tuple[frozenset[str], ...]] = {}  # per passage id, once (row_labels)
        prose = (p.text for p in self.passages[:: max(1, len(self.passages) // PROSE_SAMPLE)])
        self.router = Router(index.documents, prose)

    def embed(self, text: str) -> Query:
        """Return the query for text: the text and its unit vector."""
        return Query(text, self.encoder.encode_queries([text])[0])

    def route(self, question: str, filters: Filters = Filters()) -> Route:
        """Return the documents the question names, unless a document filter already scopes it."""
        return NO_ROUTE if filters.document else self.router.route(question)

    def search(
        self, query: Query, k: int, filters: Filters = Filters(), route: Route = NO_ROUTE
    ) -> list[Hit]:
        """Return up to k hits, best first, honouring filters: fused dense + BM25, then MMR."""
        return self.pick(self.ranked(query, filters, route), k)

    def ranked(
        self, query: Query, filters: Filters = Filters(), route: Route = NO_ROUTE
    ) -> list[tuple[int, float]]:
        """Return (row, fused score) for the passages passing filters, best first, without MMR."""
        rows = self._allowed(filters)
        if rows is not None and not len(rows):
            return []
        depth = self.ranking.fusion.depth
        dense = self._dense(query.vector, rows, depth)
        lexical = self.lexical.search(query.text, depth, rows=rows) if self.lexical else None
        preferred = self._preferred(route, rows)
        if preferred is not None and len(preferred):  # the named documents' best passages join the pool
            dense = _union(dense, self._dense(query.vector, preferred, depth))
            if self.lexical and lexical is not None:
                lexical = _union(lexical, self.lexical.search(query.text, depth, rows=preferred))
        fused = self._fuse(dense, lexical)
        return fusion.prefer(fused, preferred, self.ranking.route_boost) if preferred is not None else fused

    def _preferred(self, route: Route, rows: np.ndarray | None) -> np.ndarray | None:
        """Return the rows of the routed documents (within rows, when filtered), or None."""
        if not route:
            return None
        preferred = np.flatnonzero(np.isin(self._document_ids, route.ids))
        return preferred if rows is None else np.intersect1d(preferred, rows)

    def _dense(self, query: np.ndarray, rows: np.ndarray | None, depth: int) -> tuple[np.ndarray, np.ndarray]:
        if rows is None:
            scores, labels = self.index.vectors.search(query, depth)
            return scores[0], labels[0]
        scores = self.passage_vectors[rows] @ np.asarray(query, dtype=np.float32).ravel()
        top = np.argsort(-scores, kind="stable")[:depth]
        return scores[top], rows[top]

    def _fuse(
        self, dense: tuple[np.ndarray, np.ndarray], lexical: tuple[np.ndarray, np.ndarray] | None
    ) -> list[tuple[int, float]]:
        if lexical is None:
            return [(int(row), float(score)) for score, row in zip(*dense, strict=True)]
        depth = max(len(dense[1]), len(lexical[1]))  # a routed pool is deeper than one retriever's list
        return fusion.fuse(dense, lexical, replace(self.ranking.fusion, depth=depth))

    def sentence_words(self) -> Iterator[tuple[str, list[str]]]:
        """Yield (document id, stemmed search words) of every sentence of every passage, in order."""
        words = iter(self._tokens)
        for passage in self.passages:
            for _ in passage.sentences:
                yield passage.document_id, next(words)

    def passage(self, passage_id: str) -> Passage | None:
        """Return the passage with this id, or None."""
        row = self._rows.get(passage_id)
        return None if row is None else self.passages[row]

    def sentence_vector(self, passage: Passage, start: int) -> np.ndarray | None:
        """Return the vector of the passage's sentence starting at start (as the answer scored it)."""
        row = self._rows.get(passage.id)
        at = [i for i, (s, _) in enumerate(passage.sentences) if s == start]
        if row is None or not at:
            return None
        return self.sentence_vectors.for_rows([row])[0][at[0]]

    def sentences(self, query: Query, hits: list[Hit]) -> list[SentenceMatch]:
        """Return every sentence of the hit passages with its cosine and word overlap to the query."""
        wanted = self.tokenizer(query.text)
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

    def _place(self, row: int) -> tuple[str, int] | None:
        """Return where a passage sits on paper (document, page), or None for text without pages."""
        passage = self.passages[row]
        return None if passage.page is None else (passage.document_id, passage.page)

    def pick(self, fused: list[tuple[int, float]], k: int) -> list[Hit]:
        """Return up to k hits from a ranking (`ranked`): near-duplicates dropped, MMR, pages spread."""
        return self._diverse(fused, k) if k > 0 else []

    def _diverse(self, fused: list[tuple[int, float]], k: int) -> list[Hit]:
        # the same words in two documents are one passage to the reader, though their headers (and so
        # their vectors) differ: keep the better-ranked copy
        texts = {self.passages[row].text: row for row, _ in reversed(fused[: max(3 * k, 20)])}
        firsts = set(texts.values())
        pool = [(row, score) for row, score in fused[: max(3 * k, 20)] if row in firsts]
        if not pool:
            return []
        relevance = fusion.normalised(np.array([score for _, score in pool]))
        picked = fusion.mmr(
            [row for row, _ in pool],
            relevance,
            self.passage_vectors,
            lambda_=self.ranking.mmr_lambda,
            top_k=len(pool),
            duplicate_at=self.ranking.duplicate_at,
        )
        picked = fusion.spread(picked, [self._place(row) for row in picked], k)
        score = dict(pool)
        return [Hit(self.passages[row], score[row]) for row in picked]

    def row_labels(self, passage: Passage) -> tuple[frozenset[str], ...]:
        """Return the search words of the labels of the passage's table rows that state figures, read
        once per passage (a question asking a line item looks through the top 30 passages)."""
        found = self._labels.get(passage.id)
        if found is None:
            labels = (row_label(line, self.tokenizer) for line in passage.text.split("\n"))
            found = self._labels[passage.id] = tuple(label for label in labels if label)
        return found

    def with_siblings(self, fused: list[tuple[int, float]], hits: list[Hit], depth: int) -> list[Hit]:
        """Return hits with, after each, the passages of its page among the first `depth` of the fused
        ranking that were left out to spread the hits over pages (`fusion.siblings`)."""
        rows = [self._rows[hit.passage.id] for hit in hits]
        score = dict(fused[:depth]) | {row: hit.score for row, hit in zip(rows, hits, strict=True)}
        found = fusion.siblings(rows, [row for row, _ in fused[:depth]], self._place)
        return [Hit(self.passages[row], score[row]) for row in found]


def _union(
    first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Merge two (scores, rows) lists of the same retriever, best first, each row once."""
    scores = np.concatenate([first[0], second[0]])
    rows = np.concatenate([first[1], second[1]]).astype(np.int64)
    order = np.lexsort((rows, -scores))
    _, keep = np.unique(rows[order], return_index=True)
    picked = order[np.sort(keep)]
    return scores[picked], rows[picked]


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
