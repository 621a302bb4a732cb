"""Coverage gaps: group the questions the documents did not answer by meaning (pure numpy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Gap:
    """Similar unanswered questions: the most asked one names the group."""

    label: str
    questions: tuple[tuple[str, int], ...]  # (question, times asked), most asked first

    @property
    def asked(self) -> int:
        """Return how many times the group's questions were asked in all."""
        return sum(count for _, count in self.questions)


def group_similar(questions: Sequence[tuple[str, int]], vectors: np.ndarray, threshold: float) -> list[Gap]:
    """Greedily group questions whose unit vectors have cosine >= threshold with a group's leader."""
    if len(questions) != len(vectors):
        raise ValueError(f"{len(questions)} questions but {len(vectors)} vectors")
    order = sorted(range(len(questions)), key=lambda i: (-questions[i][1], questions[i][0]))
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for i in order:
        # leader clustering, not k-means: stable, no k to choose, and the label is a real question
        scores = vectors[leaders] @ vectors[i] if leaders else np.empty(0)
        best = int(np.argmax(scores)) if len(scores) else -1
        if best >= 0 and scores[best] >= threshold:
            members[leaders[best]].append(i)
        else:
            leaders.append(i)
            members[i] = [i]
    gaps = [
        Gap(questions[lead][0], tuple(questions[m] for m in members[lead])) for lead in leaders
    ]  # fmt: skip
    return sorted(gaps, key=lambda g: (-g.asked, g.label))
