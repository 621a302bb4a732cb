"""Measure a corpus's chance support: ask questions no corpus answers and see how well they match.

When an index loads, each question in null_questions.txt (general knowledge, phrased as users ask) is
searched and scored exactly as a real question is. The bar is the PROBE_QUANTILE of their best-sentence
support plus PROBE_MARGIN: a real question must match better than chance does in *this* corpus. On the
seed (7 passages) the probes reach ~0.1, far below the evidence floor, so nothing changes there; on a
corpus of 10-K filings, where a table row holds "Capital" and "France", the bar rises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

NULL_QUESTIONS = Path(__file__).with_name("null_questions.txt")
PROBE_QUANTILE = 0.95  # of the probes' support: a bar above nearly every chance match
PROBE_MARGIN = 0.02


def null_questions(path: Path = NULL_QUESTIONS) -> list[str]:
    """Read the probe questions (one per line; '#' lines are comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def chance_bar(support_of: Callable[[str], float], questions: Sequence[str] | None = None) -> float:
    """Return the bar a question's support must reach: above what the null probes reach by chance."""
    scores = [support_of(question) for question in (questions or null_questions())]
    if not scores:
        return 0.0
    return round(float(np.quantile(scores, PROBE_QUANTILE)) + PROBE_MARGIN, 4)


def longest(questions: Sequence[str] | None = None) -> int:
    """Return the number of words of the longest probe question: how far their bar measures."""
    return max((len(question.split()) for question in (questions or null_questions())), default=0)
