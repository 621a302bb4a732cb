"""The question-answering service: one loaded index and encoder, verbs for the web layer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from qa_service.answering import compose, cues
from qa_service.answering.composing.focus import Coverage
from qa_service.answering.composing.gate import Gate, Similar, support, vocabulary
from qa_service.answering.composing.quoting import Span
from qa_service.answering.composing.stored_bar import calibrate
from qa_service.answering.followups import standalone_question
from qa_service.answering.listing import best_per_document, case_study_answer, is_list_question
from qa_service.answering.query_cache import QueryCache
from qa_service.answering.quotes.check import QuoteCheck, QuoteChecker
from qa_service.answering.recommendations import Recommendations, find_recommendations
from qa_service.answering.retrieval import Retriever
from qa_service.answering.routing import Route
from qa_service.answering.shared_cache import SharedAnswerCache
from qa_service.config import DEFAULTS, number
from qa_service.errors import NotFound, NotReady, QAError
from qa_service.index.store import load_index
from qa_service.models import Answer, DocumentMeta, DocumentRef, Filters, Hit, Passage, Query

log = logging.getLogger(__name__)

# A definition question's answer must name the term; the passages that do may rank below the top k
DEFINITION_DEPTH = 20  # how far down the ranking to look for them
DEFINITION_EXTRA = 3  # how many join the top k
# a question asking a line item's figure: passages holding a row it names, looked for this far down
ITEM_DEPTH = 30
ITEM_EXTRA = 2
# the passages of a hit's page ranked this high, left out to spread the hits over pages, are read too
SIBLING_DEPTH = 5


@dataclass(frozen=True)
class Settings:
    """Answering knobs, read from the app config."""

    default_k: int = number(DEFAULTS, "DEFAULT_K")
    cover_threshold: float = float(DEFAULTS["COVER_THRESHOLD"])  # type: ignore[arg-type]
    policy: compose.Policy = compose.Policy()
    weights: compose.Weights = compose.Weights()
    cache_size: int = number(DEFAULTS, "QUERY_CACHE_SIZE")  # answers kept for repeated questions (0: none)

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> Settings:
        """Return the settings an app's config sets (config.py declares every default)."""
        threshold = float(config["COVER_THRESHOLD"])  # type: ignore[arg-type]
        return cls(number(config, "DEFAULT_K"), threshold, cache_size=number(config, "QUERY_CACHE_SIZE"))


