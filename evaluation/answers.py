"""Evaluate whole answers: index evaluation documents for real and ask the real QAService."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.datasets import EvalQuery, EvalSet, gold_in
from qa_service.answering.compose import normalise_space, verify_quote
from qa_service.answering.service import QAService, Settings
from qa_service.ingest.build import build_index
from qa_service.ingest.corpus import slug
from qa_service.models import Answer, Filters


def indexed_service(source: Path, index_dir: Path, encoder: Any) -> QAService:
    """Build an index of source (a no-op when index_dir is already up to date) and serve it."""
    build_index(source, index_dir, encoder, progress=False)
    service = QAService(index_dir, encoder, Settings(cache_size=0))  # every question really answered
    if not service.load():
        raise RuntimeError(f"the evaluation index did not load: {service.reason}")
    return service


def write_documents(eval_set: EvalSet, folder: Path) -> dict[str, str]:
    """Write one text document per `doc` (its passages as paragraphs); return doc -> document id."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs: dict[str, list[str]] = {}
    for entry in eval_set.corpus:
        paragraphs.setdefault(entry.doc or "corpus", []).append(normalise_space(entry.text))
    ids = {}
    for doc, texts in paragraphs.items():
        ids[doc] = slug(doc)
        (folder / f"{ids[doc]}.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    return ids


def score_answer(query: EvalQuery, answer: Answer) -> dict[str, bool | int]:
    """Return whether one answer's quotes, cited passages and top-5 passages hold a gold span."""
    quotes = " ".join(citation.quote for citation in answer.citations)
    cited = " \n ".join(citation.passage.text for citation in answer.citations)
    return {
        "covered": answer.covered,
        "answer": bool(quotes) and gold_in(quotes, query.answers),
        "cited": bool(cited) and gold_in(cited, query.answers),
        "top5": any(gold_in(hit.passage.text, query.answers) for hit in answer.hits[:5]),
        "unverified": sum(not verify_quote(c.quote, c.passage) for c in answer.citations),
        "words": len(quotes.split()),  # longer answers hold more gold spans: report length beside it
    }


def extractive_report(service: QAService, eval_set: EvalSet, ids: Mapping[str, str]) -> dict[str, Any]:
    """Ask every query within its own document and report the shares of answers holding a gold span."""
    service.ask("warm up", filters=Filters(document=next(iter(ids.values()))))
    rows, millis = [], []
    for query in eval_set.queries:
        start = time.perf_counter()
        answer = service.ask(query.text, filters=Filters(document=ids[query.doc or "corpus"]))
        millis.append(1e3 * (time.perf_counter() - start))
        rows.append(score_answer(query, answer))
    count = max(1, len(rows))
    covered = [row for row in rows if row["covered"]]
    return {
        "questions": len(rows),
        "answer_has_gold": round(sum(row["answer"] for row in rows) / count, 4),
        "cited_has_gold": round(sum(row["cited"] for row in rows) / count, 4),
        "top5_has_gold": round(sum(row["top5"] for row in rows) / count, 4),
        "covered": round(len(covered) / count, 4),
        "answer_has_gold_when_covered": round(sum(r["answer"] for r in covered) / max(1, len(covered)), 4),
        "unverified_quotes": sum(int(row["unverified"]) for row in rows),
        "words_when_answered": round(sum(int(r["words"]) for r in covered) / max(1, len(covered)), 1),
        "p50_ms": round(float(np.median(millis)), 1) if millis else None,
    }
