"""Run the filings set through the service's own retrieval under each context and routing variant.

Passages come from the service's reader and splitter (cached per PDF); vectors from the int8 ONNX
encoder (cached per text chunk); each variant is a real index folder served by the real Retriever.
The variants rank passages only; the shipped variant is also served by a real QAService, which asks
the labelled questions and our out-of-scope set (evaluation/pdf_answers/), composing whole answers.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.filings.naive import NaiveBaseline
from evaluation.filings.page_labels import label_report
from evaluation.filings.pdf_cache import cached_blocks, cached_vectors
from evaluation.filings.scoring import FilingQuestion, load_questions, summarise
from evaluation.pdf_answers.run import filings_answers
from qa_service.answering.retrieval import ROUTE_BOOST, Ranking, Retriever
from qa_service.answering.routing import NO_ROUTE, Router
from qa_service.answering.service import QAService, Settings
from qa_service.index import store
from qa_service.index.keyword import LexicalIndex
from qa_service.ingest import manifest
from qa_service.ingest.chunking import split_passages
from qa_service.ingest.context import retrieval_texts
from qa_service.ingest.corpus import discover
from qa_service.models import DocumentMeta, Filters, Passage

BOOSTS = (0.25, 0.5, 1.0, 2.0, 4.0)  # z-score units added to the named documents' fused scores
SHIPPED = f"header + routing, boost {ROUTE_BOOST}"  # what the service does (retrieval.ROUTE_BOOST)
DOCUMENT_BLEND = 0.3  # weight of the document's mean vector in the "document vector" variant


@dataclass(frozen=True)
class Corpus:
    """The filings as the service indexes them: documents, passages and both kinds of text."""

    documents: list[DocumentMeta]
    passages: list[Passage]
    plain: list[str]  # what the index held before: passage text (BM25 also saw the section)
    headed: list[str]  # contextual chunk headers + passage text


def load_corpus(source: Path, cache: Path, encoder: Any, limit: int | None = None) -> Corpus:
    """Read every PDF once (cached) and split it as the build does."""
    documents = discover(source)[0][:limit]  # titles are chosen against the whole folder either way
    passages: list[Passage] = []
    for meta in documents:
        _, found = split_passages(meta, cached_blocks(source / meta.path, cache), encoder.count_tokens)
        passages.extend(found)
    plain = [" ".join([*p.section, p.text]) for p in passages]
    return Corpus(documents, passages, plain, retrieval_texts(passages, documents))


def vectors_by_document(corpus: Corpus, texts: list[str], encoder: Any, cache: Path, name: str) -> np.ndarray:
    """Embed texts (one per passage) document by document, so each document's vectors cache on their own."""
    ids = [p.document_id for p in corpus.passages]
    parts = [
        cached_vectors([t for t, i in zip(texts, ids, strict=True) if i == meta.id], encoder, cache, name)
        for meta in corpus.documents
    ]
    return np.concatenate(parts)


def serve(folder: Path, corpus: Corpus, vectors: np.ndarray, lexical: list[str], encoder: Any) -> Retriever:
    """Write one index version (vectors, passages, BM25) into folder and return a Retriever over it.

    As the build does, no sentence vectors are stored: an answer embeds its passages' sentences."""
    version = manifest.new_version()
    described = [(meta, sum(p.document_id == meta.id for p in corpus.passages)) for meta in corpus.documents]
    record = manifest.make_manifest(version, "eval", encoder, described, corpus.passages, [])
    store.write_version(folder, version, record, corpus.passages, vectors, LexicalIndex.build(lexical))
    store.publish(folder, version)
    return Retriever(store.load_index(folder), encoder)


def document_blend(corpus: Corpus, vectors: np.ndarray, weight: float) -> np.ndarray:
    """Return passage vectors mixed with their document's mean vector, back at unit length."""
    ids = np.array([p.document_id for p in corpus.passages])
    mixed = vectors.copy()
    for document in np.unique(ids):
        rows = ids == document
        mixed[rows] += weight * vectors[rows].mean(axis=0)
    return mixed / np.linalg.norm(mixed, axis=1, keepdims=True)