class QAService:
    """Answer, search and look up passages over the live index; refuses to serve a bad index."""

    def __init__(
        self,
        index_dir: Path,
        encoder: Any,
        settings: Settings = Settings(),
        shared: SharedAnswerCache | None = None,
    ) -> None:
        self.index_dir = index_dir
        self.encoder = encoder
        self.settings = settings
        self._retriever: Retriever | None = None
        self.gate = Gate(settings.cover_threshold)  # replaced, calibrated to the corpus, by each load
        self.reason = "index not loaded yet"
        self.last_error = ""
        self._lock = threading.Lock()
        self.cache = QueryCache(settings.cache_size)
        self.shared = shared  # across replicas (QA_REDIS_URL); the local LRU is asked first
        self._quotes: QuoteChecker | None = None  # folded passage texts of the live index, built on first use

    def load(self) -> bool:
        """Load (or reload) the index beside the live one; a refused index never replaces a good one."""
        try:
            index = load_index(
                self.index_dir, model_checksum=self.encoder.checksum, dimension=self.encoder.dimension
            )
            retriever = Retriever(index, self.encoder)
            gate = self._calibrate(retriever)
        except Exception as exc:  # any damage (not only the checks in store) means: do not serve it
            message = exc.message if isinstance(exc, QAError) else f"{type(exc).__name__}: {exc}"
            log.error("index refused: %s", message)
            with self._lock:
                self.last_error = message
                if self._retriever is None:
                    self.reason = message
            return False
        with self._lock:  # requests already holding the old retriever finish on it
            self._retriever, self.gate, self.reason, self.last_error = retriever, gate, "", ""
        self.cache.clear()  # keys carry the version already; this frees the old answers' memory
        return True

    def _calibrate(self, retriever: Retriever) -> Gate:
        """Return the gate for this index: its chance bar (null probes, measured once per version and
        kept beside it: composing/stored_bar.py), its vocabulary."""
        settings = {"k": self.settings.default_k, "weights": asdict(self.settings.weights)}
        found = calibrate(
            self.index_dir,
            retriever.index.manifest,
            lambda question: support(self._probe(retriever, question), question),
            settings=settings,
        )
        titles = [t for d in retriever.index.documents for t in d.titles]
        words = vocabulary([*(p.text for p in retriever.passages), *titles])
        log.info("index %s: chance bar %.3f", retriever.index.version, found.bar)
        coverage = _coverage(retriever)
        return Gate(self.settings.cover_threshold, found.bar, found.bar_words, words=words, coverage=coverage)

    def _probe(self, retriever: Retriever, question: str) -> list[compose.Candidate]:
        """Return the scored sentences of the top passages for a question, as an answer would see them."""
        query = retriever.embed(question)
        hits = retriever.search(query, self.settings.default_k)
        return compose.score_sentences(question, retriever.sentences(query, hits), self.settings.weights)

    @property
    def retriever(self) -> Retriever:
        """Return the live retriever or raise NotReady with the reason."""
        retriever = self._retriever
        if retriever is None:
            raise NotReady(self.reason or "index not loaded")
        return retriever

    @property
    def _subject(self) -> frozenset[str]:
        """Return the search words of the documents' own names (titles, publishers) of the live index."""
        coverage = self.gate.coverage
        return coverage.subject if coverage is not None else frozenset()

    @property
    def version(self) -> str | None:
        """Return the live index version, if any."""
        retriever = self._retriever
        return retriever.index.version if retriever else None

    def ask(
        self,
        question: str,
        k: int | None = None,
        filters: Filters = Filters(),
        history: Sequence[Mapping[str, str]] = (),
    ) -> Answer:
        """Answer a question, from the cache when it was asked before of this index (and stands alone)."""
        retriever = self.retriever  # one index for the key and the answer, even if a swap lands now
        if history:  # a follow-up depends on its conversation: never shared between users
            return self._answer(retriever, question, k, filters, history)
        key = QueryCache.key(retriever.index.version, question, k or self.settings.default_k, filters)
        cached = self.cache.get(key)
        if cached is None and self.shared is not None:
            cached = self.shared.get(key, retriever.passage)
            if cached is not None:
                self.cache.put(key, cached)
        if cached is not None:
            return replace(cached, question=question, standalone_question=question)
        answer = self._answer(retriever, question, k, filters, history)
        self.cache.put(key, answer)
        if self.shared is not None:
            self.shared.put(key, answer)
        return answer

    def _answer(
        self,
        retriever: Retriever,
        question: str,
        k: int | None,
        filters: Filters,
        history: Sequence[Mapping[str, str]],
    ) -> Answer:
        """Answer a question with verbatim, verified quotes, or say the documents do not cover it."""
        standalone = standalone_question(question, history)
        searched = retriever.spelling(standalone)  # in the corpus's spelling: "recognise" for "recognize"
        query = retriever.embed(searched)
        listed = is_list_question(searched) and case_study_answer(
            retriever, query, filters, self.settings.weights
        )
        if listed:
            hits, text, citations = listed
            return Answer(question, text, True, citations, tuple(hits), retriever.index.version, standalone)
        route = retriever.route(searched, filters)
        ranked = retriever.ranked(query, filters, route)
        hits = retriever.pick(ranked, k or self.settings.default_k)
        term = cues.defined_term(searched, retriever.tokenizer)
        if term is not None:  # only sentences naming the term can define it: look a little further for them
            hits += _naming(retriever, term, ranked[:DEFINITION_DEPTH], hits)
        elif compose.asks_figure(searched):  # only a row naming the line item states its figure
            hits += _itemising(retriever, searched, ranked[:ITEM_DEPTH], hits, self._subject)
        # the sentence that answers may be in another passage of a page the hits show (one per page)
        consulted = retriever.with_siblings(ranked, hits, SIBLING_DEPTH)
        matches = retriever.sentences(query, consulted)
        candidates = compose.score_sentences(searched, matches, self.settings.weights)
        if term is not None:
            candidates = compose.about_term(candidates, term, retriever.tokenizer)
        # a definition's shape ("… Unit (LGIU)", "SCOPE 3: Emissions that …") answers it outright
        shaped = [c for c in candidates if term is not None and c.fits]
        items = (
            []
            if term is not None
            else compose.line_items(searched, candidates, retriever.tokenizer, self._subject)
        )
        chosen = compose.select(shaped or candidates, self.settings.policy, route.ids, items)
        best = compose.evidence(candidates)
        covered = bool(shaped) or (
            bool(hits)
            and self.gate.admits(searched, candidates, best, route.ids)
            and not self.gate.unanswered(searched, chosen, _similarity(retriever, query))
        )
        text, citations = compose.cite(chosen) if covered else ("", ())
        if not citations:
            covered, text = False, compose.not_covered(term.text if term and not candidates else None)
        return Answer(
            question,
            text,
            covered,
            citations,
            tuple(hits),
            retriever.index.version,
            standalone_question=standalone,
            evidence=round(best, 4),
            scope=_scope(retriever, route, filters),
        )

    def search_with_version(
        self, text: str, k: int | None = None, filters: Filters = Filters()
    ) -> tuple[list[Hit], str]:
        """Search, and name the index version the hits came from (one retriever, even mid-swap)."""
        retriever = self.retriever
        text = retriever.spelling(text)
        query = retriever.embed(text)
        if filters.kind or filters.council:
            return best_per_document(retriever, query, filters), retriever.index.version
        route = retriever.route(text, filters)
        return retriever.search(query, k or self.settings.default_k, filters, route), retriever.index.version

    def check_quote(self, quote: str, filters: Filters = Filters()) -> QuoteCheck:
        """Say whether the documents contain quote: exact, close (with the differences) or not found."""
        retriever = self.retriever
        checker = self._quotes
        if checker is None or checker.retriever is not retriever:  # a reload swapped the index
            checker = self._quotes = QuoteChecker(retriever)
        return checker.check(quote, filters)

    def recommendations(self, filters: Filters = Filters()) -> Recommendations:
        """Return the recommendations the documents make, verbatim, grouped by addressee."""
        return find_recommendations(p for p in self.retriever.passages if filters.allows(p))

    def passage(self, passage_id: str) -> Passage:
        """Return one passage by id, or raise NotFound."""
        passage = self.retriever.passage(passage_id)
        if passage is None:
            raise NotFound(f"no passage with id {passage_id!r}")
        return passage

    def documents(self) -> list[DocumentMeta]:
        """Return the documents of the live index as listed in its manifest."""
        return list(self.retriever.index.documents)


