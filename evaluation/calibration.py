"""Score a question set against a live service: Recall@k, unverified quotes, refusal error rates."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.answers import indexed_service
from evaluation.datasets import read_jsonl
from qa_service.answering.compose import normalise_space, verify_quote


@dataclass(frozen=True)
class Question:
    """One labelled question: in scope with a distinctive substring of its passage, or out of scope."""

    question: str
    covered: bool
    expect: str | None = None
    near_scope: bool = False  # out of scope but about the documents' own subject (the hard refusals)


@dataclass(frozen=True)
class Outcome:
    """What the service did with one question."""

    question: Question
    score: float  # the evidence score compared with the "not covered" threshold
    covered: bool
    rank: int | None  # 1-based rank of the first passage holding `expect`, None when absent
    unverified: int  # cited quotes that are not in their passage (must always be 0)


def load_questions(*paths: Path) -> list[Question]:
    """Read JSON-lines question files."""
    return [Question(**row) for path in paths for row in read_jsonl(path) if row]


def run(service: Any, questions: Iterable[Question], k: int = 5) -> list[Outcome]:
    """Ask every question and record its evidence score, retrieval rank and quote checks."""
    outcomes = []
    for item in questions:
        answer = service.ask(item.question, k)
        texts = [normalise_space(hit.passage.text) for hit in answer.hits]
        wanted = normalise_space(item.expect or "")
        rank = next((i for i, text in enumerate(texts, 1) if wanted and wanted in text), None)
        unverified = sum(not verify_quote(c.quote, c.passage) for c in answer.citations)
        score = 1.0 if answer.evidence is None else answer.evidence
        outcomes.append(Outcome(item, score, answer.covered, rank, unverified))
    return outcomes


def recall(outcomes: Sequence[Outcome], k: int) -> float:
    """Return the share of in-scope questions whose expected passage is in the top k."""
    scoped = [o for o in outcomes if o.question.covered]
    return sum(o.rank is not None and o.rank <= k for o in scoped) / len(scoped) if scoped else 0.0


def error_rates(outcomes: Sequence[Outcome], threshold: float) -> dict[str, float]:
    """Return false-accept (out of scope answered) and false-reject (in scope declined) rates."""
    inside = [o.score for o in outcomes if o.question.covered]
    outside = [o.score for o in outcomes if not o.question.covered]
    return {
        "threshold": round(threshold, 3),
        "false_accept": sum(s >= threshold for s in outside) / len(outside) if outside else 0.0,
        "false_reject": sum(s < threshold for s in inside) / len(inside) if inside else 0.0,
    }


def sweep(
    outcomes: Sequence[Outcome], start: float = 0.05, stop: float = 0.6, step: float = 0.01
) -> list[dict]:
    """Return the error rates at every threshold from start to stop."""
    count = round((stop - start) / step) + 1
    return [error_rates(outcomes, start + i * step) for i in range(count)]


def choose(rates: Sequence[dict[str, float]]) -> dict[str, float]:
    """Pick the threshold with the fewest errors (false accepts and rejects alike); ties take the middle."""
    cost = [r["false_accept"] + r["false_reject"] for r in rates]
    best = [r for r, c in zip(rates, cost, strict=True) if c == min(cost)]
    return best[len(best) // 2]  # the middle of the flat optimum keeps the widest margin both ways


def separation(outcomes: Sequence[Outcome]) -> float:
    """Return the chance an in-scope question scores above an out-of-scope one (ROC AUC)."""
    inside = [o.score for o in outcomes if o.question.covered]
    outside = [o.score for o in outcomes if not o.question.covered]
    pairs = [(a > b) + 0.5 * (a == b) for a in inside for b in outside]
    return sum(pairs) / len(pairs) if pairs else 0.0


def summary(outcomes: Sequence[Outcome], threshold: float) -> dict[str, Any]:
    """Return the headline numbers for a run at one threshold."""
    return {
        "questions": len(outcomes),
        "in_scope": sum(o.question.covered for o in outcomes),
        "recall@1": round(recall(outcomes, 1), 3),
        "recall@3": round(recall(outcomes, 3), 3),
        "recall@5": round(recall(outcomes, 5), 3),
        "unverified_quotes": sum(o.unverified for o in outcomes),
        "auc": round(separation(outcomes), 3),
        **error_rates(outcomes, threshold),
    }


def outcomes_over(sources: Sequence[Path], questions: Sequence[Question], encoder: Any) -> list[Outcome]:
    """Index the documents of several folders together in a temporary folder and run the questions."""
    with tempfile.TemporaryDirectory(prefix="qa-calibrate-") as tmp:
        docs = Path(tmp) / "docs"
        for source in sources:
            shutil.copytree(source, docs, dirs_exist_ok=True)
        return run(indexed_service(docs, Path(tmp) / "index", encoder), questions)