def top5(
    retriever: Retriever, questions: list[FilingQuestion], route: str, boost: float = ROUTE_BOOST
) -> list:
    """Return each question's top-5 passages with routing off, soft (at boost) or as a hard filter."""
    retriever.ranking = replace(Ranking(), route_boost=boost)
    tops = []
    for question in questions:
        named = retriever.route(question.question) if route != "off" else NO_ROUTE
        hard = route == "hard" and len(named.ids) == 1
        filters = Filters(document=named.ids[0]) if hard else Filters()
        query = retriever.embed(question.question)
        hits = retriever.search(query, 5, filters, NO_ROUTE if hard else named)
        tops.append([hit.passage for hit in hits])
    return tops


def filings_report(
    folder: Path, cache: Path, limit: int | None = None, before: bool = True
) -> dict[str, Any]:
    """Score every variant and the naive baseline in one run (limit: the first N PDFs by name; before:
    also embed the passages without headers, a second full embedding, for the "before" row)."""
    from qa_service.encoders.onnx import OnnxEncoder

    encoder = OnnxEncoder(threads=2)
    corpus = load_corpus(folder / "src", cache, encoder, limit)
    ids = {meta.id for meta in corpus.documents}
    questions = [q for q in load_questions(folder / "questions.jsonl") if q.document_id in ids]
    headed = vectors_by_document(corpus, corpus.headed, encoder, cache, "filings-headed")
    texts = [p.text for p in corpus.passages]
    plain = vectors_by_document(corpus, texts, encoder, cache, "filings-plain") if before else None
    naive = NaiveBaseline({meta.id: folder / "src" / meta.path for meta in corpus.documents}, encoder, cache)
    with tempfile.TemporaryDirectory(prefix="qa-eval-filings-") as tmp:
        rows = _variants(Path(tmp), corpus, questions, (plain, headed), encoder)
        answers = _answers(Path(tmp) / "answers", corpus, headed, encoder, questions)
    router = Router(corpus.documents, (p.text for p in corpus.passages))
    routed = sum(router.route(q.question).ids == (q.document_id,) for q in questions)
    return {
        "documents": len(corpus.documents),
        "passages": len(corpus.passages),
        "questions": len(questions),
        "routed_exactly": round(routed / max(1, len(questions)), 3),
        "variants": rows,
        "naive": summarise(questions, [naive.top(q.question) for q in questions]),
        "naive_windows": len(naive.windows),
        "shipped": SHIPPED,
        "route_boost": ROUTE_BOOST,
        "answers": answers,
        "page_labels": label_report(folder / "src", cache, limit),
    }


def _answers(
    folder: Path, corpus: Corpus, vectors: np.ndarray, encoder: Any, questions: list[FilingQuestion]
) -> dict[str, Any]:
    """Serve the shipped variant through a real QAService and score its whole answers."""
    serve(folder, corpus, vectors, corpus.headed, encoder)
    service = QAService(folder, encoder, Settings(cache_size=0))
    if not service.load():
        raise RuntimeError(f"the filings answer index did not load: {service.reason}")
    return filings_answers(service, questions)


def _variants(
    tmp: Path,
    corpus: Corpus,
    questions: list[FilingQuestion],
    vectors: tuple[np.ndarray | None, np.ndarray],
    encoder: Any,
) -> list[dict[str, Any]]:
    plain, headed = vectors
    before = (
        []
        if plain is None
        else [("passage text only (before)", serve(tmp / "b", corpus, plain, corpus.plain, encoder))]
    )
    both = serve(tmp / "headed", corpus, headed, corpus.headed, encoder)
    dense_only = serve(tmp / "dense-only", corpus, headed, corpus.plain, encoder)
    blended = serve(
        tmp / "blend", corpus, document_blend(corpus, headed, DOCUMENT_BLEND), corpus.headed, encoder
    )
    runs = [
        *[(name, retriever, "off", 0.0) for name, retriever in before],
        ("header in vector only", dense_only, "off", 0.0),
        ("header in vector and BM25", both, "off", 0.0),
        (f"header + document vector ({DOCUMENT_BLEND})", blended, "off", 0.0),
        *[(f"header + routing, boost {b}", both, "soft", b) for b in BOOSTS],
        ("header + routing as a hard filter", both, "hard", 0.0),
    ]
    return [
        {"variant": name, **summarise(questions, top5(retriever, questions, route, boost))}
        for name, retriever, route, boost in runs
    ]
