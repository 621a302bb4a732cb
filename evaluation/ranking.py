"""Ranking metrics as BEIR computes them with pytrec_eval: nDCG@k, Recall@k, MRR@k."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

RECALL_CUTOFFS = (1, 5, 10, 100)


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """Return nDCG@k with linear graded gain; the ideal ranking comes from all judged passages."""
    ideal = sorted((grade for grade in grades.values() if grade > 0), reverse=True)[:k]
    ideal_dcg = sum(grade / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    if ideal_dcg == 0:
        return 0.0
    dcg = sum(max(grades.get(doc, 0), 0) / math.log2(rank + 2) for rank, doc in enumerate(ranked[:k]))
    return dcg / ideal_dcg


def recall_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Return the share of relevant passages (grade > 0) found in the top k."""
    relevant = {doc for doc, grade in grades.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def mrr_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """Return 1 / rank of the first relevant passage in the top k, else 0."""
    for rank, doc in enumerate(ranked[:k], 1):
        if grades.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def score_run(run: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]) -> dict[str, float]:
    """Average every metric over the judged queries in a run (query id -> ranked passage ids)."""
    judged = [query for query in run if query in qrels]
    if not judged:
        return {}
    totals: dict[str, float] = {"ndcg@10": 0.0, "mrr@10": 0.0}
    totals.update({f"recall@{k}": 0.0 for k in RECALL_CUTOFFS})
    for query in judged:
        ranked, grades = run[query], qrels[query]
        totals["ndcg@10"] += ndcg_at_k(ranked, grades, 10)
        totals["mrr@10"] += mrr_at_k(ranked, grades, 10)
        for k in RECALL_CUTOFFS:
            totals[f"recall@{k}"] += recall_at_k(ranked, grades, k)
    return {name: round(total / len(judged), 4) for name, total in totals.items()}