def _similarity(retriever: Retriever, query: Query) -> Similar:
    """Return the cosine of a quoted sentence (its vector as the answer scored it) and a text (the
    question's own vector, other texts embedded once per answer)."""
    vectors: dict[str, Any] = {query.text: query.vector}

    def vector(text: str) -> Any:
        if text not in vectors:
            vectors[text] = retriever.embed(text).vector
        return vectors[text]

    def cosine(quoted: Span, text: str) -> float:
        sentence = retriever.sentence_vector(quoted.passage, quoted.start)
        if sentence is None:  # not a sentence of its passage as split (never for a scored candidate)
            sentence = vector(quoted.passage.text[quoted.start : quoted.end])
        return float(sentence @ vector(text))

    return cosine


def _coverage(retriever: Retriever) -> Coverage:
    """Return what the corpus holds for the gate: its search words, the names and years of its documents."""
    weights = retriever.term_weights
    named = {
        d.id: " ".join(filter(None, [*d.titles, d.id, d.path, d.publisher, d.council, d.date]))
        for d in retriever.index.documents
    }
    return Coverage.of(retriever.tokenizer, weights.idf, weights.default, retriever.sentence_words(), named)


def _naming(
    retriever: Retriever, term: cues.DefinedTerm, ranked: list[tuple[int, float]], hits: list[Hit]
) -> list[Hit]:
    """Return up to DEFINITION_EXTRA ranked passages, not among hits, whose text names the term."""
    have = {hit.passage.id for hit in hits}
    naming = [
        Hit(passage, score)
        for passage, score in ((retriever.passages[row], score) for row, score in ranked)
        if passage.id not in have and term.named_in(retriever.tokenizer(passage.text), passage.text)
    ]
    return naming[:DEFINITION_EXTRA]


def _itemising(
    retriever: Retriever,
    question: str,
    ranked: list[tuple[int, float]],
    hits: list[Hit],
    subject: frozenset[str],
) -> list[Hit]:
    """Return up to ITEM_EXTRA ranked passages, not among hits, holding a table row whose label the
    question names with more of its words than any row of the hits (a statement page of numbers ranks
    below the prose that discusses its line items)."""
    asked = set(compose.search_words(question, retriever.tokenizer))

    def named(passage: Passage) -> int:
        labels = retriever.row_labels(passage)
        return max((compose.label_named(asked, label, subject) for label in labels), default=0)

    have = {hit.passage.id for hit in hits}
    best = max((named(hit.passage) for hit in hits), default=0)
    found = [(named(p), Hit(p, score)) for p, score in ((retriever.passages[r], s) for r, s in ranked)]
    found = [(size, hit) for size, hit in found if size > best and hit.passage.id not in have]
    found.sort(key=lambda pair: -pair[0])
    return [hit for _, hit in found[:ITEM_EXTRA]]


def _scope(retriever: Retriever, route: Route, filters: Filters) -> tuple[DocumentRef, ...]:
    """Return the documents an answer was scoped to: the one a filter names, else the routed ones."""
    if filters.document:
        titles = {d.id: d.title or d.id for d in retriever.index.documents}
        found = titles.get(filters.document) or next(
            (t for i, t in titles.items() if i.casefold() == filters.document.casefold()), None
        )
        return (DocumentRef(filters.document, found),) if found else ()
    return tuple(DocumentRef(i, t) for i, t in zip(route.ids, route.titles, strict=True))
